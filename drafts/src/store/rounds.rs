//! Rounds: reading a round's text, closing a round, comparisons, history and summaries.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::brackets::BracketRecord;
use super::events::Event;
use super::labels::open_labels;
use super::{chain, events, labels, rows, texts, Store};
use crate::checks::{self, Warning};
use crate::diff::{self, ParagraphChange, RoundDiff};
use crate::model::{
    Document, NumberedParagraph, Paragraph, ParagraphId, ParagraphKind, Round, RoundState, Status,
};
use crate::summary::{self, RoundProgress, StatusSummary};
use crate::{numbering, Error, Result};

/// How to close the open round.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CloseRound {
    /// The label to give the closing round ("Formal session, 5 April 2011"); keeps its own if none.
    pub label: Option<String>,
    /// The date of the closing round; keeps its own if none.
    pub date: Option<NaiveDate>,
}

/// What a comparison carries of a paragraph only renumbered between its rounds (one version in
/// both): its text, or its labels alone (all a report showing the new number needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renumbered {
    WithTexts,
    LabelsOnly,
}

/// A paragraph as it stood in one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    pub round: u32,
    pub round_label: String,
    pub round_state: RoundState,
    pub number: Option<String>,
    pub label: String,
    pub kind: ParagraphKind,
    pub status: Status,
    pub text: String,
    /// Whether text, status or kind differ from the previous round it was in.
    pub changed: bool,
}

/// One paragraph across all rounds, with its log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ParagraphHistory {
    pub id: ParagraphId,
    pub entries: Vec<HistoryEntry>,
    pub events: Vec<Event>,
    /// Every bracket placed in the paragraph, open and lifted, with its holders and reason.
    pub brackets: Vec<BracketRecord>,
}

impl Store {
    /// The text of a round (the open round when `round` is none), numbered.
    pub fn document(&self, round: Option<u32>) -> Result<Document> {
        let round = self.round_or_current(round)?;
        let rows = rows::load(&self.conn, round.number)?;
        Ok(Document { negotiation: self.negotiation()?, paragraphs: numbered(rows), round })
    }

    /// Renames the open round.
    pub fn rename_round(&mut self, label: &str) -> Result<()> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        tx.execute(
            "UPDATE rounds SET label = ?1 WHERE number = ?2",
            params![label.trim(), round.number],
        )?;
        events::log(&tx, round.number, None, "round_renamed", label)?;
        tx.commit()?;
        Ok(())
    }

    /// Closes the open round, freezing its text, stores the comparison with the previous round,
    /// and opens the next round from it. Returns the new open round.
    pub fn close_round(&mut self, close: CloseRound) -> Result<Round> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        let n = round.number;
        let label = close.label.map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
        let label = label.unwrap_or(round.label);
        let date = close.date.unwrap_or(round.date);
        let now = Utc::now();
        let previous = match n {
            1 => None,
            _ => rows::round(&tx, n - 1)?.fingerprint,
        };
        let closing = Round { label: label.clone(), date, ..round };
        let fingerprint = chain::fingerprint(&tx, &closing, previous.as_deref())?;
        tx.execute(
            "UPDATE rounds SET label = ?1, date = ?2, state = 'closed', closed_at = ?3,
                fingerprint = ?4 WHERE number = ?5",
            params![label, date.to_string(), now.to_rfc3339(), fingerprint, n],
        )?;
        let closed = store_comparison(&tx, n)?;
        let next = n + 1;
        tx.execute(
            "INSERT INTO rounds (number, label, date, state) VALUES (?1, ?2, ?3, 'open')",
            params![next, format!("Round {next}"), now.date_naive().to_string()],
        )?;
        // The new round shares every span that reaches it but a deleted paragraph's; only labels
        // that change get new ones.
        let carried = leave_deleted_behind(&tx, n, closed)?;
        open_labels(&tx, next, &carried)?;
        events::log(&tx, n, None, "round_closed", &label)?;
        let opened = rows::round(&tx, next)?;
        tx.commit()?;
        self.undo.clear();
        if let Err(e) = self.backup_round(n) {
            events::log(&self.conn, next, None, "backup_failed", &e.to_string())?;
        }
        Ok(opened)
    }

    /// Undoes the last close: the round just closed is open again, as it was, and the round the
    /// close opened is gone. Only while nothing has happened in that new round (no edit, no
    /// export, no copy circulated), so that no text of the closed round has left the desk and
    /// the fingerprint chain loses nothing anyone holds. Logged with the reason.
    pub fn reopen_round(&mut self, reason: &str) -> Result<Round> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::Invalid("give a reason for reopening the round".into()));
        }
        let tx = self.chair_transaction()?;
        let open = rows::open_round(&tx)?.number;
        let closed = open - 1;
        if closed == 0 {
            return Err(Error::Invalid("no round has been closed yet".into()));
        }
        if let Some(why) = events::since_the_close(&tx, open)? {
            return Err(Error::RoundCannotReopen { round: closed, why });
        }
        labels::reopen(&tx, closed)?;
        tx.execute("UPDATE spans SET last_round = NULL WHERE last_round = ?1", [closed])?;
        tx.execute("DELETE FROM spans WHERE first_round = ?1", [open])?;
        tx.execute("DELETE FROM versions WHERE round = ?1", [open])?;
        tx.execute("DELETE FROM rounds WHERE number = ?1", [open])?;
        let guards = ["closed_round_is_final_update", "stored_diff_delete"];
        rows::with_guards_lifted(&tx, &guards, || {
            tx.execute("DELETE FROM round_diffs WHERE to_round = ?1", [closed])?;
            tx.execute(
                "UPDATE rounds SET state = 'open', closed_at = NULL, fingerprint = NULL
                 WHERE number = ?1",
                [closed],
            )?;
            Ok(())
        })?;
        events::log(&tx, closed, None, "round_reopened", reason)?;
        let reopened = rows::round(&tx, closed)?;
        tx.commit()?;
        self.undo.clear();
        Ok(reopened)
    }

    /// The round the last close froze, while it can still be reopened (nothing has happened in
    /// the round it opened); none otherwise.
    pub fn reopenable_round(&self) -> Result<Option<u32>> {
        let open = self.current_round()?.number;
        if open == 1 || events::since_the_close(&self.conn, open)?.is_some() {
            return Ok(None);
        }
        Ok(Some(open - 1))
    }

    /// Notes in the log that a document was exported from the chair's file ("clean text of
    /// round 2 as docx"): once a closed round's text has left the desk, its close stands.
    /// Delegations' copies keep no log, and a read-only window cannot write one.
    pub fn note_export(&mut self, what: &str) -> Result<()> {
        if self.require_chair().is_err() || self.is_read_only() {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        let round = rows::open_round(&tx)?.number;
        events::log(&tx, round, None, "exported", what)?;
        tx.commit()?;
        Ok(())
    }

    /// Compares two rounds (`from` earlier than `to`; `to` may be the open round). Comparisons of
    /// consecutive closed rounds are stored in the file (figures and word diffs), others computed.
    pub fn diff(&self, from: u32, to: u32) -> Result<RoundDiff> {
        let mut diff = match self.stored_diff(from, to)? {
            Some(stored) => {
                let (old, new) = numbered_pair(&self.conn, from, to)?;
                diff::expand(stored, &old, &new)
            }
            None => compute_diff(&self.conn, from, to)?,
        };
        self.attach_lineage(&mut diff)?;
        Ok(diff)
    }

    /// The comparison of two rounds with only the paragraphs that changed (its figures still
    /// count every paragraph): what `accord diff` reports. For a stored comparison, only the
    /// texts of the paragraphs whose version or place differs are read, and those of paragraphs
    /// only renumbered as `renumbered` says.
    pub fn changes(&self, from: u32, to: u32, renumbered: Renumbered) -> Result<RoundDiff> {
        let mut diff = match self.stored_diff(from, to)? {
            Some(stored) => {
                let (old, new) = rows::load_changed_pair(&self.conn, from, to)?;
                let mut diff = diff::expand(stored, &numbered(old), &numbered(new));
                diff.changes.retain(|c| c.is_change());
                if renumbered == Renumbered::WithTexts {
                    self.read_shared_texts(&mut diff, to)?;
                }
                diff
            }
            None => {
                let mut diff = compute_diff(&self.conn, from, to)?;
                diff.changes.retain(|c| c.is_change());
                diff
            }
        };
        self.attach_lineage(&mut diff)?;
        Ok(diff)
    }

    /// The stored comparison of two rounds, if any.
    fn stored_diff(&self, from: u32, to: u32) -> Result<Option<diff::StoredDiff>> {
        if from >= to {
            return Err(Error::Invalid(format!(
                "compare an earlier round with a later one (got round {from} with round {to})"
            )));
        }
        let stored: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT diff FROM round_diffs WHERE from_round = ?1 AND to_round = ?2",
                params![from, to],
                |r| r.get(0),
            )
            .optional()?;
        stored.map(|packed| rows::from_json(&texts::unpack(&packed)?)).transpose()
    }

    /// Gives the changes of paragraphs both rounds hold in one version (renumbered only) the
    /// texts [`rows::load_changed_pair`] left out, from one read of the later round.
    fn read_shared_texts(&self, diff: &mut RoundDiff, round: u32) -> Result<()> {
        let shared = |c: &ParagraphChange| {
            c.old
                .as_ref()
                .zip(c.new.as_ref())
                .is_some_and(|(o, n)| o.text.is_empty() && n.text.is_empty())
        };
        let ids: HashSet<ParagraphId> =
            diff.changes.iter().filter(|c| shared(c)).map(|c| c.id).collect();
        if ids.is_empty() {
            return Ok(());
        }
        let texts: HashMap<ParagraphId, String> = rows::load_texts_of(&self.conn, round, &ids)?;
        for change in diff.changes.iter_mut().filter(|c| ids.contains(&c.id)) {
            let text = texts.get(&change.id).cloned().unwrap_or_default();
            change.spans = diff::word_diff(&text, &text);
            for side in [change.old.as_mut(), change.new.as_mut()].into_iter().flatten() {
                side.text = text.clone();
            }
        }
        Ok(())
    }

    /// Whether the comparison of two rounds is stored in the file.
    pub fn has_stored_diff(&self, from: u32, to: u32) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM round_diffs WHERE from_round = ?1 AND to_round = ?2)",
            params![from, to],
            |r| r.get(0),
        )?)
    }

    /// One paragraph in every round it was part of, with its log.
    pub fn history(&self, id: ParagraphId) -> Result<ParagraphHistory> {
        let spans = rows::spans_of(&self.conn, id)?;
        let opening = labels::of_paragraph(&self.conn, id)?;
        let mut entries: Vec<HistoryEntry> = Vec::new();
        for round in self.rounds()? {
            let n = round.number;
            let covers = |s: &&rows::ParagraphSpan| {
                s.first_round <= n && s.last_round.is_none_or(|last| last >= n)
            };
            let Some(span) = spans.iter().find(covers) else { continue };
            let p = &span.paragraph;
            let label = match &span.stored_label {
                Some(label) => label.clone(),
                None => label_at(&opening, n),
            };
            let changed = entries.last().is_none_or(|prev| {
                prev.text != p.text || prev.status != p.status || prev.kind != p.kind
            });
            entries.push(HistoryEntry {
                round: n,
                round_label: round.label.clone(),
                round_state: round.state,
                number: self.number_in_round(p, &label, n)?,
                label,
                kind: p.kind,
                status: p.status.clone(),
                text: p.text.clone(),
                changed,
            });
        }
        if entries.is_empty() {
            return Err(Error::UnknownParagraph(id.to_string()));
        }
        let brackets = self.bracket_log()?.into_iter().filter(|b| b.paragraph == id).collect();
        Ok(ParagraphHistory { id, entries, events: self.events(Some(id))?, brackets })
    }

    /// The number a paragraph with `label` carries in round `round`: read from the label as
    /// numbering does; only a label without a number ("OPnew") needs the round's outline.
    fn number_in_round(&self, p: &Paragraph, label: &str, round: u32) -> Result<Option<String>> {
        let carries_a_number = matches!(
            p.kind,
            ParagraphKind::Preambular | ParagraphKind::Operative | ParagraphKind::SubParagraph
        );
        if !carries_a_number || p.status == Status::Deleted {
            return Ok(None);
        }
        if let Some(number) = numbering::number_of_label(label, p.kind) {
            return Ok(Some(number));
        }
        let outline = rows::load_around(&self.conn, round, p.id)?;
        let at = outline.iter().position(|row| row.paragraph.id == p.id);
        Ok(at.and_then(|at| numbered(outline).swap_remove(at).number))
    }

    /// What is pending in a round (the open round when none), and for whom.
    pub fn summary(&self, round: Option<u32>) -> Result<StatusSummary> {
        let document = self.document(round)?;
        let mut holders: BTreeMap<ParagraphId, Vec<String>> = BTreeMap::new();
        for record in self.bracket_log()?.into_iter().filter(|b| b.lifted_round.is_none()) {
            let entry = holders.entry(record.paragraph).or_default();
            for h in record.holders {
                if !entry.contains(&h) {
                    entry.push(h);
                }
            }
        }
        let roster: Vec<String> = self.delegations()?.into_iter().map(|d| d.name).collect();
        Ok(summary::summarize(&document, &holders, &roster, Utc::now()))
    }

    /// The status mix of every round, oldest first.
    pub fn progress(&self) -> Result<Vec<RoundProgress>> {
        self.rounds()?
            .into_iter()
            .map(|round| {
                let document = self.document(Some(round.number))?;
                Ok(RoundProgress {
                    round: round.number,
                    label: round.label,
                    counts: summary::count_statuses(&document.paragraphs),
                })
            })
            .collect()
    }

    /// Drafting checks on a round's text (warnings, never blocking).
    pub fn checks(&self, round: Option<u32>) -> Result<Vec<Warning>> {
        let document = self.document(round)?;
        let paragraphs: Vec<_> = document.paragraphs.into_iter().map(|p| p.paragraph).collect();
        Ok(checks::check(&paragraphs, document.negotiation.house_style))
    }
}

/// Two rounds' texts, numbered, read together.
fn numbered_pair(
    conn: &rusqlite::Connection,
    from: u32,
    to: u32,
) -> Result<(Vec<NumberedParagraph>, Vec<NumberedParagraph>)> {
    let (old, new) = rows::load_pair(conn, from, to)?;
    Ok((numbered(old), numbered(new)))
}

fn numbered(rows: Vec<rows::Row>) -> Vec<NumberedParagraph> {
    numbering::into_numbered(rows.into_iter().map(|r| r.paragraph).collect())
}

/// Stores the comparison of round `closing` with the round before (none for round 1), from one
/// read of both; returns the closing round's paragraphs for its labels (texts only where they
/// changed, none for round 1).
/// Ends in round `closed` the place of every paragraph deleted by then: the round shows it
/// struck out, the next one no longer holds it (its history and every comparison with an
/// earlier round still do). A deleted paragraph stays while a paragraph carried on is set under
/// it. Returns the rows carried into the next round.
fn leave_deleted_behind(
    conn: &rusqlite::Connection,
    closed: u32,
    rows: Vec<rows::Row>,
) -> Result<Vec<rows::Row>> {
    let parents: HashSet<ParagraphId> = rows
        .iter()
        .filter(|r| r.paragraph.status != Status::Deleted)
        .filter_map(|r| r.paragraph.parent)
        .collect();
    let left =
        |r: &rows::Row| r.paragraph.status == Status::Deleted && !parents.contains(&r.paragraph.id);
    let (behind, carried): (Vec<_>, Vec<_>) = rows.into_iter().partition(left);
    let mut end = conn.prepare_cached(
        "UPDATE spans SET last_round = ?1 WHERE last_round IS NULL
            AND paragraph = (SELECT key FROM paragraphs WHERE id = ?2)",
    )?;
    for row in &behind {
        end.execute(params![closed, row.paragraph.id.to_string()])?;
    }
    Ok(carried)
}

fn store_comparison(conn: &rusqlite::Connection, closing: u32) -> Result<Vec<rows::Row>> {
    if closing == 1 {
        return rows::load_outline(conn, closing);
    }
    let (old, new) = rows::load_changed_pair(conn, closing - 1, closing)?;
    let diff = diff::diff_rounds(closing - 1, &numbered(old), closing, &numbered(new.clone()));
    conn.execute(
        "INSERT INTO round_diffs (from_round, to_round, diff) VALUES (?1, ?2, ?3)",
        params![closing - 1, closing, texts::pack(&rows::to_json(&diff.to_stored()))?],
    )?;
    Ok(new)
}

fn compute_diff(conn: &rusqlite::Connection, from: u32, to: u32) -> Result<RoundDiff> {
    rows::round(conn, from)?;
    rows::round(conn, to)?;
    let (old, new) = numbered_pair(conn, from, to)?;
    Ok(diff::diff_rounds(from, &old, to, &new))
}

/// The label a paragraph opened round `round` with, from its opening labels by round.
fn label_at(opening: &[(u32, String)], round: u32) -> String {
    opening.iter().rev().find(|(r, _)| *r <= round).map(|(_, l)| l.clone()).unwrap_or_default()
}
