//! Language versions: the official languages a negotiation may be kept in, and the one rule for
//! the state of a paragraph's translation against the original.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::diff::{word_diff, TextSpan};

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
}
