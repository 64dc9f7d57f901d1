//! The negotiation's title block and its roster of delegations.

use drafts::model::{Delegation, Negotiation, NegotiationMeta};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
pub async fn negotiation(state: State<'_, AppState>) -> AppResult<Negotiation> {
    state.read(|s| s.negotiation())
}

#[tauri::command]
pub async fn update_negotiation(
    state: State<'_, AppState>,
    meta: NegotiationMeta,
) -> AppResult<()> {
    state.edit(|s| s.update_negotiation(meta))
}

#[tauri::command]
pub async fn delegations(state: State<'_, AppState>) -> AppResult<Vec<Delegation>> {
    state.read(|s| s.delegations())
}

#[tauri::command]
pub async fn add_delegation(state: State<'_, AppState>, delegation: Delegation) -> AppResult<()> {
    state.edit(|s| s.add_delegation(delegation))
}

#[tauri::command]
pub async fn remove_delegation(state: State<'_, AppState>, name: String) -> AppResult<()> {
    state.edit(|s| s.remove_delegation(&name))
}
