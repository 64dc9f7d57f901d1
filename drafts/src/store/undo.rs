//! Undo and redo of the session's edits in the open round.

use super::proposals::{insert_proposal, remove_proposal, set_state, write_stance};
use super::rows;
use super::steps::Step;
use super::{brackets as records, events, languages, Store};
use crate::proposals::{ProposalId, ProposalState};
use crate::Result;

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
