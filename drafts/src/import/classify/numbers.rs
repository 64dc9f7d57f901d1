//! The number a paragraph opens with ("1.", "(a)", "(i)", "PP3", "OP7bis", bullets) and
//! the levels that numbering styles open, so that sub-paragraphs nest under their parent.

use crate::lexicon;
use crate::model::ParagraphKind;
use crate::numbering::{ALTERNATIVE_SUFFIX, INSERTION_SUFFIXES};

use super::matching::starts_with_ci;
use super::SourceParagraph;

/// The number a paragraph opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::import) struct Marker {
    pub(super) token: Token,
    /// As found, without a trailing period: "15", "(a)", "a)", "ii", "PP3"; empty for bullets.
    pub(super) source: String,
    /// The kind a working label names: PP3 is preambular, OP7 operative.
    pub(super) label: Option<ParagraphKind>,
    /// The level of the list that gave the number: Word's automatic numbering, or a Markdown
    /// list's indentation; `None` when typed in running text.
    pub(super) list_level: Option<usize>,
}

impl Marker {
    /// A typed number that is not a working label.
    pub(super) fn new(token: Token, source: String) -> Self {
        Self { token, source, label: None, list_level: None }
    }

    /// The number as written ("(a)", "15"), none for a bullet.
    pub(in crate::import) fn written(&self) -> Option<&str> {
        (!matches!(self.token, Token::Bullet(_))).then_some(self.source.as_str())
    }

    /// Whether this number comes right after `before` in the same style ("2." after "1.",
    /// "(i)" after "(h)", "Pp2" after "Pp1").
    pub(super) fn follows(&self, before: &Marker) -> bool {
        self.label == before.label
            && ordinals(&before.token)
                .iter()
                .any(|&(style, n)| ordinals(&self.token).contains(&(style, n + 1)))
    }

    /// Whether this number and `other` are written in the same style.
    pub(super) fn same_style(&self, other: &Marker) -> bool {
        self.label == other.label
            && ordinals(&self.token)
                .iter()
                .any(|(s, _)| ordinals(&other.token).iter().any(|(t, _)| s == t))
    }

    /// A number given by Word's automatic numbering at `list_level` of its list.
    pub(in crate::import) fn automatic(token: Token, source: String, list_level: usize) -> Self {
        Self { list_level: Some(list_level), ..Self::new(token, source) }
    }
}

/// The value of a paragraph number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::import) enum Token {
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

/// The styles a number may be read in, each with its value: "(i)" is the ninth letter or
/// the first roman numeral; a bullet has none.
fn ordinals(token: &Token) -> Vec<(u8, u32)> {
    match *token {
        Token::Arabic(n) => vec![(0, n)],
        Token::Letter { value, upper } => vec![(1 + u8::from(upper), value)],
        Token::Roman { value, upper } => vec![(3 + u8::from(upper), value)],
        Token::LetterOrRoman { letter, roman, upper } => {
            vec![(1 + u8::from(upper), letter), (3 + u8::from(upper), roman)]
        }
        Token::Bullet(_) => Vec::new(),
    }
}

/// Bullets Word leaves in pasted text (the last three are Symbol and Wingdings code points).
const BULLETS: &[char] =
    &['•', '·', '◦', '▪', '■', '●', '○', '➢', '►', '\u{f0b7}', '\u{f0a7}', '\u{f076}'];

/// Splits an opening clause glued by the extraction to the paragraph after it ("The
/// Sixty-sixth World Health Assembly, Having considered the report …") into two paragraphs
/// of the same source line.
pub(super) fn split_glued_opening(paragraph: SourceParagraph) -> Vec<SourceParagraph> {
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

/// Words that may join two glued items: "… pessoas; ou b. a proteção …".
const JOINING_WORDS: &[&str] = &["and", "or", "y", "o", "e", "ou", "et"];

/// Splits the items an extraction glued onto one line ("1. Toda pessoa … moral. 2. Ninguém
/// deve …", "a. … pessoas; ou b. a proteção …") into paragraphs of the same source line. A
/// number starts a paragraph of its own when it continues the list the line opens with (the
/// letter after its letter), or the numbered paragraphs above (`last_number`, the last number
/// a line opened with), and stands after the end of a sentence or clause, before a word.
pub(super) fn split_glued_items(
    paragraph: SourceParagraph,
    last_number: &mut u32,
) -> Vec<SourceParagraph> {
    let mut parts = Vec::new();
    let mut start = 0;
    loop {
        let rest = &paragraph.text[start..];
        let opened = parse_marker(rest).map(|(marker, _)| marker.token);
        if let Some(Token::Arabic(n)) = opened {
            *last_number = n;
        }
        if paragraph.number_marker.is_some() || opened.is_none() {
            break;
        }
        let Some(at) = glued_item(rest, opened, *last_number) else { break };
        parts.push(rest[..at].trim_end().to_string());
        start += at;
    }
    if parts.is_empty() {
        return vec![paragraph];
    }
    let last = SourceParagraph {
        text: paragraph.text[start..].to_string(),
        footnotes: Vec::new(),
        ..paragraph.clone()
    };
    let first = parts.into_iter().map(|text| SourceParagraph { text, ..paragraph.clone() });
    first.chain(std::iter::once(last)).collect()
}

/// Where the next item glued to `text` starts (see [`split_glued_items`]).
fn glued_item(text: &str, opened: Option<Token>, last_number: u32) -> Option<usize> {
    let mut items = vec![format!("{}. ", last_number + 1)];
    if let Some(
        Token::Letter { value, upper } | Token::LetterOrRoman { letter: value, upper, .. },
    ) = opened
    {
        let next = char::from_u32(u32::from(if upper { 'A' } else { 'a' }) + value)?;
        items.extend([format!("{next}. "), format!("{next}) "), format!("({next}) ")]);
    }
    let ends_a_clause = |before: &str| {
        let before = before.trim_end();
        let last_word = before.rsplit(' ').next().unwrap_or_default();
        let before = if JOINING_WORDS.contains(&last_word) {
            before[..before.len() - last_word.len()].trim_end()
        } else {
            before
        };
        before.ends_with(['.', ';', ':'])
    };
    text.match_indices(' ').map(|(at, _)| at + 1).find(|&at| {
        let after = &text[at..];
        items.iter().any(|item| {
            after
                .strip_prefix(item.as_str())
                .is_some_and(|word| word.starts_with(char::is_alphabetic))
        }) && ends_a_clause(&text[..at])
    })
}

/// A numbered operative paragraph opening in capitals: "2. URGES Member States:".
pub(super) fn numbered_operative(text: &str) -> bool {
    let Some((number, rest)) = text.split_once(". ") else { return false };
    let verb = rest.split_whitespace().next().unwrap_or_default();
    (1..=3).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
        && verb.len() > 2
        && verb.chars().all(|c| c.is_uppercase())
        && lexicon::operative_opener(rest).is_some()
}

/// Splits the number off the start of a line: `(marker, rest)`.
pub(in crate::import) fn parse_marker(line: &str) -> Option<(Marker, &str)> {
    let s = line.trim_start();
    let spaced = |rest: &str| rest.is_empty() || rest.starts_with(char::is_whitespace);
    let first = s.chars().next()?;
    if BULLETS.contains(&first)
        || (matches!(first, '-' | '–' | '—' | '*') && spaced(&s[first.len_utf8()..]))
    {
        let rest = &s[first.len_utf8()..];
        // A bullet before a number ("- a) Mantener …") gives the number: the list's own.
        let numbered = parse_marker(rest).filter(|(m, _)| !matches!(m.token, Token::Bullet(_)));
        return numbered.or(Some((Marker::new(Token::Bullet(first), String::new()), rest)));
    }
    if let Some(tab) = s.strip_prefix("o\t") {
        return Some((Marker::new(Token::Bullet('o'), String::new()), tab));
    }
    if let Some(found) = parse_label(s) {
        return Some(found);
    }
    if let Some(inner) = s.strip_prefix('(') {
        return parse_enclosed(inner);
    }
    if let Some(found) = parse_decimal(s) {
        return Some(found);
    }
    let (token, source, rest) = parse_number(s).or_else(|| {
        let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
        parse_token(&s[..end]).map(|token| (token, s[..end].to_string(), &s[end..]))
    })?;
    let arabic = matches!(token, Token::Arabic(_));
    let inserted = arabic && source.contains(char::is_alphabetic);
    let tab = arabic && rest.starts_with('\t');
    let dashed = arabic.then(|| dashed_sentence(rest)).flatten();
    let (close, after) = match rest.chars().next() {
        Some('.') => ("", &rest[1..]),
        Some(')') => (")", &rest[1..]),
        Some(':') if inserted => ("", &rest[1..]),
        _ if tab => ("", rest),
        _ if dashed.is_some() => ("", dashed.unwrap_or_default()),
        Some(c) if inserted && (c.is_uppercase() || c.is_whitespace()) => ("", rest),
        Some(' ') if arabic && lexicon::operative_opener(rest.trim_start()).is_some() => ("", rest),
        _ => return None,
    };
    let glued =
        (close == ")" && glued_word(after)) || (arabic && after.starts_with(char::is_uppercase));
    let source = format!("{source}{close}");
    (spaced(after) || glued || dashed.is_some()).then_some((Marker::new(token, source), after))
}

/// An article's paragraph numbered with the article, "3.3", "3.3bis", "3.3alt:", before a
/// sentence (never "1.5 degrees"): the paragraph's own number counts.
fn parse_decimal(s: &str) -> Option<(Marker, &str)> {
    let (article, rest) = s.split_once('.')?;
    let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let short = |n: &str| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit());
    if !short(article) || !short(&rest[..digits]) {
        return None;
    }
    let value = rest[..digits].parse().ok()?;
    let after = &rest[digits..];
    let suffixed = number_suffix(after).filter(|_| !after.starts_with(' ')).unwrap_or(after);
    let number = &s[..s.len() - suffixed.len()];
    let text = suffixed.strip_prefix(':').unwrap_or(suffixed);
    let sentence = text.strip_prefix(' ').is_some_and(|t| t.starts_with(char::is_uppercase));
    sentence.then(|| (Marker::new(Token::Arabic(value), number.to_string()), text))
}

/// A number in parentheses, `inner` following the "(": "(a)", "(5bis)", and an inserted
/// paragraph's suffix after it, "(a)bis.", "(a) quinquies.", "(c)ter.Take".
fn parse_enclosed(inner: &str) -> Option<(Marker, &str)> {
    let close = inner.find(')')?;
    let number = &inner[..close];
    let whole =
        |(token, source, rest): (Token, String, &str)| rest.is_empty().then_some((token, source));
    let (token, number) = parse_token(number)
        .map(|token| (token, number.to_string()))
        .or_else(|| parse_number(number).and_then(whole))?;
    let mut rest = &inner[close + 1..];
    let mut source = format!("({number})");
    if let Some(after) = number_suffix(rest) {
        source.push_str(rest[..rest.len() - after.len()].trim());
        rest = after.strip_prefix(['.', ':']).unwrap_or(after);
    }
    let inserted = source.ends_with(char::is_alphabetic);
    let spaced = rest.is_empty() || rest.starts_with(char::is_whitespace);
    let glued = glued_word(rest)
        || rest.starts_with('[')
        || (inserted && rest.starts_with(char::is_uppercase));
    (spaced || glued).then_some((Marker::new(token, source), rest))
}

/// The number a line opens with, also inside the bracket that opens the line ("[(g) Implement
/// …", "[53.bis: Decides …"): `(marker, the text after it)`, the bracket kept in the text.
pub(super) fn parse_line_marker(line: &str) -> Option<(Marker, String)> {
    let bracketed =
        line.trim_start().strip_prefix('[').and_then(parse_marker).filter(|(marker, rest)| {
            !matches!(marker.token, Token::Bullet(_)) && !rest.trim().is_empty()
        });
    match bracketed {
        Some((marker, rest)) => Some((marker, format!("[{}", rest.trim_start()))),
        None => parse_marker(line).map(|(marker, rest)| (marker, rest.to_string())),
    }
}

/// The sentence after a number set off by a dash, as Brazilian legal texts number paragraphs:
/// "1 - O propósito desta Convenção …".
fn dashed_sentence(rest: &str) -> Option<&str> {
    let rest = rest.trim_start();
    let after = ["- ", "– ", "— "].iter().find_map(|dash| rest.strip_prefix(dash))?;
    after.starts_with(char::is_uppercase).then_some(after)
}

/// A word glued to a closing parenthesis by a converter ("(a)encourage", "b)La
/// integración"): the number still opens the paragraph. A Latin suffix ("(a)bis") is part
/// of the number, not a word.
fn glued_word(rest: &str) -> bool {
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    let suffix = latin_suffixes().chain([ALTERNATIVE_SUFFIX]).any(|s| word == s);
    word.chars().count() >= 2 && !suffix
}

/// Latin suffixes as drafters shorten them: "3quat" for "3quater".
const SHORTENED_SUFFIXES: [&str; 1] = ["quat"];

/// The Latin suffixes of an inserted paragraph's number: numbering's own, then their short
/// forms.
fn latin_suffixes() -> impl Iterator<Item = &'static str> {
    INSERTION_SUFFIXES.into_iter().chain(SHORTENED_SUFFIXES)
}

/// "15", "7bis", "7 bis", "7.bis": an arabic number with an optional suffix, written as
/// found but for a period before the suffix ("7bis").
fn parse_number(s: &str) -> Option<(Token, String, &str)> {
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if !(1..=4).contains(&digits) {
        return None;
    }
    let value = s[..digits].parse().ok()?;
    let after = &s[digits..];
    let dotted = after.strip_prefix('.').filter(|rest| rest.starts_with(char::is_alphabetic));
    let suffixed = dotted.and_then(number_suffix).or_else(|| number_suffix(after));
    let Some(rest) = suffixed else {
        return Some((Token::Arabic(value), s[..digits].to_string(), after));
    };
    let suffix = after[..after.len() - rest.len()].trim_start_matches('.');
    Some((Token::Arabic(value), format!("{}{suffix}", &s[..digits]), rest))
}

/// What follows the suffix numbering gives a paragraph number, if one opens `after`: a Latin
/// suffix of an inserted paragraph ("bis" … "decies", "7 bis" spaced too), then the suffix of an
/// alternative with its number ("7alt", "7alt2", "7bisalt"). The suffixes are numbering's own,
/// so every label it writes is read back, and their short forms ("3quat").
fn number_suffix(after: &str) -> Option<&str> {
    let start = after.strip_prefix(' ').unwrap_or(after);
    let latin = latin_suffixes()
        .filter_map(|suffix| starts_with_ci(start, suffix))
        .min_by_key(|rest| rest.len());
    let rest = latin.unwrap_or(start);
    let rest = match starts_with_ci(rest, ALTERNATIVE_SUFFIX) {
        Some(alternative) => alternative.trim_start_matches(|c: char| c.is_ascii_digit()),
        None => rest,
    };
    let found = rest.len() < start.len();
    let ends = rest.chars().next().is_none_or(|c| !c.is_alphabetic() || c.is_uppercase());
    (found && ends).then_some(rest)
}

/// "PP3", "OP 7bis", "OP7:", "Pp1": a working label; the kind it names is kept.
fn parse_label(s: &str) -> Option<(Marker, &str)> {
    let kind = match s.get(..2)? {
        "PP" | "Pp" => ParagraphKind::Preambular,
        "OP" | "Op" => ParagraphKind::Operative,
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
        Some(tail) => (after[..after.len() - tail.len()].to_string(), tail),
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
pub(super) fn roman_value(s: &str, upper: bool) -> Option<u32> {
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
pub(in crate::import) fn to_roman(value: u32) -> String {
    crate::numbering::roman(value as usize)
}

/// The numbering style of one level of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
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
pub(super) struct Place {
    pub(super) depth: usize,
    pub(super) style: Style,
    pub(super) value: u32,
    pub(super) list_level: Option<usize>,
}

/// Nesting deeper than this is read as siblings of the deepest level.
const MAX_DEPTH: usize = 4;

/// The open levels of numbering, outermost first.
#[derive(Debug, Default)]
pub(super) struct Levels(Vec<Level>);

impl Levels {
    /// Where a paragraph with this number goes. A level continues when the style matches and,
    /// for Word's automatic numbers, the list level too ("1.1" after "1." nests).
    pub(super) fn place(&self, marker: Option<&Marker>) -> Place {
        let list_level = marker.and_then(|m| m.list_level);
        let find = |style: Style| self.open(style, list_level);
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
            Some(Token::Letter { value, upper }) => (self.letter(value, upper, list_level), value),
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

    /// The deepest open level of this style (and of this list level, for a list's numbers).
    fn open(&self, style: Style, list_level: Option<usize>) -> Option<usize> {
        self.0.iter().rposition(|level| {
            let same_list_level = match (level.list_level, list_level) {
                (Some(open), Some(new)) => open == new,
                _ => true,
            };
            level.style == style && same_list_level
        })
    }

    /// The style of a letter: a letter in the other case that goes on with an open list ("C."
    /// after "b.") is that list's next item, misprinted, not a list of its own.
    fn letter(&self, value: u32, upper: bool, list_level: Option<usize>) -> Style {
        let (own, other) = (Style::Letter { upper }, Style::Letter { upper: !upper });
        let goes_on = self.open(own, list_level).is_none()
            && self.open(other, list_level).is_some_and(|k| self.0[k].last + 1 == value);
        if goes_on {
            other
        } else {
            own
        }
    }

    /// Records a paragraph where it is placed, closing the deeper levels.
    pub(super) fn enter(&mut self, place: Place, paragraph: usize) {
        self.0.truncate(place.depth);
        let Place { style, value, list_level, .. } = place;
        self.0.push(Level { style, last: value, list_level, paragraph });
    }

    /// The paragraph a paragraph at `depth` belongs to.
    pub(super) fn parent(&self, depth: usize) -> Option<usize> {
        depth.checked_sub(1).and_then(|d| self.0.get(d)).map(|level| level.paragraph)
    }

    /// The last number of the outermost level: 29 after "29. REAFFIRMING".
    pub(super) fn last_top_number(&self) -> u32 {
        self.0.first().map_or(0, |level| level.last)
    }

    /// Closes every level: after a verb line or a heading, numbering starts afresh.
    pub(super) fn clear(&mut self) {
        self.0.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_glued_to_an_enclosed_number_still_follows_it() {
        let (marker, rest) = parse_marker("(a)encourage the study").unwrap();
        assert_eq!((marker.source.as_str(), rest), ("(a)", "encourage the study"));
        let (marker, rest) = parse_marker("b)La integración;").unwrap();
        assert_eq!((marker.source.as_str(), rest), ("b)", "La integración;"));
        assert!(parse_marker("a.Bc").is_none());
        let (marker, rest) = parse_marker("1 - O propósito desta Convenção").unwrap();
        assert_eq!((marker.source.as_str(), rest), ("1", "O propósito desta Convenção"));
        assert!(parse_marker("2 - 3 years").is_none());
        assert_ne!(parse_marker("(a)bis. Consider").map(|(_, rest)| rest), Some("bis. Consider"));
    }

    #[test]
    fn an_inserted_paragraphs_number_is_read_however_it_is_written() {
        for (line, number, text) in [
            ("58quinquies.Encourages the Facility", "58quinquies", "Encourages the Facility"),
            ("59quater. Decides that", "59quater", "Decides that"),
            ("59quaterAlso requests", "59quater", "Also requests"),
            ("57.bis The CMA shall", "57bis", "The CMA shall"),
            ("7 bis. Decides", "7 bis", "Decides"),
            ("53 Recalls decisions", "53", "Recalls decisions"),
            ("(a)bis. Consider the effect", "(a)bis", "Consider the effect"),
            ("(a) bis. Consider the effect", "(a)bis", "Consider the effect"),
            ("(a)quater.Take into account", "(a)quater", "Take into account"),
            ("(c) quinquies.Take into account", "(c)quinquies", "Take into account"),
            ("(5bis) Parties shall", "(5bis)", "Parties shall"),
            ("(g)[Enhance cooperation.]", "(g)", "[Enhance cooperation.]"),
            ("[(g) Implement the measures;]]", "(g)", "[Implement the measures;]]"),
            ("[53.bis: Decides that", "53bis", "[Decides that"),
            ("3.3 In accordance with", "3.3", "In accordance with"),
            ("3.3bis Each Party", "3.3bis", "Each Party"),
            ("3.3quat Each Party", "3.3quat", "Each Party"),
            ("(b)quat. Consider the effect", "(b)quat", "Consider the effect"),
            ("9 quat. Decides", "9 quat", "Decides"),
            ("3.3alt: Developed countries", "3.3alt", "Developed countries"),
        ] {
            let (marker, rest) = parse_line_marker(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!((marker.source.as_str(), rest.trim()), (number, text), "{line}");
        }
        for line in ["53 percent of Parties", "2015 Agreement", "1.5 degrees", "[A] [B] text"] {
            assert!(parse_line_marker(line).is_none(), "{line}");
        }
    }

    #[test]
    fn a_letter_misprinted_in_the_other_case_goes_on_with_its_list() {
        let text = "The Parties,\n\nHave agreed as follows:\n\n1. Work shall not include:\n\n\
            a. prison work;\n\nb. military service;\n\nC. service exacted in time of danger or calamity threatening the life of the community; and\n\n\
            d. civic obligations.\n";
        let draft = crate::import::import_text(text).unwrap();
        let parents: Vec<Option<usize>> = draft.paragraphs[3..].iter().map(|p| p.parent).collect();
        assert_eq!(parents, [Some(2); 4]);
    }

    #[test]
    fn a_bullet_before_a_number_gives_the_number() {
        let (marker, rest) = parse_marker("- a) Mantener el aumento").unwrap();
        assert_eq!((marker.source.as_str(), rest), ("a)", " Mantener el aumento"));
        let (marker, rest) = parse_marker("• To convene a meeting.").unwrap();
        assert_eq!((marker.token, rest), (Token::Bullet('•'), " To convene a meeting."));
    }

    #[test]
    fn a_numbered_paragraph_glued_to_the_line_before_is_its_own() {
        assert!(numbered_operative("2. URGES Member States:"));
        assert!(!numbered_operative("2. urges Member States:"));
        assert!(!numbered_operative("2013. The year"));
        assert!(!numbered_operative("and 2. other things"));
    }
}
