//! House style: how the opening words of a paragraph are printed. One rule, computed here once,
//! for the screen and every export: the exports print the ranges (`export::sheet`, Akoma
//! Ntoso's `<i>`), the app's view sends them to the UI, which turns them into CSS classes over
//! the stored text (the text itself is never changed).
//!
//! - **OAS**: the participle or adjective phrase that opens a preambular paragraph is in
//!   capitals, its adverbs included: "RECOGNIZING ALSO", "BEARING IN MIND FURTHER". Nothing else
//!   is styled: operative paragraphs open with their verb as typed ("To instruct", "Decides"),
//!   and the opening clause is typed in capitals.
//! - **UN**: the opening clause ("The General Assembly,", without its closing punctuation), the
//!   preambular participle phrase with its adverbs ("Recalling also") and the verb that opens an
//!   operative paragraph ("Requests", "Also decides") are in italics. A participle phrase typed
//!   in capitals is printed in sentence case: "RECOGNIZING ALSO" → "Recognizing also".
//! - Sub-paragraphs, verb lines and section headings: nothing, in both styles (a sub-paragraph's
//!   "(a) To submit …" is not italicized in UN resolutions).

use serde::Serialize;
use ts_rs::TS;

use crate::lexicon;
use crate::model::{HouseStyle, ParagraphKind};

/// What a styled range of a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StyledRole {
    /// The participle or adjective phrase that opens a preambular paragraph, adverbs included.
    Participle,
    /// The verb or phrase that opens an operative paragraph.
    Opener,
    /// The opening clause, without its closing punctuation.
    OpeningClause,
}

/// How the letters of a range are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LetterCase {
    /// As typed.
    #[default]
    AsTyped,
    /// In capitals (CSS `text-transform: uppercase`).
    Capitals,
    /// In lower case (CSS `text-transform: lowercase`).
    Lower,
}

impl LetterCase {
    /// Prints `c` at the end of `out`.
    pub fn print_into(self, c: char, out: &mut String) {
        match self {
            LetterCase::AsTyped => out.push(c),
            LetterCase::Capitals => out.extend(c.to_uppercase()),
            LetterCase::Lower => out.extend(c.to_lowercase()),
        }
    }
}

/// A range of a paragraph's text (chars, as the core counts them; end exclusive) and how it is
/// printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StyledRange {
    pub start: usize,
    pub end: usize,
    pub role: StyledRole,
    pub case: LetterCase,
    pub italic: bool,
}

/// The styled ranges of a paragraph's text in a house style: in order, not overlapping, never
/// empty, within the text. Everything outside them is printed as typed.
pub fn ranges(text: &str, kind: ParagraphKind, style: HouseStyle) -> Vec<StyledRange> {
    let chars: Vec<char> = text.chars().collect();
    let leading = chars.iter().take_while(|c| c.is_whitespace()).count();
    let range = |start: usize, end: usize, role: StyledRole, case: LetterCase, italic: bool| {
        StyledRange { start, end: end.min(chars.len()), role, case, italic }
    };
    let mut out = Vec::new();
    match (kind, style) {
        (ParagraphKind::Preambular, _) => {
            let Some(opener) = lexicon::preambular_opening(text) else { return out };
            let (start, end) = (opener.start, opener.end.min(chars.len()));
            let role = StyledRole::Participle;
            match style {
                HouseStyle::Oas => out.push(range(start, end, role, LetterCase::Capitals, false)),
                HouseStyle::Un => {
                    let shouting = chars[start..end].iter().all(|c| !c.is_lowercase());
                    if shouting && end > start + 1 {
                        out.push(range(start, start + 1, role, LetterCase::AsTyped, true));
                        out.push(range(start + 1, end, role, LetterCase::Lower, true));
                    } else {
                        out.push(range(start, end, role, LetterCase::AsTyped, true));
                    }
                }
            }
        }
        (ParagraphKind::Operative, HouseStyle::Un) => {
            if let Some(end) = lexicon::operative_opener(text) {
                out.push(range(leading, end, StyledRole::Opener, LetterCase::AsTyped, true));
            }
        }
        (ParagraphKind::OpeningClause, HouseStyle::Un) => {
            let end = chars
                .iter()
                .rposition(|&c| !(matches!(c, ',' | ';' | ':') || c.is_whitespace()))
                .map_or(0, |i| i + 1);
            out.push(range(leading, end, StyledRole::OpeningClause, LetterCase::AsTyped, true));
        }
        _ => {}
    }
    out.retain(|r| r.end > r.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use HouseStyle::{Oas, Un};
    use ParagraphKind::{OpeningClause, Operative, Preambular, SubParagraph};

    /// The text as printed, italics between asterisks.
    fn printed(text: &str, kind: ParagraphKind, style: HouseStyle) -> String {
        let styled = ranges(text, kind, style);
        let (mut out, mut open) = (String::new(), false);
        for (i, c) in text.chars().enumerate() {
            let range = styled.iter().find(|r| (r.start..r.end).contains(&i));
            if range.is_some_and(|r| r.italic) != open {
                out.push('*');
                open = !open;
            }
            range.map_or(LetterCase::AsTyped, |r| r.case).print_into(c, &mut out);
        }
        if open {
            out.push('*');
        }
        out
    }

    #[test]
    fn oas_participles_are_in_capitals_with_their_adverbs() {
        assert_eq!(
            printed("Recognizing also that peace matters;", Preambular, Oas),
            "RECOGNIZING ALSO that peace matters;"
        );
        assert_eq!(
            printed("RECOGNIZING furthermore the need;", Preambular, Oas),
            "RECOGNIZING FURTHERMORE the need;"
        );
        assert_eq!(printed("Bearing in mind that;", Preambular, Oas), "BEARING IN MIND that;");
        assert_eq!(printed("Decides to act.", Operative, Oas), "Decides to act.");
        assert_eq!(printed("THE GENERAL ASSEMBLY,", OpeningClause, Oas), "THE GENERAL ASSEMBLY,");
    }

    #[test]
    fn un_openers_are_in_italics() {
        assert_eq!(
            printed("RECOGNIZING ALSO that peace matters,", Preambular, Un),
            "*Recognizing also* that peace matters,"
        );
        assert_eq!(
            printed("Recalling further its resolution,", Preambular, Un),
            "*Recalling further* its resolution,"
        );
        assert_eq!(printed("Also decides to act;", Operative, Un), "*Also decides* to act;");
        assert_eq!(printed("The General Assembly,", OpeningClause, Un), "*The General Assembly*,");
        assert_eq!(printed("To submit a report;", SubParagraph, Un), "To submit a report;");
        assert_eq!(printed("That the report;", Preambular, Un), "That the report;");
    }

    #[test]
    fn ranges_are_ordered_and_within_the_text() {
        for text in [
            "",
            " ",
            ",",
            "R",
            "RECOGNIZING",
            "  Decides",
            "Considering é ALSO",
            "The General Assembly ,;: ",
        ] {
            for kind in [Preambular, Operative, OpeningClause, SubParagraph] {
                for style in [Oas, Un] {
                    let styled = ranges(text, kind, style);
                    let mut at = 0;
                    for r in &styled {
                        assert!(r.start >= at && r.end > r.start, "{text:?} {styled:?}");
                        at = r.end;
                    }
                    assert!(at <= text.chars().count(), "{text:?} {styled:?}");
                }
            }
        }
        assert_eq!(
            ranges("  Decides", Operative, Un),
            [StyledRange {
                start: 2,
                end: 9,
                role: StyledRole::Opener,
                case: LetterCase::AsTyped,
                italic: true
            }]
        );
    }
}
