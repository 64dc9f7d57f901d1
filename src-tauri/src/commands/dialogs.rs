//! Native file dialogs, shown from Rust, and the file names they propose. With `ACCORD_E2E_DIR`
//! set (the end-to-end tests), files are written in that folder instead of asking: WebDriver
//! cannot drive native dialogs.
//!
//! The `blocking_*` calls run inside async commands, so they never block the main thread; the
//! webview only ever receives the chosen path back.

use std::path::{Path, PathBuf};

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The extension of a negotiation file.
pub const EXTENSION: &str = "accord";

/// A filter of a file dialog: its name and the extensions it lets through.
pub struct Filter<'a> {
    pub name: &'a str,
    pub extensions: &'a [&'a str],
}

/// The filter of negotiation files.
pub const NEGOTIATIONS: Filter<'static> =
    Filter { name: "Accord negotiation", extensions: &[EXTENSION] };

/// Asks for an existing file; `None` if cancelled.
pub fn pick_file(app: &AppHandle, title: &str, filter: &Filter<'_>) -> AppResult<Option<PathBuf>> {
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter.name, filter.extensions)
        .blocking_pick_file();
    picked.map(|p| p.into_path().map_err(|e| AppError::Dialog(e.to_string()))).transpose()
}

/// Asks for one or more existing files; empty if cancelled.
pub fn pick_files(app: &AppHandle, title: &str, filter: &Filter<'_>) -> AppResult<Vec<PathBuf>> {
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter.name, filter.extensions)
        .blocking_pick_files()
        .unwrap_or_default();
    picked.into_iter().map(|p| p.into_path().map_err(|e| AppError::Dialog(e.to_string()))).collect()
}

/// Asks where to save a new file proposing `suggested`; `None` if cancelled. The path gets the
/// filter's first extension when the user typed none.
pub fn save_file(
    app: &AppHandle,
    title: &str,
    suggested: &str,
    filter: &Filter<'_>,
) -> AppResult<Option<PathBuf>> {
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested)
        .add_filter(filter.name, filter.extensions)
        .blocking_save_file();
    let Some(path) = picked else { return Ok(None) };
    let path = path.into_path().map_err(|e| AppError::Dialog(e.to_string()))?;
    Ok(Some(with_extension(path, filter.extensions)))
}

/// Where a new negotiation titled `title` goes: a free name in `ACCORD_E2E_DIR`, or the save
/// dialog's answer; `None` if cancelled.
pub fn new_negotiation_path(
    app: &AppHandle,
    state: &AppState,
    dialog_title: &str,
    title: &str,
) -> AppResult<Option<PathBuf>> {
    new_file_path(app, state, dialog_title, &file_stem(title))
}

/// Where a new negotiation file named `stem` (already a safe file-name stem) goes: a free name in
/// `ACCORD_E2E_DIR`, or the save dialog's answer proposing `stem.accord`; `None` if cancelled.
pub fn new_file_path(
    app: &AppHandle,
    state: &AppState,
    dialog_title: &str,
    stem: &str,
) -> AppResult<Option<PathBuf>> {
    match &state.paths.e2e_dir {
        Some(dir) => Ok(Some(free_path(dir, stem, EXTENSION))),
        None => save_file(app, dialog_title, &format!("{stem}.{EXTENSION}"), &NEGOTIATIONS),
    }
}

/// The stem a restored backup is proposed under: the open file's own stem and the round,
/// "puerto-claro-round-2".
pub fn restored_stem(file: &Path, round: u32) -> String {
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    format!("{}-round-{round}", file_stem(&stem))
}

fn with_extension(path: PathBuf, extensions: &[&str]) -> PathBuf {
    let Some(first) = extensions.first() else { return path };
    let known = |e: &std::ffi::OsStr| extensions.iter().any(|x| e.eq_ignore_ascii_case(x));
    if path.extension().is_some_and(known) {
        path
    } else {
        let mut name = path.into_os_string();
        name.push(format!(".{first}"));
        name.into()
    }
}

/// A file-name stem from a title: "Draft Declaration of X" → "draft-declaration-of-x" (the
/// core's rule, `drafts::file_name::slug`).
pub fn file_stem(title: &str) -> String {
    drafts::file_name::slug(title)
}

/// A file name readable as the user typed it ("Canada proposals - rev.1"), made safe by the
/// core's one rule for file names (`drafts::file_name::safe_stem`), the exports' own.
pub fn plain_name(name: &str) -> String {
    drafts::file_name::safe_stem(name, "proposals")
}

/// `dir/stem.ext`, or `dir/stem-2.ext`… if taken.
pub fn free_path(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    let candidate = |n: u32| match n {
        1 => dir.join(format!("{stem}.{extension}")),
        n => dir.join(format!("{stem}-{n}.{extension}")),
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
    fn restored_files_are_named_from_the_file_and_round() {
        let file = Path::new("/n/draft-declaration-of-x.accord");
        assert_eq!(restored_stem(file, 2), "draft-declaration-of-x-round-2");
        assert_eq!(restored_stem(Path::new("/n/A\\B: <C>.accord"), 1), "a-b-c-round-1");
    }

    #[test]
    fn plain_names_keep_words_and_drop_separators() {
        assert_eq!(plain_name("Canada proposals - rev.1"), "Canada proposals - rev.1");
        assert_eq!(
            plain_name("Côte d'Ivoire proposals - 5/6 May"),
            "Côte d-Ivoire proposals - 5-6 May"
        );
        assert_eq!(plain_name("../x"), "x");
        assert_eq!(plain_name("CON"), "CON-file");
    }

    #[test]
    fn proposed_names_drop_bidi_controls_as_the_exports_do() {
        // U+202E would show "Canada proposals - rev.1gpj.exe" as "…exe.jpg1.ver".
        for bidi in ['\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200e}', '\u{200f}'] {
            let name = plain_name(&format!("Canada{bidi} proposals - rev.1"));
            assert!(!name.contains(bidi), "{name:?}");
        }
    }

    #[test]
    fn free_paths_do_not_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let first = free_path(dir.path(), "x", EXTENSION);
        std::fs::write(&first, b"").unwrap();
        assert_eq!(free_path(dir.path(), "x", EXTENSION), dir.path().join("x-2.accord"));
        assert_eq!(free_path(dir.path(), "x", "docx"), dir.path().join("x.docx"));
    }

    #[test]
    fn extension_is_added_once() {
        let accord = &[EXTENSION];
        assert_eq!(with_extension("/a/b".into(), accord), PathBuf::from("/a/b.accord"));
        assert_eq!(with_extension("/a/b.accord".into(), accord), PathBuf::from("/a/b.accord"));
        assert_eq!(with_extension("/a/b.XML".into(), &["xml"]), PathBuf::from("/a/b.XML"));
    }
}
