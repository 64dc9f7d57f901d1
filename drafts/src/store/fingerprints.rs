//! The data conversions that re-fingerprint closed rounds: schema 7 (fingerprints without the
//! desk's private notes) and schema 11 (fingerprints of what each round changed, [`chain`]).
//!
//! Each closed round's stored fingerprint is checked the way it was written, chained to the round
//! before; while the chain verifies, the round is given its fingerprint of the new kind. From the
//! first round that no longer verifies on, nothing is rewritten, so `verify` still names that
//! round: a conversion never launders a tampered file.

use rusqlite::{params, Connection, Transaction};
use rusqlite_migration::{HookError, HookResult};

use super::chain;
use super::integrity::{whole_text_fingerprint, Coverage};
use super::rows;
use crate::model::{Round, RoundState};
use crate::Result;

/// Schema 7: from the whole text with notes to the whole text without.
pub(super) fn leave_out_notes(tx: &Transaction) -> HookResult {
    let with_notes = |c: &Connection, r: &Round, p: Option<&str>| {
        whole_text_fingerprint(c, r, p, Coverage::WithNotes)
    };
    refingerprint(tx, with_notes, whole_record).map_err(|e| HookError::Hook(e.to_string()))
}

/// Schema 11: from the whole text without notes to what each round changed.
pub(super) fn chain_changes(tx: &Transaction) -> HookResult {
    refingerprint(tx, whole_record, chain::fingerprint).map_err(|e| HookError::Hook(e.to_string()))
}

/// The fingerprint of schemas 7 to 10: a round's whole text, notes left out.
fn whole_record(conn: &Connection, round: &Round, previous: Option<&str>) -> Result<String> {
    whole_text_fingerprint(conn, round, previous, Coverage::Record)
}

fn refingerprint(
    conn: &Connection,
    old: impl Fn(&Connection, &Round, Option<&str>) -> Result<String>,
    new: impl Fn(&Connection, &Round, Option<&str>) -> Result<String>,
) -> Result<()> {
    let rounds = rows::rounds(conn)?;
    rows::with_guards_lifted(conn, &["closed_round_is_final_update"], || {
        let (mut old_previous, mut new_previous) = (None::<String>, None::<String>);
        for round in rounds.iter().filter(|r| r.state == RoundState::Closed) {
            let before = old(conn, round, old_previous.as_deref())?;
            if round.fingerprint.as_deref().is_some_and(|stored| stored != before) {
                break;
            }
            let after = new(conn, round, new_previous.as_deref())?;
            if round.fingerprint.is_some() {
                conn.execute(
                    "UPDATE rounds SET fingerprint = ?1 WHERE number = ?2",
                    params![after, round.number],
                )?;
            }
            old_previous = Some(before);
            new_previous = Some(after);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::super::{CloseRound, NewParagraph, Store};
    use super::*;
    use crate::model::{NegotiationMeta, ParagraphKind};

    /// A file as schema 6 left it: two closed rounds whose paragraphs carry the chair's notes,
    /// fingerprinted notes included. `tamper` changes round 2's text behind Accord's back.
    fn schema_6_file(tamper: bool) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.accord");
        let mut store = Store::create(&path, NegotiationMeta::default()).unwrap();
        let op = NewParagraph::at_end(ParagraphKind::Operative, "Welcome the report;");
        let id = store.insert_paragraph(op).unwrap();
        store.set_notes(id, "Chair: Peru may ask to reopen".into()).unwrap();
        store.close_round(CloseRound::default()).unwrap();
        store.edit_text(id, "Welcome with appreciation the report;", None).unwrap();
        store.close_round(CloseRound::default()).unwrap();
        let conn = store.connection();
        rows::with_guards_lifted(conn, &["closed_round_is_final_update"], || {
            let mut previous = None;
            for round in rows::rounds(conn)?.iter().filter(|r| r.state == RoundState::Closed) {
                let old =
                    whole_text_fingerprint(conn, round, previous.as_deref(), Coverage::WithNotes)?;
                conn.execute(
                    "UPDATE rounds SET fingerprint = ?1 WHERE number = ?2",
                    params![old, round.number],
                )?;
                previous = Some(old);
            }
            Ok(())
        })
        .unwrap();
        if tamper {
            rows::with_guards_lifted(conn, &["closed_version_update"], || {
                conn.execute(
                    "UPDATE versions SET status = '{\"state\":\"pending\"}' WHERE round = 2",
                    [],
                )?;
                Ok(())
            })
            .unwrap();
        }
        conn.execute_batch(
            "DROP TABLE translations; DROP TABLE languages; DROP TABLE cleared_stances; \
             DROP TABLE delegation_keys; DROP TABLE round_labels; \
             CREATE TABLE events_v6 AS SELECT id, at, round, paragraph, action, detail, text \
                 FROM events; \
             DROP VIEW events; DROP TABLE event_log; DROP TABLE event_actions; \
             ALTER TABLE events_v6 RENAME TO events; \
             CREATE INDEX events_by_paragraph ON events (paragraph); \
             CREATE TABLE brackets_v6 AS SELECT b.id, p.id AS paragraph_id, b.source, b.holders, \
                 b.reason, b.placed_round, b.lifted_round, b.outcome \
                 FROM brackets b JOIN paragraphs p ON p.key = b.paragraph; \
             DROP TABLE brackets; ALTER TABLE brackets_v6 RENAME TO brackets; \
             PRAGMA user_version = 6;",
        )
        .unwrap();
        drop(store);
        (dir, path)
    }

    #[test]
    fn an_old_file_is_refingerprinted_without_its_notes_and_still_verifies() {
        let (_dir, path) = schema_6_file(false);
        let store = Store::open(&path).unwrap();
        let check = store.verify().unwrap();
        assert_eq!(check.first_mismatch, None);
        assert_eq!(check.rounds.len(), 2);
        let conn = store.connection();
        let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0)).unwrap();
        assert_eq!(free, 0, "the rebuilt tables' old pages are given back");
        let first = rows::round(conn, 1).unwrap();
        assert_eq!(
            first.fingerprint.clone().unwrap(),
            chain::fingerprint(conn, &first, None).unwrap()
        );
    }

    #[test]
    fn an_old_file_tampered_with_still_names_the_round() {
        let (_dir, path) = schema_6_file(true);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.verify().unwrap().first_mismatch, Some(2));
    }
}
