//! Row-level reading and writing shared by the store's operations.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::model::{Paragraph, ParagraphId, ParagraphKind, Round, RoundState};
use crate::{Error, Result};

/// A paragraph as stored in one round: its content, place and the version row it points at.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub paragraph: Paragraph,
    pub position: f64,
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("model types always serialize")
}

pub(crate) fn from_json<T: DeserializeOwned>(s: &str) -> Result<T> {
    serde_json::from_str(s).map_err(|e| Error::Corrupt(format!("unreadable stored value: {e}")))
}

pub(crate) fn parse_time(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::Corrupt(format!("unreadable time {s}: {e}")))
}

fn parse_date(s: &str) -> Result<NaiveDate> {
    s.parse().map_err(|e| Error::Corrupt(format!("unreadable date {s}: {e}")))
}

fn parse_id(s: &str) -> Result<ParagraphId> {
    s.parse().map_err(|e| Error::Corrupt(format!("unreadable paragraph id {s}: {e}")))
}

fn round_from((number, label, date, state, closed, fingerprint): RoundColumns) -> Result<Round> {
    Ok(Round {
        number,
        label,
        date: parse_date(&date)?,
        state: if state == "closed" { RoundState::Closed } else { RoundState::Open },
        closed_at: closed.as_deref().map(parse_time).transpose()?,
        fingerprint,
    })
}

const ROUND_COLUMNS: &str = "SELECT number, label, date, state, closed_at, fingerprint FROM rounds";

type RoundColumns = (u32, String, String, String, Option<String>, Option<String>);

fn round_columns(r: &rusqlite::Row<'_>) -> rusqlite::Result<RoundColumns> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
}

pub(crate) fn rounds(conn: &Connection) -> Result<Vec<Round>> {
    let mut stmt = conn.prepare(&format!("{ROUND_COLUMNS} ORDER BY number"))?;
    let rows = stmt.query_map([], round_columns)?;
    rows.map(|row| round_from(row?)).collect()
}

pub(crate) fn round(conn: &Connection, number: u32) -> Result<Round> {
    let columns = conn
        .query_row(&format!("{ROUND_COLUMNS} WHERE number = ?1"), [number], round_columns)
        .optional()?
        .ok_or(Error::UnknownRound(number))?;
    round_from(columns)
}

pub(crate) fn open_round(conn: &Connection) -> Result<Round> {
    let columns = conn
        .query_row(&format!("{ROUND_COLUMNS} WHERE state = 'open'"), [], round_columns)
        .optional()?
        .ok_or_else(|| Error::Corrupt("the file has no open round".into()))?;
    round_from(columns)
}

const ROW_COLUMNS: &str = "SELECT rp.paragraph_id, rp.position, rp.label, v.kind,
        v.parent_id, v.text, v.status, v.footnotes, v.proposers, v.notes
    FROM round_paragraphs rp JOIN paragraph_versions v ON v.id = rp.version_id";

type RowColumns =
    (String, f64, String, String, Option<String>, String, String, String, String, String);

fn row_columns(r: &rusqlite::Row<'_>) -> rusqlite::Result<RowColumns> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

fn row_from(c: RowColumns) -> Result<Row> {
    let (id, position, label, kind, parent, text, status, foot, prop, notes) = c;
    Ok(Row {
        paragraph: Paragraph {
            id: parse_id(&id)?,
            kind: ParagraphKind::parse(&kind)
                .ok_or_else(|| Error::Corrupt(format!("unknown paragraph kind {kind}")))?,
            parent: parent.as_deref().map(parse_id).transpose()?,
            text,
            status: from_json(&status)?,
            footnotes: from_json(&foot)?,
            proposers: from_json(&prop)?,
            notes,
            label,
        },
        position,
    })
}

/// Every paragraph of a round, in document order.
pub(crate) fn load(conn: &Connection, round: u32) -> Result<Vec<Row>> {
    let mut stmt =
        conn.prepare_cached(&format!("{ROW_COLUMNS} WHERE rp.round = ?1 ORDER BY rp.position"))?;
    let rows = stmt.query_map([round], row_columns)?;
    rows.map(|r| row_from(r?)).collect()
}

/// One paragraph of a round.
pub(crate) fn load_one(conn: &Connection, round: u32, id: ParagraphId) -> Result<Row> {
    let mut stmt = conn
        .prepare_cached(&format!("{ROW_COLUMNS} WHERE rp.round = ?1 AND rp.paragraph_id = ?2"))?;
    let columns = stmt
        .query_row(params![round, id.to_string()], row_columns)
        .optional()?
        .ok_or_else(|| Error::UnknownParagraph(id.to_string()))?;
    row_from(columns)
}

/// Writes a paragraph's content and place into the open round. The version row is updated in
/// place when it was made in this round, and a new version is added when it is shared with a
/// closed round.
pub(crate) fn write(conn: &Connection, round: u32, row: &Row) -> Result<()> {
    let p = &row.paragraph;
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM paragraphs WHERE id = ?1)",
        [p.id.to_string()],
        |r| r.get(0),
    )?;
    if !exists {
        conn.execute(
            "INSERT INTO paragraphs (id, created_round) VALUES (?1, ?2)",
            params![p.id.to_string(), round],
        )?;
    }
    let content = params![
        p.kind.as_str(),
        p.parent.map(|id| id.to_string()),
        p.text,
        to_json(&p.status),
        to_json(&p.footnotes),
        to_json(&p.proposers),
        p.notes,
    ];
    let current: Option<(i64, u32)> = conn
        .query_row(
            "SELECT v.id, v.round FROM round_paragraphs rp JOIN paragraph_versions v
             ON v.id = rp.version_id WHERE rp.round = ?1 AND rp.paragraph_id = ?2",
            params![round, p.id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let version_id = match current {
        Some((id, version_round)) if version_round == round => {
            let mut stmt = conn.prepare_cached(
                "UPDATE paragraph_versions SET kind = ?1, parent_id = ?2, text = ?3, status = ?4,
                    footnotes = ?5, proposers = ?6, notes = ?7 WHERE id = ?8",
            )?;
            let mut values: Vec<&dyn rusqlite::ToSql> = content.to_vec();
            values.push(&id);
            stmt.execute(values.as_slice())?;
            id
        }
        Some((id, _)) if same_content(conn, id, p)? => id,
        _ => {
            let mut stmt = conn.prepare_cached(
                "INSERT INTO paragraph_versions (kind, parent_id, text, status, footnotes,
                    proposers, notes, paragraph_id, round) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let id_text = p.id.to_string();
            let mut values: Vec<&dyn rusqlite::ToSql> = content.to_vec();
            values.push(&id_text);
            values.push(&round);
            stmt.execute(values.as_slice())?;
            conn.last_insert_rowid()
        }
    };
    conn.prepare_cached(
        "INSERT INTO round_paragraphs (round, paragraph_id, version_id, position, label)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (round, paragraph_id) DO UPDATE SET version_id = excluded.version_id,
            position = excluded.position, label = excluded.label",
    )?
    .execute(params![round, p.id.to_string(), version_id, row.position, p.label])?;
    Ok(())
}

fn same_content(conn: &Connection, version_id: i64, p: &Paragraph) -> Result<bool> {
    let stored = conn.query_row(
        "SELECT kind, parent_id, text, status, footnotes, proposers, notes
         FROM paragraph_versions WHERE id = ?1",
        [version_id],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        },
    )?;
    Ok(stored
        == (
            p.kind.as_str().to_string(),
            p.parent.map(|id| id.to_string()),
            p.text.clone(),
            to_json(&p.status),
            to_json(&p.footnotes),
            to_json(&p.proposers),
            p.notes.clone(),
        ))
}

/// Removes a paragraph from the open round entirely (used only by undo of an insertion).
pub(crate) fn remove(conn: &Connection, round: u32, id: ParagraphId) -> Result<()> {
    let version: Option<(i64, u32)> = conn
        .query_row(
            "SELECT v.id, v.round FROM round_paragraphs rp JOIN paragraph_versions v
             ON v.id = rp.version_id WHERE rp.round = ?1 AND rp.paragraph_id = ?2",
            params![round, id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    conn.execute(
        "DELETE FROM round_paragraphs WHERE round = ?1 AND paragraph_id = ?2",
        params![round, id.to_string()],
    )?;
    if let Some((version_id, version_round)) = version {
        if version_round == round {
            conn.execute("DELETE FROM paragraph_versions WHERE id = ?1", [version_id])?;
        }
    }
    Ok(())
}

/// Records an entry in the negotiation's log.
pub(crate) fn log(
    conn: &Connection,
    round: u32,
    paragraph: Option<ParagraphId>,
    action: &str,
    detail: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO events (at, round, paragraph_id, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        Utc::now().to_rfc3339(),
        round,
        paragraph.map(|id| id.to_string()),
        action,
        detail
    ])?;
    Ok(())
}

/// Fails unless `name` is on the roster.
pub(crate) fn require_delegation(conn: &Connection, name: &str) -> Result<()> {
    let exists: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM delegations WHERE name = ?1)", [name], |r| {
            r.get(0)
        })?;
    if exists {
        Ok(())
    } else {
        Err(Error::UnknownDelegation(name.to_string()))
    }
}
