//! Comparison of two rounds: paragraphs aligned by stable id, then a word-level diff of their text.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, TextDiff};
use ts_rs::TS;

use crate::model::{NumberedParagraph, ParagraphId, ParagraphKind, Status, StatusKind};

/// A paragraph as it stood on one side of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParagraphSide {
    /// Clean number in that round: "7", "(a)"; none for unnumbered or deleted paragraphs.
    pub number: Option<String>,
    /// Working label in that round: "OP7bis".
    pub label: String,
    pub kind: ParagraphKind,
    pub status: Status,
    pub text: String,
}

/// Whether a span of text is common to both rounds, new, or gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SpanOp {
    Equal,
    Insert,
    Delete,
}

/// A run of words with one fate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TextSpan {
    pub op: SpanOp,
    pub text: String,
}

/// What happened to one paragraph between two rounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParagraphChange {
    pub id: ParagraphId,
    /// The paragraph in the earlier round; none if it was added since.
    pub old: Option<ParagraphSide>,
    /// The paragraph in the later round; none if it no longer exists there.
    pub new: Option<ParagraphSide>,
    pub added: bool,
    pub deleted: bool,
    /// Its place relative to the other paragraphs changed.
    pub moved: bool,
    /// Its clean number changed (OP7 became OP8).
    pub renumbered: bool,
    pub kind_changed: bool,
    pub status_changed: bool,
    pub text_changed: bool,
    /// The text as a word-level diff from old to new (all `equal` when unchanged).
    pub spans: Vec<TextSpan>,
    /// Where an added paragraph came from or where a deleted one went, when a revision split or
    /// merged paragraphs: "split from OP7", "merged into OP8".
    #[serde(default)]
    pub lineage: Option<String>,
}

impl ParagraphChange {
    /// Whether anything at all changed.
    pub fn is_change(&self) -> bool {
        self.added
            || self.deleted
            || self.moved
            || self.renumbered
            || self.kind_changed
            || self.status_changed
            || self.text_changed
    }
}

/// How many paragraphs changed in each way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DiffStats {
    pub added: usize,
    pub deleted: usize,
    pub moved: usize,
    pub renumbered: usize,
    pub kind_changed: usize,
    pub status_changed: usize,
    pub text_changed: usize,
    pub unchanged: usize,
}

/// The comparison of two rounds, in the later round's order with removed paragraphs kept in place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoundDiff {
    pub from: u32,
    pub to: u32,
    pub changes: Vec<ParagraphChange>,
    pub stats: DiffStats,
}

const WORD_DIFF_TIMEOUT: Duration = Duration::from_millis(250);

/// Compares the text of two rounds.
pub fn diff_rounds(
    from: u32,
    old: &[NumberedParagraph],
    to: u32,
    new: &[NumberedParagraph],
) -> RoundDiff {
    diff_with(from, old, to, new, |_, _, _| None)
}

/// The form of a comparison stored in the file: its figures and the word diffs of the paragraphs
/// whose text changed. Everything else is cheap to recompute from the two rounds' texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredDiff {
    pub from: u32,
    pub to: u32,
    pub stats: DiffStats,
    /// Word diffs in full, as comparisons closed before schema 11 stored them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub word_diffs: Vec<(ParagraphId, Vec<TextSpan>)>,
    /// Word diffs as the lengths of their runs (see [`runs`]); the words are the two rounds'.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub word_runs: Vec<(ParagraphId, String)>,
}

impl RoundDiff {
    /// What the file keeps of this comparison (see [`StoredDiff`]).
    pub fn to_stored(&self) -> StoredDiff {
        let mut stored = StoredDiff {
            from: self.from,
            to: self.to,
            stats: self.stats.clone(),
            word_diffs: Vec::new(),
            word_runs: Vec::new(),
        };
        for change in self.changes.iter().filter(|c| c.text_changed) {
            let runs = runs(&change.spans);
            match from_runs(&runs, side_text(&change.old), side_text(&change.new)) {
                Some(spans) if spans == change.spans => stored.word_runs.push((change.id, runs)),
                _ => stored.word_diffs.push((change.id, change.spans.clone())),
            }
        }
        stored
    }
}

/// Word spans as the byte lengths of their runs: `=12-3+5` is 12 bytes common to both texts, 3
/// of the old one gone, 5 of the new one added. The texts themselves give the words back.
fn runs(spans: &[TextSpan]) -> String {
    let mark = |op| match op {
        SpanOp::Equal => '=',
        SpanOp::Delete => '-',
        SpanOp::Insert => '+',
    };
    spans.iter().map(|s| format!("{}{}", mark(s.op), s.text.len())).collect()
}

/// The spans [`runs`] describes, cut from the two texts; none when they do not fit them.
fn from_runs(runs: &str, old: &str, new: &str) -> Option<Vec<TextSpan>> {
    let (mut at_old, mut at_new, mut spans) = (0usize, 0usize, Vec::new());
    let mut rest = runs;
    while let Some(mark) = rest.chars().next() {
        let digits = rest.get(1..)?;
        let end = digits.find(['=', '-', '+']).unwrap_or(digits.len());
        let len: usize = digits[..end].parse().ok()?;
        rest = &digits[end..];
        let (old_end, new_end) = (at_old.checked_add(len)?, at_new.checked_add(len)?);
        let (op, text) = match mark {
            '=' if old.get(at_old..old_end)? == new.get(at_new..new_end)? => {
                (SpanOp::Equal, &old[at_old..old_end])
            }
            '-' => (SpanOp::Delete, old.get(at_old..old_end)?),
            '+' => (SpanOp::Insert, new.get(at_new..new_end)?),
            _ => return None,
        };
        at_old += if op == SpanOp::Insert { 0 } else { len };
        at_new += if op == SpanOp::Delete { 0 } else { len };
        spans.push(TextSpan { op, text: text.to_string() });
    }
    (at_old == old.len() && at_new == new.len()).then_some(spans)
}

/// Rebuilds the full comparison from a stored one and the texts of the two rounds, reusing the
/// stored word diffs.
pub fn expand(
    stored: StoredDiff,
    old: &[NumberedParagraph],
    new: &[NumberedParagraph],
) -> RoundDiff {
    let mut spans: HashMap<ParagraphId, Vec<TextSpan>> = stored.word_diffs.into_iter().collect();
    let mut runs: HashMap<ParagraphId, String> = stored.word_runs.into_iter().collect();
    diff_with(stored.from, old, stored.to, new, |id, old_text, new_text| {
        spans.remove(&id).or_else(|| from_runs(&runs.remove(&id)?, old_text, new_text))
    })
}

fn diff_with(
    from: u32,
    old: &[NumberedParagraph],
    to: u32,
    new: &[NumberedParagraph],
    mut known_spans: impl FnMut(ParagraphId, &str, &str) -> Option<Vec<TextSpan>>,
) -> RoundDiff {
    let old_by_id: HashMap<ParagraphId, &NumberedParagraph> =
        old.iter().map(|p| (p.paragraph.id, p)).collect();
    let new_ids: HashSet<ParagraphId> = new.iter().map(|p| p.paragraph.id).collect();
    let moved = moved_ids(old, new);
    let mut change_of =
        |id: ParagraphId, o: Option<&NumberedParagraph>, n: Option<&NumberedParagraph>| {
            let known = known_spans(id, text_of(o), text_of(n));
            compare(id, o, n, &moved, known)
        };

    let mut changes: Vec<ParagraphChange> = new
        .iter()
        .map(|n| change_of(n.paragraph.id, old_by_id.get(&n.paragraph.id).copied(), Some(n)))
        .collect();
    // Paragraphs gone from the later round entirely stay in the comparison after their old predecessor.
    for (i, o) in old.iter().enumerate() {
        if new_ids.contains(&o.paragraph.id) {
            continue;
        }
        let change = change_of(o.paragraph.id, Some(o), None);
        let at = old[..i]
            .iter()
            .rev()
            .find_map(|prev| changes.iter().position(|c| c.id == prev.paragraph.id))
            .map_or(0, |p| p + 1);
        changes.insert(at, change);
    }
    let stats = stats(&changes);
    RoundDiff { from, to, changes, stats }
}

fn side_text(side: &Option<ParagraphSide>) -> &str {
    side.as_ref().map_or("", |s| s.text.as_str())
}

fn text_of(p: Option<&NumberedParagraph>) -> &str {
    p.map_or("", |p| p.paragraph.text.as_str())
}

fn side(p: &NumberedParagraph) -> ParagraphSide {
    ParagraphSide {
        number: p.number.clone(),
        label: p.paragraph.label.clone(),
        kind: p.paragraph.kind,
        status: p.paragraph.status.clone(),
        text: p.paragraph.text.clone(),
    }
}

fn compare(
    id: ParagraphId,
    old: Option<&NumberedParagraph>,
    new: Option<&NumberedParagraph>,
    moved: &HashSet<ParagraphId>,
    spans: Option<Vec<TextSpan>>,
) -> ParagraphChange {
    let is_deleted = |p: Option<&NumberedParagraph>| {
        p.is_none_or(|p| p.paragraph.status.kind() == StatusKind::Deleted)
    };
    let (old_text, new_text) = (text_of(old), text_of(new));
    let (added, deleted) = match (old, new) {
        (None, _) => (true, false),
        (Some(_), _) => (false, !is_deleted(old) && is_deleted(new)),
    };
    let both = old.zip(new);
    ParagraphChange {
        id,
        old: old.map(side),
        new: new.map(side),
        added,
        deleted,
        moved: moved.contains(&id),
        renumbered: both
            .is_some_and(|(o, n)| o.number.is_some() && n.number.is_some() && o.number != n.number),
        kind_changed: both.is_some_and(|(o, n)| o.paragraph.kind != n.paragraph.kind),
        status_changed: both.is_some_and(|(o, n)| o.paragraph.status != n.paragraph.status),
        text_changed: both.is_some_and(|(o, n)| o.paragraph.text != n.paragraph.text),
        spans: spans.unwrap_or_else(|| word_diff(old_text, new_text)),
        lineage: None,
    }
}

/// A word-level diff of two texts, as runs of equal, inserted and deleted words. Words are
/// compared without the white space around them; bracket marks (`[`, `]`, `/`) and punctuation
/// are words of their own, so that "[Brazil: the causes]." becoming "the root causes." reads as
/// the marks gone and one word added, not as words traded. The spans rebuild both texts.
pub fn word_diff(old: &str, new: &str) -> Vec<TextSpan> {
    if old == new {
        return match old {
            "" => Vec::new(),
            same => vec![TextSpan { op: SpanOp::Equal, text: same.to_string() }],
        };
    }
    let (old_lead, old_tokens) = tokens(old);
    let (new_lead, new_tokens) = tokens(new);
    let old_words: Vec<&str> = old_tokens.iter().map(|t| t.word).collect();
    let new_words: Vec<&str> = new_tokens.iter().map(|t| t.word).collect();
    let diff = TextDiff::configure().timeout(WORD_DIFF_TIMEOUT).diff_slices(&old_words, &new_words);
    let mut spans = Spans::default();
    spans.same_or_changed(old_lead, new_lead);
    for op in diff.ops() {
        for k in 0..op.old_range().len().max(op.new_range().len()) {
            match *op {
                DiffOp::Equal { old_index, new_index, .. } => {
                    let (o, n) = (&old_tokens[old_index + k], &new_tokens[new_index + k]);
                    spans.push(SpanOp::Equal, n.word);
                    spans.same_or_changed(o.space, n.space);
                }
                _ => {
                    if let Some(o) = op.old_range().nth(k).map(|i| &old_tokens[i]) {
                        spans.push(SpanOp::Delete, &format!("{}{}", o.word, o.space));
                    }
                }
            }
        }
        if !matches!(op, DiffOp::Equal { .. }) {
            for n in op.new_range().map(|i| &new_tokens[i]) {
                spans.push(SpanOp::Insert, &format!("{}{}", n.word, n.space));
            }
        }
    }
    spans.tidy()
}

/// Word spans being built: a piece of text joins the last span when it has the same op.
#[derive(Default)]
struct Spans(Vec<TextSpan>);

impl Spans {
    fn push(&mut self, op: SpanOp, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(last) if last.op == op => last.text.push_str(text),
            _ => self.0.push(TextSpan { op, text: text.to_string() }),
        }
    }

    /// The spans with a change of white space folded into the change beside it: "meeting" +
    /// inserted " " + deleted "] " reads as "meeting", deleted "]", " ".
    fn tidy(self) -> Vec<TextSpan> {
        let mut out = Spans::default();
        let mut spans = self.0.into_iter().peekable();
        while let Some(span) = spans.next() {
            let blank = span.op != SpanOp::Equal && span.text.trim().is_empty();
            let folds = spans.peek().and_then(|next| {
                let other = matches!(
                    (span.op, next.op),
                    (SpanOp::Insert, SpanOp::Delete) | (SpanOp::Delete, SpanOp::Insert)
                );
                (blank && other)
                    .then(|| next.text.strip_suffix(span.text.as_str()).map(str::to_string))
                    .flatten()
            });
            match folds {
                Some(stripped) => {
                    let next = spans.next().expect("peeked");
                    out.push(next.op, &stripped);
                    out.push(SpanOp::Equal, &span.text);
                }
                None => out.push(span.op, &span.text),
            }
        }
        out.0
    }

    /// White space kept where both sides have the same, else deleted and inserted.
    fn same_or_changed(&mut self, old: &str, new: &str) {
        if old == new {
            self.push(SpanOp::Equal, new);
        } else {
            self.push(SpanOp::Delete, old);
            self.push(SpanOp::Insert, new);
        }
    }
}

/// A word of a text and the white space after it.
struct Token<'a> {
    word: &'a str,
    space: &'a str,
}

/// Splits a text into its leading white space and its words, each with the white space after
/// it: bracket marks and punctuation are words of one character.
fn tokens(text: &str) -> (&str, Vec<Token<'_>>) {
    let mark = |c: char| matches!(c, '[' | ']' | '/' | '.' | ',' | ';' | ':' | '!' | '?');
    let body = text.trim_start();
    let lead = &text[..text.len() - body.len()];
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(first) = rest.chars().next() {
        let word_len = if mark(first) {
            first.len_utf8()
        } else {
            rest.find(|c: char| c.is_whitespace() || mark(c)).unwrap_or(rest.len())
        };
        let (word, after) = rest.split_at(word_len);
        let space_len = after.find(|c: char| !c.is_whitespace()).unwrap_or(after.len());
        let (space, next) = after.split_at(space_len);
        out.push(Token { word, space });
        rest = next;
    }
    (lead, out)
}

/// Word spans as `git diff --word-diff=plain` shows them: `[-deleted-]{+inserted+}` in the text.
pub fn word_diff_plain(spans: &[TextSpan]) -> String {
    spans
        .iter()
        .map(|span| match span.op {
            SpanOp::Equal => span.text.clone(),
            SpanOp::Delete => format!("[-{}-]", span.text),
            SpanOp::Insert => format!("{{+{}+}}", span.text),
        })
        .collect()
}

/// Paragraphs present and live in both rounds whose relative order changed: those outside the
/// longest common subsequence of the two orders.
fn moved_ids(old: &[NumberedParagraph], new: &[NumberedParagraph]) -> HashSet<ParagraphId> {
    let live = |p: &&NumberedParagraph| p.paragraph.status.kind() != StatusKind::Deleted;
    let new_live: HashSet<ParagraphId> = new.iter().filter(live).map(|p| p.paragraph.id).collect();
    let old_live: HashSet<ParagraphId> = old.iter().filter(live).map(|p| p.paragraph.id).collect();
    let a: Vec<ParagraphId> = old
        .iter()
        .map(|p| p.paragraph.id)
        .filter(|id| new_live.contains(id) && old_live.contains(id))
        .collect();
    let b: Vec<ParagraphId> = new
        .iter()
        .map(|p| p.paragraph.id)
        .filter(|id| new_live.contains(id) && old_live.contains(id))
        .collect();
    let mut moved = HashSet::new();
    for op in similar::capture_diff_slices(Algorithm::Myers, &a, &b) {
        if let DiffOp::Insert { new_index, new_len, .. }
        | DiffOp::Replace { new_index, new_len, .. } = op
        {
            moved.extend(&b[new_index..new_index + new_len]);
        }
    }
    moved
}

fn stats(changes: &[ParagraphChange]) -> DiffStats {
    let mut s = DiffStats::default();
    for c in changes {
        s.added += usize::from(c.added);
        s.deleted += usize::from(c.deleted);
        s.moved += usize::from(c.moved);
        s.renumbered += usize::from(c.renumbered);
        s.kind_changed += usize::from(c.kind_changed);
        s.status_changed += usize::from(c.status_changed);
        s.text_changed += usize::from(c.text_changed);
        s.unchanged += usize::from(!c.is_change());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paragraph;

    fn para(
        id: ParagraphId,
        kind: ParagraphKind,
        number: &str,
        text: &str,
        status: Status,
    ) -> NumberedParagraph {
        NumberedParagraph {
            paragraph: Paragraph {
                id,
                kind,
                parent: None,
                text: text.into(),
                status,
                footnotes: vec![],
                proposers: vec![],
                notes: String::new(),
                label: format!("OP{number}"),
            },
            number: Some(number.into()),
            clean_number: Some(number.into()),
            depth: 0,
        }
    }

    fn op(id: ParagraphId, number: &str, text: &str) -> NumberedParagraph {
        para(id, ParagraphKind::Operative, number, text, Status::Pending)
    }

    #[test]
    fn bracket_marks_are_tokens_of_their_own_in_the_word_diff() {
        let plain = |old, new| word_diff_plain(&word_diff(old, new));
        let bracketed = "to address [Brazil, United States: the causes of insecurity].";
        assert_eq!(
            plain(bracketed, "to address the root causes of insecurity."),
            "to address [-[Brazil, United States: -]the {+root +}causes of insecurity[-]-]."
        );
        assert_eq!(
            plain(
                "convene [a special meeting] on this",
                "convene a special high-level meeting on this"
            ),
            "convene [-[-]a special {+high-level +}meeting[-]-] on this"
        );
        assert_eq!(
            plain(bracketed, "to address [Brazil, United States: the root causes of insecurity]."),
            "to address [Brazil, United States: the {+root +}causes of insecurity]."
        );
        assert_eq!(
            plain("[early / timely] warning", "[early / timely / rapid] warning"),
            "[early / timely{+ / rapid+}] warning"
        );
    }

    #[test]
    fn moved_renumbered_edited_and_status_changed_paragraphs() {
        let [a, b, c, d] =
            [ParagraphId::new(), ParagraphId::new(), ParagraphId::new(), ParagraphId::new()];
        let old =
            vec![op(a, "1", "Alpha text."), op(b, "2", "Bravo text."), op(c, "3", "Charlie text.")];
        let mut new_c = op(c, "1", "Charlie text.");
        new_c.paragraph.status = Status::Agreed;
        let new = vec![
            new_c,
            op(a, "2", "Alpha amended text."),
            op(d, "3", "Delta text."),
            op(b, "4", "Bravo text."),
        ];
        let diff = diff_rounds(1, &old, 2, &new);
        let by_id = |id| diff.changes.iter().find(|c| c.id == id).expect("present");
        assert!(by_id(c).moved && by_id(c).renumbered && by_id(c).status_changed);
        assert!(!by_id(c).text_changed);
        assert!(!by_id(a).moved && by_id(a).renumbered && by_id(a).text_changed);
        assert!(by_id(d).added && !by_id(d).moved);
        assert!(!by_id(b).moved && by_id(b).renumbered);
        assert_eq!(
            by_id(a).spans,
            vec![
                TextSpan { op: SpanOp::Equal, text: "Alpha ".into() },
                TextSpan { op: SpanOp::Insert, text: "amended ".into() },
                TextSpan { op: SpanOp::Equal, text: "text.".into() },
            ]
        );
        assert_eq!(diff.stats.added, 1);
        assert_eq!(diff.stats.moved, 1);
        assert_eq!(diff.stats.renumbered, 3);
    }

    #[test]
    fn word_diffs_read_as_git_shows_them() {
        let spans = word_diff("the causes of crime", "the root causes of violence");
        assert_eq!(word_diff_plain(&spans), "the {+root +}causes of [-crime-]{+violence+}");
    }

    #[test]
    fn deleted_paragraphs_stay_in_place_and_are_marked() {
        let [a, b, c] = [ParagraphId::new(), ParagraphId::new(), ParagraphId::new()];
        let old = vec![op(a, "1", "One."), op(b, "2", "Two."), op(c, "3", "Three.")];
        let mut gone = op(b, "2", "Two.");
        gone.paragraph.status = Status::Deleted;
        gone.number = None;
        let new = vec![op(a, "1", "One."), gone, op(c, "2", "Three.")];
        let diff = diff_rounds(1, &old, 2, &new);
        assert_eq!(diff.changes.iter().map(|c| c.id).collect::<Vec<_>>(), vec![a, b, c]);
        assert!(diff.changes[1].deleted && !diff.changes[1].renumbered);
        assert!(diff.changes[2].renumbered && !diff.changes[2].moved);
        assert_eq!(diff.stats.unchanged, 1);
    }

    #[test]
    fn a_paragraph_missing_from_the_later_round_keeps_its_place() {
        let [a, b, c] = [ParagraphId::new(), ParagraphId::new(), ParagraphId::new()];
        let old = vec![op(a, "1", "One."), op(b, "2", "Two."), op(c, "3", "Three.")];
        let new = vec![op(a, "1", "One."), op(c, "2", "Three.")];
        let diff = diff_rounds(1, &old, 2, &new);
        assert_eq!(diff.changes.iter().map(|c| c.id).collect::<Vec<_>>(), vec![a, b, c]);
        assert!(diff.changes[1].deleted && diff.changes[1].new.is_none());
        assert_eq!(
            diff.changes[1].spans,
            vec![TextSpan { op: SpanOp::Delete, text: "Two.".into() }]
        );
    }

    #[test]
    fn a_stored_comparison_expands_back_to_the_full_one() {
        let [a, b, c] = [ParagraphId::new(), ParagraphId::new(), ParagraphId::new()];
        let old = vec![op(a, "1", "One."), op(b, "2", "Two."), op(c, "3", "Three.")];
        let new = vec![op(a, "1", "One."), op(c, "2", "Three, amended."), op(b, "3", "Two.")];
        let full = diff_rounds(1, &old, 2, &new);
        let stored = full.to_stored();
        assert_eq!(stored.word_runs.len(), 1);
        assert!(stored.word_diffs.is_empty());
        assert_eq!(expand(stored, &old, &new), full);
    }

    #[test]
    fn word_runs_rebuild_the_spans_from_the_texts_and_refuse_texts_they_do_not_fit() {
        let (old, new) = ("to strengthen citizen security", "to reinforce [citizen] security");
        let spans = word_diff(old, new);
        let stored = runs(&spans);
        assert_eq!(stored, "=3-11+11=7+1=9");
        assert_eq!(from_runs(&stored, old, new), Some(spans));
        assert_eq!(from_runs(&stored, "to strengthen", new), None);
        for damaged in
            ["=3-11+11=7+1=", "=3x", "é3", "=99999999999999999999999", "-18446744073709551615"]
        {
            assert_eq!(from_runs(damaged, old, new), None, "{damaged}");
        }
    }

    #[test]
    fn word_diff_marks_replaced_words() {
        let spans = word_diff("to strengthen citizen security", "to reinforce citizen security");
        assert_eq!(
            spans,
            vec![
                TextSpan { op: SpanOp::Equal, text: "to ".into() },
                TextSpan { op: SpanOp::Delete, text: "strengthen ".into() },
                TextSpan { op: SpanOp::Insert, text: "reinforce ".into() },
                TextSpan { op: SpanOp::Equal, text: "citizen security".into() },
            ]
        );
    }
}
