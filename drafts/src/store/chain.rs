//! The fingerprint of a round (schema 11 on): what the round changed, chained to the fingerprint
//! of the round before, so that the chain commits to every round's whole text.
//!
//! A round's text is the spans covering it, so a round changes its text by the spans it opens
//! (each with its paragraph, place, label and version: kind, parent, status, footnotes, proposers
//! and the stored text), the spans it ends, the labels it opened with and the translations it
//! wrote. The fingerprint hashes exactly these, as stored, less the desk's private notes.
//! Checking every round therefore reads each stored row once, however many rounds share it,
//! instead of rebuilding every round's text; the chain makes a change to any row change the
//! fingerprint of the round that wrote it and of every round after.

use std::collections::BTreeMap;

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::rows;
use crate::model::Round;
use crate::Result;

/// What rounds `first..=last` changed, one hash per round and kind of change.
#[derive(Default)]
struct Changes {
    rounds: BTreeMap<u32, [Sha256; 4]>,
}

/// The kinds of change, in the order a fingerprint takes them.
const OPENED: usize = 0;
const ENDED: usize = 1;
const LABELS: usize = 2;
const TRANSLATIONS: usize = 3;

impl Changes {
    fn hasher(&mut self, round: u32, kind: usize) -> &mut Sha256 {
        &mut self.rounds.entry(round).or_default()[kind]
    }
}

/// Feeds one field, length first, so that no two records hash alike.
fn field(hasher: &mut Sha256, bytes: &[u8]) {
    hasher.update((bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

/// Feeds a column as stored: NULL, a number, a text or a blob, each tagged.
fn column(hasher: &mut Sha256, value: ValueRef<'_>) {
    match value {
        ValueRef::Null => hasher.update([0]),
        ValueRef::Integer(i) => {
            hasher.update([1]);
            hasher.update(i.to_le_bytes());
        }
        ValueRef::Real(f) => {
            hasher.update([2]);
            hasher.update(f.to_bits().to_le_bytes());
        }
        ValueRef::Text(bytes) => {
            hasher.update([3]);
            field(hasher, bytes);
        }
        ValueRef::Blob(bytes) => {
            hasher.update([4]);
            field(hasher, bytes);
        }
    }
}

/// Feeds every row `sql` returns for rounds `first..=last` into the hasher of the round in its
/// first column (plus `shift`) and of kind `kind`: each row hashed on its own (its columns from
/// the third on), the rows of a round taken in the order of their second column. Sorting the
/// rows' hashes rather than the rows keeps the texts out of SQLite's sorter.
fn hash_rows(
    conn: &Connection,
    changes: &mut Changes,
    sql: &str,
    (first, last): (u32, u32),
    (kind, shift): (usize, u32),
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query([first.saturating_sub(shift), last.saturating_sub(shift)])?;
    let mut hashed = Vec::new();
    while let Some(row) = rows.next()? {
        let mut hasher = Sha256::new();
        for i in 2..columns {
            column(&mut hasher, row.get_ref(i)?);
        }
        let order: String = row.get(1)?;
        hashed.push((row.get::<_, u32>(0)? + shift, order, hasher.finalize()));
    }
    hashed.sort_unstable();
    for (round, order, hash) in hashed {
        let hasher = changes.hasher(round, kind);
        field(hasher, order.as_bytes());
        hasher.update(hash);
    }
    Ok(())
}

/// The spans a round opened: the paragraph, its place and label, and its version as stored.
const OPENED_SPANS: &str = "SELECT s.first_round, p.id, s.position, s.label, v.kind, pp.id,
        v.status, v.footnotes, v.proposers, t.body, b.body
    FROM spans s JOIN paragraphs p ON p.key = s.paragraph
    JOIN versions v ON v.id = s.version
    JOIN texts t ON t.id = v.text LEFT JOIN texts b ON b.id = t.base
    LEFT JOIN paragraphs pp ON pp.key = v.parent
    WHERE s.first_round BETWEEN ?1 AND ?2";

/// The spans a round ended: those whose last round is the round before it.
const ENDED_SPANS: &str = "SELECT s.last_round, p.id, s.first_round
    FROM spans s JOIN paragraphs p ON p.key = s.paragraph
    WHERE s.last_round BETWEEN ?1 AND ?2";

const OPENING_LABELS: &str =
    "SELECT round, '', labels FROM round_labels WHERE round BETWEEN ?1 AND ?2";

const TRANSLATIONS_WRITTEN: &str = "SELECT t.round, p.id || ' ' || t.language, t.text, t.source,
        t.reviewed
    FROM translations t JOIN paragraphs p ON p.key = t.paragraph
    WHERE t.round BETWEEN ?1 AND ?2";

/// What rounds `first..=last` changed, read in one pass over each table.
fn changes(conn: &Connection, first: u32, last: u32) -> Result<Changes> {
    let mut changes = Changes::default();
    let range = (first, last);
    hash_rows(conn, &mut changes, OPENED_SPANS, range, (OPENED, 0))?;
    hash_rows(conn, &mut changes, ENDED_SPANS, range, (ENDED, 1))?;
    if rows::has_table(conn, "round_labels")? {
        hash_rows(conn, &mut changes, OPENING_LABELS, range, (LABELS, 0))?;
    }
    if rows::has_table(conn, "translations")? {
        hash_rows(conn, &mut changes, TRANSLATIONS_WRITTEN, range, (TRANSLATIONS, 0))?;
    }
    Ok(changes)
}

/// The fingerprint of `round` from what it changed, chained to `previous`, as lowercase hex.
fn chained(round: &Round, previous: Option<&str>, changes: &mut Changes) -> String {
    let mut hasher = Sha256::new();
    field(&mut hasher, b"accord round fingerprint 2");
    let head = serde_json::json!({
        "round": round.number,
        "label": round.label,
        "date": round.date,
        "previous": previous,
    });
    field(&mut hasher, &serde_json::to_vec(&head).expect("a round serializes"));
    for kind in changes.rounds.remove(&round.number).unwrap_or_default() {
        hasher.update(kind.finalize());
    }
    super::signing::to_hex(&hasher.finalize())
}

/// The fingerprint of `round` as the file holds it now, chained to `previous`.
pub(crate) fn fingerprint(
    conn: &Connection,
    round: &Round,
    previous: Option<&str>,
) -> Result<String> {
    let mut changes = changes(conn, round.number, round.number)?;
    Ok(chained(round, previous, &mut changes))
}

/// The fingerprints of consecutive `rounds` (the first chained to none), as the file holds them
/// now.
pub(crate) fn fingerprints(conn: &Connection, rounds: &[Round]) -> Result<Vec<String>> {
    let (Some(first), Some(last)) = (rounds.first(), rounds.last()) else {
        return Ok(Vec::new());
    };
    let mut changes = changes(conn, first.number, last.number)?;
    let mut previous: Option<String> = None;
    let mut all = Vec::with_capacity(rounds.len());
    for round in rounds {
        let fingerprint = chained(round, previous.as_deref(), &mut changes);
        previous = Some(fingerprint.clone());
        all.push(fingerprint);
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::super::{CloseRound, NewParagraph, Placement, StatusChange, Store};
    use super::*;
    use crate::model::{NegotiationMeta, ParagraphKind};

    /// Four closed rounds: three paragraphs; round 2 edits and brackets one; round 3 adds one
    /// at the top (which renumbers the others), moves one and deletes one; round 4 changes
    /// nothing.
    fn negotiation() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::create(&dir.path().join("n.accord"), NegotiationMeta::default()).unwrap();
        let op = |text: &str| NewParagraph::at_end(ParagraphKind::Operative, text);
        let ids: Vec<_> = ["Welcomes the report;", "Decides to act;", "Requests a study."]
            .into_iter()
            .map(|t| store.insert_paragraph(op(t)).unwrap())
            .collect();
        store.close_round(CloseRound::default()).unwrap();
        store.edit_text(ids[1], "Decides to act now;", None).unwrap();
        store.set_status(ids[1], StatusChange::Bracketed).unwrap();
        store.close_round(CloseRound::default()).unwrap();
        let top = NewParagraph { placement: Placement::Before { id: ids[0] }, ..op("Recalls;") };
        store.insert_paragraph(top).unwrap();
        store.move_paragraph(ids[2], Placement::Before { id: ids[1] }).unwrap();
        store.delete_paragraph(ids[0], None).unwrap();
        store.close_round(CloseRound::default()).unwrap();
        store.close_round(CloseRound::default()).unwrap();
        (dir, store)
    }

    /// The first round `verify` names after `sql` ran with `guards` lifted.
    fn named_after(guards: &[&str], sql: &str) -> Option<u32> {
        let (_dir, store) = negotiation();
        assert_eq!(store.verify().unwrap().first_mismatch, None);
        let conn = store.connection();
        rows::with_guards_lifted(conn, guards, || Ok(conn.execute_batch(sql)?)).unwrap();
        store.verify().unwrap().first_mismatch
    }

    #[test]
    fn checking_every_round_at_once_gives_the_fingerprints_written_at_each_close() {
        let (_dir, store) = negotiation();
        let closed: Vec<Round> = store.rounds().unwrap().into_iter().take(4).collect();
        let stored: Vec<String> = closed.iter().map(|r| r.fingerprint.clone().unwrap()).collect();
        assert_eq!(fingerprints(store.connection(), &closed).unwrap(), stored);
        assert_eq!(stored.iter().collect::<std::collections::HashSet<_>>().len(), 4);
    }

    #[test]
    fn any_change_to_a_closed_round_is_named_at_the_round_that_made_it() {
        let cases: [(&[&str], &str, u32); 8] = [
            (&["text_update"], "UPDATE texts SET body = 'Welcomes nothing;' WHERE id = 1", 1),
            (
                &["closed_version_update"],
                "UPDATE versions SET status = '{\"state\":\"agreed\"}' WHERE round = 2",
                2,
            ),
            (
                &["closed_version_update"],
                "UPDATE versions SET proposers = '[\"Peru\"]' WHERE round = 1",
                1,
            ),
            (&["paragraph_identity_update"], "UPDATE paragraphs SET id = 'x' WHERE key = 3", 1),
            (
                &["closed_span_update"],
                "UPDATE spans SET position = position + 100 WHERE first_round = 3",
                3,
            ),
            (&["closed_span_update"], "UPDATE spans SET last_round = 3 WHERE last_round = 2", 3),
            (&["closed_span_delete"], "DELETE FROM spans WHERE first_round = 2", 2),
            (&[], "UPDATE round_labels SET labels = X'00' WHERE round = 4", 4),
        ];
        for (guards, sql, round) in cases {
            assert_eq!(named_after(guards, sql), Some(round), "{sql}");
        }
    }

    #[test]
    fn the_desks_private_notes_are_no_part_of_the_fingerprint() {
        let stored = |store: &Store| store.rounds().unwrap()[0].fingerprint.clone();
        let (_dir, store) = negotiation();
        let before = stored(&store);
        let conn = store.connection();
        rows::with_guards_lifted(conn, &["closed_version_update"], || {
            Ok(conn.execute_batch("UPDATE versions SET notes = 'Chair: ask Peru'")?)
        })
        .unwrap();
        assert_eq!(store.verify().unwrap().first_mismatch, None);
        assert_eq!(stored(&store), before);
    }
}
