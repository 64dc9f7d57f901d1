//! Plain text and clipboard pastes out of Word, read into a structured draft.
//!
//! A Word paragraph pasted as text is one line; hard-wrapped lines are joined back. The reader
//! works in four steps:
//!
//! 1. **Clean.** Word field codes (`EMBED`, `FILENAME … MERGEFORMAT`, with their marks),
//!    embedded-object names (`_1208779139.doc`), image placeholders (`[image: image1.png]`),
//!    page numbers (`- 3 -`, `Page 2`), separators and stray fragments are skipped wherever
//!    they stand; so are short lines repeated as running headers.
//! 2. **Find the draft.** Whatever comes before it (a covering letter or report, a document
//!    header) is skipped. The draft starts at its title ("DRAFT DECLARATION OF …", possibly over
//!    several lines, which are joined), or without a title at its opening clause or its first
//!    preambular paragraph. The title block gives the title (in title case), the document symbol
//!    ("AG/doc.5200/11") and the document-level status line "(ad referendum of the delegation
//!    of Mexico)"; a document header may also give the body and the session.
//! 3. **Read the paragraphs.** Numbers in any style ("1.", "1)", "(1)", "a)", "(a)", "(i)",
//!    "i.", "II.", "PP3", "OP7bis", bullets) are removed and nest sub-paragraphs under their
//!    parent; "(i)" after "(h)" continues the letters, after "(a)" it opens roman numerals.
//!    Paragraphs whose number was lost in conversion are placed by their words. Kinds follow
//!    the structure of a declaration or resolution: opening clause, preambular paragraphs
//!    (opening with a participle), verb line ("DECLARE:"), operative paragraphs; short headings
//!    in capitals or numbered "I." / "A." are section headings. Without a verb line (UN style),
//!    the first paragraph opening with an operative verb ("Decides") starts the operative part.
//! 4. **Read the statuses.** Annotations at the end or the start of a paragraph — "(Agreed)",
//!    "(APPROVED ad referendum of the delegation of Canada)", "(Pending)", "(Proposed by
//!    Brazil and Chile)", and their Spanish, French and Portuguese forms — become statuses and
//!    leave the text; an annotation on a line of its own belongs to the paragraph above it.
//!
//! A paragraph's status, in order of precedence: "(Pending)", then "(Proposed by …)", then
//! brackets around the whole paragraph (bracketed), then brackets left inside it (pending),
//! then an "(Agreed)" or ad referendum annotation. **An unmarked paragraph is agreed**: in a
//! negotiated draft whatever is not marked otherwise has been agreed (the chair's covering
//! report says so). A chair importing a text that was never negotiated changes the statuses
//! in review.

use std::collections::HashMap;

use super::{
    ImportError, ImportedDraft, ImportedParagraph, ImportedStatus, SkipReason, SkippedLine,
    MAX_BYTES,
};
use crate::brackets;
use crate::lexicon;
use crate::model::{HouseStyle, NegotiationMeta, ParagraphKind, OAS_MEMBER_STATES};

/// Reads a draft from a file's bytes: UTF-8 (with or without a byte order mark), UTF-16 with a
/// byte order mark (Word's "Unicode text"), or else Windows-1252 (Word's "Plain text" on
/// Windows).
pub fn import_bytes(bytes: &[u8]) -> Result<ImportedDraft, ImportError> {
    check_size(bytes.len())?;
    import_text(&decode(bytes)?)
}

/// Reads a draft from plain text: a paste from the clipboard or the contents of a text file.
///
/// Fails on an empty text, on binary data, on more than [`MAX_BYTES`], and when no paragraph
/// of a draft is recognized.
pub fn import_text(input: &str) -> Result<ImportedDraft, ImportError> {
    check_size(input.len())?;
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    if input.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if looks_binary(input) {
        return Err(ImportError::Binary);
    }
    let mut lines = read_lines(input);
    let repeated = mark_running_headers(&mut lines);
    let content: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].is_content()).collect();
    let start = find_draft(&lines, &content).ok_or(ImportError::NoDraftFound)?;

    let mut skipped = Vec::new();
    let mut meta = NegotiationMeta::default();
    let first_line = content.get(start.paragraphs).map_or(lines.len(), |&i| i);
    read_front(&lines, &content, &start, &mut meta, &mut skipped);
    let blocks = build_blocks(&lines, first_line, &repeated, &mut skipped);
    let mut reader = Reader::default();
    for block in blocks {
        reader.read(block, &mut meta, &mut skipped, &lines);
    }
    let paragraphs = reader.finish(&lines, &mut skipped);
    if paragraphs.is_empty() {
        return Err(ImportError::NoDraftFound);
    }
    meta.house_style = house_style(&paragraphs);
    meta.language = language(&paragraphs).to_string();
    skipped.sort_by_key(|s: &SkippedLine| s.line);
    Ok(ImportedDraft { meta, paragraphs, skipped })
}

// ---------------------------------------------------------------------------------------------
// Bytes and characters

/// Refuses texts over [`MAX_BYTES`].
fn check_size(bytes: usize) -> Result<(), ImportError> {
    let bytes = u64::try_from(bytes).unwrap_or(u64::MAX);
    if bytes > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes, limit: MAX_BYTES });
    }
    Ok(())
}

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

/// One line of the source, cleaned.
struct Line<'a> {
    /// 1-based line number.
    number: usize,
    /// The line as found.
    source: &'a str,
    /// Cleaned and whitespace-normalized; empty for a blank line.
    text: String,
    /// The paragraph number the line opens with.
    marker: Option<Marker>,
    /// The text after the marker (the whole text when there is none), normalized.
    body: String,
    /// Set when the line is debris or furniture wherever it stands.
    junk: Option<SkipReason>,
}

impl Line<'_> {
    /// Neither blank nor junk.
    fn is_content(&self) -> bool {
        self.junk.is_none() && !self.text.is_empty()
    }

    /// Starts in lower case without a number: the rest of a wrapped paragraph.
    fn is_wrapped(&self) -> bool {
        self.marker.is_none() && self.body.starts_with(char::is_lowercase)
    }

    /// How many words the line holds.
    fn words(&self) -> usize {
        self.text.split(' ').count()
    }

    /// A sentence or more of running text: a report's paragraph, not a header line.
    fn is_prose(&self) -> bool {
        self.words() >= 15
    }

    /// The line as reported when skipped.
    fn skipped(&self, reason: SkipReason) -> SkippedLine {
        let text: String = self.source.chars().filter(|c| !c.is_control()).collect();
        SkippedLine { line: self.number, text: normalize(&text), reason }
    }
}

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
}

/// Splits, cleans and classifies every line of the source.
fn read_lines(input: &str) -> Vec<Line<'_>> {
    split_lines(input)
        .into_iter()
        .map(|(number, source)| {
            let cleaned = clean(source);
            let text = normalize(&cleaned.text);
            let parsed = parse_marker(&cleaned.text);
            let marker_only = parsed.as_ref().is_some_and(|(_, rest)| rest.trim().is_empty());
            let junk = junk_reason(&cleaned, &text, marker_only);
            let (marker, body) = match parsed {
                Some((marker, rest)) if junk.is_none() => (Some(marker), normalize(rest)),
                _ => (None, text.clone()),
            };
            Line { number, source, text, marker, body, junk }
        })
        .collect()
}

/// A line without Word's field instructions and invisible characters.
struct Cleaned {
    /// The visible text, tabs kept (a tab after a number marks it as one).
    text: String,
    /// Field marks or replacement characters were found.
    marks: bool,
    /// Everything visible stood inside fields.
    field_only: bool,
}

/// Removes field instructions (`\u{13}` instruction `\u{14}` result `\u{15}`, keeping the
/// result), soft hyphens and zero-width characters; soft line breaks become spaces.
fn clean(source: &str) -> Cleaned {
    let mut text = String::with_capacity(source.len());
    let mut fields: Vec<bool> = Vec::new();
    let mut instructions = 0usize;
    let mut marks = false;
    let mut fields_seen = false;
    let mut outside = false;
    for c in source.chars() {
        match c {
            '\u{13}' => {
                fields.push(true);
                instructions += 1;
                marks = true;
                fields_seen = true;
            }
            '\u{14}' => {
                if let Some(in_instruction) = fields.last_mut().filter(|f| **f) {
                    *in_instruction = false;
                    instructions -= 1;
                }
                marks = true;
            }
            '\u{15}' => {
                if fields.pop() == Some(true) {
                    instructions -= 1;
                }
                marks = true;
            }
            _ if instructions > 0 => {}
            '\u{1}' | char::REPLACEMENT_CHARACTER => {
                marks = true;
                text.push(c);
            }
            '\u{1f}' | '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
            | '\u{feff}' => {}
            '\u{1e}' => text.push('-'),
            '\t' => text.push('\t'),
            c if c.is_control() || c == '\u{2028}' => text.push(' '),
            c => {
                outside |= fields.is_empty() && !c.is_whitespace();
                text.push(c);
            }
        }
    }
    Cleaned { text, marks, field_only: fields_seen && !outside }
}

/// Collapses every run of whitespace (no-break spaces and tabs included) to one space, trims.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Word field instructions that leave a line of their own when a document is pasted.
const FIELD_KEYWORDS: &[&str] = &[
    "ADVANCE",
    "AUTHOR",
    "AUTONUM",
    "CREATEDATE",
    "DATE",
    "DOCPROPERTY",
    "EMBED",
    "FILENAME",
    "FILESIZE",
    "FORMCHECKBOX",
    "FORMTEXT",
    "HYPERLINK",
    "INCLUDEPICTURE",
    "LINK",
    "LISTNUM",
    "MACROBUTTON",
    "MERGEFORMAT",
    "NOTEREF",
    "NUMPAGES",
    "NUMWORDS",
    "PAGE",
    "PAGEREF",
    "PRINTDATE",
    "REF",
    "SAVEDATE",
    "SECTIONPAGES",
    "SEQ",
    "SHAPE",
    "STYLEREF",
    "SYMBOL",
    "TIME",
    "TOC",
    "USERNAME",
];

/// Why a line is skipped wherever it stands, if it is.
fn junk_reason(cleaned: &Cleaned, text: &str, marker_only: bool) -> Option<SkipReason> {
    if cleaned.field_only {
        return Some(SkipReason::WordDebris);
    }
    let bare = text.trim_matches(|c: char| c == char::REPLACEMENT_CHARACTER || c == '\u{1}');
    let bare = bare.trim();
    if bare.is_empty() {
        return cleaned.marks.then_some(SkipReason::WordDebris);
    }
    if is_field_instruction(bare, cleaned.marks) || is_object_name(bare) || is_image(bare) {
        return Some(SkipReason::WordDebris);
    }
    if is_page_number(bare) || !bare.chars().any(char::is_alphanumeric) {
        return Some(SkipReason::PageFurniture);
    }
    let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
    let digits = bare.chars().any(|c| c.is_ascii_digit());
    (letters <= 3 && !digits && !marker_only).then_some(SkipReason::WordDebris)
}

/// "EMBED Word.Picture.8", "FILENAME \* MERGEFORMAT": a field instruction left as text.
fn is_field_instruction(text: &str, marks: bool) -> bool {
    let mut words = text.split(' ');
    let Some(first) = words.next() else {
        return false;
    };
    if !FIELD_KEYWORDS.contains(&first) {
        return false;
    }
    marks || matches!(first, "EMBED" | "INCLUDEPICTURE") || text.contains(" \\")
}

/// "_1208779139.doc": the storage name of an embedded object.
fn is_object_name(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('_') else {
        return false;
    };
    let (digits, extension) = rest.split_once('.').unwrap_or((rest, ""));
    digits.len() >= 6
        && digits.bytes().all(|b| b.is_ascii_digit())
        && extension.len() <= 5
        && extension.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// "[image: image1.png]", "[cid:…]": a placeholder for a picture.
fn is_image(text: &str) -> bool {
    ["[image", "[picture", "[graphic", "[imagen", "[cid:", "<image"]
        .iter()
        .any(|prefix| starts_with_ci(text, prefix).is_some())
}

/// "3", "- 3 -", "– ii –", "Page 2", "Page 2 of 10", "Página 2 de 10".
fn is_page_number(text: &str) -> bool {
    let dashed = text.starts_with(['-', '–', '—']);
    let core = text.trim_matches(|c: char| matches!(c, '-' | '–' | '—') || c.is_whitespace());
    let number = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if number(core) || (dashed && roman_value(core, false).is_some()) {
        return true;
    }
    ["page", "página", "pág.", "p.", "pg."].iter().any(|prefix| {
        starts_with_ci(core, prefix).is_some_and(|rest| {
            let mut words = rest.split_whitespace();
            let first = words.next().is_some_and(number);
            let of = words.next().is_none_or(|w| ["of", "de", "sur"].contains(&w));
            let total = words.next().is_none_or(number);
            first && of && total && words.next().is_none()
        })
    })
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// The number a paragraph opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    token: Token,
    /// As found, without a trailing period: "15", "(a)", "a)", "ii", "PP3"; empty for bullets.
    source: String,
    /// The kind a working label names: PP3 is preambular, OP7 operative.
    label: Option<ParagraphKind>,
}

impl Marker {
    /// A marker that is not a working label.
    fn new(token: Token, source: String) -> Self {
        Self { token, source, label: None }
    }
}

/// The value of a paragraph number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Arabic(u32),
    Letter {
        value: u32,
        upper: bool,
    },
    Roman {
        value: u32,
        upper: bool,
    },
    /// "i", "v" or "x": a letter or a roman numeral, depending on the list it continues.
    LetterOrRoman {
        letter: u32,
        roman: u32,
        upper: bool,
    },
    Bullet(char),
}

/// Bullets Word leaves in pasted text (the last three are Symbol and Wingdings code points).
const BULLETS: &[char] =
    &['•', '·', '◦', '▪', '■', '●', '○', '➢', '►', '\u{f0b7}', '\u{f0a7}', '\u{f076}'];

/// Suffixes of inserted paragraphs: 7bis, 7 ter.
const NUMBER_SUFFIXES: &[&str] = &["bis", "ter", "quater", "quinquies", "alt"];

/// Splits the number off the start of a line: `(marker, rest)`.
fn parse_marker(line: &str) -> Option<(Marker, &str)> {
    let s = line.trim_start();
    let spaced = |rest: &str| rest.is_empty() || rest.starts_with(char::is_whitespace);
    let first = s.chars().next()?;
    if BULLETS.contains(&first)
        || (matches!(first, '-' | '–' | '—' | '*') && spaced(&s[first.len_utf8()..]))
    {
        let marker = Marker::new(Token::Bullet(first), String::new());
        return Some((marker, &s[first.len_utf8()..]));
    }
    if let Some(tab) = s.strip_prefix("o\t") {
        return Some((Marker::new(Token::Bullet('o'), String::new()), tab));
    }
    if let Some(found) = parse_label(s) {
        return Some(found);
    }
    if let Some(inner) = s.strip_prefix('(') {
        let close = inner.find(')')?;
        let token = parse_token(&inner[..close])?;
        let rest = &inner[close + 1..];
        let source = format!("({})", &inner[..close]);
        return spaced(rest).then_some((Marker::new(token, source), rest));
    }
    let (token, source, rest) = parse_number(s).or_else(|| {
        let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
        parse_token(&s[..end]).map(|token| (token, &s[..end], &s[end..]))
    })?;
    let tab = matches!(token, Token::Arabic(_)) && rest.starts_with('\t');
    let (close, after) = match rest.chars().next() {
        Some('.') => ("", &rest[1..]),
        Some(')') => (")", &rest[1..]),
        _ if tab => ("", rest),
        _ => return None,
    };
    let source = format!("{source}{close}");
    spaced(after).then_some((Marker::new(token, source), after))
}

/// "15", "7bis", "7 bis": an arabic number with an optional suffix.
fn parse_number(s: &str) -> Option<(Token, &str, &str)> {
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if !(1..=4).contains(&digits) {
        return None;
    }
    let value = s[..digits].parse().ok()?;
    let after = &s[digits..];
    let suffixed = NUMBER_SUFFIXES.iter().find_map(|suffix| {
        let rest = after.strip_prefix(' ').unwrap_or(after);
        let rest = starts_with_ci(rest, suffix)?;
        rest.chars().next().is_none_or(|c| !c.is_alphabetic()).then(|| s.len() - rest.len())
    });
    let end = suffixed.unwrap_or(digits);
    Some((Token::Arabic(value), &s[..end], &s[end..]))
}

/// "PP3", "OP 7bis", "OP7:": a working label; the kind it names is kept.
fn parse_label(s: &str) -> Option<(Marker, &str)> {
    let kind = match s.get(..2)? {
        "PP" => ParagraphKind::Preambular,
        "OP" => ParagraphKind::Operative,
        _ => return None,
    };
    let after = &s[2..];
    let after = after.strip_prefix(' ').unwrap_or(after);
    let (token, number, rest) = parse_number(after)?;
    let rest = rest.strip_prefix(['.', ':', ')']).unwrap_or(rest);
    if !rest.starts_with(char::is_whitespace) && !rest.is_empty() {
        return None;
    }
    let source = format!("{}{}", &s[..2], number.replace(' ', ""));
    let marker = Marker { label: Some(kind), ..Marker::new(token, source) };
    Some((marker, rest))
}

/// A number's body: "12", "a", "B", "iv", "XII".
fn parse_token(s: &str) -> Option<Token> {
    if !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok().map(Token::Arabic);
    }
    let mut chars = s.chars();
    let (first, second) = (chars.next()?, chars.next());
    let upper = first.is_ascii_uppercase();
    if second.is_none() && first.is_ascii_alphabetic() {
        let letter = u32::from(first.to_ascii_lowercase()) - u32::from('a') + 1;
        return Some(match roman_value(s, upper) {
            Some(roman) => Token::LetterOrRoman { letter, roman, upper },
            None => Token::Letter { value: letter, upper },
        });
    }
    roman_value(s, upper).map(|value| Token::Roman { value, upper })
}

/// The value of a roman numeral up to 89 (i to lxxxix), in one case only.
fn roman_value(s: &str, upper: bool) -> Option<u32> {
    if s.is_empty() || s.len() > 7 {
        return None;
    }
    let mut total = 0u32;
    let mut previous = 0u32;
    for c in s.chars().rev() {
        if c.is_ascii_uppercase() != upper {
            return None;
        }
        let value = match c.to_ascii_lowercase() {
            'i' => 1,
            'v' => 5,
            'x' => 10,
            'l' => 50,
            _ => return None,
        };
        if value < previous {
            total = total.checked_sub(value)?;
        } else {
            total += value;
            previous = value;
        }
    }
    (to_roman(total) == s.to_ascii_lowercase()).then_some(total)
}

/// A value as a lower-case roman numeral, for checking that a numeral is well formed.
fn to_roman(mut value: u32) -> String {
    const DIGITS: [(u32, &str); 7] =
        [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")];
    let mut out = String::new();
    for (worth, digits) in DIGITS {
        while value >= worth {
            out.push_str(digits);
            value -= worth;
        }
    }
    out
}

/// The numbering style of one level of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Arabic,
    Letter { upper: bool },
    Roman { upper: bool },
    Bullet(char),
    Unnumbered,
}

/// One open level of nested numbering.
#[derive(Debug, Clone, Copy)]
struct Level {
    style: Style,
    last: u32,
    paragraph: usize,
}

/// Nesting deeper than this is read as siblings of the deepest level.
const MAX_DEPTH: usize = 4;

/// The open levels of numbering, outermost first.
#[derive(Debug, Default)]
struct Levels(Vec<Level>);

impl Levels {
    /// The depth, style and value a paragraph with this number takes.
    fn place(&self, token: Option<Token>) -> (usize, Style, u32) {
        let find = |style: Style| self.0.iter().rposition(|level| level.style == style);
        let (style, value) = match token {
            None => {
                let style = self.0.first().map_or(Style::Unnumbered, |level| level.style);
                return (0, style, self.0.first().map_or(0, |level| level.last + 1));
            }
            Some(Token::Arabic(value)) => (Style::Arabic, value),
            Some(Token::Letter { value, upper }) => (Style::Letter { upper }, value),
            Some(Token::Roman { value, upper }) => (Style::Roman { upper }, value),
            Some(Token::Bullet(c)) => (Style::Bullet(c), 0),
            Some(Token::LetterOrRoman { letter, roman, upper }) => {
                let continues = |style: Style, value: u32| {
                    find(style).filter(|&k| self.0[k].last + 1 == value).map(|_| (style, value))
                };
                continues(Style::Letter { upper }, letter)
                    .or_else(|| continues(Style::Roman { upper }, roman))
                    .unwrap_or(if roman == 1 {
                        (Style::Roman { upper }, roman)
                    } else {
                        (Style::Letter { upper }, letter)
                    })
            }
        };
        let depth = match find(style) {
            Some(depth) => depth,
            None if self.0.is_empty() => 0,
            None if self.0[0].style == Style::Unnumbered
                && matches!(style, Style::Arabic | Style::Roman { upper: true }) =>
            {
                0
            }
            None => self.0.len().min(MAX_DEPTH - 1),
        };
        (depth, style, value)
    }

    /// Records a paragraph at `depth`, closing the deeper levels.
    fn enter(&mut self, depth: usize, style: Style, value: u32, paragraph: usize) {
        self.0.truncate(depth);
        self.0.push(Level { style, last: value, paragraph });
    }

    /// The paragraph a paragraph at `depth` belongs to.
    fn parent(&self, depth: usize) -> Option<usize> {
        depth.checked_sub(1).and_then(|d| self.0.get(d)).map(|level| level.paragraph)
    }

    /// The last number of the outermost level: 29 after "29. REAFFIRMING".
    fn last_top_number(&self) -> u32 {
        self.0.first().map_or(0, |level| level.last)
    }

    /// Closes every level: after a verb line or a heading, numbering starts afresh.
    fn clear(&mut self) {
        self.0.clear();
    }
}

// ---------------------------------------------------------------------------------------------
// The front matter: report, header, title block

/// Where the draft starts, in positions of the content lines.
struct DraftStart {
    /// The title's lines.
    title: Vec<usize>,
    /// The first line of the title block (the first paragraph's when there is none).
    block: usize,
    /// The first paragraph.
    paragraphs: usize,
}

/// The draft must start within this many non-blank lines: a covering report is never longer,
/// and a text of several megabytes without a draft is refused without reading it all.
const FRONT_WINDOW: usize = 5000;

/// Finds the title block and the first paragraph; `None` when nothing looks like a draft.
fn find_draft(lines: &[Line], content: &[usize]) -> Option<DraftStart> {
    let line = |p: usize| &lines[content[p]];
    let window = content.len().min(FRONT_WINDOW);
    let anchor = (0..window).find(|&p| is_anchor(lines, content, p));
    let title_at = match anchor {
        Some(anchor) => (0..anchor)
            .rev()
            .take_while(|&p| line(p).marker.is_some() || !line(p).is_prose())
            .find(|&p| is_title(line(p))),
        None => (0..window).find(|&p| is_title(line(p))),
    };
    let limit = anchor.unwrap_or(content.len());
    if let Some(title_at) = title_at {
        let mut title = vec![title_at];
        let mut p = title_at + 1;
        // "DRAFT RESOLUTION", "Draft resolution submitted by …": the name follows.
        if p < limit && is_document_type(&line(title_at).text) && is_title_body(line(p)) {
            title = vec![p];
            p += 1;
        }
        let caps = !line(title[0]).text.chars().any(char::is_lowercase);
        while p < limit && title.len() < 4 && is_title_continuation(line(p), caps) {
            title.push(p);
            p += 1;
        }
        while p < limit && is_front_line(line(p)) {
            p += 1;
        }
        return Some(DraftStart { title, block: title_at, paragraphs: p });
    }
    let first = match anchor {
        Some(anchor) => numbered_run_start(lines, content, anchor),
        None => (0..window).find(|&p| {
            let l = line(p);
            (l.marker.is_some() && !l.body.is_empty()) || starts_paragraph(&l.body)
        })?,
    };
    let block = (0..first).rev().take_while(|&p| is_front_line(line(p))).last().unwrap_or(first);
    Some(DraftStart { title: Vec::new(), block, paragraphs: first })
}

/// Where a draft without a title certainly starts: an opening clause or a preambular
/// paragraph followed by more of the draft, or a verb line.
fn is_anchor(lines: &[Line], content: &[usize], p: usize) -> bool {
    let line = &lines[content[p]];
    if line.is_wrapped() {
        return false;
    }
    let body = lexical(&line.body);
    if lexicon::operative_verb_line(body) {
        return true;
    }
    if !lexicon::opening_clause(body) && lexicon::preambular_opener(body).is_none() {
        return false;
    }
    // The next paragraph, past the lines wrapped from this one.
    let next = content[p + 1..].iter().map(|&i| &lines[i]).find(|l| !l.is_wrapped());
    next.is_some_and(|next| next.marker.is_some() || starts_paragraph(&next.body))
}

/// Steps back from the anchor over paragraphs numbered just before it ("1." before an anchor
/// "2. RECOGNIZING" that was not itself recognized).
fn numbered_run_start(lines: &[Line], content: &[usize], anchor: usize) -> usize {
    let number = |p: usize| match lines[content[p]].marker {
        Some(Marker { token: Token::Arabic(n), .. }) => Some(n),
        _ => None,
    };
    let mut first = anchor;
    while first > 0 {
        match (number(first - 1), number(first)) {
            (Some(before), Some(n)) if before + 1 == n => first -= 1,
            _ => break,
        }
    }
    first
}

/// Words a title opens with.
const TITLE_WORDS: &[&str] = &[
    "draft",
    "proposed draft",
    "revised draft",
    "declaration",
    "resolution",
    "decision",
    "charter",
    "plan of action",
    "proyecto",
    "declaración",
    "declaracion",
    "resolución",
    "resolucion",
    "projet",
    "déclaration",
    "résolution",
    "projeto",
    "declaração",
    "declaracao",
    "resolução",
    "resolucao",
];

/// "DRAFT DECLARATION OF SAN SALVADOR", "Draft resolution": a title's first line.
fn is_title(line: &Line) -> bool {
    let text = &line.text;
    line.marker.is_none()
        && line.words() <= 25
        && !text.ends_with(['.', ';', ','])
        && text.starts_with(char::is_uppercase)
        && TITLE_WORDS.iter().any(|word| starts_with_word_ci(text, word).is_some())
}

/// Names of documents that say what a text is but not what it is about.
const DOCUMENT_TYPES: &[&str] = &[
    "draft resolution",
    "draft declaration",
    "draft decision",
    "proyecto de resolución",
    "proyecto de resolucion",
    "proyecto de declaración",
    "proyecto de declaracion",
    "projet de résolution",
    "projet de déclaration",
    "projeto de resolução",
    "projeto de declaração",
];

/// Words that introduce who submits a document: "Draft resolution submitted by the Chair".
const SUBMITTED: &[&str] =
    &["submitted", "presented", "proposed", "presentado", "presentada", "présenté", "apresentado"];

/// "DRAFT RESOLUTION", "Proposed draft resolution", "Draft resolution submitted by the Chair":
/// a title line that names no subject.
fn is_document_type(text: &str) -> bool {
    let text = ["proposed ", "revised ", "new "]
        .iter()
        .find_map(|word| starts_with_ci(text, word))
        .unwrap_or(text);
    DOCUMENT_TYPES.iter().any(|kind| {
        starts_with_word_ci(text, kind).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.is_empty() || SUBMITTED.iter().any(|w| starts_with_word_ci(rest, w).is_some())
        })
    })
}

/// The subject of a document after its type: "Sustainable mountain development".
fn is_title_body(line: &Line) -> bool {
    let text = &line.text;
    line.marker.is_none()
        && line.words() <= 20
        && text.starts_with(char::is_uppercase)
        && !text.ends_with(['.', ';', ',', ':'])
        && symbol_in(text).is_none()
        && body_name(text).is_none()
        && !starts_paragraph(text)
        && !lexicon::opening_clause(text)
}

/// "ON CITIZEN SECURITY IN THE AMERICAS" after "DRAFT DECLARATION OF SAN SALVADOR".
fn is_title_continuation(line: &Line, caps: bool) -> bool {
    let text = &line.text;
    let shape = line.marker.is_none()
        && line.words() <= 20
        && !text.ends_with(['.', ';', ',', ':'])
        && if caps {
            !text.chars().any(char::is_lowercase)
        } else {
            text.starts_with(char::is_lowercase)
        };
    shape
        && !text.starts_with('(')
        && symbol_in(text).is_none()
        && body_name(text).is_none()
        && !starts_paragraph(text)
        && !lexicon::opening_clause(text)
}

/// A line of a title block or document header: a status line, a symbol, a date, "Original:
/// Spanish", "(Presented by …)".
fn is_front_line(line: &Line) -> bool {
    let text = &line.text;
    if line.marker.is_some() {
        return false;
    }
    if text.starts_with('(') && text.ends_with(')') {
        return true;
    }
    line.words() <= 12
        && !text.ends_with([';', ','])
        && !starts_paragraph(text)
        && !lexicon::opening_clause(text)
}

/// A paragraph certainly starts here: a participle, an operative verb, a verb line.
fn starts_paragraph(text: &str) -> bool {
    let words = lexical(text);
    lexicon::preambular_opener(words).is_some()
        || lexicon::operative_verb_line(words)
        || lexicon::operative_opener(words).is_some()
}

/// The words of a paragraph for the lexicon: an opening bracket does not hide its opener.
fn lexical(text: &str) -> &str {
    text.trim_start_matches(['[', ' '])
}

/// Skips everything before the first paragraph and reads the title block into `meta`.
fn read_front(
    lines: &[Line],
    content: &[usize],
    start: &DraftStart,
    meta: &mut NegotiationMeta,
    skipped: &mut Vec<SkippedLine>,
) {
    let before = &content[..start.block];
    let block = &content[start.block..start.paragraphs];
    // A report or letter has running text; a document header has short lines.
    let long_lines = before.iter().filter(|&&i| lines[i].words() >= 8).count();
    let reason = if long_lines >= 2 || before.iter().any(|&i| lines[i].is_prose()) {
        SkipReason::CoveringReport
    } else {
        SkipReason::TitleBlock
    };
    skipped.extend(before.iter().map(|&i| lines[i].skipped(reason)));
    skipped.extend(block.iter().map(|&i| lines[i].skipped(SkipReason::TitleBlock)));
    let first_line = content.get(start.paragraphs).map_or(lines.len(), |&i| i);
    skipped.extend(lines[..first_line].iter().filter_map(|l| l.junk.map(|r| l.skipped(r))));

    if !start.title.is_empty() {
        let parts: Vec<&str> =
            start.title.iter().map(|&p| lines[content[p]].text.as_str()).collect();
        meta.title = title_case(&parts.join(" "));
    }
    for &i in block {
        let (rest, annotations) = take_annotations(&lines[i].text);
        if rest.is_empty() {
            whole_text_ad_referendum(meta, &annotations);
        }
    }
    // The title block first, then the short lines of a header before it.
    let furniture =
        lines[..first_line].iter().filter(|l| l.junk == Some(SkipReason::PageFurniture));
    let header =
        block.iter().chain(before).map(|&i| &lines[i]).filter(|l| !l.is_prose()).chain(furniture);
    let cells: Vec<&str> = header.flat_map(|l| l.source.split('\t').map(str::trim)).collect();
    let symbols: Vec<String> = cells.iter().filter_map(|cell| symbol_in(cell)).collect();
    if let Some(symbol) = symbols.iter().find(|s| s.contains(|c: char| c.is_ascii_digit())) {
        meta.symbol = symbol.clone();
    } else if let Some(symbol) = symbols.first() {
        meta.symbol = symbol.clone();
    }
    if let Some(body) = cells.iter().find_map(|cell| body_name(cell)) {
        meta.body = body;
    }
    if let Some(session) = cells.iter().find_map(|cell| session_name(cell)) {
        meta.session = session;
    }
}

/// Adds the delegations of document-level ad referendum annotations to `meta`.
fn whole_text_ad_referendum(meta: &mut NegotiationMeta, annotations: &[Annotation]) {
    for annotation in annotations {
        if let Annotation::AdReferendum(delegations) = annotation {
            for delegation in delegations {
                if !meta.whole_text_ad_referendum.contains(delegation) {
                    meta.whole_text_ad_referendum.push(delegation.clone());
                }
            }
        }
    }
}

/// The first document symbol in a line: "AG/doc.5200/11", "OEA/Ser.P", "A/RES/65/1",
/// "CP/doc.4567/11 rev. 1".
fn symbol_in(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words.iter().position(|w| is_symbol(w.trim_matches(['(', ')', ',', ';', '"'])))?;
    let mut symbol = words[at].trim_matches(['(', ')', ',', ';', '"']).to_string();
    let mut rest = &words[at + 1..];
    if symbol.ends_with('.') {
        if let Some(number) = rest.first().filter(|w| w.bytes().all(|b| b.is_ascii_digit())) {
            symbol = format!("{symbol} {number}");
            rest = &rest[1..];
        }
    }
    if let [revision, number, ..] = rest {
        let revision_word =
            ["rev.", "corr.", "add."].iter().any(|r| revision.eq_ignore_ascii_case(r));
        let number = number.trim_end_matches([',', ';', ')']);
        if revision_word && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            symbol = format!("{symbol} {revision} {number}");
        }
    }
    Some(symbol)
}

/// Segments joined by "/", the first in capitals: "AG/doc.5200/11", "OEA/Ser.P".
fn is_symbol(word: &str) -> bool {
    let mut segments = word.split('/');
    let first = segments.next().unwrap_or_default();
    let rest: Vec<&str> = segments.collect();
    (1..=6).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_uppercase())
        && !rest.is_empty()
        && rest.iter().all(|s| {
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        })
}

/// Bodies whose name may head a document, in the four languages of the OAS.
const BODIES: &[&str] = &[
    "General Assembly",
    "Permanent Council",
    "Inter-American Council for Integral Development",
    "Security Council",
    "Human Rights Council",
    "Economic and Social Council",
    "Asamblea General",
    "Consejo Permanente",
    "Assemblée générale",
    "Conseil permanent",
    "Assembleia Geral",
    "Conselho Permanente",
];

/// "GENERAL ASSEMBLY" → "General Assembly".
fn body_name(text: &str) -> Option<String> {
    let text = text.trim();
    BODIES.iter().find(|body| body.to_lowercase() == text.to_lowercase()).map(|b| b.to_string())
}

/// "FORTY-FIRST REGULAR SESSION" → "Forty-first regular session".
fn session_name(text: &str) -> Option<String> {
    let text = normalize(text);
    let lower = text.to_lowercase();
    let session = ["session", "sesiones", "período", "sessão"].iter().any(|w| lower.contains(w));
    let kind = ["regular", "special", "ordinari", "extraordinari", "ordinaire"]
        .iter()
        .any(|w| lower.contains(w));
    if !session || !(kind || lower.ends_with(" session")) || text.split(' ').count() > 8 {
        return None;
    }
    if text.chars().any(char::is_lowercase) {
        return Some(text);
    }
    let mut chars = lower.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect())
}

/// Words kept in lower case inside a title.
const SMALL_WORDS: &[&str] = &[
    "a", "among", "an", "and", "as", "at", "between", "but", "by", "for", "from", "in", "into",
    "nor", "of", "on", "or", "over", "the", "through", "to", "toward", "towards", "under", "upon",
    "via", "with", "within", "without", "al", "con", "de", "del", "el", "en", "la", "las", "los",
    "para", "por", "sobre", "y", "e", "o", "u", "à", "au", "aux", "des", "du", "et", "le", "les",
    "pour", "sur", "da", "das", "do", "dos", "em", "na", "nas", "no", "nos",
];

/// Acronyms kept in capitals inside a title.
const ACRONYMS: &[&str] = &[
    "OAS", "OEA", "UN", "ONU", "CICAD", "CICTE", "CIDI", "CIM", "MISPA", "REMJA", "IACHR", "CIDH",
    "PAHO", "OPS", "ECLAC", "CEPAL", "IDB", "BID", "CARICOM", "MERCOSUR", "SICA", "CELAC", "HIV",
    "AIDS", "VIH", "SIDA", "ICT", "TIC", "NGO", "ONG", "SDG", "ODS",
];

/// A title in capitals as a chair writes it: "DRAFT DECLARATION OF SAN SALVADOR ON CITIZEN
/// SECURITY IN THE AMERICAS" → "Draft Declaration of San Salvador on Citizen Security in the
/// Americas". A title already in mixed case is kept.
fn title_case(title: &str) -> String {
    let title = normalize(title);
    if title.chars().any(char::is_lowercase) {
        return title;
    }
    let mut words: Vec<String> = Vec::new();
    for word in title.split(' ') {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = word.to_lowercase();
        let starts = words.last().is_none_or(|previous| previous.ends_with(':'));
        let keep = ACRONYMS.contains(&core)
            || (core.len() > 1 && roman_value(core, true).is_some())
            || (word.starts_with('(') && core.len() <= 6 && !core.is_empty());
        words.push(if keep {
            word.to_string()
        } else if !starts && SMALL_WORDS.contains(&core.to_lowercase().as_str()) {
            lower
        } else {
            capitalize(&lower)
        });
    }
    words.join(" ")
}

/// Capitals at the start of each part of a word: "inter-american" → "Inter-American",
/// "l'assemblée" → "L'Assemblée", "states’" → "States’".
fn capitalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    let mut letters_in_part = 0;
    for c in word.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
            letters_in_part = 1;
            continue;
        }
        out.push(c);
        if c.is_alphabetic() {
            letters_in_part += 1;
        } else {
            let elided = matches!(c, '\'' | '’') && letters_in_part == 1;
            start |= elided || c == '-' || c == '/';
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Blocks: lines joined into paragraphs

/// The text of one paragraph before it is classified: one line or several joined.
struct Block {
    /// Indices of its lines.
    lines: Vec<usize>,
    marker: Option<Marker>,
    text: String,
    /// Chars of the last line joined, for telling wrapped lines from short paragraphs.
    last_len: usize,
    verb_line: bool,
}

/// Joins the lines from `first` on into blocks; junk and running headers are skipped.
fn build_blocks(
    lines: &[Line],
    first: usize,
    repeated: &HashMap<String, usize>,
    skipped: &mut Vec<SkippedLine>,
) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut gap = false;
    let mut pending: Option<(usize, Marker)> = None;
    for (i, line) in lines.iter().enumerate().skip(first) {
        if let Some(reason) = line.junk {
            skipped.push(line.skipped(reason));
            continue;
        }
        if line.text.is_empty() {
            gap = true;
            continue;
        }
        if line.marker.is_none() && repeated.get(&line.text).is_some_and(|&n| n > 1) {
            skipped.push(line.skipped(SkipReason::PageFurniture));
            continue;
        }
        if let (Some(marker), true) = (&line.marker, line.body.is_empty()) {
            if let Some((stray, _)) = pending.replace((i, marker.clone())) {
                skipped.push(lines[stray].skipped(SkipReason::PageFurniture));
            }
            continue;
        }
        let held = pending.take();
        let joins =
            held.is_none() && blocks.last().is_some_and(|block| continues(block, line, gap));
        gap = false;
        match (joins, blocks.last_mut()) {
            (true, Some(block)) => {
                block.lines.push(i);
                block.text.push(' ');
                block.text.push_str(&line.body);
                block.last_len = line.body.chars().count();
            }
            _ => {
                let (lines_of, marker) = match held {
                    Some((at, marker)) if line.marker.is_none() => (vec![at, i], Some(marker)),
                    Some((at, _)) => {
                        skipped.push(lines[at].skipped(SkipReason::PageFurniture));
                        (vec![i], line.marker.clone())
                    }
                    None => (vec![i], line.marker.clone()),
                };
                blocks.push(Block {
                    lines: lines_of,
                    marker,
                    text: line.body.clone(),
                    last_len: line.body.chars().count(),
                    verb_line: lexicon::operative_verb_line(&line.body),
                });
            }
        }
    }
    if let Some((stray, _)) = pending {
        skipped.push(lines[stray].skipped(SkipReason::PageFurniture));
    }
    blocks
}

/// Whether `line` continues the paragraph of `block`: an annotation on a line of its own, or
/// a line wrapped in the middle of a sentence.
fn continues(block: &Block, line: &Line, gap: bool) -> bool {
    if line.marker.is_some() || block.verb_line {
        return false;
    }
    let (rest, annotations) = take_annotations(&line.body);
    if rest.is_empty() && !annotations.is_empty() {
        return true;
    }
    let open = !ends_sentence(&block.text);
    if line.body.starts_with(char::is_lowercase) {
        return open || !gap;
    }
    !gap && open && (30..=100).contains(&block.last_len) && !starts_paragraph(&line.body)
}

/// Marks short unnumbered lines found more than once as running headers or footers, except
/// title lines (the first is the title); returns how often each such line was found, for
/// skipping repeated titles inside the draft.
fn mark_running_headers(lines: &mut [Line]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in lines.iter().filter(|l| l.is_content() && l.marker.is_none()) {
        let text = line.text.as_str();
        if text.len() <= 60 && !text.starts_with('(') && !text.ends_with(['.', ';', ':', ',']) {
            *counts.entry(line.text.clone()).or_insert(0) += 1;
        }
    }
    for line in lines.iter_mut() {
        let repeated = line.marker.is_none() && counts.get(&line.text).is_some_and(|&n| n > 1);
        if repeated && line.junk.is_none() && !is_title(line) {
            line.junk = Some(SkipReason::PageFurniture);
        }
    }
    counts
}

/// Whether a text ends a sentence or a clause, closing quotes and brackets aside.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| {
        matches!(c, ')' | ']' | '"' | '\'' | '”' | '’' | '»') || c.is_whitespace()
    })
    .ends_with(['.', ';', ':', ',', '!', '?'])
}

// ---------------------------------------------------------------------------------------------
// Status annotations

/// A status annotation: "(Agreed)", "(ad referendum of the delegation of Mexico)"…
#[derive(Debug, Clone, PartialEq, Eq)]
enum Annotation {
    Agreed,
    AdReferendum(Vec<String>),
    Pending,
    Bracketed,
    Proposed(Vec<String>),
}

/// The longest parenthesis read as an annotation, in bytes; a longer one belongs to the text.
const MAX_ANNOTATION: usize = 300;

/// Words that open an "(Agreed)" annotation, in the four languages of the OAS.
const AGREED_WORDS: &[&str] = &[
    "agreed",
    "approved",
    "adopted",
    "aprobado",
    "aprobada",
    "acordado",
    "acordada",
    "adoptado",
    "adoptada",
    "convenido",
    "consensuado",
    "approuvé",
    "approuvée",
    "adopté",
    "adoptée",
    "convenu",
    "aprovado",
    "aprovada",
    "adotado",
    "adotada",
];

/// Words that open a "(Pending)" annotation.
const PENDING_WORDS: &[&str] = &[
    "pending",
    "pendiente",
    "pendente",
    "en attente",
    "under negotiation",
    "under discussion",
    "being negotiated",
    "en negociación",
    "en discusión",
    "not agreed",
    "no acordado",
    "non agréé",
];

/// Words that open a "(Bracketed)" annotation.
const BRACKETED_WORDS: &[&str] =
    &["bracketed", "in brackets", "entre corchetes", "entre crochets", "entre colchetes"];

/// Words that open a "(Proposed by …)" annotation; the delegations follow.
const PROPOSED_WORDS: &[&str] = &[
    "proposed",
    "proposal",
    "new proposal",
    "text proposed",
    "new text proposed",
    "submitted",
    "presented",
    "propuesto",
    "propuesta",
    "nueva propuesta",
    "presentado",
    "presentada",
    "proposé",
    "proposée",
    "proposition",
    "nouvelle proposition",
    "proposto",
    "proposta",
    "nova proposta",
    "apresentado",
];

/// How annotations spell ad referendum; the delegations follow.
const AD_REFERENDUM: &[&str] = &["ad referendum", "ad referéndum", "ad ref."];

/// Strips the status annotations at the end and the start of a text:
/// `(rest, annotations)`.
fn take_annotations(text: &str) -> (&str, Vec<Annotation>) {
    let mut rest = text.trim();
    let mut found = Vec::new();
    loop {
        if let Some((open, annotation)) =
            trailing_group(rest).and_then(|(open, inner)| Some((open, parse_annotation(inner)?)))
        {
            found.push(annotation);
            rest = rest[..open].trim_end();
        } else if let Some((annotation, after)) =
            leading_group(rest).and_then(|(inner, after)| Some((parse_annotation(inner)?, after)))
        {
            found.push(annotation);
            rest = after.trim_start();
        } else {
            return (rest, found);
        }
    }
}

/// The parenthesis a text ends with (a period may follow it): `(offset of "(", inside)`.
fn trailing_group(text: &str) -> Option<(usize, &str)> {
    let body = text.strip_suffix(").").or_else(|| text.strip_suffix(')'))?;
    let mut depth = 0usize;
    for (i, c) in body.char_indices().rev() {
        if body.len() - i > MAX_ANNOTATION {
            return None;
        }
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some((i, &body[i + 1..])),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The parenthesis a text starts with: `(inside, rest)`.
fn leading_group(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_prefix('(')?;
    let mut depth = 0usize;
    for (i, c) in body.char_indices() {
        if i > MAX_ANNOTATION {
            return None;
        }
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some((&body[..i], &body[i + 1..])),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Reads the inside of a parenthesis as a status annotation, if it is one.
fn parse_annotation(inner: &str) -> Option<Annotation> {
    let s = inner.trim().trim_end_matches('.').trim_end();
    let words = s.split_whitespace().count();
    if words == 0 {
        return None;
    }
    for phrase in AD_REFERENDUM {
        if let Some((start, end)) = find_ci(s, phrase) {
            if s[..start].split_whitespace().count() <= 2 {
                return Some(Annotation::AdReferendum(delegations(&s[end..])));
            }
        }
    }
    let proposed = PROPOSED_WORDS
        .iter()
        .filter_map(|word| starts_with_word_ci(s, word))
        .min_by_key(|rest| rest.len());
    if let Some(rest) = proposed {
        return Some(Annotation::Proposed(delegations(rest)));
    }
    if let Some(before) = ["'s proposal", "’s proposal", " proposal"]
        .iter()
        .find_map(|suffix| ends_with_ci(s, suffix))
        .filter(|_| words <= 4)
    {
        return Some(Annotation::Proposed(delegations(before)));
    }
    let opens = |list: &[&str]| list.iter().any(|w| starts_with_word_ci(s, w).is_some());
    if words <= 12 && opens(AGREED_WORDS) {
        Some(Annotation::Agreed)
    } else if words <= 6 && opens(PENDING_WORDS) {
        Some(Annotation::Pending)
    } else if words <= 4 && opens(BRACKETED_WORDS) {
        Some(Annotation::Bracketed)
    } else {
        None
    }
}

/// Words that may stand before or between the names of delegations.
const NAME_FILLERS: &[&str] = &[
    "of",
    "by",
    "from",
    "the",
    "delegation",
    "delegations",
    "and",
    "de",
    "del",
    "la",
    "las",
    "el",
    "los",
    "por",
    "delegación",
    "delegacion",
    "delegaciones",
    "y",
    "par",
    "des",
    "du",
    "délégation",
    "délégations",
    "et",
    "da",
    "das",
    "do",
    "dos",
    "pela",
    "pelo",
    "delegação",
    "delegações",
    "e",
];

/// Other names of member states, with the roster's name.
const ALIASES: &[(&str, &str)] = &[
    ("United States of America", "United States"),
    ("Bahamas", "The Bahamas"),
    ("Bolivarian Republic of Venezuela", "Venezuela"),
    ("Plurinational State of Bolivia", "Bolivia"),
];

/// At most this many delegations are read from one annotation.
const MAX_DELEGATIONS: usize = 40;

/// The delegations named in "of the delegations of Canada and Mexico", "by Argentina, Brazil
/// and Chile", "de la delegación de México": member states as the roster spells them, others
/// as written.
fn delegations(text: &str) -> Vec<String> {
    let mut rest = text;
    let mut names: Vec<String> = Vec::new();
    while names.len() < MAX_DELEGATIONS {
        rest = rest
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '&'));
        if rest.is_empty() {
            break;
        }
        if let Some((name, after)) = member_state(rest) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
            rest = after;
        } else if let Some(after) = NAME_FILLERS.iter().find_map(|w| starts_with_word_ci(rest, w)) {
            rest = after;
        } else if rest.starts_with(char::is_uppercase) {
            let end = name_end(rest);
            let name = title_case(rest[..end].trim().trim_end_matches('.'));
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
            rest = &rest[end..];
        } else {
            break;
        }
    }
    names
}

/// The member state `text` starts with, by its roster name or an alias: `(name, rest)`.
fn member_state(text: &str) -> Option<(&'static str, &str)> {
    let roster = OAS_MEMBER_STATES.iter().map(|name| (*name, *name));
    roster
        .chain(ALIASES.iter().copied())
        .filter_map(|(written, name)| starts_with_word_ci(text, written).map(|rest| (name, rest)))
        .min_by_key(|(_, rest)| rest.len())
}

/// Where a name that is not on the roster ends: at a comma, a semicolon or "and".
fn name_end(text: &str) -> usize {
    text.char_indices()
        .find(|&(i, c)| {
            matches!(c, ',' | ';' | '&')
                || (c == ' '
                    && ["and", "y", "e", "et"]
                        .iter()
                        .any(|w| starts_with_word_ci(&text[i + 1..], w).is_some()))
        })
        .map_or(text.len(), |(i, _)| i)
}

/// The status of a paragraph from its annotations and brackets, with its proposers.
fn status_of(text: &str, annotations: &[Annotation]) -> (ImportedStatus, Vec<String>) {
    let mut proposers: Vec<String> = Vec::new();
    let (mut pending, mut proposed, mut bracketed) = (false, false, false);
    let mut ad_referendum = None;
    for annotation in annotations {
        match annotation {
            Annotation::Agreed => {}
            Annotation::Pending => pending = true,
            Annotation::Bracketed => bracketed = true,
            Annotation::AdReferendum(delegations) => ad_referendum = Some(delegations.clone()),
            Annotation::Proposed(names) => {
                proposed = true;
                for name in names {
                    if !proposers.contains(name) {
                        proposers.push(name.clone());
                    }
                }
            }
        }
    }
    let status = if pending {
        ImportedStatus::Pending
    } else if proposed {
        ImportedStatus::Proposed
    } else if bracketed || wholly_bracketed(text) {
        ImportedStatus::Bracketed
    } else if brackets::has_brackets(text) {
        ImportedStatus::Pending
    } else if let Some(delegations) = ad_referendum {
        ImportedStatus::AdReferendum { delegations }
    } else {
        ImportedStatus::Agreed
    };
    (status, proposers)
}

/// "[RECOGNIZING that …;]", "[…];", "[A] [B]": one group of brackets around the whole text.
fn wholly_bracketed(text: &str) -> bool {
    let core = text.trim_end_matches(['.', ';', ',', ':', ' ']);
    if !core.starts_with('[') || !core.ends_with(']') {
        return false;
    }
    let whole = |group: &brackets::Bracket| group.start == 0 && group.end == core.chars().count();
    brackets::parse(core).is_ok_and(|groups| matches!(groups.as_slice(), [group] if whole(group)))
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

/// The part of the document being read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Section {
    #[default]
    Start,
    Preamble,
    Operative,
}

/// What the reader keeps about a paragraph until the end.
struct Extra {
    annotations: Vec<Annotation>,
    lines: Vec<usize>,
    /// Recognized by its number, its words or an annotation: never debris.
    strong: bool,
}

/// Reads blocks into paragraphs, tracking the section and the open levels of numbering.
#[derive(Default)]
struct Reader {
    section: Section,
    levels: Levels,
    paragraphs: Vec<ImportedParagraph>,
    extras: Vec<Extra>,
}

/// Words that open a section heading: "SECTION II", "Chapter 3", "PART ONE".
const SECTION_WORDS: &[&str] = &[
    "section",
    "chapter",
    "part",
    "annex",
    "sección",
    "seccion",
    "capítulo",
    "capitulo",
    "parte",
    "anexo",
    "chapitre",
    "partie",
    "annexe",
    "seção",
    "secção",
];

impl Reader {
    /// Reads one block into a paragraph, or into the annotations of the paragraph above.
    fn read(
        &mut self,
        block: Block,
        meta: &mut NegotiationMeta,
        skipped: &mut Vec<SkippedLine>,
        lines: &[Line],
    ) {
        let (text, annotations) = take_annotations(&block.text);
        if text.is_empty() {
            match self.extras.last_mut() {
                Some(extra) => {
                    extra.annotations.extend(annotations);
                    extra.lines.extend(block.lines);
                    extra.strong = true;
                }
                None => {
                    whole_text_ad_referendum(meta, &annotations);
                    let lines =
                        block.lines.iter().map(|&i| lines[i].skipped(SkipReason::TitleBlock));
                    skipped.extend(lines);
                }
            }
            return;
        }
        let text = text.to_string();
        let marker = block.marker.as_ref();
        let token = marker.map(|m| m.token);
        let index = self.paragraphs.len();
        let mut parent = None;
        let mut strong = marker.is_some() || !annotations.is_empty();
        let kind = if block.verb_line {
            self.section = Section::Operative;
            self.levels.clear();
            strong = true;
            ParagraphKind::VerbLine
        } else if self.section == Section::Start && lexicon::opening_clause(lexical(&text)) {
            self.section = Section::Preamble;
            let (_, style, value) = self.levels.place(token);
            self.levels.enter(0, style, value, index);
            strong = true;
            ParagraphKind::OpeningClause
        } else if is_heading(marker, &text) {
            self.levels.clear();
            strong |= SECTION_WORDS.iter().any(|w| starts_with_word_ci(&text, w).is_some());
            ParagraphKind::SectionHeading
        } else {
            let (mut depth, mut style, mut value) = self.levels.place(token);
            let kind = if depth == 0 {
                let (kind, recognized) = self.top_level_kind(marker, &text);
                strong |= recognized;
                if kind == ParagraphKind::Operative && self.section != Section::Operative {
                    self.section = Section::Operative;
                    self.levels.clear();
                    (depth, style, value) = self.levels.place(token);
                } else if self.section == Section::Start {
                    self.section = Section::Preamble;
                }
                kind
            } else {
                ParagraphKind::SubParagraph
            };
            parent = self.levels.parent(depth);
            self.levels.enter(depth, style, value, index);
            kind
        };
        self.paragraphs.push(ImportedParagraph {
            kind,
            text,
            status: ImportedStatus::Agreed,
            proposers: Vec::new(),
            source_number: marker.map(|m| m.source.clone()).filter(|s| !s.is_empty()),
            parent,
            line: block.lines.first().map_or(0, |&i| lines[i].number),
        });
        self.extras.push(Extra { annotations, lines: block.lines, strong });
    }

    /// The kind of a top-level paragraph, and whether its words or label said so.
    fn top_level_kind(&self, marker: Option<&Marker>, text: &str) -> (ParagraphKind, bool) {
        if let Some(kind) = marker.and_then(|m| m.label) {
            return (kind, true);
        }
        let words = lexical(text);
        if self.section == Section::Operative {
            let recognized = marker.is_some() || lexicon::operative_opener(words).is_some();
            return (ParagraphKind::Operative, recognized);
        }
        if lexicon::preambular_opener(words).is_some() {
            return (ParagraphKind::Preambular, true);
        }
        let restart = self.section == Section::Preamble
            && self.levels.last_top_number() > 1
            && marker.is_some_and(|m| m.token == Token::Arabic(1));
        if restart || lexicon::operative_opener(words).is_some() {
            return (ParagraphKind::Operative, true);
        }
        (ParagraphKind::Preambular, false)
    }

    /// Drops debris after the last paragraph, sets the statuses and returns the paragraphs.
    fn finish(mut self, lines: &[Line], skipped: &mut Vec<SkippedLine>) -> Vec<ImportedParagraph> {
        while let (Some(paragraph), Some(extra)) = (self.paragraphs.last(), self.extras.last()) {
            if extra.strong || !is_fragmentary(&paragraph.text) {
                break;
            }
            let reason = if paragraph.text.chars().any(char::is_lowercase) {
                SkipReason::WordDebris
            } else {
                SkipReason::PageFurniture
            };
            skipped.extend(extra.lines.iter().map(|&i| lines[i].skipped(reason)));
            self.paragraphs.pop();
            self.extras.pop();
        }
        for (paragraph, extra) in self.paragraphs.iter_mut().zip(&self.extras) {
            (paragraph.status, paragraph.proposers) =
                status_of(&paragraph.text, &extra.annotations);
        }
        self.paragraphs
    }
}

/// A short heading: "I. GENERAL PRINCIPLES", "A. Prevention", "SECTION II", "PREVENTION".
fn is_heading(marker: Option<&Marker>, text: &str) -> bool {
    let words = text.split(' ').count();
    if words > 12 || text.len() > 120 || text.ends_with(['.', ';', ',', ':']) {
        return false;
    }
    match marker.map(|m| m.token) {
        None => {
            let capitals = !text.chars().any(char::is_lowercase)
                && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && lexicon::preambular_opener(text).is_none();
            let section = (2..=8).contains(&words)
                && SECTION_WORDS.iter().any(|w| starts_with_word_ci(text, w).is_some());
            capitals || section
        }
        Some(
            Token::Roman { upper: true, .. }
            | Token::Letter { upper: true, .. }
            | Token::LetterOrRoman { upper: true, .. },
        ) => true,
        Some(_) => false,
    }
}

/// Too little to be a paragraph when nothing else recognizes it: a few words, a line in
/// capitals, or words without an end.
fn is_fragmentary(text: &str) -> bool {
    text.split(' ').count() < 4 || !text.chars().any(char::is_lowercase) || !ends_sentence(text)
}

// ---------------------------------------------------------------------------------------------
// Document facts

/// UN style when most preambular paragraphs end with a comma, OAS style otherwise.
fn house_style(paragraphs: &[ImportedParagraph]) -> HouseStyle {
    let (mut commas, mut semicolons) = (0usize, 0usize);
    for paragraph in paragraphs.iter().filter(|p| p.kind == ParagraphKind::Preambular) {
        match paragraph.text.trim_end_matches([']', ' ']).chars().last() {
            Some(',') => commas += 1,
            Some(';') => semicolons += 1,
            _ => {}
        }
    }
    if commas > semicolons {
        HouseStyle::Un
    } else {
        HouseStyle::Oas
    }
}

/// Frequent short words that tell the four languages of the OAS apart.
const LANGUAGE_WORDS: [(&str, &[&str]); 4] = [
    ("English", &["the", "and", "of", "to", "that", "with"]),
    ("Spanish", &["el", "los", "las", "del", "y", "con"]),
    ("French", &["le", "les", "des", "du", "et", "avec"]),
    ("Portuguese", &["os", "do", "dos", "da", "das", "e", "com", "em"]),
];

/// How many words of the text are read to tell its language.
const LANGUAGE_SAMPLE: usize = 5000;

/// The working language, told by its commonest words; English when in doubt.
fn language(paragraphs: &[ImportedParagraph]) -> &'static str {
    let mut counts = [0usize; LANGUAGE_WORDS.len()];
    let words = paragraphs.iter().flat_map(|p| p.text.split(' ')).take(LANGUAGE_SAMPLE);
    for word in words {
        let word = word.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        for (count, (_, list)) in counts.iter_mut().zip(LANGUAGE_WORDS) {
            if list.contains(&word.as_str()) {
                *count += 1;
            }
        }
    }
    let mut best = 0;
    for (i, &count) in counts.iter().enumerate() {
        if count > counts[best] {
            best = i;
        }
    }
    LANGUAGE_WORDS[best].0
}

// ---------------------------------------------------------------------------------------------
// Case-insensitive matching

/// The rest of `text` after `prefix`, compared without regard to case.
fn starts_with_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let mut chars = text.chars();
    for expected in prefix.chars() {
        let found = chars.next()?;
        if !found.to_lowercase().eq(expected.to_lowercase()) {
            return None;
        }
    }
    Some(chars.as_str())
}

/// Like [`starts_with_ci`], but `word` must end at a word boundary.
fn starts_with_word_ci<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    starts_with_ci(text, word).filter(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// The part of `text` before `suffix`, compared without regard to case.
fn ends_with_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let count = suffix.chars().count();
    let start = text.char_indices().rev().nth(count.checked_sub(1)?)?.0;
    starts_with_ci(&text[start..], suffix).filter(|rest| rest.is_empty()).map(|_| &text[..start])
}

/// Byte range of the first case-insensitive occurrence of `needle` in `text`.
fn find_ci(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.char_indices().find_map(|(i, _)| {
        starts_with_ci(&text[i..], needle).map(|rest| (i, text.len() - rest.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// The corpus of real texts, beside the repository (`<repo>/../shared/corpus`).
    fn corpus(name: &str) -> String {
        let path = format!("{}/../../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    }

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

    /// A tiny xorshift generator: deterministic mutations without a dependency.
    struct XorShift(u64);

    impl XorShift {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
        }
    }

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
    fn title_case_as_a_chair_writes_it() {
        for (caps, title) in [
            (
                "DRAFT DECLARATION OF PANAMA ON THE OCEANS",
                "Draft Declaration of Panama on the Oceans",
            ),
            (
                "DRAFT RESOLUTION: THE INTER-AMERICAN PROGRAM",
                "Draft Resolution: The Inter-American Program",
            ),
            (
                "SUPPORT FOR THE WORK OF CICAD AND THE OAS",
                "Support for the Work of CICAD and the OAS",
            ),
            ("PLAN OF ACTION (MISPA II)", "Plan of Action (MISPA II)"),
            ("DÉCLARATION DE L'ASSEMBLÉE", "Déclaration de L'Assemblée"),
            ("THE STATES’ COMMITMENT", "The States’ Commitment"),
            ("Draft resolution on oceans", "Draft resolution on oceans"),
        ] {
            assert_eq!(title_case(caps), title);
        }
    }

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

    #[test]
    fn symbols() {
        assert_eq!(symbol_in("OEA/Ser.G CP/doc.4567/11").as_deref(), Some("OEA/Ser.G"));
        assert_eq!(symbol_in("A/RES/65/1").as_deref(), Some("A/RES/65/1"));
        assert_eq!(symbol_in("AG/RES. 2735 (XLII-O/12)").as_deref(), Some("AG/RES. 2735"));
        assert_eq!(symbol_in("and/or the like"), None);
        assert_eq!(symbol_in("1/2 of the budget"), None);
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
}
