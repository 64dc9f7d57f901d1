//! One process, one window per open negotiation. The registry of windows and their files, the
//! command argument that hands each command the state of the window that called it, and where a
//! second launch goes (a double-click on a `.accord` file while Accord runs reaches this process
//! through the single-instance plugin): to the window that has the file, else to a new window.

use std::collections::HashMap;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use drafts::live::join::JoinTarget;
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder};

use crate::error::{AppError, AppResult};
use crate::launch::{self, Launch};
use crate::state::AppState;

/// The label of the window the app starts with (`tauri.conf.json`).
pub const MAIN: &str = "main";
/// Labels of the windows a second launch opens start with this (the capability's `file-*`).
const FILE_WINDOW: &str = "file-";
/// Labels of the windows showing a chair's live session start with this: no capability names
/// them, so the page a session serves can call none of Accord's commands.
const VIEWER_WINDOW: &str = "live-";

/// Every window's state, by window label.
pub struct Windows {
    by_label: Mutex<HashMap<String, Arc<AppState>>>,
    opened: AtomicUsize,
}

impl Windows {
    /// The registry with the main window's state.
    pub fn new(main: AppState) -> Self {
        let by_label = HashMap::from([(MAIN.to_string(), Arc::new(main))]);
        Self { by_label: Mutex::new(by_label), opened: AtomicUsize::new(0) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<AppState>>> {
        self.by_label.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The state of the window labelled `label`.
    pub fn get(&self, label: &str) -> Option<Arc<AppState>> {
        self.lock().get(label).cloned()
    }

    /// Forgets a closed window: its file is closed and free for another writer.
    pub fn remove(&self, label: &str) {
        self.lock().remove(label);
    }

    /// The window whose open file is `path`.
    fn holding(&self, path: &Path) -> Option<String> {
        let windows = self.lock();
        let mut labels: Vec<&String> = windows.keys().collect();
        labels.sort();
        labels.into_iter().find(|label| windows[*label].is_open(path)).cloned()
    }

    /// Some window to bring forward, the main one first.
    fn any(&self) -> Option<String> {
        let windows = self.lock();
        windows
            .contains_key(MAIN)
            .then(|| MAIN.to_string())
            .or_else(|| windows.keys().min().cloned())
    }

    fn next_label(&self, prefix: &str) -> String {
        format!("{prefix}{}", self.opened.fetch_add(1, Ordering::Relaxed) + 1)
    }
}

/// The calling window's state, as a command argument: `state: Doc` in a command's signature.
pub struct Doc(Arc<AppState>);

impl Deref for Doc {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.0
    }
}

impl<'de, R: Runtime> CommandArg<'de, R> for Doc {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let webview = command.message.webview();
        let label = webview.window().label().to_string();
        let windows = webview.try_state::<Windows>().ok_or("the app is still starting")?;
        let state = windows.get(&label).ok_or_else(|| format!("no state for window {label}"))?;
        Ok(Doc(state))
    }
}

/// Where a second launch goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecondLaunch {
    /// Bring this window forward: it has the file, or no file was named.
    Focus(String),
    /// Open this file in a new window.
    Open(PathBuf),
}

/// Decides from the second launch's arguments (program name first) and working directory.
pub fn route(argv: &[String], cwd: &Path, windows: &Windows) -> Option<SecondLaunch> {
    let args = argv.iter().skip(1).map(Into::into);
    match launch::choose(args, None) {
        Launch::File(path) => {
            let path = cwd.join(path);
            Some(match windows.holding(&path) {
                Some(label) => SecondLaunch::Focus(label),
                None => SecondLaunch::Open(path),
            })
        }
        Launch::Sample => windows.any().map(SecondLaunch::Focus),
    }
}

/// The single-instance plugin's callback: focuses the window that has the file, or opens it in
/// a new one.
pub fn on_second_launch(app: &AppHandle, argv: Vec<String>, cwd: String) {
    let windows = app.state::<Windows>();
    match route(&argv, Path::new(&cwd), &windows) {
        Some(SecondLaunch::Focus(label)) => {
            if let Some(window) = app.get_webview_window(&label) {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }
        Some(SecondLaunch::Open(path)) => {
            if let Err(e) = open_window(app, &windows, &path) {
                eprintln!("accord: could not open a window for {}: {e}", path.display());
            }
        }
        None => {}
    }
}

/// A new window on `path`; a file that cannot be opened is said in that window, as at launch.
fn open_window(app: &AppHandle, windows: &Windows, path: &Path) -> tauri::Result<()> {
    let main = windows.get(MAIN).or_else(|| windows.any().and_then(|l| windows.get(&l)));
    let Some(main) = main else { return Ok(()) };
    let label = windows.next_label(FILE_WINDOW);
    let state = Arc::new(main.sibling());
    state.open_at_launch(&Launch::File(path.to_path_buf()));
    // Registered before the window exists: its page asks for its session as soon as it loads.
    windows.lock().insert(label.clone(), Arc::clone(&state));
    let window = WebviewWindowBuilder::new(app, &label, WebviewUrl::App("index.html".into()))
        .title("Accord")
        .inner_size(1280.0, 800.0)
        .min_inner_size(900.0, 600.0)
        .build();
    match window {
        Ok(window) => state.attach(window),
        Err(e) => {
            windows.remove(&label);
            return Err(e);
        }
    }
    Ok(())
}

/// A new window on a chair's live session, at the join link `target` (checked by the core).
pub fn open_viewer(app: &AppHandle, target: &JoinTarget) -> AppResult<()> {
    let url = target.url.parse().map_err(|e| AppError::Internal(format!("{}: {e}", target.url)))?;
    let label = app.state::<Windows>().next_label(VIEWER_WINDOW);
    WebviewWindowBuilder::new(app, &label, WebviewUrl::External(url))
        .title(format!("Live session on {} — Accord", target.server))
        .inner_size(1280.0, 800.0)
        .min_inner_size(600.0, 400.0)
        .build()
        .map_err(|e| AppError::Internal(format!("the session's window did not open: {e}")))?;
    Ok(())
}

/// Keeps the registry in step with the windows: a closed window's file is closed.
pub fn forget_closed(window: &tauri::Window, event: &tauri::WindowEvent) {
    if let tauri::WindowEvent::Destroyed = event {
        if let Some(windows) = window.try_state::<Windows>() {
            windows.remove(window.label());
        }
    }
}

/// The window's title: the file name first, as a chair with two negotiations open reads it.
pub fn title(file_name: &str) -> String {
    format!("{file_name} — Accord")
}

/// Gives `state` its window, to name the open file in the title bar.
pub fn attach_main(app: &AppHandle, state: &AppState) {
    if let Some(window) = app.get_webview_window(MAIN) {
        state.attach(window);
    }
}

#[cfg(test)]
mod tests {
    use drafts::model::NegotiationMeta;
    use drafts::Store;

    use super::*;
    use crate::state::AppPaths;

    fn windows_with_open(dir: &Path, file: &Path) -> Windows {
        let state = AppState::new(AppPaths::in_dir(dir));
        state.install(Store::create(file, NegotiationMeta::default()).unwrap()).unwrap();
        Windows::new(state)
    }

    fn argv(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_second_launch_focuses_the_window_that_has_the_file_and_opens_another_file_anew() {
        let dir = tempfile::tempdir().unwrap();
        let open = dir.path().join("rev1.accord");
        let windows = windows_with_open(dir.path(), &open);
        let cwd = dir.path();

        let same = route(&argv(&["accord-app", "rev1.accord"]), cwd, &windows);
        assert_eq!(same, Some(SecondLaunch::Focus(MAIN.into())), "relative to its directory");
        let absolute =
            route(&argv(&["accord-app", open.to_str().unwrap()]), Path::new("/"), &windows);
        assert_eq!(absolute, Some(SecondLaunch::Focus(MAIN.into())));

        let other = route(&argv(&["accord-app", "--flag", "other.accord"]), cwd, &windows);
        assert_eq!(other, Some(SecondLaunch::Open(dir.path().join("other.accord"))));
        let nothing = route(&argv(&["accord-app"]), cwd, &windows);
        assert_eq!(
            nothing,
            Some(SecondLaunch::Focus(MAIN.into())),
            "no file: bring Accord forward"
        );

        windows.remove(MAIN);
        assert_eq!(route(&argv(&["accord-app"]), cwd, &windows), None);
        assert_eq!(windows.next_label(FILE_WINDOW), "file-1");
    }
}
