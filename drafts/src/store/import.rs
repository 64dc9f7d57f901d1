//! Imported drafts into the store, in one transaction: as round 1 of a new negotiation, or as a
//! revision of the open round of an existing one.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp};
use ts_rs::TS;

use super::paragraphs::relabel;
use super::rows::{self, Row};
use super::{brackets as records, Store};
use crate::import::{ImportedDraft, ImportedParagraph, ImportedStatus};
use crate::model::{AdReferendum, Paragraph, ParagraphId, ParagraphKind, Status, StatusKind};
use crate::{numbering, Error, Result};

/// What importing a revision into the open round did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionImport {
    /// Paragraphs found unchanged.
    pub kept: usize,
    /// Paragraphs found again with amended text, kind or status (same paragraph, same id).
    pub amended: usize,
    /// Paragraphs new in the revision.
    pub added: usize,
    /// Paragraphs missing from the revision: deleted, and kept for history.
    pub deleted: usize,
}

/// An imported paragraph's text must be at least this similar to an unmatched paragraph of the
/// same kind, at the same place, to count as an amended version of it.
const AMENDED_SIMILARITY: f32 = 0.5;

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
        rows::log(&tx, round.number, None, "imported", &draft.paragraphs.len().to_string())?;
        tx.commit()?;
        Ok(())
    }

    /// Takes an imported revision ("rev.2" as a Word file) as the new text of the open round.
    /// Paragraphs are found again by their text: unchanged ones keep everything, amended ones
    /// (same kind, similar text, same place) keep their identity so comparisons show the amended
    /// words, new ones are added and missing ones deleted. Statuses follow the revision.
    pub fn import_revision(&mut self, draft: &ImportedDraft) -> Result<RevisionImport> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        add_named_delegations(&tx, draft)?;
        let current = rows::load(&tx, round.number)?;
        let live: Vec<&Row> =
            current.iter().filter(|r| r.paragraph.status.kind() != StatusKind::Deleted).collect();
        let existing: Vec<(ParagraphKind, &str)> =
            live.iter().map(|r| (r.paragraph.kind, r.paragraph.text.as_str())).collect();
        let incoming: Vec<(ParagraphKind, &str)> =
            draft.paragraphs.iter().map(|p| (p.kind, p.text.as_str())).collect();
        let matches = align(&existing, &incoming);

        let ids: Vec<ParagraphId> = matches
            .iter()
            .map(|m| m.map_or_else(ParagraphId::new, |j| live[j].paragraph.id))
            .collect();
        let now = Utc::now();
        let mut report = RevisionImport::default();
        let mut labels: Vec<String> = current.iter().map(|r| r.paragraph.label.clone()).collect();
        let mut order: Vec<Row> = Vec::with_capacity(current.len() + draft.paragraphs.len());
        for (i, p) in draft.paragraphs.iter().enumerate() {
            let mut paragraph = imported_paragraph(i, p, &ids, ids[i], now)?;
            match matches[i].map(|j| live[j]) {
                Some(old) => {
                    paragraph.label = old.paragraph.label.clone();
                    paragraph.notes = old.paragraph.notes.clone();
                    if p.proposers.is_empty() {
                        paragraph.proposers = old.paragraph.proposers.clone();
                    }
                    if p.footnotes.is_empty() {
                        paragraph.footnotes = old.paragraph.footnotes.clone();
                    }
                    if same_status(&old.paragraph.status, &paragraph.status) {
                        paragraph.status = old.paragraph.status.clone();
                    }
                    if paragraph == old.paragraph {
                        report.kept += 1;
                    } else {
                        report.amended += 1;
                    }
                }
                None => {
                    let previous = order
                        .iter()
                        .rev()
                        .find(|r| r.paragraph.kind == p.kind)
                        .map(|r| r.paragraph.label.clone());
                    paragraph.label =
                        numbering::insertion_label(&labels, previous.as_deref(), p.kind);
                    labels.push(paragraph.label.clone());
                    report.added += 1;
                }
            }
            order.push(Row { paragraph, position: 0.0 });
        }
        // Paragraphs the revision no longer has stay, deleted, after their old predecessor.
        let matched: Vec<ParagraphId> = ids.clone();
        for (k, row) in current.iter().enumerate() {
            if matched.contains(&row.paragraph.id) {
                continue;
            }
            let mut gone = row.clone();
            if gone.paragraph.status.kind() != StatusKind::Deleted {
                gone.paragraph.status = Status::Deleted;
                report.deleted += 1;
            }
            let at = current[..k]
                .iter()
                .rev()
                .find_map(|prev| order.iter().position(|r| r.paragraph.id == prev.paragraph.id))
                .map_or(0, |p| p + 1);
            order.insert(at, gone);
        }
        for (i, row) in order.iter_mut().enumerate() {
            row.position = (i as f64 + 1.0) * 1024.0;
            rows::write(&tx, round.number, row)?;
            records::sync(&tx, round.number, row.paragraph.id, &row.paragraph.text, None)?;
        }
        if round.number == 1 {
            relabel(&tx, round.number)?;
        }
        let detail = format!(
            "{} kept, {} amended, {} added, {} deleted",
            report.kept, report.amended, report.added, report.deleted
        );
        rows::log(&tx, round.number, None, "imported_revision", &detail)?;
        tx.commit()?;
        self.forget_undo_history();
        Ok(report)
    }
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

/// For each incoming paragraph, the existing paragraph it is a version of. Identical paragraphs
/// are matched first, keeping their order; between two such anchors, paragraphs of the same kind
/// whose words are similar enough are taken as amended versions of each other.
fn align(
    existing: &[(ParagraphKind, &str)],
    incoming: &[(ParagraphKind, &str)],
) -> Vec<Option<usize>> {
    let mut matches = vec![None; incoming.len()];
    for op in similar::capture_diff_slices(Algorithm::Myers, existing, incoming) {
        match op {
            DiffOp::Equal { old_index, new_index, len } => {
                for k in 0..len {
                    matches[new_index + k] = Some(old_index + k);
                }
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let mut next_old = old_index;
                for i in new_index..new_index + new_len {
                    let found = (next_old..old_index + old_len).find(|&j| {
                        existing[j].0 == incoming[i].0
                            && similarity(existing[j].1, incoming[i].1) >= AMENDED_SIMILARITY
                    });
                    if let Some(j) = found {
                        matches[i] = Some(j);
                        next_old = j + 1;
                    }
                }
            }
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => {}
        }
    }
    matches
}

/// How much of two texts' words they share, in order: from 0 (nothing) to 1 (the same words).
fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<&str> = a.split_whitespace().collect();
    let b: Vec<&str> = b.split_whitespace().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared: usize = similar::capture_diff_slices(Algorithm::Myers, &a, &b)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum();
    2.0 * shared as f32 / (a.len() + b.len()) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::CloseRound;

    const OP: ParagraphKind = ParagraphKind::Operative;

    #[test]
    fn identical_paragraphs_anchor_and_similar_ones_are_amendments() {
        let existing =
            [(OP, "Decide to act now."), (OP, "Request a report."), (OP, "Thank the host.")];
        let incoming = [
            (OP, "Decide to act now."),
            (OP, "Request a detailed report."),
            (OP, "Welcome the offer of Peru."),
            (OP, "Thank the host."),
        ];
        assert_eq!(align(&existing, &incoming), [Some(0), Some(1), None, Some(2)]);
        let other_kind = [(ParagraphKind::Preambular, "Request a report.")];
        assert_eq!(align(&existing[1..2], &other_kind), [None]);
    }

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
        let report = store.import_revision(&crate::import::import_text(revised).unwrap()).unwrap();
        assert_eq!(report, RevisionImport { kept: 3, amended: 1, added: 1, deleted: 1 });

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
}
