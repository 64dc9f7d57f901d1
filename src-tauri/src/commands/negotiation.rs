//! The negotiation's title block and its roster of delegations.

use drafts::model::{Delegation, Negotiation, NegotiationMeta};

use crate::error::AppResult;
use crate::windows::Doc;

#[tauri::command]
pub async fn negotiation(state: Doc) -> AppResult<Negotiation> {
    state.read(|s| s.negotiation())
}

#[tauri::command]
pub async fn update_negotiation(state: Doc, meta: NegotiationMeta) -> AppResult<()> {
    state.edit(|s| s.update_negotiation(meta))
}

#[tauri::command]
pub async fn delegations(state: Doc) -> AppResult<Vec<Delegation>> {
    state.read(|s| s.delegations())
}

#[tauri::command]
pub async fn add_delegation(state: Doc, delegation: Delegation) -> AppResult<()> {
    state.edit(|s| s.add_delegation(delegation))
}

#[tauri::command]
pub async fn remove_delegation(state: Doc, name: String) -> AppResult<()> {
    state.edit(|s| s.remove_delegation(&name))
}
