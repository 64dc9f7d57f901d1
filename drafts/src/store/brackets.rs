//! Brackets as objects: who holds each, why, the round it was placed in and the round it was lifted
//! in. Records follow the text: after every change of a paragraph's text they are matched against
//! the brackets the text holds.

use std::collections::HashMap;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::Store;
use super::{events, rows};
use crate::brackets::{self, Bracket};
use crate::model::ParagraphId;
use crate::Result;

/// One bracketed group of words and its life in the negotiation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BracketRecord {
    pub id: Uuid,
    pub paragraph: ParagraphId,
    /// The group as it stood in the text, brackets included.
    pub source: String,
    /// Delegations holding the bracket.
    pub holders: Vec<String>,
    /// Why it was placed.
    pub reason: String,
    pub placed_round: u32,
    /// The round it was lifted in; none while it is open.
    pub lifted_round: Option<u32>,
    /// How it was lifted: "kept \"…\"", "dropped", "removed by an edit".
    pub outcome: Option<String>,
}

impl Store {
    /// Every bracket record, open and lifted, in the order they were placed.
    pub fn bracket_log(&self) -> Result<Vec<BracketRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT b.id, p.id, b.source, b.holders, b.reason, b.placed_round, b.lifted_round,
                b.outcome
             FROM brackets b JOIN paragraphs p ON p.key = b.paragraph ORDER BY b.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, u32>(5)?,
                r.get::<_, Option<u32>>(6)?,
                r.get::<_, Option<String>>(7)?,
            ))
        })?;
        rows.map(|row| {
            let (id, paragraph, source, holders, reason, placed_round, lifted_round, outcome) =
                row?;
            Ok(BracketRecord {
                id: Uuid::parse_str(&id).map_err(|e| crate::Error::Corrupt(e.to_string()))?,
                paragraph: paragraph
                    .parse()
                    .map_err(|e: uuid::Error| crate::Error::Corrupt(e.to_string()))?,
                source,
                holders: rows::from_json(&holders)?,
                reason,
                placed_round,
                lifted_round,
                outcome,
            })
        })
        .collect()
    }
}

/// The characters of `text` that a bracket group spans.
pub(crate) fn source(text: &str, group: &Bracket) -> String {
    text.chars().skip(group.start).take(group.end.saturating_sub(group.start)).collect()
}

/// The sources of many groups, in one pass over the text.
fn sources(text: &str, groups: &[&Bracket]) -> Vec<String> {
    let mut wanted: Vec<usize> = groups.iter().flat_map(|g| [g.start, g.end]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut bytes: HashMap<usize, usize> = HashMap::with_capacity(wanted.len());
    let mut next = wanted.iter().peekable();
    for (char_index, (byte, _)) in text.char_indices().chain([(text.len(), ' ')]).enumerate() {
        while next.peek().is_some_and(|&&w| w == char_index) {
            bytes.insert(char_index, byte);
            next.next();
        }
        if next.peek().is_none() {
            break;
        }
    }
    groups
        .iter()
        .map(|g| match (bytes.get(&g.start), bytes.get(&g.end)) {
            (Some(&a), Some(&b)) if a <= b => text[a..b].to_string(),
            _ => source(text, g),
        })
        .collect()
}

fn flatten<'a>(groups: &'a [Bracket], out: &mut Vec<&'a Bracket>) {
    for g in groups {
        out.push(g);
        flatten(&g.nested, out);
    }
}

/// Matches the open records of a paragraph against the brackets in its text: records whose
/// bracket is gone are lifted, new brackets get records (with `new_meta` holders and reason when
/// the user placed them with the bracket command).
pub(crate) fn sync(
    conn: &Connection,
    round: u32,
    paragraph: ParagraphId,
    text: &str,
    new_meta: Option<(Vec<String>, String)>,
) -> Result<()> {
    let groups = brackets::parse(text).unwrap_or_default();
    let mut flat = Vec::new();
    flatten(&groups, &mut flat);
    let sources = sources(text, &flat);
    // The groups in the text, by source, not yet matched to an open record.
    let mut unmatched: HashMap<&str, Vec<&Bracket>> = HashMap::new();
    for (src, group) in sources.iter().zip(&flat) {
        unmatched.entry(src.as_str()).or_default().push(group);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, source FROM brackets WHERE paragraph = ?1 AND lifted_round IS NULL ORDER BY rowid",
    )?;
    let key = rows::ensure_key(conn, paragraph, round)?;
    let open: Vec<(String, String)> =
        stmt.query_map([key], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (id, src) in open {
        let matched = unmatched.get_mut(src.as_str()).and_then(|groups| groups.pop()).is_some();
        if !matched {
            conn.execute(
                "UPDATE brackets SET lifted_round = ?1, outcome = 'removed by an edit' WHERE id = ?2",
                params![round, id],
            )?;
            events::log(conn, round, Some(paragraph), "bracket_lifted", &src)?;
        }
    }
    let mut present: Vec<(&str, &Bracket)> = unmatched
        .into_iter()
        .flat_map(|(src, groups)| groups.into_iter().map(move |g| (src, g)))
        .collect();
    present.sort_by_key(|(_, g)| g.start);
    for (src, group) in present {
        let (holders, reason) = match &new_meta {
            Some((holders, reason)) if group.holders.is_empty() => {
                (holders.clone(), reason.clone())
            }
            Some((_, reason)) => (group.holders.clone(), reason.clone()),
            None => (group.holders.clone(), String::new()),
        };
        conn.execute(
            "INSERT INTO brackets (id, paragraph, source, holders, reason, placed_round)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![Uuid::new_v4().to_string(), key, src, rows::to_json(&holders), reason, round],
        )?;
        let detail = match reason.trim() {
            "" => src.to_string(),
            reason => format!("{src} — {reason}"),
        };
        events::log(conn, round, Some(paragraph), "bracket_placed", &detail)?;
    }
    Ok(())
}

/// Lifts the open record of a bracket group with an explicit outcome (before the text changes).
pub(crate) fn lift(
    conn: &Connection,
    round: u32,
    paragraph: ParagraphId,
    source: &str,
    outcome: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE brackets SET lifted_round = ?1, outcome = ?2 WHERE rowid = (
            SELECT b.rowid FROM brackets b JOIN paragraphs p ON p.key = b.paragraph
            WHERE p.id = ?3 AND b.source = ?4 AND b.lifted_round IS NULL
            ORDER BY b.rowid LIMIT 1)",
        params![round, outcome, paragraph.to_string(), source],
    )?;
    events::log(conn, round, Some(paragraph), "bracket_lifted", &format!("{source}: {outcome}"))
}
