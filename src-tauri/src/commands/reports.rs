//! The dashboard's reports: status counts and pending items, progress per round, drafting checks.

use drafts::checks::Warning;
use drafts::summary::{RoundProgress, StatusSummary};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
pub async fn summary(state: State<'_, AppState>, round: Option<u32>) -> AppResult<StatusSummary> {
    state.read(|s| s.summary(round))
}

#[tauri::command]
pub async fn progress(state: State<'_, AppState>) -> AppResult<Vec<RoundProgress>> {
    state.read(|s| s.progress())
}

#[tauri::command]
pub async fn checks(state: State<'_, AppState>, round: Option<u32>) -> AppResult<Vec<Warning>> {
    state.read(|s| s.checks(round))
}
