//! Reading the text and everything done to paragraphs in the open round.

use drafts::brackets::Resolution;
use drafts::model::{Footnote, ParagraphId, ParagraphKind};
use drafts::store::{NewParagraph, Placement, StatusChange};

use crate::error::AppResult;
use crate::view::DocumentView;
use crate::windows::Doc;

/// The text of a round (the open round when `round` is none), with its display markup.
#[tauri::command]
pub async fn document(state: Doc, round: Option<u32>) -> AppResult<DocumentView> {
    state.read(|s| s.document(round)).map(DocumentView::from)
}

#[tauri::command]
pub async fn insert_paragraph(state: Doc, paragraph: NewParagraph) -> AppResult<ParagraphId> {
    state.edit(|s| s.insert_paragraph(paragraph))
}

/// Changes a paragraph's text; an agreed paragraph needs `reopen_reason`.
#[tauri::command]
pub async fn edit_text(
    state: Doc,
    id: ParagraphId,
    text: String,
    reopen_reason: Option<String>,
) -> AppResult<()> {
    state.edit(|s| s.edit_text(id, &text, reopen_reason.as_deref()))
}

#[tauri::command]
pub async fn set_status(state: Doc, id: ParagraphId, status: StatusChange) -> AppResult<()> {
    state.edit(|s| s.set_status(id, status))
}

#[tauri::command]
pub async fn delete_paragraph(
    state: Doc,
    id: ParagraphId,
    reason: Option<String>,
) -> AppResult<()> {
    state.edit(|s| s.delete_paragraph(id, reason.as_deref()))
}

#[tauri::command]
pub async fn move_paragraph(state: Doc, id: ParagraphId, placement: Placement) -> AppResult<()> {
    state.edit(|s| s.move_paragraph(id, placement))
}

#[tauri::command]
pub async fn set_kind(
    state: Doc,
    id: ParagraphId,
    kind: ParagraphKind,
    parent: Option<ParagraphId>,
) -> AppResult<()> {
    state.edit(|s| s.set_kind(id, kind, parent))
}

#[tauri::command]
pub async fn set_proposers(state: Doc, id: ParagraphId, proposers: Vec<String>) -> AppResult<()> {
    state.edit(|s| s.set_proposers(id, proposers))
}

#[tauri::command]
pub async fn set_notes(state: Doc, id: ParagraphId, notes: String) -> AppResult<()> {
    state.edit(|s| s.set_notes(id, notes))
}

#[tauri::command]
pub async fn set_footnotes(state: Doc, id: ParagraphId, footnotes: Vec<Footnote>) -> AppResult<()> {
    state.edit(|s| s.set_footnotes(id, footnotes))
}

/// Brackets the words between two char offsets of the paragraph's text.
#[tauri::command]
pub async fn bracket_words(
    state: Doc,
    id: ParagraphId,
    start: usize,
    end: usize,
    holders: Vec<String>,
    reason: String,
) -> AppResult<()> {
    state.edit(|s| s.bracket_words(id, start, end, holders, reason))
}

/// Resolves the `index`-th top-level bracket group by keeping an option or dropping it.
#[tauri::command]
pub async fn resolve_bracket(
    state: Doc,
    id: ParagraphId,
    index: usize,
    resolution: Resolution,
) -> AppResult<()> {
    state.edit(|s| s.resolve_bracket(id, index, resolution))
}

#[tauri::command]
pub async fn confirm_silence(state: Doc, id: ParagraphId) -> AppResult<()> {
    state.edit(|s| s.confirm_silence(id))
}

#[tauri::command]
pub async fn break_silence(state: Doc, id: ParagraphId, delegation: String) -> AppResult<()> {
    state.edit(|s| s.break_silence(id, &delegation))
}
