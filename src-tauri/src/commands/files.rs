//! Files: the session at start-up, new / open / save-as through native dialogs (see
//! [`dialogs`](super::dialogs)), recent files, and opening read-only a file in use elsewhere.

use std::path::PathBuf;

use drafts::model::NegotiationMeta;
use drafts::Store;
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;

use super::dialogs::{new_negotiation_path, pick_file, save_file, EXTENSION, NEGOTIATIONS};
use crate::error::{AppError, AppResult, ErrorPayload};
use crate::recent::RecentFile;
use crate::state::OpenFile;
use crate::windows::Doc;

/// What the window needs at start-up.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Session {
    /// The open file; none when the launch file could not be opened.
    pub file: Option<OpenFile>,
    /// Why the launch file could not be opened (shown once).
    pub startup_error: Option<ErrorPayload>,
    pub recent: Vec<RecentFile>,
    /// True when `ACCORD_E2E_DIR` replaces the save dialogs (new negotiation, import, export) and
    /// `ACCORD_E2E_IMPORT` the import's open dialog (test seam).
    pub dialogs_bypassed: bool,
}

#[tauri::command]
pub async fn session(state: Doc) -> AppResult<Session> {
    Ok(Session {
        file: state.open_file()?,
        startup_error: state.take_startup_error(),
        recent: state.recent_files()?.0,
        dialogs_bypassed: state.paths.e2e_dir.is_some(),
    })
}

/// Help ▸ About: which Accord this is and which file format it writes.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct About {
    /// The workspace's version, as `accord --version` says it.
    pub version: String,
    /// The file format this Accord writes (the schema version).
    #[ts(type = "number")]
    pub file_format: i64,
    /// The Accord version that last wrote the open file, when it is recorded.
    pub file_written_by: Option<String>,
    /// Accord's own licence.
    pub licence: String,
}

#[tauri::command]
pub async fn about(state: Doc) -> AppResult<About> {
    let file_written_by = match state.open_file()? {
        Some(_) => state.read(|s| s.written_by())?,
        None => None,
    };
    Ok(About {
        version: drafts::VERSION.to_string(),
        file_format: drafts::store::SCHEMA_VERSION,
        file_written_by,
        licence: env!("CARGO_PKG_LICENSE").to_string(),
    })
}

/// Creates a negotiation file where the user chooses (or in `ACCORD_E2E_DIR`); `None` if cancelled.
#[tauri::command]
pub async fn new_negotiation(
    app: AppHandle,
    state: Doc,
    meta: NegotiationMeta,
) -> AppResult<Option<OpenFile>> {
    let Some(path) = new_negotiation_path(&app, &state, "New negotiation", &meta.title)? else {
        return Ok(None);
    };
    let store = Store::create(&path, meta)?;
    state.install(store).map(Some)
}

/// Opens a negotiation file chosen in the native dialog; `None` if cancelled.
#[tauri::command]
pub async fn open_negotiation(app: AppHandle, state: Doc) -> AppResult<Option<OpenFile>> {
    let Some(path) = pick_file(&app, "Open negotiation", &NEGOTIATIONS)? else { return Ok(None) };
    state.open_path(&path).map(Some)
}

/// Reopens a file from the recent list (the only paths the webview may name).
#[tauri::command]
pub async fn open_recent(state: Doc, path: String) -> AppResult<OpenFile> {
    let path = PathBuf::from(path);
    if !state.is_recent(&path)? {
        return Err(AppError::NotRecent(path.display().to_string()));
    }
    if !path.exists() {
        state.forget_recent(&path)?;
        return Err(AppError::FileMissing(path.display().to_string()));
    }
    state.open_path(&path)
}

/// Reopens the sample negotiation (writing it first if needed).
#[tauri::command]
pub async fn open_sample(state: Doc) -> AppResult<OpenFile> {
    let path = state.paths.data_dir.join(crate::launch::SAMPLE_FILE);
    if path.exists() {
        return state.open_path(&path);
    }
    let store = crate::launch::open(&crate::launch::Launch::Sample, &state.paths.data_dir)?;
    state.install(store)
}

/// Writes a copy of the open negotiation where the user chooses and continues in the copy.
#[tauri::command]
pub async fn save_as(app: AppHandle, state: Doc) -> AppResult<Option<OpenFile>> {
    let suggested = state
        .open_file()?
        .map(|f| f.file_name)
        .unwrap_or_else(|| format!("negotiation.{EXTENSION}"));
    let Some(path) = save_file(&app, "Save negotiation as", &suggested, &NEGOTIATIONS)? else {
        return Ok(None);
    };
    let copy = state.read(|store| store.save_copy(&path))?;
    state.install(copy).map(Some)
}

/// Opens read-only the file last found in use by another Accord window or program.
#[tauri::command]
pub async fn open_read_only(state: Doc) -> AppResult<OpenFile> {
    state.open_in_use_read_only()
}
