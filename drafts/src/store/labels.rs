//! The labels each round opened with: from round 2 on, the clean labels of the paragraphs'
//! places in the round before. The open round's are in `working_labels`; every round's are kept
//! in `round_labels`, one compressed list per round, so that a closed round's text and one
//! paragraph's history read them instead of numbering the whole round before.
//!
//! A list is the lines `key label` in key order (paragraphs with a label only), zstd-compressed
//! with the round before's list as prefix: consecutive rounds share most labels, so a round
//! costs tens of bytes. Every [`KEYFRAME`]th round is compressed on its own, which bounds the
//! chain a read decompresses.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{params, Connection};

use super::rows::{self, key_of, reference_labels, Row};
use super::texts::{compress, decompress};
use crate::model::{Paragraph, ParagraphId};
use crate::{Error, Result};

/// Rounds whose list is compressed on its own: round 2 and every multiple of this.
const KEYFRAME: u32 = 16;

fn is_keyframe(round: u32) -> bool {
    round <= 2 || round.is_multiple_of(KEYFRAME)
}

/// The list of labels, as stored before compression.
fn encode(labels: &BTreeMap<i64, String>) -> String {
    labels
        .iter()
        .filter(|(_, label)| !label.is_empty())
        .map(|(key, label)| format!("{key} {label}\n"))
        .collect()
}

fn decode(list: &str) -> Result<BTreeMap<i64, String>> {
    list.lines()
        .map(|line| {
            let (key, label) = line.split_once(' ').unwrap_or((line, ""));
            let key = key.parse().map_err(|_| Error::Corrupt(format!("bad label line {line}")))?;
            Ok((key, label.to_string()))
        })
        .collect()
}

/// The stored list of round `round`, decompressed from the keyframe before it; empty for
/// rounds without one (round 1, or a round not yet opened).
fn list_of(conn: &Connection, round: u32) -> Result<String> {
    let first = (2..=round).rev().find(|&r| is_keyframe(r)).unwrap_or(round);
    let mut stmt = conn
        .prepare_cached("SELECT round, labels FROM round_labels WHERE round BETWEEN ?1 AND ?2")?;
    let frames = stmt.query_map(params![first, round], |r| Ok((r.get::<_, u32>(0)?, r.get(1)?)))?;
    let mut list = String::new();
    for frame in frames {
        let (r, frame): (u32, Vec<u8>) = frame?;
        list = unpack(r, &frame, &list)?;
    }
    Ok(list)
}

fn unpack(round: u32, frame: &[u8], previous: &str) -> Result<String> {
    let prefix = if is_keyframe(round) { "" } else { previous };
    let bytes = decompress(frame, prefix.as_bytes())?;
    String::from_utf8(bytes).map_err(|e| Error::Corrupt(format!("labels of round {round}: {e}")))
}

/// Stores the labels round `round` opened with.
fn record(conn: &Connection, round: u32, labels: &BTreeMap<i64, String>) -> Result<()> {
    let previous = if is_keyframe(round) { String::new() } else { list_of(conn, round - 1)? };
    let frame = compress(encode(labels).as_bytes(), previous.as_bytes())?;
    conn.prepare_cached("INSERT OR REPLACE INTO round_labels (round, labels) VALUES (?1, ?2)")?
        .execute(params![round, frame])?;
    Ok(())
}

/// The labels round `round` opened with, by paragraph key. While a file of an older schema is
/// being upgraded (no `round_labels` yet), computed from the round before.
pub(super) fn opened_with(conn: &Connection, round: u32) -> Result<HashMap<i64, String>> {
    if !rows::has_table(conn, "round_labels")? {
        return reference_labels(conn, round - 1);
    }
    Ok(decode(&list_of(conn, round)?)?.into_iter().collect())
}

/// The labels one paragraph opened rounds with, oldest first, where they change (a label holds
/// until the next entry; "" for none).
pub(super) fn of_paragraph(conn: &Connection, id: ParagraphId) -> Result<Vec<(u32, String)>> {
    let Some(key) = key_of(conn, id)? else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare_cached("SELECT round, labels FROM round_labels ORDER BY round")?;
    let frames = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
    let (mut list, mut labels) = (String::new(), Vec::new());
    let prefix = format!("{key} ");
    for frame in frames {
        let (round, frame) = frame?;
        list = unpack(round, &frame, &list)?;
        let line = list.lines().find_map(|line| line.strip_prefix(&prefix));
        let label = line.unwrap_or_default();
        if labels.last().is_none_or(|(_, last): &(u32, String)| last != label) {
            labels.push((round, label.to_string()));
        }
    }
    Ok(labels)
}

/// Opens round `next` with the labels of the places of the round just closed (`closed`, its
/// paragraphs in order): the open round's working labels, and the round's stored list. Returns
/// the labels, in the order of `closed`.
pub(super) fn open_round(conn: &Connection, next: u32, closed: &[Row]) -> Result<Vec<String>> {
    conn.execute("DELETE FROM working_labels", [])?;
    let paragraphs: Vec<Paragraph> = closed.iter().map(|r| r.paragraph.clone()).collect();
    let opening = rows::opening_labels(&paragraphs);
    let keys = rows::keys(conn)?;
    let mut labels = BTreeMap::new();
    for (p, label) in paragraphs.iter().zip(&opening) {
        let key = keys.get(&p.id).ok_or_else(|| Error::UnknownParagraph(p.id.to_string()))?;
        labels.insert(*key, label.clone());
    }
    write_working(conn, &labels)?;
    record(conn, next, &labels)?;
    Ok(opening)
}

/// Makes `round` the open round again: later rounds' lists are dropped, and the open round's
/// working labels are those `round` opened with (round 1 opens with none).
pub(super) fn reopen(conn: &Connection, round: u32) -> Result<()> {
    conn.execute("DELETE FROM round_labels WHERE round > ?1", [round])?;
    conn.execute("DELETE FROM working_labels", [])?;
    write_working(conn, &decode(&list_of(conn, round)?)?)
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
        record(conn, round, &labels)?;
    }
    Ok(())
}
