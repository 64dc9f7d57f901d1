//! Row-level reading and writing shared by the store's operations.
//!
//! A round's text is the spans covering it: a span puts a paragraph at a version, a position and
//! a label over consecutive rounds, the last reaching the open round having no end. A span's label
//! is NULL when it is the label of the paragraph's place in the round before (for the open round,
//! as `working_labels` holds it); the first round stores every label.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{round_labels, texts};
use crate::model::{
    AdReferendum, Paragraph, ParagraphId, ParagraphKind, Round, RoundState, Status, StatusKind,
};
use crate::{numbering, Error, Result};

/// A paragraph as stored in one round: its content and place.
#[derive(Debug, Clone, PartialEq)]
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

/// A status as stored: the name of its kind ("agreed"); an ad referendum adds, a line each, since
/// when, the deadline (empty if none) and each delegation. Statuses stored before schema 12 are
/// JSON throughout and read as such.
pub(crate) fn stored_status(status: &Status) -> String {
    let Status::AdReferendum(ad_ref) = status else {
        return status.kind().as_str().to_string();
    };
    let time = |t: &DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
    let mut lines = vec![StatusKind::AdReferendum.as_str().to_string(), time(&ad_ref.since)];
    lines.push(ad_ref.deadline.as_ref().map(time).unwrap_or_default());
    lines.extend(ad_ref.delegations.iter().cloned());
    lines.join("\n")
}

/// Reverses [`stored_status`].
pub(crate) fn status_from_stored(stored: &str) -> Result<Status> {
    if stored.starts_with('{') {
        return from_json(stored);
    }
    let unreadable = || Error::Corrupt(format!("unreadable stored status {stored:?}"));
    let mut lines = stored.split('\n');
    let name = lines.next().unwrap_or_default();
    match StatusKind::ALL.into_iter().find(|kind| kind.as_str() == name) {
        Some(StatusKind::Agreed) => Ok(Status::Agreed),
        Some(StatusKind::Bracketed) => Ok(Status::Bracketed),
        Some(StatusKind::Pending) => Ok(Status::Pending),
        Some(StatusKind::Proposed) => Ok(Status::Proposed),
        Some(StatusKind::Deleted) => Ok(Status::Deleted),
        Some(StatusKind::AdReferendum) => {
            let since = parse_time(lines.next().ok_or_else(unreadable)?)?;
            let deadline = lines.next().ok_or_else(unreadable)?;
            let deadline = Some(deadline).filter(|d| !d.is_empty()).map(parse_time).transpose()?;
            let delegations = lines.map(str::to_string).collect();
            Ok(Status::AdReferendum(AdReferendum { delegations, since, deadline }))
        }
        None => Err(unreadable()),
    }
}

/// A paragraph's kind as stored: the trade's short names ("PP", "OP"), as most versions are one
/// or the other. Kinds stored before schema 12 are their full names and read as such.
fn stored_kind(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::OpeningClause => "opening",
        ParagraphKind::Preambular => "PP",
        ParagraphKind::VerbLine => "verb",
        ParagraphKind::Operative => "OP",
        ParagraphKind::SectionHeading => "section",
        ParagraphKind::SubParagraph => "sub",
    }
}

/// Reverses [`stored_kind`].
fn kind_from_stored(stored: &str) -> Result<ParagraphKind> {
    ParagraphKind::ALL
        .into_iter()
        .find(|&kind| stored_kind(kind) == stored)
        .or_else(|| ParagraphKind::parse(stored))
        .ok_or_else(|| Error::Corrupt(format!("unknown paragraph kind {stored}")))
}

/// A list as stored: nothing when it is empty (most are), else its JSON.
pub(crate) fn stored_list<T: Serialize>(list: &[T]) -> String {
    if list.is_empty() {
        String::new()
    } else {
        to_json(&list)
    }
}

/// Reverses [`stored_list`]; lists stored before schema 12 are JSON even when empty.
pub(crate) fn list_from_stored<T: DeserializeOwned>(stored: &str) -> Result<Vec<T>> {
    if stored.is_empty() {
        Ok(Vec::new())
    } else {
        from_json(stored)
    }
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

/// Whether `round` is the open round.
fn is_open(conn: &Connection, round: u32) -> Result<bool> {
    let state: Option<String> = conn
        .prepare_cached("SELECT state FROM rounds WHERE number = ?1")?
        .query_row([round], |r| r.get(0))
        .optional()?;
    Ok(state.as_deref() == Some("open"))
}

/// The columns of a paragraph in a round; `{reference}` is the label a NULL span label stands for
/// and `{rounds}` the spans' condition.
const ROW_QUERY: &str = "SELECT s.paragraph, p.id, s.position, s.label, {reference}, v.kind,
        pp.id, t.body, b.body, v.status, v.footnotes, v.proposers, v.notes, s.first_round,
        s.last_round
    FROM spans s JOIN paragraphs p ON p.key = s.paragraph
    JOIN versions v ON v.id = s.version
    {texts}
    LEFT JOIN paragraphs pp ON pp.key = v.parent
    {join} WHERE {rounds}";

/// The spans of the open round, with the labels it opened with.
fn open_query(rounds: &str) -> String {
    with_texts(&outline_open_query(rounds))
}

/// [`open_query`] with its text columns left open (`{texts}`).
fn outline_open_query(rounds: &str) -> String {
    ROW_QUERY
        .replace("{reference}", "w.label")
        .replace("{join}", "LEFT JOIN working_labels w ON w.paragraph = s.paragraph")
        .replace("{rounds}", rounds)
}

/// The spans covering closed round `?1`, in no order: sorting them in SQL would carry their
/// texts through SQLite's sorter; [`in_document_order`] sorts the rows read.
/// Its text columns are left open (`{texts}`): see [`with_texts`] and [`without_texts`].
fn closed_query() -> String {
    ROW_QUERY
        .replace("{reference}", "NULL")
        .replace("{join}", "")
        .replace("{rounds}", "s.first_round <= ?1 AND IFNULL(s.last_round >= ?1, 1)")
}

/// The query reading each version's text (decoded or not, SQLite copies every body it selects).
fn with_texts(sql: &str) -> String {
    sql.replace("{texts}", TEXT_JOIN)
}

/// The query reading no text at all, for the outline: the bodies selected as NULL, so that
/// reading a round's outline costs its rows, not its words.
fn without_texts(sql: &str) -> String {
    sql.replace("{texts}", "").replace("t.body, b.body", "NULL, NULL")
}

const TEXT_JOIN: &str = "JOIN texts t ON t.id = v.text LEFT JOIN texts b ON b.id = t.base";

fn in_document_order(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by(|a, b| a.position.total_cmp(&b.position));
    rows
}

/// A row read from [`ROW_QUERY`]'s columns; `with_text` says which paragraphs' texts to read (the
/// others are left empty, for the outline only).
fn row_from(
    r: &rusqlite::Row<'_>,
    reference: &HashMap<i64, String>,
    with_text: impl Fn(ParagraphId) -> bool,
) -> Result<Row> {
    let key: i64 = r.get(0)?;
    let id = parse_id(&r.get::<_, String>(1)?)?;
    let kind: String = r.get(5)?;
    let label = match r.get::<_, Option<String>>(3)? {
        Some(label) => label,
        None => match r.get::<_, Option<String>>(4)? {
            Some(label) => label,
            None => reference.get(&key).cloned().unwrap_or_default(),
        },
    };
    Ok(Row {
        paragraph: Paragraph {
            id,
            kind: kind_from_stored(&kind)?,
            parent: r.get::<_, Option<String>>(6)?.as_deref().map(parse_id).transpose()?,
            text: if with_text(id) {
                texts::read(r.get_ref(7)?, r.get_ref(8)?)?
            } else {
                String::new()
            },
            status: status_from_stored(&r.get::<_, String>(9)?)?,
            footnotes: list_from_stored(&r.get::<_, String>(10)?)?,
            proposers: list_from_stored(&r.get::<_, String>(11)?)?,
            notes: r.get(12)?,
            label,
        },
        position: r.get(2)?,
    })
}

/// Every paragraph of a round, in document order.
pub(crate) fn load(conn: &Connection, round: u32) -> Result<Vec<Row>> {
    load_with(conn, round, Some(|_| true))
}

/// Every paragraph of a round, in document order, without texts: enough to place and label a
/// paragraph, and as cheap as reading the round gets.
pub(crate) fn load_outline(conn: &Connection, round: u32) -> Result<Vec<Row>> {
    load_with(conn, round, None::<fn(ParagraphId) -> bool>)
}

/// Every paragraph of a round, in document order, with the text of `id` only: the outline of the
/// round around one paragraph.
pub(crate) fn load_around(conn: &Connection, round: u32, id: ParagraphId) -> Result<Vec<Row>> {
    load_with(conn, round, Some(|p| p == id))
}

/// Reads round `round`; `with_text` says which paragraphs' texts to read, none meaning the
/// outline: then no text is selected at all.
fn load_with(
    conn: &Connection,
    round: u32,
    with_text: Option<impl Fn(ParagraphId) -> bool>,
) -> Result<Vec<Row>> {
    let open = is_open(conn, round)?;
    let (sql, reference) = if open {
        (outline_open_query("s.last_round IS NULL ORDER BY s.position"), HashMap::new())
    } else if round > 1 {
        (closed_query(), opened_with(conn, round)?)
    } else {
        (closed_query(), HashMap::new())
    };
    let sql = if with_text.is_some() { with_texts(&sql) } else { without_texts(&sql) };
    let with_text = |id| with_text.as_ref().is_some_and(|read| read(id));
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = if open { stmt.query([])? } else { stmt.query([round])? };
    let mut all = Vec::new();
    while let Some(r) = rows.next()? {
        all.push(row_from(r, &reference, with_text)?);
    }
    Ok(if open { all } else { in_document_order(all) })
}

/// Every paragraph of two rounds, each in document order. Two consecutive closed rounds are read
/// in one pass over their spans, the spans they share (almost all) read once; rounds further
/// apart share fewer spans than lie between them, and are read one after the other.
pub(crate) fn load_pair(conn: &Connection, from: u32, to: u32) -> Result<(Vec<Row>, Vec<Row>)> {
    load_pair_with(conn, from, to, true)
}

/// Like [`load_pair`] for two consecutive closed rounds, with the texts of the paragraphs whose
/// text may differ between them only: a span both rounds share holds one version, whose text
/// is left empty on both sides. Enough to find what changed, and cheaper.
pub(crate) fn load_changed_pair(
    conn: &Connection,
    from: u32,
    to: u32,
) -> Result<(Vec<Row>, Vec<Row>)> {
    load_pair_with(conn, from, to, false)
}

fn load_pair_with(
    conn: &Connection,
    from: u32,
    to: u32,
    shared_texts: bool,
) -> Result<(Vec<Row>, Vec<Row>)> {
    if to != from + 1 || is_open(conn, to)? {
        return Ok((load(conn, from)?, load(conn, to)?));
    }
    let reference = |round: u32| -> Result<HashMap<i64, String>> {
        if round > 1 {
            opened_with(conn, round)
        } else {
            Ok(HashMap::new())
        }
    };
    let (from_labels, to_labels) = (reference(from)?, reference(to)?);
    let sql = with_texts(ROW_QUERY)
        .replace("{reference}", "NULL")
        .replace("{join}", "")
        .replace("{rounds}", "s.first_round <= ?2 AND IFNULL(s.last_round >= ?1, 1)");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([from, to])?;
    let (mut earlier, mut later) = (Vec::new(), Vec::new());
    while let Some(r) = rows.next()? {
        let (first, last): (u32, Option<u32>) = (r.get(13)?, r.get(14)?);
        let covers = |round: u32| first <= round && last.is_none_or(|last| last >= round);
        let with_text = shared_texts || !(covers(from) && covers(to));
        let row = row_from(r, &from_labels, |_| with_text)?;
        if covers(to) {
            let stored: Option<String> = r.get(3)?;
            let label = stored.or_else(|| to_labels.get(&r.get::<_, i64>(0).ok()?).cloned());
            let paragraph = Paragraph { label: label.unwrap_or_default(), ..row.paragraph.clone() };
            later.push(Row { paragraph, position: row.position });
        }
        if covers(from) {
            earlier.push(row);
        }
    }
    Ok((in_document_order(earlier), in_document_order(later)))
}

/// The texts of paragraphs `ids` in round `round`, from one read of the round.
pub(crate) fn load_texts_of(
    conn: &Connection,
    round: u32,
    ids: &HashSet<ParagraphId>,
) -> Result<HashMap<ParagraphId, String>> {
    let rows = load_with(conn, round, Some(|id| ids.contains(&id)))?;
    Ok(rows
        .into_iter()
        .filter(|r| ids.contains(&r.paragraph.id))
        .map(|r| (r.paragraph.id, r.paragraph.text))
        .collect())
}

/// One paragraph of the open round.
pub(crate) fn load_one(conn: &Connection, id: ParagraphId) -> Result<Row> {
    let sql = open_query(
        "s.last_round IS NULL AND s.paragraph = (SELECT key FROM paragraphs WHERE id = ?1)",
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id.to_string()])?;
    match rows.next()? {
        Some(r) => row_from(r, &HashMap::new(), |_| true),
        None => Err(Error::UnknownParagraph(id.to_string())),
    }
}

/// A paragraph standing for another in label computations: its place in the outline only.
fn outline_only(
    id: ParagraphId,
    kind: ParagraphKind,
    parent: Option<ParagraphId>,
    status: Status,
) -> Paragraph {
    Paragraph {
        id,
        kind,
        parent,
        text: String::new(),
        status,
        footnotes: Vec::new(),
        proposers: Vec::new(),
        notes: String::new(),
        label: String::new(),
    }
}

/// The labels round `round` opened with, by paragraph key. While a file of an older schema is
/// being upgraded (no `round_labels` yet), computed from the round before.
fn opened_with(conn: &Connection, round: u32) -> Result<HashMap<i64, String>> {
    if !has_table(conn, "round_labels")? {
        return Ok(reference_labels(conn, round - 1)?.into_iter().collect());
    }
    Ok(round_labels::read(conn, round)?.into_iter().collect())
}

/// The labels a round opens with, computed from the paragraphs of the round before, in order: the
/// clean labels of their places, without reference to any stored label (a paragraph with none,
/// such as a deleted one, keeps its label stored with it).
pub(crate) fn opening_labels(previous: &[Paragraph]) -> Vec<String> {
    let outline: Vec<Paragraph> =
        previous.iter().map(|p| outline_only(p.id, p.kind, p.parent, p.status.clone())).collect();
    numbering::clean_labels(&outline)
}

/// A stand-in paragraph id for a paragraph key, for label computations.
pub(crate) fn key_id(key: i64) -> ParagraphId {
    ParagraphId(uuid::Uuid::from_u64_pair(0, key as u64))
}

/// The labels round `previous + 1` opened with, by paragraph key, from closed round `previous`.
pub(super) fn reference_labels(conn: &Connection, previous: u32) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.paragraph, v.kind, v.parent, v.status FROM spans s
         JOIN versions v ON v.id = s.version
         WHERE s.first_round <= ?1 AND IFNULL(s.last_round >= ?1, 1) ORDER BY s.position",
    )?;
    let mut rows = stmt.query([previous])?;
    let mut keys = Vec::new();
    let mut outline = Vec::new();
    while let Some(r) = rows.next()? {
        let key: i64 = r.get(0)?;
        let kind: String = r.get(1)?;
        let kind = kind_from_stored(&kind)?;
        let parent = r.get::<_, Option<i64>>(2)?.map(key_id);
        let status = status_from_stored(&r.get::<_, String>(3)?)?;
        keys.push(key);
        outline.push(outline_only(key_id(key), kind, parent, status));
    }
    Ok(keys.into_iter().zip(opening_labels(&outline)).filter(|(_, l)| !l.is_empty()).collect())
}

/// One paragraph's spans, oldest first: the rounds each covers (the last none when it reaches
/// the open round), the label stored with it (none: the label it opened the round with), and the
/// paragraph there.
pub(crate) fn spans_of(conn: &Connection, id: ParagraphId) -> Result<Vec<ParagraphSpan>> {
    let sql = with_texts(ROW_QUERY).replace("{reference}", "NULL").replace("{join}", "").replace(
        "{rounds}",
        "s.paragraph = (SELECT key FROM paragraphs WHERE id = ?1) ORDER BY s.first_round",
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id.to_string()])?;
    let mut spans = Vec::new();
    while let Some(r) = rows.next()? {
        spans.push(ParagraphSpan {
            first_round: r.get(13)?,
            last_round: r.get(14)?,
            stored_label: r.get(3)?,
            paragraph: row_from(r, &HashMap::new(), |_| true)?.paragraph,
        });
    }
    Ok(spans)
}

/// A paragraph over consecutive rounds (see [`spans_of`]).
pub(crate) struct ParagraphSpan {
    pub first_round: u32,
    pub last_round: Option<u32>,
    pub stored_label: Option<String>,
    pub paragraph: Paragraph,
}

/// A paragraph's key, if it has one.
pub(super) fn key_of(conn: &Connection, id: ParagraphId) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT key FROM paragraphs WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?)
}

/// A paragraph's key, registering the paragraph (as created in `round`) if it is new.
pub(crate) fn ensure_key(conn: &Connection, id: ParagraphId, round: u32) -> Result<i64> {
    if let Some(key) = key_of(conn, id)? {
        return Ok(key);
    }
    conn.prepare_cached(
        "INSERT INTO paragraphs (id, created_round, key)
         VALUES (?1, ?2, (SELECT IFNULL(MAX(key), 0) + 1 FROM paragraphs))",
    )?
    .execute(params![id.to_string(), round])?;
    key_of(conn, id)?.ok_or_else(|| Error::Corrupt("a paragraph could not be registered".into()))
}

/// What a version holds; the text by id.
#[derive(Debug, Clone, PartialEq)]
struct Content {
    kind: String,
    parent: Option<i64>,
    text: i64,
    status: String,
    footnotes: String,
    proposers: String,
    notes: String,
}

impl Content {
    /// The content as this build stores it, for comparing with content about to be written.
    fn in_current_form(self) -> Result<Content> {
        Ok(Content {
            kind: stored_kind(kind_from_stored(&self.kind)?).to_string(),
            status: stored_status(&status_from_stored(&self.status)?),
            footnotes: stored_list(&list_from_stored::<serde_json::Value>(&self.footnotes)?),
            proposers: stored_list(&list_from_stored::<serde_json::Value>(&self.proposers)?),
            ..self
        })
    }
}

/// A paragraph's span as stored, with its version.
#[derive(Debug, Clone)]
struct Span {
    first_round: u32,
    place: Place,
    version_round: u32,
    content: Content,
}

/// Where a span puts its paragraph: version, position and stored label.
#[derive(Debug, Clone, PartialEq)]
struct Place {
    version: i64,
    position: f64,
    label: Option<String>,
}

/// The span of paragraph `key` that reaches the open round (`last_round` NULL), or the one that
/// ends with round `last`, its content in the current form.
fn span(conn: &Connection, key: i64, last: Option<u32>) -> Result<Option<Span>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.first_round, s.version, s.position, s.label, v.round, v.kind, v.parent, v.text,
                v.status, v.footnotes, v.proposers, v.notes
         FROM spans s JOIN versions v ON v.id = s.version
         WHERE s.paragraph = ?1 AND s.last_round IS ?2",
    )?;
    stmt.query_row(params![key, last], |r| {
        Ok(Span {
            first_round: r.get(0)?,
            place: Place { version: r.get(1)?, position: r.get(2)?, label: r.get(3)? },
            version_round: r.get(4)?,
            content: Content {
                kind: r.get(5)?,
                parent: r.get(6)?,
                text: r.get(7)?,
                status: r.get(8)?,
                footnotes: r.get(9)?,
                proposers: r.get(10)?,
                notes: r.get(11)?,
            },
        })
    })
    .optional()?
    .map(|span| Ok(Span { content: span.content.in_current_form()?, ..span }))
    .transpose()
}

/// The label paragraph `key` had when the open round opened.
fn opening_label(conn: &Connection, key: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT label FROM working_labels WHERE paragraph = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// The span the paragraph had up to the round before `round`, when its current span (if any)
/// starts in `round`: an edit undone there can share it again.
fn before_round(
    conn: &Connection,
    key: i64,
    round: u32,
    current: Option<&Span>,
) -> Result<Option<Span>> {
    match current {
        Some(c) if c.first_round != round => Ok(None),
        _ if round == 1 => Ok(None),
        _ => span(conn, key, Some(round - 1)),
    }
}

/// Puts paragraph `key` at `place` in the open round `round`: updates its span when it starts in
/// this round, ends the span it shares with closed rounds and starts a new one otherwise, and
/// rejoins the span of the round before when the place is the same again.
fn put(
    conn: &Connection,
    round: u32,
    key: i64,
    current: Option<&Span>,
    before: Option<&Span>,
    place: &Place,
) -> Result<()> {
    let rejoin = before.is_some_and(|b| b.place == *place);
    if current.is_some_and(|c| c.place == *place) {
        return Ok(());
    }
    if let Some(c) = current {
        if c.first_round == round {
            conn.prepare_cached("DELETE FROM spans WHERE paragraph = ?1 AND first_round = ?2")?
                .execute(params![key, round])?;
        } else {
            conn.prepare_cached(
                "UPDATE spans SET last_round = ?3 WHERE paragraph = ?1 AND first_round = ?2",
            )?
            .execute(params![key, c.first_round, round - 1])?;
        }
    }
    match before {
        Some(b) if rejoin => {
            conn.prepare_cached(
                "UPDATE spans SET last_round = NULL WHERE paragraph = ?1 AND first_round = ?2",
            )?
            .execute(params![key, b.first_round])?;
        }
        _ => {
            conn.prepare_cached(
                "INSERT INTO spans (paragraph, first_round, version, position, label)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                key,
                round,
                place.version,
                place.position,
                place.label
            ])?;
        }
    }
    Ok(())
}

/// Drops the version `current` points at when it was made in `round` and is no longer used.
fn drop_unused(conn: &Connection, round: u32, current: Option<&Span>, kept: i64) -> Result<()> {
    if let Some(c) = current.filter(|c| c.version_round == round && c.place.version != kept) {
        conn.prepare_cached("DELETE FROM versions WHERE id = ?1")?.execute([c.place.version])?;
    }
    Ok(())
}

/// Writes a paragraph's content and place into the open round, reusing what is stored where it
/// can: the text and version it had, or had before this round. The version row is updated in place
/// when it was made in this round. Returns the id of the paragraph's text.
pub(crate) fn write(conn: &Connection, round: u32, row: &Row) -> Result<i64> {
    let p = &row.paragraph;
    let key = ensure_key(conn, p.id, round)?;
    let current = span(conn, key, None)?;
    let before = before_round(conn, key, round, current.as_ref())?;
    let known: Vec<&Span> = current.iter().chain(before.iter()).collect();
    let text = text_of(conn, &known, &p.text)?;
    let parent = match p.parent {
        Some(id) => Some(key_of(conn, id)?.ok_or_else(|| Error::UnknownParagraph(id.to_string()))?),
        None => None,
    };
    let content = Content {
        kind: stored_kind(p.kind).to_string(),
        parent,
        text,
        status: stored_status(&p.status),
        footnotes: stored_list(&p.footnotes),
        proposers: stored_list(&p.proposers),
        notes: p.notes.clone(),
    };
    let version = match (&current, &before) {
        (Some(c), _) if c.content == content => c.place.version,
        (_, Some(b)) if b.content == content => b.place.version,
        (Some(c), _) if c.version_round == round => {
            update_version(conn, c.place.version, &content)?;
            c.place.version
        }
        _ => insert_version(conn, key, round, &content)?,
    };
    let label = stored_label(conn, key, current.as_ref(), &p.label)?;
    let place = Place { version, position: row.position, label };
    put(conn, round, key, current.as_ref(), before.as_ref(), &place)?;
    drop_unused(conn, round, current.as_ref(), version)?;
    Ok(text)
}

/// The stored text `text` is: one the paragraph's spans already point at, else stored anew
/// (against the text of its first span when it has one, so that it compresses well).
fn text_of(conn: &Connection, known: &[&Span], text: &str) -> Result<i64> {
    for s in known {
        if texts::load(conn, s.content.text)? == text {
            return Ok(s.content.text);
        }
    }
    match known.first() {
        Some(s) => {
            let anchor = texts::anchor_of(conn, s.content.text)?;
            texts::store(conn, text, Some((anchor, &texts::load(conn, anchor)?)))
        }
        None => texts::store(conn, text, None),
    }
}

/// Rewrites the open round's own version of a paragraph.
fn update_version(conn: &Connection, version: i64, content: &Content) -> Result<()> {
    conn.prepare_cached(
        "UPDATE versions SET kind = ?1, parent = ?2, text = ?3, status = ?4,
            footnotes = ?5, proposers = ?6, notes = ?7 WHERE id = ?8",
    )?
    .execute(params![
        content.kind,
        content.parent,
        content.text,
        content.status,
        content.footnotes,
        content.proposers,
        content.notes,
        version
    ])?;
    Ok(())
}

/// A new version of the paragraph `key` in `round`.
fn insert_version(conn: &Connection, key: i64, round: u32, content: &Content) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO versions (paragraph, round, kind, parent, text, status, footnotes,
            proposers, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        key,
        round,
        content.kind,
        content.parent,
        content.text,
        content.status,
        content.footnotes,
        content.proposers,
        content.notes
    ])?;
    Ok(conn.last_insert_rowid())
}

/// What to store for a paragraph to have `label` in the open round: what it stores now when that
/// already gives it, NULL when it is the label the round opened with, else the label itself.
fn stored_label(
    conn: &Connection,
    key: i64,
    current: Option<&Span>,
    label: &str,
) -> Result<Option<String>> {
    let opening = opening_label(conn, key)?;
    let now =
        current.map(|c| c.place.label.clone().or_else(|| opening.clone()).unwrap_or_default());
    Ok(match current {
        Some(c) if now.as_deref() == Some(label) => c.place.label.clone(),
        _ if opening.as_deref() == Some(label) => None,
        _ => Some(label.to_string()),
    })
}

/// Every paragraph's key, by id.
pub(crate) fn keys(conn: &Connection) -> Result<HashMap<ParagraphId, i64>> {
    let mut stmt = conn.prepare_cached("SELECT id, key FROM paragraphs")?;
    let keys = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    keys.map(|pair| {
        let (id, key) = pair?;
        Ok((parse_id(&id)?, key))
    })
    .collect()
}

/// The paragraphs of the open round whose span stores a label of its own.
pub(crate) fn with_own_label(conn: &Connection) -> Result<HashSet<ParagraphId>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id FROM spans s JOIN paragraphs p ON p.key = s.paragraph
         WHERE s.last_round IS NULL AND s.label IS NOT NULL",
    )?;
    let ids = stmt.query_map([], |r| r.get::<_, String>(0))?;
    ids.map(|id| parse_id(&id?)).collect()
}

/// Gives a paragraph of the open round a working label.
pub(crate) fn set_label(conn: &Connection, round: u32, id: ParagraphId, label: &str) -> Result<()> {
    let key = key_of(conn, id)?.ok_or_else(|| Error::UnknownParagraph(id.to_string()))?;
    let current = span(conn, key, None)?.ok_or_else(|| Error::UnknownParagraph(id.to_string()))?;
    let stored = stored_label(conn, key, Some(&current), label)?;
    if stored == current.place.label {
        return Ok(());
    }
    let before = before_round(conn, key, round, Some(&current))?;
    let place = Place { label: stored, ..current.place.clone() };
    put(conn, round, key, Some(&current), before.as_ref(), &place)
}

/// Removes a paragraph from the open round entirely (used only by undo of an insertion).
pub(crate) fn remove(conn: &Connection, round: u32, id: ParagraphId) -> Result<()> {
    let Some(key) = key_of(conn, id)? else { return Ok(()) };
    let Some(current) = span(conn, key, None)? else { return Ok(()) };
    if current.first_round == round {
        conn.execute(
            "DELETE FROM spans WHERE paragraph = ?1 AND first_round = ?2",
            params![key, round],
        )?;
    } else {
        conn.execute(
            "UPDATE spans SET last_round = ?3 WHERE paragraph = ?1 AND first_round = ?2",
            params![key, current.first_round, round - 1],
        )?;
    }
    drop_unused(conn, round, Some(&current), 0)
}

/// Whether the file has table `name` (a file being upgraded lacks the later schemas' tables).
pub(crate) fn has_table(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
    )?
    .query_row([name], |r| r.get(0))
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

/// Runs `work` with the schema's guard triggers `names` lifted, then puts them back exactly as
/// they were: for the few writes the schema otherwise refuses (a migration's conversion, the
/// chair's notes withheld from a delegation's copy). Call it inside a transaction.
pub(crate) fn with_guards_lifted<T>(
    conn: &Connection,
    names: &[&str],
    work: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let mut definitions = Vec::new();
    for name in names {
        let sql: String = conn.query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
            [name],
            |r| r.get(0),
        )?;
        conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
        definitions.push(sql);
    }
    let result = work()?;
    for sql in definitions {
        conn.execute_batch(&sql)?;
    }
    Ok(result)
}

/// The file's setting `key` (delegation mode, the copy's owner, its signing key), if set.
pub(crate) fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}
