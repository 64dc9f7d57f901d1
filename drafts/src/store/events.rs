//! The negotiation's log: every change recorded as an event (time, round, paragraph, action and
//! detail, or a pointer to the text it wrote), read back for a paragraph's history, a round's
//! lineage and the rule that a close stands once something happened after it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rows::ensure_key;
use super::{texts, Store};
use crate::diff::RoundDiff;
use crate::model::ParagraphId;
use crate::{Error, Result};

/// An entry of the negotiation's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub round: u32,
    pub paragraph: Option<ParagraphId>,
    /// "edited", "reopened", "status", "silence_broken", "bracket_placed"…
    pub action: String,
    pub detail: String,
}

impl Store {
    /// Says, on the paragraphs a revision split off or merged away between the two rounds, where
    /// they came from or went.
    pub(super) fn attach_lineage(&self, diff: &mut RoundDiff) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, e.action, e.detail FROM events e JOIN paragraphs p ON p.key = e.paragraph
             WHERE e.round > ?1 AND e.round <= ?2 AND e.action IN ('split_from', 'merged_into')",
        )?;
        let mut rows = stmt.query(params![diff.from, diff.to])?;
        let at: HashMap<ParagraphId, usize> =
            diff.changes.iter().enumerate().map(|(i, change)| (change.id, i)).collect();
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let Some(&i) = id.parse().ok().and_then(|id: ParagraphId| at.get(&id)) else {
                continue;
            };
            let change = &mut diff.changes[i];
            let (action, detail): (String, String) = (r.get(1)?, r.get(2)?);
            let relation = if action == "split_from" { "split from" } else { "merged into" };
            change.lineage = Some(format!("{relation} {detail}"));
        }
        Ok(())
    }

    /// The log, for one paragraph or for the whole negotiation, oldest first.
    pub fn events(&self, paragraph: Option<ParagraphId>) -> Result<Vec<Event>> {
        let mut stmt = self.conn.prepare(
            "SELECT e.at, e.round, p.id, e.action, e.detail, t.body, b.body FROM events e
             LEFT JOIN paragraphs p ON p.key = e.paragraph
             LEFT JOIN texts t ON t.id = e.text LEFT JOIN texts b ON b.id = t.base
             WHERE ?1 IS NULL OR e.paragraph = (SELECT key FROM paragraphs WHERE id = ?1)
             ORDER BY e.id",
        )?;
        let mut rows = stmt.query([paragraph.map(|p| p.to_string())])?;
        let mut events = Vec::new();
        while let Some(r) = rows.next()? {
            let detail = match r.get::<_, Option<String>>(4)? {
                Some(detail) => detail,
                None => texts::read(r.get_ref(5)?, r.get_ref(6)?)?,
            };
            events.push(Event {
                at: DateTime::from_timestamp_nanos(r.get(0)?),
                round: r.get(1)?,
                paragraph: r
                    .get::<_, Option<String>>(2)?
                    .map(|p| p.parse().map_err(|e: uuid::Error| Error::Corrupt(e.to_string())))
                    .transpose()?,
                action: r.get(3)?,
                detail,
            });
        }
        Ok(events)
    }
}

/// The time of an event as stored: nanoseconds since 1970 (UTC).
pub(crate) fn event_time(at: DateTime<Utc>) -> Result<i64> {
    at.timestamp_nanos_opt()
        .ok_or_else(|| Error::Invalid(format!("{at} is out of the range of event times")))
}

/// Records an entry in the negotiation's log; `text` points at a stored text that is the detail.
fn record(
    conn: &Connection,
    round: u32,
    paragraph: Option<ParagraphId>,
    action: &str,
    detail: Detail<'_>,
) -> Result<()> {
    let key = paragraph.map(|id| ensure_key(conn, id, round)).transpose()?;
    let (detail, text) = match detail {
        Detail::Words(words) => (Some(words), None),
        Detail::Text(id) => (None, Some(id)),
    };
    conn.prepare_cached(
        "INSERT INTO events (at, round, paragraph, action, detail, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![event_time(Utc::now())?, round, key, action, detail, text])?;
    Ok(())
}

/// An event's detail: words, or a paragraph's text stored as `texts` row.
enum Detail<'a> {
    Words(&'a str),
    Text(i64),
}

/// Records an entry in the negotiation's log.
pub(crate) fn log(
    conn: &Connection,
    round: u32,
    paragraph: Option<ParagraphId>,
    action: &str,
    detail: &str,
) -> Result<()> {
    record(conn, round, paragraph, action, Detail::Words(detail))
}

/// Records an entry in the log whose detail is a paragraph's text, stored as text `text`.
pub(crate) fn log_text(
    conn: &Connection,
    round: u32,
    paragraph: ParagraphId,
    action: &str,
    text: i64,
) -> Result<()> {
    record(conn, round, Some(paragraph), action, Detail::Text(text))
}

/// What happened in the open round `open` since the round before it closed, as a reason the
/// close must stand; none when nothing did.
pub(super) fn since_the_close(conn: &rusqlite::Connection, open: u32) -> Result<Option<String>> {
    let first: Option<(String, Option<String>)> = conn
        .query_row(
            "SELECT action, detail FROM events WHERE round = ?1 ORDER BY id LIMIT 1",
            [open],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(first.map(|(action, detail)| {
        let detail = detail.unwrap_or_default();
        match action.as_str() {
            "exported" => format!("its text has left the desk ({detail} exported)"),
            "circulated" => format!("a copy was circulated to {detail}"),
            _ => format!("round {open} already has changes; undo them first"),
        }
    }))
}
