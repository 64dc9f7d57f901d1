//! Accord's desktop shell: glue between the Tauri window and the `drafts` core.
//!
//! - `commands/` — one module per area (files, import, export, negotiation, paragraphs,
//!   proposals, rounds, integrity, reports, languages, undo, live session; `dialogs` shows the native
//!   file dialogs);
//!   each command takes its arguments, calls the core and maps the error. Nothing else.
//! - `state` — [`AppState`], a window's state: its open [`drafts::Store`], the recent files.
//! - `windows` — one window per open file: the registry, the `Doc` command argument that gives a
//!   command its window's state, and where a second launch (double-click) goes.
//! - `launch` — which file the window opens with (argument, `ACCORD_FILE`, or the sample).
//! - `view` — presentation extras computed from the core for the UI (opener and bracket spans).
//! - `error` — [`AppError`], serialized as `{ code, message }`.
//!
//! **Architecture invariant:** the shell holds no negotiation logic. Every rule about paragraphs,
//! statuses, rounds and brackets lives in `drafts`; a command body is a call and an error mapping.
//! **Architecture invariant:** the webview never chooses a path freely: files come from native
//! dialogs shown by the Rust side, from the recent-files list, or from the launch arguments.

mod commands;
mod error;
mod launch;
mod recent;
mod state;
mod view;
mod windows;

pub use error::{AppError, AppResult, ErrorPayload};
pub use state::{AppPaths, AppState};

use tauri::Manager;

/// Builds and runs the app.
pub fn run() {
    tauri::Builder::default()
        // First, as its documentation asks: a second launch hands its file to this process.
        .plugin(tauri_plugin_single_instance::init(windows::on_second_launch))
        .plugin(tauri_plugin_dialog::init())
        // Off unless IT sets an update server (commands/updates.rs).
        .plugin(tauri_plugin_updater::Builder::new().build())
        .setup(|app| {
            let env_path = |name| std::env::var_os(name).filter(|v| !v.is_empty()).map(Into::into);
            let e2e_dir: Option<std::path::PathBuf> = env_path("ACCORD_E2E_DIR");
            let paths = AppPaths {
                data_dir: app.path().app_data_dir()?,
                config_dir: app.path().app_config_dir()?,
                e2e_import: e2e_dir.as_ref().and_then(|_| env_path("ACCORD_E2E_IMPORT")),
                e2e_proposals: match (&e2e_dir, std::env::var_os("ACCORD_E2E_PROPOSALS")) {
                    (Some(_), Some(list)) => std::env::split_paths(&list).collect(),
                    _ => Vec::new(),
                },
                e2e_dir,
            };
            let state = AppState::new(paths);
            let choice =
                launch::choose(std::env::args_os().skip(1), std::env::var_os("ACCORD_FILE"));
            state.open_at_launch(&choice);
            windows::attach_main(app.handle(), &state);
            app.manage(windows::Windows::new(state));
            Ok(())
        })
        .on_window_event(windows::forget_closed)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("error while running Accord");
}

#[cfg(test)]
mod shell_tests {
    /// What RELIABILITY.md promises of the shell: scripts only from the app itself, and no
    /// permission beyond Tauri's core defaults (no shell, no file system, no dialog from the page).
    #[test]
    fn the_webview_runs_only_its_own_scripts_and_holds_core_permissions_only() {
        let config: serde_json::Value =
            serde_json::from_str(include_str!("../tauri.conf.json")).expect("tauri.conf.json");
        let csp = config["app"]["security"]["csp"].as_str().expect("a CSP");
        let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
        assert!(directives.contains(&"default-src 'self'"), "{csp}");
        assert!(directives.contains(&"script-src 'self'"), "{csp}");
        assert!(
            !csp.contains("unsafe-eval") && !csp.contains("http://*") && !csp.contains("https:")
        );
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).expect("capability");
        assert_eq!(capability["permissions"], serde_json::json!(["core:default"]));
    }
}
