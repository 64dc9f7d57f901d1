//! The dashboard's reports: status counts and pending items, progress per round, drafting checks.

use drafts::checks::Warning;
use drafts::summary::{RoundProgress, StatusSummary};

use crate::error::AppResult;
use crate::windows::Doc;

#[tauri::command]
pub async fn summary(state: Doc, round: Option<u32>) -> AppResult<StatusSummary> {
    state.read(|s| s.summary(round))
}

#[tauri::command]
pub async fn progress(state: Doc) -> AppResult<Vec<RoundProgress>> {
    state.read(|s| s.progress())
}

#[tauri::command]
pub async fn checks(state: Doc, round: Option<u32>) -> AppResult<Vec<Warning>> {
    state.read(|s| s.checks(round))
}
