//! The app's managed state: the open negotiation file, the recent-files list and the few paths the
//! shell needs. No globals: commands receive `State<'_, AppState>`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use drafts::Store;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{AppError, AppResult, ErrorPayload};
use crate::recent::RecentFiles;

/// Where the shell keeps its own files.
#[derive(Debug, Clone)]
pub struct AppPaths {
    /// Holds the sample negotiation written on first run.
    pub data_dir: PathBuf,
    /// Holds `recent-files.json`.
    pub config_dir: PathBuf,
    /// Test seam: when `ACCORD_E2E_DIR` is set, "New negotiation" writes its file in this folder
    /// instead of asking with a native save dialog (WebDriver cannot drive native dialogs).
    pub e2e_dir: Option<PathBuf>,
}

/// Everything the commands share.
pub struct AppState {
    /// The open negotiation file, if any.
    pub store: Mutex<Option<Store>>,
    /// Files opened recently, newest first.
    pub recent: Mutex<RecentFiles>,
    pub paths: AppPaths,
    /// Why the file given at launch could not be opened, for the UI to show once.
    pub startup_error: Mutex<Option<ErrorPayload>>,
}

/// The open file as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OpenFile {
    pub path: String,
    /// The file name alone, for the title bar.
    pub file_name: String,
    pub title: String,
    pub can_undo: bool,
    pub can_redo: bool,
}

impl AppState {
    pub fn new(paths: AppPaths) -> Self {
        let recent = RecentFiles::load(&paths.config_dir);
        Self {
            store: Mutex::new(None),
            recent: Mutex::new(recent),
            paths,
            startup_error: Mutex::new(None),
        }
    }

    fn lock_store(&self) -> AppResult<MutexGuard<'_, Option<Store>>> {
        self.store.lock().map_err(|_| AppError::Internal("the file lock was poisoned".into()))
    }

    fn lock_recent(&self) -> AppResult<MutexGuard<'_, RecentFiles>> {
        self.recent
            .lock()
            .map_err(|_| AppError::Internal("the recent-files lock was poisoned".into()))
    }

    /// Runs a read on the open file.
    pub fn read<T>(&self, f: impl FnOnce(&Store) -> drafts::Result<T>) -> AppResult<T> {
        let guard = self.lock_store()?;
        let store = guard.as_ref().ok_or(AppError::NoFileOpen)?;
        Ok(f(store)?)
    }

    /// Runs an edit on the open file (each edit is one transaction in the core: saved at once).
    pub fn edit<T>(&self, f: impl FnOnce(&mut Store) -> drafts::Result<T>) -> AppResult<T> {
        let mut guard = self.lock_store()?;
        let store = guard.as_mut().ok_or(AppError::NoFileOpen)?;
        Ok(f(store)?)
    }

    /// Makes `store` the open file and puts it first among the recent files.
    pub fn install(&self, store: Store) -> AppResult<OpenFile> {
        let info = describe(&store)?;
        {
            let mut recent = self.lock_recent()?;
            recent.touch(Path::new(&info.path), &info.title);
            // A recent list that cannot be written is not worth failing the open for.
            let _ = recent.save(&self.paths.config_dir);
        }
        *self.lock_store()? = Some(store);
        Ok(info)
    }

    /// Opens the file at `path` for writing, unless it is the one already open (a file has one
    /// writer at a time, so reopening it would fail as in use).
    pub fn open_path(&self, path: &Path) -> AppResult<OpenFile> {
        if let Some(current) = self.open_file()? {
            if same_file(Path::new(&current.path), path) {
                return Ok(current);
            }
        }
        self.install(Store::open(path)?)
    }

    /// The open file, if any.
    pub fn open_file(&self) -> AppResult<Option<OpenFile>> {
        let guard = self.lock_store()?;
        guard.as_ref().map(describe).transpose()
    }

    /// The recent files, newest first.
    pub fn recent_files(&self) -> AppResult<RecentFiles> {
        Ok(self.lock_recent()?.clone())
    }

    /// Forgets a recent file that can no longer be opened.
    pub fn forget_recent(&self, path: &Path) -> AppResult<()> {
        let mut recent = self.lock_recent()?;
        recent.forget(path);
        let _ = recent.save(&self.paths.config_dir);
        Ok(())
    }

    /// Whether `path` is one the user opened before (the only paths the webview may name).
    pub fn is_recent(&self, path: &Path) -> AppResult<bool> {
        Ok(self.lock_recent()?.contains(path))
    }

    /// Takes the launch error, so it is shown once.
    pub fn take_startup_error(&self) -> Option<ErrorPayload> {
        self.startup_error.lock().ok().and_then(|mut e| e.take())
    }

    pub fn set_startup_error(&self, error: &AppError) {
        if let Ok(mut slot) = self.startup_error.lock() {
            *slot = Some(error.payload());
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn describe(store: &Store) -> AppResult<OpenFile> {
    let path = store.path();
    let (can_undo, can_redo) = store.can_undo_redo();
    Ok(OpenFile {
        path: path.display().to_string(),
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        title: store.negotiation()?.title,
        can_undo,
        can_redo,
    })
}
