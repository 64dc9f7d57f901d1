//! The record's integrity: re-checking the closed rounds' fingerprints, the per-round backups of
//! the open file, and restoring one of them as a new file (native save dialog, or
//! `ACCORD_E2E_DIR`). The webview names a backup by its round, never by a path.

use std::path::Path;

use drafts::store::{Backup, Verification};
use drafts::Store;
use tauri::AppHandle;

use super::dialogs::{new_file_path, restored_stem};
use crate::error::{AppError, AppResult};
use crate::state::OpenFile;
use crate::windows::Doc;

/// Re-computes the fingerprint chain of the closed rounds and names the first that no longer
/// matches.
#[tauri::command]
pub async fn verify(state: Doc) -> AppResult<Verification> {
    state.read(|s| s.verify())
}

/// The open file's per-round backups, oldest first.
#[tauri::command]
pub async fn backups(state: Doc) -> AppResult<Vec<Backup>> {
    state.read(|s| s.backups())
}

/// Restores the backup made when `round` closed as a new file where the user chooses, and opens
/// it; `None` if cancelled. The open file is left as it is.
#[tauri::command]
pub async fn restore_backup(app: AppHandle, state: Doc, round: u32) -> AppResult<Option<OpenFile>> {
    let (file, backups) = state.read(|s| Ok((s.path().to_path_buf(), s.backups()?)))?;
    let backup = backups.into_iter().find(|b| b.round == round).ok_or(AppError::NoBackup(round))?;
    let stem = restored_stem(&file, round);
    let Some(target) = new_file_path(&app, &state, "Restore the backup as", &stem)? else {
        return Ok(None);
    };
    state.install(Store::restore(Path::new(&backup.path), &target)?).map(Some)
}
