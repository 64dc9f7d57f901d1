//! Display markup the UI needs beside the core's [`Document`]: where a paragraph's opening phrase
//! lies (shown in capitals or italics by house style) and its bracket groups (highlighted,
//! resolvable). Computed by the core's own `lexicon` and `brackets`; the UI never re-parses text.

use drafts::brackets::{self, Bracket, BracketError};
use drafts::lexicon;
use drafts::model::{Document, NumberedParagraph, ParagraphId, ParagraphKind};
use serde::Serialize;
use ts_rs::TS;

/// A range of characters (Unicode scalar values, as the core counts them), end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CharSpan {
    pub start: usize,
    pub end: usize,
}

/// How to display one paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ParagraphMarkup {
    pub id: ParagraphId,
    /// The opening participle phrase of a preambular paragraph, or the opening verb of an
    /// operative one.
    pub opener: Option<CharSpan>,
    /// Top-level bracket groups, with their nested groups.
    pub brackets: Vec<Bracket>,
    /// Set when the brackets do not balance; the text is then shown without bracket highlighting.
    pub bracket_error: Option<BracketError>,
}

/// A round's text with its display markup.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DocumentView {
    pub document: Document,
    /// One entry per paragraph, in the order of `document.paragraphs`.
    pub markup: Vec<ParagraphMarkup>,
}

impl From<Document> for DocumentView {
    fn from(document: Document) -> Self {
        let markup = document.paragraphs.iter().map(markup).collect();
        Self { document, markup }
    }
}

fn markup(p: &NumberedParagraph) -> ParagraphMarkup {
    let text = &p.paragraph.text;
    let opener = match p.paragraph.kind {
        ParagraphKind::Preambular => {
            lexicon::preambular_opening(text).map(|o| CharSpan { start: o.start, end: o.end })
        }
        ParagraphKind::Operative | ParagraphKind::SubParagraph => lexicon::operative_opener(text)
            .map(|end| CharSpan {
                start: text.chars().take_while(|c| c.is_whitespace()).count(),
                end,
            }),
        _ => None,
    };
    let (brackets, bracket_error) = match brackets::parse(text) {
        Ok(groups) => (groups, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    ParagraphMarkup { id: p.paragraph.id, opener, brackets, bracket_error }
}

#[cfg(test)]
mod tests {
    use super::*;
    use drafts::model::NegotiationMeta;

    #[test]
    fn markup_marks_openers_and_brackets() {
        let dir = tempfile::tempdir().unwrap();
        let store = drafts::sample::create(&dir.path().join("s.accord")).unwrap();
        let view = DocumentView::from(store.document(None).unwrap());
        assert_eq!(view.markup.len(), view.document.paragraphs.len());
        let preambular = view
            .document
            .paragraphs
            .iter()
            .zip(&view.markup)
            .find(|(p, _)| p.paragraph.kind == ParagraphKind::Preambular)
            .unwrap();
        assert!(preambular.1.opener.is_some(), "{}", preambular.0.paragraph.text);
        assert!(
            view.markup.iter().any(|m| !m.brackets.is_empty()),
            "the sample has inline brackets"
        );
        let _ = NegotiationMeta::default();
    }
}
