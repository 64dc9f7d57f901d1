//! Word files from delegations: the circulated `.docx` sent back with tracked changes. Each
//! author's changes to a paragraph become one proposal of the delegation the author speaks for;
//! authors are mapped to delegations once and the mapping is remembered in the file.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};

use super::proposals::{insert_proposal, ProposalsImport};
use super::rows::{self, Row};
use super::{events, Store};
use crate::import::docx::accord_export_kind;
use crate::import::tracked::{tracked_changes, TrackedChange, TrackedParagraph};
use crate::model::{ParagraphId, ParagraphKind, StatusKind};
use crate::proposals::{self as logic, Hunk, Proposal, ProposalChange, ProposalId, ProposalsFile};
use crate::{Error, Result};

/// The exports a chair circulates and a delegation may send back with its tracked changes; any
/// other Accord export (a compilation, a comparison, a status report) is refused as proposals.
const RETURNABLE_EXPORTS: [&str; 2] = ["clean", "annotated"];

impl Store {
    /// Word authors and the delegations they speak for, by author.
    pub fn word_authors(&self) -> Result<Vec<(String, String)>> {
        let mut stmt =
            self.conn.prepare("SELECT author, delegation FROM word_authors ORDER BY author")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Remembers that a Word author speaks for a delegation on the roster.
    pub fn map_word_author(&mut self, author: &str, delegation: &str) -> Result<()> {
        let tx = self.chair_transaction()?;
        map_author(&tx, author, delegation)?;
        tx.commit()?;
        Ok(())
    }

    /// Imports a file a delegation sent back, by its extension: a Word file's tracked changes
    /// (`.docx`) or a proposals file; its file name is kept as the proposals' origin. `authors`
    /// maps Word authors to delegations in the same transaction as the import: a failed import
    /// maps no one. The one rule for the window and the command line.
    pub fn import_returned(
        &mut self,
        path: &Path,
        authors: &[(String, String)],
    ) -> Result<ProposalsImport> {
        let origin = path
            .file_name()
            .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        if !is_word_file(path) {
            return self.import_proposals(&ProposalsFile::read(path)?, &origin);
        }
        self.import_word_mapped(&std::fs::read(path)?, &origin, authors)
    }

    /// Imports a Word file's tracked changes as proposals. Every author must speak for a
    /// delegation: an author named like a delegation on the roster is taken as it; others need
    /// [`Store::map_word_author`] first, or the import fails with `unmapped_authors` naming them
    /// and writes nothing. Importing the same file twice adds nothing.
    pub fn import_word_proposals(&mut self, bytes: &[u8], origin: &str) -> Result<ProposalsImport> {
        self.import_word_mapped(bytes, origin, &[])
    }

    fn import_word_mapped(
        &mut self,
        bytes: &[u8],
        origin: &str,
        authors: &[(String, String)],
    ) -> Result<ProposalsImport> {
        if let Some(kind) =
            accord_export_kind(bytes)?.filter(|k| !RETURNABLE_EXPORTS.contains(&k.as_str()))
        {
            return Err(Error::OwnExport { kind });
        }
        let paragraphs = tracked_changes(bytes)?;
        let tx = self.chair_transaction()?;
        for (author, delegation) in authors {
            map_author(&tx, author, delegation)?;
        }
        let round = rows::open_round(&tx)?;
        let all = rows::load(&tx, round.number)?;
        let delegations = delegations_of_authors(&tx, &paragraphs)?;
        let mut report = ProposalsImport {
            delegations: Vec::new(),
            round: round.number,
            fingerprint_matches: true,
            added: 0,
            already_present: 0,
            stances: 0,
            withdrawn: 0,
            skipped: Vec::new(),
        };
        for tracked in &paragraphs {
            let proposals = match proposals_for(&tx, &all, tracked, &delegations, round.number)? {
                Ok(proposals) => proposals,
                Err(reason) => {
                    report.skipped.push(reason);
                    continue;
                }
            };
            for (proposal, current) in proposals {
                report.fingerprint_matches &= current;
                if !report.delegations.contains(&proposal.delegation) {
                    report.delegations.push(proposal.delegation.clone());
                }
                if insert_proposal(&tx, &proposal, origin)? {
                    report.added += 1;
                } else {
                    report.already_present += 1;
                }
            }
        }
        events::log(
            &tx,
            round.number,
            None,
            "proposals_imported",
            &format!("{origin}: Word tracked changes ({} new)", report.added),
        )?;
        tx.commit()?;
        Ok(report)
    }
}

/// The delegation of every author in the document, or the error naming those without one.
fn delegations_of_authors(
    conn: &Connection,
    paragraphs: &[TrackedParagraph],
) -> Result<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    let mut unmapped = Vec::new();
    for author in paragraphs.iter().flat_map(|p| &p.changes).map(|c| c.author.as_str()) {
        if map.contains_key(author) || unmapped.iter().any(|a| a == author) {
            continue;
        }
        let mapped: Option<String> = conn
            .query_row("SELECT delegation FROM word_authors WHERE author = ?1", [author], |r| {
                r.get(0)
            })
            .optional()?;
        let named: Option<String> = conn
            .query_row(
                "SELECT name FROM delegations WHERE name = ?1 COLLATE NOCASE",
                [author.trim()],
                |r| r.get(0),
            )
            .optional()?;
        match mapped.or(named) {
            Some(delegation) => {
                map.insert(author.to_string(), delegation);
            }
            None => unmapped.push(author.to_string()),
        }
    }
    if unmapped.is_empty() {
        Ok(map)
    } else {
        Err(Error::UnmappedAuthors { authors: unmapped })
    }
}

/// The proposals a tracked paragraph makes, each with whether it was made on the current text;
/// or why the paragraph could not be matched to the negotiation's text.
fn proposals_for(
    conn: &Connection,
    all: &[Row],
    tracked: &TrackedParagraph,
    delegations: &BTreeMap<String, String>,
    round: u32,
) -> Result<std::result::Result<Vec<(Proposal, bool)>, String>> {
    let delegation_of = |c: &TrackedChange| delegations[&c.author].clone();
    let made_at = |c: &TrackedChange| c.date.unwrap_or_else(Utc::now);
    let proposal = |delegation: String, change: ProposalChange, c: &TrackedChange| {
        let identity = format!("word\n{delegation}\n{}", rows::to_json(&change));
        Proposal {
            id: ProposalId::derived(identity.as_bytes()),
            delegation,
            round,
            made_at: made_at(c),
            change,
            note: String::new(),
        }
    };
    if tracked.original.trim().is_empty() {
        let Some(first) = tracked.changes.first() else { return Ok(Ok(Vec::new())) };
        let change = insertion(all, tracked);
        return Ok(Ok(vec![(proposal(delegation_of(first), change, first), true)]));
    }
    let Some(target) = find_target(conn, all, tracked)? else {
        let start: String = tracked.original.chars().take(60).collect();
        return Ok(Err(format!("no paragraph of the text reads \"{start}…\"")));
    };
    let current = target.paragraph.text == tracked.original;
    let (id, label) = (target.paragraph.id, target.paragraph.label.clone());
    let base = tracked.original.clone();
    let mut by_author: BTreeMap<&str, Vec<&TrackedChange>> = BTreeMap::new();
    for change in &tracked.changes {
        by_author.entry(change.author.as_str()).or_default().push(change);
    }
    let mut out = Vec::new();
    for changes in by_author.into_values() {
        let first = changes[0];
        let Some(change) = authors_change(&changes, id, &label, &base) else { continue };
        if let Err(why) = logic::validate(&change) {
            return Ok(Err(format!("{label}: {why}")));
        }
        out.push((proposal(delegation_of(first), change, first), current));
    }
    Ok(Ok(out))
}

/// A paragraph typed anew in Word (its original empty): inserted after the paragraph before it,
/// preambular among preambular paragraphs, else operative.
fn insertion(all: &[Row], tracked: &TrackedParagraph) -> ProposalChange {
    let after = tracked.after.and_then(|id| live(all, id));
    let kind = match after.map(|p| p.paragraph.kind) {
        Some(ParagraphKind::Preambular | ParagraphKind::OpeningClause) => ParagraphKind::Preambular,
        _ => ParagraphKind::Operative,
    };
    let text: String = tracked.changes.iter().map(|c| c.inserted.as_str()).collect();
    ProposalChange::Insert {
        kind,
        text: text.trim().to_string(),
        after: after.map(|p| p.paragraph.id),
        after_label: after.map(|p| p.paragraph.label.clone()).unwrap_or_default(),
    }
}

/// One author's changes to paragraph `id` (text `base`) as one proposal: the whole text deleted,
/// or an amendment of its words; none when the changes change nothing.
fn authors_change(
    changes: &[&TrackedChange],
    id: ParagraphId,
    label: &str,
    base: &str,
) -> Option<ProposalChange> {
    let (label, base_text) = (label.to_string(), base.to_string());
    let length = base.chars().count();
    if let [c] = changes {
        if c.start == 0 && c.end == length && c.inserted.trim().is_empty() {
            return Some(ProposalChange::Delete { paragraph: id, label, base: base_text });
        }
    }
    let hunks: Vec<Hunk> = changes
        .iter()
        .map(|c| Hunk {
            start: c.start,
            end: c.end,
            old: logic::char_slice(base, c.start, c.end),
            new: c.inserted.clone(),
        })
        .filter(|h| h.old != h.new)
        .collect();
    (!hunks.is_empty()).then_some(ProposalChange::Amend {
        paragraph: id,
        label,
        base: base_text,
        hunks,
    })
}

fn live(all: &[Row], id: ParagraphId) -> Option<&Row> {
    all.iter().find(|r| r.paragraph.id == id && r.paragraph.status.kind() != StatusKind::Deleted)
}

/// The paragraph a tracked paragraph is: by Accord's bookmark, else the one paragraph of the open
/// round with the same text, else the paragraph that had that text in the latest earlier round.
fn find_target<'a>(
    conn: &Connection,
    all: &'a [Row],
    tracked: &TrackedParagraph,
) -> Result<Option<&'a Row>> {
    if let Some(row) = tracked.paragraph.and_then(|id| live(all, id)) {
        return Ok(Some(row));
    }
    let same: Vec<&Row> = all
        .iter()
        .filter(|r| r.paragraph.status.kind() != StatusKind::Deleted)
        .filter(|r| r.paragraph.text == tracked.original)
        .collect();
    if let [one] = same.as_slice() {
        return Ok(Some(one));
    }
    let open = rows::open_round(conn)?.number;
    for round in (1..open).rev() {
        let earlier = rows::load(conn, round)?;
        if let Some(row) = earlier.iter().find(|r| r.paragraph.text == tracked.original) {
            return Ok(live(all, row.paragraph.id));
        }
    }
    Ok(None)
}

/// Whether `path` names a Word file (`.docx`, in any case).
fn is_word_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

fn map_author(tx: &rusqlite::Transaction<'_>, author: &str, delegation: &str) -> Result<()> {
    rows::require_delegation(tx, delegation)?;
    if author.trim().is_empty() {
        return Err(Error::Invalid("a Word author needs a name".into()));
    }
    tx.execute(
        "INSERT INTO word_authors (author, delegation) VALUES (?1, ?2)
         ON CONFLICT (author) DO UPDATE SET delegation = excluded.delegation",
        params![author.trim(), delegation],
    )?;
    let round = rows::open_round(tx)?;
    events::log(tx, round.number, None, "word_author_mapped", &format!("{author} = {delegation}"))
}
