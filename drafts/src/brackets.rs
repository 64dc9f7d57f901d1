//! Inline brackets: the disputed words of a paragraph.
//!
//! `[words]` marks disputed words; `[A / B]` (a "/" with whitespace on both sides) and
//! `[A] [B]` (brackets separated only by whitespace) are one group offering alternatives;
//! `[Canada, Mexico: words]` attributes a bracket to the delegations that hold it. Brackets
//! nest to any depth. All positions are char offsets, as the UI counts characters.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::OAS_MEMBER_STATES;

/// A group of brackets: one disputed passage, possibly offering several alternatives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Bracket {
    /// Char offset of the group's first `[`.
    pub start: usize,
    /// Char offset just past the group's last `]`.
    pub end: usize,
    /// Delegations named in attributions (`[Canada: …]`), in order of appearance.
    pub holders: Vec<String>,
    /// Each alternative's text, without its attribution; a single option is the disputed words.
    pub options: Vec<String>,
    /// Groups nested inside this one.
    pub nested: Vec<Bracket>,
}

impl Bracket {
    /// Whether the group holds words an editor left to be filled in rather than disputed
    /// words: an elision ("[...]"), a date ("[date]", "[date of adoption]"), a date reckoned
    /// from another ("[entry into force + 4 years]") or a note to insert something ("[insert
    /// the number]"). Such a group is not a bracket.
    fn is_placeholder(&self) -> bool {
        let [inner] = self.options.as_slice() else {
            return false;
        };
        let inner = inner.to_lowercase();
        let elision = !inner.is_empty() && inner.chars().all(|c| matches!(c, '.' | '…' | ' '));
        let reckoned =
            inner.contains('+') && ["year", "month", "day"].iter().any(|unit| inner.contains(unit));
        let date = inner == "date" || inner.starts_with("date of ");
        let insert = inner.starts_with("insert ") || inner.starts_with("please insert ");
        self.holders.is_empty() && self.nested.is_empty() && (elision || reckoned || date || insert)
    }
}

/// Why a text's brackets do not balance.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BracketError {
    /// A `[` that is never closed.
    #[error("unclosed bracket opened at character {position}")]
    Unclosed { position: usize },
    /// A `]` with no `[` before it.
    #[error("closing bracket at character {position} has no opening bracket")]
    Unopened { position: usize },
}

impl BracketError {
    /// Char offset of the offending bracket.
    pub fn position(&self) -> usize {
        match self {
            Self::Unclosed { position } | Self::Unopened { position } => *position,
        }
    }
}

/// How many brackets a text holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BracketCount {
    /// All groups, nested ones included.
    pub brackets: usize,
    /// Options offered by the groups that have at least two.
    pub options: usize,
}

/// What to do with a group of brackets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
#[ts(export)]
pub enum Resolution {
    /// Keep the option with this index, without its brackets.
    Keep { option: usize },
    /// Delete the whole group.
    Drop,
}

/// Why a group of brackets could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ResolveError {
    /// The text's brackets do not balance.
    #[error("the brackets do not balance: {0}")]
    Brackets(#[from] BracketError),
    /// `index` is past the last top-level group.
    #[error("there is no bracket {index}: the text has {count} top-level brackets")]
    NoSuchBracket { index: usize, count: usize },
    /// `option` is past the group's last option.
    #[error("there is no option {option}: the bracket offers {options}")]
    NoSuchOption { option: usize, options: usize },
}

/// Why a selection could not be bracketed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WrapError {
    /// The text's brackets do not balance.
    #[error("the brackets do not balance: {0}")]
    Brackets(#[from] BracketError),
    /// The selection is reversed or runs past the end of the text.
    #[error("the selection {start}..{end} is outside the text of {len} characters")]
    OutOfRange { start: usize, end: usize, len: usize },
    /// The selection is empty or only whitespace.
    #[error("the selection holds no words")]
    EmptySelection,
    /// The selection holds one end of an existing bracket but not the other.
    #[error("the selection crosses the bracket at character {position}")]
    CrossesBracket { position: usize },
    /// The selection sits next to an existing bracket, with only whitespace between.
    #[error(
        "the selection touches the bracket at character {position}: the two would read as \
         alternatives; select them together instead"
    )]
    AdjacentBracket { position: usize },
    /// A holder is not a name an attribution can carry ("Canada", "Trinidad and Tobago").
    #[error("\"{holder}\" is not a delegation name that can stand in an attribution")]
    InvalidHolder { holder: String },
}

/// The top-level groups of brackets in `text`, in order, with their nested groups (up to
/// [`MAX_NESTING`] levels).
pub fn parse(text: &str) -> Result<Vec<Bracket>, BracketError> {
    let chars: Vec<char> = text.chars().collect();
    let pairs = pairs(&chars)?;
    Ok(groups(&chars, &pairs, &pairs.top, 0))
}

/// Checks that every bracket in `text` is closed and every closing bracket opened.
pub fn validate(text: &str) -> Result<(), BracketError> {
    let chars: Vec<char> = text.chars().collect();
    pairs(&chars).map(|_| ())
}

/// Whether `text` holds any bracket: a group that is no placeholder, or a `[` or `]` that
/// does not balance.
pub fn has_brackets(text: &str) -> bool {
    text.contains(['[', ']']) && parse(text).map_or(true, |groups| !groups.is_empty())
}

/// Where the first bracket of `text` opens (a char offset), or its first `[` or `]` when
/// they do not balance.
pub fn first_bracket(text: &str) -> Option<usize> {
    match parse(text) {
        Ok(groups) => groups.first().map(|group| group.start),
        Err(_) => text.chars().position(|c| c == '[' || c == ']'),
    }
}

/// Counts the groups of brackets in `text` (up to [`MAX_NESTING`] levels deep) and the
/// alternatives they offer.
pub fn count(text: &str) -> Result<BracketCount, BracketError> {
    fn add(groups: &[Bracket], total: &mut BracketCount) {
        for group in groups {
            total.brackets += 1;
            if group.options.len() >= 2 {
                total.options += group.options.len();
            }
            add(&group.nested, total);
        }
    }
    let mut total = BracketCount::default();
    add(&parse(text)?, &mut total);
    Ok(total)
}

/// Resolves the top-level group `index`: keeps one option in its place (nested brackets inside
/// it stay), or drops the group and tidies the spaces around it.
pub fn resolve(text: &str, index: usize, resolution: Resolution) -> Result<String, ResolveError> {
    let groups = parse(text)?;
    let group =
        groups.get(index).ok_or(ResolveError::NoSuchBracket { index, count: groups.len() })?;
    let replacement = match resolution {
        Resolution::Keep { option } => group
            .options
            .get(option)
            .ok_or(ResolveError::NoSuchOption { option, options: group.options.len() })?
            .as_str(),
        Resolution::Drop => "",
    };
    let chars: Vec<char> = text.chars().collect();
    let before: String = chars[..group.start].iter().collect();
    let after: String = chars[group.end..].iter().collect();
    if replacement.is_empty() {
        Ok(join_tidily(&before, &after))
    } else {
        Ok(format!("{before}{replacement}{after}"))
    }
}

/// Where `words` first occur in `text`, as the char offsets `start..end` that [`wrap`] and a
/// bracket proposal take; `None` when they do not occur.
pub fn words_range(text: &str, words: &str) -> Option<(usize, usize)> {
    let byte = text.find(words)?;
    let start = text[..byte].chars().count();
    Some((start, start + words.chars().count()))
}

/// Brackets the chars `start..end` of `text`, attributed to `holders` when there are any:
/// `[Canada, Mexico: words]`. The selection is trimmed of surrounding whitespace and widened
/// to whole words; it may not cross an existing bracket nor touch one from outside (the two
/// would read as alternatives).
pub fn wrap(text: &str, start: usize, end: usize, holders: &[String]) -> Result<String, WrapError> {
    let chars: Vec<char> = text.chars().collect();
    let pairs = pairs(&chars)?;
    if start > end || end > chars.len() {
        return Err(WrapError::OutOfRange { start, end, len: chars.len() });
    }
    if let Some(holder) = holders.iter().find(|h| parse_holders(h) != Some(vec![(*h).clone()])) {
        return Err(WrapError::InvalidHolder { holder: holder.clone() });
    }
    let (mut start, mut end) = (start, end);
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start == end {
        return Err(WrapError::EmptySelection);
    }
    while start > 0 && chars[start - 1].is_alphanumeric() && chars[start].is_alphanumeric() {
        start -= 1;
    }
    while end < chars.len() && chars[end - 1].is_alphanumeric() && chars[end].is_alphanumeric() {
        end += 1;
    }
    check_crossing(&pairs, start, end)?;
    let previous = chars[..start].iter().rposition(|c| !c.is_whitespace());
    let next = chars[end..].iter().position(|c| !c.is_whitespace()).map(|offset| end + offset);
    if let Some(position) = previous.filter(|p| chars[*p] == ']') {
        return Err(WrapError::AdjacentBracket { position });
    }
    if let Some(position) = next.filter(|p| chars[*p] == '[') {
        return Err(WrapError::AdjacentBracket { position });
    }
    let prefix =
        if holders.is_empty() { String::new() } else { format!("{}: ", holders.join(", ")) };
    let before: String = chars[..start].iter().collect();
    let selected: String = chars[start..end].iter().collect();
    let after: String = chars[end..].iter().collect();
    Ok(format!("{before}[{prefix}{selected}]{after}"))
}

/// Splits an attribution off the start of a bracket's text: `"Canada, Mexico: words"` gives
/// the holders and the byte offset just past the colon.
pub(crate) fn split_attribution(text: &str) -> Option<(Vec<String>, usize)> {
    let in_names = |c: char| {
        c.is_alphabetic() || c.is_whitespace() || matches!(c, ',' | '.' | '-' | '\'' | '\u{2019}')
    };
    let colon = text.find(|c: char| !in_names(c)).filter(|&i| text[i..].starts_with(':'))?;
    let holders = parse_holders(&text[..colon])?;
    Some((holders, colon + 1))
}

/// How many levels of nested groups [`parse`] lists; deeper groups stay in their options' text.
/// Real texts nest two or three levels; the cap keeps pathological input from exhausting the
/// stack.
pub const MAX_NESTING: usize = 64;

/// A matched pair of brackets.
struct Pair {
    open: usize,
    close: usize,
    /// Indices of the pairs nested directly inside this one.
    children: Vec<usize>,
}

/// All matched pairs in order of opening, and the indices of the outermost ones.
struct Pairs {
    all: Vec<Pair>,
    top: Vec<usize>,
}

/// Matches every `[` with its `]`.
fn pairs(chars: &[char]) -> Result<Pairs, BracketError> {
    let mut all: Vec<Pair> = Vec::new();
    let mut top = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (position, c) in chars.iter().enumerate() {
        match c {
            '[' => {
                open.push(all.len());
                all.push(Pair { open: position, close: position, children: Vec::new() });
            }
            ']' => {
                let index = open.pop().ok_or(BracketError::Unopened { position })?;
                all[index].close = position;
                match open.last() {
                    Some(&parent) => all[parent].children.push(index),
                    None => top.push(index),
                }
            }
            _ => {}
        }
    }
    match open.first() {
        Some(&index) => Err(BracketError::Unclosed { position: all[index].open }),
        None => Ok(Pairs { all, top }),
    }
}

/// Gathers sibling pairs (given by index) separated only by whitespace into groups; `level`
/// counts the groups enclosing them.
fn groups(chars: &[char], pairs: &Pairs, siblings: &[usize], level: usize) -> Vec<Bracket> {
    let mut runs: Vec<Vec<&Pair>> = Vec::new();
    for pair in siblings.iter().map(|&index| &pairs.all[index]) {
        let between =
            |prev: &&Pair| chars[prev.close + 1..pair.open].iter().all(|c| c.is_whitespace());
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(between) => run.push(pair),
            _ => runs.push(vec![pair]),
        }
    }
    runs.into_iter()
        .map(|run| group(chars, pairs, &run, level))
        .filter(|group| !group.is_placeholder())
        .collect()
}

/// Builds one group from its run of sibling pairs.
fn group(chars: &[char], pairs: &Pairs, run: &[&Pair], level: usize) -> Bracket {
    let mut holders: Vec<String> = Vec::new();
    let mut options = Vec::new();
    let mut nested = Vec::new();
    for pair in run {
        for (from, to) in alternatives(chars, pairs, pair) {
            let text: String = chars[from..to].iter().collect();
            let body = match split_attribution(&text) {
                Some((names, offset)) => {
                    for name in names {
                        if !holders.contains(&name) {
                            holders.push(name);
                        }
                    }
                    &text[offset..]
                }
                None => text.as_str(),
            };
            options.push(body.trim().to_string());
        }
        if level + 1 < MAX_NESTING {
            nested.extend(groups(chars, pairs, &pair.children, level + 1));
        }
    }
    let start = run.first().map_or(0, |pair| pair.open);
    let end = run.last().map_or(start, |pair| pair.close + 1);
    Bracket { start, end, holders, options, nested }
}

/// The char ranges of a pair's alternatives: its content split at each "/" that has whitespace
/// on both sides and lies outside nested pairs.
fn alternatives(chars: &[char], pairs: &Pairs, pair: &Pair) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut from = pair.open + 1;
    let mut i = from;
    let mut children = pair.children.iter().map(|&index| &pairs.all[index]).peekable();
    while i < pair.close {
        if let Some(child) = children.next_if(|child| child.open == i) {
            i = child.close + 1;
            continue;
        }
        if chars[i] == '/'
            && i > pair.open + 1
            && i + 1 < pair.close
            && chars[i - 1].is_whitespace()
            && chars[i + 1].is_whitespace()
        {
            ranges.push((from, i));
            from = i + 1;
        }
        i += 1;
    }
    ranges.push((from, pair.close));
    ranges
}

/// Lowercase words allowed inside a delegation's name: "Trinidad and Tobago".
const NAME_CONNECTORS: &[&str] = &["and", "the", "of", "de", "del", "y", "et", "da", "do"];

/// Parses an attribution prefix (without its colon) into delegation names: one or more names
/// separated by ", " or " and ", each one to five words starting with a capital. "X and Y" is
/// one name when it is a known member state ("Trinidad and Tobago").
fn parse_holders(prefix: &str) -> Option<Vec<String>> {
    let mut names = Vec::new();
    for (index, segment) in prefix.split(',').enumerate() {
        let mut words: Vec<&str> = segment.split_whitespace().collect();
        if index > 0 && words.first() == Some(&"and") {
            words.remove(0);
        }
        let mut parts = words.split(|w| *w == "and").map(|part| part.join(" "));
        let mut current = parts.next()?;
        for part in parts {
            let joined = format!("{current} and {part}");
            if OAS_MEMBER_STATES.contains(&joined.as_str()) {
                current = joined;
            } else {
                names.push(std::mem::replace(&mut current, part));
            }
        }
        names.push(current);
    }
    names.iter().all(|name| is_name(name)).then_some(names)
}

/// Whether `name` is one to five words, the first capitalized and the others capitalized or
/// connectors, made of letters and `.`, `-`, `'`.
fn is_name(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    let capitalized = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let well_formed = |w: &&str| {
        w.chars().all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '\u{2019}'))
    };
    (1..=5).contains(&words.len())
        && words.iter().all(well_formed)
        && words.first().is_some_and(|w| capitalized(w))
        && words.iter().all(|w| capitalized(w) || NAME_CONNECTORS.contains(w))
}

/// Rejects a selection that holds only one end of an existing pair.
fn check_crossing(pairs: &Pairs, start: usize, end: usize) -> Result<(), WrapError> {
    let inside = |position: usize| (start..end).contains(&position);
    match pairs.all.iter().find(|pair| inside(pair.open) != inside(pair.close)) {
        Some(pair) => {
            let position = if inside(pair.open) { pair.open } else { pair.close };
            Err(WrapError::CrossesBracket { position })
        }
        None => Ok(()),
    }
}

/// Joins the text around a removed passage: one space between words, none before closing
/// punctuation or after an opening parenthesis or bracket, none at either end.
fn join_tidily(before: &str, after: &str) -> String {
    let before = before.trim_end();
    let after = after.trim_start();
    let tight = before.is_empty()
        || after.is_empty()
        || after.starts_with([',', ';', '.', ':', '!', '?', ')', ']'])
        || before.ends_with(['(', '[']);
    if tight {
        format!("{before}{after}")
    } else {
        format!("{before} {after}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editors_placeholders_are_no_brackets() {
        for text in [
            "Until [entry into force + 4 years], Member States shall issue them.",
            "Repealed with effect from [date of entry into force + 2 years].",
            "As amended on [date] by Regulation [...] and [insert the number].",
        ] {
            assert_eq!(parse(text), Ok(Vec::new()), "{text}");
            assert!(!has_brackets(text), "{text}");
        }
        let text = "Until [entry into force + 4 years], States shall [strengthen] checks.";
        assert_eq!(parse(text).unwrap().len(), 1);
        assert_eq!(first_bracket(text), Some(49));
        for disputed in ["To meet [within two years].", "To meet [Canada: [date]].", "[...] [date]"]
        {
            assert!(has_brackets(disputed), "{disputed}");
        }
        assert!(has_brackets("To meet [date."));
    }

    #[test]
    fn words_are_found_as_char_offsets_at_their_first_occurrence() {
        let text = "Décide d'agir, et décide encore";
        assert_eq!(words_range(text, "décide"), Some((18, 24)));
        assert_eq!(words_range(text, "agir"), Some((9, 13)));
        assert_eq!(words_range(text, "absent"), None);
        let (start, end) = words_range(text, "agir").unwrap();
        assert_eq!(wrap(text, start, end, &[]).unwrap(), "Décide d'[agir], et décide encore");
    }

    fn bracket(start: usize, end: usize, options: &[&str]) -> Bracket {
        Bracket {
            start,
            end,
            holders: Vec::new(),
            options: options.iter().map(|o| o.to_string()).collect(),
            nested: Vec::new(),
        }
    }

    fn names(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn text_without_brackets() {
        assert_eq!(parse("RECOGNIZING that peace matters;"), Ok(Vec::new()));
        assert_eq!(parse(""), Ok(Vec::new()));
        assert!(!has_brackets("no brackets here"));
        assert_eq!(count("plain"), Ok(BracketCount::default()));
        assert_eq!(validate("plain"), Ok(()));
    }

    #[test]
    fn single_bracket_gives_its_disputed_words() {
        let text = "protect [and promote] human rights";
        assert_eq!(parse(text), Ok(vec![bracket(8, 21, &["and promote"])]));
        assert!(has_brackets(text));
        assert_eq!(count(text), Ok(BracketCount { brackets: 1, options: 0 }));
    }

    #[test]
    fn positions_are_chars_not_bytes() {
        let text = "la sécurité [pública] des États";
        assert_eq!(parse(text), Ok(vec![bracket(12, 21, &["pública"])]));
    }

    #[test]
    fn separate_brackets_are_separate_groups() {
        let text = "[deeply] concerned about [the rise]";
        assert_eq!(
            parse(text),
            Ok(vec![bracket(0, 8, &["deeply"]), bracket(25, 35, &["the rise"])])
        );
    }

    #[test]
    fn slash_alternatives_form_one_group() {
        let text = "to [strengthen / reinforce / consolidate] cooperation";
        assert_eq!(
            parse(text),
            Ok(vec![bracket(3, 41, &["strengthen", "reinforce", "consolidate"])])
        );
        assert_eq!(count(text), Ok(BracketCount { brackets: 1, options: 3 }));
    }

    #[test]
    fn slash_without_surrounding_spaces_is_not_a_separator() {
        let text = "[and/or] [A /B] [A/ B]";
        let groups = parse(text).map(|g| g.into_iter().map(|b| b.options).collect::<Vec<_>>());
        assert_eq!(groups, Ok(vec![names(&["and/or", "A /B", "A/ B"])]));
    }

    #[test]
    fn consecutive_brackets_form_one_group() {
        let text = "the [right to] [duty of]  [need for] peace";
        assert_eq!(parse(text), Ok(vec![bracket(4, 36, &["right to", "duty of", "need for"])]));
        assert_eq!(count(text), Ok(BracketCount { brackets: 1, options: 3 }));
    }

    #[test]
    fn consecutive_brackets_across_a_line_break_form_one_group() {
        let text = "[alt 1]\n[alt 2]";
        assert_eq!(parse(text), Ok(vec![bracket(0, 15, &["alt 1", "alt 2"])]));
    }

    #[test]
    fn both_alternative_forms_combine() {
        let text = "[A / B] [C]";
        assert_eq!(parse(text), Ok(vec![bracket(0, 11, &["A", "B", "C"])]));
    }

    #[test]
    fn attribution_is_split_off() {
        let text = "[Canada: to strengthen] cooperation";
        let expected =
            Bracket { holders: names(&["Canada"]), ..bracket(0, 23, &["to strengthen"]) };
        assert_eq!(parse(text), Ok(vec![expected]));
    }

    #[test]
    fn attribution_with_several_holders() {
        let parsed =
            |text: &str| parse(text).map(|g| g.into_iter().map(|b| b.holders).collect::<Vec<_>>());
        assert_eq!(parsed("[Canada, Mexico: x]"), Ok(vec![names(&["Canada", "Mexico"])]));
        assert_eq!(parsed("[Canada and Mexico: x]"), Ok(vec![names(&["Canada", "Mexico"])]));
        assert_eq!(
            parsed("[Brazil, Chile, and Peru: x]"),
            Ok(vec![names(&["Brazil", "Chile", "Peru"])])
        );
        assert_eq!(
            parsed("[Trinidad and Tobago and Canada: x]"),
            Ok(vec![names(&["Trinidad and Tobago", "Canada"])])
        );
        assert_eq!(
            parsed("[Saint Vincent and the Grenadines, United States of America: x]"),
            Ok(vec![names(&["Saint Vincent and the Grenadines", "United States of America"])])
        );
        assert_eq!(parsed("[The Bahamas: x]"), Ok(vec![names(&["The Bahamas"])]));
    }

    #[test]
    fn attribution_per_alternative() {
        let text = "[Canada: strengthen / Mexico, Peru: reinforce] [Canada: consolidate]";
        let groups = parse(text).unwrap_or_default();
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].holders, names(&["Canada", "Mexico", "Peru"]));
        assert_eq!(groups[0].options, names(&["strengthen", "reinforce", "consolidate"]));
    }

    #[test]
    fn colons_that_are_not_attributions_stay_in_the_option() {
        for text in [
            "[the following: peace]",
            "[Mexico proposes: peace]",
            "[Article 5: peace]",
            "[: peace]",
            "[One Two Three Four Five Six: peace]",
            "[Canada,: peace]",
            "[Canada and: peace]",
        ] {
            let groups = parse(text).unwrap_or_default();
            assert_eq!(groups.len(), 1, "{text}");
            assert!(groups[0].holders.is_empty(), "{text}");
            assert_eq!(groups[0].options, vec![text[1..text.len() - 1].to_string()], "{text}");
        }
    }

    #[test]
    fn nested_brackets() {
        let text = "[to protect [and promote] the [rights / freedoms]] of all";
        let outer = Bracket {
            nested: vec![
                bracket(12, 25, &["and promote"]),
                bracket(30, 49, &["rights", "freedoms"]),
            ],
            ..bracket(0, 50, &["to protect [and promote] the [rights / freedoms]"])
        };
        assert_eq!(parse(text), Ok(vec![outer]));
        assert_eq!(count(text), Ok(BracketCount { brackets: 3, options: 2 }));
    }

    #[test]
    fn slash_inside_nested_bracket_does_not_split_the_outer_one() {
        let text = "[peace [and / or] security / development]";
        let groups = parse(text).unwrap_or_default();
        assert_eq!(groups[0].options, names(&["peace [and / or] security", "development"]));
        assert_eq!(groups[0].nested, vec![bracket(7, 17, &["and", "or"])]);
    }

    #[test]
    fn deep_nesting() {
        let text = "[a [b [c [d]]]]";
        let groups = parse(text).unwrap_or_default();
        let depth = std::iter::successors(groups.first(), |b| b.nested.first()).count();
        assert_eq!(depth, 4);
        assert_eq!(count(text), Ok(BracketCount { brackets: 4, options: 0 }));
    }

    #[test]
    fn pathologically_deep_nesting_is_capped_not_fatal() {
        let depth = 100_000;
        let text = format!("{}x{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(validate(&text), Ok(()));
        assert_eq!(count(&text), Ok(BracketCount { brackets: MAX_NESTING, options: 0 }));
        let kept = resolve(&text, 0, Resolution::Keep { option: 0 }).unwrap_or_default();
        assert_eq!(kept.chars().count(), text.chars().count() - 2);
        assert_eq!(wrap(&text, depth, depth + 1, &[]).map(|w| w.len()), Ok(text.len() + 2));
        let unclosed = format!("{}x", "[".repeat(depth));
        assert_eq!(validate(&unclosed), Err(BracketError::Unclosed { position: 0 }));
    }

    #[test]
    fn unclosed_bracket_reports_where_it_opened() {
        assert_eq!(parse("peace [and security"), Err(BracketError::Unclosed { position: 6 }));
        assert_eq!(validate("[a [b] c"), Err(BracketError::Unclosed { position: 0 }));
        assert_eq!(validate("x [a [b c"), Err(BracketError::Unclosed { position: 2 }));
        assert_eq!(count("é ["), Err(BracketError::Unclosed { position: 2 }));
    }

    #[test]
    fn unopened_bracket_reports_where_it_closed() {
        assert_eq!(parse("peace] and security"), Err(BracketError::Unopened { position: 5 }));
        assert_eq!(validate("[a] b] c ["), Err(BracketError::Unopened { position: 5 }));
        assert_eq!(validate("]["), Err(BracketError::Unopened { position: 0 }));
        assert!(has_brackets("]"));
    }

    #[test]
    fn error_messages_and_positions() {
        let error = BracketError::Unclosed { position: 4 };
        assert_eq!(error.to_string(), "unclosed bracket opened at character 4");
        assert_eq!(error.position(), 4);
        let error = BracketError::Unopened { position: 9 };
        assert_eq!(error.to_string(), "closing bracket at character 9 has no opening bracket");
        assert_eq!(error.position(), 9);
    }

    #[test]
    fn empty_brackets() {
        assert_eq!(parse("a [] b"), Ok(vec![bracket(2, 4, &[""])]));
        assert_eq!(parse("[ / x]"), Ok(vec![bracket(0, 6, &["", "x"])]));
    }

    #[test]
    fn keep_an_alternative() {
        let text = "to [strengthen / reinforce] cooperation";
        let kept = resolve(text, 0, Resolution::Keep { option: 1 });
        assert_eq!(kept.as_deref(), Ok("to reinforce cooperation"));
    }

    #[test]
    fn keep_one_of_consecutive_brackets_drops_its_attribution() {
        let text = "the [Canada: right to] [Mexico: duty of] peace";
        let kept = resolve(text, 0, Resolution::Keep { option: 0 });
        assert_eq!(kept.as_deref(), Ok("the right to peace"));
    }

    #[test]
    fn keep_leaves_nested_brackets_inside_the_option() {
        let text = "[to protect [and promote] rights] of all";
        let kept = resolve(text, 0, Resolution::Keep { option: 0 });
        assert_eq!(kept.as_deref(), Ok("to protect [and promote] rights of all"));
    }

    #[test]
    fn keep_targets_the_indexed_group() {
        let text = "[a] b [c / d] é";
        assert_eq!(resolve(text, 1, Resolution::Keep { option: 1 }).as_deref(), Ok("[a] b d é"));
    }

    #[test]
    fn drop_tidies_the_spaces() {
        let drop = |text: &str| resolve(text, 0, Resolution::Drop);
        assert_eq!(
            drop("protect [and promote] human rights").as_deref(),
            Ok("protect human rights")
        );
        assert_eq!(drop("human rights [and freedoms], and").as_deref(), Ok("human rights, and"));
        assert_eq!(drop("human rights [and freedoms];").as_deref(), Ok("human rights;"));
        assert_eq!(drop("human rights [and freedoms].").as_deref(), Ok("human rights."));
        assert_eq!(drop("[Also] recalling").as_deref(), Ok("recalling"));
        assert_eq!(drop("peace [and security]").as_deref(), Ok("peace"));
        assert_eq!(drop("rights ([in particular]) of").as_deref(), Ok("rights () of"));
        assert_eq!(drop("(see [A] and B)").as_deref(), Ok("(see and B)"));
        assert_eq!(drop("a [x] [y]  b").as_deref(), Ok("a b"));
    }

    #[test]
    fn keep_of_an_empty_option_tidies_like_drop() {
        let text = "peace [ / and security] , now";
        assert_eq!(resolve(text, 0, Resolution::Keep { option: 0 }).as_deref(), Ok("peace, now"));
    }

    #[test]
    fn resolve_errors() {
        assert_eq!(
            resolve("[a] [b", 0, Resolution::Drop),
            Err(ResolveError::Brackets(BracketError::Unclosed { position: 4 }))
        );
        assert_eq!(
            resolve("[a] b [c]", 2, Resolution::Drop),
            Err(ResolveError::NoSuchBracket { index: 2, count: 2 })
        );
        assert_eq!(
            resolve("no brackets", 0, Resolution::Drop),
            Err(ResolveError::NoSuchBracket { index: 0, count: 0 })
        );
        assert_eq!(
            resolve("[a / b]", 0, Resolution::Keep { option: 2 }),
            Err(ResolveError::NoSuchOption { option: 2, options: 2 })
        );
    }

    #[test]
    fn resolution_serializes_with_an_action_tag() {
        let keep = serde_json::to_value(Resolution::Keep { option: 1 }).ok();
        assert_eq!(keep, Some(serde_json::json!({ "action": "keep", "option": 1 })));
        let drop = serde_json::to_value(Resolution::Drop).ok();
        assert_eq!(drop, Some(serde_json::json!({ "action": "drop" })));
    }

    #[test]
    fn wrap_a_selection() {
        let text = "to protect and promote human rights";
        assert_eq!(wrap(text, 11, 22, &[]).as_deref(), Ok("to protect [and promote] human rights"));
    }

    #[test]
    fn wrap_with_holders_round_trips_through_parse() {
        let text = "to protect and promote human rights";
        let holders = names(&["Canada", "Trinidad and Tobago"]);
        let wrapped = wrap(text, 11, 22, &holders);
        assert_eq!(
            wrapped.as_deref(),
            Ok("to protect [Canada, Trinidad and Tobago: and promote] human rights")
        );
        let groups = parse(&wrapped.unwrap_or_default()).unwrap_or_default();
        assert_eq!(groups[0].holders, holders);
        assert_eq!(groups[0].options, names(&["and promote"]));
    }

    #[test]
    fn wrap_trims_whitespace_and_widens_to_words() {
        let text = "to protect and promote human rights";
        assert_eq!(wrap(text, 10, 23, &[]).as_deref(), Ok("to protect [and promote] human rights"));
        assert_eq!(wrap(text, 12, 19, &[]).as_deref(), Ok("to protect [and promote] human rights"));
        assert_eq!(wrap("é ab", 3, 4, &[]).as_deref(), Ok("é [ab]"));
    }

    #[test]
    fn wrap_may_enclose_or_sit_inside_existing_brackets() {
        assert_eq!(wrap("a [b] c d", 0, 7, &[]).as_deref(), Ok("[a [b] c] d"));
        assert_eq!(wrap("[a b c]", 3, 4, &[]).as_deref(), Ok("[a [b] c]"));
    }

    #[test]
    fn wrap_rejects_bad_selections() {
        let text = "peace and security";
        assert_eq!(
            wrap(text, 5, 30, &[]),
            Err(WrapError::OutOfRange { start: 5, end: 30, len: 18 })
        );
        assert_eq!(wrap(text, 9, 5, &[]), Err(WrapError::OutOfRange { start: 9, end: 5, len: 18 }));
        assert_eq!(wrap(text, 4, 4, &[]), Err(WrapError::EmptySelection));
        assert_eq!(wrap(text, 5, 6, &[]), Err(WrapError::EmptySelection));
        assert_eq!(wrap("", 0, 0, &[]), Err(WrapError::EmptySelection));
    }

    #[test]
    fn wrap_rejects_crossing_an_existing_bracket() {
        let text = "peace [and security] now";
        assert_eq!(wrap(text, 0, 10, &[]), Err(WrapError::CrossesBracket { position: 6 }));
        assert_eq!(wrap(text, 11, 24, &[]), Err(WrapError::CrossesBracket { position: 19 }));
        assert_eq!(wrap("[a [b] c]", 4, 9, &[]), Err(WrapError::CrossesBracket { position: 8 }));
    }

    #[test]
    fn wrap_rejects_touching_an_existing_bracket() {
        assert_eq!(
            wrap("[deeply] concerned", 9, 18, &[]),
            Err(WrapError::AdjacentBracket { position: 7 })
        );
        assert_eq!(
            wrap("deeply [concerned]", 0, 6, &[]),
            Err(WrapError::AdjacentBracket { position: 7 })
        );
    }

    #[test]
    fn wrap_rejects_unbalanced_text_and_bad_holders() {
        assert_eq!(
            wrap("a ] b", 0, 1, &[]),
            Err(WrapError::Brackets(BracketError::Unopened { position: 2 }))
        );
        for holder in ["", "canada", "Canada: x", "Canada, Mexico", "Canada and Mexico", "[Peru]"] {
            assert_eq!(
                wrap("peace", 0, 5, &names(&[holder])),
                Err(WrapError::InvalidHolder { holder: holder.to_string() }),
                "{holder}"
            );
        }
    }

    #[test]
    fn split_attribution_gives_the_byte_offset_after_the_colon() {
        assert_eq!(split_attribution("Perú: x"), Some((names(&["Perú"]), 6)));
        assert_eq!(split_attribution("no colon"), None);
    }

    #[test]
    fn parsing_never_panics_on_odd_input() {
        for text in
            ["[", "]", "[]", "[[]]", "[ / ]", "[/]", " / ", "[a /", "[:]", "[,:]", "[ and : x]"]
        {
            let _ = parse(text);
            let _ = count(text);
            let _ = resolve(text, 0, Resolution::Drop);
            let _ = resolve(text, 0, Resolution::Keep { option: 0 });
            let len = text.chars().count();
            for start in 0..=len {
                for end in 0..=len + 1 {
                    let _ = wrap(text, start, end, &[]);
                }
            }
        }
    }

    #[test]
    fn corpus_style_paragraph() {
        let text =
            "2. The [obligation / responsibility] of states to develop [Canada: and implement] \
                    public policies.";
        assert_eq!(count(text), Ok(BracketCount { brackets: 2, options: 2 }));
        let dropped = resolve(text, 1, Resolution::Drop).unwrap_or_default();
        let kept = resolve(&dropped, 0, Resolution::Keep { option: 0 }).unwrap_or_default();
        assert_eq!(kept, "2. The obligation of states to develop public policies.");
    }
}
