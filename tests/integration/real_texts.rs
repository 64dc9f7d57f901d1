//! Every real text of `tests/corpus/real` (drafts and adopted texts of the UN General Assembly,
//! the World Health Assembly, UNFCCC, the European Commission, and a document that is no draft at
//! all; in English, Spanish, French and Portuguese; from PDF text, Markdown, HTML, Word, XML and
//! Akoma Ntoso) goes through the whole pipeline: read, made a negotiation, a round closed,
//! exported and verified, with no panic and nothing lost. How well each is structured is measured against
//! `tests/corpus/real/EXPECTATIONS.md`, not asserted here.

use drafts::export::{self, ExportFormat, ExportKind, ExportOptions};
use drafts::import;
use drafts::store::CloseRound;
use drafts::Store;

use crate::util::corpus;

/// The texts of the corpus, by name.
pub fn real_texts() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(corpus("real"))
        .expect("tests/corpus/real")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && !is_doc(p))
        .collect();
    files.sort();
    files
}

/// The corpus's own documentation, not a text.
fn is_doc(path: &std::path::Path) -> bool {
    path.file_name().is_some_and(|n| {
        ["README.md", "EXPECTATIONS.md", "RESULTS.md"].contains(&&*n.to_string_lossy())
    })
}

#[test]
fn every_real_text_becomes_a_negotiation_that_closes_exports_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let files = real_texts();
    assert!(files.len() >= 25, "the corpus holds {} texts", files.len());
    let mut refused = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let draft = match import::import_file(&path) {
            Ok(draft) => draft,
            Err(e) => {
                assert_eq!(e.code(), "no_draft_found", "{name}: {e}");
                refused.push(name);
                continue;
            }
        };
        assert!(!draft.paragraphs.is_empty(), "{name}: no paragraph read");
        let source: usize =
            draft.paragraphs.iter().map(|p| p.text.split_whitespace().count()).sum();
        let mut store =
            Store::create_from_import(&dir.path().join(format!("{name}.accord")), &draft)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        store.close_round(CloseRound::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let document = store.document(Some(1)).unwrap();
        let kept: usize =
            document.paragraphs.iter().map(|p| p.paragraph.text.split_whitespace().count()).sum();
        assert_eq!(kept, source, "{name}: every word read is in round 1");
        let clean = export::export(
            &store,
            &ExportKind::Clean,
            ExportFormat::Txt,
            &ExportOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!clean.is_empty(), "{name}: an empty export");
        assert_eq!(store.verify().unwrap().first_mismatch, None, "{name}");
    }
    // Every text is read, XML of another vocabulary than Akoma Ntoso included.
    assert_eq!(refused, Vec::<String>::new());
}
