//! The labels each round opened with, and the open round's working labels: from round 2 on, the
//! clean labels of the paragraphs' places in the round before. The open round's are in
//! `working_labels`; every round's are kept in `round_labels` (its lists: `round_labels.rs`), so
//! that a closed round's text and one paragraph's history read them instead of numbering the
//! whole round before. A paragraph's clean working label (PP3, OP7) is given here too.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};

use super::round_labels;
use super::rows::{self, key_of, reference_labels, Row};
use crate::model::{Paragraph, ParagraphId};
use crate::{numbering, Error, Result};

/// The labels one paragraph opened rounds with, oldest first, where they change (a label holds
/// until the next entry; "" for none).
pub(super) fn of_paragraph(conn: &Connection, id: ParagraphId) -> Result<Vec<(u32, String)>> {
    let Some(key) = key_of(conn, id)? else { return Ok(Vec::new()) };
    round_labels::of_key(conn, key)
}

/// Opens round `next` with the labels of the places of the round just closed (`closed`, its
/// paragraphs in order): the open round's working labels, and the round's stored list.
pub(super) fn open_round(conn: &Connection, next: u32, closed: &[Row]) -> Result<()> {
    conn.execute("DELETE FROM working_labels", [])?;
    let paragraphs: Vec<Paragraph> = closed.iter().map(|r| r.paragraph.clone()).collect();
    let mut labels = BTreeMap::new();
    for (p, label) in paragraphs.iter().zip(rows::opening_labels(&paragraphs)) {
        let key = key_of(conn, p.id)?.ok_or_else(|| Error::UnknownParagraph(p.id.to_string()))?;
        labels.insert(key, label);
    }
    write_working(conn, &labels)?;
    round_labels::record(conn, next, &labels)
}

/// Makes `round` the open round again: later rounds' lists are dropped, and the open round's
/// working labels are those `round` opened with (round 1 opens with none).
pub(super) fn reopen(conn: &Connection, round: u32) -> Result<()> {
    conn.execute("DELETE FROM round_labels WHERE round > ?1", [round])?;
    conn.execute("DELETE FROM working_labels", [])?;
    write_working(conn, &round_labels::read(conn, round)?)
}

fn write_working(conn: &Connection, labels: &BTreeMap<i64, String>) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("INSERT INTO working_labels (paragraph, label) VALUES (?1, ?2)")?;
    for (key, label) in labels.iter().filter(|(_, label)| !label.is_empty()) {
        stmt.execute(params![key, label])?;
    }
    Ok(())
}

/// Stores every round's list for a file written before they were kept.
pub(super) fn fill(conn: &Connection) -> Result<()> {
    let last = rows::rounds(conn)?.last().map_or(0, |r| r.number);
    for round in 2..=last {
        let labels = reference_labels(conn, round - 1)?.into_iter().collect();
        round_labels::record(conn, round, &labels)?;
    }
    Ok(())
}

const DELETED_SUFFIX: &str = " (deleted)";

/// The clean working label of every paragraph of `rows` (in order, with the labels they have):
/// PP3, OP7; a deleted paragraph keeps the label it had, marked as deleted, so labels stay unique.
fn clean_working_labels(rows: &[Row]) -> Vec<String> {
    let paragraphs: Vec<Paragraph> = rows.iter().map(|r| r.paragraph.clone()).collect();
    let labels = numbering::clean_labels(&paragraphs);
    paragraphs
        .iter()
        .zip(labels)
        .map(|(p, label)| match label.is_empty() {
            true if p.label.ends_with(DELETED_SUFFIX) => p.label.clone(),
            true => format!("{}{DELETED_SUFFIX}", p.label),
            false => label,
        })
        .collect()
}

/// Gives every paragraph of a round its clean working label.
pub(crate) fn relabel(conn: &Connection, round: u32) -> Result<()> {
    let all = rows::load(conn, round)?;
    for (row, label) in all.iter().zip(clean_working_labels(&all)) {
        if label != row.paragraph.label {
            rows::set_label(conn, round, row.paragraph.id, &label)?;
        }
    }
    Ok(())
}

/// Opens round `next` with the clean working labels of the round just closed (`closed`, its
/// paragraphs in order).
pub(crate) fn open_labels(conn: &Connection, next: u32, closed: &[Row]) -> Result<()> {
    open_round(conn, next, closed)?;
    for (row, label) in closed.iter().zip(clean_working_labels(closed)) {
        rows::set_label(conn, next, row.paragraph.id, &label)?;
    }
    Ok(())
}
