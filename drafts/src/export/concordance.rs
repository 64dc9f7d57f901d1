//! The concordance of the language versions laid out: one table, a row per paragraph, a column
//! per language (the original first), each translation's state where it is not up to date. The
//! renderers print it as they print the status report's tables.

use super::report::{Report, Table};
use super::{sheet, Context};
use crate::languages::{Language, LanguageStatus};
use crate::model::{Document, StatusKind};

/// The concordance of the context's round over `columns` (the original first, then each
/// version's text of the round), with each version's status.
pub(crate) fn build(
    context: &Context,
    columns: &[(Language, Document)],
    statuses: &[LanguageStatus],
) -> Report {
    let document = &context.document;
    let negotiation = &document.negotiation;
    let round = &document.round;
    let mut headers = vec!["Paragraph".to_string()];
    for (i, (language, _)) in columns.iter().enumerate() {
        let role = if i == 0 { " (original)" } else { "" };
        headers.push(format!("{}{role}", language.native));
    }
    let live = |d: &Document| -> Vec<String> {
        d.paragraphs
            .iter()
            .filter(|n| n.paragraph.status.kind() != StatusKind::Deleted)
            .map(|n| n.paragraph.text.clone())
            .collect()
    };
    let texts: Vec<Vec<String>> = columns.iter().map(|(_, d)| live(d)).collect();
    let labels =
        document.paragraphs.iter().filter(|n| n.paragraph.status.kind() != StatusKind::Deleted);
    let rows = labels
        .enumerate()
        .map(|(row, n)| {
            let mut cells = vec![n.paragraph.label.clone()];
            for (column, text) in texts.iter().enumerate() {
                let mark = column
                    .checked_sub(1)
                    .and_then(|v| stale_mark(&statuses[v], &n.paragraph.label));
                cells.push(format!("{}{}", mark.unwrap_or_default(), text[row]));
            }
            cells
        })
        .collect();
    let mut widths = vec![1];
    widths.extend(columns.iter().map(|_| 4));
    Report {
        style: negotiation.house_style,
        language: super::language_code(&negotiation.language),
        masthead: sheet::masthead(
            negotiation,
            round.date,
            super::language_code(&negotiation.language),
        ),
        draft: context.options.draft_mark,
        heading: "CONCORDANCE OF THE LANGUAGE VERSIONS".into(),
        subtitle: vec![negotiation.title.trim().to_string(), sheet::round_name(round)],
        sentence: statuses.iter().map(|s| s.sentence.as_str()).collect::<Vec<_>>().join(" "),
        tables: vec![Table {
            caption: "The text in each language, paragraph by paragraph".into(),
            headers,
            widths,
            rows,
            empty: "The text has no paragraphs.".into(),
        }],
        footer: sheet::footer(negotiation, round),
        date: round.date,
    }
}

/// "(stale) " before a paragraph whose original changed since its translation was made.
fn stale_mark(status: &LanguageStatus, label: &str) -> Option<String> {
    status.stale.iter().any(|p| p.label == label).then(|| "(stale) ".to_string())
}
