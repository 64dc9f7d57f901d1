//! The one reader behind every import format: paragraphs as a format finds them (the lines of
//! a text, the paragraphs of a Word document) in, a structured draft out.
//!
//! A format reader turns its source into [`SourceParagraph`]s and hands them to [`classify`],
//! which works in four steps:
//!
//! 1. **Clean.** Word field codes (`EMBED`, `FILENAME … MERGEFORMAT`, with their marks),
//!    embedded-object names (`_1208779139.doc`), image placeholders (`[image: image1.png]`),
//!    page numbers (`- 3 -`, `5/10`, `Page 2`), separators and stray fragments are skipped wherever
//!    they stand; so are short lines repeated as running headers, and a translation of the
//!    text in another language that follows it.
//! 2. **Find the draft.** Whatever comes before it (a covering letter or report, a document
//!    header) is skipped. The draft starts at its title ("DRAFT DECLARATION OF …", possibly over
//!    several lines, which are joined), or without a title at its opening clause or its first
//!    preambular paragraph. The title block gives the title (in title case), the document symbol
//!    ("AG/doc.5200/11") and the document-level status line "(ad referendum of the delegation
//!    of Mexico)"; a document header may also give the body and the session.
//! 3. **Read the paragraphs.** Hard-wrapped lines are joined back. Numbers in any style ("1.",
//!    "1)", "(1)", "a)", "(a)", "(i)", "i.", "II.", "PP3", "OP7bis", bullets), typed or given by
//!    Word's automatic numbering, are removed and nest sub-paragraphs under their parent; "(i)"
//!    after "(h)" continues the letters, after "(a)" it opens roman numerals. Paragraphs whose
//!    number was lost in conversion are placed by their words. Kinds follow the structure of a
//!    declaration or resolution: opening clause, preambular paragraphs (opening with a
//!    participle, in capitals or set in italics or bold), verb line ("DECLARE:"), operative
//!    paragraphs; short headings in capitals or numbered "I." / "A." are section headings.
//!    Without a verb line (UN style), the first paragraph opening with an operative verb
//!    ("Decides") starts the operative part.
//! 4. **Read the statuses.** Annotations at the end or the start of a paragraph — "(Agreed)",
//!    "(APPROVED ad referendum of the delegation of Canada)", "(Pending)", "(Proposed by
//!    Brazil and Chile)", and their Spanish, French and Portuguese forms — become statuses and
//!    leave the text; an annotation on a line of its own belongs to the paragraph above it.
//!
//! A paragraph's status, in order of precedence: "(Pending)", then "(Proposed by …)", then
//! brackets around the whole paragraph (bracketed), then brackets left inside it (pending),
//! then an "(Agreed)" or ad referendum annotation. A paragraph whose words all stand inside a
//! bracket opened in an earlier paragraph or closed in a later one ("[Decides that:" / "(a) …;"
//! / "(b) ….]") is bracketed too. **An unmarked paragraph is agreed**: in a
//! negotiated draft whatever is not marked otherwise has been agreed (the chair's covering
//! report says so). A chair importing a text that was never negotiated changes the statuses
//! in review.
//!
//! The house style is UN when most preambular participles are set in italics or most
//! preambular paragraphs end with a comma, OAS otherwise.
//!
//! One module a step: [`lines`] cleans (step 1) and [`translation`] sets a translation aside
//! (1), [`front`] finds the draft (2), [`blocks`] joins lines into paragraphs, [`notes`] gives
//! them the footnotes at a page's foot and [`paragraphs`] reads their kinds (3), [`status`]
//! reads the statuses (4); [`numbers`] reads paragraph numbers and their levels, [`facts`] the
//! house style and language, [`matching`] compares words without regard to case. The Latin
//! suffixes of a label (bis … decies) are the numbering module's.

use super::markdown::footnote_definition;
use super::{ImportError, ImportedDraft, ImportedParagraph, SkippedLine};
use crate::model::NegotiationMeta;

mod blocks;
mod facts;
mod front;
mod lines;
mod matching;
mod notes;
mod numbers;
mod paragraphs;
mod status;
mod translation;

use blocks::{build_blocks, mark_running_headers, mark_title_heads};
pub(super) use facts::{house_style, language, warnings};
pub(super) use front::read_document_status;
use front::{find_draft, read_front};
use lines::read_lines;
pub(super) use lines::{clean_tagged, normalize};
pub(super) use numbers::{parse_marker, to_roman, Marker, Token};
use paragraphs::Reader;
pub(super) use status::{footnote, read_status};
use translation::mark_translation;

/// One paragraph of the source as a format reader finds it: a line of a text, or a paragraph
/// (or the part of one after a line break) of a Word document.
#[derive(Debug, Clone, Default)]
pub(super) struct SourceParagraph {
    /// 1-based position in the source: the line of a text, the paragraph of a Word document.
    pub number: usize,
    /// The text as found: tabs and Word's field marks (U+0013 instruction U+0014 result
    /// U+0015) kept.
    pub text: String,
    /// May continue the source paragraph above when it reads so: a hard-wrapped line of a
    /// text, or the part of a Word paragraph after a line break. Without it only a status
    /// annotation standing alone joins the paragraph above.
    pub wraps: bool,
    /// The number Word's automatic numbering gives the paragraph; typed numbers are read from
    /// the text.
    pub number_marker: Option<Marker>,
    /// The level of the list a typed number stands in, when the source says so: a Markdown
    /// list item indented under another is one level deeper.
    pub list_level: Option<usize>,
    /// The opening words are set apart in italics or bold.
    pub emphasis: Option<Emphasis>,
    /// The texts of the footnotes the paragraph refers to.
    pub footnotes: Vec<String>,
    /// Set apart by the source as a heading (a Markdown `#` line): a section heading once the
    /// draft has started.
    pub heading: bool,
    /// A table of data, its cells in order between tabs: one paragraph wherever it stands,
    /// never a number, debris or a heading.
    pub table: bool,
}

/// How the opening words of a paragraph are set apart from the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Emphasis {
    Italic,
    Bold,
}

/// Reads a draft from the paragraphs of its source.
///
/// Fails when no paragraph of a draft is recognized.
pub(super) fn classify(source: Vec<SourceParagraph>) -> Result<ImportedDraft, ImportError> {
    let mut lines = read_lines(source);
    mark_translation(&mut lines);
    let repeated = mark_running_headers(&mut lines);
    let content: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].is_content()).collect();
    let start = find_draft(&lines, &content).ok_or(ImportError::NoDraftFound)?;

    let mut skipped = Vec::new();
    let mut meta = NegotiationMeta::default();
    let first_line = content.get(start.paragraphs).map_or(lines.len(), |&i| i);
    read_front(&lines, &content, &start, &mut meta, &mut skipped);
    mark_title_heads(&mut lines, first_line, &meta.title);
    let blocks = build_blocks(&lines, first_line, &repeated, &mut skipped);
    let mut reader = Reader::default();
    for block in blocks {
        reader.read(block, &mut meta, &mut skipped, &lines);
    }
    let (mut paragraphs, emphasis) = reader.finish(&lines, &mut skipped);
    status::read_spanning_brackets(&mut paragraphs);
    if paragraphs.is_empty() {
        return Err(ImportError::NoDraftFound);
    }
    meta.house_style = house_style(&paragraphs, &emphasis);
    meta.language = language(&paragraphs).to_string();
    keep_untaken_definitions(&mut skipped, &paragraphs);
    skipped.sort_by_key(|s: &SkippedLine| s.line);
    join_parts_of_a_line(&mut skipped);
    let warnings = warnings(&paragraphs);
    Ok(ImportedDraft { meta, paragraphs, skipped, warnings })
}

/// The parts of one source line skipped for one reason are one skipped line: the title block
/// of a run-in text, a Word paragraph broken by line breaks.
fn join_parts_of_a_line(skipped: &mut Vec<SkippedLine>) {
    skipped.dedup_by(|part, kept| {
        let same = part.line == kept.line && part.reason == kept.reason;
        if same {
            kept.text = format!("{} {}", kept.text, part.text);
        }
        same
    });
}

/// A footnote definition (`[^12]: …`) stays among the skipped lines only when no paragraph
/// took its note: then it is a note on the title block.
fn keep_untaken_definitions(skipped: &mut Vec<SkippedLine>, paragraphs: &[ImportedParagraph]) {
    let taken: Vec<&str> =
        paragraphs.iter().flat_map(|p| &p.footnotes).map(|note| note.text.as_str()).collect();
    skipped.retain(|line| {
        footnote_definition(&line.text).is_none_or(|(_, text)| !taken.contains(&text.trim()))
    });
}

#[cfg(test)]
mod tests {
    use crate::model::ParagraphKind;

    #[test]
    fn a_pdf_page_foot_becomes_the_footnote_of_its_paragraph_and_the_text_joins_up() {
        let text = "The Sixty-sixth World Health Assembly,\n\
            Noting the report on neglected tropical diseases;1\n\
            1. URGES Member States:\n\
            (1) to expand interventions against neglected tropical diseases in order to reach the\n\
            targets agreed in the Global Plan, as\n\n1\n\nDocument A66/20.\n\n\
            set out in the road map;\n\
            2. REQUESTS the Director-General to report.\n";
        let draft = super::super::text::import_text(text).unwrap();
        let kinds: Vec<_> = draft.paragraphs.iter().map(|p| (p.kind, p.parent)).collect();
        assert_eq!(
            kinds,
            [
                (ParagraphKind::OpeningClause, None),
                (ParagraphKind::Preambular, None),
                (ParagraphKind::Operative, None),
                (ParagraphKind::SubParagraph, Some(2)),
                (ParagraphKind::Operative, None),
            ]
        );
        assert_eq!(draft.paragraphs[1].footnotes[0].text, "Document A66/20.");
        assert!(draft.paragraphs[3].text.ends_with("Global Plan, as set out in the road map;"));
    }

    #[test]
    fn an_adopted_resolution_headed_by_its_number_gives_its_symbol_and_title() {
        let text =
            "WHA66.13 Status of collection of assessed contributions, including Member States\n\
            in arrears\n\
            The Sixty-sixth World Health Assembly,\n\
            Having considered the reports;\n\
            1. DECIDES that the suspension shall continue.\n";
        let draft = super::super::text::import_text(text).unwrap();
        assert_eq!(draft.meta.symbol, "WHA66.13");
        assert_eq!(
            draft.meta.title,
            "Status of collection of assessed contributions, including Member States in arrears"
        );
        assert_eq!(draft.paragraphs[0].kind, ParagraphKind::OpeningClause);
    }

    #[test]
    fn an_opening_clause_starts_the_draft_and_what_follows_it_is_preambular() {
        let markdown = "---\ntitle: An agreement\nedit: true\n---\n\n\
            *This is the agreement as published, with the decision that adopts it.*\n\n\
            ## Preamble\n\nThe Parties to this Agreement,\n\n\
            *Being* Parties to the Convention,\n\n\
            *In pursuit* of the objective of the Convention,\n\n\
            *Recognizing* the need for an effective response,\n\n\
            *Also recognizing* the needs of developing countries,\n\n\
            Have agreed as follows:\n\n## Article 1\n\n1. The Parties shall act.\n";
        let text = "The Conference of the Parties,\n\
            In pursuit of the objective of the Convention and guided by its\n\
            principles,\n\
            Pursuant to decision 1/CP.17,\n\
            Recognizing the need for an effective response,\n\
            1. Decides to act.\n";
        for (input, preambular, first) in [(markdown, 4, "Being"), (text, 3, "In pursuit")] {
            let draft = crate::import::import_text(input).unwrap();
            let kinds: Vec<_> = draft.paragraphs.iter().map(|p| p.kind).collect();
            assert_eq!(kinds[0], ParagraphKind::OpeningClause, "{input}");
            assert_eq!(kinds[1..=preambular], vec![ParagraphKind::Preambular; preambular]);
            assert!(draft.paragraphs[1].text.starts_with(first), "{input}");
        }
    }

    #[test]
    fn items_glued_to_the_line_before_are_split_only_where_their_list_goes_on() {
        let text = "LA ASAMBLEA GENERAL,\n\
            RESUELVE:\n\
            1. Convocar una reunión en 2026. 2. Encomendar al Consejo Permanente que informe:\n\
            a. sobre los puertos; y b. sobre las carreteras.\n\
            3. Tomar nota de la cifra de 4. 5 millones y del párrafo 3. 4 del informe.\n\
            4. Solicitar un informe en 2027. 6. Nada más.\n";
        let draft = super::super::text::import_text(text).unwrap();
        let read = crate::import::testing::numbers_and_texts(&draft);
        assert_eq!(
            read[2..],
            [
                (Some("1"), "Convocar una reunión en 2026."),
                (Some("2"), "Encomendar al Consejo Permanente que informe:"),
                (Some("a"), "sobre los puertos; y"),
                (Some("b"), "sobre las carreteras."),
                (
                    Some("3"),
                    "Tomar nota de la cifra de 4. 5 millones y del párrafo 3. 4 del informe."
                ),
                (Some("4"), "Solicitar un informe en 2027. 6. Nada más."),
            ]
        );
    }

    #[test]
    fn an_opening_clause_glued_to_the_first_paragraph_is_split_from_it() {
        let text = "The Sixty-sixth World Health Assembly, Having considered the report,\n\
            1. URGES Member States to act.\n";
        let draft = super::super::text::import_text(text).unwrap();
        let read: Vec<_> = draft.paragraphs.iter().map(|p| (p.kind, p.text.as_str())).collect();
        assert_eq!(
            read[..2],
            [
                (ParagraphKind::OpeningClause, "The Sixty-sixth World Health Assembly,"),
                (ParagraphKind::Preambular, "Having considered the report,"),
            ]
        );
    }
}
