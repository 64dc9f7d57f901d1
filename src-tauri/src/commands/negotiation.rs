//! The negotiation's title block and its roster of delegations.

use drafts::model::{Delegation, NegotiationMeta};

use crate::error::AppResult;
use crate::windows::Doc;

#[tauri::command]
pub async fn update_negotiation(state: Doc, meta: NegotiationMeta) -> AppResult<()> {
    state.edit(|s| s.update_negotiation(meta))
}

#[tauri::command]
pub async fn delegations(state: Doc) -> AppResult<Vec<Delegation>> {
    state.read(|s| s.delegations())
}
