//! Plain text and clipboard pastes out of Word, read into a structured draft.
//!
//! A Word paragraph pasted as text is one line; the lines are the source paragraphs of the
//! [`classify`](super::classify) reader, which joins hard-wrapped lines back. Files are read as
//! UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark (Word's "Unicode
//! text"), or else Windows-1252 (Word's "Plain text" on Windows).

use super::classify::{classify, Emphasis, SourceParagraph};
use super::markdown::markdown_paragraphs;
use super::{check_size, ImportError, ImportedDraft};
use crate::model::NegotiationMeta;

/// Reads a draft from a file's bytes: UTF-8 (with or without a byte order mark), UTF-16 with a
/// byte order mark (Word's "Unicode text"), or else Windows-1252 (Word's "Plain text" on
/// Windows).
pub fn import_bytes(bytes: &[u8]) -> Result<ImportedDraft, ImportError> {
    check_size(bytes.len())?;
    import_text(&decode(bytes)?)
}

/// Reads a draft from plain text: a paste from the clipboard or the contents of a text file.
///
/// Fails on an empty text, on binary data, on more than [`MAX_BYTES`](super::MAX_BYTES), and
/// when no paragraph of a draft is recognized.
pub fn import_text(input: &str) -> Result<ImportedDraft, ImportError> {
    check_size(input.len())?;
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if input.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if looks_binary(input) {
        return Err(ImportError::Binary);
    }
    let markdown = is_markdown(input);
    let lines = split_lines(input);
    let source = if markdown {
        markdown_paragraphs(lines, input)
    } else {
        let line = |(number, text): (usize, &str)| SourceParagraph {
            number,
            text: text.to_string(),
            wraps: true,
            ..Default::default()
        };
        table_runs(lines.into_iter().map(line).collect())
    };
    let mut draft = classify(source)?;
    if let Some(title) = front_matter_title(input).filter(|_| markdown) {
        if draft.meta.title == NegotiationMeta::default().title {
            draft.meta.title = title;
        }
    }
    Ok(draft)
}

/// The fewest cells of a table extracted one cell a line.
const MIN_TABLE_CELLS: usize = 8;

/// The most words of a table's cell on a line of its own.
const MAX_CELL_WORDS: usize = 5;

/// A line that may be a table's cell: a few words or a figure, no sentence.
fn is_cell(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.split_whitespace().count() <= MAX_CELL_WORDS
        && !text.ends_with(['.', ';', ':', ','])
}

/// A table extracted one cell a line (a schedule of payments: "Year" / "2013" / … / "US$" /
/// "36 651" / …) joined into one paragraph, its cells in order between tabs: a run of at least
/// [`MIN_TABLE_CELLS`] short lines, blank lines inside it aside, two in three of them figures.
fn table_runs(lines: Vec<SourceParagraph>) -> Vec<SourceParagraph> {
    let mut out: Vec<SourceParagraph> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let mut end = i;
        let mut cells = Vec::new();
        while end < lines.len() && (is_cell(&lines[end].text) || lines[end].text.trim().is_empty())
        {
            if is_cell(&lines[end].text) {
                cells.push(end);
            }
            end += 1;
        }
        let figures =
            cells.iter().filter(|&&c| lines[c].text.contains(|c: char| c.is_ascii_digit()));
        if cells.len() >= MIN_TABLE_CELLS && figures.count() * 3 >= cells.len() * 2 {
            let text: Vec<&str> = cells.iter().map(|&c| lines[c].text.trim()).collect();
            out.push(SourceParagraph {
                number: lines[cells[0]].number,
                text: text.join("\t"),
                table: true,
                ..Default::default()
            });
            let last = cells[cells.len() - 1];
            out.extend(lines[last + 1..end].iter().cloned());
            i = end;
        } else {
            let next = end.max(i + 1);
            out.extend(lines[i..next].iter().cloned());
            i = next;
        }
    }
    out
}

/// The `title:` of a Markdown text's front matter (between `---` lines at its start), which
/// names the draft when its text gives no title of its own.
fn front_matter_title(input: &str) -> Option<String> {
    let mut lines = input.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    let title = lines
        .take_while(|line| line.trim_end() != "---")
        .find_map(|line| line.strip_prefix("title:"))?
        .trim()
        .trim_matches(['"', '\'']);
    (!title.is_empty()).then(|| title.to_string())
}

/// A Markdown line as the words a delegate reads: a heading's marks (`### Article 1`,
/// `##Title`) left out, and a heading never continues the line above; emphasis marks left
/// out, opening words set apart by them kept as the paragraph's emphasis; a footnote set
/// inline as `<sup>1) Its text.</sup>` taken out as the line's footnote. A "heading" ending a
/// sentence ("#### Artículo 3 - de la Ley.") is a sentence cut by a converter, not a heading.
pub(super) fn markdown_line(number: usize, line: &str) -> SourceParagraph {
    let marked = line.trim_start().strip_prefix('#').map(|rest| rest.trim_start_matches('#'));
    let (text, footnotes) = inline_footnotes(marked.unwrap_or(line));
    let emphasis = opening_emphasis(text.trim());
    let text = without_emphasis(text.trim());
    let heading = marked.is_some() && !text.ends_with(['.', ';', ',']);
    SourceParagraph {
        number,
        text,
        wraps: !heading,
        heading,
        footnotes,
        emphasis,
        list_level: (!heading).then(|| list_level(line)),
        ..SourceParagraph::default()
    }
}

/// Spaces a Markdown list item is indented by for each level it nests.
const LIST_INDENT: usize = 4;

/// The level of a Markdown list item, told by its indentation (a tab counts as a level): `1.`
/// at 0; `    1.` under it at 1, and so is ` 1.`, which a transcriber indents on purpose.
fn list_level(line: &str) -> usize {
    let indent: usize = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .map(|c| if c == '\t' { LIST_INDENT } else { 1 })
        .sum();
    indent.div_ceil(LIST_INDENT)
}

/// How a Markdown line sets apart its opening words, the house style of a participle or an
/// operative verb: `*Being* Parties …` in italics, `**DECIDES** to …` in bold. A line set
/// wholly in italics (an editor's note) or a bullet sets nothing apart.
fn opening_emphasis(line: &str) -> Option<Emphasis> {
    let line = line.trim_start_matches('[');
    let mark = line.chars().next().filter(|&c| c == '*' || c == '_')?;
    let run = line.chars().take_while(|&c| c == mark).count();
    let words = &line[run..];
    if run > 3 || words.starts_with(char::is_whitespace) {
        return None;
    }
    let close = words.find(&mark.to_string().repeat(run))?;
    let after = words[close + run..].trim_start_matches(mark).trim();
    let emphasized = words[..close].trim_end_matches(']');
    let sets_apart = !emphasized.is_empty() && after.chars().any(char::is_alphanumeric);
    sets_apart.then_some(if run == 1 { Emphasis::Italic } else { Emphasis::Bold })
}

/// The text without its `<sup>…</sup>` footnotes, and the footnotes' texts without their
/// numbers ("1)", "1.", "1"). A `<sup>` holding only a number stays as it is.
fn inline_footnotes(line: &str) -> (String, Vec<String>) {
    let mut text = String::with_capacity(line.len());
    let mut notes = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find("<sup>") {
        let after = &rest[open + "<sup>".len()..];
        let Some(close) = after.find("</sup>") else { break };
        let inner = after[..close].trim();
        let note = inner.trim_start_matches(|c: char| c.is_ascii_digit());
        let note = note.trim_start_matches([')', '.']).trim();
        text.push_str(&rest[..open]);
        if note.chars().any(char::is_alphabetic) {
            notes.push(note.to_string());
        } else {
            text.push_str(&rest[open..open + "<sup>".len() + close + "</sup>".len()]);
        }
        rest = &after[close + "</sup>".len()..];
    }
    text.push_str(rest);
    (text, notes)
}

/// Whether a text is Markdown: a line opens with a heading mark, or words are set in bold.
fn is_markdown(input: &str) -> bool {
    input.lines().any(|l| l.starts_with("# ") || l.starts_with("##") || has_bold_words(l))
}

/// Whether a line sets words in bold: `**` before a word and `**` after one, as in
/// `**Option 1**` — not the `**` note marks of a document's title block ("draft decision**",
/// "** In order for …").
fn has_bold_words(line: &str) -> bool {
    let Some(open) = line.find("**").filter(|&at| {
        line[at + 2..].chars().next().is_some_and(|c| !c.is_whitespace() && c != '*')
    }) else {
        return false;
    };
    let rest = &line[open + 2..];
    rest.match_indices("**")
        .any(|(at, _)| rest[..at].chars().next_back().is_some_and(|c| !c.is_whitespace()))
}

/// A Markdown line without its emphasis marks (`*Decides*`, `**Option 1**`, `*[Recognizes*`,
/// `~~STRUCK~~`): the words a delegate reads, so that the opening verb or participle is seen.
/// A mark opens before a word or closes after one; `*` or `_` inside a word, a bullet, or a
/// lone `~` ("~5 %") stays.
fn without_emphasis(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '*' || c == '_' || c == '~' {
            let end = (i..chars.len()).find(|&j| chars[j] != c).unwrap_or(chars.len());
            let a_mark = c != '~' || end - i == 2;
            let before = i.checked_sub(1).map(|k| chars[k]);
            let after = chars.get(end).copied();
            let opens = before.is_none_or(|b| b.is_whitespace() || "([".contains(b))
                && after.is_some_and(|a| !a.is_whitespace());
            let closes = before.is_some_and(|b| !b.is_whitespace())
                && after.is_none_or(|a| a.is_whitespace() || ".,;:)]".contains(a));
            if end - i <= 3 && a_mark && (opens || closes) {
                i = end;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Bytes and characters

/// Decodes a text file; NUL bytes outside UTF-16 mean binary data.
fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Ok(String::from_utf8_lossy(rest).into_owned());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok(utf16(rest, u16::from_be_bytes));
    }
    if bytes.contains(&0) {
        return Err(ImportError::Binary);
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    })
}

/// Decodes UTF-16 after its byte order mark; unpaired surrogates become U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// One Windows-1252 byte as a char: Latin-1, with typographic punctuation in 0x80–0x9F.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// NUL characters, or more than 10% control or replacement characters, mean binary data
/// (tabs, line and page breaks excepted).
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut odd = 0usize;
    for c in text.chars() {
        if c == '\0' {
            return true;
        }
        total += 1;
        let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}');
        if control || c == char::REPLACEMENT_CHARACTER {
            odd += 1;
        }
    }
    odd * 10 > total
}

// ---------------------------------------------------------------------------------------------
// Lines

/// Splits the source into lines, numbered as an editor numbers them (`\n`, `\r\n` or `\r`);
/// page breaks and paragraph separators also end a line but keep the number.
fn split_lines(input: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut number = 1;
    let mut start = 0;
    let mut chars = input.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' | '\r' => {
                lines.push((number, &input[start..i]));
                start = i + 1;
                if c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n') {
                    chars.next();
                    start += 1;
                }
                number += 1;
            }
            '\u{c}' | '\u{2029}' => {
                lines.push((number, &input[start..i]));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    lines.push((number, &input[start..]));
    lines
        .into_iter()
        .flat_map(|(number, line)| run_in(line).map(move |part| (number, part)))
        .collect()
}

/// The parts of a line: a run-in text, a long line broken by several runs of spaces where a
/// copy turned its line breaks into spaces, splits at those runs (each part keeping the line's
/// number); any other line is one part.
fn run_in(line: &str) -> impl Iterator<Item = &str> {
    if line.chars().count() < RUN_IN_LENGTH {
        return vec![line].into_iter();
    }
    let parts: Vec<&str> = line.split("  ").map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() > RUN_IN_GAPS { parts } else { vec![line] }.into_iter()
}

/// A line this long …
const RUN_IN_LENGTH: usize = 600;
/// … broken by this many runs of spaces or more is a run-in text.
const RUN_IN_GAPS: usize = 4;

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::import::classify::normalize;
    use crate::import::testing::{corpus, XorShift};
    use crate::import::{ImportedParagraph, ImportedStatus, SkipReason, MAX_BYTES};
    use crate::model::{HouseStyle, NegotiationMeta, ParagraphKind};

    fn import(text: &str) -> ImportedDraft {
        import_text(text).unwrap_or_else(|e| panic!("import failed: {e}\n{text}"))
    }

    fn kinds(draft: &ImportedDraft) -> Vec<ParagraphKind> {
        draft.paragraphs.iter().map(|p| p.kind).collect()
    }

    fn numbers(draft: &ImportedDraft) -> Vec<Option<&str>> {
        draft.paragraphs.iter().map(|p| p.source_number.as_deref()).collect()
    }

    fn texts(draft: &ImportedDraft) -> Vec<&str> {
        draft.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    fn count(draft: &ImportedDraft, kind: ParagraphKind) -> usize {
        draft.paragraphs.iter().filter(|p| p.kind == kind).count()
    }

    fn ad_ref(names: &[&str]) -> ImportedStatus {
        ImportedStatus::AdReferendum { delegations: names.iter().map(|n| n.to_string()).collect() }
    }

    use ParagraphKind::{
        OpeningClause, Operative, Preambular, SectionHeading, SubParagraph, VerbLine,
    };

    // -- The corpus ---------------------------------------------------------------------------

    #[test]
    fn san_salvador_structure() {
        let draft = import(&corpus("san-salvador-2011.txt"));
        assert_eq!(
            draft.meta.title,
            "Draft Declaration of San Salvador on Citizen Security in the Americas"
        );
        assert_eq!(draft.meta.whole_text_ad_referendum, ["Mexico"]);
        assert_eq!(draft.meta.house_style, HouseStyle::Oas);
        assert_eq!(draft.meta.language, "English");
        assert_eq!(count(&draft, OpeningClause), 1);
        assert_eq!(count(&draft, Preambular), 28);
        assert_eq!(count(&draft, VerbLine), 1);
        assert_eq!(count(&draft, Operative), 17);
        assert_eq!(draft.paragraphs.len(), 47);
        assert_eq!(draft.paragraphs[0].kind, OpeningClause);
        assert!(draft.paragraphs[0].text.starts_with("THE MINISTERS OF FOREIGN AFFAIRS"));
        assert_eq!(draft.paragraphs[29].text, "DECLARE:");
        assert!(draft.paragraphs.iter().all(|p| p.parent.is_none()));
    }

    #[test]
    fn san_salvador_lost_number_is_operative_15() {
        let draft = import(&corpus("san-salvador-2011.txt"));
        let operative: Vec<&ImportedParagraph> =
            draft.paragraphs.iter().filter(|p| p.kind == Operative).collect();
        let fifteenth = operative[14];
        assert!(fifteenth.text.starts_with("The need to continue strengthening"));
        assert_eq!(fifteenth.source_number, None);
        assert_eq!(operative[13].source_number.as_deref(), Some("14"));
        assert_eq!(operative[15].source_number.as_deref(), Some("16"));
    }

    #[test]
    fn san_salvador_statuses() {
        let draft = import(&corpus("san-salvador-2011.txt"));
        let operative: Vec<&ImportedParagraph> =
            draft.paragraphs.iter().filter(|p| p.kind == Operative).collect();
        assert_eq!(operative[15].status, ad_ref(&["Canada"]));
        assert!(operative[15].text.ends_with("next regular session."));
        assert!(!operative[15].text.contains("APPROVED"));
        let others = draft.paragraphs.iter().filter(|p| p.status == ImportedStatus::Agreed);
        assert_eq!(others.count(), 46);
    }

    #[test]
    fn san_salvador_report_and_debris_are_skipped() {
        let draft = import(&corpus("san-salvador-2011.txt"));
        for text in texts(&draft) {
            for foreign in ["As Chair of the Working Group", "Maza Martelli", "EMBED", "FILENAME"] {
                assert!(!text.contains(foreign), "{text}");
            }
            assert!(!text.contains("image1") && text != "GENERAL ASSEMBLY" && text != "YA");
        }
        let reason =
            |needle: &str| draft.skipped.iter().find(|s| s.text.contains(needle)).map(|s| s.reason);
        assert_eq!(reason("As Chair of the Working Group"), Some(SkipReason::CoveringReport));
        assert_eq!(reason("Ambassador Joaquín Maza Martelli"), Some(SkipReason::CoveringReport));
        assert_eq!(reason("DRAFT DECLARATION OF SAN SALVADOR"), Some(SkipReason::TitleBlock));
        assert_eq!(reason("(ad referendum of the delegation"), Some(SkipReason::TitleBlock));
        assert_eq!(reason("EMBED Word.Picture.8"), Some(SkipReason::WordDebris));
        assert_eq!(reason("MERGEFORMAT"), Some(SkipReason::WordDebris));
        assert_eq!(reason("_1208779139.doc"), Some(SkipReason::WordDebris));
        assert_eq!(reason("[image: image1.png]"), Some(SkipReason::WordDebris));
        assert_eq!(reason("GENERAL ASSEMBLY"), Some(SkipReason::PageFurniture));
        assert!(draft.skipped.windows(2).all(|w| w[0].line < w[1].line));
    }

    #[test]
    fn san_salvador_lines_are_source_lines() {
        let source = corpus("san-salvador-2011.txt");
        let draft = import(&source);
        let lines: Vec<&str> = source.lines().collect();
        for paragraph in &draft.paragraphs {
            let line = lines[paragraph.line - 1];
            let start: String = paragraph.text.chars().take(12).collect();
            assert!(normalize(line).contains(&start), "line {}: {line}", paragraph.line);
        }
    }

    /// One to three random edits: byte flips, a truncation, swapped, dropped or doubled
    /// lines, inserted brackets, marks, numbers and annotations.
    fn mutate(text: &str, rng: &mut XorShift) -> String {
        const INSERTS: &[&str] = &[
            "[",
            "]",
            "(",
            ")",
            "\u{13}",
            "\u{14}",
            "\u{15}",
            "\u{fffd}",
            "\t",
            "\r",
            "\n",
            "\n\n",
            "\u{a0}",
            "•",
            "(a) ",
            "(i) ",
            "ii. ",
            "7bis. ",
            "(Agreed)",
            "(Pending)",
            "(ad referendum of the delegation of ",
            "(Proposed by Canada and",
            "DECLARE:\n",
            "I. ",
            "PP",
            "OP3 ",
            "- 4 -",
            "_123456789.doc",
            "é",
            "\u{2029}",
            "\u{c}",
            "0",
        ];
        let mut text = text.to_string();
        for _ in 0..=rng.below(3) {
            text = match rng.below(6) {
                0 => {
                    let mut bytes = text.into_bytes();
                    for _ in 0..=rng.below(20) {
                        let at = rng.below(bytes.len());
                        if let Some(b) = bytes.get_mut(at) {
                            *b ^= (rng.next() & 0xFF) as u8;
                        }
                    }
                    String::from_utf8_lossy(&bytes).into_owned()
                }
                1 => {
                    let bytes = text.as_bytes();
                    String::from_utf8_lossy(&bytes[..rng.below(bytes.len() + 1)]).into_owned()
                }
                2 => {
                    let mut lines: Vec<&str> = text.split('\n').collect();
                    for _ in 0..=rng.below(10) {
                        let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                        lines.swap(a, b);
                    }
                    lines.join("\n")
                }
                3 => {
                    let mut lines: Vec<&str> = text.split('\n').collect();
                    for _ in 0..=rng.below(5) {
                        let at = rng.below(lines.len());
                        if rng.below(2) == 0 && at < lines.len() {
                            lines.remove(at);
                        } else if let Some(&line) = lines.get(at) {
                            lines.insert(at, line);
                        }
                    }
                    lines.join("\n")
                }
                _ => {
                    let mut chars: Vec<char> = text.chars().collect();
                    for _ in 0..=rng.below(30) {
                        let insert = INSERTS[rng.below(INSERTS.len())];
                        let at = rng.below(chars.len() + 1);
                        chars.splice(at..at, insert.chars());
                    }
                    chars.into_iter().collect()
                }
            };
        }
        text
    }

    /// Parents come first and are never headings or verb lines; lines are in range.
    fn assert_consistent(draft: &ImportedDraft, line_count: usize) {
        for (i, paragraph) in draft.paragraphs.iter().enumerate() {
            assert!(!paragraph.text.is_empty());
            assert!((1..=line_count).contains(&paragraph.line));
            if let Some(parent) = paragraph.parent {
                assert!(parent < i);
                assert_eq!(paragraph.kind, SubParagraph);
                let parent_kind = draft.paragraphs[parent].kind;
                assert!(![VerbLine, SectionHeading].contains(&parent_kind));
            }
        }
        assert!(draft.skipped.windows(2).all(|w| w[0].line <= w[1].line));
    }

    #[test]
    fn mutated_corpus_never_panics() {
        let source = corpus("san-salvador-2011.txt");
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let mut imported = 0;
        for _ in 0..2000 {
            let text = mutate(&source, &mut rng);
            if let Ok(draft) = import_text(&text) {
                assert_consistent(&draft, text.len() + 1);
                imported += 1;
            }
        }
        assert!(imported > 1500, "only {imported} of 2000 mutations imported");
    }

    // -- Bad input ----------------------------------------------------------------------------

    #[test]
    fn empty_and_blank_texts() {
        assert_eq!(import_text(""), Err(ImportError::Empty));
        assert_eq!(import_text(" \n\t\r\n \u{a0}"), Err(ImportError::Empty));
        assert_eq!(import_text("\u{feff}"), Err(ImportError::Empty));
    }

    #[test]
    fn binary_data() {
        assert_eq!(import_text("1. That\0 it is"), Err(ImportError::Binary));
        let controls: String = "ab\u{1}\u{2}\u{3}\u{4}cdefgh".into();
        assert_eq!(import_text(&controls), Err(ImportError::Binary));
        assert_eq!(import_bytes(b"%PDF-1.4\n\x00\x01\x02"), Err(ImportError::Binary));
    }

    #[test]
    fn too_large() {
        let text = "a".repeat(50_000_001);
        let expected = ImportError::TooLarge { bytes: 50_000_001, limit: MAX_BYTES };
        assert_eq!(import_text(&text), Err(expected.clone()));
        assert_eq!(import_bytes(text.as_bytes()), Err(expected));
    }

    #[test]
    fn no_draft_in_ordinary_prose() {
        let letter = "Dear colleagues,\n\nPlease find the agenda for Tuesday attached.\n\nBest";
        assert_eq!(import_text(letter), Err(ImportError::NoDraftFound));
        assert_eq!(import_text("- 3 -\n\n_1208779139.doc\n"), Err(ImportError::NoDraftFound));
        assert_eq!(import_text("DRAFT RESOLUTION\n\n"), Err(ImportError::NoDraftFound));
    }

    // -- Numbering ----------------------------------------------------------------------------

    const PREAMBLE: &str = "THE GENERAL ASSEMBLY,\n\nRECALLING the charter of the organization;\n\
                            \nCONSIDERING that trade routes matter;\n\nRESOLVES:\n\n";

    /// Imports `body` as the operative part of a short resolution.
    fn operative(body: &str) -> ImportedDraft {
        import(&format!("{PREAMBLE}{body}"))
    }

    fn after_verb_line(draft: &ImportedDraft) -> &[ImportedParagraph] {
        let verb = draft.paragraphs.iter().position(|p| p.kind == VerbLine).unwrap_or(0);
        &draft.paragraphs[verb + 1..]
    }

    #[test]
    fn numbering_styles() {
        for (body, number) in [
            ("1. To convene a meeting.\n2. To report back.", ["1", "2"]),
            ("1) To convene a meeting.\n2) To report back.", ["1)", "2)"]),
            ("(1) To convene a meeting.\n(2) To report back.", ["(1)", "(2)"]),
            ("1\tTo convene a meeting.\n2\tTo report back.", ["1", "2"]),
            ("i. To convene a meeting.\nii. To report back.", ["i", "ii"]),
            ("(a) To convene a meeting.\n(b) To report back.", ["(a)", "(b)"]),
            ("7. To convene a meeting.\n7bis. To report back.", ["7", "7bis"]),
            ("7. To convene a meeting.\n7 bis. To report back.", ["7", "7 bis"]),
        ] {
            let draft = operative(body);
            let ops = after_verb_line(&draft);
            assert_eq!(ops.len(), 2, "{body}");
            assert!(ops.iter().all(|p| p.kind == Operative && p.parent.is_none()), "{body}");
            let found: Vec<&str> = ops.iter().filter_map(|p| p.source_number.as_deref()).collect();
            assert_eq!(found, number, "{body}");
            assert_eq!(ops[0].text, "To convene a meeting.");
        }
    }

    #[test]
    fn bullets() {
        for bullet in ["•", "-", "*", "–", "\u{f0b7}"] {
            let draft = operative(&format!("{bullet} To convene a meeting.\n{bullet} To report."));
            let ops = after_verb_line(&draft);
            assert_eq!(ops.len(), 2, "{bullet}");
            assert!(ops.iter().all(|p| p.kind == Operative && p.source_number.is_none()));
            assert_eq!(ops[1].text, "To report.");
        }
    }

    #[test]
    fn lost_numbers_stay_in_place() {
        let draft = operative("1. To convene a meeting.\n Urges states to attend.\n3. To report.");
        let ops = after_verb_line(&draft);
        assert_eq!(numbers(&draft)[draft.paragraphs.len() - 3..], [Some("1"), None, Some("3")]);
        assert!(ops.iter().all(|p| p.kind == Operative && p.parent.is_none()));
        assert_eq!(ops[1].text, "Urges states to attend.");
    }

    #[test]
    fn sub_paragraphs_nest_under_their_operative() {
        let draft = operative(
            "1. To convene a meeting on:\n(a) ports;\n(b) railways, in particular:\n\
             (i) freight;\n(ii) passengers;\n(c) roads;\n2. To report.",
        );
        let ops = after_verb_line(&draft);
        let first = draft.paragraphs.len() - ops.len();
        let parents: Vec<Option<usize>> = ops.iter().map(|p| p.parent).collect();
        let (op1, b) = (Some(first), Some(first + 2));
        assert_eq!(parents, [None, op1, op1, b, b, op1, None]);
        let expected = [Operative, SubParagraph, SubParagraph, SubParagraph, SubParagraph];
        assert_eq!(ops.iter().take(5).map(|p| p.kind).collect::<Vec<_>>(), expected);
        assert_eq!(ops[3].source_number.as_deref(), Some("(i)"));
        assert_eq!(ops[3].text, "freight;");
    }

    #[test]
    fn i_after_h_is_a_letter() {
        let letters: String = "abcdefghij".chars().map(|c| format!("({c}) item {c};\n")).collect();
        let draft = operative(&format!("1. To study:\n{letters}2. To report."));
        let ops = after_verb_line(&draft);
        let op1 = Some(draft.paragraphs.len() - ops.len());
        assert!(ops[1..11].iter().all(|p| p.kind == SubParagraph && p.parent == op1));
        assert_eq!(ops[9].source_number.as_deref(), Some("(i)"));
        assert_eq!(ops[10].source_number.as_deref(), Some("(j)"));
    }

    #[test]
    fn v_and_x_continue_roman_numerals() {
        let romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
        let items: String = romans.iter().map(|r| format!("({r}) item;\n")).collect();
        let draft = operative(&format!("1. To study:\n(a) these:\n{items}(b) the rest."));
        let ops = after_verb_line(&draft);
        let a = Some(draft.paragraphs.len() - ops.len() + 1);
        assert!(ops[2..12].iter().all(|p| p.parent == a), "{:?}", ops);
        assert_eq!(ops[12].source_number.as_deref(), Some("(b)"));
        assert_eq!(ops[12].parent, Some(draft.paragraphs.len() - ops.len()));
    }

    #[test]
    fn sub_paragraphs_under_unnumbered_paragraphs() {
        let text = "To convene a meeting on:\na) ports;\nb) roads.\nTo report to the Council.";
        let draft = operative(text);
        let ops = after_verb_line(&draft);
        let op1 = Some(draft.paragraphs.len() - ops.len());
        let parents: Vec<Option<usize>> = ops.iter().map(|p| p.parent).collect();
        assert_eq!(parents, [None, op1, op1, None]);
        assert_eq!(ops[3].kind, Operative);
    }

    #[test]
    fn working_labels_name_the_kind() {
        let draft =
            import("PP1 RECALLING the charter;\nPP2 Noting the report;\nOP1 Decides to act.");
        assert_eq!(kinds(&draft), [Preambular, Preambular, Operative]);
        assert_eq!(numbers(&draft), [Some("PP1"), Some("PP2"), Some("OP1")]);
        let draft = import("OP 7bis: To convene a meeting.");
        assert_eq!(numbers(&draft), [Some("OP7bis")]);
        assert_eq!(draft.paragraphs[0].text, "To convene a meeting.");
    }

    #[test]
    fn every_label_numbering_writes_is_read_back_as_a_label() {
        use crate::numbering::{alternative_label, insertion_label};
        // The labels of twelve insertions after OP7 (bis … decies, then OP7-11, OP7-12), the
        // alternatives of OP7 and of OP7bis, as an export of the working text prints them.
        let mut labels = vec!["OP7".to_string()];
        for _ in 0..11 {
            labels.push(insertion_label(&labels, Some("OP7"), Operative));
        }
        for of in ["OP7", "OP7", "OP7bis", "OP7sexies"] {
            labels.push(alternative_label(&labels, of));
        }
        assert!(labels.iter().any(|l| l == "OP7decies") && labels.iter().any(|l| l == "OP7alt2"));
        for label in &labels {
            for line in [format!("{label} Decides to act."), format!("{label}. Decides to act.")] {
                let draft = import(&line);
                assert_eq!(numbers(&draft), [Some(label.as_str())], "{line}");
                assert_eq!(kinds(&draft), [Operative], "{line}");
                assert_eq!(texts(&draft), ["Decides to act."], "{line}");
            }
        }
        let draft = operative("7. To convene a meeting.\n7sexies. To report back.");
        let found: Vec<_> =
            after_verb_line(&draft).iter().map(|p| p.source_number.clone()).collect();
        assert_eq!(found, [Some("7".to_string()), Some("7sexies".to_string())]);
    }

    #[test]
    fn a_number_on_a_line_of_its_own() {
        let draft = operative("1.\nTo convene a meeting.\n2.\nTo report back.");
        let ops = after_verb_line(&draft);
        assert_eq!(
            texts(&draft)[draft.paragraphs.len() - 2..],
            ["To convene a meeting.", "To report back."]
        );
        assert_eq!(ops[1].source_number.as_deref(), Some("2"));
    }

    // -- Structure ----------------------------------------------------------------------------

    #[test]
    fn section_headings() {
        let draft = operative(
            "I. GENERAL PRINCIPLES\n1. To convene a meeting.\nSECTION II\n2. To report.\n\
             PREVENTION AND COOPERATION\n3. To fund it.\nA. Follow-up\n4. To review it.",
        );
        let ops = after_verb_line(&draft);
        let expected = [SectionHeading, Operative, SectionHeading, Operative, SectionHeading];
        assert_eq!(ops.iter().take(5).map(|p| p.kind).collect::<Vec<_>>(), expected);
        assert_eq!(ops[0].text, "GENERAL PRINCIPLES");
        assert_eq!(ops[0].source_number.as_deref(), Some("I"));
        assert_eq!(ops[6].kind, SectionHeading);
        assert_eq!(ops[6].text, "Follow-up");
        assert!(ops.iter().all(|p| p.parent.is_none()));
    }

    #[test]
    fn un_resolution_without_verb_line() {
        let text = "The General Assembly,\n\nRecalling its earlier resolutions on river \
                    basins,\n\nAlso noting the report of the panel of experts,\n\n\
                    1. Decides to convene a conference on river basins;\n\n\
                    2. Requests the Secretary-General to report back;\n\n\
                    3. Decides to remain seized of the matter.";
        let draft = import(text);
        let expected = [OpeningClause, Preambular, Preambular, Operative, Operative, Operative];
        assert_eq!(kinds(&draft), expected);
        assert_eq!(draft.meta.house_style, HouseStyle::Un);
        assert!(draft.paragraphs.iter().all(|p| p.parent.is_none()));
    }

    #[test]
    fn numbering_restart_starts_the_operative_part() {
        let text = "1. RECALLING the charter;\n2. NOTING the report;\n1. The plan of work for \
                    the year.\n2. A meeting in May.";
        assert_eq!(kinds(&import(text)), [Preambular, Preambular, Operative, Operative]);
    }

    #[test]
    fn spanish_draft() {
        let text = "PROYECTO DE DECLARACIÓN SOBRE LOS PUERTOS DEL CARIBE\n\n\
                    (ad referéndum de la delegación de Colombia)\n\n\
                    LOS MINISTROS DE TRANSPORTE, reunidos en Cartagena;\n\n\
                    CONSIDERANDO que los puertos son vitales para el comercio;\n\n\
                    TENIENDO EN CUENTA la importancia de la cooperación;\n\nDECLARAN:\n\n\
                    1. Que los puertos del Caribe requieren inversión. (Aprobado)\n\n\
                    2. La necesidad de fortalecer la cooperación. (ad referéndum de las \
                    delegaciones de México y Brasil)\n\n\
                    a) en los puertos;\n\nb) en las aduanas.";
        let draft = import(text);
        assert_eq!(draft.meta.title, "Proyecto de Declaración sobre los Puertos del Caribe");
        assert_eq!(draft.meta.whole_text_ad_referendum, ["Colombia"]);
        assert_eq!(draft.meta.language, "Spanish");
        let expected =
            [OpeningClause, Preambular, Preambular, VerbLine, Operative, Operative, SubParagraph];
        assert_eq!(kinds(&draft)[..7], expected);
        assert_eq!(draft.paragraphs[4].status, ImportedStatus::Agreed);
        assert_eq!(draft.paragraphs[4].text, "Que los puertos del Caribe requieren inversión.");
        assert_eq!(draft.paragraphs[5].status, ad_ref(&["México", "Brasil"]));
        assert_eq!(draft.paragraphs[6].parent, Some(5));
    }

    #[test]
    fn draft_without_title_starts_at_the_opening_clause() {
        let text = "Colleagues, please find below the text as it stands after the second \
                    meeting of the working group, with thanks for your patience.\n\n\
                    THE PERMANENT COUNCIL,\n\nRECALLING the charter;\n\nRESOLVES:\n\n\
                    1. To convene a meeting.";
        let draft = import(text);
        assert_eq!(kinds(&draft), [OpeningClause, Preambular, VerbLine, Operative]);
        assert_eq!(draft.meta.title, NegotiationMeta::default().title);
        assert_eq!(draft.skipped.len(), 1);
        assert_eq!(draft.skipped[0].reason, SkipReason::CoveringReport);
    }

    #[test]
    fn an_unrecognized_first_paragraph_is_kept() {
        let text = "1. HEARTENED by the progress made;\n2. RECOGNIZING the work of the \
                    committee;\n3. RECALLING the charter;\nDECLARE:\n1. That peace matters.";
        let draft = import(text);
        assert_eq!(kinds(&draft), [Preambular, Preambular, Preambular, VerbLine, Operative]);
    }

    #[test]
    fn a_pdfs_footnotes_go_to_the_paragraphs_that_cite_them() {
        let text = "WHA66.8 Mental health action plan\nThe Sixty-sixth World Health Assembly,\n\
                    Having considered the report by the Secretariat on the draft plan\n3\n\
                    2013-2020, including the Annex,\n1. ADOPTS the plan;\n2. URGES Member \
                    States to implement it.\n\n3\n\nDocument A66/10 Rev.1.\n";
        let draft = import(text);
        assert_eq!(
            (draft.meta.symbol.as_str(), draft.meta.title.as_str()),
            ("WHA66.8", "Mental health action plan")
        );
        let kinds: Vec<ParagraphKind> = draft.paragraphs.iter().map(|p| p.kind).collect();
        use ParagraphKind::{OpeningClause, Operative, Preambular};
        assert_eq!(kinds, [OpeningClause, Preambular, Operative, Operative]);
        let notes: Vec<&str> =
            draft.paragraphs[1].footnotes.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(notes, ["Document A66/10 Rev.1."]);
        assert!(
            draft.skipped.iter().all(|s| !s.text.contains("A66/10")),
            "a note is not a skipped line"
        );
    }

    #[test]
    fn a_table_extracted_one_cell_a_line_is_one_paragraph() {
        let years: String = (2013..2021).map(|y| format!("{y}\n")).collect();
        let amounts = "1 000\n".repeat(8);
        let text = format!(
            "The Assembly,\n\nNoting the request of the Member,\n\n\
            1. DECIDES that the Member shall pay its arrears as set out below:\n\
            Year\n{years}\nUS$\n{amounts}\n\
            2. REQUESTS the Director-General to report.\n"
        );
        let draft = import(&text);
        let texts = texts(&draft);
        let table = texts.iter().find(|t| t.starts_with("Year")).expect("the table");
        assert!(
            table.starts_with("Year 2013 2014")
                && table.ends_with("US$ 1 000 1 000 1 000 1 000 1 000 1 000 1 000 1 000")
        );
        assert_eq!(texts.len(), 5, "{texts:?}");
        let words = "Argentina\nBrazil\nChile\nColombia\nCuba\nEcuador\nMexico\nPeru\n";
        let lines: Vec<SourceParagraph> = words
            .lines()
            .enumerate()
            .map(|(n, t)| SourceParagraph { number: n + 1, text: t.into(), ..Default::default() })
            .collect();
        assert_eq!(table_runs(lines).len(), 8, "a list of names is no table of figures");
    }

    #[test]
    fn wrapped_lines_are_joined() {
        let text = "RECALLING the charter of the organization and the\nprinciples it sets \
                    out for all member states;\nCONSIDERING that trade routes are\nvital \
                    for the region;\nRESOLVES:\n1. To convene a meeting of the ministers of \
                    transport and\nPorts Authorities of the region in May.\n2. To report.";
        let draft = import(text);
        assert_eq!(
            texts(&draft),
            [
                "RECALLING the charter of the organization and the principles it sets out \
                 for all member states;",
                "CONSIDERING that trade routes are vital for the region;",
                "RESOLVES:",
                "To convene a meeting of the ministers of transport and Ports Authorities of \
                 the region in May.",
                "To report.",
            ]
        );
        assert_eq!(draft.paragraphs[3].line, 6);
    }

    #[test]
    fn line_endings_and_line_numbers() {
        for newline in ["\n", "\r\n", "\r"] {
            let text =
                ["RECALLING the charter;", "", "NOTING the report;", "DECLARE:"].join(newline);
            let draft = import(&text);
            let lines: Vec<usize> = draft.paragraphs.iter().map(|p| p.line).collect();
            assert_eq!(lines, [1, 3, 4], "{newline:?}");
        }
    }

    // -- Statuses -----------------------------------------------------------------------------

    /// The text, status and proposers of `annotated` read as operative paragraph 1.
    fn status_of_text(annotated: &str) -> (String, ImportedStatus, Vec<String>) {
        let draft = operative(&format!("1. {annotated}"));
        let last = draft.paragraphs.last().cloned();
        let last = last.unwrap_or_else(|| panic!("no paragraph in {annotated}"));
        (last.text, last.status, last.proposers)
    }

    #[test]
    fn status_annotations() {
        let agreed = ImportedStatus::Agreed;
        for (annotated, status) in [
            ("To meet. (Agreed)", agreed.clone()),
            ("To meet. (APPROVED)", agreed.clone()),
            ("To meet. (Agreed at the fifth formal session)", agreed.clone()),
            ("To meet. (Aprobado)", agreed.clone()),
            ("To meet.", agreed.clone()),
            ("To meet. (Pending)", ImportedStatus::Pending),
            ("To meet. (Under negotiation)", ImportedStatus::Pending),
            ("(Pending) To meet.", ImportedStatus::Pending),
            ("To meet. (Agreed).", agreed.clone()),
            ("To meet. (Bracketed)", ImportedStatus::Bracketed),
            ("To meet. (APPROVED ad referendum of the delegation of Canada)", ad_ref(&["Canada"])),
            (
                "To meet. (ad referendum of the delegations of Canada and Mexico)",
                ad_ref(&["Canada", "Mexico"]),
            ),
            ("To meet. (agreed ad ref. Peru)", ad_ref(&["Peru"])),
            (
                "To meet. (Aprobado ad referéndum de la delegación de El Salvador)",
                ad_ref(&["El Salvador"]),
            ),
            ("To meet. (ad referendum of the delegation of PERU)", ad_ref(&["Peru"])),
        ] {
            let (text, found, _) = status_of_text(annotated);
            assert_eq!(found, status, "{annotated}");
            assert_eq!(text, "To meet.", "{annotated}");
        }
    }

    #[test]
    fn proposals_keep_their_proposers() {
        for (annotated, proposers) in [
            ("To meet. (Proposed by Canada)", vec!["Canada"]),
            ("To meet. (Proposed by the delegations of Brazil and Chile)", vec!["Brazil", "Chile"]),
            (
                "To meet. (New proposal of the delegation of the United States)",
                vec!["United States"],
            ),
            (
                "To meet. (Proposed by Antigua and Barbuda, Trinidad and Tobago and Peru)",
                vec!["Antigua and Barbuda", "Trinidad and Tobago", "Peru"],
            ),
            ("To meet. (Propuesta de la delegación de Guatemala)", vec!["Guatemala"]),
            ("To meet. (Canada proposal)", vec!["Canada"]),
            ("To meet. (Proposed by Spain, as an observer)", vec!["Spain"]),
            ("To meet. (Proposed)", vec![]),
        ] {
            let (text, status, found) = status_of_text(annotated);
            assert_eq!(status, ImportedStatus::Proposed, "{annotated}");
            assert_eq!(found, proposers, "{annotated}");
            assert_eq!(text, "To meet.", "{annotated}");
        }
        let (_, status, proposers) = status_of_text("To meet. (Proposed by Peru) (Pending)");
        assert_eq!((status, proposers), (ImportedStatus::Pending, vec!["Peru".to_string()]));
    }

    #[test]
    fn ordinary_parentheses_stay_in_the_text() {
        for text in [
            "To invite the Organization of American States (OAS).",
            "To meet (in person or online).",
            "To apply resolution AG/RES. 2345 (XL-O/10).",
            "To meet in an open session (open to observers from all regions of the world).",
        ] {
            let (found, status, _) = status_of_text(text);
            assert_eq!((found.as_str(), status), (text, ImportedStatus::Agreed));
        }
    }

    #[test]
    fn an_annotation_on_its_own_line_belongs_to_the_paragraph_above() {
        let draft = operative(
            "1. To meet.\n\n(Agreed ad referendum of the delegation of Haiti)\n\n2. To report.",
        );
        let ops = after_verb_line(&draft);
        assert_eq!(ops.len(), 2);
        assert_eq!(ops[0].status, ad_ref(&["Haiti"]));
        assert_eq!(ops[1].status, ImportedStatus::Agreed);
    }

    #[test]
    fn brackets_decide_the_status() {
        let (text, status, _) = status_of_text("[To convene a meeting.]");
        assert_eq!((text.as_str(), status), ("[To convene a meeting.]", ImportedStatus::Bracketed));
        let (_, status, _) = status_of_text("[To convene a meeting] [To hold a session];");
        assert_eq!(status, ImportedStatus::Bracketed);
        let (_, status, _) = status_of_text("To convene a [high-level] meeting.");
        assert_eq!(status, ImportedStatus::Pending);
        let (_, status, _) = status_of_text("[To convene] a [high-level] meeting.");
        assert_eq!(status, ImportedStatus::Pending);
        let (_, status, _) = status_of_text("To convene a [high-level meeting. (Agreed)");
        assert_eq!(status, ImportedStatus::Pending);
        let (_, status, _) = status_of_text("[To convene a meeting.] (Proposed by Chile)");
        assert_eq!(status, ImportedStatus::Proposed);
    }

    #[test]
    fn bracketed_preambular_paragraph_stays_preambular() {
        let draft =
            import("RECALLING the charter;\n[NOTING the report;]\nDECLARE:\n1. That it is.");
        assert_eq!(kinds(&draft), [Preambular, Preambular, VerbLine, Operative]);
        assert_eq!(draft.paragraphs[1].status, ImportedStatus::Bracketed);
    }

    #[test]
    fn document_status_for_several_delegations() {
        let text = "DRAFT RESOLUTION\n(ad referendum of the delegations of Canada and Mexico)\n\
                    RECALLING the charter;\nRESOLVES:\n1. To meet.";
        let draft = import(text);
        assert_eq!(draft.meta.whole_text_ad_referendum, ["Canada", "Mexico"]);
        assert_eq!(draft.meta.title, "Draft Resolution");
        assert_eq!(kinds(&draft), [Preambular, VerbLine, Operative]);
    }

    // -- Title block and header ---------------------------------------------------------------

    #[test]
    fn un_title_follows_the_document_type() {
        let text = "United Nations    A/C.9/99/L.1\nGeneral Assembly\nNinety-ninth session\n\n\
                    Draft resolution submitted by the Vice-Chair of the Committee\n\n\
                    Quiet skies over the oceans\n\nThe General Assembly,\n\n\
                    Recalling its earlier work on the quiet skies,\n\n\
                    1. Decides to continue its work.";
        let draft = import(text);
        assert_eq!(draft.meta.title, "Quiet skies over the oceans");
        assert_eq!(draft.meta.symbol, "A/C.9/99/L.1");
        assert_eq!(draft.meta.session, "Ninety-ninth session");
        assert_eq!(kinds(&draft), [OpeningClause, Preambular, Operative]);
    }

    #[test]
    fn covering_letter_then_titled_resolution() {
        let text = "To: All delegations\nFrom: The Chair\n\nDear colleagues, please find below \
                    the revised text that reflects the\ndiscussions held at the informal \
                    meeting last Tuesday afternoon.\n\nPROPOSED DRAFT RESOLUTION\n\n\
                    QUIET SKIES OVER THE OCEANS\n\n(Agreed in informal consultations)\n\n\
                    THE GENERAL ASSEMBLY,\n\nRECALLING its earlier work;\n\nRESOLVES:\n\n\
                    1. To continue its work.";
        let draft = import(text);
        assert_eq!(draft.meta.title, "Quiet Skies over the Oceans");
        assert_eq!(kinds(&draft), [OpeningClause, Preambular, VerbLine, Operative]);
        let reasons: Vec<SkipReason> = draft.skipped.iter().map(|s| s.reason).collect();
        let report = SkipReason::CoveringReport;
        let title = SkipReason::TitleBlock;
        assert_eq!(reasons, [report, report, report, report, title, title, title]);
    }

    #[test]
    fn header_gives_symbol_body_and_session() {
        let text = "GENERAL ASSEMBLY\tOEA/Ser.P\nFORTY-NINTH REGULAR SESSION\tAG/doc.9999/19 \
                    rev. 2\nJune 26 to 28, 2019\t24 June 2019\nOriginal: English\n\n\
                    DRAFT DECLARATION OF MEDELLÍN\nON PORTS AND WATERWAYS\n\n\
                    RECALLING the charter;\nDECLARE:\n1. That ports matter.";
        let draft = import(text);
        assert_eq!(draft.meta.symbol, "AG/doc.9999/19 rev. 2");
        assert_eq!(draft.meta.body, "General Assembly");
        assert_eq!(draft.meta.session, "Forty-ninth regular session");
        assert_eq!(draft.meta.title, "Draft Declaration of Medellín on Ports and Waterways");
        assert!(draft.skipped.iter().all(|s| s.reason == SkipReason::TitleBlock));
        assert_eq!(draft.skipped.len(), 6);
    }

    // -- Debris and furniture -----------------------------------------------------------------

    #[test]
    fn page_furniture_anywhere() {
        let text = "RECALLING the charter;\n\n- 2 -\n\nNOTING the report;\nPage 3 of 4\n\
                    DECLARE:\n– ii –\n1. That ports matter.\n* * *\n2. That roads matter.";
        let draft = import(text);
        assert_eq!(kinds(&draft), [Preambular, Preambular, VerbLine, Operative, Operative]);
        let furniture = draft.skipped.iter().filter(|s| s.reason == SkipReason::PageFurniture);
        assert_eq!(furniture.count(), 4);
    }

    #[test]
    fn running_headers_are_skipped() {
        let text = "RECALLING the charter;\nAG/doc.9999/19\nNOTING the report;\nDECLARE:\n\
                    AG/doc.9999/19\n1. That ports matter.";
        let draft = import(text);
        assert_eq!(kinds(&draft), [Preambular, Preambular, VerbLine, Operative]);
        assert_eq!(draft.skipped.len(), 2);
    }

    #[test]
    fn word_fields_keep_their_result() {
        let text = "RECALLING the \u{13} HYPERLINK \"https://example.org\" \u{14}charter\u{15} \
                    of the organization;\n\u{13} PAGE \\* MERGEFORMAT \u{14}2\u{15}\n\
                    \u{13} FILENAME \u{14}draft-v3.docx\u{15}\nDECLARE:\n1. That ports matter.";
        let draft = import(text);
        assert_eq!(draft.paragraphs[0].text, "RECALLING the charter of the organization;");
        assert_eq!(kinds(&draft), [Preambular, VerbLine, Operative]);
        assert_eq!(draft.skipped.len(), 2);
        assert!(draft.skipped.iter().all(|s| s.reason == SkipReason::WordDebris));
    }

    #[test]
    fn trailing_debris_is_skipped_but_a_trailing_paragraph_is_kept() {
        let text = "RECALLING the charter;\nDECLARE:\n1. That ports matter.\nThe ports \
                    authority will meet again next year.\nYA\nPERMANENT COUNCIL\nfinal v2";
        let draft = import(text);
        assert_eq!(kinds(&draft), [Preambular, VerbLine, Operative, Operative]);
        assert_eq!(draft.skipped.len(), 3);
    }

    // -- Files and performance ----------------------------------------------------------------

    #[test]
    fn file_encodings() {
        let text = "RECALLING the charter of Bogotá;\nDECLARE:\n1. That “ports” matter.";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.as_bytes());
        let cp1252: Vec<u8> = text
            .chars()
            .map(|c| match c {
                'á' => 0xE1,
                '“' => 0x93,
                '”' => 0x94,
                c => u8::try_from(u32::from(c)).unwrap_or(b'?'),
            })
            .collect();
        for bytes in [text.as_bytes().to_vec(), utf16, utf16be, bom, cp1252] {
            let draft = import_bytes(&bytes).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                texts(&draft),
                ["RECALLING the charter of Bogotá;", "DECLARE:", "That “ports” matter."]
            );
        }
    }

    #[test]
    fn five_thousand_paragraphs_import_quickly() {
        let mut text = String::from("DRAFT DECLARATION ON RIVERS\n\nTHE MINISTERS, gathered;\n");
        for i in 2..=1000 {
            text.push_str(&format!("{i}. RECOGNIZING the importance of river basin {i};\n"));
        }
        text.push_str("DECLARE:\n");
        for i in 1..=3000 {
            text.push_str(&format!("{i}. That basin {i} needs [a joint] plan.\n"));
            if i % 3 == 0 {
                text.push_str("(a) in the dry season;\n(b) in the wet season. (Pending)\n");
            }
        }
        let started = Instant::now();
        let draft = import(&text);
        let elapsed = started.elapsed();
        assert_eq!(draft.paragraphs.len(), 6001);
        let limit = if cfg!(debug_assertions) { 5 } else { 1 };
        assert!(elapsed < Duration::from_secs(limit), "{elapsed:?}");
    }

    #[test]
    fn a_markdown_heading_loses_its_marks_and_stands_alone() {
        let line = markdown_line(3, "### Article  1  ");
        assert_eq!((line.text.as_str(), line.wraps), ("Article  1", false));
        assert_eq!(markdown_line(1, "##Title").text, "Title");
        assert!(markdown_line(2, "the text goes on").wraps);
        let cut = markdown_line(4, "#### Artículo 3 - de la Ley.");
        assert_eq!(
            (cut.text.as_str(), cut.heading, cut.wraps),
            ("Artículo 3 - de la Ley.", false, true)
        );
    }

    #[test]
    fn a_footnote_set_inline_in_markdown_is_the_lines_footnote() {
        let line = markdown_line(9, "a. to approve; <sup> 1)  [Red: not included.]  </sup>  ");
        assert_eq!(line.text, "a. to approve;");
        assert_eq!(line.footnotes, ["[Red: not included.]"]);
        assert_eq!(markdown_line(1, "x<sup>2</sup> y").text, "x<sup>2</sup> y");
    }

    #[test]
    fn opening_words_set_apart_in_markdown_are_the_paragraphs_emphasis() {
        assert_eq!(opening_emphasis("*Being* Parties to the Convention,"), Some(Emphasis::Italic));
        assert_eq!(opening_emphasis("_In pursuit_ of the objective,"), Some(Emphasis::Italic));
        assert_eq!(opening_emphasis("**DECIDES** to act;"), Some(Emphasis::Bold));
        assert_eq!(opening_emphasis("*[Recognizes* that Parties"), Some(Emphasis::Italic));
        assert_eq!(opening_emphasis("*This is the text as published on 12 December.*"), None);
        assert_eq!(opening_emphasis("* a bullet"), None);
        assert_eq!(opening_emphasis("Recognizing *also* the need,"), None);
    }

    #[test]
    fn an_indented_markdown_list_item_is_a_sub_paragraph_of_the_item_above() {
        assert_eq!((list_level("1. a"), list_level(" 1. a"), list_level("    1. a")), (0, 1, 1));
        assert_eq!((list_level("\t1. a"), list_level("        1. a")), (1, 2));
        let text = "The Parties to this Agreement,\n\n*Recognizing* the need,\n\n\
            Have agreed as follows:\n\n## Article 2\n\n\
            1. This Agreement aims to strengthen the response by:\n\n\
            \x20   1. Holding the increase in temperature;\n    2. Increasing the ability to adapt.\n\n\
            2. Each Party shall regularly provide the following information:\n\n\
            \x201. A national inventory report;\n\n 2. Information to track progress.\n\n\
            3. Each Party should also provide information.\n";
        let draft = import_text(text).unwrap();
        let read: Vec<_> = draft.paragraphs.iter().map(|p| (p.kind, p.parent)).collect();
        let (sub, op) = (ParagraphKind::SubParagraph, ParagraphKind::Operative);
        let expected = [(op, None), (sub, Some(4)), (sub, Some(4))];
        let then = [(op, None), (sub, Some(7)), (sub, Some(7)), (op, None)];
        assert_eq!(read[4..], [&expected[..], &then[..]].concat());
    }

    #[test]
    fn the_front_matter_of_a_markdown_text_names_a_draft_without_a_title() {
        let text = "---\ntitle: \"An Agreement\"\nedit: true\n---\n\n## Preamble\n\n\
            The Parties to this Agreement,\n\n*Recognizing* the need,\n\n\
            Have agreed as follows:\n\n## Article 1\n\n1. The Parties shall act.\n";
        assert_eq!(import_text(text).unwrap().meta.title, "An Agreement");
        assert_eq!(front_matter_title("title: not front matter\n"), None);
    }

    #[test]
    fn markdown_emphasis_is_left_out_so_the_opening_verb_is_read() {
        assert_eq!(without_emphasis("*Decides* to adopt"), "Decides to adopt");
        assert_eq!(without_emphasis("**Option 1** (paras 6-9bis):"), "Option 1 (paras 6-9bis):");
        assert_eq!(without_emphasis("*[Recognizes* that Parties"), "[Recognizes that Parties");
        assert_eq!(without_emphasis("V. ~~INTERIM ARRANGEMENTS~~"), "V. INTERIM ARRANGEMENTS");
        assert_eq!(without_emphasis("~5 % of ~~all~~ emissions"), "~5 % of all emissions");
        assert_eq!(
            without_emphasis("* a bullet with snake_case and 2 * 3"),
            "* a bullet with snake_case and 2 * 3"
        );
        let draft = import_text("### I. ADOPTION\n\n*Recalling* decision 1/CP.17,\n\n1. *Decides* to adopt the Agreement;\n").unwrap();
        let texts: Vec<(ParagraphKind, &str)> =
            draft.paragraphs.iter().map(|p| (p.kind, p.text.as_str())).collect();
        assert!(
            texts.contains(&(ParagraphKind::Operative, "Decides to adopt the Agreement;")),
            "{texts:?}"
        );
        assert!(texts.iter().all(|(_, t)| !t.contains('*')), "{texts:?}");
    }

    #[test]
    fn a_numbered_paragraph_goes_on_with_a_sentence_joined_to_the_one_before() {
        let text = "Article 13
10. Developing country Parties should provide information on the support needed and received.
11. The information submitted by each Party shall undergo a technical expert review.
Moreover, each Party shall participate in a facilitative, multilateral consideration of
progress with respect to efforts under Article 9.
12. The technical expert review shall consist of a consideration of the Party's support.
The review shall also identify areas of improvement for the Party.
";
        let draft = import(text);
        assert_eq!(numbers(&draft)[1..], [Some("10"), Some("11"), Some("12"), None]);
        assert!(draft.paragraphs[2].text.ends_with("under Article 9."));
    }

    #[test]
    fn a_decision_of_one_sentence_with_notes_on_its_symbol_reads_clause_by_clause() {
        let text = "United Nations                              A/99/L.7*
General Assembly                            Distr.: Limited

Ninety-ninth session
Agenda item 12
Ruritania: draft decision**

        The General Assembly, recalling its resolution 98/1 of 1 May 2098, noting
that the meeting of the Preparatory Commission was held from 2 to 4 June 2098,
requests the Secretary-General to convene the Commission twice in 2099, and also
requests the Secretary-General to report on its work.

  * Reissued for technical reasons on 7 August 2098.
 ** In order for the General Assembly to take action on the present proposal, it will
    be necessary to reopen consideration of agenda item 12.
";
        let draft = import(text);
        assert_eq!(draft.meta.symbol, "A/99/L.7");
        assert_eq!(kinds(&draft), [OpeningClause, Preambular, Preambular, Operative]);
        assert!(draft.paragraphs[3].text.ends_with("to report on its work."));
        let notes = draft.skipped.iter().filter(|s| s.text.trim_start().starts_with('*'));
        assert_eq!(notes.map(|s| s.reason).collect::<Vec<_>>(), [SkipReason::TitleBlock; 2]);
        assert!(draft.skipped.iter().any(|s| s.text.contains("be necessary to reopen")));
    }

    #[test]
    fn a_text_run_in_on_one_line_is_split_into_its_clauses() {
        let gap = " ".repeat(8);
        let preambular = "Recalling its earlier resolutions on the question, in particular those \
            adopted at its last three sessions by consensus, and the reports of the Secretary-General \
            on their implementation,";
        let run_in = [
            "Commission on Ports",
            "Resolution 4/2. Port State Measures",
            "The Commission on Ports,",
            preambular,
            preambular,
            "Taking",
            "note of the report of the Working Group on Port State Measures (A/CP/4/12),",
            "1.",
            "Decides to establish an open-ended working group on port State measures, to meet \
             once a year for three days within existing resources;",
            "Requests the Secretary-General to provide the working group with all the services \
             and facilities necessary to fulfil its mandate;",
            "3.",
            "Decides to review the work of the group after four years.",
            "[Adopted without a vote] 9th meeting 3 March 2021",
        ]
        .join(&gap);
        assert_eq!(split_lines(&run_in).len(), 13);
        let draft = import(&run_in);
        assert!(draft.warnings.is_empty(), "{:?}", draft.warnings);
        assert_eq!(draft.meta.title, "Port State Measures");
        assert_eq!(
            kinds(&draft),
            [OpeningClause, Preambular, Preambular, Preambular, Operative, Operative, Operative]
        );
        assert_eq!(numbers(&draft)[4..], [Some("1"), None, Some("3")]);
        assert!(draft.paragraphs.iter().all(|p| p.status == ImportedStatus::Agreed && p.line == 1));
        assert!(texts(&draft)[3].starts_with("Taking note of the report"));
        let wide = format!("A line of a table{gap}with its columns{gap}set apart by spaces");
        assert_eq!(split_lines(&wide).len(), 1);
    }
}
