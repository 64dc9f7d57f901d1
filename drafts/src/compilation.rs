//! The compilation of proposals: every proposal beside the paragraph it is about, whether it still
//! fits the text as it stands (applies, rebased onto amended words, outdated), and which open
//! proposals compete for the same words. Pure functions over a document and the proposals' records,
//! testable without a file; the store reads both and calls [`compile`].

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::diff::{word_diff, TextSpan};
use crate::model::{
    Document, NumberedParagraph, Paragraph, ParagraphId, Round, Status, StatusKind,
};
use crate::proposals::{self as logic, Hunk, Proposal, ProposalChange, ProposalId, ProposalState};
use crate::store::ProposalRecord;

/// Whether an open proposal still fits the text as it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "standing", rename_all = "snake_case")]
#[ts(export)]
pub enum Standing {
    /// Made on the text as it is.
    Applies,
    /// Made on an older text; moved onto the current one.
    Rebased,
    /// No longer applies; the reason says why.
    Outdated { reason: String },
    /// Decided already.
    Decided,
}

/// A proposal as the chair sees it in the compilation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CompiledProposal {
    pub record: ProposalRecord,
    pub standing: Standing,
    /// What it asks for, in words.
    pub summary: String,
    /// The paragraph's current text with the proposal applied, when it changes the words.
    pub proposed_text: Option<String>,
    /// The word diff from the current text to the proposed one.
    pub spans: Vec<TextSpan>,
    /// Open proposals touching the same words.
    pub conflicts_with: Vec<ProposalId>,
}

/// Every proposal about one paragraph (or the whole text), side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CompilationEntry {
    /// The paragraph as it stands in the open round; none for the whole text or a paragraph gone.
    pub paragraph: Option<NumberedParagraph>,
    /// Its working label ("OP7"), or "Whole text".
    pub label: String,
    pub proposals: Vec<CompiledProposal>,
}

/// The compilation of proposals on the open round's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Compilation {
    pub round: Round,
    /// In document order; the whole text first.
    pub entries: Vec<CompilationEntry>,
    pub open: u32,
    pub conflicts: u32,
    pub outdated: u32,
    /// Delegations with at least one proposal.
    pub delegations: Vec<String>,
}

/// The compilation of `records` on `document` (the open round's text).
pub fn compile(document: &Document, records: Vec<ProposalRecord>) -> Compilation {
    let by_id: HashMap<ParagraphId, &NumberedParagraph> =
        document.paragraphs.iter().map(|p| (p.paragraph.id, p)).collect();
    let mut compiled: Vec<Compiled> = records
        .into_iter()
        .map(|record| {
            let target = record.proposal.change.paragraph();
            let current = target.and_then(|id| by_id.get(&id)).map(|p| &p.paragraph);
            compile_one(record, current)
        })
        .collect();
    mark_conflicts(&mut compiled);
    gather(document, compiled, |id| by_id.contains_key(&id))
}

/// One proposal compiled: the paragraph it is about, as the chair sees it, and its hunks on the
/// text as it stands (none when it no longer fits or changes no words).
struct Compiled {
    target: Option<ParagraphId>,
    entry: CompiledProposal,
    hunks: Option<Vec<Hunk>>,
}

fn compile_one(record: ProposalRecord, current: Option<&Paragraph>) -> Compiled {
    let target = record.proposal.change.paragraph();
    let (standing, hunks) = match (&record.state, fit(&record.proposal, current)) {
        (ProposalState::Open, Ok((standing, hunks))) => (standing, hunks),
        (ProposalState::Open, Err(reason)) => (Standing::Outdated { reason }, None),
        _ => (Standing::Decided, None),
    };
    let (proposed_text, spans) = proposed(&record, hunks.as_deref(), current);
    let summary = record.proposal.change.describe();
    let entry = CompiledProposal {
        record,
        standing,
        summary,
        proposed_text,
        spans,
        conflicts_with: vec![],
    };
    Compiled { target, entry, hunks }
}

/// The paragraph's words with the proposal applied, and the word diff to them: an open proposal
/// on the text as it stands, any other on the text it was made on.
fn proposed(
    record: &ProposalRecord,
    hunks: Option<&[Hunk]>,
    current: Option<&Paragraph>,
) -> (Option<String>, Vec<TextSpan>) {
    let (base, hunks) = match (&record.proposal.change, hunks, current) {
        (ProposalChange::Amend { .. }, Some(h), Some(p)) if !h.is_empty() => (&p.text, h),
        (ProposalChange::Amend { base, hunks, .. }, None, _)
            if record.state != ProposalState::Open =>
        {
            (base, hunks.as_slice())
        }
        _ => return (None, Vec::new()),
    };
    let text = logic::apply(base, hunks);
    let spans = word_diff(base, &text);
    (Some(text), spans)
}

/// Notes on each proposal the others on its paragraph that compete for the same words.
fn mark_conflicts(compiled: &mut [Compiled]) {
    for i in 0..compiled.len() {
        for j in 0..compiled.len() {
            let (a, b) = (&compiled[i], &compiled[j]);
            if i == j || a.target.is_none() || a.target != b.target {
                continue;
            }
            if conflict(&a.entry, a.hunks.as_deref(), &b.entry, b.hunks.as_deref()) {
                let other = b.entry.record.proposal.id;
                compiled[i].entry.conflicts_with.push(other);
            }
        }
    }
}

/// Groups the proposals by paragraph in document order: the whole text first, then each
/// paragraph, then the proposals on paragraphs no longer in the text; counts what is open.
fn gather(
    document: &Document,
    compiled: Vec<Compiled>,
    in_text: impl Fn(ParagraphId) -> bool,
) -> Compilation {
    let mut delegations = BTreeSet::new();
    let mut whole = Vec::new();
    let mut by_paragraph: HashMap<ParagraphId, Vec<CompiledProposal>> = HashMap::new();
    let mut gone = Vec::new();
    let (mut open, mut conflicts, mut outdated) = (0, 0, 0);
    for Compiled { target, entry, .. } in compiled {
        delegations.insert(entry.record.proposal.delegation.clone());
        if entry.record.state == ProposalState::Open {
            open += 1;
            conflicts += u32::from(!entry.conflicts_with.is_empty());
            outdated += u32::from(matches!(entry.standing, Standing::Outdated { .. }));
        }
        match target {
            None => whole.push(entry),
            Some(id) if in_text(id) => by_paragraph.entry(id).or_default().push(entry),
            Some(_) => gone.push(CompilationEntry {
                paragraph: None,
                label: entry.record.proposal.change.label().to_string(),
                proposals: vec![entry],
            }),
        }
    }
    let mut entries = Vec::new();
    if !whole.is_empty() {
        entries.push(CompilationEntry {
            paragraph: None,
            label: "Whole text".into(),
            proposals: whole,
        });
    }
    for p in &document.paragraphs {
        if let Some(proposals) = by_paragraph.remove(&p.paragraph.id) {
            let label = p.paragraph.label.clone();
            entries.push(CompilationEntry { paragraph: Some(p.clone()), label, proposals });
        }
    }
    entries.extend(gone);
    let delegations = delegations.into_iter().collect();
    Compilation { round: document.round.clone(), entries, open, conflicts, outdated, delegations }
}

/// Whether a proposal fits the paragraph as it stands now, and its hunks on that text.
pub(crate) fn fit(
    proposal: &Proposal,
    current: Option<&Paragraph>,
) -> std::result::Result<(Standing, Option<Vec<Hunk>>), String> {
    let live = |label: &str| match current {
        Some(p) if p.status.kind() != StatusKind::Deleted => Ok(p),
        _ => Err(format!("{label} was deleted")),
    };
    let moved = |base: &str, hunks: &[Hunk], p: &Paragraph, label: &str| match logic::rebase(
        base, hunks, &p.text,
    ) {
        Some(moved) if base == p.text => Ok((Standing::Applies, Some(moved))),
        Some(moved) => Ok((Standing::Rebased, Some(moved))),
        None => Err(format!("the words it changes in {label} have been amended since")),
    };
    match &proposal.change {
        ProposalChange::Amend { label, base, hunks, .. } => moved(base, hunks, live(label)?, label),
        ProposalChange::Bracket { label, base, start, end, .. } => {
            let p = live(label)?;
            let whole = *start == 0 && *end == base.chars().count() || start == end;
            if whole {
                return Ok((Standing::Applies, Some(Vec::new())));
            }
            let words = logic::char_slice(base, *start, *end);
            let hunk = Hunk { start: *start, end: *end, old: words.clone(), new: words };
            moved(base, &[hunk], p, label)
        }
        ProposalChange::Delete { label, base, .. } => {
            let p = live(label)?;
            Ok((if *base == p.text { Standing::Applies } else { Standing::Rebased }, None))
        }
        ProposalChange::AdReferendum { label, place, .. } => {
            ad_referendum_fits(live(label)?, &proposal.delegation, *place)?;
            Ok((Standing::Applies, None))
        }
        ProposalChange::Insert { after_label, .. } => {
            match (proposal.change.paragraph(), current) {
                (Some(_), None) => Err(format!("{after_label} is no longer in the text")),
                _ => Ok((Standing::Applies, None)),
            }
        }
        ProposalChange::Comment { .. } => Ok((Standing::Applies, None)),
    }
}

/// Whether `delegation` can place (or lift) its ad referendum on the paragraph as it stands.
pub(crate) fn ad_referendum_fits(
    p: &Paragraph,
    delegation: &str,
    place: bool,
) -> std::result::Result<(), String> {
    let label = &p.label;
    let holds = match &p.status {
        Status::AdReferendum(a) => a.delegations.iter().any(|d| d == delegation),
        _ => false,
    };
    let agreed = matches!(p.status.kind(), StatusKind::Agreed | StatusKind::AdReferendum);
    match (place, holds, agreed) {
        (true, false, true) | (false, true, _) => Ok(()),
        (true, true, _) => Err(format!("{label} is already ad referendum of {delegation}")),
        (true, false, false) => Err(format!("{label} is not agreed")),
        (false, false, _) => Err(format!("{label} is not ad referendum of {delegation}")),
    }
}

/// Whether two proposals on one paragraph compete for the same words (both open and fitting).
fn conflict(
    a: &CompiledProposal,
    a_hunks: Option<&[Hunk]>,
    b: &CompiledProposal,
    b_hunks: Option<&[Hunk]>,
) -> bool {
    let live = |c: &CompiledProposal| {
        c.record.state == ProposalState::Open
            && matches!(c.standing, Standing::Applies | Standing::Rebased)
    };
    if !live(a) || !live(b) {
        return false;
    }
    use ProposalChange::{Amend, Bracket, Delete};
    match (&a.record.proposal.change, &b.record.proposal.change, a_hunks, b_hunks) {
        (Amend { .. }, Amend { .. }, Some(x), Some(y)) => logic::overlapping(x, y),
        (Amend { .. }, Bracket { .. }, Some(x), Some(y))
        | (Bracket { .. }, Amend { .. }, Some(x), Some(y)) => {
            x.is_empty() || y.is_empty() || logic::overlapping(x, y)
        }
        (Delete { .. }, Amend { .. } | Bracket { .. }, ..)
        | (Amend { .. } | Bracket { .. }, Delete { .. }, ..) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, Utc};
    use uuid::Uuid;

    use super::*;
    use crate::model::{HouseStyle, Negotiation, ParagraphKind, RoundState};
    use crate::proposals::hunks;

    fn paragraph(label: &str, text: &str) -> NumberedParagraph {
        let paragraph = Paragraph {
            id: ParagraphId::new(),
            kind: ParagraphKind::Operative,
            parent: None,
            text: text.into(),
            status: Status::Pending,
            footnotes: vec![],
            proposers: vec![],
            notes: String::new(),
            label: label.into(),
        };
        NumberedParagraph { paragraph, number: None, clean_number: None, depth: 0 }
    }

    fn document(paragraphs: Vec<NumberedParagraph>) -> Document {
        let negotiation = Negotiation {
            id: Uuid::nil(),
            title: "Draft resolution".into(),
            symbol: String::new(),
            body: "General Assembly".into(),
            session: String::new(),
            language: "English".into(),
            house_style: HouseStyle::Un,
            whole_text_ad_referendum: vec![],
            created_at: Utc::now(),
        };
        let date = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let round = Round {
            number: 2,
            label: "rev.1".into(),
            date,
            state: RoundState::Open,
            closed_at: None,
            fingerprint: None,
        };
        Document { negotiation, round, paragraphs }
    }

    /// An open amendment by `delegation`, made on `base`, of `p`.
    fn amend(
        delegation: &str,
        p: &NumberedParagraph,
        base: &str,
        proposed: &str,
    ) -> ProposalRecord {
        let change = ProposalChange::Amend {
            paragraph: p.paragraph.id,
            label: p.paragraph.label.clone(),
            base: base.into(),
            hunks: hunks(base, proposed),
        };
        let proposal = Proposal {
            id: ProposalId::new(),
            delegation: delegation.into(),
            round: 1,
            made_at: Utc::now(),
            change,
            note: String::new(),
        };
        ProposalRecord {
            proposal,
            state: ProposalState::Open,
            origin: "local".into(),
            decided_round: None,
            decision_note: String::new(),
            supporters: vec![],
            opponents: vec![],
        }
    }

    #[test]
    fn amendments_of_the_same_words_conflict_and_others_do_not() {
        let text = "Urges States to adopt national strategies by 2030.";
        let op1 = paragraph("OP1", text);
        let records = vec![
            amend("Canada", &op1, text, "Urges States to adopt national plans by 2030."),
            amend("Mexico", &op1, text, "Urges States to adopt regional frameworks by 2030."),
            amend("Peru", &op1, text, "Urges States to adopt national strategies by 2035."),
        ];
        let compilation = compile(&document(vec![op1]), records);
        let [entry] = compilation.entries.as_slice() else { panic!("one paragraph") };
        assert_eq!(entry.label, "OP1");
        let conflicts: Vec<usize> =
            entry.proposals.iter().map(|p| p.conflicts_with.len()).collect();
        assert_eq!(conflicts, [1, 1, 0], "Canada and Mexico change the same words; Peru others");
        assert_eq!((compilation.open, compilation.conflicts), (3, 2));
        assert_eq!(compilation.delegations, ["Canada", "Mexico", "Peru"]);
        let proposed = entry.proposals[2].proposed_text.as_deref();
        assert_eq!(proposed, Some("Urges States to adopt national strategies by 2035."));
    }

    #[test]
    fn an_amendment_made_on_older_words_is_rebased_or_outdated() {
        let old = "Urges States to adopt national strategies by 2030.";
        let now = "Strongly urges States to adopt national strategies by 2030.";
        let op1 = paragraph("OP1", now);
        let records = vec![
            amend("Canada", &op1, old, "Urges States to adopt national strategies by 2035."),
            amend("Chile", &op1, old, "Encourages States to adopt national strategies by 2030."),
        ];
        let compilation = compile(&document(vec![op1]), records);
        let standings: Vec<&Standing> =
            compilation.entries[0].proposals.iter().map(|p| &p.standing).collect();
        assert_eq!(standings[0], &Standing::Rebased);
        assert!(
            matches!(standings[1], Standing::Outdated { reason } if reason.contains("amended since"))
        );
        let rebased = compilation.entries[0].proposals[0].proposed_text.as_deref();
        assert_eq!(rebased, Some("Strongly urges States to adopt national strategies by 2035."));
        assert_eq!(compilation.outdated, 1);
    }

    #[test]
    fn proposals_follow_the_text_order_and_those_on_paragraphs_gone_come_last() {
        let (op1, op2) =
            (paragraph("OP1", "First words here."), paragraph("OP2", "Second words here."));
        let gone = paragraph("OP9", "Deleted words here.");
        let records = vec![
            amend("Peru", &gone, "Deleted words here.", "Deleted words there."),
            amend("Peru", &op2, "Second words here.", "Second words there."),
            amend("Peru", &op1, "First words here.", "First words there."),
        ];
        let compilation = compile(&document(vec![op1, op2]), records);
        let labels: Vec<&str> = compilation.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["OP1", "OP2", "OP9"]);
        assert!(compilation.entries[2].paragraph.is_none());
    }
}
