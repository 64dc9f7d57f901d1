//! The data conversion of migration 5 (compact storage), run in the migration's transaction: the
//! schema-4 tables `paragraph_versions`, `round_paragraphs`, `events_v4` and `round_diffs_v4`
//! become `texts`, `versions`, `spans`, `working_labels`, `events` and `round_diffs`, and are
//! dropped. Every round reads the same paragraphs afterwards, so fingerprints still match.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rusqlite_migration::{HookError, HookResult};

use super::rows::{self, key_id};
use super::{events, texts};
use crate::model::{Paragraph, ParagraphKind, Status};
use crate::{Error, Result};

/// The hook of migration 5.
pub(super) fn convert(tx: &Transaction) -> HookResult {
    convert_v4(tx).map_err(|e| HookError::Hook(e.to_string()))
}

/// Actions whose detail is the paragraph's new text.
const TEXT_DETAILS: [&str; 2] = ["edited", "bracketed_words"];

/// Spacing of positions given to paragraphs that moved or arrived.
const POSITION_STEP: f64 = 1024.0;

fn convert_v4(conn: &Connection) -> Result<()> {
    // Spans of closed rounds are written here, which the schema otherwise refuses.
    rows::with_guards_lifted(conn, &["closed_span_insert"], || {
        let mut converter = Converter { conn, keys: HashMap::new(), texts: HashMap::new() };
        let versions = converter.versions()?;
        converter.spans(&versions)?;
        converter.events()?;
        converter.diffs()?;
        conn.execute_batch(
            "DROP TABLE round_paragraphs;
             DROP TABLE paragraph_versions;
             DROP TABLE events_v4;
             DROP TABLE round_diffs_v4;",
        )?;
        Ok(())
    })
}

/// A version's place in the outline: what label computations need.
#[derive(Clone)]
struct Outline {
    key: i64,
    kind: ParagraphKind,
    parent: Option<i64>,
    status: Status,
}

/// A paragraph of a schema-4 round: key, version and label.
type RoundRow = (i64, i64, String);

/// A span being built: paragraph `key` at `place` from `first` to `last`.
struct Building {
    first: u32,
    last: u32,
    version: i64,
    position: f64,
    label: Option<String>,
}

struct Converter<'c> {
    conn: &'c Connection,
    /// Paragraph ids to keys.
    keys: HashMap<String, i64>,
    /// Texts stored so far, by paragraph and content, and each paragraph's anchor.
    texts: HashMap<i64, ParagraphTexts>,
}

#[derive(Default)]
struct ParagraphTexts {
    ids: HashMap<String, i64>,
    anchor: Option<(i64, String)>,
}

impl Converter<'_> {
    /// The key of a paragraph id, registering an id the `paragraphs` table lacks.
    fn key(&mut self, id: &str) -> Result<i64> {
        if let Some(key) = self.keys.get(id) {
            return Ok(*key);
        }
        let found: Option<i64> = self
            .conn
            .query_row("SELECT key FROM paragraphs WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        let key = match found {
            Some(key) => key,
            None => {
                self.conn.execute(
                    "INSERT INTO paragraphs (id, created_round, key) VALUES
                     (?1, (SELECT MIN(number) FROM rounds), (SELECT IFNULL(MAX(key), 0) + 1 FROM paragraphs))",
                    [id],
                )?;
                self.conn
                    .query_row("SELECT key FROM paragraphs WHERE id = ?1", [id], |r| r.get(0))?
            }
        };
        self.keys.insert(id.to_string(), key);
        Ok(key)
    }

    /// The id of `text` as a text of paragraph `key`, stored (against the paragraph's anchor) if
    /// it is new.
    fn text(&mut self, key: i64, text: &str) -> Result<i64> {
        let known = self.texts.entry(key).or_default();
        if let Some(id) = known.ids.get(text) {
            return Ok(*id);
        }
        let anchor = known.anchor.as_ref().map(|(id, t)| (*id, t.as_str()));
        let id = texts::store(self.conn, text, anchor)?;
        if texts::anchor_of(self.conn, id)? == id {
            known.anchor = Some((id, text.to_string()));
        }
        known.ids.insert(text.to_string(), id);
        Ok(id)
    }

    /// Copies every version (same ids), its text stored once; returns each one's outline.
    fn versions(&mut self) -> Result<HashMap<i64, Outline>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, paragraph_id, round, kind, parent_id, text, status, footnotes, proposers,
                    notes FROM paragraph_versions ORDER BY id",
        )?;
        let old: Vec<OldVersion> = stmt
            .query_map([], |r| {
                Ok(OldVersion {
                    id: r.get(0)?,
                    paragraph: r.get(1)?,
                    round: r.get(2)?,
                    kind: r.get(3)?,
                    parent: r.get(4)?,
                    text: r.get(5)?,
                    status: r.get(6)?,
                    footnotes: r.get(7)?,
                    proposers: r.get(8)?,
                    notes: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut outlines = HashMap::new();
        for v in old {
            let key = self.key(&v.paragraph)?;
            let parent = v.parent.as_deref().map(|p| self.key(p)).transpose()?;
            let text = self.text(key, &v.text)?;
            self.conn.execute(
                "INSERT INTO versions (id, paragraph, round, kind, parent, text, status, footnotes,
                    proposers, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    v.id,
                    key,
                    v.round,
                    v.kind,
                    parent,
                    text,
                    v.status,
                    v.footnotes,
                    v.proposers,
                    v.notes
                ],
            )?;
            let kind = ParagraphKind::parse(&v.kind)
                .ok_or_else(|| Error::Corrupt(format!("unknown paragraph kind {}", v.kind)))?;
            let status = rows::from_json(&v.status)?;
            outlines.insert(v.id, Outline { key, kind, parent, status });
        }
        Ok(outlines)
    }

    /// Turns the per-round rows into spans, and fills `working_labels` for the open round.
    fn spans(&mut self, versions: &HashMap<i64, Outline>) -> Result<()> {
        let open: Option<u32> = self
            .conn
            .query_row("SELECT number FROM rounds WHERE state = 'open'", [], |r| r.get(0))
            .optional()?;
        let by_round = self.rows_by_round()?;
        let (done, before_open) = runs(by_round, versions, open)?;
        let mut insert = self.conn.prepare(
            "INSERT INTO spans (paragraph, first_round, last_round, version, position, label)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (key, span) in done {
            let last = (Some(span.last) != open).then_some(span.last);
            let Building { first, version, position, label, .. } = span;
            insert.execute(params![key, first, last, version, position, label])?;
        }
        if let Some(before) = before_open {
            let mut stmt = self
                .conn
                .prepare("INSERT INTO working_labels (paragraph, label) VALUES (?1, ?2)")?;
            for (key, label) in opening_labels(&before) {
                stmt.execute(params![key, label])?;
            }
        }
        Ok(())
    }

    /// The old per-round rows, round by round in order, each round's in document order.
    fn rows_by_round(&mut self) -> Result<Vec<(u32, Vec<RoundRow>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT round, paragraph_id, version_id, label FROM round_paragraphs
             ORDER BY round, position",
        )?;
        let old: Vec<(u32, String, i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut by_round: Vec<(u32, Vec<RoundRow>)> = Vec::new();
        for (round, paragraph, version, label) in old {
            let key = self.key(&paragraph)?;
            match by_round.last_mut() {
                Some((r, rows)) if *r == round => rows.push((key, version, label)),
                _ => by_round.push((round, vec![(key, version, label)])),
            }
        }
        Ok(by_round)
    }

    /// Copies the log: times as integers, paragraphs by key, texts by reference.
    fn events(&mut self) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT id, at, round, paragraph_id, action, detail FROM events_v4 ORDER BY id",
        )?;
        let old: Vec<(i64, String, u32, Option<String>, String, String)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (id, at, round, paragraph, action, detail) in old {
            let at = events::event_time(rows::parse_time(&at)?)?;
            let key = paragraph.as_deref().map(|p| self.key(p)).transpose()?;
            let known = key.and_then(|k| self.texts.get(&k)).and_then(|t| t.ids.get(&detail));
            let text = match (key, known) {
                (Some(_), Some(id)) => Some(*id),
                (Some(k), None) if TEXT_DETAILS.contains(&action.as_str()) => {
                    Some(self.text(k, &detail)?)
                }
                _ => None,
            };
            let detail = text.is_none().then_some(detail);
            self.conn.execute(
                "INSERT INTO events (id, at, round, paragraph, action, detail, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, at, round, key, action, detail, text],
            )?;
        }
        Ok(())
    }

    /// Compresses the stored comparisons.
    fn diffs(&self) -> Result<()> {
        let mut stmt =
            self.conn.prepare("SELECT from_round, to_round, diff FROM round_diffs_v4")?;
        let old: Vec<(u32, u32, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (from, to, diff) in old {
            self.conn.execute(
                "INSERT INTO round_diffs (from_round, to_round, diff) VALUES (?1, ?2, ?3)",
                params![from, to, texts::pack(&diff)?],
            )?;
        }
        Ok(())
    }
}

struct OldVersion {
    id: i64,
    paragraph: String,
    round: u32,
    kind: String,
    parent: Option<String>,
    text: String,
    status: String,
    footnotes: String,
    proposers: String,
    notes: String,
}

/// Every paragraph's spans (by key), and the outline of the round before the open one.
type Runs = (Vec<(i64, Building)>, Option<Vec<Outline>>);

/// Each paragraph's runs of rounds in which it stood unchanged (same version, place and label):
/// one span each. Also the outline of the round before the open one, whose labels the open
/// round opened with.
fn runs(
    by_round: Vec<(u32, Vec<RoundRow>)>,
    versions: &HashMap<i64, Outline>,
    open: Option<u32>,
) -> Result<Runs> {
    let outline_of = |version: i64| {
        versions
            .get(&version)
            .cloned()
            .ok_or_else(|| Error::Corrupt(format!("version {version} is missing")))
    };
    let mut building: HashMap<i64, Building> = HashMap::new();
    let mut done: Vec<(i64, Building)> = Vec::new();
    let mut positions: HashMap<i64, f64> = HashMap::new();
    let mut previous: (u32, Vec<Outline>) = (0, Vec::new());
    let mut before_open = None;
    for (round, rows) in by_round {
        let opening = match round {
            r if r > 1 && previous.0 == r - 1 => opening_labels(&previous.1),
            _ => HashMap::new(),
        };
        let order: Vec<i64> = rows.iter().map(|(key, _, _)| *key).collect();
        let placed = place(&order, &positions);
        let mut outline = Vec::with_capacity(rows.len());
        positions.clear();
        for ((key, version, label), position) in rows.into_iter().zip(placed) {
            positions.insert(key, position);
            outline.push(outline_of(version)?);
            let label = (opening.get(&key) != Some(&label)).then_some(label);
            match building.get_mut(&key) {
                Some(b)
                    if b.last + 1 == round
                        && b.version == version
                        && b.position == position
                        && b.label == label =>
                {
                    b.last = round;
                }
                _ => {
                    let new = Building { first: round, last: round, version, position, label };
                    if let Some(old) = building.insert(key, new) {
                        done.push((key, old));
                    }
                }
            }
        }
        if Some(round + 1) == open {
            before_open = Some(outline.clone());
        }
        previous = (round, outline);
    }
    done.extend(building);
    Ok((done, before_open))
}

/// The labels the round after a round of this outline opens with, by paragraph key.
fn opening_labels(outline: &[Outline]) -> HashMap<i64, String> {
    let paragraphs: Vec<Paragraph> = outline
        .iter()
        .map(|o| Paragraph {
            id: key_id(o.key),
            kind: o.kind,
            parent: o.parent.map(key_id),
            text: String::new(),
            status: o.status.clone(),
            footnotes: Vec::new(),
            proposers: Vec::new(),
            notes: String::new(),
            label: String::new(),
        })
        .collect();
    outline
        .iter()
        .zip(rows::opening_labels(&paragraphs))
        .filter(|(_, label)| !label.is_empty())
        .map(|(o, label)| (o.key, label))
        .collect()
}

/// Positions for a round's paragraphs (keys, in order) that keep the positions of the round before
/// (`previous`) for the longest run of paragraphs still in the same order, so that their spans go
/// on; the others get positions between their neighbours.
fn place(order: &[i64], previous: &HashMap<i64, f64>) -> Vec<f64> {
    let known: Vec<(usize, f64)> = order
        .iter()
        .enumerate()
        .filter_map(|(i, key)| previous.get(key).map(|&p| (i, p)))
        .collect();
    let mut placed: Vec<Option<f64>> = vec![None; order.len()];
    for j in longest_increasing(&known.iter().map(|&(_, p)| p).collect::<Vec<_>>()) {
        let (i, p) = known[j];
        placed[i] = Some(p);
    }
    let mut i = 0;
    while i < placed.len() {
        if placed[i].is_some() {
            i += 1;
            continue;
        }
        let start = i;
        while i < placed.len() && placed[i].is_none() {
            i += 1;
        }
        let low = start.checked_sub(1).and_then(|j| placed[j]);
        let high = placed.get(i).copied().flatten();
        let n = (i - start) as f64;
        for (k, slot) in placed[start..i].iter_mut().enumerate() {
            let k = k as f64 + 1.0;
            *slot = Some(match (low, high) {
                (Some(l), Some(h)) => l + (h - l) * k / (n + 1.0),
                (Some(l), None) => l + POSITION_STEP * k,
                (None, Some(h)) => h - POSITION_STEP * (n + 1.0 - k),
                (None, None) => POSITION_STEP * k,
            });
        }
    }
    let placed: Vec<f64> = placed.into_iter().flatten().collect();
    if placed.windows(2).all(|w| w[0] < w[1]) {
        placed
    } else {
        (1..=order.len()).map(|i| i as f64 * POSITION_STEP).collect()
    }
}

/// The indexes of a longest strictly increasing subsequence of `values`.
fn longest_increasing(values: &[f64]) -> Vec<usize> {
    // tails[k]: index of the smallest last value of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let k = tails.partition_point(|&t| values[t] < v);
        before[i] = k.checked_sub(1).map(|j| tails[j]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        run.push(i);
        at = before[i];
    }
    run.reverse();
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_keep_the_longest_run_in_order() {
        let previous: HashMap<i64, f64> =
            [(1, 1024.0), (2, 2048.0), (3, 3072.0), (4, 4096.0)].into();
        // 4 moved to the front, 5 arrived after 2.
        let placed = place(&[4, 1, 2, 5, 3], &previous);
        assert_eq!(placed[1..3], [1024.0, 2048.0]);
        assert_eq!(placed[4], 3072.0);
        assert!(placed[0] < 1024.0 && placed[3] > 2048.0 && placed[3] < 3072.0);
        assert_eq!(longest_increasing(&[3.0, 1.0, 2.0, 0.5, 4.0]), [1, 2, 4]);
    }
}
