//! Proposals: what delegations ask for, attributed to them, before the chair decides.
//!
//! A proposal never changes the text by itself. It records what it was made on (the round, and for
//! an amendment the paragraph's text then) so that it can be *rebased* onto the text as it stands
//! now: an amendment still applies when the words it changes are still there, wherever they moved
//! inside the paragraph; otherwise it is flagged as outdated. Two amendments that touch the same
//! words of a paragraph are in conflict, and the chair may turn them into alternatives `[A / B]`.
//!
//! This module is pure: the store keeps proposals in the file ([`crate::store`]), and
//! [`ProposalsFile`] is what a delegation sends to the chair.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;
use uuid::Uuid;

use crate::model::{ParagraphId, ParagraphKind};
use crate::{Error, Result};

/// Stable identity of a proposal, the same in every file it travels through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export, type = "string")]
pub struct ProposalId(pub Uuid);

impl ProposalId {
    /// A fresh random id.
    pub fn new() -> Self {
        Self(Uuid::new_v4())
    }

    /// An id derived from content, so that reading the same source twice gives the same id.
    pub fn derived(content: &[u8]) -> Self {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(content);
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        Self(uuid::Builder::from_custom_bytes(bytes).into_uuid())
    }
}

impl Default for ProposalId {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Display for ProposalId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for ProposalId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Self)
    }
}

/// One change of words: chars `start..end` of a text replaced by `new` (`old` is what they were).
/// An insertion has `start == end`, a deletion an empty `new`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Hunk {
    pub start: usize,
    pub end: usize,
    pub old: String,
    pub new: String,
}

impl Hunk {
    /// A hunk that changes nothing yet, at char `at`.
    fn at(at: usize) -> Self {
        Self { start: at, end: at, old: String::new(), new: String::new() }
    }
}

/// What a delegation asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum ProposalChange {
    /// Insert, delete or replace words of a paragraph.
    Amend {
        paragraph: ParagraphId,
        /// The paragraph's working label when the proposal was made ("OP7").
        label: String,
        /// The paragraph's text the hunks apply to.
        base: String,
        hunks: Vec<Hunk>,
    },
    /// A new paragraph, after `after` (at the end when none).
    Insert { kind: ParagraphKind, text: String, after: Option<ParagraphId>, after_label: String },
    /// Delete a whole paragraph.
    Delete { paragraph: ParagraphId, label: String, base: String },
    /// Bracket words of a paragraph (chars `start..end` of `base`), or the whole paragraph.
    Bracket { paragraph: ParagraphId, label: String, base: String, start: usize, end: usize },
    /// Place (or lift) the proposing delegation's own ad referendum on a paragraph.
    AdReferendum { paragraph: ParagraphId, label: String, place: bool },
    /// A comment on a paragraph, or on the whole text.
    Comment { paragraph: Option<ParagraphId>, label: String, text: String },
}

impl ProposalChange {
    /// The paragraph the proposal is about, if any (a new paragraph is about the one it follows).
    pub fn paragraph(&self) -> Option<ParagraphId> {
        match self {
            Self::Amend { paragraph, .. }
            | Self::Delete { paragraph, .. }
            | Self::Bracket { paragraph, .. }
            | Self::AdReferendum { paragraph, .. } => Some(*paragraph),
            Self::Insert { after, .. } => *after,
            Self::Comment { paragraph, .. } => *paragraph,
        }
    }

    /// The working label of that paragraph when the proposal was made.
    pub fn label(&self) -> &str {
        match self {
            Self::Amend { label, .. }
            | Self::Delete { label, .. }
            | Self::Bracket { label, .. }
            | Self::AdReferendum { label, .. }
            | Self::Comment { label, .. } => label,
            Self::Insert { after_label, .. } => after_label,
        }
    }

    /// A short description in the words of the room: "replace \"crime\" by \"organized crime\"".
    pub fn describe(&self) -> String {
        match self {
            Self::Amend { hunks, .. } => {
                hunks.iter().map(describe_hunk).collect::<Vec<_>>().join("; ")
            }
            Self::Insert { text, after_label, .. } if after_label.is_empty() => {
                format!("new paragraph: \"{text}\"")
            }
            Self::Insert { text, after_label, .. } => {
                format!("new paragraph after {after_label}: \"{text}\"")
            }
            Self::Delete { .. } => "delete the paragraph".to_string(),
            Self::Bracket { base, start, end, .. } => {
                let words = char_slice(base, *start, *end);
                if words.trim().is_empty() || words == base.as_str() {
                    "bracket the whole paragraph".to_string()
                } else {
                    format!("bracket \"{}\"", words.trim())
                }
            }
            Self::AdReferendum { place: true, .. } => "agree ad referendum".to_string(),
            Self::AdReferendum { place: false, .. } => "lift its ad referendum".to_string(),
            Self::Comment { text, .. } => format!("comment: {text}"),
        }
    }
}

/// A hunk in words: an insertion, a deletion, or a replacement — except where the new words
/// keep the old ones whole at their start or end ("comprehensive" → "comprehensive,
/// evidence-based"), which is an addition and is said as one.
fn describe_hunk(h: &Hunk) -> String {
    let (old, new) = (h.old.trim(), h.new.trim());
    if old.is_empty() {
        return format!("insert \"{new}\"");
    }
    if new.is_empty() {
        return format!("delete \"{old}\"");
    }
    if let Some(added) = new.strip_prefix(old).filter(|rest| !rest.trim().is_empty()) {
        return format!("insert \"{}\" after \"{old}\"", added.trim());
    }
    if let Some(added) = new.strip_suffix(old).filter(|rest| !rest.trim().is_empty()) {
        return format!("insert \"{}\" before \"{old}\"", added.trim());
    }
    format!("replace \"{old}\" by \"{new}\"")
}

/// Where a proposal stands with the chair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProposalState {
    /// Waiting for the chair.
    Open,
    /// Taken into the text (or, for a comment, noted).
    Accepted,
    Rejected,
    /// Turned into an alternative of an inline bracket.
    Bracketed,
    /// Withdrawn by its delegation.
    Withdrawn,
}

impl ProposalState {
    /// The snake_case name used in the file and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::Bracketed => "bracketed",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Accepted, Self::Rejected, Self::Bracketed, Self::Withdrawn]
            .into_iter()
            .find(|state| state.as_str() == s)
    }
}

/// A delegation's position on another's proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Stance {
    Support,
    Oppose,
}

impl Stance {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Support => "support",
            Self::Oppose => "oppose",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Support, Self::Oppose].into_iter().find(|stance| stance.as_str() == s)
    }
}

/// A proposal as delegations exchange it and the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Proposal {
    pub id: ProposalId,
    /// The proposing delegation.
    pub delegation: String,
    /// The round whose text it was made on.
    pub round: u32,
    pub made_at: DateTime<Utc>,
    pub change: ProposalChange,
    /// Why: the delegation's explanation, if it gave one.
    pub note: String,
}

/// A position taken on a proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StanceRecord {
    pub proposal: ProposalId,
    pub delegation: String,
    pub stance: Stance,
}

/// The file a delegation sends to the chair: its proposals, tied to the text they were made on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalsFile {
    /// Always [`ProposalsFile::FORMAT`].
    pub format: String,
    pub version: u32,
    /// The negotiation's id: proposals are refused by another negotiation.
    pub negotiation: Uuid,
    pub title: String,
    pub delegation: String,
    /// The round the delegation worked on, its label and the fingerprint of its text then.
    pub round: u32,
    pub round_label: String,
    pub fingerprint: String,
    pub exported_at: DateTime<Utc>,
    pub proposals: Vec<Proposal>,
    pub stances: Vec<StanceRecord>,
    /// Its proposals it has withdrawn: the chair's desk closes them (version 2 on).
    #[serde(default)]
    pub withdrawn: Vec<ProposalId>,
    /// Proposals on which it no longer takes a position (version 2 on).
    #[serde(default)]
    pub cleared_stances: Vec<ProposalId>,
    /// The delegation's Ed25519 signature of the file (with this field empty), as hex: made by
    /// the copy the chair circulated to it, checked at the chair's desk.
    #[serde(default)]
    pub signature: String,
}

impl ProposalsFile {
    /// The value of `format`.
    pub const FORMAT: &'static str = "accord-proposals";
    /// The version this build writes and reads (2 adds withdrawals, cleared positions and the
    /// signature; a version-1 file reads as having none, and is refused as unsigned).
    pub const VERSION: u32 = 2;
    /// The largest proposals file read (10 MB): thousands of proposals, not a file chosen by mistake.
    pub const MAX_BYTES: usize = 10_000_000;

    /// The file as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("proposals serialize")
    }

    /// Reads a proposals file from disk, refusing anything that is not one.
    pub fn read(path: &std::path::Path) -> Result<Self> {
        let size = std::fs::metadata(path)?.len();
        if size > Self::MAX_BYTES as u64 {
            return Err(Error::ProposalsFile("it is larger than 10 MB".into()));
        }
        Self::from_bytes(&std::fs::read(path)?)
    }

    /// Writes the file (as JSON) to disk.
    pub fn write(&self, path: &std::path::Path) -> Result<()> {
        std::fs::write(path, self.to_json())?;
        Ok(())
    }

    /// Reads a proposals file, refusing anything that is not one.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let invalid = |why: &str| Error::ProposalsFile(why.to_string());
        if bytes.len() > Self::MAX_BYTES {
            return Err(invalid("it is larger than 10 MB"));
        }
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|_| invalid("it is not a JSON document"))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(Self::FORMAT) {
            return Err(invalid("it is not an Accord proposals file"));
        }
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version > u64::from(Self::VERSION) {
            return Err(invalid("it was written by a newer version of Accord"));
        }
        let file: Self =
            serde_json::from_value(value).map_err(|e| invalid(&format!("it is damaged ({e})")))?;
        for p in &file.proposals {
            if p.delegation != file.delegation {
                return Err(invalid("it holds proposals of another delegation"));
            }
            validate(&p.change).map_err(|why| invalid(&why))?;
        }
        Ok(file)
    }
}

/// Checks that a change is internally consistent: hunks inside their base text, in order, and
/// saying what the base says.
pub fn validate(change: &ProposalChange) -> Result<(), String> {
    match change {
        ProposalChange::Amend { base, hunks, .. } => {
            if hunks.is_empty() {
                return Err("an amendment changes nothing".into());
            }
            let len = base.chars().count();
            let mut previous_end = 0;
            for h in hunks {
                if h.start > h.end || h.end > len || h.start < previous_end {
                    return Err("an amendment's changes are out of place".into());
                }
                if char_slice(base, h.start, h.end) != h.old {
                    return Err("an amendment does not match the text it was made on".into());
                }
                if h.old == h.new {
                    return Err("an amendment changes nothing".into());
                }
                previous_end = h.end;
            }
            Ok(())
        }
        ProposalChange::Bracket { base, start, end, .. } => {
            if start > end || *end > base.chars().count() {
                return Err("a bracket request is out of place".into());
            }
            Ok(())
        }
        ProposalChange::Insert { text, .. } if text.trim().is_empty() => {
            Err("a new paragraph has no text".into())
        }
        ProposalChange::Comment { text, .. } if text.trim().is_empty() => {
            Err("a comment is empty".into())
        }
        _ => Ok(()),
    }
}

/// The hunks that turn `base` into `proposed`, word by word.
pub fn hunks(base: &str, proposed: &str) -> Vec<Hunk> {
    let diff = TextDiff::configure().diff_words(base, proposed);
    let mut out: Vec<Hunk> = Vec::new();
    let mut at = 0;
    let mut open: Option<Hunk> = None;
    for change in diff.iter_all_changes() {
        let value = change.value();
        let len = value.chars().count();
        match change.tag() {
            ChangeTag::Equal => {
                out.extend(open.take());
                at += len;
            }
            ChangeTag::Delete => {
                let h = open.get_or_insert_with(|| Hunk::at(at));
                h.old.push_str(value);
                h.end += len;
                at += len;
            }
            ChangeTag::Insert => {
                let h = open.get_or_insert_with(|| Hunk::at(at));
                h.new.push_str(value);
            }
        }
    }
    out.extend(open);
    out
}

/// `text` with the hunks applied (they must be in order and not overlap).
pub fn apply(text: &str, hunks: &[Hunk]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for h in hunks {
        out.extend(&chars[at..h.start]);
        out.push_str(&h.new);
        at = h.end;
    }
    out.extend(&chars[at..]);
    tidy_spaces(&out)
}

/// Collapses the double spaces and space-before-punctuation a deletion can leave behind.
fn tidy_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let last = out.chars().last();
        match (last, c) {
            (Some(' '), ' ') => {}
            (Some(' '), ',' | ';' | '.' | ':') => {
                out.pop();
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Moves hunks made on `base` onto `current`: each hunk still applies when the words it changes
/// (and, for an insertion, its place) are untouched in `current`. Returns the moved hunks, or
/// `None` when any of them no longer applies.
pub fn rebase(base: &str, hunks: &[Hunk], current: &str) -> Option<Vec<Hunk>> {
    if base == current {
        return Some(hunks.to_vec());
    }
    let map = PositionMap::new(base, current);
    hunks
        .iter()
        .map(|h| {
            let start = map.map(h.start, h.start == h.end)?;
            let end = if h.start == h.end { start } else { map.map_end(h.end)? };
            let (anchor_start, anchor_end) = anchor(base, h);
            let kept = map.unchanged(anchor_start, anchor_end);
            (end - start == h.end - h.start && kept).then(|| Hunk {
                start,
                end,
                old: h.old.clone(),
                new: h.new.clone(),
            })
        })
        .collect()
}

/// The chars a hunk stands on: its own words, and for an insertion the words either side of it,
/// which must still be there for the insertion to mean what it meant.
fn anchor(base: &str, h: &Hunk) -> (usize, usize) {
    if h.start < h.end {
        return (h.start, h.end);
    }
    let chars: Vec<char> = base.chars().collect();
    let mut start = h.start;
    while start > 0 && chars[start - 1].is_whitespace() {
        start -= 1;
    }
    while start > 0 && !chars[start - 1].is_whitespace() {
        start -= 1;
    }
    let mut end = h.start;
    while end < chars.len() && chars[end].is_whitespace() {
        end += 1;
    }
    while end < chars.len() && !chars[end].is_whitespace() {
        end += 1;
    }
    (start, end)
}

/// Maps char positions of one text onto another through the words they share.
struct PositionMap {
    /// Runs of equal text: (start in old, start in new, length), in order.
    equal: Vec<(usize, usize, usize)>,
}

impl PositionMap {
    fn new(old: &str, new: &str) -> Self {
        let diff = TextDiff::configure().diff_words(old, new);
        let (mut o, mut n) = (0, 0);
        let mut equal: Vec<(usize, usize, usize)> = Vec::new();
        for change in diff.iter_all_changes() {
            let len = change.value().chars().count();
            match change.tag() {
                ChangeTag::Equal => {
                    match equal.last_mut() {
                        Some(run) if run.0 + run.2 == o && run.1 + run.2 == n => run.2 += len,
                        _ => equal.push((o, n, len)),
                    }
                    o += len;
                    n += len;
                }
                ChangeTag::Delete => o += len,
                ChangeTag::Insert => n += len,
            }
        }
        Self { equal }
    }

    /// Where old position `p` is in the new text, when it lies in (or, for an insertion point,
    /// at either edge of) an unchanged run.
    fn map(&self, p: usize, point: bool) -> Option<usize> {
        self.equal
            .iter()
            .find(
                |(o, _, len)| if point { *o <= p && p <= o + len } else { *o <= p && p < o + len },
            )
            .map(|(o, n, _)| n + (p - o))
    }

    /// Where an old end position (exclusive) is in the new text.
    fn map_end(&self, p: usize) -> Option<usize> {
        self.equal.iter().find(|(o, _, len)| *o < p && p <= o + len).map(|(o, n, _)| n + (p - o))
    }

    /// Whether old chars `start..end` all lie in one unchanged run.
    fn unchanged(&self, start: usize, end: usize) -> bool {
        start == end || self.equal.iter().any(|(o, _, len)| *o <= start && end <= o + len)
    }
}

/// Whether two sets of hunks on the same text touch the same words.
pub fn overlapping(a: &[Hunk], b: &[Hunk]) -> bool {
    a.iter().any(|x| b.iter().any(|y| hunks_overlap(x, y)))
}

fn hunks_overlap(x: &Hunk, y: &Hunk) -> bool {
    match (x.start == x.end, y.start == y.end) {
        (true, true) => x.start == y.start,
        (true, false) => y.start <= x.start && x.start <= y.end,
        (false, true) => x.start <= y.start && y.start <= x.end,
        (false, false) => x.start < y.end && y.start < x.end,
    }
}

/// Chars `start..end` of `text`.
pub fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

/// Turns competing amendments of one text into one inline bracket of alternatives:
/// the smallest run of whole words covering every change, written `[A / B]` (with the current
/// words first when `keep_current`). Returns the new text and the chars of the bracket in it.
pub fn alternatives(
    current: &str,
    competing: &[Vec<Hunk>],
    keep_current: bool,
) -> Option<(String, usize, usize)> {
    let chars: Vec<char> = current.chars().collect();
    let all = competing.iter().flatten();
    let mut start = all.clone().map(|h| h.start).min()?;
    let mut end = all.map(|h| h.end).max()?;
    let is_word = |c: char| !c.is_whitespace();
    while start > 0 && is_word(chars[start - 1]) {
        start -= 1;
    }
    while end < chars.len() && is_word(chars[end]) {
        end += 1;
    }
    let option = |hunks: &[Hunk]| -> String {
        let local: Vec<Hunk> = hunks
            .iter()
            .map(|h| Hunk { start: h.start - start, end: h.end - start, ..h.clone() })
            .collect();
        apply(&char_slice(current, start, end), &local)
    };
    let mut options: Vec<String> = Vec::new();
    let original = char_slice(current, start, end).trim().to_string();
    if keep_current && !original.is_empty() {
        options.push(original);
    }
    for hunks in competing {
        let text = option(hunks);
        if !options.contains(&text) {
            options.push(text);
        }
    }
    if options.len() < 2 || options.iter().any(|o| o.is_empty()) {
        return None;
    }
    let before: String = chars[..start].iter().collect();
    let after: String = chars[end..].iter().collect();
    let bracket = format!("[{}]", options.join(" / "));
    let bracket_start = before.chars().count();
    let bracket_end = bracket_start + bracket.chars().count();
    Some((format!("{before}{bracket}{after}"), bracket_start, bracket_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "Strengthen cooperation to combat crime in the region;";

    #[test]
    fn hunks_turn_the_base_into_the_proposal_and_back_to_its_words() {
        let proposed = "Strengthen regional cooperation to combat organized crime;";
        let hs = hunks(BASE, proposed);
        assert_eq!(apply(BASE, &hs), proposed);
        assert!(hs.iter().all(|h| char_slice(BASE, h.start, h.end) == h.old));
        let change = ProposalChange::Amend {
            paragraph: ParagraphId::new(),
            label: "OP1".into(),
            base: BASE.into(),
            hunks: hs,
        };
        assert_eq!(validate(&change), Ok(()));
        assert!(change.describe().contains("insert \"regional\""), "{}", change.describe());
    }

    #[test]
    fn an_addition_is_described_as_one_not_as_a_replacement() {
        let base = "A comprehensive approach;";
        let describe = |proposed: &str| {
            let change = ProposalChange::Amend {
                paragraph: ParagraphId::new(),
                label: "OP1".into(),
                base: base.into(),
                hunks: hunks(base, proposed),
            };
            change.describe()
        };
        assert_eq!(
            describe("A comprehensive, evidence-based approach;"),
            "insert \", evidence-based\" after \"comprehensive\""
        );
        assert_eq!(describe("A broad approach;"), "replace \"comprehensive\" by \"broad\"");
    }

    #[test]
    fn a_deletion_leaves_tidy_spaces() {
        let hs = hunks(BASE, "Strengthen cooperation to combat crime;");
        assert_eq!(apply(BASE, &hs), "Strengthen cooperation to combat crime;");
        let del = Hunk { start: 10, end: 22, old: " cooperation".into(), new: String::new() };
        assert_eq!(apply(BASE, &[del]), "Strengthen to combat crime in the region;");
    }

    #[test]
    fn rebase_follows_words_that_moved_inside_the_paragraph() {
        let hs = hunks(BASE, "Strengthen cooperation to combat organized crime in the region;");
        let current = "Further strengthen cooperation to combat crime in the Americas;";
        let moved = rebase(BASE, &hs, current).expect("the words are still there");
        assert_eq!(
            apply(current, &moved),
            "Further strengthen cooperation to combat organized crime in the Americas;"
        );
    }

    #[test]
    fn rebase_flags_a_hunk_whose_words_were_changed() {
        let hs = hunks(BASE, "Strengthen cooperation to combat organized crime in the region;");
        let current = "Strengthen cooperation to fight transnational crime in the region;";
        assert_eq!(rebase(BASE, &hs, current), None, "the word before the insertion changed");
        let later = hunks(BASE, "Strengthen cooperation to combat crime in the whole region;");
        let moved = rebase(BASE, &later, current).expect("untouched words");
        assert_eq!(
            apply(current, &moved),
            "Strengthen cooperation to fight transnational crime in the whole region;"
        );
        let deleted_words = hunks(BASE, "Strengthen cooperation to combat crime;");
        let current = "Strengthen cooperation to combat crime in the whole region;";
        assert_eq!(rebase(BASE, &deleted_words, current), None);
    }

    #[test]
    fn overlapping_hunks_conflict_and_distant_ones_do_not() {
        let a = hunks(BASE, "Strengthen cooperation to combat organized crime in the region;");
        let b = hunks(BASE, "Strengthen cooperation to combat transnational crime in the region;");
        let c = hunks(BASE, "Strengthen cooperation to combat crime in the Americas;");
        assert!(overlapping(&a, &b));
        assert!(!overlapping(&a, &c));
        let replace_crime = hunks(BASE, "Strengthen cooperation to combat violence in the region;");
        assert!(overlapping(&a, &replace_crime), "an insertion inside replaced words conflicts");
    }

    #[test]
    fn alternatives_become_one_bracket_of_whole_words() {
        let a = hunks(BASE, "Strengthen cooperation to combat organized crime in the region;");
        let b = hunks(BASE, "Strengthen cooperation to combat transnational crime in the region;");
        let (text, start, end) = alternatives(BASE, &[a.clone(), b.clone()], false).unwrap();
        assert_eq!(
            text,
            "Strengthen cooperation to combat [organized crime / transnational crime] in the region;"
        );
        assert_eq!(char_slice(&text, start, end), "[organized crime / transnational crime]");
        crate::brackets::validate(&text).unwrap();
        let (with_current, ..) = alternatives(BASE, &[a, b], true).unwrap();
        assert!(with_current.contains("[crime / organized crime / transnational crime]"));
    }

    #[test]
    fn a_deleting_alternative_widens_to_keep_every_option_readable() {
        let a = hunks(BASE, "Strengthen cooperation to combat crime;");
        let b = hunks(BASE, "Strengthen cooperation to combat crime in the Americas;");
        let (text, ..) = alternatives(BASE, &[a, b], true).unwrap();
        assert!(text.contains(" / "), "{text}");
        assert!(alternatives(BASE, &[hunks(BASE, "Strengthen cooperation to combat;")], false)
            .is_none());
    }

    #[test]
    fn the_exchange_file_reads_back_and_refuses_what_is_not_one() {
        let file = ProposalsFile {
            format: ProposalsFile::FORMAT.into(),
            version: ProposalsFile::VERSION,
            negotiation: Uuid::new_v4(),
            title: "Draft".into(),
            delegation: "Canada".into(),
            round: 2,
            round_label: "rev.1".into(),
            fingerprint: "ab".repeat(32),
            exported_at: Utc::now(),
            proposals: vec![Proposal {
                id: ProposalId::new(),
                delegation: "Canada".into(),
                round: 2,
                made_at: Utc::now(),
                change: ProposalChange::Comment {
                    paragraph: None,
                    label: String::new(),
                    text: "<script>alert(1)</script>".into(),
                },
                note: String::new(),
            }],
            stances: Vec::new(),
            withdrawn: Vec::new(),
            cleared_stances: Vec::new(),
            signature: String::new(),
        };
        assert_eq!(ProposalsFile::from_bytes(file.to_json().as_bytes()).unwrap(), file);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("canada.proposals.json");
        file.write(&path).unwrap();
        assert_eq!(ProposalsFile::read(&path).unwrap(), file);
        assert_eq!(ProposalsFile::read(&dir.path().join("none")).unwrap_err().code(), "io");
        for bad in [&b"not json"[..], b"{\"format\": \"other\"}", b"\x00\x01PK"] {
            assert_eq!(ProposalsFile::from_bytes(bad).unwrap_err().code(), "proposals_file");
        }
        let mut foreign = file.clone();
        foreign.proposals[0].delegation = "Mexico".into();
        assert!(ProposalsFile::from_bytes(foreign.to_json().as_bytes()).is_err());
        let mut newer = serde_json::to_value(&file).unwrap();
        newer["version"] = 99.into();
        let err = ProposalsFile::from_bytes(newer.to_string().as_bytes()).unwrap_err();
        assert!(err.to_string().contains("newer version"));
    }

    #[test]
    fn derived_ids_are_stable() {
        assert_eq!(ProposalId::derived(b"x"), ProposalId::derived(b"x"));
        assert_ne!(ProposalId::derived(b"x"), ProposalId::derived(b"y"));
    }
}
