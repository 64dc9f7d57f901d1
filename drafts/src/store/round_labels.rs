//! The stored lists of the labels each round opened with (table `round_labels`), one compressed
//! list per round from round 2 on.
//!
//! A list is the labelled paragraphs' keys in document order on one line (`@3 1 2`), then their
//! labels one a line, zstd-compressed with the round before's list as prefix: consecutive rounds
//! share most of both (an insertion shifts the keys by one place and leaves the run of labels
//! as it was), so a round costs tens of bytes. Every [`KEYFRAME`]th round is compressed on its
//! own, which bounds the chain a read decompresses. Lists written before schema 11 are lines
//! `key label` in key order, and still read.

use rusqlite::{params, Connection};

use super::texts::{compress, decompress, Reference};
use crate::{Error, Result};

/// Rounds whose list is compressed on its own: round 2 and every multiple of this.
const KEYFRAME: u32 = 16;

fn is_keyframe(round: u32) -> bool {
    round <= 2 || round.is_multiple_of(KEYFRAME)
}

/// The list of labels, in document order, as stored before compression.
fn encode(labels: &[(i64, String)]) -> String {
    let labelled: Vec<&(i64, String)> = labels.iter().filter(|(_, l)| !l.is_empty()).collect();
    let keys: Vec<String> = labelled.iter().map(|(key, _)| key.to_string()).collect();
    let mut list = format!("@{}\n", keys.join(" "));
    for (_, label) in labelled {
        list.push_str(label);
        list.push('\n');
    }
    list
}

fn decode(list: &str) -> Result<Vec<(i64, String)>> {
    let bad = |what: &str| Error::Corrupt(format!("bad label list: {what}"));
    let key = |text: &str| text.parse::<i64>().map_err(|_| bad(text));
    let Some(rest) = list.strip_prefix('@') else {
        return list
            .lines()
            .map(|line| {
                let (k, label) = line.split_once(' ').unwrap_or((line, ""));
                Ok((key(k)?, label.to_string()))
            })
            .collect();
    };
    let (keys, labels) = rest.split_once('\n').unwrap_or((rest, ""));
    let keys: Vec<i64> = keys.split_whitespace().map(key).collect::<Result<_>>()?;
    let labels: Vec<&str> = labels.lines().collect();
    if keys.len() != labels.len() {
        return Err(bad("as many keys as labels"));
    }
    Ok(keys.into_iter().zip(labels.into_iter().map(str::to_string)).collect())
}

/// The label of paragraph `key` in a list, read without decoding the whole list.
fn label_in(list: &str, key: i64) -> Option<&str> {
    let key = key.to_string();
    let Some(rest) = list.strip_prefix('@') else {
        return list.lines().find_map(|line| line.strip_prefix(&key)?.strip_prefix(' '));
    };
    let (keys, labels) = rest.split_once('\n')?;
    let at = keys.split_whitespace().position(|k| k == key)?;
    labels.lines().nth(at)
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
pub(super) fn record(conn: &Connection, round: u32, labels: &[(i64, String)]) -> Result<()> {
    let previous = if is_keyframe(round) { String::new() } else { list_of(conn, round - 1)? };
    let frame = compress(encode(labels).as_bytes(), Reference::Prefix(previous.as_bytes()))?;
    conn.prepare_cached("INSERT OR REPLACE INTO round_labels (round, labels) VALUES (?1, ?2)")?
        .execute(params![round, frame])?;
    Ok(())
}

/// The labels round `round` opened with, in document order; empty for rounds without a list.
pub(super) fn read(conn: &Connection, round: u32) -> Result<Vec<(i64, String)>> {
    decode(&list_of(conn, round)?)
}

/// The labels the paragraph of key `key` opened rounds with, oldest first, where they change.
pub(super) fn of_key(conn: &Connection, key: i64) -> Result<Vec<(u32, String)>> {
    let mut stmt = conn.prepare_cached("SELECT round, labels FROM round_labels ORDER BY round")?;
    let frames = stmt.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
    let (mut list, mut labels) = (String::new(), Vec::new());
    for frame in frames {
        let (round, frame) = frame?;
        list = unpack(round, &frame, &list)?;
        let label = label_in(&list, key).unwrap_or_default();
        if labels.last().is_none_or(|(_, last): &(u32, String)| last != label) {
            labels.push((round, label.to_string()));
        }
    }
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_in_document_order_and_lists_of_the_older_format_read_alike() {
        let labels = [(3, "PP1".to_string()), (1, String::new()), (12, "OP1".to_string())];
        let list = encode(&labels);
        assert_eq!(list, "@3 12\nPP1\nOP1\n");
        let older = "12 OP1\n3 PP1\n";
        let pairs =
            |l: &[(i64, &str)]| l.iter().map(|(k, s)| (*k, s.to_string())).collect::<Vec<_>>();
        assert_eq!(decode(&list).unwrap(), pairs(&[(3, "PP1"), (12, "OP1")]));
        assert_eq!(decode(older).unwrap(), pairs(&[(12, "OP1"), (3, "PP1")]));
        for list in [list.as_str(), older] {
            assert_eq!(label_in(list, 12), Some("OP1"));
            assert_eq!(label_in(list, 1), None);
            assert_eq!(label_in(list, 3), Some("PP1"));
        }
        assert_eq!(decode("@1 2\nPP1\n").unwrap_err().code(), "corrupt");
    }
}
