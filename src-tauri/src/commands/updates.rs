//! Updates: off unless an IT department points Accord at its own update server. The setting is a
//! file `updates.json` — `{"endpoint": "https://updates.example.int/accord/{{target}}/{{arch}}/{{current_version}}",
//! "pubkey": "<the minisign public key the packages are signed with>"}` — in `/etc/accord/` (per
//! machine, where IT puts it) or else in the app's config folder (per user). Without it Accord
//! never calls out. Tauri's updater plugin does the check, the signature check and the install.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tauri::AppHandle;
use tauri_plugin_updater::{Updater, UpdaterExt};
use ts_rs::TS;

use crate::error::{AppError, AppResult};
use crate::windows::Doc;

/// The setting's file name.
pub const SETTING: &str = "updates.json";
/// Where an IT department sets it for every user of the machine (checked first).
const MACHINE_DIR: &str = "/etc/accord";

/// An update server set by IT.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateServer {
    /// The endpoint URL; `{{target}}`, `{{arch}}` and `{{current_version}}` are filled in.
    pub endpoint: String,
    /// The public key the update packages are signed with.
    pub pubkey: String,
}

/// The first `updates.json` among `dirs`; none means updates are off.
pub fn server_in(dirs: &[PathBuf]) -> AppResult<Option<UpdateServer>> {
    for path in dirs.iter().map(|dir| dir.join(SETTING)) {
        match std::fs::read_to_string(&path) {
            Ok(text) => return parse(&path, &text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(AppError::Io { path: path.display().to_string(), source }),
        }
    }
    Ok(None)
}

fn parse(path: &Path, text: &str) -> AppResult<UpdateServer> {
    let server: UpdateServer = serde_json::from_str(text)
        .map_err(|e| AppError::UpdateSetting(format!("{}: {e}", path.display())))?;
    if !server.endpoint.starts_with("https://") && !server.endpoint.starts_with("http://") {
        let message = format!("{}: the endpoint must be a web address", path.display());
        return Err(AppError::UpdateSetting(message));
    }
    Ok(server)
}

/// What Help ▸ About says of updates.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UpdateCheck {
    /// The host of the server IT set ("updates.example.int"); none when updates are off.
    pub server: Option<String>,
    /// The newer version the server offers, if any.
    pub available: Option<String>,
    /// The server's release notes for it.
    pub notes: Option<String>,
}

/// The updater for IT's server, and that server's host; none when updates are off.
fn updater(app: &AppHandle, state: &Doc) -> AppResult<Option<(String, Updater)>> {
    let dirs = [PathBuf::from(MACHINE_DIR), state.paths.config_dir.clone()];
    let Some(server) = server_in(&dirs)? else { return Ok(None) };
    let failed = |e: tauri_plugin_updater::Error| AppError::UpdateSetting(e.to_string());
    let endpoint: tauri::Url =
        server.endpoint.parse().map_err(|e| AppError::UpdateSetting(format!("{e}")))?;
    let host = endpoint.host_str().unwrap_or_default();
    let host = endpoint.port().map_or(host.to_string(), |port| format!("{host}:{port}"));
    let updater = app
        .updater_builder()
        .endpoints(vec![endpoint])
        .map_err(failed)?
        .pubkey(server.pubkey)
        .build()
        .map_err(failed)?;
    Ok(Some((host, updater)))
}

/// Asks IT's server whether a newer Accord exists; says "off" when no server is set.
#[tauri::command]
pub async fn check_for_update(app: AppHandle, state: Doc) -> AppResult<UpdateCheck> {
    let Some((host, updater)) = updater(&app, &state)? else {
        return Ok(UpdateCheck { server: None, available: None, notes: None });
    };
    let update = updater.check().await.map_err(|e| AppError::UpdateFailed(e.to_string()))?;
    Ok(UpdateCheck {
        server: Some(host),
        available: update.as_ref().map(|u| u.version.clone()),
        notes: update.and_then(|u| u.body),
    })
}

/// Downloads the newer Accord, checks its signature, installs it and restarts.
#[tauri::command]
pub async fn install_update(app: AppHandle, state: Doc) -> AppResult<()> {
    let Some((_, updater)) = updater(&app, &state)? else { return Ok(()) };
    let failed = |e: tauri_plugin_updater::Error| AppError::UpdateFailed(e.to_string());
    let Some(update) = updater.check().await.map_err(failed)? else { return Ok(()) };
    update.download_and_install(|_, _| {}, || {}).await.map_err(failed)?;
    app.restart()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_are_off_without_a_setting_and_the_machine_setting_comes_first() {
        let dir = tempfile::tempdir().unwrap();
        let (machine, user) = (dir.path().join("etc"), dir.path().join("user"));
        let dirs = [machine.clone(), user.clone()];
        assert_eq!(server_in(&dirs).unwrap(), None, "no file: off, nothing is asked");

        std::fs::create_dir_all(&user).unwrap();
        let user_setting = r#"{"endpoint": "https://user.example/{{target}}", "pubkey": "K1"}"#;
        std::fs::write(user.join(SETTING), user_setting).unwrap();
        assert_eq!(server_in(&dirs).unwrap().unwrap().pubkey, "K1");

        std::fs::create_dir_all(&machine).unwrap();
        let it_setting = r#"{"endpoint": "https://updates.example.int/accord", "pubkey": "K2"}"#;
        std::fs::write(machine.join(SETTING), it_setting).unwrap();
        assert_eq!(
            server_in(&dirs).unwrap().unwrap().endpoint,
            "https://updates.example.int/accord"
        );
    }

    #[test]
    fn a_malformed_setting_is_named_not_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let dirs = [dir.path().to_path_buf()];
        for bad in
            [r#"{"endpoint": "https://x"}"#, "not json", r#"{"endpoint": "ftp.x", "pubkey": "k"}"#]
        {
            std::fs::write(dir.path().join(SETTING), bad).unwrap();
            let err = server_in(&dirs).unwrap_err();
            assert_eq!(err.code(), "update_setting", "{bad}");
            assert!(err.to_string().contains(SETTING), "{err}");
        }
    }
}
