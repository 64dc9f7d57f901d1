//! What the Markdown transcriptions of negotiating texts add to plain Markdown: footnotes
//! (`[^12]` marks and their `[^12]: …` definitions) and kramdown's small-caps headings
//! (`*<span style="font-variant:small-caps;">Finance</span>*`).

use std::collections::HashMap;

use super::classify::SourceParagraph;
use super::text::markdown_line;

/// How kramdown opens a span set in small capitals, a transcription's sub-heading.
const SMALL_CAPS: &str = r#"<span style="font-variant:small-caps;">"#;
/// How such a span closes.
const SPAN_END: &str = "</span>";

/// The source paragraphs of a Markdown text's lines: a line marking a footnote (`[^12]`) has
/// the text of its definition as its footnote, a small-caps span opening a line is a section heading
/// (over several lines if need be) and the words after it on the line a paragraph of their own.
pub(super) fn markdown_paragraphs(lines: Vec<(usize, &str)>, input: &str) -> Vec<SourceParagraph> {
    let notes = footnote_definitions(input);
    let mut out: Vec<SourceParagraph> = Vec::with_capacity(lines.len());
    let mut heading: Option<(usize, String)> = None;
    let mut starred: Option<usize> = None;
    for (number, line) in lines {
        let cited = cited_notes(line, &notes);
        if let Some((marked, note)) = starred.and_then(|at| Some((at, star_note(line)?))) {
            out[marked].footnotes.push(note);
            starred = None;
            out.push(SourceParagraph { number, ..SourceParagraph::default() });
            continue;
        }
        let Some((words, after, closed)) = small_caps(line, heading.is_some()) else {
            let (line, marked) = without_star_mark(line);
            let mut paragraph = markdown_line(number, &line);
            paragraph.footnotes.extend(cited);
            if marked {
                starred = Some(out.len());
            } else if !line.trim().is_empty() {
                starred = None;
            }
            out.push(paragraph);
            continue;
        };
        let (start, mut text) = heading.take().unwrap_or((number, String::new()));
        text = format!("{text} {words}");
        if !closed {
            heading = Some((start, text));
            out.push(SourceParagraph { number, ..SourceParagraph::default() });
            continue;
        }
        out.push(small_caps_heading(start, &text, cited));
        if !after.is_empty() {
            out.push(SourceParagraph { wraps: false, ..markdown_line(start, after) });
        }
    }
    out
}

/// A line without the escaped asterisks closing its last word, a note's mark (`… under the
/// Convention];\*`), and whether it had them: the note follows on the next line.
fn without_star_mark(line: &str) -> (std::borrow::Cow<'_, str>, bool) {
    let trimmed = line.trim_end();
    let mut bare = trimmed;
    while let Some(rest) = bare.strip_suffix("\\*") {
        bare = rest;
    }
    if bare.len() == trimmed.len() || !bare.ends_with(|c: char| !c.is_whitespace()) {
        return (line.into(), false);
    }
    (bare.to_string().into(), true)
}

/// The text of a note following the line marked with escaped asterisks: a line opening with
/// an asterisk, as a bullet or escaped (`* *This paragraph will be finalized …*`,
/// `\* This paragraph …`), without its marks and emphasis.
fn star_note(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix("\\").unwrap_or(line.trim_start());
    let text = rest.strip_prefix('*')?.strip_prefix(' ')?;
    let text = text.trim().trim_matches(['*', '_']).trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A section heading set in small capitals.
fn small_caps_heading(number: usize, words: &str, footnotes: Vec<String>) -> SourceParagraph {
    let text = words.split_whitespace().collect::<Vec<_>>().join(" ");
    SourceParagraph { number, text, heading: true, footnotes, ..SourceParagraph::default() }
}

/// A line opening a small-caps span, or going on with one (`going_on`): `(its words, the words
/// after the span, whether the span closes on the line)`.
fn small_caps(line: &str, going_on: bool) -> Option<(&str, &str, bool)> {
    let body = if going_on {
        line
    } else {
        line.trim_start().trim_start_matches(['*', '_']).strip_prefix(SMALL_CAPS)?
    };
    Some(match body.find(SPAN_END) {
        Some(end) => {
            let after = body[end + SPAN_END.len()..].trim_start_matches(['*', '_']).trim();
            (body[..end].trim().trim_matches('\\').trim(), after, true)
        }
        None => (body.trim().trim_matches('\\').trim(), "", false),
    })
}

/// The footnotes a text defines (`[^12]: Its text.` at the start of a line), by name.
fn footnote_definitions(input: &str) -> HashMap<String, String> {
    input
        .lines()
        .filter_map(footnote_definition)
        .map(|(name, text)| (name.to_string(), text.trim().to_string()))
        .collect()
}

/// A footnote definition, `[^12]: Its text.`: `(name, text)`.
pub(super) fn footnote_definition(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start().strip_prefix("[^")?;
    let (name, text) = rest.split_once("]:")?;
    is_note_name(name).then_some((name, text))
}

/// A footnote's name: `12`, `note-a`.
fn is_note_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// The footnote marks of a line (`[^12]`): `(offset, length, name)`. A definition's own name
/// is no mark.
fn footnote_marks(line: &str) -> Vec<(usize, usize, &str)> {
    let mut marks = Vec::new();
    let mut from = footnote_definition(line).map_or(0, |_| line.find("]:").unwrap_or(0));
    while let Some(open) = line[from..].find("[^").map(|at| from + at) {
        let after = &line[open + 2..];
        match after.find(']').filter(|&close| is_note_name(&after[..close])) {
            Some(close) => {
                marks.push((open, close + 3, &after[..close]));
                from = open + close + 3;
            }
            None => from = open + 2,
        }
    }
    marks
}

/// A text without its footnote marks (`[^12]`), which are never negotiating brackets.
pub(super) fn without_footnote_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (at, length, _) in footnote_marks(text) {
        out.push_str(&text[from..at]);
        from = at + length;
    }
    out.push_str(&text[from..]);
    out
}

/// The texts of the footnotes a line marks that the text defines.
fn cited_notes(line: &str, notes: &HashMap<String, String>) -> Vec<String> {
    footnote_marks(line).into_iter().filter_map(|(_, _, name)| notes.get(name).cloned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(input: &str) -> Vec<SourceParagraph> {
        let lines = input.lines().enumerate().map(|(i, line)| (i + 1, line)).collect();
        markdown_paragraphs(lines, input)
    }

    #[test]
    fn a_footnote_mark_gives_its_line_the_footnote_and_is_no_bracket() {
        let read = paragraphs("1. *Invites* the actors;[^7] see [^x].\n\n[^7]: Available at: .\n");
        assert_eq!(read[0].footnotes, ["Available at: ."]);
        assert_eq!(without_footnote_marks("the actors;[^7] see [^x]."), "the actors; see .");
        assert_eq!(without_footnote_marks("[a] [^b c]"), "[a] [^b c]");
        assert_eq!(without_footnote_marks("[^2]: x[^3]"), "[^2]: x");
        assert_eq!(footnote_definition("[^2]: x"), Some(("2", " x")));
    }

    #[test]
    fn a_note_marked_by_an_escaped_asterisk_is_the_marked_lines_footnote() {
        let input = "(c) The use of the results under the Convention];\\*\n\n\
            * *This paragraph will be finalized later.*\n\n* A bullet of a list\n";
        let read = paragraphs(input);
        assert_eq!(read[0].text, "(c) The use of the results under the Convention];");
        assert_eq!(read[0].footnotes, ["This paragraph will be finalized later."]);
        assert!(read[2].text.is_empty());
        assert_eq!(read[4].text, "* A bullet of a list");
        assert!(read[4].footnotes.is_empty());
    }

    #[test]
    fn a_small_caps_span_opening_a_line_is_a_section_heading() {
        let caps = r#"*<span style="font-variant:small-caps;">"#;
        let input = format!(
            "{caps}Finance</span>*\n{caps}Loss and damage</span>* **[Option 1**\n\
             {caps}\\\nProcedural provisions </span>*\n"
        );
        let read: Vec<_> =
            paragraphs(&input).into_iter().map(|p| (p.number, p.text, p.heading)).collect();
        assert_eq!(
            read,
            [
                (1, "Finance".to_string(), true),
                (2, "Loss and damage".to_string(), true),
                (2, "[Option 1".to_string(), false),
                (3, String::new(), false),
                (3, "Procedural provisions".to_string(), true),
            ]
        );
    }
}
