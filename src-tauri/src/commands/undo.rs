//! Undo and redo of the session's edits.

use serde::Serialize;

use ts_rs::TS;

use crate::error::AppResult;
use crate::windows::Doc;

/// What an undo or redo did, and what can be done next.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UndoOutcome {
    /// The action undone or redone ("edited", "moved"…); none when there was nothing to do.
    pub action: Option<String>,
    pub can_undo: bool,
    pub can_redo: bool,
}

#[tauri::command]
pub async fn undo(state: Doc) -> AppResult<UndoOutcome> {
    state.edit(|s| Ok(outcome(s.undo()?, s)))
}

#[tauri::command]
pub async fn redo(state: Doc) -> AppResult<UndoOutcome> {
    state.edit(|s| Ok(outcome(s.redo()?, s)))
}

fn outcome(action: Option<String>, store: &drafts::Store) -> UndoOutcome {
    let (can_undo, can_redo) = store.can_undo_redo();
    UndoOutcome { action, can_undo, can_redo }
}
