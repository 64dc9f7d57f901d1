//! What the room sees: the open round's text with statuses and brackets, its language versions
//! (each translation with its state against the original, by the core's one rule in
//! [`crate::languages`]), the paragraph under discussion, the comparison with the round before and
//! the proposals with the chair's decisions. Built from the chair's file; the desk's private
//! notes, its log and its keys are never in it.

use serde::{Deserialize, Serialize};

use crate::brackets;
use crate::diff::TextSpan;
use crate::languages::{Language, TranslationState, VersionText};
use crate::model::{Footnote, NumberedParagraph, ParagraphId, ParagraphKind, Status, StatusKind};
use crate::proposals::{ProposalId, ProposalState};
use crate::{Result, Store};

/// The text as the room sees it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomView {
    /// Grows with every change the session publishes.
    pub revision: u64,
    pub title: String,
    pub symbol: String,
    pub round: u32,
    pub round_label: String,
    /// The language the text is negotiated in.
    pub original: RoomLanguage,
    /// The language versions kept beside it, in the order of each paragraph's `versions`.
    pub languages: Vec<RoomLanguage>,
    /// The paragraph under discussion, as the chair set it.
    pub focus: Option<ParagraphId>,
    pub paragraphs: Vec<RoomParagraph>,
    /// What changed since the last closed round; none in the first round.
    pub comparison: Option<RoomComparison>,
    pub proposals: Vec<RoomProposal>,
}

/// One paragraph of the open round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomParagraph {
    pub id: ParagraphId,
    pub kind: ParagraphKind,
    /// The working label the room uses: "OP7bis".
    pub label: String,
    pub number: Option<String>,
    pub depth: u8,
    pub status: StatusKind,
    /// The delegations whose confirmation an ad referendum awaits.
    pub awaiting: Vec<String>,
    pub text: String,
    /// Char ranges `[start, end)` of the top-level bracket groups of `text`.
    pub brackets: Vec<(usize, usize)>,
    pub footnotes: Vec<Footnote>,
    /// The paragraph in each language version, in the order of the view's `languages`; none
    /// for a deleted paragraph.
    pub versions: Vec<RoomVersion>,
}

/// A language the room can read the text in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomLanguage {
    pub code: String,
    pub name: String,
    /// Its name in itself: "Español".
    pub native: String,
}

/// A paragraph's translation as the room reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomVersion {
    /// Empty while the translation is missing.
    pub text: String,
    /// Current, stale (the original changed since it was made), missing or reviewed.
    pub state: TranslationState,
    /// Char ranges `[start, end)` of the top-level bracket groups of `text`.
    pub brackets: Vec<(usize, usize)>,
}

/// The comparison with the last closed round: the paragraphs that changed, word by word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomComparison {
    pub from: u32,
    pub changes: Vec<RoomChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomChange {
    pub id: ParagraphId,
    pub label: String,
    pub added: bool,
    pub deleted: bool,
    pub spans: Vec<TextSpan>,
}

/// A proposal as the room sees it: who, on what, what, and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomProposal {
    pub id: ProposalId,
    pub delegation: String,
    pub label: String,
    pub description: String,
    pub note: String,
    pub state: ProposalState,
}

impl RoomView {
    /// The room's view of the open round of `store`, under discussion `focus`.
    pub fn build(store: &Store, revision: u64, focus: Option<ParagraphId>) -> Result<RoomView> {
        let document = store.document(None)?;
        let round = document.round.number;
        let languages = store.language_versions()?;
        let mut paragraphs: Vec<RoomParagraph> =
            document.paragraphs.iter().map(room_paragraph).collect();
        add_versions(store, &languages, round, &mut paragraphs)?;
        let comparison = match round {
            1 => None,
            _ => Some(comparison(store, round - 1, round)?),
        };
        let proposals = store.proposals()?.into_iter().map(|record| RoomProposal {
            id: record.proposal.id,
            delegation: record.proposal.delegation.clone(),
            label: record.proposal.change.label().to_string(),
            description: record.proposal.change.describe(),
            note: record.proposal.note,
            state: record.state,
        });
        Ok(RoomView {
            revision,
            title: document.negotiation.title,
            symbol: document.negotiation.symbol,
            round,
            round_label: document.round.label,
            original: store.original_language()?.into(),
            languages: languages.iter().map(|l| RoomLanguage::from(*l)).collect(),
            focus,
            paragraphs,
            comparison,
            proposals: proposals.collect(),
        })
    }
}

fn room_paragraph(p: &NumberedParagraph) -> RoomParagraph {
    let paragraph = &p.paragraph;
    let awaiting = match &paragraph.status {
        Status::AdReferendum(ad) => ad.delegations.clone(),
        _ => Vec::new(),
    };
    let brackets = bracket_ranges(&paragraph.text);
    RoomParagraph {
        id: paragraph.id,
        kind: paragraph.kind,
        label: paragraph.label.clone(),
        number: p.number.clone(),
        depth: p.depth,
        status: paragraph.status.kind(),
        awaiting,
        text: paragraph.text.clone(),
        brackets,
        footnotes: paragraph.footnotes.clone(),
        versions: Vec::new(),
    }
}

impl From<Language> for RoomLanguage {
    fn from(language: Language) -> Self {
        RoomLanguage {
            code: language.code.into(),
            name: language.name.into(),
            native: language.native.into(),
        }
    }
}

/// Gives each live paragraph its text in every language version, with its state against the
/// original by the one rule of [`crate::languages`].
fn add_versions(
    store: &Store,
    languages: &[Language],
    round: u32,
    paragraphs: &mut [RoomParagraph],
) -> Result<()> {
    for language in languages {
        let translations = store.translations(language.code, round)?;
        for paragraph in paragraphs.iter_mut().filter(|p| p.status != StatusKind::Deleted) {
            let side = VersionText::translation(&paragraph.text, translations.get(&paragraph.id));
            paragraph.versions.push(RoomVersion {
                brackets: bracket_ranges(&side.text),
                state: side.state.unwrap_or(TranslationState::Missing),
                text: side.text,
            });
        }
    }
    Ok(())
}

/// Char ranges of the top-level bracket groups of `text`; none while its brackets do not pair.
fn bracket_ranges(text: &str) -> Vec<(usize, usize)> {
    brackets::parse(text)
        .map(|groups| groups.iter().map(|g| (g.start, g.end)).collect())
        .unwrap_or_default()
}

fn comparison(store: &Store, from: u32, to: u32) -> Result<RoomComparison> {
    let changes = store
        .diff(from, to)?
        .changes
        .into_iter()
        .filter(|c| c.added || c.deleted || c.text_changed)
        .map(|c| RoomChange {
            id: c.id,
            label: c.new.as_ref().or(c.old.as_ref()).map(|s| s.label.clone()).unwrap_or_default(),
            added: c.added,
            deleted: c.deleted,
            spans: c.spans,
        })
        .collect();
    Ok(RoomComparison { from, changes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NegotiationMeta;
    use crate::store::{CloseRound, NewParagraph, ProposalRequest};

    #[test]
    fn the_room_sees_text_statuses_brackets_the_comparison_and_proposals_never_private_notes() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.accord"), NegotiationMeta::default())
            .expect("create");
        let id = store
            .insert_paragraph(NewParagraph::at_end(ParagraphKind::Operative, "Urges [all] States"))
            .unwrap();
        store.set_notes(id, "the chair's secret".into()).unwrap();
        store.close_round(CloseRound::default()).unwrap();
        store.edit_text(id, "Urges [all] Member States", None).unwrap();
        let request = ProposalRequest::Comment { paragraph: Some(id), text: "<b>no</b>".into() };
        store.propose("Canada", request, "").unwrap();

        let view = RoomView::build(&store, 7, Some(id)).unwrap();
        assert_eq!((view.revision, view.round, view.focus), (7, 2, Some(id)));
        let paragraph = &view.paragraphs[0];
        assert_eq!(paragraph.text, "Urges [all] Member States");
        assert_eq!(paragraph.brackets, vec![(6, 11)]);
        assert_eq!(paragraph.status, StatusKind::Proposed);
        let change = &view.comparison.as_ref().unwrap().changes[0];
        assert!(change.spans.iter().any(|s| s.text.contains("Member")));
        assert_eq!(view.proposals[0].delegation, "Canada");
        assert!(view.proposals[0].description.contains("<b>no</b>"));
        let json = serde_json::to_string(&view).unwrap();
        assert!(!json.contains("secret"), "{json}");
    }

    #[test]
    fn the_room_reads_each_language_version_with_the_state_of_every_translation() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::create(&dir.path().join("t.accord"), NegotiationMeta::default())
            .expect("create");
        let first = store
            .insert_paragraph(NewParagraph::at_end(ParagraphKind::Operative, "Decides [to act];"))
            .unwrap();
        store.insert_paragraph(NewParagraph::at_end(ParagraphKind::Operative, "Urges.")).unwrap();
        store.add_language("es").unwrap();
        store.set_translation(first, "es", "Decide [actuar];").unwrap();

        let view = RoomView::build(&store, 1, None).unwrap();
        assert_eq!(
            (view.original.code.as_str(), view.languages[0].native.as_str()),
            ("en", "Español")
        );
        let spanish = &view.paragraphs[0].versions[0];
        assert_eq!(
            (spanish.text.as_str(), spanish.state),
            ("Decide [actuar];", TranslationState::Current)
        );
        assert_eq!(spanish.brackets, vec![(7, 15)]);
        assert_eq!(view.paragraphs[1].versions[0].state, TranslationState::Missing);

        store.edit_text(first, "Decides [to act] now;", None).unwrap();
        let view = RoomView::build(&store, 2, None).unwrap();
        let spanish = &view.paragraphs[0].versions[0];
        assert_eq!(
            (spanish.text.as_str(), spanish.state),
            ("Decide [actuar];", TranslationState::Stale)
        );
    }
}
