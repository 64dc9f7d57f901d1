//! The app's managed state: the open negotiation file, the recent-files list and the few paths the
//! shell needs. No globals: commands receive `State<'_, AppState>`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use drafts::live::tokens::Role;
use drafts::live::{JoinLink, ProposalListener, Session, SessionConfig, SharedStore};
use drafts::model::ParagraphId;
use drafts::Store;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{AppError, AppResult, ErrorPayload};
use crate::launch::{self, Launch};
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
    /// Test seam: with `ACCORD_E2E_DIR` set, File ▸ Import reads the file named by
    /// `ACCORD_E2E_IMPORT` instead of asking with a native open dialog.
    pub e2e_import: Option<PathBuf>,
    /// Test seam: with `ACCORD_E2E_DIR` set, File ▸ Import proposals reads the files named by
    /// `ACCORD_E2E_PROPOSALS` (a path list, like `PATH`) instead of asking with an open dialog.
    pub e2e_proposals: Vec<PathBuf>,
}

#[cfg(test)]
impl AppPaths {
    /// The app's folders inside `dir`, without test seams: for the shell's unit tests.
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            data_dir: dir.join("data"),
            config_dir: dir.join("config"),
            e2e_dir: None,
            e2e_import: None,
            e2e_proposals: Vec::new(),
        }
    }
}

/// One window's state, which its commands share (see [`crate::windows`]): its open file, and
/// what every window shares (the recent files, the paths).
pub struct AppState {
    /// The open negotiation file, if any; shared with the live session when one runs.
    pub store: SharedStore,
    /// The live session on the open file, if the chair started one.
    live: Mutex<Option<Session>>,
    /// Files opened recently, newest first (one list for every window).
    pub recent: Arc<Mutex<RecentFiles>>,
    pub paths: Arc<AppPaths>,
    /// The window, once it exists: its title bar names the open file.
    window: OnceLock<tauri::WebviewWindow>,
    /// Why the file given at launch could not be opened, for the UI to show once.
    pub startup_error: Mutex<Option<ErrorPayload>>,
    /// The file last refused as in use by another writer, which the user may open read-only.
    pub in_use: Mutex<Option<PathBuf>>,
    /// Word files File ▸ Import proposals read whose authors do not all speak for a delegation
    /// yet: they wait for the user to map them, and the webview names them by file name only.
    pub awaiting_authors: Mutex<Vec<PathBuf>>,
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
    /// Opened read-only (another window or program writes to it): nothing can be changed.
    pub read_only: bool,
    /// The fictional sample negotiation of the app data folder: the window greets a newcomer.
    pub sample: bool,
}

impl AppState {
    pub fn new(paths: AppPaths) -> Self {
        let recent = RecentFiles::load(&paths.config_dir);
        Self::sharing(Arc::new(Mutex::new(recent)), Arc::new(paths))
    }

    fn sharing(recent: Arc<Mutex<RecentFiles>>, paths: Arc<AppPaths>) -> Self {
        Self {
            store: Arc::new(Mutex::new(None)),
            live: Mutex::new(None),
            recent,
            paths,
            window: OnceLock::new(),
            startup_error: Mutex::new(None),
            in_use: Mutex::new(None),
            awaiting_authors: Mutex::new(Vec::new()),
        }
    }

    /// The state of another window: no file open, the same recent files and paths.
    pub fn sibling(&self) -> Self {
        Self::sharing(Arc::clone(&self.recent), Arc::clone(&self.paths))
    }

    /// Gives the state its window, whose title bar then names the open file.
    pub fn attach(&self, window: tauri::WebviewWindow) {
        if let Ok(Some(file)) = self.open_file() {
            let _ = window.set_title(&crate::windows::title(&file.file_name));
        }
        let _ = self.window.set(window);
    }

    /// Opens the file the window starts with; a failure is kept for the window to show once.
    pub fn open_at_launch(&self, choice: &Launch) {
        let opened = launch::open(choice, &self.paths.data_dir).and_then(|s| self.install(s));
        if let Err(e) = opened {
            eprintln!("accord: {e}");
            let e = match choice {
                Launch::File(path) => self.note_in_use(path, e),
                Launch::Sample => e,
            };
            self.set_startup_error(&e);
        }
    }

    /// Whether the open file is `path`.
    pub fn is_open(&self, path: &Path) -> bool {
        let guard = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        guard.as_ref().is_some_and(|store| same_file(store.path(), path))
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

    /// Runs an edit on the open file (each edit is one transaction in the core: saved at once),
    /// then checkpoints, so that the `.accord` file alone holds it whenever the user copies it,
    /// however the app ends afterwards.
    pub fn edit<T>(&self, f: impl FnOnce(&mut Store) -> drafts::Result<T>) -> AppResult<T> {
        let mut guard = self.lock_store()?;
        let store = guard.as_mut().ok_or(AppError::NoFileOpen)?;
        let done = f(store)?;
        store.checkpoint()?;
        drop(guard);
        if let Some(session) = &*self.lock_live()? {
            session.changed();
        }
        Ok(done)
    }

    fn lock_live(&self) -> AppResult<MutexGuard<'_, Option<Session>>> {
        self.live.lock().map_err(|_| AppError::Internal("the session lock was poisoned".into()))
    }

    /// Starts the live session on the open file (stopping one that runs), telling `listener` of
    /// each proposal the room sends; the join links on `host`.
    pub fn start_live(
        &self,
        config: &SessionConfig,
        host: Option<&str>,
        listener: ProposalListener,
    ) -> AppResult<(std::net::SocketAddr, Vec<JoinLink>)> {
        let mut live = self.lock_live()?;
        if let Some(running) = live.take() {
            running.stop();
        }
        let session = Session::start(Arc::clone(&self.store), config)?;
        session.on_proposal(listener);
        let started = (session.address(), session.links(host));
        *live = Some(session);
        Ok(started)
    }

    /// The running session's address and join links on `host`; none when no session runs.
    pub fn live_links(
        &self,
        host: Option<&str>,
    ) -> AppResult<Option<(std::net::SocketAddr, Vec<JoinLink>)>> {
        Ok(self.lock_live()?.as_ref().map(|s| (s.address(), s.links(host))))
    }

    /// Runs `f` on the running session (`no_live_session` when none runs).
    pub fn with_live<T>(&self, f: impl FnOnce(&Session) -> drafts::Result<T>) -> AppResult<T> {
        let live = self.lock_live()?;
        Ok(f(live.as_ref().ok_or(AppError::NoLiveSession)?)?)
    }

    /// Stops the live session, if one runs.
    pub fn stop_live(&self) -> AppResult<()> {
        if let Some(session) = self.lock_live()?.take() {
            session.stop();
        }
        Ok(())
    }

    /// Revokes `role`'s links of the running session.
    pub fn revoke_live(&self, role: &Role) -> AppResult<usize> {
        self.with_live(|session| session.revoke(role))
    }

    /// Moves the room to `paragraph`, when a session runs.
    pub fn live_focus(&self, paragraph: Option<ParagraphId>) -> AppResult<()> {
        if let Some(session) = &*self.lock_live()? {
            session.set_focus(paragraph);
        }
        Ok(())
    }

    /// Makes `store` the open file and puts it first among the recent files.
    pub fn install(&self, store: Store) -> AppResult<OpenFile> {
        let info = describe(&store, &self.paths)?;
        {
            let mut recent = self.lock_recent()?;
            recent.touch(Path::new(&info.path), &info.title);
            // A recent list that cannot be written is not worth failing the open for.
            let _ = recent.save(&self.paths.config_dir);
        }
        self.stop_live()?;
        *self.lock_store()? = Some(store);
        if let Some(window) = self.window.get() {
            let _ = window.set_title(&crate::windows::title(&info.file_name));
        }
        Ok(info)
    }

    /// Opens the file at `path` for writing, unless it is the one already open (a file has one
    /// writer at a time, so reopening it would fail as in use). A file in use elsewhere is
    /// remembered, so that the user may open it read-only instead.
    pub fn open_path(&self, path: &Path) -> AppResult<OpenFile> {
        if let Some(current) = self.open_file()? {
            if same_file(Path::new(&current.path), path) {
                return Ok(current);
            }
        }
        let store = Store::open(path).map_err(|e| self.note_in_use(path, e.into()))?;
        self.install(store)
    }

    /// Remembers `path` when `error` says it is in use; returns the error.
    pub fn note_in_use(&self, path: &Path, error: AppError) -> AppError {
        if error.code() == "in_use" {
            if let Ok(mut slot) = self.in_use.lock() {
                *slot = Some(path.to_path_buf());
            }
        }
        error
    }

    /// Opens read-only the file last refused as in use.
    pub fn open_in_use_read_only(&self) -> AppResult<OpenFile> {
        let path =
            self.in_use.lock().ok().and_then(|mut p| p.take()).ok_or(AppError::NothingInUse)?;
        self.install(Store::open_read_only(&path)?)
    }

    /// Keeps a Word file until its authors are mapped; it replaces a waiting file of the same name.
    pub fn await_authors(&self, path: &Path) {
        if let Ok(mut waiting) = self.awaiting_authors.lock() {
            waiting.retain(|p| p.file_name() != path.file_name());
            waiting.push(path.to_path_buf());
        }
    }

    /// The Word file named `file_name` that waits for its authors.
    pub fn awaiting_authors(&self, file_name: &str) -> AppResult<PathBuf> {
        let waiting = self
            .awaiting_authors
            .lock()
            .map_err(|_| AppError::Internal("the waiting-files lock was poisoned".into()))?;
        waiting
            .iter()
            .find(|p| p.file_name().is_some_and(|n| n == file_name))
            .cloned()
            .ok_or_else(|| AppError::NotAwaitingAuthors(file_name.to_string()))
    }

    /// Forgets a Word file that no longer waits (it was imported).
    pub fn stop_awaiting_authors(&self, path: &Path) {
        if let Ok(mut waiting) = self.awaiting_authors.lock() {
            waiting.retain(|p| p != path);
        }
    }

    /// The open file, if any.
    pub fn open_file(&self) -> AppResult<Option<OpenFile>> {
        let guard = self.lock_store()?;
        guard.as_ref().map(|store| describe(store, &self.paths)).transpose()
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

fn describe(store: &Store, paths: &AppPaths) -> AppResult<OpenFile> {
    let path = store.path();
    let sample = same_file(path, &paths.data_dir.join(crate::launch::SAMPLE_FILE));
    let (can_undo, can_redo) = store.can_undo_redo();
    Ok(OpenFile {
        path: path.display().to_string(),
        file_name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        title: store.negotiation()?.title,
        can_undo,
        can_redo,
        read_only: store.is_read_only(),
        sample,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use drafts::model::NegotiationMeta;

    fn state(dir: &Path) -> AppState {
        AppState::new(AppPaths::in_dir(dir))
    }

    #[test]
    fn the_window_s_live_session_keeps_its_links_revokes_and_stops_with_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let (first, second) = (dir.path().join("a.accord"), dir.path().join("b.accord"));
        drop(Store::create(&first, NegotiationMeta::default()).unwrap());
        drop(Store::create(&second, NegotiationMeta::default()).unwrap());
        let state = state(dir.path());
        state.open_path(&first).unwrap();
        let config = SessionConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            delegations: vec!["Canada".into(), "Chile".into()],
            observers: 1,
        };
        let (_, links) = state.start_live(&config, Some("room.local"), Box::new(|_| ())).unwrap();
        assert_eq!(links.len(), 4, "two delegations, observers and the chair");
        assert!(links.iter().all(|l| l.url.starts_with("http://room.local:")));
        state.stop_live().unwrap();
        let (_, again) = state.start_live(&config, Some("room.local"), Box::new(|_| ())).unwrap();
        let tokens = |links: &[JoinLink]| links.iter().map(|l| l.token.clone()).collect::<Vec<_>>();
        assert_eq!(tokens(&again), tokens(&links), "a restarted session keeps its links");
        assert_eq!(state.revoke_live(&Role::Delegation("Chile".into())).unwrap(), 1);
        let (_, left) = state.live_links(None).unwrap().unwrap();
        assert!(!left.iter().any(|l| l.role == Role::Delegation("Chile".into())));
        state.open_path(&second).unwrap();
        assert!(state.live_links(None).unwrap().is_none(), "another file stops the session");
        assert_eq!(state.revoke_live(&Role::Observer).unwrap_err().code(), "no_live_session");
    }

    #[test]
    fn a_file_in_use_can_be_opened_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.accord");
        let _writer = Store::create(&path, NegotiationMeta::default()).unwrap();
        let state = state(dir.path());
        assert_eq!(state.open_path(&path).unwrap_err().code(), "in_use");
        let file = state.open_in_use_read_only().unwrap();
        assert!(file.read_only);
        let err = state.edit(|s| s.update_negotiation(NegotiationMeta::default())).unwrap_err();
        assert_eq!(err.code(), "read_only");
        assert_eq!(state.open_in_use_read_only().unwrap_err().code(), "nothing_in_use");
    }

    #[test]
    fn a_closed_file_locked_by_another_program_opens_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.accord");
        drop(Store::create(&path, NegotiationMeta::default()).unwrap());
        let holder = std::fs::File::options().read(true).write(true).open(&path).unwrap();
        holder.try_lock().unwrap();
        let state = state(dir.path());
        assert_eq!(state.open_path(&path).unwrap_err().code(), "in_use");
        assert!(state.open_in_use_read_only().unwrap().read_only);
        assert!(state.read(|s| s.negotiation()).is_ok());
    }
}
