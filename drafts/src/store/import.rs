//! Imported drafts into the store, in one transaction: as round 1 of a new negotiation, or as a
//! revision of the open round of an existing one.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::labels::relabel;
use super::rows::{self, Row};
use super::{brackets as records, events, Store};
use crate::diff::{self, TextSpan};
use crate::import::{ImportedDraft, ImportedParagraph, ImportedStatus};
use crate::matching::{self, Link, Matching, Side};
use crate::model::{AdReferendum, Paragraph, ParagraphId, Status, StatusKind};
use crate::{numbering, Error, Result};

/// What importing a revision into the open round did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionImport {
    /// Paragraphs found unchanged (moved or not).
    pub kept: usize,
    /// Paragraphs found again with amended text, kind or status (same paragraph, same id).
    pub amended: usize,
    /// Paragraphs found again elsewhere in the text (also counted as kept or amended).
    pub moved: usize,
    /// Paragraphs new in the revision.
    pub added: usize,
    /// Paragraphs split off an existing one (new paragraphs, linked to it).
    pub split: usize,
    /// Paragraphs merged into another one (kept, deleted, for history).
    pub merged: usize,
    /// Paragraphs missing from the revision: deleted, and kept for history.
    pub deleted: usize,
}

/// What each paragraph of a revision would be, shown to the chair before anything is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionPlan {
    /// Per paragraph of the revision, in its order.
    pub paragraphs: Vec<PlannedParagraph>,
    /// The open round's paragraphs the revision no longer has: deleted or merged.
    pub removed: Vec<RemovedParagraph>,
    pub counts: RevisionImport,
}

/// A paragraph of the revision and the paragraph of the open round it was found to be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlannedParagraph {
    /// Its index in the imported draft.
    pub index: usize,
    pub correspondence: Correspondence,
    /// How sure the match is, in percent (100 for an unchanged text or the chair's choice).
    pub confidence: u8,
    /// "OP7, moved from after OP3, 3 words changed", "split from OP7", "new".
    pub description: String,
    /// The words changed from the paragraph it continues (empty when none changed).
    pub changes: Vec<TextSpan>,
}

/// What a paragraph of a revision is to the text it revises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Correspondence {
    /// A version of paragraph `id` (label `label`), which keeps its identity.
    Same {
        id: ParagraphId,
        label: String,
        /// Where it stood before, when it moved: "after OP3", "at the start".
        moved_from: Option<String>,
        words_changed: usize,
        /// It became another kind of paragraph (a preambular one operative).
        kind_changed: bool,
        /// Labels of paragraphs merged into it.
        merged_with: Vec<String>,
    },
    /// A part split off paragraph `id` (label `label`).
    SplitFrom {
        id: ParagraphId,
        label: String,
    },
    New,
}

/// A paragraph of the open round that the revision no longer has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RemovedParagraph {
    pub id: ParagraphId,
    pub label: String,
    /// The label of the paragraph it was merged into; none when deleted.
    pub merged_into: Option<String>,
}

/// The chair's correction of a match: paragraph `index` of the revision is paragraph `of` of the
/// open round, or new when `of` is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionCorrection {
    pub index: usize,
    pub of: Option<ParagraphId>,
}

impl Store {
    /// Creates a negotiation file from an imported draft: its paragraphs and statuses become
    /// round 1. Delegations named in the draft but missing from the roster are added to it.
    pub fn create_from_import(path: &Path, draft: &ImportedDraft) -> Result<Store> {
        let mut store = Store::create(path, draft.meta.clone())?;
        let result = store.write_import(draft);
        if let Err(e) = result {
            drop(store);
            for suffix in ["", "-wal", "-shm"] {
                let mut file = path.as_os_str().to_owned();
                file.push(suffix);
                std::fs::remove_file(&file).ok();
            }
            return Err(e);
        }
        Ok(store)
    }

    fn write_import(&mut self, draft: &ImportedDraft) -> Result<()> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        add_named_delegations(&tx, draft)?;
        let ids: Vec<ParagraphId> = draft.paragraphs.iter().map(|_| ParagraphId::new()).collect();
        let now = Utc::now();
        for (i, p) in draft.paragraphs.iter().enumerate() {
            let row = Row {
                paragraph: imported_paragraph(i, p, &ids, ids[i], now)?,
                position: (i as f64 + 1.0) * 1024.0,
            };
            rows::write(&tx, round.number, &row)?;
            records::sync(&tx, round.number, ids[i], &p.text, None)?;
        }
        relabel(&tx, round.number)?;
        events::log(&tx, round.number, None, "imported", &draft.paragraphs.len().to_string())?;
        tx.commit()?;
        Ok(())
    }

    /// What each paragraph of an imported revision would be to the open round's text, with the
    /// chair's corrections applied; nothing is written.
    pub fn plan_revision(
        &self,
        draft: &ImportedDraft,
        corrections: &[RevisionCorrection],
    ) -> Result<RevisionPlan> {
        let round = rows::open_round(&self.conn)?;
        let current = rows::load(&self.conn, round.number)?;
        let live = live_rows(&current);
        let matching = match_draft(&live, draft, corrections)?;
        Ok(describe(&live, draft, &matching))
    }

    /// Takes an imported revision ("rev.2" as a Word file) as the new text of the open round.
    /// Paragraphs are found again by what they say (see [`crate::matching`]), with the chair's
    /// corrections: found ones keep their identity, status history, brackets and proposals,
    /// wherever they moved; parts split off a paragraph and paragraphs merged into another are
    /// linked to it in the log; only what really is new is added and only what really is gone
    /// deleted. Statuses follow the revision.
    pub fn import_revision(
        &mut self,
        draft: &ImportedDraft,
        corrections: &[RevisionCorrection],
    ) -> Result<RevisionImport> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        add_named_delegations(&tx, draft)?;
        let current = rows::load(&tx, round.number)?;
        let live = live_rows(&current);
        let matching = match_draft(&live, draft, corrections)?;
        let plan = describe(&live, draft, &matching);
        let ids: Vec<ParagraphId> = (0..draft.paragraphs.len())
            .map(|n| matching.same(n).map_or_else(ParagraphId::new, |o| live[o].paragraph.id))
            .collect();
        let order = revised_order(&current, &live, draft, &matching, &ids)?;
        let before: HashMap<ParagraphId, &Row> =
            current.iter().map(|r| (r.paragraph.id, r)).collect();
        for row in order.iter().filter(|row| before.get(&row.paragraph.id) != Some(row)) {
            rows::write(&tx, round.number, row)?;
            records::sync(&tx, round.number, row.paragraph.id, &row.paragraph.text, None)?;
        }
        if round.number == 1 {
            relabel(&tx, round.number)?;
        }
        log_lineage(&tx, round.number, &ids, &order, &plan)?;
        let c = &plan.counts;
        let detail = format!(
            "{} kept, {} amended, {} moved, {} added, {} split, {} merged, {} deleted",
            c.kept, c.amended, c.moved, c.added, c.split, c.merged, c.deleted
        );
        events::log(&tx, round.number, None, "imported_revision", &detail)?;
        tx.commit()?;
        self.forget_undo_history();
        Ok(plan.counts)
    }
}

/// The open round's paragraphs that are not deleted, in order.
fn live_rows(current: &[Row]) -> Vec<&Row> {
    current.iter().filter(|r| r.paragraph.status.kind() != StatusKind::Deleted).collect()
}

/// Matches a draft's paragraphs to the live ones, the chair's corrections first.
fn match_draft(
    live: &[&Row],
    draft: &ImportedDraft,
    corrections: &[RevisionCorrection],
) -> Result<Matching> {
    let old: Vec<Side> = live
        .iter()
        .map(|r| Side {
            kind: r.paragraph.kind,
            label: &r.paragraph.label,
            text: &r.paragraph.text,
        })
        .collect();
    let new: Vec<Side> = draft
        .paragraphs
        .iter()
        .map(|p| Side { kind: p.kind, label: label_hint(p), text: &p.text })
        .collect();
    let mut fixed = Vec::with_capacity(corrections.len());
    for c in corrections {
        if c.index >= new.len() {
            return Err(Error::Invalid(format!(
                "the revision has no paragraph {} to correct",
                c.index + 1
            )));
        }
        let of = match c.of {
            Some(id) => Some(
                live.iter()
                    .position(|r| r.paragraph.id == id)
                    .ok_or_else(|| Error::UnknownParagraph(id.to_string()))?,
            ),
            None => None,
        };
        fixed.push((c.index, of));
    }
    Ok(matching::match_revision(&old, &new, &fixed))
}

/// The working label a revision shows for a paragraph ("OP7bis", "PP3"), a hint to the match.
fn label_hint(p: &ImportedParagraph) -> &str {
    match p.source_number.as_deref() {
        Some(n) if n.starts_with("PP") || n.starts_with("OP") => n,
        _ => "",
    }
}

/// What the matching means for each paragraph, in the chair's words.
fn describe(live: &[&Row], draft: &ImportedDraft, m: &Matching) -> RevisionPlan {
    let label = |o: usize| live[o].paragraph.label.clone();
    let mut counts = RevisionImport::default();
    let mut paragraphs = Vec::with_capacity(draft.paragraphs.len());
    let mut merged_with: Vec<Vec<String>> = vec![Vec::new(); draft.paragraphs.len()];
    for (o, into) in m.merged_into.iter().enumerate() {
        if let Some(n) = into {
            merged_with[*n].push(label(o));
        }
    }
    for (n, p) in draft.paragraphs.iter().enumerate() {
        let mut changes = Vec::new();
        let (correspondence, score) = match m.links[n] {
            Link::Same { old, score } => {
                let merged = std::mem::take(&mut merged_with[n]);
                let correspondence = continued(live, m, n, old, p, merged, &mut counts);
                if let Correspondence::Same { words_changed: 1.., .. } = correspondence {
                    changes = diff::word_diff(&live[old].paragraph.text, &p.text);
                }
                (correspondence, score)
            }
            Link::SplitFrom { old, score } => {
                counts.split += 1;
                (Correspondence::SplitFrom { id: live[old].paragraph.id, label: label(old) }, score)
            }
            Link::New => {
                counts.added += 1;
                (Correspondence::New, 1.0)
            }
        };
        let description = correspondence.describe();
        let confidence = (score * 100.0).round().clamp(0.0, 100.0) as u8;
        paragraphs.push(PlannedParagraph {
            index: n,
            correspondence,
            confidence,
            description,
            changes,
        });
    }
    let taken: Vec<bool> = {
        let mut t = vec![false; live.len()];
        (0..paragraphs.len()).filter_map(|n| m.same(n)).for_each(|o| t[o] = true);
        t
    };
    let removed: Vec<RemovedParagraph> = (0..live.len())
        .filter(|&o| !taken[o])
        .map(|o| RemovedParagraph {
            id: live[o].paragraph.id,
            label: label(o),
            merged_into: m.merged_into[o].and_then(|n| match m.links[n] {
                Link::Same { old, .. } => Some(label(old)),
                _ => None,
            }),
        })
        .collect();
    counts.deleted = removed.iter().filter(|r| r.merged_into.is_none()).count();
    RevisionPlan { paragraphs, removed, counts }
}

/// What revision paragraph `n` is to live paragraph `old` it continues, with the paragraphs
/// merged into it, counted in `counts`.
fn continued(
    live: &[&Row],
    m: &Matching,
    n: usize,
    old: usize,
    p: &ImportedParagraph,
    merged_with: Vec<String>,
    counts: &mut RevisionImport,
) -> Correspondence {
    let label = |o: usize| live[o].paragraph.label.clone();
    let moved_from = m.moved[n].then(|| match old.checked_sub(1) {
        Some(before) => format!("after {}", label(before)),
        None => "at the start".to_string(),
    });
    let was = &live[old].paragraph;
    let words_changed = matching::words_changed(&was.text, &p.text);
    let kind_changed = was.kind != p.kind;
    let unchanged = words_changed == 0 && !kind_changed;
    counts.kept += usize::from(unchanged);
    counts.amended += usize::from(!unchanged);
    counts.moved += usize::from(moved_from.is_some());
    counts.merged += merged_with.len();
    Correspondence::Same {
        id: was.id,
        label: label(old),
        moved_from,
        words_changed,
        kind_changed,
        merged_with,
    }
}

impl Correspondence {
    /// The correspondence in the chair's words.
    pub fn describe(&self) -> String {
        match self {
            Correspondence::Same {
                label,
                moved_from,
                words_changed,
                kind_changed,
                merged_with,
                ..
            } => {
                let mut parts = vec![label.clone()];
                if let Some(from) = moved_from {
                    parts.push(format!("moved from {from}"));
                }
                if *kind_changed {
                    parts.push("kind changed".to_string());
                }
                parts.push(match words_changed {
                    0 if *kind_changed => "same words".to_string(),
                    0 => "unchanged".to_string(),
                    1 => "1 word changed".to_string(),
                    n => format!("{n} words changed"),
                });
                if !merged_with.is_empty() {
                    parts.push(format!("merged with {}", merged_with.join(", ")));
                }
                parts.join(", ")
            }
            Correspondence::SplitFrom { label, .. } => format!("split from {label}"),
            Correspondence::New => "new".to_string(),
        }
    }
}

/// The open round's rows after the revision: its paragraphs in its order (found ones keeping
/// their identity, label, notes and what the revision does not say), with the paragraphs it no
/// longer has kept, deleted, after their old predecessor.
fn revised_order(
    current: &[Row],
    live: &[&Row],
    draft: &ImportedDraft,
    m: &Matching,
    ids: &[ParagraphId],
) -> Result<Vec<Row>> {
    let now = Utc::now();
    let mut labels: Vec<String> = current.iter().map(|r| r.paragraph.label.clone()).collect();
    let mut order: Vec<(Row, Option<f64>)> =
        Vec::with_capacity(current.len() + draft.paragraphs.len());
    for (n, p) in draft.paragraphs.iter().enumerate() {
        let mut paragraph = imported_paragraph(n, p, ids, ids[n], now)?;
        let was = m.same(n).map(|o| live[o]);
        match was {
            Some(old) => keep_what_the_revision_does_not_say(&mut paragraph, &old.paragraph, p),
            None => {
                let previous = order
                    .iter()
                    .rev()
                    .find(|(r, _)| r.paragraph.kind == p.kind)
                    .map(|(r, _)| r)
                    .map(|r| r.paragraph.label.clone());
                paragraph.label = numbering::insertion_label(&labels, previous.as_deref(), p.kind);
                labels.push(paragraph.label.clone());
            }
        }
        order.push((Row { paragraph, position: 0.0 }, was.map(|r| r.position)));
    }
    Ok(placed(with_the_gone(current, ids, order)))
}

/// `order` with the open round's rows the revision no longer has (`ids` are the ones it has),
/// deleted, each after the row that came before it in the open round.
fn with_the_gone(
    current: &[Row],
    ids: &[ParagraphId],
    order: Vec<(Row, Option<f64>)>,
) -> Vec<(Row, Option<f64>)> {
    let kept: HashSet<ParagraphId> = ids.iter().copied().collect();
    let mut leading = Vec::new();
    let mut after: HashMap<ParagraphId, Vec<(Row, Option<f64>)>> = HashMap::new();
    let mut previous: Option<ParagraphId> = None;
    for row in current {
        if kept.contains(&row.paragraph.id) {
            previous = Some(row.paragraph.id);
            continue;
        }
        let mut gone = row.clone();
        gone.paragraph.status = Status::Deleted;
        let entry = (gone, Some(row.position));
        match previous {
            Some(id) => after.entry(id).or_default().push(entry),
            None => leading.push(entry),
        }
    }
    let mut rows = leading;
    rows.reserve(order.len() + after.values().map(Vec::len).sum::<usize>());
    for entry in order {
        let id = entry.0.paragraph.id;
        rows.push(entry);
        rows.extend(after.remove(&id).unwrap_or_default());
    }
    rows
}

/// The rows with their positions: those still in their old order keep their old position (so that
/// an unchanged paragraph is not written again), the others are spaced between their neighbours.
fn placed(order: Vec<(Row, Option<f64>)>) -> Vec<Row> {
    let old: Vec<(usize, f64)> =
        order.iter().enumerate().filter_map(|(i, (_, p))| p.map(|p| (i, p))).collect();
    let mut ranks: Vec<f64> = old.iter().map(|(_, p)| *p).collect();
    ranks.sort_by(f64::total_cmp);
    let ranked: Vec<usize> = old.iter().map(|(_, p)| ranks.partition_point(|r| r < p)).collect();
    let kept = matching::longest_increasing(&ranked);
    let mut anchors: Vec<Option<f64>> = vec![None; order.len()];
    for (k, (i, p)) in old.iter().enumerate() {
        if kept.contains(&k) {
            anchors[*i] = Some(*p);
        }
    }
    let mut rows: Vec<Row> = order.into_iter().map(|(r, _)| r).collect();
    let mut start = 0;
    while start < rows.len() {
        let lower = start.checked_sub(1).and_then(|i| anchors[i]).unwrap_or(0.0);
        let end = (start..rows.len()).find(|&i| anchors[i].is_some()).unwrap_or(rows.len());
        let upper = anchors.get(end).copied().flatten();
        let gap = (end - start) as f64 + 1.0;
        let step = upper.map_or(1024.0, |u| (u - lower) / gap);
        if step < 1e-6 {
            return renumbered(rows);
        }
        for (k, i) in (start..end).enumerate() {
            rows[i].position = lower + step * (k as f64 + 1.0);
        }
        if let Some(u) = upper {
            rows[end].position = u;
        }
        start = end + 1;
    }
    rows
}

/// The rows placed evenly, in their order: when paragraphs were squeezed too often between the
/// same two.
fn renumbered(mut rows: Vec<Row>) -> Vec<Row> {
    for (i, row) in rows.iter_mut().enumerate() {
        row.position = (i as f64 + 1.0) * 1024.0;
    }
    rows
}

/// A found paragraph keeps its label and notes, and its proposers, footnotes and ad referendum
/// dates when the revision says nothing new of them.
fn keep_what_the_revision_does_not_say(
    paragraph: &mut Paragraph,
    old: &Paragraph,
    p: &ImportedParagraph,
) {
    paragraph.label = old.label.clone();
    paragraph.notes = old.notes.clone();
    if p.proposers.is_empty() {
        paragraph.proposers = old.proposers.clone();
    }
    if p.footnotes.is_empty() {
        paragraph.footnotes = old.footnotes.clone();
    }
    if same_status(&old.status, &paragraph.status) {
        paragraph.status = old.status.clone();
    }
}

/// Logs, on each paragraph concerned, the moves, splits and merges a revision brought; `ids`
/// are the revision's paragraphs' ids, `order` the rows written.
fn log_lineage(
    conn: &Connection,
    round: u32,
    ids: &[ParagraphId],
    order: &[Row],
    plan: &RevisionPlan,
) -> Result<()> {
    let label_of = |id: ParagraphId| {
        order
            .iter()
            .find(|r| r.paragraph.id == id)
            .map_or_else(String::new, |r| r.paragraph.label.clone())
    };
    for (planned, &id) in plan.paragraphs.iter().zip(ids) {
        match &planned.correspondence {
            Correspondence::Same { moved_from: Some(from), .. } => {
                let detail = format!("from {from} (revision imported)");
                events::log(conn, round, Some(id), "moved", &detail)?;
            }
            Correspondence::SplitFrom { id: source, label } => {
                events::log(conn, round, Some(id), "split_from", label)?;
                events::log(conn, round, Some(*source), "split_into", &label_of(id))?;
            }
            Correspondence::Same { .. } | Correspondence::New => {}
        }
    }
    for gone in &plan.removed {
        let Some(into) = &gone.merged_into else { continue };
        events::log(conn, round, Some(gone.id), "merged_into", into)?;
        if let Some(survivor) = order.iter().find(|r| &r.paragraph.label == into) {
            events::log(conn, round, Some(survivor.paragraph.id), "merged_with", &gone.label)?;
        }
    }
    Ok(())
}

/// Adds to the roster the delegations a draft names that are not on it yet.
fn add_named_delegations(conn: &Connection, draft: &ImportedDraft) -> Result<()> {
    let mut named: Vec<&String> = draft.meta.whole_text_ad_referendum.iter().collect();
    for p in &draft.paragraphs {
        named.extend(&p.proposers);
        if let ImportedStatus::AdReferendum { delegations } = &p.status {
            named.extend(delegations);
        }
    }
    for name in named {
        conn.execute(
            "INSERT OR IGNORE INTO delegations (name, kind, position)
             VALUES (?1, 'member', (SELECT COALESCE(MAX(position), -1) + 1 FROM delegations))",
            params![name],
        )?;
    }
    Ok(())
}

/// The paragraph an imported one becomes (label left empty), its parent resolved through `ids`.
pub(super) fn imported_paragraph(
    index: usize,
    p: &ImportedParagraph,
    ids: &[ParagraphId],
    id: ParagraphId,
    now: DateTime<Utc>,
) -> Result<Paragraph> {
    let parent = match p.parent {
        Some(j) => Some(*ids.get(j).ok_or_else(|| {
            Error::Invalid(format!("paragraph {} belongs to a missing paragraph", index + 1))
        })?),
        None => None,
    };
    let status = match &p.status {
        ImportedStatus::Agreed => Status::Agreed,
        ImportedStatus::AdReferendum { delegations } => Status::AdReferendum(AdReferendum {
            delegations: delegations.clone(),
            since: now,
            deadline: None,
        }),
        ImportedStatus::Bracketed => Status::Bracketed,
        ImportedStatus::Pending => Status::Pending,
        ImportedStatus::Proposed => Status::Proposed,
    };
    Ok(Paragraph {
        id,
        kind: p.kind,
        parent,
        text: p.text.clone(),
        status,
        footnotes: p.footnotes.clone(),
        proposers: p.proposers.clone(),
        notes: String::new(),
        label: String::new(),
    })
}

/// Whether two statuses say the same thing (an ad referendum keeps its date and deadline when
/// the same delegations still hold it).
fn same_status(old: &Status, new: &Status) -> bool {
    match (old, new) {
        (Status::AdReferendum(a), Status::AdReferendum(b)) => a.delegations == b.delegations,
        _ => old == new,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::CloseRound;

    #[test]
    fn a_revision_becomes_the_open_rounds_text_with_identities_kept() {
        let dir = tempfile::tempdir().unwrap();
        let text = "DRAFT RESOLUTION\n\nRECOGNIZING the work done;\n\nRESOLVES:\n\n\
                    1. To act now.\n\n2. To request a report from the Secretariat.\n\n\
                    3. To thank the host country.\n";
        let first = crate::import::import_text(text).unwrap();
        let mut store = Store::create_from_import(&dir.path().join("r.accord"), &first).unwrap();
        store.close_round(CloseRound::default()).unwrap();
        let before = store.document(None).unwrap();
        let request = before.paragraphs.iter().find(|p| p.paragraph.label == "OP2").unwrap();
        let thanks = before.paragraphs.iter().find(|p| p.paragraph.label == "OP3").unwrap();

        let revised = "DRAFT RESOLUTION\n\nRECOGNIZING the work done;\n\nRESOLVES:\n\n\
                       1. To act now.\n\n2. To request a detailed report from the Secretariat. \
                       (Pending)\n\n3. To welcome the offer of Peru to host the next meeting.\n";
        let revised = crate::import::import_text(revised).unwrap();
        let report = store.import_revision(&revised, &[]).unwrap();
        assert_eq!(
            report,
            RevisionImport { kept: 3, amended: 1, added: 1, deleted: 1, ..Default::default() }
        );

        let after = store.document(None).unwrap();
        let amended = after.paragraphs.iter().find(|p| p.paragraph.id == request.paragraph.id);
        let amended = amended.unwrap();
        assert_eq!(amended.paragraph.label, "OP2");
        assert_eq!(amended.paragraph.status, Status::Pending);
        let gone = after.paragraphs.iter().find(|p| p.paragraph.id == thanks.paragraph.id);
        assert_eq!(gone.unwrap().paragraph.status, Status::Deleted);
        let added = after.paragraphs.iter().find(|p| p.paragraph.text.contains("Peru")).unwrap();
        assert_eq!(added.paragraph.label, "OP2bis");

        let diff = store.diff(1, 2).unwrap();
        let change = diff.changes.iter().find(|c| c.id == request.paragraph.id).unwrap();
        assert!(change.text_changed && change.status_changed && !change.added);
        assert_eq!(diff.stats.added, 1);
        assert_eq!(diff.stats.deleted, 1);
    }

    const FIRST: &str = "DRAFT RESOLUTION\n\nRESOLVES:\n\n\
        1. To request the Secretariat to prepare a report on the implementation of this resolution.\n\n\
        2. To thank the Government of Peru for hosting the meeting of experts in Lima.\n\n\
        3. To urge member states to strengthen national policies against transnational crime \
        and to invite civil society and academia to take part in the regional dialogue.\n\n\
        4. To instruct the Permanent Council to follow up on the declaration.\n\n\
        5. To convene a second meeting of the Council in the next year.\n";

    /// OP2 moved to the end, OP3 split in two, OP4 and OP5 merged.
    const REVISED: &str = "DRAFT RESOLUTION\n\nRESOLVES:\n\n\
        1. To request the Secretariat to prepare a report on the implementation of this resolution.\n\n\
        2. To urge member states to strengthen national policies against transnational crime.\n\n\
        3. To invite civil society and academia to take part in the regional dialogue.\n\n\
        4. To instruct the Permanent Council to follow up on the declaration and to convene a \
        second meeting of the Council in the next year.\n\n\
        5. To thank the Government of Peru for hosting the meeting of experts in Lima.\n";

    #[test]
    fn moved_split_and_merged_paragraphs_keep_their_identity_and_say_so() {
        let dir = tempfile::tempdir().unwrap();
        let first = crate::import::import_text(FIRST).unwrap();
        let mut store = Store::create_from_import(&dir.path().join("m.accord"), &first).unwrap();
        store.close_round(CloseRound::default()).unwrap();
        let id = |label: &str| store.find_paragraph(label).unwrap();
        let (op2, op3, op4, op5) = (id("OP2"), id("OP3"), id("OP4"), id("OP5"));
        let revised = crate::import::import_text(REVISED).unwrap();

        let plan = store.plan_revision(&revised, &[]).unwrap();
        let described: Vec<&str> = plan.paragraphs.iter().map(|p| p.description.as_str()).collect();
        assert_eq!(
            described[1..],
            [
                "OP1, unchanged",
                "OP3, 14 words changed",
                "split from OP3",
                "OP4, 13 words changed, merged with OP5",
                "OP2, moved from after OP1, unchanged",
            ]
        );
        assert_eq!(plan.removed[0].merged_into.as_deref(), Some("OP4"));
        let report = store.import_revision(&revised, &[]).unwrap();
        assert_eq!(
            report,
            RevisionImport {
                kept: 3,
                amended: 2,
                moved: 1,
                added: 0,
                split: 1,
                merged: 1,
                deleted: 0
            }
        );

        let events = |id| store.history(id).unwrap().events;
        let has = |id, action: &str, detail: &str| {
            events(id).iter().any(|e| e.action == action && e.detail.starts_with(detail))
        };
        assert!(has(op2, "moved", "from after OP1"));
        assert!(has(op3, "split_into", "OP3bis"));
        assert!(has(op4, "merged_with", "OP5"));
        assert!(has(op5, "merged_into", "OP4"));
        let diff = store.diff(1, 2).unwrap();
        let lineage = |id| diff.changes.iter().find(|c| c.id == id).unwrap().lineage.clone();
        assert_eq!(lineage(op5).as_deref(), Some("merged into OP4"));
        let split = diff.changes.iter().find(|c| c.added).unwrap();
        assert_eq!(split.lineage.as_deref(), Some("split from OP3"));
        assert!(diff.changes.iter().find(|c| c.id == op2).unwrap().moved);
    }

    #[test]
    fn the_chairs_corrections_decide_and_bad_ones_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let first = crate::import::import_text(FIRST).unwrap();
        let store = Store::create_from_import(&dir.path().join("c.accord"), &first).unwrap();
        let revised = crate::import::import_text(REVISED).unwrap();
        let op5 = store.find_paragraph("OP5").unwrap();
        let thanks = RevisionCorrection { index: 5, of: None };
        let plan = store.plan_revision(&revised, std::slice::from_ref(&thanks)).unwrap();
        assert_eq!(plan.paragraphs[5].correspondence, Correspondence::New);
        assert!(plan.removed.iter().any(|r| r.label == "OP2" && r.merged_into.is_none()));
        let forced = RevisionCorrection { index: 2, of: Some(op5) };
        let plan = store.plan_revision(&revised, &[forced]).unwrap();
        assert!(plan.paragraphs[2].description.starts_with("OP5"));
        let beyond = RevisionCorrection { index: 99, of: None };
        assert!(matches!(store.plan_revision(&revised, &[beyond]), Err(Error::Invalid(_))));
    }
}
