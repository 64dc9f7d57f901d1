//! Exporting: the core renders the document first (so a refused final text or a missing tool is
//! reported before anything is asked), then the native save dialog (or `ACCORD_E2E_DIR`) gives
//! the destination. Progress goes to the window as `export-progress` events.

use std::path::{Path, PathBuf};

use drafts::export::{self, ExportFormat, ExportKind, ExportOptions};
use serde::Serialize;
use tauri::{AppHandle, Emitter};
use ts_rs::TS;

use super::dialogs::{free_path, save_file, Filter};
use crate::error::AppResult;
use crate::state::AppState;
use crate::windows::Doc;

/// The event that reports an export's progress; its payload is an [`ExportStage`].
pub const PROGRESS_EVENT: &str = "export-progress";

/// Where an export stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportStage {
    /// The core lays the document out (a PDF also goes through LibreOffice).
    Rendering,
    /// The save dialog asks where to put it.
    Choosing,
    /// The file is being written.
    Writing,
}

/// A file an export wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExportedFile {
    pub path: String,
    pub file_name: String,
    /// The file's size (a JSON number: exports stay far below 2^53 bytes).
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Exports the open negotiation; `None` if the save dialog was cancelled. Fails with
/// `export_refused` (naming the paragraphs) for a final text that is not agreed.
#[tauri::command]
pub async fn export_document(
    app: AppHandle,
    state: Doc,
    kind: ExportKind,
    format: ExportFormat,
    options: ExportOptions,
) -> AppResult<Option<ExportedFile>> {
    let progress = |stage: ExportStage| {
        let _ = app.emit(PROGRESS_EVENT, stage);
    };
    progress(ExportStage::Rendering);
    let (bytes, name) = state.read(|s| {
        Ok((
            export::export(s, &kind, format, &options)?,
            export::suggested_file_name(s, &kind, format, &options)?,
        ))
    })?;
    progress(ExportStage::Choosing);
    let Some(path) = destination(&app, &state, &name, format)? else { return Ok(None) };
    progress(ExportStage::Writing);
    export::write_atomically(&path, &bytes)?;
    let exported = ExportedFile::new(&path, bytes.len());
    // The chair's log notes it; a window that has the file read-only writes no log.
    if !state.read(|s| Ok(s.is_read_only()))? {
        state.edit(|s| s.note_export(&exported.file_name))?;
    }
    Ok(Some(exported))
}

/// Prints the clean or working text as laid out for export: the PDF the export writes, opened in
/// the system's PDF viewer, which prints it (in `ACCORD_E2E_DIR` the file is only written).
/// The PDF goes to a folder of its own in the system's temporary folder.
#[tauri::command]
pub async fn print_document(
    app: AppHandle,
    state: Doc,
    kind: ExportKind,
    options: ExportOptions,
) -> AppResult<ExportedFile> {
    let _ = app.emit(PROGRESS_EVENT, ExportStage::Rendering);
    let format = ExportFormat::Pdf;
    let (bytes, name) = state.read(|s| {
        Ok((
            export::export(s, &kind, format, &options)?,
            export::suggested_file_name(s, &kind, format, &options)?,
        ))
    })?;
    let _ = app.emit(PROGRESS_EVENT, ExportStage::Writing);
    let stem = name.strip_suffix(".pdf").unwrap_or(&name);
    let path = match &state.paths.e2e_dir {
        Some(dir) => free_path(dir, stem, "pdf"),
        None => {
            let dir = std::env::temp_dir().join("accord-print");
            std::fs::create_dir_all(&dir).map_err(drafts::Error::from)?;
            free_path(&dir, stem, "pdf")
        }
    };
    export::write_atomically(&path, &bytes)?;
    if state.paths.e2e_dir.is_none() {
        open_in_viewer(&path)?;
    }
    Ok(ExportedFile::new(&path, bytes.len()))
}

/// Opens a file with the application the desktop gives its type.
fn open_in_viewer(path: &Path) -> AppResult<()> {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command.arg(path).spawn().map_err(drafts::Error::from)?;
    Ok(())
}

impl ExportedFile {
    /// The file written at `path`, `bytes` long.
    pub(super) fn new(path: &Path, bytes: usize) -> Self {
        Self {
            path: path.display().to_string(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            bytes: bytes as u64,
        }
    }
}

/// Where the export goes: a free name in `ACCORD_E2E_DIR`, or the save dialog's answer.
fn destination(
    app: &AppHandle,
    state: &AppState,
    name: &str,
    format: ExportFormat,
) -> AppResult<Option<PathBuf>> {
    let ext = format.extension();
    match &state.paths.e2e_dir {
        Some(dir) => {
            let stem = name.strip_suffix(&format!(".{ext}")).unwrap_or(name);
            Ok(Some(free_path(dir, stem, ext)))
        }
        None => save_file(app, "Export", name, &Filter { name: label(format), extensions: &[ext] }),
    }
}

/// The save dialog's name for a format's files.
fn label(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Docx => "Word document",
        ExportFormat::Pdf => "PDF",
        ExportFormat::Html => "Web page",
        ExportFormat::Txt => "Plain text",
        ExportFormat::Md => "Markdown",
        ExportFormat::Akn => "Akoma Ntoso XML",
    }
}
