//! Language versions: the official languages a negotiation may be kept in, and the one rule for
//! the state of a paragraph's translation against the original.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::brackets;
use crate::diff::{word_diff, TextSpan};
use crate::model::{join_and, ParagraphId, ParagraphKind};

/// An official language: ISO 639-1 code, English name, own name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Language {
    pub code: &'static str,
    pub name: &'static str,
    pub native: &'static str,
}

/// The official languages of the OAS (en, es, fr, pt) and the UN (ar, zh, en, fr, ru, es).
pub const LANGUAGES: [Language; 7] = [
    Language { code: "en", name: "English", native: "English" },
    Language { code: "es", name: "Spanish", native: "Español" },
    Language { code: "fr", name: "French", native: "Français" },
    Language { code: "pt", name: "Portuguese", native: "Português" },
    Language { code: "ar", name: "Arabic", native: "العربية" },
    Language { code: "zh", name: "Chinese", native: "中文" },
    Language { code: "ru", name: "Russian", native: "Русский" },
];

/// The language a code or a name stands for: "es", "Spanish", "Español" (any case).
pub fn language(code_or_name: &str) -> Option<Language> {
    let wanted = code_or_name.trim().to_lowercase();
    LANGUAGES.iter().copied().find(|l| {
        l.code == wanted || l.name.to_lowercase() == wanted || l.native.to_lowercase() == wanted
    })
}

/// Each language's name as each language's documents print it after "Original", in the order of
/// [`LANGUAGES`]: row = the language written in, column = the language named.
const NAMES: [[&str; 7]; 7] = [
    ["English", "Spanish", "French", "Portuguese", "Arabic", "Chinese", "Russian"],
    ["inglés", "español", "francés", "portugués", "árabe", "chino", "ruso"],
    ["anglais", "espagnol", "français", "portugais", "arabe", "chinois", "russe"],
    ["inglês", "espanhol", "francês", "português", "árabe", "chinês", "russo"],
    ["بالإنكليزية", "بالإسبانية", "بالفرنسية", "بالبرتغالية", "بالعربية", "بالصينية", "بالروسية"],
    ["英文", "西班牙文", "法文", "葡萄牙文", "阿拉伯文", "中文", "俄文"],
    ["английский", "испанский", "французский", "португальский", "арабский", "китайский", "русский"],
];

/// The title block's line naming the original, as a version in `written_in` prints it:
/// "Original: inglés", "Original : anglais", "原文：英文".
pub fn original_line(original: Language, written_in: Language) -> String {
    let index = |l: Language| LANGUAGES.iter().position(|k| *k == l).unwrap_or(0);
    let name = NAMES[index(written_in)][index(original)];
    match written_in.code {
        "fr" => format!("Original : {name}"),
        "ar" => format!("الأصل: {name}"),
        "zh" => format!("原文：{name}"),
        "ru" => format!("Язык оригинала: {name}"),
        _ => format!("Original: {name}"),
    }
}

/// Where a paragraph's translation stands against the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TranslationState {
    /// Made from the original as it reads now.
    Current,
    /// The original changed since the translation was made.
    Stale,
    /// No translation yet.
    Missing,
    /// Made from the original as it reads now, and its style review is done.
    Reviewed,
}

/// A paragraph's translation: its text, the original's text it was made from, and whether its
/// style review is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub text: String,
    pub source: String,
    pub reviewed: bool,
}

/// The state of `translation` against the original's `text`: stale exactly when the original no
/// longer says what the translation was made from, reviewed only while current.
pub fn state(original: &str, translation: Option<&Translation>) -> TranslationState {
    match translation {
        None => TranslationState::Missing,
        Some(t) if t.text.trim().is_empty() => TranslationState::Missing,
        Some(t) if t.source != original => TranslationState::Stale,
        Some(t) if t.reviewed => TranslationState::Reviewed,
        Some(_) => TranslationState::Current,
    }
}

/// What the original changed since a stale translation was made: its word diff; empty otherwise.
pub fn original_changes(original: &str, translation: Option<&Translation>) -> Vec<TextSpan> {
    match (state(original, translation), translation) {
        (TranslationState::Stale, Some(t)) => word_diff(&t.source, original),
        _ => Vec::new(),
    }
}

/// How many top-level bracket groups a text holds: bracket n of a paragraph is its n-th group
/// by position in every language, so "bracket 3 of OP7" names the same passage in each.
pub fn bracket_groups(text: &str) -> usize {
    brackets::parse(text).map_or(0, |groups| groups.len())
}

/// A paragraph named in a language's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ParagraphRef {
    pub id: ParagraphId,
    pub label: String,
}

/// A stale paragraph: the round its original last changed in ("Round 2").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StaleParagraph {
    pub id: ParagraphId,
    pub label: String,
    pub changed_in: String,
}

/// A paragraph whose translation holds another number of bracket groups than its original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BracketMismatch {
    pub id: ParagraphId,
    pub label: String,
    pub original: usize,
    pub translation: usize,
}

/// How many paragraphs of a language version are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StateCounts {
    pub current: usize,
    pub stale: usize,
    pub missing: usize,
    pub reviewed: usize,
}

/// Where one language version stands in a round: counts, paragraphs and the dashboard sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LanguageStatus {
    pub language: Language,
    pub counts: StateCounts,
    pub current: Vec<ParagraphRef>,
    pub reviewed: Vec<ParagraphRef>,
    pub stale: Vec<StaleParagraph>,
    pub missing: Vec<ParagraphRef>,
    pub bracket_mismatches: Vec<BracketMismatch>,
    /// "The Spanish version lacks 3 paragraphs changed in Round 2."
    pub sentence: String,
}

/// One paragraph of the original as a language status reads it.
pub struct Reading<'a> {
    pub id: ParagraphId,
    pub label: &'a str,
    pub original: &'a str,
    pub translation: Option<&'a Translation>,
    /// The round the original's text was last changed in.
    pub changed_in: &'a str,
}

/// The status of `language` over the paragraphs of a round.
pub fn status(language: Language, readings: &[Reading<'_>]) -> LanguageStatus {
    let mut status = LanguageStatus {
        language,
        counts: StateCounts::default(),
        current: Vec::new(),
        reviewed: Vec::new(),
        stale: Vec::new(),
        missing: Vec::new(),
        bracket_mismatches: Vec::new(),
        sentence: String::new(),
    };
    for r in readings {
        let named = ParagraphRef { id: r.id, label: r.label.to_string() };
        match state(r.original, r.translation) {
            TranslationState::Current => status.current.push(named),
            TranslationState::Reviewed => status.reviewed.push(named),
            TranslationState::Missing => status.missing.push(named),
            TranslationState::Stale => status.stale.push(StaleParagraph {
                id: r.id,
                label: named.label,
                changed_in: r.changed_in.to_string(),
            }),
        }
        let Some(t) = r.translation.filter(|t| !t.text.trim().is_empty()) else { continue };
        let (original, translation) = (bracket_groups(r.original), bracket_groups(&t.text));
        if original != translation {
            let label = r.label.to_string();
            status.bracket_mismatches.push(BracketMismatch {
                id: r.id,
                label,
                original,
                translation,
            });
        }
    }
    status.counts = StateCounts {
        current: status.current.len(),
        stale: status.stale.len(),
        missing: status.missing.len(),
        reviewed: status.reviewed.len(),
    };
    status.sentence = sentence(&status);
    status
}

/// "The Spanish version lacks 3 paragraphs changed in Round 2 and 1 never translated.", or
/// "The Spanish version is up to date: 12 paragraphs, 5 reviewed."
fn sentence(status: &LanguageStatus) -> String {
    let name = status.language.name;
    let mut rounds: Vec<(&str, usize)> = Vec::new();
    for p in &status.stale {
        match rounds.iter_mut().find(|(round, _)| *round == p.changed_in) {
            Some((_, n)) => *n += 1,
            None => rounds.push((&p.changed_in, 1)),
        }
    }
    let paragraphs = |n: usize| if n == 1 { "paragraph" } else { "paragraphs" };
    let mut parts: Vec<String> = rounds
        .iter()
        .enumerate()
        .map(|(i, (round, n))| match i {
            0 => format!("{n} {} changed in {round}", paragraphs(*n)),
            _ => format!("{n} changed in {round}"),
        })
        .collect();
    let missing = status.counts.missing;
    if missing > 0 {
        let what = if parts.is_empty() {
            format!("{missing} {}", paragraphs(missing))
        } else {
            missing.to_string()
        };
        parts.push(format!("{what} never translated"));
    }
    if parts.is_empty() {
        let total = status.counts.current + status.counts.reviewed;
        let reviewed = status.counts.reviewed;
        return format!(
            "The {name} version is up to date: {total} {}, {reviewed} reviewed.",
            paragraphs(total)
        );
    }
    format!("The {name} version lacks {}.", join_and(&parts))
}

/// One language's side of a paragraph read side by side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct VersionText {
    pub text: String,
    /// The translation's state; none for the original.
    pub state: Option<TranslationState>,
    /// Top-level bracket groups (see [`bracket_groups`]).
    pub brackets: usize,
}

impl VersionText {
    /// The original's text.
    pub fn original(text: &str) -> Self {
        Self { text: text.to_string(), state: None, brackets: bracket_groups(text) }
    }

    /// A translation of `original`, as it stands.
    pub fn translation(original: &str, translation: Option<&Translation>) -> Self {
        let text = translation.map(|t| t.text.clone()).unwrap_or_default();
        Self { brackets: bracket_groups(&text), state: Some(state(original, translation)), text }
    }
}

/// A paragraph in two languages, with what the original changed since a stale side was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ParallelParagraph {
    pub id: ParagraphId,
    pub label: String,
    pub number: Option<String>,
    pub kind: ParagraphKind,
    pub depth: u8,
    pub left: VersionText,
    pub right: VersionText,
    pub original_changes: Vec<TextSpan>,
}

/// Two language versions of a round, paragraph against paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SideBySide {
    pub round: u32,
    pub left: Language,
    pub right: Language,
    pub paragraphs: Vec<ParallelParagraph>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::SpanOp;

    fn made_from(source: &str, reviewed: bool) -> Translation {
        Translation { text: "Decide aprobar el informe;".into(), source: source.into(), reviewed }
    }

    #[test]
    fn languages_are_found_by_code_or_name() {
        assert_eq!(language("es").unwrap().name, "Spanish");
        assert_eq!(language("Spanish").unwrap().code, "es");
        assert_eq!(language("français").unwrap().code, "fr");
        assert!(language("xx").is_none());
    }

    #[test]
    fn no_translation_or_an_empty_one_is_missing() {
        assert_eq!(state("Decides;", None), TranslationState::Missing);
        let empty = Translation { text: " ".into(), source: "Decides;".into(), reviewed: false };
        assert_eq!(state("Decides;", Some(&empty)), TranslationState::Missing);
    }

    #[test]
    fn a_translation_of_the_original_as_it_reads_is_current_or_reviewed() {
        let original = "Decides to approve the report;";
        assert_eq!(state(original, Some(&made_from(original, false))), TranslationState::Current);
        assert_eq!(state(original, Some(&made_from(original, true))), TranslationState::Reviewed);
    }

    #[test]
    fn an_edited_original_makes_even_a_reviewed_translation_stale_with_its_diff() {
        let t = made_from("Decides to approve the report;", true);
        let now = "Decides to approve the final report;";
        assert_eq!(state(now, Some(&t)), TranslationState::Stale);
        let changes = original_changes(now, Some(&t));
        let inserted: Vec<_> =
            changes.iter().filter(|s| s.op == SpanOp::Insert).map(|s| s.text.trim()).collect();
        assert_eq!(inserted, ["final"]);
    }

    #[test]
    fn a_bracket_added_in_the_original_makes_the_translation_stale() {
        let t = made_from("Decides to approve the report;", false);
        assert_eq!(state("Decides to approve [the report];", Some(&t)), TranslationState::Stale);
    }

    #[test]
    fn a_status_counts_each_state_and_says_what_the_version_lacks() {
        let id = |n: u128| ParagraphId(uuid::Uuid::from_u128(n));
        let made = made_from("Decides;", false);
        let bracketed = Translation {
            text: "Decide [aprobar];".into(),
            source: "Decides to approve;".into(),
            reviewed: true,
        };
        let reading = |n, label, original, translation, changed_in| Reading {
            id: id(n),
            label,
            original,
            translation,
            changed_in,
        };
        let readings = [
            reading(1, "OP1", "Decides to act;", Some(&made), "Round 1"),
            reading(2, "OP2", "Decides to note;", Some(&made), "Round 2"),
            reading(3, "OP3", "Decides to urge;", Some(&made), "Round 2"),
            reading(4, "OP4", "Decides to approve;", Some(&bracketed), "Round 1"),
            reading(5, "OP5", "Decides to ask;", None, "Round 1"),
        ];
        let status = status(language("es").unwrap(), &readings);
        let counts = StateCounts { current: 0, stale: 3, missing: 1, reviewed: 1 };
        assert_eq!(status.counts, counts);
        assert_eq!(
            status.sentence,
            "The Spanish version lacks 1 paragraph changed in Round 1, 2 changed in Round 2 and 1 \
             never translated."
        );
        assert_eq!(status.bracket_mismatches.len(), 1);
        assert_eq!(
            (status.bracket_mismatches[0].original, status.bracket_mismatches[0].translation),
            (0, 1)
        );
    }

    #[test]
    fn a_version_with_nothing_stale_or_missing_is_up_to_date() {
        let made = made_from("Decides;", true);
        let id = ParagraphId(uuid::Uuid::from_u128(1));
        let reading = Reading {
            id,
            label: "OP1",
            original: "Decides;",
            translation: Some(&made),
            changed_in: "",
        };
        let status = status(language("fr").unwrap(), &[reading]);
        assert_eq!(status.sentence, "The French version is up to date: 1 paragraph, 1 reviewed.");
    }

    #[test]
    fn each_version_names_the_original_in_its_own_language() {
        let [en, es, fr, ..] = LANGUAGES;
        assert_eq!(original_line(en, es), "Original: inglés");
        assert_eq!(original_line(es, fr), "Original : espagnol");
        assert_eq!(original_line(en, language("zh").unwrap()), "原文：英文");
        assert_eq!(original_line(fr, en), "Original: French");
    }

    #[test]
    fn brackets_are_counted_by_top_level_group() {
        assert_eq!(bracket_groups("Decide [aprobar / tomar nota de] el [informe [final]];"), 2);
        assert_eq!(bracket_groups("Decide [aprobar"), 0);
    }
}
