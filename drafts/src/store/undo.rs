//! Undo and redo of the session's edits in the open round.

use super::proposals::{insert_proposal, remove_proposal, set_state, write_stance};
use super::rows::{self, Row};
use super::{brackets as records, events, languages, Store};
use crate::languages::Translation;
use crate::model::ParagraphId;
use crate::proposals::{Proposal, ProposalId, ProposalState, Stance};
use crate::Result;

/// One user action: each touched paragraph before and after (none = did not exist), the
/// proposals it decided (they are open again before it), the proposals it brought in with their
/// origin (gone before it), the positions it changed: (proposal, delegation, before, after), the
/// translations it wrote, and the language version it added (gone before it).
#[derive(Debug, Clone)]
pub(crate) struct Step {
    action: String,
    round: u32,
    changes: Vec<(ParagraphId, Option<Row>, Option<Row>)>,
    decisions: Vec<(ProposalId, ProposalState)>,
    added: Vec<(Proposal, String)>,
    stances: Vec<StanceChange>,
    translations: Vec<TranslationChange>,
    language: Option<&'static str>,
}

/// A paragraph's translation row in the open round, before and after a step (none: no row).
#[derive(Debug, Clone)]
pub(crate) struct TranslationChange {
    id: ParagraphId,
    language: &'static str,
    before: Option<Translation>,
    after: Option<Translation>,
}

impl TranslationChange {
    pub(crate) fn new(
        id: ParagraphId,
        language: &'static str,
        before: Option<Translation>,
        after: Option<Translation>,
    ) -> Self {
        Self { id, language, before, after }
    }
}

/// A delegation's position on a proposal, before and after a step.
pub(crate) type StanceChange = (ProposalId, String, Option<Stance>, Option<Stance>);

impl Step {
    pub(crate) fn new(
        action: &str,
        round: u32,
        changes: Vec<(ParagraphId, Option<Row>, Option<Row>)>,
    ) -> Self {
        Self {
            action: action.to_string(),
            round,
            changes,
            decisions: Vec::new(),
            added: Vec::new(),
            stances: Vec::new(),
            translations: Vec::new(),
            language: None,
        }
    }

    /// A step that wrote translations.
    pub(crate) fn on_translations(
        action: &str,
        round: u32,
        translations: Vec<TranslationChange>,
    ) -> Self {
        Self { translations, ..Self::new(action, round, Vec::new()) }
    }

    /// A step that added a language version.
    pub(crate) fn on_language(round: u32, code: &'static str) -> Self {
        Self { language: Some(code), ..Self::new("language_added", round, Vec::new()) }
    }

    /// A step that changed only proposals: decided some, brought some in, changed positions.
    pub(crate) fn on_proposals(
        action: &str,
        round: u32,
        decisions: Vec<(ProposalId, ProposalState)>,
        added: Vec<(Proposal, String)>,
        stances: Vec<StanceChange>,
    ) -> Self {
        Self { decisions, added, stances, ..Self::new(action, round, Vec::new()) }
    }
}

/// The session's undo and redo stacks.
#[derive(Debug, Default)]
pub(crate) struct Journal {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl Journal {
    pub(crate) fn push(&mut self, step: Step) {
        self.done.push(step);
        self.undone.clear();
    }

    pub(crate) fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }

    /// How many steps can be undone.
    pub(crate) fn depth(&self) -> usize {
        self.done.len()
    }

    /// Records that the last step also decided a proposal.
    pub(crate) fn attach_decision(&mut self, id: ProposalId, state: ProposalState) {
        if let Some(step) = self.done.last_mut() {
            step.decisions.push((id, state));
        }
    }
}

impl Store {
    /// Undoes the last edit of this session; returns the action undone, if any.
    pub fn undo(&mut self) -> Result<Option<String>> {
        let Some(step) = self.undo.done.pop() else { return Ok(None) };
        match self.apply(&step, Side::Before) {
            Ok(()) => {
                let action = step.action.clone();
                self.undo.undone.push(step);
                Ok(Some(action))
            }
            Err(e) => {
                self.undo.clear();
                Err(e)
            }
        }
    }

    /// Redoes the last undone edit; returns the action redone, if any.
    pub fn redo(&mut self) -> Result<Option<String>> {
        let Some(step) = self.undo.undone.pop() else { return Ok(None) };
        match self.apply(&step, Side::After) {
            Ok(()) => {
                let action = step.action.clone();
                self.undo.done.push(step);
                Ok(Some(action))
            }
            Err(e) => {
                self.undo.clear();
                Err(e)
            }
        }
    }

    /// Forgets the undo history, e.g. after writing a sample the user should not undo.
    pub(crate) fn forget_undo_history(&mut self) {
        self.undo.clear();
    }

    /// Whether there is something to undo and to redo.
    pub fn can_undo_redo(&self) -> (bool, bool) {
        (!self.undo.done.is_empty(), !self.undo.undone.is_empty())
    }

    fn apply(&mut self, step: &Step, side: Side) -> Result<()> {
        let tx = self.conn.transaction()?;
        let round = rows::open_round(&tx)?;
        if round.number != step.round {
            return Err(crate::Error::RoundClosed(step.round));
        }
        for (id, before, after) in &step.changes {
            let target = match side {
                Side::Before => before,
                Side::After => after,
            };
            match target {
                Some(row) => {
                    rows::write(&tx, round.number, row)?;
                    records::sync(&tx, round.number, *id, &row.paragraph.text, None)?;
                }
                None => {
                    rows::remove(&tx, round.number, *id)?;
                    records::sync(&tx, round.number, *id, "", None)?;
                }
            }
        }
        for (id, state) in &step.decisions {
            match side {
                Side::Before => set_state(&tx, *id, ProposalState::Open, None, "")?,
                Side::After => set_state(&tx, *id, *state, Some(round.number), "")?,
            }
        }
        for (proposal, origin) in &step.added {
            match side {
                Side::Before => remove_proposal(&tx, proposal.id)?,
                Side::After => insert_proposal(&tx, proposal, origin).map(drop)?,
            }
        }
        for (id, delegation, before, after) in &step.stances {
            let stance = match side {
                Side::Before => *before,
                Side::After => *after,
            };
            write_stance(&tx, *id, delegation, stance)?;
        }
        for change in &step.translations {
            let row = match side {
                Side::Before => change.before.as_ref(),
                Side::After => change.after.as_ref(),
            };
            languages::write(&tx, change.id, change.language, round.number, row)?;
        }
        if let Some(code) = step.language {
            languages::keep(&tx, code, matches!(side, Side::After))?;
        }
        let verb = match side {
            Side::Before => "undo",
            Side::After => "redo",
        };
        let first = step.changes.first().map(|c| c.0).or(step.translations.first().map(|c| c.id));
        events::log(&tx, round.number, first, verb, &step.action)?;
        tx.commit()?;
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Side {
    Before,
    After,
}
