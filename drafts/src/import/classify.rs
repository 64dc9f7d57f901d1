//! The one reader behind every import format: paragraphs as a format finds them (the lines of
//! a text, the paragraphs of a Word document) in, a structured draft out.
//!
//! A format reader turns its source into [`SourceParagraph`]s and hands them to [`classify`],
//! which works in four steps:
//!
//! 1. **Clean.** Word field codes (`EMBED`, `FILENAME … MERGEFORMAT`, with their marks),
//!    embedded-object names (`_1208779139.doc`), image placeholders (`[image: image1.png]`),
//!    page numbers (`- 3 -`, `5/10`, `Page 2`), separators and stray fragments are skipped wherever
//!    they stand; so are short lines repeated as running headers.
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
//! then an "(Agreed)" or ad referendum annotation. **An unmarked paragraph is agreed**: in a
//! negotiated draft whatever is not marked otherwise has been agreed (the chair's covering
//! report says so). A chair importing a text that was never negotiated changes the statuses
//! in review.
//!
//! The house style is UN when most preambular participles are set in italics or most
//! preambular paragraphs end with a comma, OAS otherwise.

use std::collections::HashMap;

use super::{
    ImportError, ImportedDraft, ImportedParagraph, ImportedStatus, SkipReason, SkippedLine,
};
use crate::brackets;
use crate::lexicon;
use crate::model::{Footnote, HouseStyle, NegotiationMeta, ParagraphKind, OAS_MEMBER_STATES};
use crate::numbering::{ALTERNATIVE_SUFFIX, INSERTION_SUFFIXES};

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
    /// The opening words are set apart in italics or bold.
    pub emphasis: Option<Emphasis>,
    /// The texts of the footnotes the paragraph refers to.
    pub footnotes: Vec<String>,
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
    let (paragraphs, emphasis) = reader.finish(&lines, &mut skipped);
    if paragraphs.is_empty() {
        return Err(ImportError::NoDraftFound);
    }
    meta.house_style = house_style(&paragraphs, &emphasis);
    meta.language = language(&paragraphs).to_string();
    skipped.sort_by_key(|s: &SkippedLine| s.line);
    Ok(ImportedDraft { meta, paragraphs, skipped })
}

// ---------------------------------------------------------------------------------------------
// Lines

/// One source paragraph, cleaned: a line, as most of the source is a text's lines.
struct Line {
    /// 1-based line (or paragraph) number.
    number: usize,
    /// The text as found.
    source: String,
    /// Cleaned and whitespace-normalized, without an automatic number; empty for a blank line.
    text: String,
    /// The paragraph number the line opens with, typed or automatic.
    marker: Option<Marker>,
    /// The text after the marker (the whole text when there is none), normalized.
    body: String,
    /// Set when the line is debris or furniture wherever it stands.
    junk: Option<SkipReason>,
    /// See [`SourceParagraph::wraps`].
    wraps: bool,
    emphasis: Option<Emphasis>,
    footnotes: Vec<String>,
}

impl Line {
    /// Neither blank nor junk.
    fn is_content(&self) -> bool {
        self.junk.is_none() && !self.text.is_empty()
    }

    /// Starts in lower case without a number: the rest of a wrapped paragraph.
    fn is_wrapped(&self) -> bool {
        self.wraps && self.marker.is_none() && self.body.starts_with(char::is_lowercase)
    }

    /// How many words the line holds.
    fn words(&self) -> usize {
        self.text.split(' ').count()
    }

    /// A sentence or more of running text: a report's paragraph, not a header line.
    fn is_prose(&self) -> bool {
        self.words() >= 15
    }

    /// The line as reported when skipped: control characters (tabs between cells, field
    /// marks) become spaces.
    fn skipped(&self, reason: SkipReason) -> SkippedLine {
        let text: String =
            self.source.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        SkippedLine { line: self.number, text: normalize(&text), reason }
    }
}

/// Cleans and classifies every source paragraph.
fn read_lines(source: Vec<SourceParagraph>) -> Vec<Line> {
    source
        .into_iter()
        .flat_map(split_glued_opening)
        .map(|paragraph| {
            let cleaned = clean(&paragraph.text);
            let text = normalize(&cleaned.text);
            let automatic = paragraph.number_marker.filter(|_| !text.is_empty());
            let parsed = match automatic {
                Some(marker) => Some((marker, cleaned.text.as_str())),
                None => parse_marker(&cleaned.text),
            };
            let numbered = parsed.as_ref().is_some_and(|(marker, rest)| {
                rest.trim().is_empty() || matches!(marker.token, Token::Arabic(_))
            });
            let junk = junk_reason(&cleaned, &text, numbered);
            let (marker, body) = match parsed {
                Some((marker, rest)) if junk.is_none() => (Some(marker), normalize(rest)),
                _ => (None, text.clone()),
            };
            Line {
                number: paragraph.number,
                source: paragraph.text,
                text,
                marker,
                body,
                junk,
                wraps: paragraph.wraps,
                emphasis: paragraph.emphasis,
                footnotes: paragraph.footnotes,
            }
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
    let (marks, field_only) = clean_tagged(source.chars().map(|c| (c, ())), |c, ()| text.push(c));
    Cleaned { text, marks, field_only }
}

/// [`clean`] for chars that carry a tag (where they come from): every char kept, or put in the
/// place of one, goes to `keep` with the tag of the char it stands for. Returns whether field
/// marks or replacement characters were found, and whether everything visible stood inside
/// fields.
pub(super) fn clean_tagged<T>(
    source: impl IntoIterator<Item = (char, T)>,
    mut keep: impl FnMut(char, T),
) -> (bool, bool) {
    let mut fields: Vec<bool> = Vec::new();
    let mut instructions = 0usize;
    let mut marks = false;
    let mut fields_seen = false;
    let mut outside = false;
    for (c, tag) in source {
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
                keep(c, tag);
            }
            '\u{1f}' | '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
            | '\u{feff}' => {}
            '\u{1e}' => keep('-', tag),
            '\t' => keep('\t', tag),
            c if c.is_control() || c == '\u{2028}' => keep(' ', tag),
            c => {
                outside |= fields.is_empty() && !c.is_whitespace();
                keep(c, tag);
            }
        }
    }
    (marks, fields_seen && !outside)
}

/// Collapses every run of whitespace (no-break spaces and tabs included) to one space, trims.
pub(super) fn normalize(text: &str) -> String {
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

/// Why a line is skipped wherever it stands, if it is. A few letters are a fragment unless
/// `numbered`: a number alone, or a paragraph numbered in arabic (typed or automatic).
fn junk_reason(cleaned: &Cleaned, text: &str, numbered: bool) -> Option<SkipReason> {
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
    if is_page_number(bare) || is_print_code(bare) || !bare.chars().any(char::is_alphanumeric) {
        return Some(SkipReason::PageFurniture);
    }
    let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
    let digits = bare.chars().any(|c| c.is_ascii_digit());
    (letters <= 3 && !digits && !numbered).then_some(SkipReason::WordDebris)
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

/// The marks a UN document's print run leaves on each page: the job number ("18-16895",
/// "18-16895 (E)"), its bar code ("*1816895*") and the print date ("241018").
fn is_print_code(text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let job =
        |s: &str| s.split_once('-').is_some_and(|(year, run)| digits(year, 2) && digits(run, 5));
    let (code, language) = text.split_once(' ').unwrap_or((text, ""));
    let language = language.is_empty()
        || language.len() == 3 && language.starts_with('(') && language.ends_with(')');
    (job(code) && language)
        || text
            .strip_prefix('*')
            .and_then(|t| t.strip_suffix('*'))
            .is_some_and(|t| (6..=10).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
        || digits(text, 6)
}

/// "3", "- 3 -", "– ii –", "5/10", "Page 2", "Page 2 of 10", "Página 2 de 10"; not "73/3".
fn is_page_number(text: &str) -> bool {
    let dashed = text.starts_with(['-', '–', '—']);
    let core = text.trim_matches(|c: char| matches!(c, '-' | '–' | '—') || c.is_whitespace());
    let number = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if number(core) || (dashed && roman_value(core, false).is_some()) {
        return true;
    }
    let page_of = core.split_once('/').filter(|(page, of)| number(page) && number(of));
    if page_of.is_some_and(|(page, of)| page.parse::<u32>().ok() <= of.parse::<u32>().ok()) {
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
pub(super) struct Marker {
    token: Token,
    /// As found, without a trailing period: "15", "(a)", "a)", "ii", "PP3"; empty for bullets.
    source: String,
    /// The kind a working label names: PP3 is preambular, OP7 operative.
    label: Option<ParagraphKind>,
    /// The level of Word's automatic numbering that gave the number; `None` when typed.
    list_level: Option<usize>,
}

impl Marker {
    /// A typed number that is not a working label.
    fn new(token: Token, source: String) -> Self {
        Self { token, source, label: None, list_level: None }
    }

    /// A number given by Word's automatic numbering at `list_level` of its list.
    pub(super) fn automatic(token: Token, source: String, list_level: usize) -> Self {
        Self { list_level: Some(list_level), ..Self::new(token, source) }
    }
}

/// The value of a paragraph number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token {
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

/// Splits an opening clause glued by the extraction to the paragraph after it ("The
/// Sixty-sixth World Health Assembly, Having considered the report …") into two paragraphs
/// of the same source line.
fn split_glued_opening(paragraph: SourceParagraph) -> Vec<SourceParagraph> {
    let text = &paragraph.text;
    let opening = text.match_indices(", ").map(|(at, _)| at + 1).find(|&at| {
        let rest = text[at..].trim_start();
        lexicon::opening_clause(&text[..at]) && lexicon::preambular_opener(rest).is_some()
    });
    let numbered = || {
        let glued = |&(at, _): &(usize, &str)| numbered_operative(text[at + 1..].trim_start());
        text.match_indices("; ").find(glued).map(|(at, _)| at + 1)
    };
    let split = opening.or_else(numbered);
    let Some(at) = split.filter(|_| paragraph.number_marker.is_none()) else {
        return vec![paragraph];
    };
    let rest = paragraph.text[at..].trim_start().to_string();
    let opening = SourceParagraph { text: paragraph.text[..at].to_string(), ..paragraph.clone() };
    vec![opening, SourceParagraph { text: rest, footnotes: Vec::new(), ..paragraph }]
}

/// A numbered operative paragraph opening in capitals: "2. URGES Member States:".
fn numbered_operative(text: &str) -> bool {
    let Some((number, rest)) = text.split_once(". ") else { return false };
    let verb = rest.split_whitespace().next().unwrap_or_default();
    (1..=3).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
        && verb.len() > 2
        && verb.chars().all(|c| c.is_uppercase())
        && lexicon::operative_opener(rest).is_some()
}

/// Splits the number off the start of a line: `(marker, rest)`.
pub(super) fn parse_marker(line: &str) -> Option<(Marker, &str)> {
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
    let end = number_suffix(&s[digits..]).map_or(digits, |rest| s.len() - rest.len());
    Some((Token::Arabic(value), &s[..end], &s[end..]))
}

/// What follows the suffix numbering gives a paragraph number, if one opens `after`: a Latin
/// suffix of an inserted paragraph ("bis" … "decies", "7 bis" spaced too), then the suffix of an
/// alternative with its number ("7alt", "7alt2", "7bisalt"). The suffixes are numbering's own,
/// so every label it writes is read back.
fn number_suffix(after: &str) -> Option<&str> {
    let start = after.strip_prefix(' ').unwrap_or(after);
    let latin = INSERTION_SUFFIXES
        .iter()
        .filter_map(|suffix| starts_with_ci(start, suffix))
        .min_by_key(|rest| rest.len());
    let rest = latin.unwrap_or(start);
    let rest = match starts_with_ci(rest, ALTERNATIVE_SUFFIX) {
        Some(alternative) => alternative.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => rest,
    };
    let found = rest.len() < start.len();
    (found && rest.chars().next().is_none_or(|c| !c.is_alphabetic())).then_some(rest)
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
    // Beyond "decies", numbering counts on: "OP7-11".
    let overflow = rest
        .strip_prefix('-')
        .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        .map(|n| n.trim_start_matches(|c: char| c.is_ascii_digit()));
    let (number, rest) = match overflow {
        Some(tail) => (&after[..after.len() - tail.len()], tail),
        None => (number, rest),
    };
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

/// A value as a lower-case roman numeral: for checking that a numeral is well formed, and for
/// showing Word's automatic numbers (callers keep values below 4000).
pub(super) fn to_roman(value: u32) -> String {
    crate::numbering::roman(value as usize)
}

/// The numbering style of one level of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// "1." or "1)"; `enclosed` for "(1)", a level of its own under "1.".
    Arabic {
        enclosed: bool,
    },
    Letter {
        upper: bool,
    },
    Roman {
        upper: bool,
    },
    Bullet(char),
    Unnumbered,
}

/// One open level of nested numbering.
#[derive(Debug, Clone, Copy)]
struct Level {
    style: Style,
    last: u32,
    /// See [`Marker::list_level`].
    list_level: Option<usize>,
    paragraph: usize,
}

/// Where a paragraph's number places it among the open levels.
#[derive(Debug, Clone, Copy)]
struct Place {
    depth: usize,
    style: Style,
    value: u32,
    list_level: Option<usize>,
}

/// Nesting deeper than this is read as siblings of the deepest level.
const MAX_DEPTH: usize = 4;

/// The open levels of numbering, outermost first.
#[derive(Debug, Default)]
struct Levels(Vec<Level>);

impl Levels {
    /// Where a paragraph with this number goes. A level continues when the style matches and,
    /// for Word's automatic numbers, the list level too ("1.1" after "1." nests).
    fn place(&self, marker: Option<&Marker>) -> Place {
        let list_level = marker.and_then(|m| m.list_level);
        let find = |style: Style| {
            self.0.iter().rposition(|level| {
                let same_list_level = match (level.list_level, list_level) {
                    (Some(open), Some(new)) => open == new,
                    _ => true,
                };
                level.style == style && same_list_level
            })
        };
        let (style, value) = match marker.map(|m| m.token) {
            None => {
                let first = self.0.first();
                return Place {
                    depth: 0,
                    style: first.map_or(Style::Unnumbered, |level| level.style),
                    value: first.map_or(0, |level| level.last + 1),
                    list_level: first.and_then(|level| level.list_level),
                };
            }
            Some(Token::Arabic(value)) => {
                let enclosed = marker.is_some_and(|m| m.source.starts_with('('));
                (Style::Arabic { enclosed }, value)
            }
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
                && matches!(style, Style::Arabic { .. } | Style::Roman { upper: true }) =>
            {
                0
            }
            None => self.0.len().min(MAX_DEPTH - 1),
        };
        Place { depth, style, value, list_level }
    }

    /// Records a paragraph where it is placed, closing the deeper levels.
    fn enter(&mut self, place: Place, paragraph: usize) {
        self.0.truncate(place.depth);
        let Place { style, value, list_level, .. } = place;
        self.0.push(Level { style, last: value, list_level, paragraph });
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
    let numbered = start.title.is_empty() && numbered_title(lines, before.iter()).is_some();
    let reason = if !numbered && (long_lines >= 2 || before.iter().any(|&i| lines[i].is_prose())) {
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
    } else if let Some((symbol, title)) = numbered_title(lines, before.iter().chain(block)) {
        meta.symbol = symbol;
        meta.title = title;
    }
    read_header_fields(lines, block, before, first_line, meta);
}

/// The title of an adopted resolution headed by its number, over one line or more:
/// "WHA66.13 Status of collection of assessed contributions, including …" / "Constitution";
/// its number and its title. The title ends at the opening clause or a line ending a clause.
fn numbered_title<'a>(
    lines: &[Line],
    mut front: impl Iterator<Item = &'a usize>,
) -> Option<(String, String)> {
    let first = &lines[*front.next()?];
    let (number, rest) = first.text.split_once(' ')?;
    let digits = number.trim_start_matches(|c: char| c.is_ascii_uppercase());
    let resolution_number = (2..=6).contains(&(number.len() - digits.len()))
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
    if !resolution_number || !rest.starts_with(char::is_uppercase) {
        return None;
    }
    let more = front
        .map(|&i| &lines[i])
        .take_while(|l| !l.text.ends_with([',', ';']) && !opens_with_body(&l.text));
    let title: Vec<&str> = std::iter::once(rest).chain(more.map(|l| l.text.as_str())).collect();
    Some((number.to_string(), title.join(" ")))
}

/// Whether a line opens with the opening clause, maybe glued to the first paragraph by the
/// extraction: "The Sixty-sixth World Health Assembly, Having considered …".
fn opens_with_body(text: &str) -> bool {
    text.split_once(',').is_some_and(|(head, _)| lexicon::opening_clause(&format!("{head},")))
}

/// Reads the symbol, body and session from the title block and the header before it.
fn read_header_fields(
    lines: &[Line],
    block: &[usize],
    before: &[usize],
    first_line: usize,
    meta: &mut NegotiationMeta,
) {
    for &i in block {
        read_document_status(meta, &lines[i].text);
    }
    // The title block first, then the short lines of a header before it.
    let furniture =
        lines[..first_line].iter().filter(|l| l.junk == Some(SkipReason::PageFurniture));
    let header =
        block.iter().chain(before).map(|&i| &lines[i]).filter(|l| !l.is_prose()).chain(furniture);
    let cells: Vec<&str> = header.flat_map(|l| l.source.split('\t').map(str::trim)).collect();
    let symbols: Vec<String> = cells.iter().filter_map(|cell| symbol_in(cell)).collect();
    let numbered = symbols.iter().find(|s| s.contains(|c: char| c.is_ascii_digit()));
    if let Some(symbol) = numbered.or(symbols.first()).filter(|_| meta.symbol.is_empty()) {
        meta.symbol = symbol.clone();
    }
    if let Some(body) = cells.iter().find_map(|cell| body_name(cell)) {
        meta.body = body;
    }
    if let Some(session) = cells.iter().find_map(|cell| session_name(cell)) {
        meta.session = session;
    }
}

/// Reads a document's status line, "(ad referendum of the delegation of Mexico)", into `meta`;
/// anything else is left alone.
pub(super) fn read_document_status(meta: &mut NegotiationMeta, line: &str) {
    let (rest, annotations) = take_annotations(line);
    if rest.is_empty() {
        whole_text_ad_referendum(meta, &annotations);
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
    /// Footnote bodies found in the text (a PDF's page foot) that refer to this paragraph.
    notes: Vec<String>,
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
    let mut notes = PageNotes::default();
    let width = wrap_width(lines);
    for (i, line) in lines.iter().enumerate().skip(first) {
        if let Some(reason) = line.junk {
            notes.see_junk(line, reason, blocks.len());
            skipped.push(line.skipped(reason));
            continue;
        }
        if line.text.is_empty() {
            notes.see_gap();
            gap = true;
            continue;
        }
        let running = line.marker.is_none() && repeated.get(&line.text).is_some_and(|&n| n > 1);
        if running && notes.foot {
            // The next page's running head: the foot of the page before has ended.
            notes.foot = false;
            skipped.push(line.skipped(SkipReason::PageFurniture));
            continue;
        }
        if notes.take_body(line, &mut blocks, skipped) {
            continue;
        }
        if running {
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
            held.is_none() && blocks.last().is_some_and(|block| continues(block, line, gap, width));
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
                    verb_line: line.marker.is_none() && lexicon::operative_verb_line(&line.body),
                    notes: Vec::new(),
                });
            }
        }
    }
    if let Some((stray, _)) = pending {
        skipped.push(lines[stray].skipped(SkipReason::PageFurniture));
    }
    blocks
}

/// The longest line a hard-wrapped text holds: pages set in small type (a WHO resolution's
/// PDF) hold up to 110 characters a line; a longer line is a paragraph of its own.
const MAX_WRAP_WIDTH: usize = 120;

/// Footnote bodies at a page's foot in text extracted from a PDF: the footnote's number on a
/// line of its own, then its text. The body belongs to the paragraph bearing the number (glued
/// to a word, "diseases;1", or on a line of its own inside the paragraph), never to the
/// paragraphs; the text around it joins up again.
#[derive(Default)]
struct PageNotes {
    /// Footnote numbers seen on a line of their own, with the blocks open then.
    marks: Vec<(u32, usize)>,
    /// The footnote number just read, awaiting its body.
    number: Option<u32>,
    /// The block whose last footnote is being read, line by line.
    reading: Option<usize>,
    /// Under a page's separator rule ("________"): every line is a footnote until the next
    /// page furniture that is not a footnote number (a page number "2/10", a running head).
    foot: bool,
}

/// The most words of a footnote that only refers to a document.
const MAX_REFERENCE_WORDS: usize = 12;

/// The largest footnote number read as one.
const MAX_NOTE: u32 = 300;

impl PageNotes {
    fn see_junk(&mut self, line: &Line, reason: SkipReason, open_blocks: usize) {
        self.reading = None;
        let number = line.text.parse::<u32>().ok().filter(|n| (1..=MAX_NOTE).contains(n));
        if let (SkipReason::PageFurniture, Some(n)) = (reason, number) {
            self.number = Some(n);
            self.marks.push((n, open_blocks.saturating_sub(1)));
        } else if reason == SkipReason::PageFurniture {
            let rule = line.text.chars().filter(|c| matches!(c, '_' | '-' | '—')).count() >= 5;
            self.foot = rule;
        }
    }

    /// Takes `line` as an unnumbered footnote under the page's separator rule, for the paragraph
    /// the page ends in: a new note when the note before is complete and the line starts with a
    /// capital, else the note's next line.
    fn take_foot(&mut self, line: &Line, blocks: &mut [Block]) -> bool {
        let words = line.text.starts_with(|c: char| c.is_alphabetic() || c == '(');
        self.foot &= words;
        // A numbered note is read by its number (see `take_body`).
        if !self.foot || self.number.is_some() || line.marker.is_some() || blocks.is_empty() {
            return false;
        }
        let at = blocks.len() - 1;
        let continued = self.reading.and_then(|r| blocks[r].notes.last().map(|n| (r, n)));
        match continued {
            Some((r, note))
                if !note.ends_with('.') || !line.text.starts_with(char::is_uppercase) =>
            {
                let note = blocks[r].notes.last_mut().expect("a note being read");
                note.push(' ');
                note.push_str(&line.text);
            }
            _ => {
                blocks[at].notes.push(line.text.clone());
                self.reading = Some(at);
            }
        }
        true
    }

    fn see_gap(&mut self) {
        self.reading = None;
    }

    /// Takes `line` as (part of) a footnote body: true when it is one.
    /// A footnote repeated on a later page is page furniture.
    fn take_body(
        &mut self,
        line: &Line,
        blocks: &mut [Block],
        skipped: &mut Vec<SkippedLine>,
    ) -> bool {
        if self.take_foot(line, blocks) {
            return true;
        }
        if let Some(at) = self.reading {
            blocks[at].notes.last_mut().into_iter().for_each(|n| {
                n.push(' ');
                n.push_str(&line.text);
            });
            return true;
        }
        let Some(n) = self.number.take() else { return false };
        let body = line.marker.is_none()
            && line.text.starts_with(|c: char| c.is_uppercase() || c == '(')
            && !starts_paragraph(&line.text);
        let bearer = || self.bearer(n, blocks).or_else(|| Self::unborne(line, blocks));
        let Some(at) = body.then(bearer).flatten() else { return false };
        if blocks.iter().any(|block| block.notes.contains(&line.text)) {
            skipped.push(line.skipped(SkipReason::PageFurniture));
            return true;
        }
        blocks[at].notes.push(line.text.clone());
        self.reading = Some(at);
        true
    }

    /// The block bearing footnote `n`: the last with the number glued to its words, else the
    /// one open when the number stood on a line of its own earlier.
    fn bearer(&self, n: u32, blocks: &[Block]) -> Option<usize> {
        let mark = n.to_string();
        let glued = blocks.iter().rposition(|block| {
            block.text.match_indices(&mark).any(|(at, _)| {
                let before = block.text[..at].chars().next_back();
                let after = block.text[at + mark.len()..].chars().next();
                before.is_some_and(|c| c.is_alphabetic() || matches!(c, ';' | ':' | ',' | '”'))
                    && after.is_none_or(|c| c.is_whitespace())
            })
        });
        let own_line = || {
            let mut earlier = self.marks.iter().rev().skip(1);
            earlier.find(|&&(m, _)| m == n).map(|&(_, at)| at)
        };
        glued.or_else(own_line).filter(|&at| at < blocks.len())
    }

    /// Where a short reference ("Document A66/47.") under a footnote number goes when no
    /// paragraph bears the number (it stood in the title block): the first paragraph.
    fn unborne(line: &Line, blocks: &[Block]) -> Option<usize> {
        let reference = line.words() <= MAX_REFERENCE_WORDS && line.text.ends_with('.');
        (reference && !blocks.is_empty()).then_some(0)
    }
}

/// A line this many characters short of the text's width is full: the words after its comma
/// did not fit ("… Bosnia and Herzegovina, Cameroon, Côte d'Ivoire," / "Jordan, …").
const FULL_LINE_SLACK: usize = 10;

/// How wide the text is set: the length most lines of running text reach (four in five are
/// shorter).
fn wrap_width(lines: &[Line]) -> usize {
    let mut lengths: Vec<usize> =
        lines.iter().filter(|l| l.words() >= 8).map(|l| l.body.chars().count()).collect();
    lengths.sort_unstable();
    lengths.get(lengths.len() * 4 / 5).copied().unwrap_or(usize::MAX)
}

/// Whether `line` continues the paragraph of `block`: an annotation on a line of its own, or
/// a line that wraps (see [`SourceParagraph::wraps`]) in the middle of a sentence or after a
/// comma at the end of a full line.
fn continues(block: &Block, line: &Line, gap: bool, width: usize) -> bool {
    if line.marker.is_some() || block.verb_line {
        return false;
    }
    let (rest, annotations) = take_annotations(&line.body);
    if rest.is_empty() && !annotations.is_empty() {
        return true;
    }
    if !line.wraps {
        return false;
    }
    let full_line = block.last_len + FULL_LINE_SLACK >= width;
    let open = !ends_sentence(&block.text) || (block.text.ends_with(',') && full_line);
    if line.body.starts_with(char::is_lowercase) {
        return open || !gap;
    }
    !gap && open && (30..=MAX_WRAP_WIDTH).contains(&block.last_len) && !starts_paragraph(&line.body)
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

/// Words that may stand before the delegation a footnote speaks for, besides
/// [`NAME_FILLERS`]: "The Government of Canada …".
const FOOTNOTE_FILLERS: &[&str] = &["government", "gobierno", "gouvernement", "governo"];

/// A footnote, with the delegation it speaks for when it opens with a member state: "The
/// delegation of Canada reserves its position …", "Mexico: reservation …", "La delegación de
/// Chile …".
pub(super) fn footnote(text: &str) -> Footnote {
    let text = normalize(&clean(text).text);
    let mut rest = text.as_str();
    while let Some(after) =
        NAME_FILLERS.iter().chain(FOOTNOTE_FILLERS).find_map(|w| starts_with_word_ci(rest, w))
    {
        rest = after.trim_start();
    }
    let delegation = member_state(rest).map(|(name, _)| name.to_string());
    Footnote { delegation, text }
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

/// A paragraph's text without its status annotations, with the status they and its brackets
/// give and its proposers.
pub(super) fn read_status(text: &str) -> (String, ImportedStatus, Vec<String>) {
    let (rest, annotations) = take_annotations(text);
    let (status, proposers) = status_of(rest, &annotations);
    (rest.to_string(), status, proposers)
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
    /// How its opening words are set apart.
    emphasis: Option<Emphasis>,
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
        let on_lines = block.lines.iter().flat_map(|&i| &lines[i].footnotes);
        let footnotes = on_lines.chain(&block.notes).map(|t| footnote(t));
        if text.is_empty() {
            match (self.paragraphs.last_mut(), self.extras.last_mut()) {
                (Some(paragraph), Some(extra)) => {
                    paragraph.footnotes.extend(footnotes);
                    extra.annotations.extend(annotations);
                    extra.lines.extend(block.lines);
                    extra.strong = true;
                }
                _ => {
                    whole_text_ad_referendum(meta, &annotations);
                    let lines =
                        block.lines.iter().map(|&i| lines[i].skipped(SkipReason::TitleBlock));
                    skipped.extend(lines);
                }
            }
            return;
        }
        let text = text.to_string();
        let footnotes = footnotes.collect();
        let emphasis = block
            .lines
            .iter()
            .map(|&i| &lines[i])
            .find(|l| !l.body.is_empty())
            .and_then(|l| l.emphasis);
        let marker = block.marker.as_ref();
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
            let place = self.levels.place(marker);
            self.levels.enter(Place { depth: 0, ..place }, index);
            strong = true;
            ParagraphKind::OpeningClause
        } else if is_heading(marker, &text) {
            self.levels.clear();
            strong |= SECTION_WORDS.iter().any(|w| starts_with_word_ci(&text, w).is_some());
            ParagraphKind::SectionHeading
        } else {
            let mut place = self.levels.place(marker);
            let kind = if place.depth == 0 {
                let (kind, recognized) = self.top_level_kind(marker, &text, emphasis);
                strong |= recognized;
                if kind == ParagraphKind::Operative && self.section != Section::Operative {
                    self.section = Section::Operative;
                    self.levels.clear();
                    place = self.levels.place(marker);
                } else if self.section == Section::Start {
                    self.section = Section::Preamble;
                }
                kind
            } else {
                ParagraphKind::SubParagraph
            };
            parent = self.levels.parent(place.depth);
            self.levels.enter(place, index);
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
            footnotes,
        });
        self.extras.push(Extra { annotations, lines: block.lines, strong, emphasis });
    }

    /// The kind of a top-level paragraph, and whether its words, label or emphasis said so:
    /// opening words in italics or bold open a paragraph of the part being read.
    fn top_level_kind(
        &self,
        marker: Option<&Marker>,
        text: &str,
        emphasis: Option<Emphasis>,
    ) -> (ParagraphKind, bool) {
        if let Some(kind) = marker.and_then(|m| m.label) {
            return (kind, true);
        }
        let words = lexical(text);
        if self.section == Section::Operative {
            let recognized = marker.is_some()
                || emphasis.is_some()
                || lexicon::operative_opener(words).is_some();
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
        (ParagraphKind::Preambular, emphasis.is_some())
    }

    /// Drops debris after the last paragraph, sets the statuses and returns the paragraphs
    /// with the emphasis of their opening words.
    fn finish(
        mut self,
        lines: &[Line],
        skipped: &mut Vec<SkippedLine>,
    ) -> (Vec<ImportedParagraph>, Vec<Option<Emphasis>>) {
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
        let emphasis = self.extras.iter().map(|extra| extra.emphasis).collect();
        (self.paragraphs, emphasis)
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

/// UN style when most preambular participles are in italics or most preambular paragraphs end
/// with a comma, OAS style otherwise.
pub(super) fn house_style(
    paragraphs: &[ImportedParagraph],
    emphasis: &[Option<Emphasis>],
) -> HouseStyle {
    let (mut preambular, mut italics, mut commas, mut semicolons) =
        (0usize, 0usize, 0usize, 0usize);
    for (paragraph, emphasis) in paragraphs.iter().zip(emphasis) {
        if paragraph.kind != ParagraphKind::Preambular {
            continue;
        }
        preambular += 1;
        if *emphasis == Some(Emphasis::Italic) {
            italics += 1;
        }
        match paragraph.text.trim_end_matches([']', ' ']).chars().last() {
            Some(',') => commas += 1,
            Some(';') => semicolons += 1,
            _ => {}
        }
    }
    if italics * 2 > preambular || commas > semicolons {
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
pub(super) fn language(paragraphs: &[ImportedParagraph]) -> &'static str {
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

    #[test]
    fn a_un_print_runs_marks_are_page_furniture() {
        for mark in ["18-16895 (E)", "18-16895", "*1816895*", "241018"] {
            assert!(is_print_code(mark), "{mark}");
        }
        for text in ["73/3", "2013-2020", "A/RES/73/3", "1816895", "Resolution 70/1."] {
            assert!(!is_print_code(text), "{text}");
        }
    }

    #[test]
    fn a_numbered_paragraph_glued_to_the_line_before_is_its_own() {
        assert!(numbered_operative("2. URGES Member States:"));
        assert!(!numbered_operative("2. urges Member States:"));
        assert!(!numbered_operative("2013. The year"));
        assert!(!numbered_operative("and 2. other things"));
    }

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
    fn symbols() {
        assert_eq!(symbol_in("OEA/Ser.G CP/doc.4567/11").as_deref(), Some("OEA/Ser.G"));
        assert_eq!(symbol_in("A/RES/65/1").as_deref(), Some("A/RES/65/1"));
        assert_eq!(symbol_in("AG/RES. 2735 (XLII-O/12)").as_deref(), Some("AG/RES. 2735"));
        assert_eq!(symbol_in("and/or the like"), None);
        assert_eq!(symbol_in("1/2 of the budget"), None);
    }

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

    #[test]
    fn page_numbers_out_of_a_total_are_page_numbers_and_resolution_numbers_are_not() {
        assert!(is_page_number("5/10"));
        assert!(is_page_number("67/80"));
        assert!(!is_page_number("73/3"));
        assert!(!is_page_number("A/73/3"));
    }

    #[test]
    fn footnotes_name_the_delegation_they_open_with() {
        for (text, delegation) in [
            ("The delegation of Canada reserves its position on this paragraph.", Some("Canada")),
            ("Mexico: reservation on the words in brackets.", Some("Mexico")),
            ("La delegación de Chile se reserva.", Some("Chile")),
            ("The Government of the United States of America notes.", Some("United States")),
            ("See document CP/doc.4567/11.", None),
        ] {
            let note = footnote(text);
            assert_eq!(note.delegation.as_deref(), delegation, "{text}");
            assert_eq!(note.text, text);
        }
        assert_eq!(footnote("A \u{13} PAGE \u{14}2\u{15} note.").text, "A 2 note.");
    }

    #[test]
    fn status_read_from_a_text() {
        let (text, status, proposers) = read_status("To meet. (Proposed by Peru)");
        assert_eq!((text.as_str(), status), ("To meet.", ImportedStatus::Proposed));
        assert_eq!(proposers, ["Peru"]);
        let mut meta = NegotiationMeta::default();
        read_document_status(&mut meta, "(ad referendum of the delegation of Mexico)");
        read_document_status(&mut meta, "Draft resolution (ad referendum of Chile)");
        assert_eq!(meta.whole_text_ad_referendum, ["Mexico"]);
    }
}
