//! The negotiation file: one SQLite database per negotiation.
//!
//! Every user action is one transaction. A round's text is the `spans` covering it, each putting a
//! paragraph at a version (`versions`, pointing at compressed `texts`) over consecutive rounds;
//! closing a round freezes what it reads, and triggers in the schema refuse any later change to
//! it, whoever writes to the file.

mod brackets;
mod chain;
mod circulate;
mod compact;
mod events;
mod fingerprints;
mod import;
mod integrity;
mod labels;
mod language_import;
mod languages;
mod paragraphs;
mod proposals;
mod round_labels;
mod rounds;
mod rows;
mod signing;
mod steps;
mod texts;
mod undo;
mod word_proposals;

use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::{params, Connection, OpenFlags};
use rusqlite_migration::{HookError, Migrations, M};
use uuid::Uuid;

use crate::model::{Delegation, DelegationKind, HouseStyle, Negotiation, NegotiationMeta, Round};
use crate::{Error, Result};

pub use brackets::BracketRecord;
pub use events::Event;
pub use import::{
    Correspondence, PlannedParagraph, RemovedParagraph, RevisionCorrection, RevisionImport,
    RevisionPlan,
};
pub use integrity::{Backup, RoundCheck, Verification};
pub use language_import::{
    PlannedTranslation, TranslationCorrection, TranslationPlan, UnmatchedParagraph,
};
pub use languages::NOT_TRANSLATED;
pub use paragraphs::{NewParagraph, Placement, StatusChange};
pub use proposals::{
    Compilation, CompilationEntry, CompiledProposal, ProposalRecord, ProposalRequest,
    ProposalsImport, Standing,
};
pub use rounds::{CloseRound, Renumbered};
pub use rounds::{HistoryEntry, ParagraphHistory};

/// The schema migrations, in order. Add-only: never edit a released one.
const MIGRATION_SQL: [&str; 12] = [
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_indexes.sql"),
    include_str!("migrations/003_fingerprints.sql"),
    include_str!("migrations/004_version_guard.sql"),
    include_str!("migrations/005_proposals.sql"),
    include_str!("migrations/006_compact_storage.sql"),
    include_str!("migrations/007_private_notes.sql"),
    include_str!("migrations/008_delegation_keys.sql"),
    include_str!("migrations/009_opening_labels.sql"),
    include_str!("migrations/010_language_versions.sql"),
    include_str!("migrations/011_chained_changes.sql"),
    include_str!("migrations/012_dictionary_and_plain_statuses.sql"),
];

/// The indexes in [`MIGRATION_SQL`] of the migrations whose data conversion is Rust code run in
/// the same transaction: compact storage ([`compact::convert`]), fingerprints without the
/// private notes ([`fingerprints::leave_out_notes`]), each round's opening labels stored
/// ([`labels::fill`]) and fingerprints of what each round changed
/// ([`fingerprints::chain_changes`]).
const COMPACT_STORAGE: usize = 5;
const PRIVATE_NOTES: usize = 6;
const OPENING_LABELS: usize = 8;
const CHAINED_CHANGES: usize = 10;

fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATION_SQL
            .iter()
            .enumerate()
            .map(|(i, sql)| match i {
                COMPACT_STORAGE => M::up_with_hook(sql, compact::convert),
                PRIVATE_NOTES => M::up_with_hook(sql, fingerprints::leave_out_notes),
                OPENING_LABELS => M::up_with_hook(sql, |tx: &rusqlite::Transaction| {
                    labels::fill(tx).map_err(|e| HookError::Hook(e.to_string()))
                }),
                CHAINED_CHANGES => M::up_with_hook(sql, fingerprints::chain_changes),
                _ => M::up(sql),
            })
            .collect(),
    )
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATION_SQL.len() as i64;

/// An open negotiation file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    undo: undo::Journal,
    /// The exclusive lock that makes this store the file's one writer; none when read-only.
    lock: Option<std::fs::File>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Store {
    /// Creates a new negotiation file at `path` with the OAS roster and round 1 open.
    /// Fails if the file already exists.
    pub fn create(path: &Path, meta: NegotiationMeta) -> Result<Store> {
        if path.exists() {
            return Err(Error::Invalid(format!("{} already exists", path.display())));
        }
        let mut conn =
            connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)?;
        let writer = writer_lock(path)?;
        migrations().to_latest(&mut conn).map_err(|e| Error::Migration(e.to_string()))?;
        let tx = conn.transaction()?;
        let now = Utc::now();
        tx.execute(
            "INSERT INTO negotiation (singleton, id, title, symbol, body, session, language,
                house_style, whole_text_ad_referendum, created_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                Uuid::new_v4().to_string(),
                meta.title,
                meta.symbol,
                meta.body,
                meta.session,
                meta.language,
                house_style_str(meta.house_style),
                serde_json::to_string(&meta.whole_text_ad_referendum).expect("names serialize"),
                now.to_rfc3339(),
            ],
        )?;
        for (i, d) in crate::model::oas_roster().iter().enumerate() {
            tx.execute(
                "INSERT INTO delegations (name, kind, position) VALUES (?1, ?2, ?3)",
                params![d.name, d.kind.as_str(), i as i64],
            )?;
        }
        tx.execute(
            "INSERT INTO rounds (number, label, date, state) VALUES (1, 'Round 1', ?1, 'open')",
            params![now.date_naive().to_string()],
        )?;
        events::log(&tx, 1, None, "negotiation_created", &meta.title)?;
        record_writer(&tx)?;
        tx.commit()?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            undo: undo::Journal::default(),
            lock: Some(writer),
        })
    }

    /// Opens an existing negotiation file for writing, upgrading an older schema in place. Only one
    /// writer at a time: a file open elsewhere for writing fails with [`Error::InUse`].
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, true)
    }

    /// Opens a negotiation file read-only, e.g. while another window writes to it.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Self::open_with(path, false)
    }

    fn open_with(path: &Path, write: bool) -> Result<Store> {
        if !path.is_file() {
            return Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} does not exist", path.display()),
            )));
        }
        let shown = path.display().to_string();
        let flags = if write {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        } else {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        };
        let lock = if write { Some(writer_lock(path)?) } else { None };
        let mut conn = connect(path, flags).map_err(|e| classify_open_error(e, &shown))?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| classify_open_error(Error::Database(e), &shown))?;
        if version > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                path: shown,
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        let has_negotiation = rows::has_table(&conn, "negotiation")
            .map_err(|e| classify_open_error(Error::Database(e), &shown))?;
        if version == 0 || !has_negotiation {
            return Err(Error::NotANegotiation { path: shown });
        }
        // Before writing, make sure the file is sound; a reader meets damage as `corrupt` errors.
        if write {
            let integrity: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            if integrity != "ok" {
                return Err(Error::Corrupt(integrity));
            }
        }
        if version < SCHEMA_VERSION {
            if !write {
                return Err(Error::Invalid(format!(
                    "{shown} was written by an older version of Accord: open it once for writing \
                     to upgrade it"
                )));
            }
            migrations().to_latest(&mut conn).map_err(|e| Error::Migration(e.to_string()))?;
            // Conversions rebuild tables (schemas 6 and 12) and leave the old ones' pages free:
            // give them back.
            conn.execute_batch("VACUUM")?;
        }
        let store = Store { conn, path: path.to_path_buf(), undo: undo::Journal::default(), lock };
        store.negotiation().map_err(|_| Error::NotANegotiation { path: shown })?;
        if write && store.written_by()?.as_deref() != Some(crate::VERSION) {
            record_writer(&store.conn)?;
        }
        Ok(store)
    }

    /// The version of the Accord that last wrote the file ("0.1.0"); none for files written
    /// before versions were recorded and not opened for writing since.
    pub fn written_by(&self) -> Result<Option<String>> {
        rows::setting(&self.conn, WRITER_SETTING)
    }

    /// Whether this store can change the file.
    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The raw connection, for tests of the schema's own guarantees.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The negotiation's document-level facts.
    pub fn negotiation(&self) -> Result<Negotiation> {
        self.conn
            .query_row(
                "SELECT id, title, symbol, body, session, language, house_style,
                        whole_text_ad_referendum, created_at FROM negotiation",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                        r.get::<_, String>(8)?,
                    ))
                },
            )
            .map_err(Error::from)
            .and_then(|(id, title, symbol, body, session, language, style, whole, created)| {
                Ok(Negotiation {
                    id: Uuid::parse_str(&id).map_err(|e| Error::Corrupt(e.to_string()))?,
                    title,
                    symbol,
                    body,
                    session,
                    language,
                    house_style: parse_house_style(&style)?,
                    whole_text_ad_referendum: rows::from_json(&whole)?,
                    created_at: rows::parse_time(&created)?,
                })
            })
    }

    /// Changes the document-level facts (title, symbol, session, style, whole-text ad referendum).
    pub fn update_negotiation(&mut self, meta: NegotiationMeta) -> Result<()> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        for name in &meta.whole_text_ad_referendum {
            rows::require_delegation(&tx, name)?;
        }
        tx.execute(
            "UPDATE negotiation SET title = ?1, symbol = ?2, body = ?3, session = ?4, language = ?5,
                house_style = ?6, whole_text_ad_referendum = ?7",
            params![
                meta.title,
                meta.symbol,
                meta.body,
                meta.session,
                meta.language,
                house_style_str(meta.house_style),
                rows::to_json(&meta.whole_text_ad_referendum),
            ],
        )?;
        events::log(&tx, round.number, None, "negotiation_updated", &rows::to_json(&meta))?;
        tx.commit()?;
        Ok(())
    }

    /// The roster of delegations, in roster order.
    pub fn delegations(&self) -> Result<Vec<Delegation>> {
        let mut stmt = self.conn.prepare("SELECT name, kind FROM delegations ORDER BY position")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        rows.map(|row| {
            let (name, kind) = row?;
            let kind = DelegationKind::parse(&kind)
                .ok_or_else(|| Error::Corrupt(format!("unknown delegation kind {kind}")))?;
            Ok(Delegation { name, kind })
        })
        .collect()
    }

    /// Adds a delegation (a member state, an observer, or a whole UN roster one by one).
    pub fn add_delegation(&mut self, delegation: Delegation) -> Result<()> {
        let name = delegation.name.trim().to_string();
        if name.is_empty() {
            return Err(Error::Invalid("a delegation needs a name".into()));
        }
        let tx = self.chair_transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM delegations WHERE name = ?1)",
            [&name],
            |r| r.get(0),
        )?;
        if exists {
            return Err(Error::DuplicateDelegation(name));
        }
        let kind = delegation.kind.as_str();
        tx.execute(
            "INSERT INTO delegations (name, kind, position)
             VALUES (?1, ?2, (SELECT COALESCE(MAX(position), -1) + 1 FROM delegations))",
            params![name, kind],
        )?;
        let round = rows::open_round(&tx)?;
        events::log(&tx, round.number, None, "delegation_added", &name)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the roster with the given one, e.g. a UN roster.
    pub fn replace_roster(&mut self, roster: &[Delegation]) -> Result<()> {
        let tx = self.chair_transaction()?;
        tx.execute("DELETE FROM delegations", [])?;
        for (i, d) in roster.iter().enumerate() {
            let kind = d.kind.as_str();
            tx.execute(
                "INSERT INTO delegations (name, kind, position) VALUES (?1, ?2, ?3)",
                params![d.name.trim(), kind, i as i64],
            )?;
        }
        let round = rows::open_round(&tx)?;
        events::log(&tx, round.number, None, "roster_replaced", &roster.len().to_string())?;
        tx.commit()?;
        Ok(())
    }

    /// All rounds, oldest first.
    pub fn rounds(&self) -> Result<Vec<Round>> {
        rows::rounds(&self.conn)
    }

    /// Round `number` (`unknown_round` if the negotiation has none).
    pub fn round(&self, number: u32) -> Result<Round> {
        rows::round(&self.conn, number)
    }

    /// The round being negotiated now.
    pub fn current_round(&self) -> Result<Round> {
        rows::open_round(&self.conn)
    }

    /// Refuses at a delegation's copy, where changes to the text are proposals.
    pub(crate) fn require_chair(&self) -> Result<()> {
        match proposals::acting(&self.conn)? {
            Some(delegation) => Err(Error::DelegationMode { delegation }),
            None => Ok(()),
        }
    }

    /// Starts a transaction that may change the text: refused in delegation mode.
    pub(crate) fn chair_transaction(&mut self) -> Result<rusqlite::Transaction<'_>> {
        self.require_chair()?;
        Ok(self.conn.transaction()?)
    }

    fn round_or_current(&self, round: Option<u32>) -> Result<Round> {
        match round {
            Some(n) => rows::round(&self.conn, n),
            None => rows::open_round(&self.conn),
        }
    }
}

/// Takes the exclusive advisory lock that makes a store the file's one writer. The operating
/// system releases it when the process ends, so a crash leaves no stale lock behind.
/// A writer that has just let go (a process still exiting, or a child forked while the lock was
/// held and not yet past `exec`) is waited for this long before the file counts as in use.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_millis(500);

fn writer_lock(path: &Path) -> Result<std::fs::File> {
    let file = std::fs::File::options().read(true).write(true).open(path)?;
    let started = std::time::Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_PATIENCE => {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::InUse { path: path.display().to_string() });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::Io(e)),
        }
    }
}

fn connect(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if flags.contains(OpenFlags::SQLITE_OPEN_READ_ONLY) {
        return Ok(conn);
    }
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Corrupt(format!("could not switch the journal to WAL (got {mode})")));
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(conn)
}

fn classify_open_error(error: Error, path: &str) -> Error {
    match &error {
        Error::Database(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Error::NotANegotiation { path: path.to_string() }
        }
        Error::Database(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::DatabaseCorrupt =>
        {
            Error::Corrupt(format!("{path}: {e}"))
        }
        // A damaged header (its schema format number) reads as a format no SQLite knows: the
        // file is an SQLite file, damaged.
        Error::Database(rusqlite::Error::SqliteFailure(_, Some(message)))
            if message == "unsupported file format" =>
        {
            Error::Corrupt(format!("{path}: the file's header is damaged ({message})"))
        }
        _ => error,
    }
}

fn house_style_str(style: HouseStyle) -> &'static str {
    match style {
        HouseStyle::Oas => "oas",
        HouseStyle::Un => "un",
    }
}

fn parse_house_style(s: &str) -> Result<HouseStyle> {
    match s {
        "oas" => Ok(HouseStyle::Oas),
        "un" => Ok(HouseStyle::Un),
        other => Err(Error::Corrupt(format!("unknown house style {other}"))),
    }
}

#[cfg(test)]
mod circulate_tests;
#[cfg(test)]
mod label_tests;
#[cfg(test)]
mod proposal_tests;
#[cfg(test)]
mod tests;

/// The setting that names the Accord version that last wrote the file.
const WRITER_SETTING: &str = "accord_version";

/// Records this Accord's version as the file's last writer.
fn record_writer(conn: &Connection) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![WRITER_SETTING, crate::VERSION],
    )?;
    Ok(())
}
