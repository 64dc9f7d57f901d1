//! A language version brought in from a file: aligned to the open round paragraph by paragraph
//! ([`crate::alignment`]), shown as a plan the chair corrects, then written as one undoable step.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::languages::require_language;
use super::Store;
use crate::alignment::{self, Passage};
use crate::import::ImportedDraft;
use crate::model::{ParagraphId, StatusKind};
use crate::{Error, Result};

/// What importing a language version would write, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TranslationPlan {
    /// The language's code.
    pub language: String,
    /// Per paragraph of the open round, in order.
    pub paragraphs: Vec<PlannedTranslation>,
    /// The file's paragraphs given to no paragraph of the original.
    pub unmatched: Vec<UnmatchedParagraph>,
    /// Paragraphs of the original that receive a translation.
    pub matched: usize,
}

/// A paragraph of the original and the file's paragraphs found to translate it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PlannedTranslation {
    pub id: ParagraphId,
    pub label: String,
    pub original: String,
    /// Indexes of the file's paragraphs (one, or two read as one); empty when none.
    pub translation: Vec<usize>,
    /// The translation's text as it would be written.
    pub text: String,
    /// How sure the alignment is, in percent (100 for the chair's choice).
    pub confidence: u8,
}

/// A paragraph of the file that translates no paragraph of the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnmatchedParagraph {
    pub index: usize,
    pub text: String,
}

/// The chair's correction: paragraph `id` of the original is translated by the file's
/// paragraphs `translation` (none: it has no translation in the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TranslationCorrection {
    pub id: ParagraphId,
    pub translation: Vec<usize>,
}

impl Store {
    /// Aligns a language version read from a file to the open round, with the chair's
    /// corrections: nothing is written.
    pub fn plan_translation(
        &self,
        code: &str,
        draft: &ImportedDraft,
        corrections: &[TranslationCorrection],
    ) -> Result<TranslationPlan> {
        let language = require_language(&self.conn, code)?;
        let document = self.document(None)?;
        let live: Vec<_> = document
            .paragraphs
            .iter()
            .filter(|n| n.paragraph.status.kind() != StatusKind::Deleted)
            .collect();
        let original: Vec<Passage<'_>> = live
            .iter()
            .map(|n| Passage {
                kind: n.paragraph.kind,
                number: n.number.as_deref(),
                text: &n.paragraph.text,
            })
            .collect();
        let file: Vec<Passage<'_>> = draft
            .paragraphs
            .iter()
            .map(|p| Passage { kind: p.kind, number: p.source_number.as_deref(), text: &p.text })
            .collect();
        let aligned = alignment::align(&original, &file);
        let mut paragraphs = Vec::with_capacity(live.len());
        for (n, found) in live.iter().zip(aligned) {
            let p = &n.paragraph;
            let (translation, confidence) = match corrections.iter().find(|c| c.id == p.id) {
                Some(c) => (c.translation.clone(), 100),
                None => (found.translation, found.confidence),
            };
            if let Some(bad) = translation.iter().find(|i| **i >= draft.paragraphs.len()) {
                return Err(Error::Invalid(format!(
                    "the file has {} paragraphs: there is no paragraph {}",
                    draft.paragraphs.len(),
                    bad + 1
                )));
            }
            let text = joined(draft, &translation);
            paragraphs.push(PlannedTranslation {
                id: p.id,
                label: p.label.clone(),
                original: p.text.clone(),
                translation,
                text,
                confidence,
            });
        }
        Ok(plan(language.code, paragraphs, draft))
    }

    /// Writes the translations of a plan (with the chair's corrections) in one transaction and
    /// one undo step; returns the plan written.
    pub fn import_translation(
        &mut self,
        code: &str,
        draft: &ImportedDraft,
        corrections: &[TranslationCorrection],
    ) -> Result<TranslationPlan> {
        let plan = self.plan_translation(code, draft, corrections)?;
        let texts: Vec<(ParagraphId, String)> = plan
            .paragraphs
            .iter()
            .filter(|p| !p.translation.is_empty())
            .map(|p| (p.id, p.text.clone()))
            .collect();
        self.write_translations("translation_imported", code, &texts)?;
        Ok(plan)
    }
}

/// The file's paragraphs `indexes` as one text.
fn joined(draft: &ImportedDraft, indexes: &[usize]) -> String {
    indexes.iter().map(|i| draft.paragraphs[*i].text.trim()).collect::<Vec<_>>().join(" ")
}

/// The plan over `paragraphs`: what of the file is left over, and how many receive a text.
fn plan(code: &str, paragraphs: Vec<PlannedTranslation>, draft: &ImportedDraft) -> TranslationPlan {
    let used: std::collections::HashSet<usize> =
        paragraphs.iter().flat_map(|p| p.translation.iter().copied()).collect();
    let unmatched = (0..draft.paragraphs.len())
        .filter(|i| !used.contains(i))
        .map(|index| UnmatchedParagraph { index, text: draft.paragraphs[index].text.clone() })
        .collect();
    let matched = paragraphs.iter().filter(|p| !p.translation.is_empty()).count();
    TranslationPlan { language: code.to_string(), paragraphs, unmatched, matched }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{self, ImportFormat};
    use crate::languages::TranslationState;

    const ORIGINAL: &str = "The General Assembly,\n\nRecalling its resolution 70/1 of 25 \
        September 2015,\n\n1. Decides to convene a high-level meeting in 2019;\n\n2. Requests the \
        Secretary-General to report at its seventy-fourth session.\n";
    const SPANISH: &str = "La Asamblea General,\n\nRecordando su resolución 70/1, de 25 de \
        septiembre de 2015,\n\n1. Decide convocar una reunión de alto nivel en 2019;\n\n2. \
        Solicita al Secretario General que la informe en su septuagésimo cuarto período de \
        sesiones.\n";

    fn imported(text: &str) -> ImportedDraft {
        import::import_bytes_as(text.as_bytes(), ImportFormat::Text).unwrap()
    }

    #[test]
    fn a_translation_is_planned_corrected_then_written_as_one_undoable_step() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.accord");
        let mut store = Store::create_from_import(&path, &imported(ORIGINAL)).unwrap();
        store.add_language("es").unwrap();
        let spanish = imported(SPANISH);
        let plan = store.plan_translation("es", &spanish, &[]).unwrap();
        let found: Vec<_> = plan.paragraphs.iter().map(|p| p.translation.clone()).collect();
        assert_eq!(found, [vec![0], vec![1], vec![2], vec![3]]);
        assert_eq!((plan.matched, plan.unmatched.len()), (4, 0));
        let last = plan.paragraphs[3].id;
        let none = TranslationCorrection { id: last, translation: vec![] };
        let plan = store.import_translation("es", &spanish, &[none]).unwrap();
        assert_eq!(plan.matched, 3);
        assert_eq!(plan.unmatched[0].index, 3);
        let first = plan.paragraphs[2].id;
        assert_eq!(store.translation_state(first, "es").unwrap(), TranslationState::Current);
        assert_eq!(store.translation_state(last, "es").unwrap(), TranslationState::Missing);
        assert_eq!(store.undo().unwrap().as_deref(), Some("translation_imported"));
        assert_eq!(store.translation_state(first, "es").unwrap(), TranslationState::Missing);
    }

    #[test]
    fn a_correction_naming_a_paragraph_the_file_lacks_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::create_from_import(&dir.path().join("t.accord"), &imported(ORIGINAL)).unwrap();
        store.add_language("fr").unwrap();
        let id = store.document(None).unwrap().paragraphs[0].paragraph.id;
        let wrong = TranslationCorrection { id, translation: vec![9] };
        let error = store.plan_translation("fr", &imported(SPANISH), &[wrong]).unwrap_err();
        assert!(error.to_string().contains("no paragraph 10"));
    }
}
