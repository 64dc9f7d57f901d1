//! The labels each round opened with, and the open round's working labels: from round 2 on, the
//! clean labels of the paragraphs' places in the round before. The open round's are in
//! `working_labels`; every round's are kept in `round_labels` (its lists: `round_labels.rs`), so
//! that a closed round's text and one paragraph's history read them instead of numbering the
//! whole round before. A paragraph's clean working label (PP3, OP7) is given here too.

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
/// paragraphs in order): the open round's working labels, and the round's stored list. Returns
/// the labels, in the order of `closed`.
pub(super) fn open_round(conn: &Connection, next: u32, closed: &[Row]) -> Result<Vec<String>> {
    conn.execute("DELETE FROM working_labels", [])?;
    let paragraphs: Vec<Paragraph> = closed.iter().map(|r| r.paragraph.clone()).collect();
    let opening = rows::opening_labels(&paragraphs);
    let keys = rows::keys(conn)?;
    let mut labels = Vec::with_capacity(opening.len());
    for (p, label) in paragraphs.iter().zip(&opening) {
        let key = keys.get(&p.id).ok_or_else(|| Error::UnknownParagraph(p.id.to_string()))?;
        labels.push((*key, label.clone()));
    }
    write_working(conn, &labels)?;
    round_labels::record(conn, next, &labels)?;
    Ok(opening)
}

/// Makes `round` the open round again: later rounds' lists are dropped, and the open round's
/// working labels are those `round` opened with (round 1 opens with none).
pub(super) fn reopen(conn: &Connection, round: u32) -> Result<()> {
    conn.execute("DELETE FROM round_labels WHERE round > ?1", [round])?;
    conn.execute("DELETE FROM working_labels", [])?;
    write_working(conn, &round_labels::read(conn, round)?)
}

fn write_working(conn: &Connection, labels: &[(i64, String)]) -> Result<()> {
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
        round_labels::record(conn, round, &reference_labels(conn, round - 1)?)?;
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
    let opening = open_round(conn, next, closed)?;
    let own = rows::with_own_label(conn)?;
    let working = closed.iter().zip(clean_working_labels(closed)).zip(opening);
    for ((row, label), opening) in working {
        // A span with no label of its own already reads as the label the round opened with.
        if label != opening || own.contains(&row.paragraph.id) {
            rows::set_label(conn, next, row.paragraph.id, &label)?;
        }
    }
    Ok(())
}
