//! Rounds: list, close, compare, and a paragraph's history across them.

use drafts::diff::RoundDiff;
use drafts::model::{ParagraphId, Round};
use drafts::store::{CloseRound, ParagraphHistory};

use crate::error::AppResult;
use crate::windows::Doc;

#[tauri::command]
pub async fn rounds(state: Doc) -> AppResult<Vec<Round>> {
    state.read(|s| s.rounds())
}

/// Closes the open round and returns the new open one.
#[tauri::command]
pub async fn close_round(state: Doc, close: CloseRound) -> AppResult<Round> {
    state.edit(|s| s.close_round(close))
}

/// The round the last close froze while it can still be reopened.
#[tauri::command]
pub async fn reopenable_round(state: Doc) -> AppResult<Option<u32>> {
    state.read(|s| s.reopenable_round())
}

/// Undoes the last close while nothing has happened since; returns the reopened round.
#[tauri::command]
pub async fn reopen_round(state: Doc, reason: String) -> AppResult<Round> {
    state.edit(|s| s.reopen_round(&reason))
}

#[tauri::command]
pub async fn diff(state: Doc, from: u32, to: u32) -> AppResult<RoundDiff> {
    state.read(|s| s.diff(from, to))
}

#[tauri::command]
pub async fn history(state: Doc, id: ParagraphId) -> AppResult<ParagraphHistory> {
    state.read(|s| s.history(id))
}
