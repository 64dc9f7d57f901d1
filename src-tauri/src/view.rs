//! Display markup the UI needs beside the core's [`Document`]: the house style's ranges of a
//! paragraph's opening words (capitals, lower case, italics: `drafts::style`, the very ranges the
//! exports print) and its bracket groups (highlighted, resolvable). Computed by the core; the UI
//! never re-parses text, and turns the ranges into CSS classes over the stored text.

use drafts::brackets::{self, Bracket, BracketError};
use drafts::languages::{ParallelParagraph, SideBySide};
use drafts::model::{Document, HouseStyle, NumberedParagraph, ParagraphId, ParagraphKind};
use drafts::style::{self, StyledRange};
use serde::Serialize;
use ts_rs::TS;

/// How to display one paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ParagraphMarkup {
    pub id: ParagraphId,
    /// The house style's ranges: the participle phrase of a preambular paragraph, the verb of an
    /// operative one, the opening clause; in order, not overlapping.
    pub styled: Vec<StyledRange>,
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
        let house_style = document.negotiation.house_style;
        let markup = document.paragraphs.iter().map(|p| markup(p, house_style)).collect();
        Self { document, markup }
    }
}

/// Two languages of a round side by side, with each side's display markup in the house style.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SideBySideView {
    pub reading: SideBySide,
    /// One entry per paragraph, in order, for each side.
    pub left: Vec<ParagraphMarkup>,
    pub right: Vec<ParagraphMarkup>,
}

impl SideBySideView {
    pub fn new(reading: SideBySide, house_style: HouseStyle) -> Self {
        let side = |text: fn(&ParallelParagraph) -> &str| -> Vec<ParagraphMarkup> {
            reading
                .paragraphs
                .iter()
                .map(|p| markup_of(p.id, text(p), p.kind, house_style))
                .collect()
        };
        let (left, right) = (side(|p| &p.left.text), side(|p| &p.right.text));
        Self { reading, left, right }
    }
}

fn markup(p: &NumberedParagraph, house_style: HouseStyle) -> ParagraphMarkup {
    markup_of(p.paragraph.id, &p.paragraph.text, p.paragraph.kind, house_style)
}

fn markup_of(
    id: ParagraphId,
    text: &str,
    kind: ParagraphKind,
    house_style: HouseStyle,
) -> ParagraphMarkup {
    let (brackets, bracket_error) = match brackets::parse(text) {
        Ok(groups) => (groups, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    let styled = style::ranges(text, kind, house_style);
    ParagraphMarkup { id, styled, brackets, bracket_error }
}

#[cfg(test)]
mod tests {
    use super::*;
    use drafts::export::{self, ExportFormat, ExportKind, ExportOptions};
    use drafts::model::{NegotiationMeta, ParagraphKind};
    use drafts::store::NewParagraph;
    use drafts::style::LetterCase;

    /// What the UI shows for a paragraph: its stored text, each styled range with the CSS of its
    /// classes (text-transform uppercase or lowercase, italics), italics between asterisks as
    /// Markdown writes them.
    fn on_screen(text: &str, markup: &ParagraphMarkup) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for range in &markup.styled {
            out.extend(&chars[at..range.start]);
            let shown: String = chars[range.start..range.end]
                .iter()
                .map(|c| match range.case {
                    LetterCase::AsTyped => c.to_string(),
                    LetterCase::Capitals => c.to_uppercase().collect(),
                    LetterCase::Lower => c.to_lowercase().collect(),
                })
                .collect();
            out.push_str(&if range.italic { format!("*{shown}*") } else { shown });
            at = range.end;
        }
        out.extend(&chars[at..]);
        out.replace("**", "")
    }

    #[test]
    fn the_screen_shows_the_house_style_the_export_prints() {
        let paragraphs = [
            (ParagraphKind::OpeningClause, "The General Assembly,"),
            (ParagraphKind::Preambular, "Recognizing also that water matters;"),
            (ParagraphKind::Preambular, "RECOGNIZING ALSO that peace matters,"),
            (ParagraphKind::Preambular, "Bearing in mind further the Charter;"),
            (ParagraphKind::VerbLine, "RESOLVES:"),
            (ParagraphKind::Operative, "Also decides to remain seized of the matter;"),
            (ParagraphKind::SubParagraph, "To submit a report on the matter;"),
            (ParagraphKind::Operative, "To instruct the Permanent Council to follow up."),
        ];
        for house_style in [HouseStyle::Oas, HouseStyle::Un] {
            let dir = tempfile::tempdir().unwrap();
            let meta = NegotiationMeta {
                title: "Draft resolution on water".into(),
                house_style,
                ..NegotiationMeta::default()
            };
            let mut store = drafts::Store::create(&dir.path().join("w.accord"), meta).unwrap();
            let mut operative = None;
            for (kind, text) in paragraphs {
                let parent = operative.filter(|_| kind == ParagraphKind::SubParagraph);
                let id = store
                    .insert_paragraph(NewParagraph { parent, ..NewParagraph::at_end(kind, text) })
                    .unwrap();
                if kind == ParagraphKind::Operative {
                    operative = Some(id);
                }
            }
            let view = DocumentView::from(store.document(None).unwrap());
            let options = ExportOptions::default();
            let printed = export::export(&store, &ExportKind::Clean, ExportFormat::Md, &options);
            let printed = String::from_utf8(printed.unwrap()).unwrap();
            let mut shown = Vec::new();
            for (p, markup) in view.document.paragraphs.iter().zip(&view.markup) {
                let screen = on_screen(&p.paragraph.text, markup);
                assert!(printed.contains(&screen), "{house_style:?}: {screen:?} in\n{printed}");
                shown.push(screen);
            }
            let expected: &[&str] = match house_style {
                HouseStyle::Oas => &[
                    "The General Assembly,",
                    "RECOGNIZING ALSO that water matters;",
                    "RECOGNIZING ALSO that peace matters,",
                    "BEARING IN MIND FURTHER the Charter;",
                ],
                HouseStyle::Un => &[
                    "*The General Assembly*,",
                    "*Recognizing also* that water matters;",
                    "*Recognizing also* that peace matters,",
                    "*Bearing in mind further* the Charter;",
                ],
            };
            assert_eq!(shown[..4], *expected);
            let sub = if house_style == HouseStyle::Un { "*Also decides*" } else { "Also decides" };
            assert!(shown[5].starts_with(sub), "{:?}", shown[5]);
            assert_eq!(shown[6], "To submit a report on the matter;", "sub-paragraphs as typed");
        }
    }

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
        assert!(!preambular.1.styled.is_empty(), "{}", preambular.0.paragraph.text);
        assert!(
            view.markup.iter().any(|m| !m.brackets.is_empty()),
            "the sample has inline brackets"
        );
    }
}
