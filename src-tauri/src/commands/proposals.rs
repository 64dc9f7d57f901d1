//! Delegations at the table: delegation mode, the proposals a delegation makes in it, the
//! proposals files that carry them to the chair (or the circulated Word file sent back with
//! tracked changes), and the chair's compilation and decisions. Every rule lives in the core
//! (`drafts::store` proposals); each command translates.

use std::path::Path;

use drafts::proposals::{ProposalId, Stance};
use drafts::store::{Compilation, ProposalRecord, ProposalRequest, ProposalsImport};
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;

use super::dialogs::{
    file_stem, free_path, new_file_path, pick_files, plain_name, save_file, Filter,
};
use super::export::ExportedFile;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::windows::Doc;

/// The extension of a proposals file.
const PROPOSALS_EXTENSION: &str = "json";

/// The extension of a Word file sent back with tracked changes.
const WORD_EXTENSION: &str = "docx";

/// The files Export my proposals writes.
const PROPOSALS: Filter<'static> =
    Filter { name: "Accord proposals", extensions: &[PROPOSALS_EXTENSION] };

/// The files File ▸ Import proposals offers: proposals files and returned Word files.
const RETURNED: Filter<'static> = Filter {
    name: "Proposals (Accord .json, Word .docx)",
    extensions: &[PROPOSALS_EXTENSION, WORD_EXTENSION],
};

/// What became of one file File ▸ Import proposals read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum ProposalsFileImport {
    /// The file's proposals are in the negotiation.
    Imported { file_name: String, report: ProposalsImport },
    /// A Word file with authors who speak for no delegation yet: nothing was written. It waits
    /// for [`import_word_file`] with the delegation of each author.
    NeedsAuthors { file_name: String, authors: Vec<String> },
}

/// The delegation this file acts for (delegation mode); none at the chair's desk.
#[tauri::command]
pub async fn acting_delegation(state: Doc) -> AppResult<Option<String>> {
    state.read(|s| s.acting_delegation())
}

/// The delegation the open file is a circulated copy for, if it is one.
#[tauri::command]
pub async fn circulated_for(state: Doc) -> AppResult<Option<String>> {
    state.read(|s| s.circulated_for())
}

/// Enters delegation mode for a delegation of the roster, or returns to the chair's desk (none).
#[tauri::command]
pub async fn act_as(state: Doc, delegation: Option<String>) -> AppResult<()> {
    state.edit(|s| s.act_as(delegation.as_deref()))
}

/// Writes a copy of the open negotiation in delegation mode for `delegation`, to send to it; the
/// window stays on the chair's file. Returns the copy's path; `None` if cancelled.
#[tauri::command]
pub async fn save_delegation_copy(
    app: AppHandle,
    state: Doc,
    delegation: String,
) -> AppResult<Option<String>> {
    // Named after the negotiation (its symbol, else its title), never after the chair's file.
    let negotiation = state.read(|s| s.negotiation())?;
    let name =
        if negotiation.symbol.trim().is_empty() { negotiation.title } else { negotiation.symbol };
    let stem = format!("{}-for-{}", file_stem(&name), file_stem(&delegation));
    let title = format!("Save a copy for {delegation}");
    let Some(path) = new_file_path(&app, &state, &title, &stem)? else { return Ok(None) };
    state.edit(|s| s.circulate(&path, &delegation).map(drop))?;
    Ok(Some(path.display().to_string()))
}

/// Records a proposal of `delegation` on the open round's text.
#[tauri::command]
pub async fn propose(
    state: Doc,
    delegation: String,
    request: ProposalRequest,
    note: String,
) -> AppResult<ProposalId> {
    state.edit(|s| s.propose(&delegation, request, &note))
}

/// Every proposal in the file, oldest first.
#[tauri::command]
pub async fn proposals(state: Doc) -> AppResult<Vec<ProposalRecord>> {
    state.read(|s| s.proposals())
}

#[tauri::command]
pub async fn withdraw_proposal(state: Doc, id: ProposalId) -> AppResult<()> {
    state.edit(|s| s.withdraw_proposal(id))
}

/// Records `delegation`'s support for or opposition to a proposal; none clears it.
#[tauri::command]
pub async fn set_stance(
    state: Doc,
    id: ProposalId,
    delegation: String,
    stance: Option<Stance>,
) -> AppResult<()> {
    state.edit(|s| s.set_stance(id, &delegation, stance))
}

/// Writes `delegation`'s proposals file where the user chooses (or in `ACCORD_E2E_DIR`),
/// named "Canada proposals - rev.1.json"; `None` if cancelled.
#[tauri::command]
pub async fn export_proposals(
    app: AppHandle,
    state: Doc,
    delegation: String,
) -> AppResult<Option<ExportedFile>> {
    let file = state.read(|s| s.export_proposals(&delegation))?;
    let name = plain_name(&format!("{} proposals - {}", file.delegation, file.round_label));
    let path = match &state.paths.e2e_dir {
        Some(dir) => free_path(dir, &name, PROPOSALS_EXTENSION),
        None => {
            let suggested = format!("{name}.{PROPOSALS_EXTENSION}");
            let title = "Export my proposals";
            let Some(path) = save_file(&app, title, &suggested, &PROPOSALS)? else {
                return Ok(None);
            };
            path
        }
    };
    let json = file.to_json();
    drafts::export::write_atomically(&path, json.as_bytes())?;
    Ok(Some(ExportedFile::new(&path, json.len())))
}

/// Imports the files chosen in the open dialog (several at once; those of
/// `ACCORD_E2E_PROPOSALS` that exist, in the end-to-end tests) at the chair's desk, one outcome
/// per file; none if cancelled. Proposals files and Word files with tracked changes are both
/// taken; importing a file twice adds nothing.
#[tauri::command]
pub async fn import_proposals(app: AppHandle, state: Doc) -> AppResult<Vec<ProposalsFileImport>> {
    let paths = match state.paths.e2e_proposals.as_slice() {
        [] => pick_files(&app, "Import proposals", &RETURNED)?,
        seam => seam.iter().filter(|p| p.exists()).cloned().collect(),
    };
    paths.iter().map(|path| import_proposals_file(&state, path, &[])).collect()
}

/// Maps each author of the waiting Word file `file_name` to the delegation it speaks for (the
/// file remembers it), then imports the Word file.
#[tauri::command]
pub async fn import_word_file(
    state: Doc,
    file_name: String,
    authors: Vec<(String, String)>,
) -> AppResult<ProposalsFileImport> {
    let path = state.awaiting_authors(&file_name)?;
    import_proposals_file(&state, &path, &authors)
}

/// Reads one file a delegation sent back into the open negotiation (the core chooses Word or a
/// proposals file by the extension, and maps `authors` in the same transaction). A Word file
/// whose authors are not all mapped waits for them.
fn import_proposals_file(
    state: &AppState,
    path: &Path,
    authors: &[(String, String)],
) -> AppResult<ProposalsFileImport> {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match state.edit(|s| s.import_returned(path, authors)) {
        Ok(report) => {
            state.stop_awaiting_authors(path);
            Ok(ProposalsFileImport::Imported { file_name, report })
        }
        Err(AppError::Core(drafts::Error::UnmappedAuthors { authors })) => {
            state.await_authors(path);
            Ok(ProposalsFileImport::NeedsAuthors { file_name, authors })
        }
        Err(e) => Err(e),
    }
}

/// The proposals beside the paragraphs they are about, with where each stands and its conflicts.
#[tauri::command]
pub async fn compilation(state: Doc) -> AppResult<Compilation> {
    state.read(|s| s.compilation())
}

/// Takes an open proposal into the text (undoable).
#[tauri::command]
pub async fn accept_proposal(state: Doc, id: ProposalId) -> AppResult<()> {
    state.edit(|s| s.accept_proposal(id))
}

/// Rejects an open proposal with the chair's reason (may be empty).
#[tauri::command]
pub async fn reject_proposal(state: Doc, id: ProposalId, reason: String) -> AppResult<()> {
    state.edit(|s| s.reject_proposal(id, &reason))
}

/// Puts a decided proposal back on the table.
#[tauri::command]
pub async fn reopen_proposal(state: Doc, id: ProposalId) -> AppResult<()> {
    state.edit(|s| s.reopen_proposal(id))
}

/// Turns competing amendments of one paragraph into alternatives `[A / B]` (undoable), the
/// current words first when `keep_current`.
#[tauri::command]
pub async fn bracket_proposals(
    state: Doc,
    ids: Vec<ProposalId>,
    keep_current: bool,
) -> AppResult<()> {
    state.edit(|s| s.bracket_proposals(&ids, keep_current))
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read, Write};

    use drafts::export::{export, ExportFormat, ExportKind, ExportOptions};
    use zip::write::SimpleFileOptions;
    use zip::{ZipArchive, ZipWriter};

    use super::*;
    use crate::state::AppPaths;

    /// The sample negotiation open in a fresh state.
    fn sample(dir: &Path) -> AppState {
        let state = AppState::new(AppPaths::in_dir(dir));
        let store = drafts::sample::create(&dir.join("sample.accord")).unwrap();
        state.install(store).unwrap();
        state
    }

    /// The sample's clean text sent back by Jane Roe, who replaced "strengthen" in OP1.
    fn returned(state: &AppState, path: &Path) {
        let options = ExportOptions::default();
        let bytes =
            state.read(|s| export(s, &ExportKind::Clean, ExportFormat::Docx, &options)).unwrap();
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut part = archive.by_index(i).unwrap();
            let mut data = String::new();
            part.read_to_string(&mut data).unwrap();
            if part.name() == "word/document.xml" {
                let by = r#"w:author="Jane Roe" w:date="2026-05-04T10:00:00Z""#;
                let tracked = format!(
                    r#"</w:t></w:r><w:del w:id="901" {by}><w:r><w:delText>strengthen</w:delText></w:r></w:del><w:ins w:id="902" {by}><w:r><w:t>reinforce</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> national policies"#
                );
                data = data.replacen("strengthen national policies", &tracked, 1);
            }
            writer.start_file(part.name(), SimpleFileOptions::default()).unwrap();
            writer.write_all(data.as_bytes()).unwrap();
        }
        std::fs::write(path, writer.finish().unwrap().into_inner()).unwrap();
    }

    #[test]
    fn a_word_file_waits_for_its_authors_then_imports_once() {
        let dir = tempfile::tempdir().unwrap();
        let state = sample(dir.path());
        let path = dir.path().join("returned.docx");
        returned(&state, &path);

        let outcome = import_proposals_file(&state, &path, &[]).unwrap();
        assert_eq!(
            outcome,
            ProposalsFileImport::NeedsAuthors {
                file_name: "returned.docx".into(),
                authors: vec!["Jane Roe".into()],
            }
        );
        assert!(state.read(|s| s.proposals()).unwrap().is_empty(), "nothing written");
        assert_eq!(state.awaiting_authors("returned.docx").unwrap(), path);

        let unknown = [("Jane Roe".to_string(), "Atlantis".to_string())];
        let err = import_proposals_file(&state, &path, &unknown).unwrap_err();
        assert_eq!(err.code(), "unknown_delegation");
        assert!(
            state.read(|s| s.word_authors()).unwrap().is_empty(),
            "a failed import maps no one"
        );

        let mapped = [("Jane Roe".to_string(), "Mexico".to_string())];
        let ProposalsFileImport::Imported { file_name, report } =
            import_proposals_file(&state, &path, &mapped).unwrap()
        else {
            panic!("the mapped file was not imported");
        };
        assert_eq!(file_name, "returned.docx");
        assert_eq!((report.added, report.delegations), (1, vec!["Mexico".to_string()]));
        let err = state.awaiting_authors("returned.docx").unwrap_err();
        assert_eq!(err.code(), "not_awaiting_authors");

        let ProposalsFileImport::Imported { report, .. } =
            import_proposals_file(&state, &path, &[]).unwrap()
        else {
            panic!("the mapping was forgotten");
        };
        assert_eq!((report.added, report.already_present), (0, 1));
    }

    #[test]
    fn a_proposals_file_is_read_by_its_extension() {
        let dir = tempfile::tempdir().unwrap();
        let state = sample(dir.path());
        let path = dir.path().join("Canada proposals.json");
        std::fs::write(&path, "not a proposals file").unwrap();
        let err = import_proposals_file(&state, &path, &[]).unwrap_err();
        assert_eq!(err.code(), "proposals_file");
    }
}
