//! Word (`.docx`) through `docx-rs`: named paragraph styles (so a secretariat can restyle the
//! document), printed numbers followed by a tab over a hanging indent, real footnotes, a footer
//! naming the round with the page number, a "DRAFT" header when asked, and for comparisons real
//! tracked changes (`w:ins`/`w:del` runs and paragraph marks) plus Word comments for moves and
//! status changes, which accepting or rejecting changes leaves alone.
//!
//! In the clean and working texts for Word, each paragraph's content is a bookmark named by its
//! id (`acc_` and the uuid's hex digits), so that a copy returned with tracked changes names its
//! paragraphs (`import::tracked`).
//!
//! Numbers are printed text, not Word list numbering: the number a delegation reads is the one
//! Accord computed (deleted paragraphs use none up), and a renumbering shows in a comparison as
//! a tracked change of the number.
//!
//! `docx-rs` writes no `w:footnoteRef` mark in a footnote's own paragraph (the number at the
//! foot of the page) nor the separator footnotes Word writes: both are added to the built
//! `footnotes.xml` part before packing ([`finish_footnotes`]); and its property lists are put
//! into schema order (`ooxml`).

use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Comment, Delete, Docx, Footer, Footnote, Header, Insert, LineSpacing,
    PageMargin, PageNum, Paragraph, Run, RunFonts, Shading, SpecialIndentType, Style, StyleType,
    Tab, TabValueType, Table, TableCell, TableRow, VertAlignType, WidthType,
};

use super::report::Report;
use super::sheet::{balanced, Block, Look, Mark, Segment, Sheet, SheetKind, Whole};
use super::{ooxml, WORD_EXPORT_PROPERTY};
use crate::model::{HouseStyle, ParagraphKind};
use crate::{Error, Result};

/// Paragraph styles, by id. Tests and secretariats find paragraphs by these.
pub(crate) mod styles {
    pub const MASTHEAD: &str = "Masthead";
    pub const DRAFT_MARK: &str = "DraftMark";
    pub const TITLE: &str = "DocumentTitle";
    pub const SUBTITLE: &str = "DocumentSubtitle";
    pub const INTRO: &str = "Intro";
    pub const OPENING_CLAUSE: &str = "OpeningClause";
    pub const PREAMBULAR: &str = "Preambular";
    pub const VERB_LINE: &str = "VerbLine";
    pub const OPERATIVE: &str = "Operative";
    pub const SECTION_HEADING: &str = "SectionHeading";
    /// Followed by the depth: "SubParagraph1", "SubParagraph2"…
    pub const SUB_PARAGRAPH: &str = "SubParagraph";
    pub const WORKING_LABEL: &str = "WorkingLabel";
    pub const WORKING_NOTE: &str = "WorkingNote";
    pub const REMARK: &str = "Remark";
    pub const TABLE_CAPTION: &str = "TableCaption";
    pub const TABLE_TEXT: &str = "TableText";
    pub const FOOTER: &str = "Footer";
    pub const FOOTNOTE_TEXT: &str = "FootnoteText";
    pub const FOOTNOTE_REFERENCE: &str = "FootnoteReference";
}

/// Sub-paragraph depths with their own style; deeper ones use the last.
const SUB_DEPTHS: u8 = 4;
/// One indentation step: half an inch.
const STEP: i32 = 720;
/// Twelve points after each paragraph.
const AFTER: u32 = 240;
const FONT: &str = "Times New Roman";
/// Characters of a title line: longer titles are set on balanced lines.
const TITLE_WIDTH: usize = 56;
/// Characters of a subtitle line, in regular weight.
const SUBTITLE_WIDTH: usize = 84;
/// The author of comments that explain a comparison.
const COMMENT_AUTHOR: &str = "Accord";
/// Stands for a footnote's own reference mark until [`finish_footnotes`] replaces it.
const FOOTNOTE_MARK: &str = "\u{E000}accord-footnote-ref\u{E000}";

/// What a comparison's marks mean, in Word and in its PDF.
pub(crate) const LEGEND: &str = "Inserted text is underlined and deleted text struck through, as \
    tracked changes that can be accepted or rejected; comments note moved paragraphs and changes \
    of status.";

/// The legend of a printed comparison.
const PRINTED_LEGEND: &str = "Inserted text is underlined and deleted text struck through; \
    notes in small italics mark moved paragraphs and changes of status.";

/// Page geometry in twentieths of a point.
struct Page {
    width: u32,
    height: u32,
    margin: i32,
}

impl Page {
    fn of(style: HouseStyle) -> Page {
        match style {
            // The OAS prints on US Letter, the UN on A4.
            HouseStyle::Oas => Page { width: 12240, height: 15840, margin: 1440 },
            HouseStyle::Un => Page { width: 11906, height: 16838, margin: 1418 },
        }
    }

    fn text_width(&self) -> i32 {
        self.width as i32 - 2 * self.margin
    }
}

/// What a `.docx` is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// To be opened in Word: a comparison's remarks are comments, outside the text.
    Word,
    /// To be printed (made into a PDF): remarks are printed under their paragraph, as PDF
    /// readers and printers do not show Word comments.
    Print,
}

/// A text export as `.docx`; `kind` names it in [`WORD_EXPORT_PROPERTY`].
pub(crate) fn sheet(sheet: &Sheet, target: Target, kind: &str) -> Result<Vec<u8>> {
    let page = Page::of(sheet.style);
    let mut doc =
        base(sheet.draft, &sheet.footer, &page).custom_property(WORD_EXPORT_PROPERTY, kind);
    doc = masthead(doc, &sheet.masthead.organ, &sheet.masthead.reference, &page);
    if sheet.draft {
        doc = doc.add_paragraph(styled_text(styles::DRAFT_MARK, "DRAFT"));
    }
    doc = doc.add_paragraph(lines(styles::TITLE, &balanced(&sheet.title, TITLE_WIDTH)));
    for line in &sheet.subtitle {
        let parts: Vec<String> =
            line.split('\n').flat_map(|part| balanced(part, SUBTITLE_WIDTH)).collect();
        doc = doc.add_paragraph(lines(styles::SUBTITLE, &parts));
    }
    for line in &sheet.intro {
        doc = doc.add_paragraph(styled_text(styles::INTRO, line));
    }
    if sheet.kind == SheetKind::Compare {
        let legend = match target {
            Target::Word => LEGEND,
            Target::Print => PRINTED_LEGEND,
        };
        doc = doc.add_paragraph(styled_text(styles::INTRO, legend));
    }
    let mut ids = Ids::default();
    for block in &sheet.blocks {
        if let Some(working) = &block.working {
            let label = Paragraph::new()
                .style(styles::WORKING_LABEL)
                .add_run(Run::new().bold().add_text(&working.label))
                .add_run(Run::new().add_text(format!("  {}", working.status_text)));
            doc = doc.add_paragraph(label);
        }
        doc = doc.add_paragraph(paragraph(block, sheet, target, &mut ids));
        if target == Target::Print {
            for remark in &block.remarks {
                let note = Paragraph::new()
                    .style(styles::REMARK)
                    .add_run(Run::new().add_text(format!("» {remark}")));
                doc = doc.add_paragraph(indent_like(note, block));
            }
        }
        if let Some(working) = &block.working {
            for detail in &working.details {
                let note = Paragraph::new()
                    .style(styles::WORKING_NOTE)
                    .add_run(Run::new().add_text(detail));
                doc = doc.add_paragraph(indent_like(note, block));
            }
        }
    }
    pack(doc, sheet.revision.as_ref().map(|r| r.date))
}

/// The status report as `.docx`: its tables are real Word tables.
pub(crate) fn report(report: &Report, kind: &str) -> Result<Vec<u8>> {
    let page = Page::of(report.style);
    let mut doc =
        base(report.draft, &report.footer, &page).custom_property(WORD_EXPORT_PROPERTY, kind);
    doc = masthead(doc, &report.masthead.organ, &report.masthead.reference, &page);
    if report.draft {
        doc = doc.add_paragraph(styled_text(styles::DRAFT_MARK, "DRAFT"));
    }
    doc = doc.add_paragraph(styled_text(styles::TITLE, &report.heading));
    for line in &report.subtitle {
        doc = doc.add_paragraph(styled_text(styles::SUBTITLE, line));
    }
    doc = doc.add_paragraph(styled_text(styles::INTRO, &report.sentence));
    let width = page.text_width();
    for table in &report.tables {
        doc = doc.add_paragraph(styled_text(styles::TABLE_CAPTION, &table.caption));
        if table.rows.is_empty() {
            doc = doc.add_paragraph(styled_text(styles::TABLE_TEXT, &table.empty));
            continue;
        }
        let columns = table.headers.len().max(1);
        let widths = column_widths(&table.widths, columns, width);
        let cell = |text: &str, w: usize, header: bool| {
            let mut run = Run::new().add_text(text);
            if header {
                run = run.bold();
            }
            let mut cell = TableCell::new()
                .width(w, WidthType::Dxa)
                .add_paragraph(Paragraph::new().style(styles::TABLE_TEXT).add_run(run));
            if header {
                cell = cell.shading(Shading::new().fill("E7E6E6"));
            }
            cell
        };
        let mut rows = vec![TableRow::new(
            table.headers.iter().zip(&widths).map(|(h, w)| cell(h, *w, true)).collect(),
        )];
        for row in &table.rows {
            rows.push(TableRow::new(
                row.iter().zip(&widths).map(|(text, w)| cell(text, *w, false)).collect(),
            ));
        }
        doc = doc.add_table(
            Table::new(rows).set_grid(widths.clone()).width(width as usize, WidthType::Dxa),
        );
    }
    pack(doc, Some(report.date))
}

/// Column widths in twips from relative weights.
fn column_widths(weights: &[u32], columns: usize, width: i32) -> Vec<usize> {
    let weights: Vec<u32> =
        (0..columns).map(|i| weights.get(i).copied().unwrap_or(1).max(1)).collect();
    let total: u32 = weights.iter().sum();
    weights.iter().map(|w| (width as u32 * w / total) as usize).collect()
}

/// Ids of footnotes, comments and bookmarks, from 1 in document order.
#[derive(Default)]
struct Ids {
    footnote: usize,
    comment: usize,
    bookmark: usize,
}

/// The paragraph of a block, with its number, text, annotation, footnotes and changes.
fn paragraph(block: &Block, sheet: &Sheet, target: Target, ids: &mut Ids) -> Paragraph {
    let revision = sheet.revision.as_ref();
    let author = match &block.author {
        Some(author) => author.clone(),
        None => revision.map_or(String::new(), |r| r.author.clone()),
    };
    let date = revision.map_or(String::new(), |r| iso_date(r.date));
    let mut p = Paragraph::new().style(&style_of(block));
    if block.kind == ParagraphKind::VerbLine || block.kind == ParagraphKind::SectionHeading {
        p = p.keep_next(true);
    }
    // A document sent back with tracked changes names its paragraphs by these bookmarks
    // (`import::tracked`); a printed one has no use for them.
    let bookmark = block.id.filter(|_| target == Target::Word).map(|id| {
        ids.bookmark += 1;
        (ids.bookmark, id.bookmark_name())
    });
    if let Some((id, name)) = &bookmark {
        p = p.add_bookmark_start(*id, name);
    }
    let mut comment_ids = Vec::new();
    let comments = if target == Target::Word { block.remarks.as_slice() } else { &[] };
    for remark in comments {
        ids.comment += 1;
        let comment = Comment::new(ids.comment)
            .author(COMMENT_AUTHOR)
            .date(&date)
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(remark)));
        p = p.add_comment_start(comment);
        comment_ids.push(ids.comment);
    }
    let track = |p: Paragraph, run: Run, mark: Mark| match mark {
        Mark::Same => p.add_run(run),
        Mark::Inserted => p.add_insert(Insert::new(run).author(&author).date(&date)),
        Mark::Deleted => p.add_delete(Delete::new().add_run(run).author(&author).date(&date)),
    };
    // Runs that belong to the paragraph as a whole (the tab after its number, its footnote
    // references) follow the paragraph's own fate.
    let whole_mark = match block.whole {
        Whole::Inserted => Mark::Inserted,
        Whole::Deleted => Mark::Deleted,
        Whole::Same => Mark::Same,
    };
    if !block.number.is_empty() {
        for segment in &block.number {
            p = track(p, run(segment, block.struck), segment.look.mark);
        }
        p = track(p, Run::new().add_tab(), whole_mark);
    }
    for segment in block.text.iter().chain(&block.annotation) {
        p = track(p, run(segment, block.struck), segment.look.mark);
    }
    for text in &block.footnotes {
        ids.footnote += 1;
        // The mark at the foot of the page: superscript by its style in Word, and by its own
        // properties for LibreOffice, which ignores the style on a footnote's own mark.
        let mut mark = Run::new().style(styles::FOOTNOTE_REFERENCE).add_text(FOOTNOTE_MARK);
        mark.run_property = mark.run_property.vert_align(VertAlignType::SuperScript);
        let note = Footnote {
            id: ids.footnote,
            content: vec![Paragraph::new()
                .style(styles::FOOTNOTE_TEXT)
                .add_run(mark)
                .add_run(Run::new().add_text(format!(" {text}")))],
        };
        p = track(p, Run::new().add_footnote_reference(note), whole_mark);
    }
    for id in comment_ids {
        p = p.add_comment_end(id);
    }
    if let Some((id, _)) = bookmark {
        p = p.add_bookmark_end(id);
    }
    match block.whole {
        Whole::Inserted => p.insert(author, date),
        Whole::Deleted => p.delete(author, date),
        Whole::Same => p,
    }
}

/// A run of one segment: italic, highlighted brackets, struck (a deleted paragraph in the
/// working text), deleted text as `w:delText`.
fn run(segment: &Segment, struck: bool) -> Run {
    let Look { italic, bracket, mark } = segment.look;
    let mut run = if mark == Mark::Deleted {
        Run::new().add_delete_text(&segment.text)
    } else {
        Run::new().add_text(&segment.text)
    };
    if italic {
        run = run.italic();
    }
    if bracket {
        run = run.highlight("lightGray");
    }
    if struck {
        run = run.strike();
    }
    run
}

fn style_of(block: &Block) -> String {
    match block.kind {
        ParagraphKind::OpeningClause => styles::OPENING_CLAUSE.into(),
        ParagraphKind::Preambular => styles::PREAMBULAR.into(),
        ParagraphKind::VerbLine => styles::VERB_LINE.into(),
        ParagraphKind::Operative => styles::OPERATIVE.into(),
        ParagraphKind::SectionHeading => styles::SECTION_HEADING.into(),
        ParagraphKind::SubParagraph => {
            format!("{}{}", styles::SUB_PARAGRAPH, block.depth.clamp(1, SUB_DEPTHS))
        }
    }
}

/// In the working text, notes line up with the paragraph's text.
fn indent_like(p: Paragraph, block: &Block) -> Paragraph {
    match block.kind {
        ParagraphKind::Operative => p.indent(Some(STEP), None, None, None),
        ParagraphKind::SubParagraph => {
            let depth = i32::from(block.depth.clamp(1, SUB_DEPTHS));
            p.indent(Some(STEP * (depth + 1)), None, None, None)
        }
        _ => p,
    }
}

/// A paragraph of lines separated by line breaks.
fn lines(style: &str, lines: &[String]) -> Paragraph {
    let mut p = Paragraph::new().style(style);
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
        }
        p = p.add_run(Run::new().add_text(line));
    }
    p
}

fn styled_text(style: &str, text: &str) -> Paragraph {
    Paragraph::new().style(style).add_run(Run::new().add_text(text))
}

/// "2011-04-27T00:00:00Z", as Word dates its revisions.
fn iso_date(date: chrono::NaiveDate) -> String {
    format!("{}T00:00:00Z", date.format("%Y-%m-%d"))
}

/// The document with its page, styles, header and footer.
fn base(draft: bool, footer_text: &str, page: &Page) -> Docx {
    let fonts = RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT).east_asia(FONT);
    let mut doc = Docx::new()
        .page_size(page.width, page.height)
        .page_margin(PageMargin {
            top: page.margin,
            left: page.margin,
            bottom: page.margin,
            right: page.margin,
            header: 708,
            footer: 708,
            gutter: 0,
        })
        .default_fonts(fonts)
        .default_size(24)
        .default_tab_stop(STEP as usize);
    for s in paragraph_styles() {
        doc = doc.add_style(s);
    }
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .style(styles::FOOTER)
            .add_tab(Tab::new().val(TabValueType::Right).pos(page.text_width() as usize))
            .add_run(Run::new().add_text(footer_text))
            .add_run(Run::new().add_tab())
            .add_page_num(PageNum::new()),
    );
    doc = doc.footer(footer);
    if draft {
        doc = doc.header(
            Header::new().add_paragraph(Paragraph::new().align(AlignmentType::Right).add_run(
                Run::new().bold().color("C00000").character_spacing(40).add_text("DRAFT"),
            )),
        );
    }
    doc
}

/// The masthead: organ lines on the left, the reference block from a tab stop on the right,
/// then an empty line.
fn masthead(mut doc: Docx, organ: &[String], reference: &[String], page: &Page) -> Docx {
    let lines = organ.len().max(reference.len());
    let tab = (page.text_width() - 3 * STEP) as usize;
    for i in 0..lines {
        let mut p = Paragraph::new()
            .style(styles::MASTHEAD)
            .add_tab(Tab::new().val(TabValueType::Left).pos(tab));
        if let Some(left) = organ.get(i) {
            p = p.add_run(Run::new().bold().add_text(left));
        }
        if let Some(right) = reference.get(i) {
            p = p.add_run(Run::new().add_tab()).add_run(Run::new().add_text(right));
        }
        doc = doc.add_paragraph(p);
    }
    doc.add_paragraph(Paragraph::new().style(styles::MASTHEAD))
}

/// The named paragraph styles; the house styles differ in runs (italics), not in these.
/// Word's paragraph styles: the text's own, then the working and furniture styles.
fn paragraph_styles() -> Vec<Style> {
    let mut out = text_styles();
    out.extend(working_styles());
    for depth in 1..=SUB_DEPTHS {
        let left = STEP * (i32::from(depth) + 1);
        out.push(spaced(
            para(&format!("{}{depth}", styles::SUB_PARAGRAPH), &format!("Sub-paragraph {depth}"))
                .align(AlignmentType::Both)
                .indent(Some(left), Some(SpecialIndentType::Hanging(STEP)), None, None),
        ));
    }
    let mut reference =
        Style::new(styles::FOOTNOTE_REFERENCE, StyleType::Character).name("footnote reference");
    reference.run_property = reference.run_property.vert_align(VertAlignType::SuperScript);
    out.push(reference);
    out
}

/// A paragraph style based on Normal.
fn para(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph).name(name).based_on("Normal")
}

fn spaced(s: Style) -> Style {
    s.line_spacing(LineSpacing::new().before(0).after(AFTER))
}

/// Kept with the next paragraph.
fn keep(mut s: Style) -> Style {
    s.paragraph_property = s.paragraph_property.keep_next(true);
    s
}

/// The styles of the text itself: title block, clauses, paragraphs, headings.
fn text_styles() -> Vec<Style> {
    let first_line = Some(SpecialIndentType::FirstLine(STEP));
    vec![
        para(styles::MASTHEAD, "Masthead").size(22).line_spacing(LineSpacing::new().after(0)),
        keep(spaced(para(styles::DRAFT_MARK, "Draft mark").bold().align(AlignmentType::Center)))
            .color("C00000"),
        keep(spaced(para(styles::TITLE, "Document title").bold().align(AlignmentType::Center))),
        keep(spaced(para(styles::SUBTITLE, "Document subtitle").align(AlignmentType::Center))),
        spaced(para(styles::INTRO, "Introduction").italic().align(AlignmentType::Both)),
        spaced(para(styles::OPENING_CLAUSE, "Opening clause").align(AlignmentType::Both).indent(
            Some(0),
            first_line,
            None,
            None,
        )),
        spaced(para(styles::PREAMBULAR, "Preambular paragraph").align(AlignmentType::Both).indent(
            Some(0),
            first_line,
            None,
            None,
        )),
        keep(spaced(para(styles::VERB_LINE, "Operative verb line").align(AlignmentType::Left))),
        spaced(para(styles::OPERATIVE, "Operative paragraph").align(AlignmentType::Both).indent(
            Some(STEP),
            Some(SpecialIndentType::Hanging(STEP)),
            None,
            None,
        )),
        keep(spaced(
            para(styles::SECTION_HEADING, "Section heading")
                .bold()
                .align(AlignmentType::Center)
                .line_spacing(LineSpacing::new().before(AFTER).after(AFTER)),
        )),
    ]
}

/// Working labels and notes, comparison remarks, tables, footer and footnotes.
fn working_styles() -> Vec<Style> {
    vec![
        keep(
            para(styles::WORKING_LABEL, "Working label")
                .size(20)
                .color("404040")
                .line_spacing(LineSpacing::new().before(60).after(40)),
        ),
        para(styles::WORKING_NOTE, "Working note")
            .size(20)
            .italic()
            .color("404040")
            .line_spacing(LineSpacing::new().before(0).after(120)),
        para(styles::REMARK, "Comparison remark")
            .size(20)
            .italic()
            .color("404040")
            .line_spacing(LineSpacing::new().before(0).after(160)),
        keep(
            para(styles::TABLE_CAPTION, "Table caption")
                .bold()
                .line_spacing(LineSpacing::new().before(AFTER).after(120)),
        ),
        para(styles::TABLE_TEXT, "Table text").size(20).line_spacing(LineSpacing::new().after(40)),
        para(styles::FOOTER, "footer").size(18).color("404040"),
        para(styles::FOOTNOTE_TEXT, "footnote text")
            .size(20)
            .line_spacing(LineSpacing::new().after(60)),
    ]
}

/// Builds, finishes the footnotes part and zips the document.
fn pack(doc: Docx, date: Option<chrono::NaiveDate>) -> Result<Vec<u8>> {
    let doc = match date {
        Some(date) => doc.created_at(&iso_date(date)).updated_at(&iso_date(date)),
        None => doc,
    };
    let mut xml = doc.build();
    xml.footnotes = finish_footnotes(&xml.footnotes)?;
    for part in [&mut xml.document, &mut xml.styles, &mut xml.footnotes, &mut xml.comments]
        .into_iter()
        .chain(xml.headers.iter_mut())
        .chain(xml.footers.iter_mut())
    {
        *part = ooxml::canonical(part)?;
    }
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(|e| Error::Export(format!("could not write the .docx: {e}")))?;
    Ok(out.into_inner())
}

/// Puts the `w:footnoteRef` mark where [`FOOTNOTE_MARK`] stands and adds the separator and
/// continuation separator footnotes Word expects before the first real one.
fn finish_footnotes(part: &[u8]) -> Result<Vec<u8>> {
    let xml = std::str::from_utf8(part)
        .map_err(|e| Error::Export(format!("footnotes are not UTF-8: {e}")))?;
    let marked = format!(r#"<w:t xml:space="preserve">{FOOTNOTE_MARK}</w:t>"#);
    if !xml.contains(&marked) {
        return Ok(part.to_vec());
    }
    let xml = xml.replace(&marked, "<w:footnoteRef />");
    let separators = concat!(
        r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:separator /></w:r></w:p></w:footnote>"#,
        r#"<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto" /></w:pPr><w:r><w:continuationSeparator /></w:r></w:p></w:footnote>"#,
    );
    let open = xml
        .find("<w:footnotes")
        .and_then(|start| xml[start..].find('>').map(|end| start + end + 1))
        .ok_or_else(|| Error::Export("the footnotes part has no <w:footnotes> element".into()))?;
    Ok(format!("{}{separators}{}", &xml[..open], &xml[open..]).into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_marks_become_footnote_refs_after_the_separators() {
        let part = format!(
            r#"<?xml version="1.0"?><w:footnotes xmlns:w="x"><w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{FOOTNOTE_MARK}</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let done = String::from_utf8(finish_footnotes(part.as_bytes()).unwrap()).unwrap();
        assert!(done.contains("<w:footnoteRef />"));
        assert!(!done.contains(FOOTNOTE_MARK));
        let separator = done.find(r#"w:id="-1""#).unwrap();
        assert!(separator < done.find(r#"w:id="1""#).unwrap());
        assert!(done.find(r#"w:id="0""#).unwrap() > separator);
    }

    #[test]
    fn a_part_without_footnotes_is_left_alone() {
        let part = br#"<w:footnotes xmlns:w="x" />"#;
        assert_eq!(finish_footnotes(part).unwrap(), part.to_vec());
    }

    #[test]
    fn column_widths_follow_their_weights() {
        assert_eq!(column_widths(&[1, 3], 2, 8000), vec![2000, 6000]);
        assert_eq!(column_widths(&[], 2, 8000), vec![4000, 4000]);
    }
}
