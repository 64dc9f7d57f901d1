//! Plain text, 78 columns: the masthead in two columns, the title centred, numbers as printed
//! with hanging indents, sub-paragraphs indented a step per level, footnotes at the end with
//! superscript marks (square brackets belong to the negotiation), and the round on the last
//! line. A comparison marks {+inserted+} and {-deleted-} text.

use super::report::{Report, Table};
use super::sheet::{balanced, Block, Mark, Segment, Sheet, SheetKind};
use crate::model::ParagraphKind;

/// The width of a line.
pub(crate) const WIDTH: usize = 78;
/// One indentation step, and the width of a number's field.
const STEP: usize = 5;

/// A text export as plain text.
pub(crate) fn sheet(sheet: &Sheet) -> String {
    let mut lines: Vec<String> = Vec::new();
    front(&mut lines, sheet);
    let mut footnotes: Vec<&str> = Vec::new();
    for block in &sheet.blocks {
        paragraph(&mut lines, block, &mut footnotes);
    }
    if !footnotes.is_empty() {
        lines.push("__________".into());
        lines.push(String::new());
        for (i, note) in footnotes.iter().enumerate() {
            let mark = superscript(i + 1);
            let first = format!("{mark:<4}");
            lines.extend(wrap(note, WIDTH, &first, "    "));
        }
        lines.push(String::new());
    }
    lines.push("-".repeat(WIDTH));
    lines.extend(wrap(&sheet.footer, WIDTH, "", ""));
    finish(lines)
}

/// The masthead, draft mark, centred title and subtitles, introduction and a comparison's legend.
fn front(lines: &mut Vec<String>, sheet: &Sheet) {
    masthead(lines, &sheet.masthead.organ, &sheet.masthead.reference);
    if sheet.draft {
        lines.push(centred("D R A F T"));
        lines.push(String::new());
    }
    for line in balanced(&sheet.title, WIDTH - 12) {
        lines.push(centred(&line));
    }
    for subtitle in &sheet.subtitle {
        for line in subtitle.split('\n').flat_map(|part| balanced(part, WIDTH - 8)) {
            lines.push(centred(&line));
        }
    }
    lines.push(String::new());
    for intro in &sheet.intro {
        lines.extend(wrap(intro, WIDTH, "", ""));
        lines.push(String::new());
    }
    if sheet.kind == SheetKind::Compare {
        let legend = "Inserted text is marked {+like this+} and deleted text {-like this-}; lines \
                      beginning with » note moved paragraphs and changes of status.";
        lines.extend(wrap(legend, WIDTH, "", ""));
        lines.push(String::new());
    }
}

/// One paragraph: its working line, its wrapped text (a heading centred), its remarks; its
/// footnotes join `footnotes`.
fn paragraph<'a>(lines: &mut Vec<String>, block: &'a Block, footnotes: &mut Vec<&'a str>) {
    let (first, rest) = indents(block);
    if let Some(working) = &block.working {
        let line = format!("{} — {}", working.label, working.status_text);
        lines.extend(wrap(&line, WIDTH, "", "  "));
    }
    let mut lead = first;
    if !block.number.is_empty() {
        let number = marked(&block.number);
        lead.push_str(&format!("{number:<width$} ", width = STEP - 1));
    }
    let mut body = marked(&block.text);
    body.push_str(&marked(&block.annotation));
    for note in &block.footnotes {
        footnotes.push(note);
        body.push_str(&superscript(footnotes.len()));
    }
    if block.kind == ParagraphKind::SectionHeading {
        for line in wrap(&body, WIDTH - 12, "", "") {
            lines.push(centred(&line));
        }
    } else {
        lines.extend(wrap(&body, WIDTH, &lead, &rest));
    }
    let aside = " ".repeat(rest.len());
    let details = block.working.iter().flat_map(|w| w.details.iter().cloned());
    for remark in block.remarks.iter().map(|r| format!("» {r}")).chain(details) {
        lines.extend(wrap(&remark, WIDTH, &aside, &format!("{aside}  ")));
    }
    lines.push(String::new());
}

/// The first-line and continuation indents of a block.
fn indents(block: &Block) -> (String, String) {
    match block.kind {
        ParagraphKind::OpeningClause | ParagraphKind::Preambular => {
            (" ".repeat(STEP), String::new())
        }
        ParagraphKind::VerbLine | ParagraphKind::SectionHeading => (String::new(), String::new()),
        ParagraphKind::Operative => (String::new(), " ".repeat(STEP)),
        ParagraphKind::SubParagraph => {
            let depth = usize::from(block.depth.max(1));
            (" ".repeat(STEP * depth), " ".repeat(STEP * (depth + 1)))
        }
    }
}

/// Segments as text, with a comparison's marks.
fn marked(segments: &[Segment]) -> String {
    let mut out = String::new();
    let mut open: Mark = Mark::Same;
    for s in segments {
        if s.look.mark != open {
            close_mark(&mut out, open);
            match s.look.mark {
                Mark::Inserted => out.push_str("{+"),
                Mark::Deleted => out.push_str("{-"),
                Mark::Same => {}
            }
            open = s.look.mark;
        }
        out.push_str(&flatten(&s.text));
    }
    close_mark(&mut out, open);
    out
}

fn close_mark(out: &mut String, mark: Mark) {
    match mark {
        Mark::Inserted => out.push_str("+}"),
        Mark::Deleted => out.push_str("-}"),
        Mark::Same => {}
    }
}

/// Text on one line: line breaks and tabs become spaces.
fn flatten(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect()
}

/// "¹", "²³".
pub(crate) fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().chars().map(|d| DIGITS[d.to_digit(10).unwrap_or(0) as usize]).collect()
}

/// The organ on the left, the references from the right-hand column.
fn masthead(lines: &mut Vec<String>, organ: &[String], reference: &[String]) {
    let column = WIDTH - 26;
    for i in 0..organ.len().max(reference.len()) {
        let left = organ.get(i).map_or("", String::as_str);
        let right = reference.get(i).map_or("", String::as_str);
        let width = left.chars().count();
        let gap = if width + 2 <= column { column - width } else { 2 };
        lines.push(format!("{left}{}{right}", " ".repeat(gap)).trim_end().to_string());
    }
    lines.push(String::new());
    lines.push(String::new());
}

fn centred(line: &str) -> String {
    let width = line.chars().count();
    let pad = WIDTH.saturating_sub(width) / 2;
    format!("{}{line}", " ".repeat(pad))
}

/// Greedy word wrap; a word longer than the line stays whole on its own line.
pub(crate) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let needed = line.chars().count() + usize::from(!empty) + word.chars().count();
        if !empty && needed > width {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines.into_iter().map(|l| l.trim_end().to_string()).collect()
}

/// Lines joined, without trailing blank lines, ending with one newline.
fn finish(mut lines: Vec<String>) -> String {
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The status report as plain text with ruled tables.
pub(crate) fn report(report: &Report) -> String {
    let mut lines = Vec::new();
    masthead(&mut lines, &report.masthead.organ, &report.masthead.reference);
    if report.draft {
        lines.push(centred("D R A F T"));
        lines.push(String::new());
    }
    lines.push(centred(&report.heading));
    for subtitle in &report.subtitle {
        for line in wrap(subtitle, WIDTH - 12, "", "") {
            lines.push(centred(&line));
        }
    }
    lines.push(String::new());
    lines.extend(wrap(&report.sentence, WIDTH, "", ""));
    for table in &report.tables {
        lines.push(String::new());
        lines.push(table.caption.to_uppercase());
        lines.push(String::new());
        if table.rows.is_empty() {
            lines.extend(wrap(&table.empty, WIDTH, "", ""));
        } else {
            lines.extend(ruled(table));
        }
    }
    lines.push(String::new());
    lines.push("-".repeat(WIDTH));
    lines.extend(wrap(&report.footer, WIDTH, "", ""));
    finish(lines)
}

/// A table with columns fitted into [`WIDTH`], long cells wrapped; a table too wide for that
/// is printed as one record per row: its first cell, then "Header: cell" lines.
fn ruled(table: &Table) -> Vec<String> {
    const GAP: usize = 2;
    const NARROWEST: usize = 14;
    let columns = table.headers.len();
    let mut widths: Vec<usize> = (0..columns)
        .map(|c| {
            std::iter::once(&table.headers[c])
                .chain(table.rows.iter().filter_map(|r| r.get(c)))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    let total = |widths: &[usize]| widths.iter().sum::<usize>() + GAP * columns.saturating_sub(1);
    let natural = widths.clone();
    while total(&widths) > WIDTH {
        let widest = (0..columns).max_by_key(|&c| widths[c]).unwrap_or(0);
        if widths[widest] <= NARROWEST {
            return records(table);
        }
        widths[widest] -= 1;
    }
    // A column squeezed far below its natural width reads badly: records read better.
    if (0..columns).any(|c| widths[c] < natural[c].min(NARROWEST * 2)) {
        return records(table);
    }
    let row_lines = |cells: &[String]| -> Vec<String> {
        let wrapped: Vec<Vec<String>> = (0..columns)
            .map(|c| wrap(&flatten(cells.get(c).map_or("", String::as_str)), widths[c], "", ""))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        (0..height)
            .map(|i| {
                let mut line = String::new();
                for (c, cell) in wrapped.iter().enumerate() {
                    let text = cell.get(i).map_or("", String::as_str);
                    line.push_str(text);
                    if c + 1 < columns {
                        let pad = widths[c].saturating_sub(text.chars().count()) + GAP;
                        line.push_str(&" ".repeat(pad));
                    }
                }
                line.trim_end().to_string()
            })
            .collect()
    };
    let mut lines = row_lines(&table.headers);
    lines.push(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join(&" ".repeat(GAP)));
    for row in &table.rows {
        lines.extend(row_lines(row));
    }
    lines
}

/// One record per row: the first cell, then the others as "Header: cell", indented.
fn records(table: &Table) -> Vec<String> {
    let mut lines = Vec::new();
    let mut first = true;
    for row in &table.rows {
        let head = row.first().map_or("", String::as_str);
        if head.is_empty() && !first {
            // A continuation of the record above (the same delegation).
        } else {
            if !first {
                lines.push(String::new());
            }
            lines.extend(wrap(&flatten(head), WIDTH, "", "  "));
        }
        first = false;
        for (header, cell) in table.headers.iter().zip(row).skip(1) {
            if cell.trim().is_empty() || cell == "—" {
                continue;
            }
            let lead = format!("    {header}: ");
            let rest = " ".repeat(6);
            lines.extend(wrap(&flatten(cell), WIDTH, &lead, &rest));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_hanging_indents() {
        let lines = wrap("one two three four five six", 16, "1.   ", "     ");
        assert_eq!(lines, ["1.   one two", "     three four", "     five six"]);
        assert_eq!(wrap("", 10, "  ", ""), [""]);
        assert_eq!(wrap("unbreakableword", 5, "", ""), ["unbreakableword"]);
    }

    #[test]
    fn footnote_marks_are_superscript_digits() {
        assert_eq!(superscript(1), "¹");
        assert_eq!(superscript(12), "¹²");
    }
}
