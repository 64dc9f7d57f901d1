//! The stored lists of the labels each round opened with (table `round_labels`), one compressed
//! list per round from round 2 on.
//!
//! A list is the lines `key label` in key order (paragraphs with a label only), zstd-compressed
//! with the round before's list as prefix: consecutive rounds share most labels, so a round
//! costs tens of bytes. Every [`KEYFRAME`]th round is compressed on its own, which bounds the
//! chain a read decompresses.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};

use super::texts::{compress, decompress};
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
pub(super) fn record(conn: &Connection, round: u32, labels: &BTreeMap<i64, String>) -> Result<()> {
    let previous = if is_keyframe(round) { String::new() } else { list_of(conn, round - 1)? };
    let frame = compress(encode(labels).as_bytes(), previous.as_bytes())?;
    conn.prepare_cached("INSERT OR REPLACE INTO round_labels (round, labels) VALUES (?1, ?2)")?
        .execute(params![round, frame])?;
    Ok(())
}

/// The labels round `round` opened with, by paragraph key; empty for rounds without a list.
pub(super) fn read(conn: &Connection, round: u32) -> Result<BTreeMap<i64, String>> {
    decode(&list_of(conn, round)?)
}

/// The labels the paragraph of key `key` opened rounds with, oldest first, where they change.
pub(super) fn of_key(conn: &Connection, key: i64) -> Result<Vec<(u32, String)>> {
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
