//! Files: the session at start-up, new / open / save-as through native dialogs, recent files.
//!
//! Dialogs are shown from Rust (`tauri-plugin-dialog`'s `blocking_*` calls, inside async commands so
//! they never block the main thread); the webview only ever receives the chosen path back.

use std::path::{Path, PathBuf};

use drafts::model::NegotiationMeta;
use drafts::Store;
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::error::{AppError, AppResult, ErrorPayload};
use crate::recent::RecentFile;
use crate::state::{AppState, OpenFile};

const EXTENSION: &str = "accord";

/// What the window needs at start-up.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Session {
    /// The open file; none when the launch file could not be opened.
    pub file: Option<OpenFile>,
    /// Why the launch file could not be opened (shown once).
    pub startup_error: Option<ErrorPayload>,
    pub recent: Vec<RecentFile>,
    /// True when `ACCORD_E2E_DIR` replaces the save dialog of "New negotiation" (test seam).
    pub dialogs_bypassed: bool,
}

#[tauri::command]
pub async fn session(state: State<'_, AppState>) -> AppResult<Session> {
    Ok(Session {
        file: state.open_file()?,
        startup_error: state.take_startup_error(),
        recent: state.recent_files()?.0,
        dialogs_bypassed: state.paths.e2e_dir.is_some(),
    })
}

#[tauri::command]
pub async fn recent_files(state: State<'_, AppState>) -> AppResult<Vec<RecentFile>> {
    Ok(state.recent_files()?.0)
}

/// Creates a negotiation file where the user chooses (or in `ACCORD_E2E_DIR`); `None` if cancelled.
#[tauri::command]
pub async fn new_negotiation(
    app: AppHandle,
    state: State<'_, AppState>,
    meta: NegotiationMeta,
) -> AppResult<Option<OpenFile>> {
    let path = match &state.paths.e2e_dir {
        Some(dir) => Some(free_path(dir, &file_stem(&meta.title))),
        None => save_dialog(
            &app,
            "New negotiation",
            &format!("{}.{EXTENSION}", file_stem(&meta.title)),
        )?,
    };
    let Some(path) = path else { return Ok(None) };
    let store = Store::create(&path, meta)?;
    state.install(store).map(Some)
}

/// Opens a negotiation file chosen in the native dialog; `None` if cancelled.
#[tauri::command]
pub async fn open_negotiation(
    app: AppHandle,
    state: State<'_, AppState>,
) -> AppResult<Option<OpenFile>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Open negotiation")
        .add_filter("Accord negotiation", &[EXTENSION])
        .blocking_pick_file();
    let Some(path) = picked else { return Ok(None) };
    let path = path.into_path().map_err(|e| AppError::Dialog(e.to_string()))?;
    state.open_path(&path).map(Some)
}

/// Reopens a file from the recent list (the only paths the webview may name).
#[tauri::command]
pub async fn open_recent(state: State<'_, AppState>, path: String) -> AppResult<OpenFile> {
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
pub async fn open_sample(state: State<'_, AppState>) -> AppResult<OpenFile> {
    let path = state.paths.data_dir.join(crate::launch::SAMPLE_FILE);
    if path.exists() {
        return state.open_path(&path);
    }
    let store = crate::launch::open(&crate::launch::Launch::Sample, &state.paths.data_dir)?;
    state.install(store)
}

/// Writes a copy of the open negotiation where the user chooses and continues in the copy.
#[tauri::command]
pub async fn save_as(app: AppHandle, state: State<'_, AppState>) -> AppResult<Option<OpenFile>> {
    let suggested = state
        .open_file()?
        .map(|f| f.file_name)
        .unwrap_or_else(|| format!("negotiation.{EXTENSION}"));
    let Some(path) = save_dialog(&app, "Save negotiation as", &suggested)? else { return Ok(None) };
    let copy = state.read(|store| Ok(save_copy(store, &path)))??;
    state.install(copy).map(Some)
}

/// Writes a consistent copy of the open file with SQLite's `VACUUM INTO` and opens it.
/// (Kept here until the core offers `Store::save_copy`.)
fn save_copy(store: &Store, path: &Path) -> AppResult<Store> {
    if path == store.path() {
        return Ok(Store::open(path)?);
    }
    if path.exists() {
        // The native dialog has already asked the user to confirm replacing it.
        std::fs::remove_file(path)
            .map_err(|source| AppError::Io { path: path.display().to_string(), source })?;
    }
    store
        .connection()
        .execute("VACUUM INTO ?1", [path.to_string_lossy()])
        .map_err(drafts::Error::from)?;
    Ok(Store::open(path)?)
}

fn save_dialog(app: &AppHandle, title: &str, suggested: &str) -> AppResult<Option<PathBuf>> {
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested)
        .add_filter("Accord negotiation", &[EXTENSION])
        .blocking_save_file();
    let Some(path) = picked else { return Ok(None) };
    let path = path.into_path().map_err(|e| AppError::Dialog(e.to_string()))?;
    Ok(Some(with_extension(path)))
}

fn with_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_some_and(|e| e == EXTENSION) {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(format!(".{EXTENSION}"));
        name.into()
    }
}

/// A file-name stem from a title: "Draft Declaration of X" → "draft-declaration-of-x".
fn file_stem(title: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    // Whole words only, up to about 48 characters.
    let mut stem = String::new();
    for word in slug.split('-').filter(|p| !p.is_empty()) {
        if !stem.is_empty() && stem.chars().count() + 1 + word.chars().count() > 48 {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(word);
    }
    if stem.is_empty() {
        "negotiation".into()
    } else {
        stem
    }
}

/// `dir/stem.accord`, or `dir/stem-2.accord`… if taken.
fn free_path(dir: &Path, stem: &str) -> PathBuf {
    let candidate = |n: u32| match n {
        1 => dir.join(format!("{stem}.{EXTENSION}")),
        n => dir.join(format!("{stem}-{n}.{EXTENSION}")),
    };
    (1..).map(candidate).find(|p| !p.exists()).expect("some name is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_from_titles() {
        assert_eq!(file_stem("Draft Declaration of San José"), "draft-declaration-of-san-josé");
        assert_eq!(file_stem("  ¿?  "), "negotiation");
        assert_eq!(
            file_stem("Draft Declaration of Puerto Claro on Digital Inclusion in the Americas"),
            "draft-declaration-of-puerto-claro-on-digital"
        );
    }

    #[test]
    fn free_paths_do_not_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let first = free_path(dir.path(), "x");
        std::fs::write(&first, b"").unwrap();
        assert_eq!(free_path(dir.path(), "x"), dir.path().join("x-2.accord"));
    }

    #[test]
    fn extension_is_added_once() {
        assert_eq!(with_extension("/a/b".into()), PathBuf::from("/a/b.accord"));
        assert_eq!(with_extension("/a/b.accord".into()), PathBuf::from("/a/b.accord"));
    }
}
