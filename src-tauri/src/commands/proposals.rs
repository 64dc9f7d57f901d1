//! Delegations at the table: delegation mode, the proposals a delegation makes in it, the
//! proposals files that carry them to the chair, and the chair's compilation and decisions. Every
//! rule lives in the core (`drafts::store` proposals); each command translates.

use std::path::Path;

use drafts::proposals::{ProposalId, ProposalsFile, Stance};
use drafts::store::{Compilation, ProposalRecord, ProposalRequest, ProposalsImport};
use tauri::{AppHandle, State};

use super::dialogs::{
    file_stem, free_path, new_file_path, pick_files, plain_name, save_file, Filter,
};
use super::export::ExportedFile;
use crate::error::AppResult;
use crate::state::AppState;

/// The extension of a proposals file.
const PROPOSALS_EXTENSION: &str = "json";

/// The files File ▸ Import proposals offers, and Export my proposals writes.
const PROPOSALS: Filter<'static> =
    Filter { name: "Accord proposals", extensions: &[PROPOSALS_EXTENSION] };

/// The delegation this file acts for (delegation mode); none at the chair's desk.
#[tauri::command]
pub async fn acting_delegation(state: State<'_, AppState>) -> AppResult<Option<String>> {
    state.read(|s| s.acting_delegation())
}

/// Enters delegation mode for a delegation of the roster, or returns to the chair's desk (none).
#[tauri::command]
pub async fn act_as(state: State<'_, AppState>, delegation: Option<String>) -> AppResult<()> {
    state.edit(|s| s.act_as(delegation.as_deref()))
}

/// Writes a copy of the open negotiation in delegation mode for `delegation`, to send to it; the
/// window stays on the chair's file. Returns the copy's path; `None` if cancelled.
#[tauri::command]
pub async fn save_delegation_copy(
    app: AppHandle,
    state: State<'_, AppState>,
    delegation: String,
) -> AppResult<Option<String>> {
    let open = state.open_file()?.map(|f| f.file_name).unwrap_or_default();
    let stem = Path::new(&open).file_stem().map(|s| s.to_string_lossy().into_owned());
    let stem = format!("{}-{}", file_stem(&stem.unwrap_or_default()), file_stem(&delegation));
    let title = format!("Save a copy for {delegation}");
    let Some(path) = new_file_path(&app, &state, &title, &stem)? else { return Ok(None) };
    state.read(|s| {
        if !s.delegations()?.iter().any(|d| d.name == delegation) {
            return Err(drafts::Error::UnknownDelegation(delegation.clone()));
        }
        s.save_copy(&path)?.act_as(Some(&delegation))
    })?;
    Ok(Some(path.display().to_string()))
}

/// Records a proposal of `delegation` on the open round's text.
#[tauri::command]
pub async fn propose(
    state: State<'_, AppState>,
    delegation: String,
    request: ProposalRequest,
    note: String,
) -> AppResult<ProposalId> {
    state.edit(|s| s.propose(&delegation, request, &note))
}

/// Every proposal in the file, oldest first.
#[tauri::command]
pub async fn proposals(state: State<'_, AppState>) -> AppResult<Vec<ProposalRecord>> {
    state.read(|s| s.proposals())
}

#[tauri::command]
pub async fn withdraw_proposal(state: State<'_, AppState>, id: ProposalId) -> AppResult<()> {
    state.edit(|s| s.withdraw_proposal(id))
}

/// Records `delegation`'s support for or opposition to a proposal; none clears it.
#[tauri::command]
pub async fn set_stance(
    state: State<'_, AppState>,
    id: ProposalId,
    delegation: String,
    stance: Option<Stance>,
) -> AppResult<()> {
    state.edit(|s| s.set_stance(id, &delegation, stance))
}

/// Writes `delegation`'s proposals file where the user chooses (or in `ACCORD_E2E_DIR`),
/// named "Canada proposals - rev.1.json"; `None` if cancelled.
#[tauri::command]
pub async fn export_proposals(
    app: AppHandle,
    state: State<'_, AppState>,
    delegation: String,
) -> AppResult<Option<ExportedFile>> {
    let file = state.read(|s| s.export_proposals(&delegation))?;
    let name = plain_name(&format!("{} proposals - {}", file.delegation, file.round_label));
    let path = match &state.paths.e2e_dir {
        Some(dir) => free_path(dir, &name, PROPOSALS_EXTENSION),
        None => {
            let suggested = format!("{name}.{PROPOSALS_EXTENSION}");
            let title = "Export my proposals";
            let Some(path) = save_file(&app, title, &suggested, &PROPOSALS)? else {
                return Ok(None);
            };
            path
        }
    };
    let json = file.to_json();
    drafts::export::write_atomically(&path, json.as_bytes())?;
    Ok(Some(ExportedFile::new(&path, json.len())))
}

/// Imports the proposals files chosen in the open dialog (several at once; `ACCORD_E2E_PROPOSALS`
/// in the end-to-end tests) at the chair's desk, one result per file; none if cancelled.
/// Importing a file twice adds nothing.
#[tauri::command]
pub async fn import_proposals(
    app: AppHandle,
    state: State<'_, AppState>,
) -> AppResult<Vec<ProposalsImport>> {
    let paths = match state.paths.e2e_proposals.as_slice() {
        [] => pick_files(&app, "Import proposals", &PROPOSALS)?,
        seam => seam.to_vec(),
    };
    paths.iter().map(|path| import_proposals_file(&state, path)).collect()
}

/// Reads one proposals file into the open negotiation; its file name is kept as the proposals'
/// origin.
fn import_proposals_file(state: &AppState, path: &Path) -> AppResult<ProposalsImport> {
    let origin = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let file = ProposalsFile::read(path)?;
    state.edit(|s| s.import_proposals(&file, &origin))
}

/// The proposals beside the paragraphs they are about, with where each stands and its conflicts.
#[tauri::command]
pub async fn compilation(state: State<'_, AppState>) -> AppResult<Compilation> {
    state.read(|s| s.compilation())
}

/// Takes an open proposal into the text (undoable).
#[tauri::command]
pub async fn accept_proposal(state: State<'_, AppState>, id: ProposalId) -> AppResult<()> {
    state.edit(|s| s.accept_proposal(id))
}

/// Rejects an open proposal with the chair's reason (may be empty).
#[tauri::command]
pub async fn reject_proposal(
    state: State<'_, AppState>,
    id: ProposalId,
    reason: String,
) -> AppResult<()> {
    state.edit(|s| s.reject_proposal(id, &reason))
}

/// Puts a decided proposal back on the table.
#[tauri::command]
pub async fn reopen_proposal(state: State<'_, AppState>, id: ProposalId) -> AppResult<()> {
    state.edit(|s| s.reopen_proposal(id))
}

/// Turns competing amendments of one paragraph into alternatives `[A / B]` (undoable), the
/// current words first when `keep_current`.
#[tauri::command]
pub async fn bracket_proposals(
    state: State<'_, AppState>,
    ids: Vec<ProposalId>,
    keep_current: bool,
) -> AppResult<()> {
    state.edit(|s| s.bracket_proposals(&ids, keep_current))
}
