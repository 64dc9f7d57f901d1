//! What chairs and delegations do to paragraphs in the open round.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::import::imported_paragraph;
use super::rows::{self, Row};
use super::steps::Step;
use super::{brackets as records, events, Store};
use crate::brackets::{self, Resolution};
use crate::import::ImportedDraft;
use crate::model::{
    join_and, AdReferendum, Footnote, Paragraph, ParagraphId, ParagraphKind, Round, Status,
    StatusKind,
};
use crate::{numbering, Error, Result};

/// Where to put a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "at", rename_all = "snake_case")]
#[ts(export)]
pub enum Placement {
    /// After the last paragraph.
    End,
    /// Just before the given paragraph.
    Before { id: ParagraphId },
    /// Just after the given paragraph.
    After { id: ParagraphId },
}

/// A paragraph to insert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewParagraph {
    pub kind: ParagraphKind,
    pub text: String,
    /// Required for sub-paragraphs: the paragraph they belong to.
    pub parent: Option<ParagraphId>,
    pub placement: Placement,
    /// Set when this paragraph is an alternative to another (OP6alt).
    pub alternative_to: Option<ParagraphId>,
    /// Delegations proposing it.
    pub proposers: Vec<String>,
}

impl NewParagraph {
    /// A paragraph of `kind` to add at the end: no parent, not an alternative, no proposers.
    pub fn at_end(kind: ParagraphKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
            parent: None,
            placement: Placement::End,
            alternative_to: None,
            proposers: Vec::new(),
        }
    }
}

/// A status to set. Deletion has its own operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum StatusChange {
    Agreed,
    AdReferendum { delegations: Vec<String>, deadline: Option<DateTime<Utc>> },
    Bracketed,
    Pending,
    Proposed,
}

const POSITION_STEP: f64 = 1024.0;

impl Store {
    /// One paragraph of the open round.
    pub fn paragraph(&self, id: ParagraphId) -> Result<Paragraph> {
        Ok(rows::load_one(&self.conn, id)?.paragraph)
    }

    /// Finds a paragraph of the open round by its id or its working label ("OP7bis", any case).
    pub fn find_paragraph(&self, reference: &str) -> Result<ParagraphId> {
        let reference = reference.trim();
        if let Ok(id) = reference.parse::<ParagraphId>() {
            return self.paragraph(id).map(|p| p.id);
        }
        let round = rows::open_round(&self.conn)?;
        rows::load_outline(&self.conn, round.number)?
            .into_iter()
            .find(|r| r.paragraph.label.eq_ignore_ascii_case(reference))
            .map(|r| r.paragraph.id)
            .ok_or_else(|| Error::UnknownParagraph(reference.to_string()))
    }

    /// Inserts a paragraph into the open round. New paragraphs are *proposed* until discussed.
    pub fn insert_paragraph(&mut self, new: NewParagraph) -> Result<ParagraphId> {
        self.insert_with(new, |_conn, _round| Ok(()))
    }

    /// Inserts the paragraphs of an imported draft (a long paste split into paragraphs through
    /// the import preview) after `placement`, in one transaction and one undoable step, with
    /// the kinds, statuses and sub-paragraphs the preview gave them; returns their ids.
    pub fn insert_imported(
        &mut self,
        draft: &ImportedDraft,
        placement: Placement,
    ) -> Result<Vec<ParagraphId>> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        let mut all = rows::load_outline(&tx, round.number)?;
        let ids: Vec<ParagraphId> = draft.paragraphs.iter().map(|_| ParagraphId::new()).collect();
        let mut anchor = placement;
        let mut added = Vec::new();
        let mut moved_others = false;
        for (i, imported) in draft.paragraphs.iter().enumerate() {
            let mut paragraph = imported_paragraph(i, imported, &ids, ids[i], Utc::now())?;
            validate_text(&paragraph.text, &format!("pasted paragraph {}", i + 1))?;
            let (position, renumbered) = place(&tx, round.number, &all, anchor, None)?;
            if renumbered {
                all = rows::load_outline(&tx, round.number)?;
                moved_others = true;
            }
            paragraph.label = label_at(&all, position, &paragraph);
            let row = Row { paragraph, position };
            rows::write(&tx, round.number, &row)?;
            records::sync(&tx, round.number, ids[i], &row.paragraph.text, None)?;
            events::log(&tx, round.number, Some(ids[i]), "inserted", &row.paragraph.label)?;
            all.insert(all.partition_point(|r| r.position < position), row.clone());
            added.push((ids[i], None, Some(row)));
            anchor = Placement::After { id: ids[i] };
        }
        tx.commit()?;
        if moved_others {
            self.undo.clear();
        }
        self.undo.push(Step::new("insert", round.number, added));
        Ok(ids)
    }

    /// Inserts a paragraph and runs `also` in the same transaction.
    pub(super) fn insert_with(
        &mut self,
        new: NewParagraph,
        also: impl FnOnce(&Connection, &Round) -> Result<()>,
    ) -> Result<ParagraphId> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        let all = rows::load_outline(&tx, round.number)?;
        validate_text(&new.text, "the new paragraph")?;
        validate_parent(&all, new.kind, new.parent, None)?;
        for name in &new.proposers {
            rows::require_delegation(&tx, name)?;
        }
        let (position, renumbered) = place(&tx, round.number, &all, new.placement, None)?;
        let all = if renumbered { rows::load_outline(&tx, round.number)? } else { all };
        let id = ParagraphId::new();
        let label = match new.alternative_to {
            Some(of) => {
                let original = find(&all, of)?;
                numbering::alternative_label(&labels(&all), &original.paragraph.label)
            }
            None => String::new(),
        };
        let mut row = Row {
            paragraph: Paragraph {
                id,
                kind: new.kind,
                parent: new.parent,
                text: new.text.trim().to_string(),
                status: Status::Proposed,
                footnotes: Vec::new(),
                proposers: new.proposers,
                notes: String::new(),
                label,
            },
            position,
        };
        if row.paragraph.label.is_empty() {
            row.paragraph.label = label_at(&all, position, &row.paragraph);
        }
        rows::write(&tx, round.number, &row)?;
        records::sync(&tx, round.number, id, &row.paragraph.text, None)?;
        let detail = match new.alternative_to {
            Some(of) => format!("alternative to {of}"),
            None => row.paragraph.label.clone(),
        };
        events::log(&tx, round.number, Some(id), "inserted", &detail)?;
        also(&tx, &round)?;
        tx.commit()?;
        if renumbered {
            self.undo.clear();
        }
        self.undo.push(Step::new("insert", round.number, vec![(id, None, Some(row))]));
        Ok(id)
    }

    /// Changes a paragraph's text. An agreed (or ad referendum) paragraph is reopened first, which
    /// needs a reason; without one the edit is refused.
    pub fn edit_text(
        &mut self,
        id: ParagraphId,
        text: &str,
        reopen_reason: Option<&str>,
    ) -> Result<()> {
        let text = text.trim().to_string();
        self.change(id, "edited", |conn, round, p| {
            if p.text == text {
                return Ok(String::new());
            }
            validate_text(&text, &p.label)?;
            reopen(conn, round, p, reopen_reason)?;
            p.text = text.clone();
            Ok(text.clone())
        })
    }

    /// Sets a paragraph's status. Agreeing a paragraph that still holds a bracket is refused;
    /// setting a status on a deleted paragraph restores it.
    pub fn set_status(&mut self, id: ParagraphId, change: StatusChange) -> Result<()> {
        self.change(id, "status", |conn, _round, p| {
            let status = match change {
                StatusChange::Agreed => {
                    refuse_brackets(p)?;
                    Status::Agreed
                }
                StatusChange::AdReferendum { delegations, deadline } => {
                    if delegations.is_empty() {
                        return Err(Error::NoDelegations);
                    }
                    for name in &delegations {
                        rows::require_delegation(conn, name)?;
                    }
                    Status::AdReferendum(AdReferendum { delegations, since: Utc::now(), deadline })
                }
                StatusChange::Bracketed => Status::Bracketed,
                StatusChange::Pending => Status::Pending,
                StatusChange::Proposed => Status::Proposed,
            };
            let mut detail = format!("{} → {}", p.status.kind().as_str(), status.kind().as_str());
            let confirmed = confirmed_by(&p.status, &status);
            if !confirmed.is_empty() {
                detail.push_str(&format!(": confirmed by {}", join_and(&confirmed)));
            }
            p.status = status;
            Ok(detail)
        })
    }

    /// Confirms as agreed an ad referendum paragraph whose silence procedure ended with no objection.
    pub fn confirm_silence(&mut self, id: ParagraphId) -> Result<()> {
        let now = Utc::now();
        self.change(id, "silence_confirmed", |_conn, _round, p| {
            let Status::AdReferendum(ad_ref) = &p.status else {
                return Err(Error::NotAdReferendum { label: p.label.clone() });
            };
            let Some(deadline) = ad_ref.deadline else {
                return Err(Error::NoSilenceProcedure { label: p.label.clone() });
            };
            if deadline > now {
                return Err(Error::SilenceNotOver {
                    label: p.label.clone(),
                    deadline: deadline.format("%Y-%m-%d %H:%M UTC").to_string(),
                });
            }
            refuse_brackets(p)?;
            let detail =
                format!("no objection from {} by {}", ad_ref.delegations.join(", "), deadline);
            p.status = Status::Agreed;
            Ok(detail)
        })
    }

    /// Confirms every ad referendum paragraph whose silence procedure has ended; returns them.
    pub fn confirm_expired_silences(&mut self) -> Result<Vec<ParagraphId>> {
        let now = Utc::now();
        let due: Vec<ParagraphId> = self
            .document(None)?
            .paragraphs
            .into_iter()
            .filter(|p| {
                matches!(&p.paragraph.status,
                    Status::AdReferendum(a) if a.deadline.is_some_and(|d| d <= now))
                    && !brackets::has_brackets(&p.paragraph.text)
            })
            .map(|p| p.paragraph.id)
            .collect();
        for id in &due {
            self.confirm_silence(*id)?;
        }
        Ok(due)
    }

    /// Records that a delegation broke the silence: the paragraph goes back under discussion.
    pub fn break_silence(&mut self, id: ParagraphId, delegation: &str) -> Result<()> {
        self.change(id, "silence_broken", |conn, _round, p| {
            rows::require_delegation(conn, delegation)?;
            if !matches!(p.status, Status::AdReferendum(_)) {
                return Err(Error::NotAdReferendum { label: p.label.clone() });
            }
            p.status = Status::Pending;
            Ok(format!("silence broken by {delegation}"))
        })
    }

    /// Deletes a paragraph. It stays visible, struck out, in history and comparisons. Deleting
    /// agreed (or ad referendum) text reopens it first, which needs a reason.
    pub fn delete_paragraph(&mut self, id: ParagraphId, reason: Option<&str>) -> Result<()> {
        self.change(id, "deleted", |conn, round, p| {
            reopen(conn, round, p, reason)?;
            p.status = Status::Deleted;
            Ok(p.label.clone())
        })
    }

    /// Moves a paragraph; its sub-paragraphs move with it.
    pub fn move_paragraph(&mut self, id: ParagraphId, placement: Placement) -> Result<()> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        let all = rows::load_outline(&tx, round.number)?;
        let moving: Vec<Row> = family(&all, id)?
            .iter()
            .map(|r| rows::load_one(&tx, r.paragraph.id))
            .collect::<Result<_>>()?;
        let rest: Vec<Row> = all
            .iter()
            .filter(|r| !moving.iter().any(|m| m.paragraph.id == r.paragraph.id))
            .cloned()
            .collect();
        if let Placement::Before { id: target } | Placement::After { id: target } = placement {
            if moving.iter().any(|m| m.paragraph.id == target) {
                return Err(Error::Invalid("a paragraph cannot be moved next to itself".into()));
            }
        }
        let mut changes = Vec::new();
        let mut anchor = placement;
        let mut renumbered = false;
        for row in &moving {
            let (position, renumber) =
                place(&tx, round.number, &rest_with(&rest, &changes), anchor, None)?;
            renumbered |= renumber;
            let moved = Row { position, ..row.clone() };
            rows::write(&tx, round.number, &moved)?;
            anchor = Placement::After { id: row.paragraph.id };
            changes.push((row.paragraph.id, Some(row.clone()), Some(moved)));
        }
        let label = &moving[0].paragraph.label;
        events::log(&tx, round.number, Some(id), "moved", label)?;
        tx.commit()?;
        if renumbered {
            self.undo.clear();
        } else {
            self.undo.push(Step::new("move", round.number, changes));
        }
        Ok(())
    }

    /// Changes a paragraph's kind (and, for sub-paragraphs, its parent).
    pub fn set_kind(
        &mut self,
        id: ParagraphId,
        kind: ParagraphKind,
        parent: Option<ParagraphId>,
    ) -> Result<()> {
        self.change(id, "kind", |conn, round, p| {
            validate_parent(&rows::load(conn, round.number)?, kind, parent, Some(id))?;
            let detail = format!("{} → {}", p.kind.as_str(), kind.as_str());
            p.kind = kind;
            p.parent = parent;
            Ok(detail)
        })
    }

    /// Sets the delegations proposing or sponsoring a paragraph.
    pub fn set_proposers(&mut self, id: ParagraphId, proposers: Vec<String>) -> Result<()> {
        self.change(id, "proposers", |conn, _round, p| {
            for name in &proposers {
                rows::require_delegation(conn, name)?;
            }
            p.proposers = proposers;
            Ok(p.proposers.join(", "))
        })
    }

    /// Sets the private notes this desk keeps on a paragraph: the chair's, or in delegation mode
    /// the delegation's own. They change no text and are never circulated.
    pub fn set_notes(&mut self, id: ParagraphId, notes: String) -> Result<()> {
        self.record_change(id, "notes", None, |_conn, _round, p| {
            p.notes = notes;
            Ok(p.notes.clone())
        })
    }

    /// Sets a paragraph's footnotes (reservations).
    pub fn set_footnotes(&mut self, id: ParagraphId, footnotes: Vec<Footnote>) -> Result<()> {
        self.change(id, "footnotes", |conn, _round, p| {
            for name in footnotes.iter().filter_map(|f| f.delegation.as_deref()) {
                rows::require_delegation(conn, name)?;
            }
            p.footnotes = footnotes;
            Ok(rows::to_json(&p.footnotes))
        })
    }

    /// Where `words` first occur in a paragraph, as the char offsets [`Store::bracket_words`] and a
    /// bracket proposal take: the one rule the CLI's `bracket` and `propose … bracket` use.
    pub fn find_words(&self, id: ParagraphId, words: &str) -> Result<(usize, usize)> {
        let p = self.paragraph(id)?;
        brackets::words_range(&p.text, words)
            .ok_or_else(|| Error::Invalid(format!("\"{words}\" is not in {}", p.label)))
    }

    /// Brackets the words between two character offsets, held by the given delegations. The
    /// reason is kept with the bracket; bracketing agreed (or ad referendum) words reopens the
    /// paragraph, which needs that reason.
    pub fn bracket_words(
        &mut self,
        id: ParagraphId,
        start: usize,
        end: usize,
        holders: Vec<String>,
        reason: String,
    ) -> Result<()> {
        self.change_with_meta(
            id,
            "bracketed_words",
            Some((holders.clone(), reason.trim().to_string())),
            |conn, round, p| {
                for name in &holders {
                    rows::require_delegation(conn, name)?;
                }
                reopen(conn, round, p, Some(&reason))?;
                p.text = brackets::wrap(&p.text, start, end, &holders)
                    .map_err(|e| Error::Bracket(e.to_string()))?;
                if matches!(p.status, Status::Proposed) {
                    p.status = Status::Pending;
                }
                Ok(p.text.clone())
            },
        )
    }

    /// Resolves a bracket: keeps one alternative or drops the bracketed words.
    pub fn resolve_bracket(
        &mut self,
        id: ParagraphId,
        index: usize,
        resolution: Resolution,
    ) -> Result<()> {
        self.change(id, "bracket_resolved", |conn, round, p| {
            let groups = brackets::parse(&p.text)
                .map_err(|source| Error::Brackets { label: p.label.clone(), source })?;
            let group = groups.get(index).ok_or_else(|| {
                Error::Bracket(format!("{} has no bracket number {}", p.label, index + 1))
            })?;
            let source = records::source(&p.text, group);
            let new_text = brackets::resolve(&p.text, index, resolution)
                .map_err(|e| Error::Bracket(e.to_string()))?;
            let outcome = match resolution {
                Resolution::Keep { option } => format!(
                    "kept \"{}\"",
                    group.options.get(option).map(String::as_str).unwrap_or_default()
                ),
                Resolution::Drop => "dropped".to_string(),
            };
            records::lift(conn, round.number, p.id, &source, &outcome)?;
            p.text = new_text;
            Ok(outcome)
        })
    }

    /// Loads one paragraph of the open round, applies `edit`, writes it back, logs the action and
    /// records it for undo, all in one transaction. `edit` returns the log detail; an empty detail
    /// means nothing changed.
    pub(super) fn change(
        &mut self,
        id: ParagraphId,
        action: &str,
        edit: impl FnOnce(&Connection, &Round, &mut Paragraph) -> Result<String>,
    ) -> Result<()> {
        self.change_with_meta(id, action, None, edit)
    }

    pub(super) fn change_with_meta(
        &mut self,
        id: ParagraphId,
        action: &str,
        new_bracket_meta: Option<(Vec<String>, String)>,
        edit: impl FnOnce(&Connection, &Round, &mut Paragraph) -> Result<String>,
    ) -> Result<()> {
        self.require_chair()?;
        self.record_change(id, action, new_bracket_meta, edit)
    }

    /// Changes one paragraph of the open round in one transaction, logged and undoable, with no
    /// check of whose desk this is: callers check it (the private notes belong to any desk).
    fn record_change(
        &mut self,
        id: ParagraphId,
        action: &str,
        new_bracket_meta: Option<(Vec<String>, String)>,
        edit: impl FnOnce(&Connection, &Round, &mut Paragraph) -> Result<String>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let round = rows::open_round(&tx)?;
        let before = rows::load_one(&tx, id)?;
        let mut after = before.clone();
        let detail = edit(&tx, &round, &mut after.paragraph)?;
        if after.paragraph == before.paragraph {
            return Ok(());
        }
        if before.paragraph.kind != after.paragraph.kind {
            let all = rows::load_outline(&tx, round.number)?;
            after.paragraph.label = label_at(&all, after.position, &after.paragraph);
        }
        let text = rows::write(&tx, round.number, &after)?;
        records::sync(&tx, round.number, id, &after.paragraph.text, new_bracket_meta)?;
        if detail == after.paragraph.text {
            events::log_text(&tx, round.number, id, action, text)?;
        } else {
            events::log(&tx, round.number, Some(id), action, &detail)?;
        }
        tx.commit()?;
        self.undo.push(Step::new(action, round.number, vec![(id, Some(before), Some(after))]));
        Ok(())
    }
}

/// The delegations whose ad referendum a status change lifts: those of `before` no longer
/// named once the paragraph is agreed or still ad referendum of fewer delegations.
fn confirmed_by(before: &Status, after: &Status) -> Vec<String> {
    let Status::AdReferendum(was) = before else { return Vec::new() };
    match after {
        Status::Agreed => was.delegations.clone(),
        Status::AdReferendum(now) => {
            was.delegations.iter().filter(|d| !now.delegations.contains(d)).cloned().collect()
        }
        _ => Vec::new(),
    }
}

/// Reopens an agreed (or ad referendum) paragraph before its words change, logged with the
/// reason it cannot go without; other paragraphs are left as they are.
pub(super) fn reopen(
    conn: &Connection,
    round: &Round,
    p: &mut Paragraph,
    reason: Option<&str>,
) -> Result<()> {
    if !matches!(p.status.kind(), StatusKind::Agreed | StatusKind::AdReferendum) {
        return Ok(());
    }
    let Some(reason) = reason.map(str::trim).filter(|r| !r.is_empty()) else {
        return Err(Error::AgreedTextProtected { label: p.label.clone() });
    };
    events::log(conn, round.number, Some(p.id), "reopened", reason)?;
    p.status = Status::Pending;
    Ok(())
}

/// The working label a paragraph is born with at `position` during a round (inserted there, or
/// changed to its kind): the next number when it comes last of its kind, or last under its
/// parent for a sub-paragraph ("OP12", "OP7(c)"); else an insertion's label after the paragraph
/// of its kind before it ("OP7bis"). The paragraph itself, when already in `all`, is left out.
fn label_at(all: &[Row], position: f64, born: &Paragraph) -> String {
    let siblings: Vec<&Row> = all
        .iter()
        .filter(|r| r.paragraph.kind == born.kind && r.paragraph.id != born.id)
        .filter(|r| born.kind != ParagraphKind::SubParagraph || r.paragraph.parent == born.parent)
        .collect();
    let previous =
        siblings.iter().rev().find(|r| r.position < position).map(|r| r.paragraph.label.as_str());
    let parent = born
        .parent
        .and_then(|id| all.iter().find(|r| r.paragraph.id == id))
        .map(|r| r.paragraph.label.as_str());
    if siblings.iter().any(|r| r.position > position) {
        numbering::insertion_label(&labels(all), previous, born.kind)
    } else {
        numbering::appended_label(&labels(all), previous, parent, born.kind)
    }
}

fn labels(all: &[Row]) -> Vec<String> {
    all.iter().map(|r| r.paragraph.label.clone()).collect()
}

fn find(all: &[Row], id: ParagraphId) -> Result<&Row> {
    all.iter().find(|r| r.paragraph.id == id).ok_or_else(|| Error::UnknownParagraph(id.to_string()))
}

/// A paragraph and, after it, every sub-paragraph below it (at any depth), in document order.
fn family(all: &[Row], id: ParagraphId) -> Result<Vec<Row>> {
    let head = find(all, id)?;
    let mut members = vec![head.clone()];
    let mut ids = vec![id];
    for row in all {
        if let Some(parent) = row.paragraph.parent {
            if ids.contains(&parent) && !ids.contains(&row.paragraph.id) {
                ids.push(row.paragraph.id);
                members.push(row.clone());
            }
        }
    }
    Ok(members)
}

fn rest_with(rest: &[Row], placed: &[(ParagraphId, Option<Row>, Option<Row>)]) -> Vec<Row> {
    let mut all: Vec<Row> = rest.to_vec();
    all.extend(placed.iter().filter_map(|(_, _, after)| after.clone()));
    all.sort_by(|a, b| a.position.total_cmp(&b.position));
    all
}

/// The position for a placement among `all` (sorted). When two neighbours are too close to split,
/// renumbers the round's positions first and says so (undo history cannot span that).
fn place(
    conn: &Connection,
    round: u32,
    all: &[Row],
    placement: Placement,
    retried: Option<()>,
) -> Result<(f64, bool)> {
    let index_of = |id: ParagraphId| {
        all.iter()
            .position(|r| r.paragraph.id == id)
            .ok_or_else(|| Error::UnknownParagraph(id.to_string()))
    };
    let (low, high) = match placement {
        Placement::End => (all.last().map(|r| r.position), None),
        Placement::After { id } => {
            let i = index_of(id)?;
            (Some(all[i].position), all.get(i + 1).map(|r| r.position))
        }
        Placement::Before { id } => {
            let i = index_of(id)?;
            (i.checked_sub(1).map(|j| all[j].position), Some(all[i].position))
        }
    };
    let position = match (low, high) {
        (None, None) => POSITION_STEP,
        (Some(l), None) => l + POSITION_STEP,
        (None, Some(h)) => h - POSITION_STEP,
        (Some(l), Some(h)) => l + (h - l) / 2.0,
    };
    let distinct = low.is_none_or(|l| position > l) && high.is_none_or(|h| position < h);
    if distinct {
        return Ok((position, false));
    }
    if retried.is_some() {
        return Err(Error::Corrupt("paragraph positions cannot be ordered".into()));
    }
    // `all` may be an outline without texts: the rows rewritten are read whole.
    let mut renumbered = rows::load(conn, round)?;
    for (i, row) in renumbered.iter_mut().enumerate() {
        row.position = (i as f64 + 1.0) * POSITION_STEP;
        rows::write(conn, round, row)?;
    }
    place(conn, round, &renumbered, placement, Some(())).map(|(p, _)| (p, true))
}

fn validate_text(text: &str, label: &str) -> Result<()> {
    brackets::validate(text).map_err(|source| Error::Brackets { label: label.to_string(), source })
}

fn refuse_brackets(p: &Paragraph) -> Result<()> {
    if !brackets::has_brackets(&p.text) {
        return Ok(());
    }
    let count = brackets::count(&p.text).map(|c| c.brackets).unwrap_or(1).max(1);
    Err(Error::BracketsRemain { label: p.label.clone(), count })
}

fn validate_parent(
    all: &[Row],
    kind: ParagraphKind,
    parent: Option<ParagraphId>,
    moving: Option<ParagraphId>,
) -> Result<()> {
    match (kind, parent) {
        (ParagraphKind::SubParagraph, None) => {
            Err(Error::Invalid("a sub-paragraph needs the paragraph it belongs to".into()))
        }
        (ParagraphKind::SubParagraph, Some(parent)) => {
            if Some(parent) == moving {
                return Err(Error::Invalid("a paragraph cannot be its own sub-paragraph".into()));
            }
            let parent_row = find(all, parent)?;
            match parent_row.paragraph.kind {
                ParagraphKind::Preambular | ParagraphKind::Operative | ParagraphKind::SubParagraph => {
                    Ok(())
                }
                other => Err(Error::Invalid(format!(
                    "a sub-paragraph belongs to a preambular, operative or sub-paragraph, not to a {}",
                    other.as_str().replace('_', " ")
                ))),
            }
        }
        (_, Some(_)) => {
            Err(Error::Invalid("only sub-paragraphs belong to another paragraph".into()))
        }
        (_, None) => Ok(()),
    }
}
