//! A delegation's copy: what it may hold, written once for the CLI and the window alike.
//!
//! The copy holds the negotiated record (every round's text, statuses, brackets, fingerprints and
//! backups' chain), the roster, the bracket log, and the proposals with their stances and the
//! chair's decisions (a delegation is told what was decided on its proposal, and why). It never
//! holds the chair's private notes (of any round), the chair's log of actions (and with it the
//! names of the files the chair imported), the Word authors the chair mapped to delegations, nor
//! a way back to the chair's desk. ARCHITECTURE.md states the rule; `circulate_tests` checks each
//! field.

use std::path::Path;

use rusqlite::params;

use super::proposals::{SETTING_ACTING, SETTING_CIRCULATED};
use super::signing::{self, SETTING_SIGNING_KEY};
use super::{events, rows, Store};
use crate::Result;

/// The origin of the proposals a copy received from the chair's file: none of them is the
/// delegation's own work to send back.
pub(crate) const CIRCULATED: &str = "circulated";

impl Store {
    /// Writes a copy of this negotiation for `delegation` to `target`, in delegation mode and
    /// holding only what that delegation may see, and opens it. The delegation is checked before
    /// anything is written; only the chair's desk circulates.
    ///
    /// The copy is issued a new signing key for the delegation's proposals files; this file
    /// records its public half, so that a copy circulated earlier to the same delegation (lost,
    /// or leaked) can no longer speak for it.
    pub fn circulate(&mut self, target: &Path, delegation: &str) -> Result<Store> {
        self.require_chair()?;
        rows::require_delegation(&self.conn, delegation)?;
        let key = signing::new_key()?;
        let mut copy = self.save_copy(target)?;
        copy.keep_only_what(delegation, &signing::private_hex(&key))?;
        signing::record_public(&self.conn, delegation, &key)?;
        Ok(copy)
    }

    /// Removes from this (freshly copied) file everything that is the chair's alone, puts it in
    /// delegation mode for good, and rewrites the file so that no removed byte stays on disk.
    fn keep_only_what(&mut self, delegation: &str, signing_key: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        rows::with_guards_lifted(&tx, &["closed_version_update"], || {
            tx.execute("UPDATE versions SET notes = '' WHERE notes <> ''", [])?;
            Ok(())
        })?;
        tx.execute_batch(
            "DELETE FROM events;
             DELETE FROM word_authors;
             DELETE FROM cleared_stances;
             DELETE FROM settings;",
        )?;
        tx.execute("UPDATE proposals SET origin = ?1", [CIRCULATED])?;
        for (key, value) in [
            (SETTING_ACTING, delegation),
            (SETTING_CIRCULATED, delegation),
            (SETTING_SIGNING_KEY, signing_key),
        ] {
            tx.execute("INSERT INTO settings (key, value) VALUES (?1, ?2)", params![key, value])?;
        }
        let round = rows::open_round(&tx)?;
        events::log(&tx, round.number, None, "circulated", delegation)?;
        tx.commit()?;
        self.undo.clear();
        self.conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")?;
        Ok(())
    }
}
