//! Language versions: which are kept, a translation typed, reviewed or brought in from a file
//! (its alignment planned first), where each version stands, two languages side by side.

use drafts::import::ImportedDraft;
use drafts::languages::{Language, LanguageStatus};
use drafts::model::ParagraphId;
use drafts::store::{TranslationCorrection, TranslationPlan};

use crate::error::AppResult;
use crate::view::SideBySideView;
use crate::windows::Doc;

/// The original's language, then the versions kept beside it.
#[tauri::command]
pub async fn languages(state: Doc) -> AppResult<Vec<Language>> {
    state.read(|s| {
        let mut all = vec![s.original_language()?];
        all.extend(s.language_versions()?);
        Ok(all)
    })
}

/// Every language a negotiation can be kept in.
#[tauri::command]
pub async fn known_languages() -> Vec<Language> {
    drafts::languages::LANGUAGES.to_vec()
}

#[tauri::command]
pub async fn add_language(state: Doc, code: String) -> AppResult<Language> {
    state.edit(|s| s.add_language(&code))
}

#[tauri::command]
pub async fn set_translation(
    state: Doc,
    id: ParagraphId,
    code: String,
    text: String,
) -> AppResult<()> {
    state.edit(|s| s.set_translation(id, &code, &text))
}

#[tauri::command]
pub async fn review_translation(state: Doc, id: ParagraphId, code: String) -> AppResult<()> {
    state.edit(|s| s.review_translation(id, &code))
}

#[tauri::command]
pub async fn language_statuses(state: Doc, round: Option<u32>) -> AppResult<Vec<LanguageStatus>> {
    state.read(|s| s.language_statuses(round))
}

#[tauri::command]
pub async fn side_by_side(
    state: Doc,
    left: String,
    right: String,
    round: Option<u32>,
) -> AppResult<SideBySideView> {
    state.read(|s| {
        let style = s.negotiation()?.house_style;
        Ok(SideBySideView::new(s.side_by_side(&left, &right, round)?, style))
    })
}

/// How a translation read from a file aligns to the open round, with the chair's corrections;
/// nothing is written.
#[tauri::command]
pub async fn plan_translation(
    state: Doc,
    code: String,
    draft: ImportedDraft,
    corrections: Vec<TranslationCorrection>,
) -> AppResult<TranslationPlan> {
    state.read(|s| s.plan_translation(&code, &draft, &corrections))
}

#[tauri::command]
pub async fn import_translation(
    state: Doc,
    code: String,
    draft: ImportedDraft,
    corrections: Vec<TranslationCorrection>,
) -> AppResult<TranslationPlan> {
    state.edit(|s| s.import_translation(&code, &draft, &corrections))
}
