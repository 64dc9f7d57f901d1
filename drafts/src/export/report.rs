//! The status report laid out: the chair's sentence and annex tables of what is pending, for
//! whom and until when. Renderers turn [`Report`] into tables of their format.

use chrono::{DateTime, NaiveDate, Utc};

use super::sheet::{self, capitalized, Masthead};
use super::Context;
use crate::brackets;
use crate::model::{join_and, HouseStyle, StatusKind};
use crate::summary::{PendingItem, PendingReason};

/// A table: a caption, column headers, rows of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    /// Relative column widths, for formats that set them.
    pub widths: Vec<u32>,
    pub rows: Vec<Vec<String>>,
    /// What to print instead of an empty table.
    pub empty: String,
}

/// The status report of one round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Report {
    pub style: HouseStyle,
    pub language: &'static str,
    pub masthead: Masthead,
    pub draft: bool,
    /// "STATUS OF THE NEGOTIATION".
    pub heading: String,
    /// The title of the text and the round.
    pub subtitle: Vec<String>,
    pub sentence: String,
    pub tables: Vec<Table>,
    pub footer: String,
    /// The round's date.
    pub date: NaiveDate,
}

/// Lays out the status report of the context's round.
pub(crate) fn build(context: &Context) -> Report {
    let document = &context.document;
    let negotiation = &document.negotiation;
    let round = &document.round;
    let mut subtitle = vec![negotiation.title.trim().to_string()];
    subtitle.extend(negotiation.status_line());
    subtitle.push(sheet::round_name(round));
    Report {
        style: negotiation.house_style,
        language: super::language_code(&negotiation.language),
        masthead: sheet::masthead(
            negotiation,
            round.date,
            super::language_code(&negotiation.language),
        ),
        draft: context.options.draft_mark,
        heading: "STATUS OF THE NEGOTIATION".into(),
        subtitle,
        sentence: context.summary.sentence.clone(),
        tables: vec![
            by_status(context),
            by_delegation(context),
            open_brackets(context),
            ad_referendum(context),
        ],
        footer: sheet::footer(negotiation, round),
        date: round.date,
    }
}

fn strings<const N: usize>(items: [&str; N]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// How many paragraphs have each status, and which (all but the agreed ones).
fn by_status(context: &Context) -> Table {
    let paragraphs = &context.document.paragraphs;
    let rows = StatusKind::ALL
        .iter()
        .filter(|&&kind| kind != StatusKind::Deleted)
        .filter_map(|&kind| {
            let labels: Vec<String> = paragraphs
                .iter()
                .filter(|p| p.paragraph.status.kind() == kind)
                .map(|p| p.paragraph.label.clone())
                .collect();
            if labels.is_empty() {
                return None;
            }
            let which = if kind == StatusKind::Agreed { String::new() } else { labels.join(", ") };
            Some(vec![capitalized(kind.label()), labels.len().to_string(), which])
        })
        .collect();
    Table {
        caption: "Paragraphs by status".into(),
        headers: strings(["Status", "Paragraphs", "Which"]),
        widths: vec![3, 2, 7],
        rows,
        empty: "The text has no paragraphs.".into(),
    }
}

/// What is pending on each delegation, in roster order.
fn by_delegation(context: &Context) -> Table {
    let mut rows = Vec::new();
    for delegation in &context.summary.by_delegation {
        for (i, item) in delegation.items.iter().enumerate() {
            let name = if i == 0 { delegation.delegation.clone() } else { String::new() };
            let reason = match item.reason {
                PendingReason::AdReferendum => "Confirmation from its capital (ad referendum)",
                PendingReason::HoldsBracket => "Holds a bracket",
            };
            rows.push(vec![name, item_reference(item), reason.to_string(), deadline(item)]);
        }
    }
    Table {
        caption: "Pending on each delegation".into(),
        headers: strings(["Delegation", "Paragraph", "Pending", "Deadline"]),
        widths: vec![3, 4, 4, 3],
        rows,
        empty: "Nothing is pending on any delegation.".into(),
    }
}

/// Open brackets with their options, holders, round and reason.
fn open_brackets(context: &Context) -> Table {
    let mut rows = Vec::new();
    for p in &context.document.paragraphs {
        let paragraph = &p.paragraph;
        if paragraph.status.kind() == StatusKind::Deleted {
            continue;
        }
        let records: Vec<_> = context
            .brackets
            .iter()
            .filter(|b| b.paragraph == paragraph.id && b.lifted_round.is_none())
            .collect();
        if records.is_empty() {
            // Brackets the log does not know of (typed in before it kept them): from the text.
            for group in brackets::parse(&paragraph.text).unwrap_or_default() {
                let source: String = paragraph
                    .text
                    .chars()
                    .skip(group.start)
                    .take(group.end - group.start)
                    .collect();
                rows.push(vec![
                    paragraph.label.clone(),
                    source,
                    options(&group.options),
                    or_dash(join_and(&group.holders)),
                    "—".into(),
                    "—".into(),
                ]);
            }
            continue;
        }
        for record in records {
            let groups = brackets::parse(&record.source).unwrap_or_default();
            let offered = groups.first().map(|g| options(&g.options)).unwrap_or_else(|| "—".into());
            rows.push(vec![
                paragraph.label.clone(),
                record.source.clone(),
                offered,
                or_dash(join_and(&record.holders)),
                format!("Round {}", record.placed_round),
                or_dash(record.reason.trim().to_string()),
            ]);
        }
    }
    Table {
        caption: "Open brackets and options".into(),
        headers: strings(["Paragraph", "Bracketed text", "Options", "Held by", "Since", "Reason"]),
        widths: vec![3, 5, 4, 3, 2, 3],
        rows,
        empty: "No bracket remains open.".into(),
    }
}

/// Ad referendum points and their silence procedures.
fn ad_referendum(context: &Context) -> Table {
    let rows = context
        .summary
        .ad_referendum
        .iter()
        .map(|item| vec![item_reference(item), join_and(&item.delegations), silence(item)])
        .collect();
    Table {
        caption: "Ad referendum and silence procedures".into(),
        headers: strings(["Paragraph", "Delegations", "Silence procedure"]),
        widths: vec![4, 4, 5],
        rows,
        empty: "No paragraph is agreed ad referendum.".into(),
    }
}

/// "OP16 (operative paragraph 16)", "The whole text".
fn item_reference(item: &PendingItem) -> String {
    match item.paragraph {
        Some(_) => format!("{} ({})", item.label, item.reference),
        None => capitalized(&item.reference),
    }
}

fn deadline(item: &PendingItem) -> String {
    match item.deadline {
        Some(deadline) if item.silence_over => format!("Ended {}", moment(deadline)),
        Some(deadline) => moment(deadline),
        None => "—".into(),
    }
}

fn silence(item: &PendingItem) -> String {
    match item.deadline {
        Some(deadline) if item.silence_over => {
            format!("Ended {}: can be confirmed as agreed", moment(deadline))
        }
        Some(deadline) => format!("Runs until {}", moment(deadline)),
        None => "None: awaiting confirmation".into(),
    }
}

/// "3 May 2011, 18:00 UTC".
fn moment(at: DateTime<Utc>) -> String {
    at.format("%-d %B %Y, %H:%M UTC").to_string()
}

/// "1. A; 2. B" when a bracket offers alternatives, "—" otherwise.
fn options(options: &[String]) -> String {
    if options.len() < 2 {
        return "—".into();
    }
    options
        .iter()
        .enumerate()
        .map(|(i, o)| format!("{}. {o}", i + 1))
        .collect::<Vec<_>>()
        .join("; ")
}

fn or_dash(s: String) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_numbered_only_when_there_are_alternatives() {
        assert_eq!(
            options(&["strengthen".into(), "reinforce".into()]),
            "1. strengthen; 2. reinforce"
        );
        assert_eq!(options(&["domestic violence".into()]), "—");
    }
}
