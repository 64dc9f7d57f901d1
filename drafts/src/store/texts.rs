//! Paragraph texts, stored once each and zstd-compressed: most as a delta from an earlier text of
//! the same paragraph (its *anchor*, compressed on its own), so a few words changed cost a few
//! bytes. A delta is always one step from its anchor: reading a text decompresses at most twice.

use std::cell::RefCell;

use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};

use crate::{Error, Result};

/// zstd level for texts and stored comparisons: small inputs, so the strongest levels stay fast.
const LEVEL: i32 = 19;

/// A delta is kept when it is at most this fraction of the text compressed on its own; past that
/// the text becomes the paragraph's new anchor, and later deltas start from it.
const DELTA_SHARE: usize = 2;

/// The largest text a frame may claim to hold (a guard against damaged files).
const MAX_TEXT: usize = 1 << 30;

/// A text as stored: as is, or a zstd frame (compressed with its anchor as dictionary when it has
/// one).
enum Body {
    Plain(String),
    Packed(Vec<u8>),
}

fn zstd_error(code: zstd::zstd_safe::ErrorCode) -> Error {
    Error::Corrupt(format!("compression failed: {}", zstd::zstd_safe::get_error_name(code)))
}

/// Compresses `data`, with `prefix` (possibly empty) as the content it refers back to. A fresh
/// context per call: referring to a prefix (unlike loading a dictionary) sizes the context to the
/// input, which keeps level 19 cheap for paragraph-sized texts.
pub(super) fn compress(data: &[u8], prefix: &[u8]) -> Result<Vec<u8>> {
    let mut context = zstd::zstd_safe::CCtx::create();
    context
        .set_parameter(zstd::zstd_safe::CParameter::CompressionLevel(LEVEL))
        .map_err(zstd_error)?;
    context.ref_prefix(prefix).map_err(zstd_error)?;
    let mut frame = Vec::with_capacity(zstd::zstd_safe::compress_bound(data.len()));
    context.compress2(&mut frame, data).map_err(zstd_error)?;
    Ok(frame)
}

thread_local! {
    /// One decompression context per thread, reused: reading a round decompresses every text.
    static DECOMPRESSOR: RefCell<zstd::zstd_safe::DCtx<'static>> =
        RefCell::new(zstd::zstd_safe::DCtx::create());
}

/// Decompresses a frame made by [`compress`] with the same `prefix`.
pub(super) fn decompress(frame: &[u8], prefix: &[u8]) -> Result<Vec<u8>> {
    let corrupt = |what: &str| Error::Corrupt(format!("unreadable compressed text: {what}"));
    let size = zstd::zstd_safe::get_frame_content_size(frame)
        .ok()
        .flatten()
        .ok_or_else(|| corrupt("no content size"))?;
    let size = usize::try_from(size)
        .ok()
        .filter(|&size| size <= MAX_TEXT)
        .ok_or_else(|| corrupt("too large"))?;
    DECOMPRESSOR.with(|context| {
        let mut context = context.borrow_mut();
        // A raw-content dictionary stands for the prefix the frame was compressed against.
        context.load_dictionary(prefix).map_err(zstd_error)?;
        let mut data = Vec::with_capacity(size);
        context
            .decompress(&mut data, frame)
            .map_err(|code| corrupt(zstd::zstd_safe::get_error_name(code)))?;
        Ok(data)
    })
}

/// Compresses a stored value on its own (stored comparisons).
pub(crate) fn pack(value: &str) -> Result<Vec<u8>> {
    compress(value.as_bytes(), &[])
}

/// Reverses [`pack`].
pub(crate) fn unpack(frame: &[u8]) -> Result<String> {
    utf8(decompress(frame, &[])?)
}

fn utf8(bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| Error::Corrupt(format!("stored text is not UTF-8: {e}")))
}

/// Decodes a stored body; `anchor` is the decoded text of the body's base, if it has one.
fn decode(body: ValueRef<'_>, anchor: Option<&str>) -> Result<String> {
    match body {
        ValueRef::Text(bytes) => utf8(bytes.to_vec()),
        ValueRef::Blob(frame) => utf8(decompress(frame, anchor.unwrap_or_default().as_bytes())?),
        _ => Err(Error::Corrupt("a stored text is neither text nor compressed".into())),
    }
}

/// Decodes a text from the columns `body` and `base_body` (the body of its base, NULL if none) of
/// a query joining `texts` with the text it is a delta from.
pub(crate) fn read(body: ValueRef<'_>, base_body: ValueRef<'_>) -> Result<String> {
    match base_body {
        ValueRef::Null => decode(body, None),
        base => decode(body, Some(&decode(base, None)?)),
    }
}

/// The decoded text stored as `id`.
pub(crate) fn load(conn: &Connection, id: i64) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.body, b.body FROM texts t LEFT JOIN texts b ON b.id = t.base WHERE t.id = ?1",
    )?;
    stmt.query_row([id], |r| Ok(read(r.get_ref(0)?, r.get_ref(1)?)))
        .optional()?
        .ok_or_else(|| Error::Corrupt(format!("text {id} is missing")))?
}

/// The anchor a new text of the same paragraph as text `id` is compressed against: `id` itself
/// when it is stored on its own, else its base.
pub(crate) fn anchor_of(conn: &Connection, id: i64) -> Result<i64> {
    let base: Option<i64> = conn
        .prepare_cached("SELECT base FROM texts WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok(base.unwrap_or(id))
}

/// Stores a new text, as a delta from `anchor` (a text stored on its own, with its decoded
/// content) when that is much smaller than the text compressed on its own. Returns its id.
pub(crate) fn store(conn: &Connection, text: &str, anchor: Option<(i64, &str)>) -> Result<i64> {
    let alone = compress(text.as_bytes(), &[])?;
    let (base, body) = match anchor {
        Some((id, anchor_text)) => {
            let delta = compress(text.as_bytes(), anchor_text.as_bytes())?;
            if delta.len() * DELTA_SHARE <= alone.len() {
                (Some(id), Body::Packed(delta))
            } else {
                (None, smaller(text, alone))
            }
        }
        None => (None, smaller(text, alone)),
    };
    let mut stmt = conn.prepare_cached("INSERT INTO texts (base, body) VALUES (?1, ?2)")?;
    match body {
        Body::Plain(s) => stmt.execute(params![base, s])?,
        Body::Packed(frame) => stmt.execute(params![base, frame])?,
    };
    Ok(conn.last_insert_rowid())
}

fn smaller(text: &str, packed: Vec<u8>) -> Body {
    if packed.len() < text.len() {
        Body::Packed(packed)
    } else {
        Body::Plain(text.to_string())
    }
}
