//! Importing a draft: read a text, Word or Akoma Ntoso file into an [`ImportedDraft`] for the
//! preview (the core parses; nothing is written), then create a negotiation from the reviewed
//! draft, or take it as a revision of the open negotiation's open round.

use drafts::import::{ImportFormat, ImportHints, ImportedDraft};
use drafts::model::ParagraphId;
use drafts::store::{Placement, RevisionCorrection, RevisionImport, RevisionPlan};
use drafts::Store;
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;

use super::dialogs::{new_negotiation_path, pick_file, Filter};
use crate::error::AppResult;
use crate::state::OpenFile;
use crate::windows::Doc;

/// The files File ▸ Import offers.
const DRAFTS: Filter<'static> = Filter {
    name: "Drafts (text, Markdown, Word, OpenDocument, PDF, web page, XML, Akoma Ntoso)",
    extensions: &["txt", "md", "docx", "odt", "pdf", "html", "htm", "xml", "akn"],
};

/// A draft read from a file, for review before anything is written.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    /// The name of the file read, for the preview's heading.
    pub file_name: String,
    pub draft: ImportedDraft,
}

/// Reads the file chosen in the native dialog (or `ACCORD_E2E_IMPORT`); `None` if cancelled.
/// Fails with the importer's code (`empty`, `binary`, `no_draft_found`…) and writes nothing.
#[tauri::command]
pub async fn import_preview(app: AppHandle, state: Doc) -> AppResult<Option<ImportPreview>> {
    let path = match &state.paths.e2e_import {
        Some(path) => Some(path.clone()),
        None => pick_file(&app, "Import a draft", &DRAFTS)?,
    };
    let Some(path) = path else { return Ok(None) };
    let draft = drafts::import::import_file(&path).map_err(drafts::Error::from)?;
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Some(ImportPreview { file_name, draft }))
}

/// Creates a negotiation from the reviewed draft where the user chooses (or in
/// `ACCORD_E2E_DIR`) and opens it; `None` if cancelled.
#[tauri::command]
pub async fn create_from_import(
    app: AppHandle,
    state: Doc,
    draft: ImportedDraft,
) -> AppResult<Option<OpenFile>> {
    let title = &draft.meta.title;
    let Some(path) = new_negotiation_path(&app, &state, "Create the negotiation", title)? else {
        return Ok(None);
    };
    state.install(Store::create_from_import(&path, &draft)?).map(Some)
}

/// What each paragraph of the reviewed draft would be to the open round's text, with the chair's
/// corrections; nothing is written.
#[tauri::command]
pub async fn plan_revision(
    state: Doc,
    draft: ImportedDraft,
    corrections: Vec<RevisionCorrection>,
) -> AppResult<RevisionPlan> {
    state.read(|s| s.plan_revision(&draft, &corrections))
}

/// Takes the reviewed draft as the new text of the open negotiation's open round ("rev.2"
/// arriving as a Word file), keeping the identity of paragraphs found again, moved, split or
/// merged, with the chair's corrections.
#[tauri::command]
pub async fn import_revision(
    state: Doc,
    draft: ImportedDraft,
    corrections: Vec<RevisionCorrection>,
) -> AppResult<RevisionImport> {
    state.edit(|s| s.import_revision(&draft, &corrections))
}

/// The reviewed draft re-read with the chair's hints (a decision with no verb line, where the
/// draft or its operative part starts, the title's lines, not a draft at all).
#[tauri::command]
pub async fn reread_draft(draft: ImportedDraft, hints: ImportHints) -> AppResult<ImportedDraft> {
    Ok(draft.with_hints(&hints))
}

/// The chosen paragraphs of the reviewed draft one level deeper or one level out.
#[tauri::command]
pub async fn shift_level(
    draft: ImportedDraft,
    indexes: Vec<usize>,
    deeper: bool,
) -> AppResult<ImportedDraft> {
    Ok(draft.shift_level(&indexes, deeper))
}

/// Reads a long paste as a draft, so that the preview splits it into paragraphs.
#[tauri::command]
pub async fn read_pasted(text: String) -> AppResult<ImportPreview> {
    let draft = drafts::import::import_bytes_as(text.as_bytes(), ImportFormat::Text)
        .map_err(drafts::Error::from)?;
    Ok(ImportPreview { file_name: "Pasted text".into(), draft })
}

/// Inserts the reviewed paragraphs of a paste at `placement` in the open round.
#[tauri::command]
pub async fn insert_imported(
    state: Doc,
    draft: ImportedDraft,
    placement: Placement,
) -> AppResult<Vec<ParagraphId>> {
    state.edit(|s| s.insert_imported(&draft, placement))
}
