//! Drafting checks: warnings about openers, punctuation, structure and brackets. They point at
//! a paragraph and, where it helps, a char offset in its text; they never block anything.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::brackets;
use crate::lexicon;
use crate::model::{HouseStyle, Paragraph, ParagraphId, ParagraphKind, Status};

/// One drafting problem found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Warning {
    /// The paragraph the problem is in.
    pub paragraph: ParagraphId,
    /// What kind of problem it is.
    pub code: CheckCode,
    /// A sentence naming the problem.
    pub message: String,
    /// Char offset in the paragraph's text where the problem is, when it has a place.
    pub position: Option<usize>,
}

/// The kinds of drafting problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CheckCode {
    /// A preambular paragraph does not open with a participle or adjective phrase.
    PreambularOpening,
    /// An operative paragraph does not open like a sentence (a verb, "That …", "The need …").
    OperativeOpening,
    /// A preambular or operative paragraph ends with the wrong punctuation.
    ClosingPunctuation,
    /// A sub-paragraph is not placed under its parent paragraph, or its parent is missing.
    SkippedLevel,
    /// A paragraph has no text.
    EmptyParagraph,
    /// An agreed paragraph still holds a bracket.
    BracketInAgreed,
    /// The paragraph's brackets do not balance.
    UnbalancedBrackets,
    /// The opening participle is not in the house style's case.
    ParticipleCase,
}

/// Runs every drafting check over the paragraphs (deleted ones are skipped), in document order.
pub fn check(paragraphs: &[Paragraph], style: HouseStyle) -> Vec<Warning> {
    let live: Vec<&Paragraph> = paragraphs.iter().filter(|p| p.status != Status::Deleted).collect();
    let with_children: HashSet<ParagraphId> = live
        .iter()
        .filter(|p| p.kind == ParagraphKind::SubParagraph)
        .filter_map(|p| p.parent)
        .collect();
    let last_preambular =
        live.iter().rev().find(|p| p.kind == ParagraphKind::Preambular).map(|p| p.id);
    let mut checker = Checker { style, warnings: Vec::new() };
    let by_id: HashMap<ParagraphId, &Paragraph> = paragraphs.iter().map(|p| (p.id, p)).collect();
    let mut open: Vec<ParagraphId> = Vec::new();
    for paragraph in live {
        checker.structure(paragraph, &by_id, &mut open);
        if paragraph.text.trim().is_empty() {
            checker.warn(
                paragraph,
                CheckCode::EmptyParagraph,
                "The paragraph is empty.".into(),
                None,
            );
            continue;
        }
        checker.brackets(paragraph);
        let has_children = with_children.contains(&paragraph.id);
        match paragraph.kind {
            ParagraphKind::Preambular => {
                checker.preambular_opening(paragraph);
                let last = last_preambular == Some(paragraph.id);
                checker.preambular_end(paragraph, last, has_children);
            }
            ParagraphKind::Operative => {
                checker.operative_opening(paragraph);
                checker.operative_end(paragraph, has_children);
            }
            _ => {}
        }
    }
    checker.warnings
}

/// Collects the warnings for one house style.
struct Checker {
    style: HouseStyle,
    warnings: Vec<Warning>,
}

impl Checker {
    fn warn(
        &mut self,
        paragraph: &Paragraph,
        code: CheckCode,
        message: String,
        position: Option<usize>,
    ) {
        self.warnings.push(Warning { paragraph: paragraph.id, code, message, position });
    }

    /// A sub-paragraph must sit under its parent: the parent exists, is not deleted, is a
    /// paragraph or sub-paragraph, and is the paragraph just above or one of its ancestors.
    /// `open` holds the chain of ancestors of the previous paragraph, itself included.
    fn structure(
        &mut self,
        paragraph: &Paragraph,
        by_id: &HashMap<ParagraphId, &Paragraph>,
        open: &mut Vec<ParagraphId>,
    ) {
        if paragraph.kind != ParagraphKind::SubParagraph {
            *open = vec![paragraph.id];
            return;
        }
        let parent = paragraph.parent.map(|id| by_id.get(&id).copied());
        let problem = match parent {
            None => Some("This sub-paragraph has no parent paragraph.".to_string()),
            Some(None) => Some("This sub-paragraph's parent paragraph is missing.".to_string()),
            Some(Some(parent)) if parent.status == Status::Deleted => {
                Some("This sub-paragraph's parent paragraph is deleted.".to_string())
            }
            Some(Some(parent))
                if !matches!(
                    parent.kind,
                    ParagraphKind::Preambular
                        | ParagraphKind::Operative
                        | ParagraphKind::SubParagraph
                ) =>
            {
                Some(format!(
                    "This sub-paragraph hangs under a {}, not under a paragraph or sub-paragraph.",
                    parent.kind.as_str().replace('_', " ")
                ))
            }
            Some(Some(parent)) => match open.iter().position(|id| *id == parent.id) {
                Some(level) => {
                    open.truncate(level + 1);
                    None
                }
                None => Some(
                    "This sub-paragraph is not placed under its parent: a level is skipped or it \
                     is out of place."
                        .to_string(),
                ),
            },
        };
        if let Some(message) = problem {
            self.warn(paragraph, CheckCode::SkippedLevel, message, None);
        }
        open.push(paragraph.id);
    }

    fn brackets(&mut self, paragraph: &Paragraph) {
        if let Err(error) = brackets::validate(&paragraph.text) {
            let message = format!("The brackets do not balance: {error}.");
            self.warn(paragraph, CheckCode::UnbalancedBrackets, message, Some(error.position()));
        }
        let agreed = match paragraph.status {
            Status::Agreed => Some("agreed"),
            Status::AdReferendum(_) => Some("agreed ad referendum"),
            _ => None,
        };
        if let (Some(agreed), Some(position)) = (agreed, brackets::first_bracket(&paragraph.text)) {
            let message = format!("The paragraph is {agreed} but still holds a bracket.");
            self.warn(paragraph, CheckCode::BracketInAgreed, message, Some(position));
        }
    }

    fn preambular_opening(&mut self, paragraph: &Paragraph) {
        let (offset, words) = opening(&paragraph.text);
        let phrase = match lexicon::preambular_opening(words) {
            Some(opener) => Some((opener.start, opener.phrase_end)),
            None => first_word(words)
                .filter(|(_, word)| looks_like_participle(word))
                .map(|(end, _)| (0, end)),
        };
        let Some((start, end)) = phrase else {
            let message = match first_word(words) {
                Some((_, word)) => format!("{PREAMBULAR_HINT}; this one opens with “{word}”."),
                None => format!("{PREAMBULAR_HINT}."),
            };
            self.warn(paragraph, CheckCode::PreambularOpening, message, Some(offset));
            return;
        };
        let phrase: String = words.chars().skip(start).take(end - start).collect();
        let message = match self.style {
            HouseStyle::Oas if phrase.chars().any(char::is_lowercase) => format!(
                "In OAS style the opening phrase is in capitals: “{}”, not “{phrase}”.",
                phrase.to_uppercase()
            ),
            HouseStyle::Un if phrase.starts_with(char::is_lowercase) => format!(
                "The opening phrase starts with a capital letter: “{}”, not “{phrase}”.",
                capitalized(&phrase)
            ),
            _ => return,
        };
        self.warn(paragraph, CheckCode::ParticipleCase, message, Some(offset + start));
    }

    fn operative_opening(&mut self, paragraph: &Paragraph) {
        let (offset, words) = opening(&paragraph.text);
        let Some(first) = words.chars().next() else {
            return;
        };
        let opening_word = first_word(words).map(|(_, word)| word).unwrap_or_default();
        let message = if first.is_lowercase() {
            format!(
                "An operative paragraph opens with a capital letter; this one opens with \
                 “{opening_word}”."
            )
        } else if lexicon::operative_opener(words).is_some() {
            return;
        } else if let Some(end) = lexicon::preambular_opener(words) {
            let phrase: String = words.chars().take(end).collect();
            format!(
                "{OPERATIVE_HINT}; this one opens with “{phrase}”, like a preambular paragraph."
            )
        } else if first.is_numeric() {
            format!(
                "{OPERATIVE_HINT}; this one opens with the number “{opening_word}” (a leftover \
                 paragraph number?)."
            )
        } else if !first.is_alphabetic() {
            format!("{OPERATIVE_HINT}; this one opens with “{first}”.")
        } else {
            return;
        };
        self.warn(paragraph, CheckCode::OperativeOpening, message, Some(offset));
    }

    fn preambular_end(&mut self, paragraph: &Paragraph, last: bool, has_children: bool) {
        let mut allowed = vec![self.style.preambular_end()];
        if last && self.style == HouseStyle::Oas {
            allowed.push(',');
        }
        if has_children {
            allowed.push(':');
        }
        let what = if last { "The last preambular paragraph" } else { "A preambular paragraph" };
        self.closing(paragraph, what, &allowed);
    }

    fn operative_end(&mut self, paragraph: &Paragraph, has_children: bool) {
        let mut allowed = vec!['.', ';'];
        if has_children {
            allowed.push(':');
        }
        self.closing(paragraph, "An operative paragraph", &allowed);
    }

    /// Warns unless the paragraph's last character, closing brackets aside, is in `allowed`.
    fn closing(&mut self, paragraph: &Paragraph, what: &str, allowed: &[char]) {
        let Some((position, last)) = paragraph
            .text
            .chars()
            .enumerate()
            .filter(|(_, c)| !c.is_whitespace() && *c != ']')
            .last()
        else {
            return;
        };
        if allowed.contains(&last) {
            return;
        }
        let expected: Vec<String> = allowed.iter().map(|c| format!("“{c}”")).collect();
        let style = match self.style {
            HouseStyle::Oas => "OAS",
            HouseStyle::Un => "UN",
        };
        let message = format!(
            "{what} ends with {} in {style} style; this one ends with “{last}”.",
            expected.join(" or ")
        );
        self.warn(paragraph, CheckCode::ClosingPunctuation, message, Some(position));
    }
}

/// What a preambular paragraph should open with.
const PREAMBULAR_HINT: &str =
    "A preambular paragraph opens with a participle or adjective phrase such as “RECOGNIZING” or \
     “CONVINCED”";

/// What an operative paragraph should open with.
const OPERATIVE_HINT: &str =
    "An operative paragraph opens with a verb or a phrase such as “That …”";

/// Opening quotation marks skipped before a paragraph's first word.
const OPENING_QUOTES: [char; 5] = ['"', '“', '„', '«', '\''];

/// Where a paragraph's words begin, past whitespace, opening quotes, opening brackets and
/// their attributions ("[Canada: "): the char offset and the rest of the text.
fn opening(text: &str) -> (usize, &str) {
    let mut chars = 0;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !(c.is_whitespace() || c == '[' || OPENING_QUOTES.contains(&c)) {
            break;
        }
        chars += 1;
        rest = &rest[c.len_utf8()..];
        if c == '[' {
            if let Some((_, offset)) = brackets::split_attribution(rest) {
                chars += rest[..offset].chars().count();
                rest = &rest[offset..];
            }
        }
    }
    (chars, rest)
}

/// The first word of `text` when it starts with one: its char length and the word.
fn first_word(text: &str) -> Option<(usize, String)> {
    let word: String = text.chars().take_while(|c| c.is_alphanumeric()).collect();
    (!word.is_empty()).then(|| (word.chars().count(), word))
}

/// Whether a word the lexicon does not know still reads as a participle: English "-ing",
/// Spanish and Portuguese "-ando"/"-endo", French "-ant".
fn looks_like_participle(word: &str) -> bool {
    let word = word.to_lowercase();
    let long = word.chars().count() >= 6;
    long && (word.ends_with("ing")
        || word.ends_with("ando")
        || word.ends_with("endo")
        || word.ends_with("ant"))
}

/// The phrase with its first letter in capitals.
fn capitalized(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AdReferendum;

    fn paragraph(kind: ParagraphKind, text: &str) -> Paragraph {
        Paragraph {
            id: ParagraphId::new(),
            kind,
            parent: None,
            text: text.to_string(),
            status: Status::Pending,
            footnotes: Vec::new(),
            proposers: Vec::new(),
            notes: String::new(),
            label: String::new(),
        }
    }

    fn pp(text: &str) -> Paragraph {
        paragraph(ParagraphKind::Preambular, text)
    }

    fn op(text: &str) -> Paragraph {
        paragraph(ParagraphKind::Operative, text)
    }

    fn sub(parent: &Paragraph, text: &str) -> Paragraph {
        Paragraph { parent: Some(parent.id), ..paragraph(ParagraphKind::SubParagraph, text) }
    }

    fn with_status(paragraph: Paragraph, status: Status) -> Paragraph {
        Paragraph { status, ..paragraph }
    }

    fn codes(paragraphs: &[Paragraph], style: HouseStyle) -> Vec<CheckCode> {
        check(paragraphs, style).into_iter().map(|w| w.code).collect()
    }

    /// A clean OAS declaration: no warnings.
    fn oas_declaration() -> Vec<Paragraph> {
        let op2 = op("Instruct the Permanent Council to:");
        vec![
            paragraph(
                ParagraphKind::OpeningClause,
                "THE MINISTERS OF FOREIGN AFFAIRS, meeting in Lima;",
            ),
            pp("RECOGNIZING that cooperation strengthens the region;"),
            pp("RECOGNIZING ALSO the work of the committee;"),
            pp("BEARING IN MIND the [Canada: goals / Mexico: aims] of the Charter,"),
            paragraph(ParagraphKind::VerbLine, "DECLARE:"),
            op("That peace and development go together."),
            paragraph(ParagraphKind::SectionHeading, "Follow-up"),
            op2.clone(),
            sub(&op2, "prepare a plan; and"),
            sub(&op2, "report at the next session."),
            op("The need to [continue / strengthen] cooperation."),
        ]
    }

    #[test]
    fn clean_declarations_have_no_warnings() {
        assert_eq!(check(&oas_declaration(), HouseStyle::Oas), Vec::new());
        let un = vec![
            paragraph(ParagraphKind::OpeningClause, "The General Assembly,"),
            pp("Recalling its resolution on the subject,"),
            pp("Deeply concerned by the rise in violence,"),
            op("Decides to convene a meeting;"),
            op("Also requests a report."),
        ];
        assert_eq!(check(&un, HouseStyle::Un), Vec::new());
        assert_eq!(check(&[], HouseStyle::Oas), Vec::new());
    }

    #[test]
    fn preambular_opening_fires_on_a_non_participle() {
        let paragraph = pp("The ministers recall the Charter;");
        let warnings = check(std::slice::from_ref(&paragraph), HouseStyle::Oas);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].paragraph, paragraph.id);
        assert_eq!(warnings[0].code, CheckCode::PreambularOpening);
        assert_eq!(warnings[0].position, Some(0));
        assert!(warnings[0].message.contains("“The”"), "{}", warnings[0].message);
    }

    #[test]
    fn preambular_opening_accepts_unlisted_participles() {
        assert_eq!(codes(&[pp("APPLAUDING the initiative;")], HouseStyle::Oas), Vec::new());
        assert_eq!(codes(&[pp("CONSTATANDO que;")], HouseStyle::Oas), Vec::new());
        assert_eq!(codes(&[pp("Pursuant to its resolution,")], HouseStyle::Un), Vec::new());
        assert_eq!(
            codes(&[pp("KING of the hill;")], HouseStyle::Oas),
            vec![CheckCode::PreambularOpening]
        );
    }

    #[test]
    fn preambular_opening_looks_past_brackets_and_attributions() {
        assert_eq!(codes(&[pp("[Canada: RECALLING] the Charter;")], HouseStyle::Oas), Vec::new());
        assert_eq!(codes(&[pp("[[NOTING]] the report;")], HouseStyle::Oas), Vec::new());
        let warnings = check(&[pp("[Canada: the Charter];")], HouseStyle::Oas);
        assert_eq!(
            warnings.iter().map(|w| (w.code, w.position)).collect::<Vec<_>>(),
            vec![(CheckCode::PreambularOpening, Some(9))]
        );
    }

    #[test]
    fn participle_case_in_oas_style() {
        let warnings = check(&[pp("  Recognizing also that peace matters;")], HouseStyle::Oas);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, CheckCode::ParticipleCase);
        assert_eq!(warnings[0].position, Some(2));
        assert!(warnings[0].message.contains("“RECOGNIZING”"), "{}", warnings[0].message);
        assert_eq!(
            codes(&[pp("Taking NOTE of the report;")], HouseStyle::Oas),
            vec![CheckCode::ParticipleCase]
        );
        assert_eq!(
            codes(&[pp("Applauding the initiative;")], HouseStyle::Oas),
            vec![CheckCode::ParticipleCase]
        );
    }

    #[test]
    fn participle_case_ignores_a_lowercase_adverb() {
        assert_eq!(codes(&[pp("RECOGNIZING furthermore the need;")], HouseStyle::Oas), Vec::new());
    }

    #[test]
    fn participle_case_in_un_style() {
        assert_eq!(codes(&[pp("RECALLING its resolution,")], HouseStyle::Un), Vec::new());
        assert_eq!(codes(&[pp("Recalling its resolution,")], HouseStyle::Un), Vec::new());
        let warnings = check(&[pp("recalling its resolution,")], HouseStyle::Un);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, CheckCode::ParticipleCase);
        assert!(warnings[0].message.contains("“Recalling”"), "{}", warnings[0].message);
    }

    #[test]
    fn operative_opening_is_pragmatic() {
        for text in [
            "Decides to convene a meeting.",
            "That it is their priority.",
            "The importance of cooperation.",
            "Their commitment to peace.",
            "Instruct the Permanent Council.",
            "Peace is the goal.",
            "“Urges” states.",
            "[Canada: Requests] a report.",
        ] {
            assert_eq!(codes(&[op(text)], HouseStyle::Oas), Vec::new(), "{text}");
        }
    }

    #[test]
    fn operative_opening_fires_on_obvious_mistakes() {
        for (text, position) in [
            ("decides to convene a meeting.", 0),
            ("17. That they request a report.", 0),
            ("- Requests a report.", 0),
            ("RECOGNIZING the need to act.", 0),
            ("[Canada: urges] states.", 9),
        ] {
            let warnings = check(&[op(text)], HouseStyle::Oas);
            let found: Vec<_> = warnings.iter().map(|w| (w.code, w.position)).collect();
            assert_eq!(found, vec![(CheckCode::OperativeOpening, Some(position))], "{text}");
        }
    }

    #[test]
    fn closing_punctuation_of_preambular_paragraphs_in_oas_style() {
        let paragraphs = vec![pp("RECALLING the Charter,"), pp("NOTING the report;")];
        let warnings = check(&paragraphs, HouseStyle::Oas);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].paragraph, paragraphs[0].id);
        assert_eq!(warnings[0].code, CheckCode::ClosingPunctuation);
        assert_eq!(warnings[0].position, Some(21));
        let last_with_comma = vec![pp("RECALLING the Charter;"), pp("NOTING the report,")];
        assert_eq!(codes(&last_with_comma, HouseStyle::Oas), Vec::new());
        assert_eq!(
            codes(&[pp("NOTING the report.")], HouseStyle::Oas),
            vec![CheckCode::ClosingPunctuation]
        );
        assert_eq!(
            codes(&[pp("NOTING the report")], HouseStyle::Oas),
            vec![CheckCode::ClosingPunctuation]
        );
    }

    #[test]
    fn closing_punctuation_of_preambular_paragraphs_in_un_style() {
        let paragraphs = vec![pp("Recalling the Charter;"), pp("Noting the report,")];
        let warnings = check(&paragraphs, HouseStyle::Un);
        assert_eq!(
            warnings.iter().map(|w| (w.paragraph, w.code)).collect::<Vec<_>>(),
            vec![(paragraphs[0].id, CheckCode::ClosingPunctuation)]
        );
        assert_eq!(
            codes(&[pp("Noting the report;")], HouseStyle::Un),
            vec![CheckCode::ClosingPunctuation]
        );
    }

    #[test]
    fn closing_punctuation_of_operative_paragraphs() {
        assert_eq!(
            codes(&[op("Decides to act;"), op("Requests a report.")], HouseStyle::Un),
            Vec::new()
        );
        let warnings = check(&[op("Requests a report")], HouseStyle::Un);
        assert_eq!(
            warnings.iter().map(|w| (w.code, w.position)).collect::<Vec<_>>(),
            vec![(CheckCode::ClosingPunctuation, Some(16))]
        );
        assert_eq!(
            codes(&[op("Requests a report,")], HouseStyle::Oas),
            vec![CheckCode::ClosingPunctuation]
        );
    }

    #[test]
    fn closing_punctuation_allows_a_colon_before_sub_paragraphs() {
        let parent = op("Requests the Secretariat to:");
        assert_eq!(codes(&[parent.clone(), sub(&parent, "report.")], HouseStyle::Oas), Vec::new());
        assert_eq!(codes(&[parent], HouseStyle::Oas), vec![CheckCode::ClosingPunctuation]);
    }

    #[test]
    fn closing_punctuation_looks_past_closing_brackets() {
        assert_eq!(codes(&[op("[Requests a report.]")], HouseStyle::Oas), Vec::new());
        assert_eq!(codes(&[op("Requests a [report]. ")], HouseStyle::Oas), Vec::new());
        assert_eq!(
            codes(&[op("Requests a [report]")], HouseStyle::Oas),
            vec![CheckCode::ClosingPunctuation]
        );
    }

    #[test]
    fn skipped_level_fires_for_a_missing_or_wrong_parent() {
        let parent = op("Decides to act.");
        let orphan = paragraph(ParagraphKind::SubParagraph, "costs;");
        let stray = Paragraph { parent: Some(ParagraphId::new()), ..orphan.clone() };
        let heading = paragraph(ParagraphKind::SectionHeading, "Follow-up");
        let under_heading = sub(&heading, "costs;");
        let gone = with_status(op("Requests a report on:"), Status::Deleted);
        let under_deleted = sub(&gone, "costs;");
        for (paragraphs, fragment) in [
            (vec![parent.clone(), orphan], "no parent"),
            (vec![parent.clone(), stray], "missing"),
            (vec![heading, under_heading], "section heading"),
            (vec![parent, gone, under_deleted], "deleted"),
        ] {
            let warnings = check(&paragraphs, HouseStyle::Oas);
            assert_eq!(warnings.len(), 1, "{fragment}");
            assert_eq!(warnings[0].code, CheckCode::SkippedLevel, "{fragment}");
            assert_eq!(warnings[0].paragraph, paragraphs[paragraphs.len() - 1].id, "{fragment}");
            assert!(warnings[0].message.contains(fragment), "{}", warnings[0].message);
        }
    }

    #[test]
    fn skipped_level_fires_when_a_sub_paragraph_is_out_of_place() {
        let op1 = op("Requests a report on:");
        let a = sub(&op1, "costs:");
        let i = sub(&a, "staff;");
        let op2 = op("Decides to act.");
        let late = sub(&a, "travel.");
        let warnings =
            check(&[op1.clone(), a.clone(), i.clone(), op2, late.clone()], HouseStyle::Oas);
        assert_eq!(
            warnings.iter().map(|w| (w.paragraph, w.code)).collect::<Vec<_>>(),
            vec![(late.id, CheckCode::SkippedLevel)]
        );
        let skipping = check(&[op1.clone(), i.clone(), a.clone()], HouseStyle::Oas);
        assert_eq!(
            skipping.iter().map(|w| (w.paragraph, w.code)).collect::<Vec<_>>(),
            vec![(i.id, CheckCode::SkippedLevel)]
        );
        let back_up = sub(&op1, "other costs.");
        assert_eq!(codes(&[op1, a, i, back_up], HouseStyle::Oas), Vec::new());
    }

    #[test]
    fn empty_paragraph() {
        for kind in [ParagraphKind::Preambular, ParagraphKind::Operative, ParagraphKind::VerbLine] {
            let warnings = check(&[paragraph(kind, " \n ")], HouseStyle::Oas);
            assert_eq!(
                warnings.iter().map(|w| (w.code, w.position)).collect::<Vec<_>>(),
                vec![(CheckCode::EmptyParagraph, None)]
            );
        }
        assert_eq!(
            codes(&[paragraph(ParagraphKind::SectionHeading, "Follow-up")], HouseStyle::Oas),
            Vec::new()
        );
    }

    #[test]
    fn bracket_in_agreed_paragraph() {
        let agreed = with_status(op("Decides to [act]."), Status::Agreed);
        let warnings = check(&[agreed], HouseStyle::Oas);
        assert_eq!(
            warnings.iter().map(|w| (w.code, w.position)).collect::<Vec<_>>(),
            vec![(CheckCode::BracketInAgreed, Some(11))]
        );
        let ad_referendum = Status::AdReferendum(AdReferendum {
            delegations: vec!["Mexico".into()],
            since: chrono::Utc::now(),
            deadline: None,
        });
        let pending = with_status(op("Decides to [act]."), ad_referendum);
        assert_eq!(codes(&[pending], HouseStyle::Oas), vec![CheckCode::BracketInAgreed]);
        assert_eq!(
            codes(&[with_status(op("Decides to act."), Status::Agreed)], HouseStyle::Oas),
            Vec::new()
        );
        for status in [Status::Bracketed, Status::Pending, Status::Proposed] {
            assert_eq!(
                codes(&[with_status(op("Decides to [act]."), status)], HouseStyle::Oas),
                Vec::new()
            );
        }
    }

    #[test]
    fn unbalanced_brackets_report_the_position() {
        let warnings = check(&[op("Decides to [act.")], HouseStyle::Oas);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, CheckCode::UnbalancedBrackets);
        assert_eq!(warnings[0].position, Some(11));
        assert!(warnings[0].message.contains("unclosed bracket opened at character 11"));
        let warnings = check(&[pp("RECALLING the Charter];")], HouseStyle::Oas);
        assert_eq!(
            warnings.iter().map(|w| (w.code, w.position)).collect::<Vec<_>>(),
            vec![(CheckCode::UnbalancedBrackets, Some(21))]
        );
    }

    #[test]
    fn deleted_paragraphs_are_not_checked() {
        let deleted = with_status(pp("the Charter"), Status::Deleted);
        assert_eq!(check(&[deleted], HouseStyle::Oas), Vec::new());
    }

    #[test]
    fn only_the_last_live_preambular_may_end_with_a_comma() {
        let paragraphs = vec![
            pp("RECALLING the Charter,"),
            with_status(pp("NOTING the report;"), Status::Deleted),
        ];
        assert_eq!(codes(&paragraphs, HouseStyle::Oas), Vec::new());
        let paragraphs = vec![pp("RECALLING the Charter,"), pp("NOTING the report;")];
        assert_eq!(codes(&paragraphs, HouseStyle::Oas), vec![CheckCode::ClosingPunctuation]);
    }

    #[test]
    fn several_problems_in_one_paragraph_come_in_a_fixed_order() {
        let paragraph = with_status(pp("recalling [the Charter"), Status::Agreed);
        assert_eq!(
            codes(&[paragraph], HouseStyle::Oas),
            vec![
                CheckCode::UnbalancedBrackets,
                CheckCode::BracketInAgreed,
                CheckCode::ParticipleCase,
                CheckCode::ClosingPunctuation,
            ]
        );
    }

    #[test]
    fn warning_serializes_in_snake_case() {
        let warnings = check(&[op("")], HouseStyle::Oas);
        let json = serde_json::to_value(&warnings[0]).unwrap_or_default();
        assert_eq!(json["code"], "empty_paragraph");
        assert_eq!(json["position"], serde_json::Value::Null);
    }

    #[test]
    fn pathological_text_is_checked_quickly() {
        let brackets = "[".repeat(100_000);
        assert_eq!(
            codes(&[op(&brackets)], HouseStyle::Oas),
            vec![CheckCode::UnbalancedBrackets, CheckCode::ClosingPunctuation]
        );
        let colons = format!("[{}", "Canada: ".repeat(20_000));
        assert_eq!(
            codes(&[op(&colons)], HouseStyle::Oas),
            vec![CheckCode::UnbalancedBrackets, CheckCode::ClosingPunctuation]
        );
    }

    #[test]
    fn opening_skips_quotes_brackets_and_attributions() {
        assert_eq!(opening("  “[Perú, Chile: Decides"), (17, "Decides"));
        assert_eq!(opening("Decides"), (0, "Decides"));
        assert_eq!(opening("[the: x"), (1, "the: x"));
        assert_eq!(opening(""), (0, ""));
    }
}
