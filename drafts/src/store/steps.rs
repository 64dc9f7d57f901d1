//! What one user action changed, as undo and redo replay it: the paragraphs before and after, the
//! proposals decided or brought in, the positions, the translations and the language version.
//! The modules that edit record a [`Step`]; `undo` replays it. Apart from `undo` so that the
//! editing modules and the replay do not import each other.

use super::rows::Row;
use crate::languages::Translation;
use crate::model::ParagraphId;
use crate::proposals::{Proposal, ProposalId, ProposalState, Stance};

/// One user action: each touched paragraph before and after (none = did not exist), the
/// proposals it decided (they are open again before it), the proposals it brought in with their
/// origin (gone before it), the positions it changed: (proposal, delegation, before, after), the
/// translations it wrote, and the language version it added (gone before it).
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub(super) action: String,
    pub(super) round: u32,
    pub(super) changes: Vec<(ParagraphId, Option<Row>, Option<Row>)>,
    pub(super) decisions: Vec<(ProposalId, ProposalState)>,
    pub(super) added: Vec<(Proposal, String)>,
    pub(super) stances: Vec<StanceChange>,
    pub(super) translations: Vec<TranslationChange>,
    pub(super) language: Option<&'static str>,
}

/// A paragraph's translation row in the open round, before and after a step (none: no row).
#[derive(Debug, Clone)]
pub(crate) struct TranslationChange {
    pub(super) id: ParagraphId,
    pub(super) language: &'static str,
    pub(super) before: Option<Translation>,
    pub(super) after: Option<Translation>,
}

impl TranslationChange {
    pub(crate) fn new(
        id: ParagraphId,
        language: &'static str,
        before: Option<Translation>,
        after: Option<Translation>,
    ) -> Self {
        Self { id, language, before, after }
    }
}

/// A delegation's position on a proposal, before and after a step.
pub(crate) type StanceChange = (ProposalId, String, Option<Stance>, Option<Stance>);

impl Step {
    pub(crate) fn new(
        action: &str,
        round: u32,
        changes: Vec<(ParagraphId, Option<Row>, Option<Row>)>,
    ) -> Self {
        Self {
            action: action.to_string(),
            round,
            changes,
            decisions: Vec::new(),
            added: Vec::new(),
            stances: Vec::new(),
            translations: Vec::new(),
            language: None,
        }
    }

    /// A step that wrote translations.
    pub(crate) fn on_translations(
        action: &str,
        round: u32,
        translations: Vec<TranslationChange>,
    ) -> Self {
        Self { translations, ..Self::new(action, round, Vec::new()) }
    }

    /// A step that added a language version.
    pub(crate) fn on_language(round: u32, code: &'static str) -> Self {
        Self { language: Some(code), ..Self::new("language_added", round, Vec::new()) }
    }

    /// A step that changed only proposals: decided some, brought some in, changed positions.
    pub(crate) fn on_proposals(
        action: &str,
        round: u32,
        decisions: Vec<(ProposalId, ProposalState)>,
        added: Vec<(Proposal, String)>,
        stances: Vec<StanceChange>,
    ) -> Self {
        Self { decisions, added, stances, ..Self::new(action, round, Vec::new()) }
    }
}
