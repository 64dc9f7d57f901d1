//! Tamper evidence and backups: a SHA-256 fingerprint per closed round, chained to the previous
//! round's (see [`super::chain`]), and a copy of the file per closed round made with SQLite's
//! online backup API. Also the fingerprints of schemas 3 to 10, which hashed each round's whole
//! text: the conversions to later schemas check a file's chain with them before writing the new.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::{chain, rows, Store};
use crate::model::{Round, RoundState};
use crate::{Error, Result};

/// The result of checking one closed round's fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoundCheck {
    pub round: u32,
    pub label: String,
    /// The fingerprint written when the round closed; none for rounds closed before schema 3.
    pub stored: Option<String>,
    /// The fingerprint of the round's text as it is in the file now.
    pub computed: String,
    pub matches: bool,
}

/// The result of re-computing the chain of fingerprints of every closed round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Verification {
    pub rounds: Vec<RoundCheck>,
    /// The first closed round whose text no longer matches its fingerprint.
    pub first_mismatch: Option<u32>,
}

/// A per-round backup of a negotiation file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Backup {
    /// The round whose closing made the backup.
    pub round: u32,
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// What a fingerprint of schemas 3 to 10 covers of each paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coverage {
    /// The negotiated record: everything but the desk's private notes, so that a delegation's
    /// copy, which holds none of the chair's notes, verifies as the chair's file does.
    Record,
    /// Everything, notes included: how rounds were fingerprinted before schema 7.
    WithNotes,
}

/// The canonical serialization of a closed round: its identity, the previous fingerprint and every
/// paragraph as stored (less what `coverage` leaves out), in order, as one JSON document.
fn canonical(
    conn: &Connection,
    round: &Round,
    previous: Option<&str>,
    coverage: Coverage,
) -> Result<Vec<u8>> {
    let paragraphs: Vec<serde_json::Value> = rows::load(conn, round.number)?
        .into_iter()
        .map(|r| {
            let mut value = serde_json::to_value(r.paragraph).expect("model types serialize");
            if coverage == Coverage::Record {
                value.as_object_mut().expect("a paragraph is an object").remove("notes");
            }
            value
        })
        .collect();
    let mut value = serde_json::json!({
        "round": round.number,
        "label": round.label,
        "date": round.date,
        "previous": previous,
        "paragraphs": paragraphs,
    });
    let translations = translations(conn, round.number)?;
    if !translations.is_empty() {
        value["translations"] = serde_json::Value::Array(translations);
    }
    Ok(serde_json::to_vec(&value).expect("model types serialize"))
}

/// The language versions a round reads (each paragraph's latest translation per language), in
/// a fixed order; none in a file without language versions, whose fingerprints stay as they were
/// (nor while an older schema's conversion fingerprints rounds before the table exists).
fn translations(conn: &Connection, round: u32) -> Result<Vec<serde_json::Value>> {
    if !rows::has_table(conn, "translations")? {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, t.language, t.text, t.source, t.reviewed FROM translations t
         JOIN paragraphs p ON p.key = t.paragraph
         WHERE t.round = (SELECT MAX(u.round) FROM translations u WHERE u.paragraph = t.paragraph
                          AND u.language = t.language AND u.round <= ?1)
         ORDER BY p.id, t.language",
    )?;
    let rows = stmt.query_map([round], |r| {
        Ok(serde_json::json!([
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, bool>(4)?,
        ]))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The fingerprint of schemas 3 to 10 of what `coverage` takes of a round's whole text, chained
/// to the previous one.
pub(crate) fn whole_text_fingerprint(
    conn: &Connection,
    round: &Round,
    previous: Option<&str>,
    coverage: Coverage,
) -> Result<String> {
    Ok(super::signing::to_hex(&Sha256::digest(canonical(conn, round, previous, coverage)?)))
}

impl Store {
    /// Re-computes the fingerprint chain of every closed round and names the first that no longer
    /// matches (someone changed the file behind Accord's back).
    pub fn verify(&self) -> Result<Verification> {
        let closed: Vec<Round> =
            self.rounds()?.into_iter().filter(|r| r.state == RoundState::Closed).collect();
        let computed = chain::fingerprints(&self.conn, &closed)?;
        let rounds: Vec<RoundCheck> = closed
            .into_iter()
            .zip(computed)
            .map(|(round, computed)| RoundCheck {
                matches: round.fingerprint.as_deref().is_none_or(|stored| stored == computed),
                round: round.number,
                label: round.label,
                stored: round.fingerprint,
                computed,
            })
            .collect();
        let first_mismatch = rounds.iter().find(|r| !r.matches).map(|r| r.round);
        Ok(Verification { rounds, first_mismatch })
    }

    /// The folder holding this file's per-round backups: `<file>.backups/` beside it.
    pub fn backup_dir(&self) -> PathBuf {
        let mut dir = self.path.as_os_str().to_owned();
        dir.push(".backups");
        PathBuf::from(dir)
    }

    /// Moves every committed change from the write-ahead log into the file itself and empties
    /// the log, so that the `.accord` file alone is the complete negotiation (what a user copies
    /// or mails). A reader holding an older snapshot (another process reading the file) may keep
    /// part of the log for later; the next checkpoint finishes it.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Writes a consistent copy of the whole file with SQLite's online backup API.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        let mut copy = Connection::open(target)?;
        let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
        backup.run_to_completion(256, std::time::Duration::ZERO, None)?;
        Ok(())
    }

    /// "Save as": writes a copy of the whole negotiation to `target` and opens the copy; this
    /// store's own file stays as it is. An existing `target` (confirmed by the user) is replaced.
    pub fn save_copy(&self, target: &Path) -> Result<Store> {
        let same = target.canonicalize().ok() == self.path.canonicalize().ok();
        if same {
            return Err(Error::Invalid("choose another file to save a copy to".into()));
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut file = target.as_os_str().to_owned();
            file.push(suffix);
            let file = PathBuf::from(file);
            if file.exists() {
                std::fs::remove_file(&file)?;
            }
        }
        self.backup_to(target)?;
        Store::open(target)
    }

    /// Backs up the file as it stands after closing `round`.
    pub(crate) fn backup_round(&self, round: u32) -> Result<PathBuf> {
        let dir = self.backup_dir();
        std::fs::create_dir_all(&dir)?;
        let target = dir.join(format!("round-{round:03}.accord"));
        if target.exists() {
            std::fs::remove_file(&target)?;
        }
        self.backup_to(&target)?;
        Ok(target)
    }

    /// The per-round backups of this file, oldest first.
    pub fn backups(&self) -> Result<Vec<Backup>> {
        let dir = self.backup_dir();
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let mut backups = Vec::new();
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(round) = name
                .strip_prefix("round-")
                .and_then(|rest| rest.strip_suffix(".accord"))
                .and_then(|n| n.parse().ok())
            else {
                continue;
            };
            backups.push(Backup {
                round,
                path: entry.path().display().to_string(),
                bytes: entry.metadata()?.len(),
            });
        }
        backups.sort_by_key(|b| b.round);
        Ok(backups)
    }

    /// Restores a backup as a new negotiation file at `target` (never over an existing file) and
    /// opens it.
    pub fn restore(backup: &Path, target: &Path) -> Result<Store> {
        if target.exists() {
            return Err(Error::Invalid(format!(
                "{} already exists: restore to a new file",
                target.display()
            )));
        }
        let source = Store::open_read_only(backup)?;
        source.backup_to(target)?;
        drop(source);
        Store::open(target)
    }
}
