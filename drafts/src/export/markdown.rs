//! Markdown (CommonMark, with GitHub's footnotes, tables and strike-through): operative
//! paragraphs as an ordered list keeping their printed numbers, sub-paragraphs inside their
//! paragraph's item, participles in italics in the UN style. Paragraph text is escaped, so
//! brackets, asterisks and angle brackets come out as typed, never as links, emphasis or HTML.

use super::report::Report;
use super::sheet::{Block, Mark, Segment, Sheet, SheetKind};
use crate::model::ParagraphKind;

/// Escapes text so that Markdown prints it as it is.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes what would open a block at the start of a line: "- ", "+ ", "2011. ", "1) ".
fn escape_line_start(line: String) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_digits = line[digits..].chars().next();
    if digits > 0 && matches!(after_digits, Some('.' | ')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    if line.starts_with(['-', '+', '=']) {
        return format!("\\{line}");
    }
    line
}

fn segments(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        let text = escape(&s.text);
        if text.trim().is_empty() {
            out.push_str(&text);
            continue;
        }
        // Emphasis must hug its words: keep surrounding spaces outside the markers.
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        let mut core = text.trim().to_string();
        if s.look.italic {
            core = format!("*{core}*");
        }
        core = match s.look.mark {
            Mark::Inserted => format!("<ins>{core}</ins>"),
            Mark::Deleted => format!("~~{core}~~"),
            Mark::Same => core,
        };
        out.push_str(lead);
        out.push_str(&core);
        out.push_str(trail);
    }
    out
}

/// The masthead as two blocks of lines.
fn masthead(out: &mut Vec<String>, organ: &[String], reference: &[String]) {
    for block in [organ, reference] {
        if block.is_empty() {
            continue;
        }
        let lines: Vec<String> = block.iter().map(|l| escape(l)).collect();
        out.push(lines.join("\\\n"));
        out.push(String::new());
    }
}

/// A text export as Markdown.
pub(crate) fn sheet(sheet: &Sheet) -> String {
    let mut out: Vec<String> = Vec::new();
    front(&mut out, sheet);
    let mut notes: Vec<&str> = Vec::new();
    // The content column of the last operative list item, for its sub-paragraphs.
    let mut item_indent = 0;
    for block in &sheet.blocks {
        paragraph(&mut out, block, &mut notes, &mut item_indent);
    }
    for (i, note) in notes.iter().enumerate() {
        out.push(format!("[^{}]: {}", i + 1, escape(note)));
    }
    if !notes.is_empty() {
        out.push(String::new());
    }
    out.push("---".into());
    out.push(String::new());
    out.push(escape(&sheet.footer));
    out.join("\n") + "\n"
}

/// The masthead, draft mark, title, subtitle lines, introduction and a comparison's legend.
fn front(out: &mut Vec<String>, sheet: &Sheet) {
    masthead(out, &sheet.masthead.organ, &sheet.masthead.reference);
    if sheet.draft {
        out.push("**DRAFT**".into());
        out.push(String::new());
    }
    out.push(format!("# {}", escape(&sheet.title)));
    out.push(String::new());
    for line in &sheet.subtitle {
        let parts: Vec<String> = line.split('\n').map(|p| escape_line_start(escape(p))).collect();
        out.push(parts.join("\\\n"));
        out.push(String::new());
    }
    for line in &sheet.intro {
        out.push(format!("*{}*", escape(line)));
        out.push(String::new());
    }
    if sheet.kind == SheetKind::Compare {
        out.push(
            "*Inserted text is shown as <ins>inserted</ins> and deleted text ~~struck \
             through~~; notes beginning with » mark moved paragraphs and changes of status.*"
                .into(),
        );
        out.push(String::new());
    }
}

/// One paragraph: its working line, its text as a list item or heading, its remarks; its
/// footnotes join `notes`, and `item_indent` follows the operative list for sub-paragraphs.
fn paragraph<'a>(
    out: &mut Vec<String>,
    block: &'a Block,
    notes: &mut Vec<&'a str>,
    item_indent: &mut usize,
) {
    let indent = match block.kind {
        ParagraphKind::SubParagraph => " ".repeat(*item_indent),
        ParagraphKind::Operative => String::new(),
        _ => {
            *item_indent = 0;
            String::new()
        }
    };
    if let Some(working) = &block.working {
        let (label, status) = (escape(&working.label), escape(&working.status_text));
        out.push(format!("{indent}**{label}** · {status}"));
        out.push(String::new());
    }
    let number = segments(&block.number);
    let mut body = segments(&block.text);
    body.push_str(&segments(&block.annotation));
    for note in &block.footnotes {
        notes.push(note);
        body.push_str(&format!("[^{}]", notes.len()));
    }
    if block.struck {
        body = format!("~~{}~~", body.trim());
    }
    let line = match block.kind {
        ParagraphKind::SectionHeading => format!("## {}", body.trim()),
        ParagraphKind::Operative if !number.is_empty() => {
            // The printed number opens the list item: "7." keeps its value in Markdown.
            let plain = block.number.iter().all(|s| s.look.mark == Mark::Same);
            *item_indent = if plain { number.chars().count() + 1 } else { 0 };
            let item = format!("{number} {body}");
            if plain {
                item
            } else {
                escape_line_start(item)
            }
        }
        ParagraphKind::SubParagraph if !number.is_empty() => format!("{indent}{number} {body}"),
        _ => format!("{indent}{}", escape_line_start(body)),
    };
    out.push(line);
    out.push(String::new());
    let details = block
        .remarks
        .iter()
        .map(|r| format!("» {r}"))
        .chain(block.working.iter().flat_map(|w| w.details.iter().cloned()));
    for detail in details {
        out.push(format!("{}*{}*", " ".repeat(*item_indent), escape(&detail)));
        out.push(String::new());
    }
}

/// The status report as Markdown tables.
pub(crate) fn report(report: &Report) -> String {
    let mut out: Vec<String> = Vec::new();
    masthead(&mut out, &report.masthead.organ, &report.masthead.reference);
    if report.draft {
        out.push("**DRAFT**".into());
        out.push(String::new());
    }
    out.push(format!("# {}", escape(&report.heading)));
    out.push(String::new());
    for line in &report.subtitle {
        out.push(escape_line_start(escape(line)));
        out.push(String::new());
    }
    out.push(escape_line_start(escape(&report.sentence)));
    for table in &report.tables {
        out.push(String::new());
        out.push(format!("## {}", escape(&table.caption)));
        out.push(String::new());
        if table.rows.is_empty() {
            out.push(escape_line_start(escape(&table.empty)));
            continue;
        }
        let row = |cells: &[String]| {
            format!("| {} |", cells.iter().map(|c| escape(c)).collect::<Vec<_>>().join(" | "))
        };
        out.push(row(&table.headers));
        out.push(format!("|{}", " --- |".repeat(table.headers.len())));
        for cells in &table.rows {
            out.push(row(cells));
        }
    }
    out.push(String::new());
    out.push("---".into());
    out.push(String::new());
    out.push(escape(&report.footer));
    out.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_in_text_is_escaped() {
        assert_eq!(escape("[Chile: a] *b* <img src=x>"), "\\[Chile: a\\] \\*b\\* \\<img src=x\\>");
        assert_eq!(escape_line_start("2011. was a year".into()), "2011\\. was a year");
        assert_eq!(escape_line_start("- not a list".into()), "\\- not a list");
        assert_eq!(escape_line_start("RECOGNIZING".into()), "RECOGNIZING");
    }

    #[test]
    fn emphasis_hugs_its_words() {
        let italic = Segment {
            text: "Recognizing ".into(),
            look: super::super::sheet::Look { italic: true, ..Default::default() },
        };
        assert_eq!(segments(&[italic, Segment::plain("that")]), "*Recognizing* that");
    }
}
