//! What is still pending, and for whom: counts, per-delegation items and the chair's sentence.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::brackets::{self, BracketCount};
use crate::model::{
    join_and, Document, NumberedParagraph, ParagraphId, ParagraphKind, Status, StatusKind,
};

/// How many paragraphs have one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusCount {
    pub status: StatusKind,
    pub count: usize,
}

/// Why something is pending on a delegation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PendingReason {
    /// Agreed ad referendum: its capital has still to confirm.
    AdReferendum,
    /// It holds a bracket in the paragraph.
    HoldsBracket,
}

/// One point pending on one or more delegations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PendingItem {
    /// The paragraph; none for the whole text.
    pub paragraph: Option<ParagraphId>,
    /// Working label ("OP16"), or "Whole text".
    pub label: String,
    /// As a report says it: "operative paragraph 16", "the whole text".
    pub reference: String,
    pub reason: PendingReason,
    pub delegations: Vec<String>,
    pub deadline: Option<DateTime<Utc>>,
    /// The silence procedure has ended: the point can be confirmed as agreed.
    pub silence_over: bool,
}

/// Everything pending on one delegation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DelegationPending {
    pub delegation: String,
    pub items: Vec<PendingItem>,
}

/// The state of the negotiation in one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusSummary {
    pub round: u32,
    /// Paragraphs in the text, deleted ones excluded.
    pub total: usize,
    /// One entry per status, in the order of `StatusKind::ALL`.
    pub counts: Vec<StatusCount>,
    /// Ad referendum points, in document order, the whole text last.
    pub ad_referendum: Vec<PendingItem>,
    /// Per delegation (roster order), what is pending on it.
    pub by_delegation: Vec<DelegationPending>,
    /// Labels of bracketed, pending and proposed paragraphs.
    pub not_agreed: Vec<String>,
    /// Open brackets and options across the text.
    pub brackets: BracketCount,
    /// A sentence the chair can paste into a report.
    pub sentence: String,
}

/// The status mix of one round, for the progress chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoundProgress {
    pub round: u32,
    pub label: String,
    pub counts: Vec<StatusCount>,
}

/// Counts paragraphs per status (every status listed, zeros included).
pub fn count_statuses(paragraphs: &[NumberedParagraph]) -> Vec<StatusCount> {
    StatusKind::ALL
        .iter()
        .map(|&status| StatusCount {
            status,
            count: paragraphs.iter().filter(|p| p.paragraph.status.kind() == status).count(),
        })
        .collect()
}

/// How reports name the paragraphs of one text and say where they stand, the text indexed
/// once so that naming many paragraphs never reads the whole text for each.
pub struct References<'a> {
    all: &'a [NumberedParagraph],
    at: HashMap<ParagraphId, usize>,
}

impl<'a> References<'a> {
    pub fn new(all: &'a [NumberedParagraph]) -> Self {
        let at = all.iter().enumerate().map(|(i, p)| (p.paragraph.id, i)).collect();
        Self { all, at }
    }

    /// The paragraph `id` of this text.
    pub fn get(&self, id: ParagraphId) -> Option<&'a NumberedParagraph> {
        self.at.get(&id).map(|&i| &self.all[i])
    }

    /// How a report names a paragraph: "operative paragraph 16", "preambular paragraph 3",
    /// "operative paragraph 7 (a)", "the opening clause".
    pub fn name(&self, paragraph: &NumberedParagraph) -> String {
        let mut numbers = Vec::new();
        let mut current = Some(paragraph);
        let mut top_kind = paragraph.paragraph.kind;
        while let Some(p) = current {
            numbers.push(p.number.clone().unwrap_or_default());
            top_kind = p.paragraph.kind;
            current = match p.paragraph.kind {
                ParagraphKind::SubParagraph => p.paragraph.parent.and_then(|id| self.get(id)),
                _ => None,
            };
            if numbers.len() > 16 {
                break;
            }
        }
        numbers.reverse();
        let number = numbers.into_iter().filter(|n| !n.is_empty()).collect::<Vec<_>>().join(" ");
        let deleted = paragraph.paragraph.status.kind() == StatusKind::Deleted;
        match top_kind {
            _ if deleted => format!("the deleted paragraph {}", paragraph.paragraph.label),
            ParagraphKind::OpeningClause => "the opening clause".into(),
            ParagraphKind::VerbLine => "the operative verb line".into(),
            ParagraphKind::SectionHeading => {
                format!("the heading \"{}\"", paragraph.paragraph.text)
            }
            ParagraphKind::Preambular => format!("preambular paragraph {number}"),
            ParagraphKind::Operative => format!("operative paragraph {number}"),
            ParagraphKind::SubParagraph => format!("sub-paragraph {number}"),
        }
    }

    /// Where a paragraph stands, by its neighbour: "after operative paragraph 3", "before
    /// preambular paragraph 1" for the first, "the only place in the text" when it stands
    /// alone.
    pub fn place(&self, paragraph: &NumberedParagraph) -> String {
        let standing = |p: &&NumberedParagraph| {
            p.paragraph.id != paragraph.paragraph.id
                && p.paragraph.status.kind() != StatusKind::Deleted
                && p.depth == paragraph.depth
        };
        let at = self.at.get(&paragraph.paragraph.id).copied().unwrap_or(0);
        if let Some(previous) = self.all[..at].iter().rev().find(standing) {
            return format!("after {}", self.name(previous));
        }
        match self.all[at..].iter().find(standing) {
            Some(next) => format!("before {}", self.name(next)),
            None => "the only place in the text".into(),
        }
    }
}

/// Summarizes a round's text. `bracket_holders` maps a paragraph to the delegations holding
/// open brackets in it (from the bracket log); `roster` orders the per-delegation list.
pub fn summarize(
    document: &Document,
    bracket_holders: &BTreeMap<ParagraphId, Vec<String>>,
    roster: &[String],
    now: DateTime<Utc>,
) -> StatusSummary {
    let paragraphs = &document.paragraphs;
    let live: Vec<&NumberedParagraph> =
        paragraphs.iter().filter(|p| p.paragraph.status.kind() != StatusKind::Deleted).collect();
    let names = References::new(paragraphs);
    let ad_referendum = ad_referendum_items(document, &live, &names, now);
    let bracket_items = bracket_items(&live, &names, bracket_holders);
    let by_delegation = by_delegation(roster, &ad_referendum, &bracket_items);
    let not_agreed_of = |kind: StatusKind| -> Vec<String> {
        live.iter()
            .filter(|p| p.paragraph.status.kind() == kind)
            .map(|p| p.paragraph.label.clone())
            .collect()
    };
    let bracketed = not_agreed_of(StatusKind::Bracketed);
    let pending = not_agreed_of(StatusKind::Pending);
    let proposed = not_agreed_of(StatusKind::Proposed);
    let mut brackets_open = BracketCount::default();
    for c in live.iter().filter_map(|p| brackets::count(&p.paragraph.text).ok()) {
        brackets_open.brackets += c.brackets;
        brackets_open.options += c.options;
    }
    let sentence = sentence(&ad_referendum, &bracketed, &pending, &proposed, &brackets_open);
    StatusSummary {
        round: document.round.number,
        total: live.len(),
        counts: count_statuses(paragraphs),
        ad_referendum,
        by_delegation,
        not_agreed: [bracketed, pending, proposed].concat(),
        brackets: brackets_open,
        sentence,
    }
}

/// The paragraphs agreed ad referendum, and the whole text when it is, with their deadlines.
fn ad_referendum_items(
    document: &Document,
    live: &[&NumberedParagraph],
    names: &References,
    now: DateTime<Utc>,
) -> Vec<PendingItem> {
    let mut items: Vec<PendingItem> = live
        .iter()
        .filter_map(|p| match &p.paragraph.status {
            Status::AdReferendum(a) => Some(PendingItem {
                paragraph: Some(p.paragraph.id),
                label: p.paragraph.label.clone(),
                reference: names.name(p),
                reason: PendingReason::AdReferendum,
                delegations: a.delegations.clone(),
                deadline: a.deadline,
                silence_over: a.deadline.is_some_and(|d| d <= now),
            }),
            _ => None,
        })
        .collect();
    if !document.negotiation.whole_text_ad_referendum.is_empty() {
        items.push(PendingItem {
            paragraph: None,
            label: "Whole text".into(),
            reference: "the whole text".into(),
            reason: PendingReason::AdReferendum,
            delegations: document.negotiation.whole_text_ad_referendum.clone(),
            deadline: None,
            silence_over: false,
        });
    }
    items
}

/// The paragraphs in which delegations hold brackets, with who holds them.
fn bracket_items(
    live: &[&NumberedParagraph],
    names: &References,
    bracket_holders: &BTreeMap<ParagraphId, Vec<String>>,
) -> Vec<PendingItem> {
    live.iter()
        .filter_map(|p| {
            let holders = bracket_holders.get(&p.paragraph.id).filter(|h| !h.is_empty())?;
            Some(PendingItem {
                paragraph: Some(p.paragraph.id),
                label: p.paragraph.label.clone(),
                reference: names.name(p),
                reason: PendingReason::HoldsBracket,
                delegations: holders.clone(),
                deadline: None,
                silence_over: false,
            })
        })
        .collect()
}

/// What each delegation owes, roster first, then any other delegation named in an item.
fn by_delegation(
    roster: &[String],
    ad_referendum: &[PendingItem],
    bracket_items: &[PendingItem],
) -> Vec<DelegationPending> {
    let mut delegations: Vec<String> = roster.to_vec();
    for d in ad_referendum.iter().chain(bracket_items).flat_map(|item| &item.delegations) {
        if !delegations.contains(d) {
            delegations.push(d.clone());
        }
    }
    delegations
        .into_iter()
        .filter_map(|delegation| {
            let items: Vec<PendingItem> = ad_referendum
                .iter()
                .chain(bracket_items)
                .filter(|i| i.delegations.contains(&delegation))
                .cloned()
                .collect();
            (!items.is_empty()).then_some(DelegationPending { delegation, items })
        })
        .collect()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn sentence(
    ad_referendum: &[PendingItem],
    bracketed: &[String],
    pending: &[String],
    proposed: &[String],
    open: &BracketCount,
) -> String {
    let mut sentences = Vec::new();
    if !ad_referendum.is_empty() {
        let mut delegations: Vec<&String> =
            ad_referendum.iter().flat_map(|i| &i.delegations).collect();
        delegations.sort();
        delegations.dedup();
        let points: Vec<String> = ad_referendum
            .iter()
            .map(|i| format!("{} ({})", i.reference, join_and(&i.delegations)))
            .collect();
        sentences.push(format!(
            "The draft contains {} on which agreement from {} is still pending: {}.",
            plural(ad_referendum.len(), "point", "points"),
            plural(delegations.len(), "delegation", "delegations"),
            join_and(&points)
        ));
    }
    let mut open_parts = Vec::new();
    if !bracketed.is_empty() {
        open_parts.push(format!(
            "{} ({})",
            plural(bracketed.len(), "bracketed paragraph", "bracketed paragraphs"),
            bracketed.join(", ")
        ));
    }
    if !pending.is_empty() {
        open_parts.push(format!(
            "{} under discussion ({})",
            plural(pending.len(), "paragraph", "paragraphs"),
            pending.join(", ")
        ));
    }
    if !proposed.is_empty() {
        open_parts.push(format!(
            "{} ({})",
            plural(proposed.len(), "proposed paragraph", "proposed paragraphs"),
            proposed.join(", ")
        ));
    }
    if !open_parts.is_empty() {
        sentences.push(format!("Not yet agreed: {}.", join_and(&open_parts)));
    }
    if open.brackets > 0 {
        let options = if open.options > 0 {
            format!(" with {}", plural(open.options, "option", "options"))
        } else {
            String::new()
        };
        sentences.push(format!(
            "The text holds {}{options}.",
            plural(open.brackets, "open bracket", "open brackets")
        ));
    }
    if sentences.is_empty() {
        "The draft is agreed in full.".into()
    } else {
        sentences.join(" ")
    }
}
