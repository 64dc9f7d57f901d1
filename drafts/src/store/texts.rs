//! Paragraph texts, stored once each and zstd-compressed: most as a delta from an earlier text of
//! the same paragraph (its *anchor*, compressed on its own), so a few words changed cost a few
//! bytes. A delta is always one step from its anchor: reading a text decompresses at most twice.
//! An anchor is compressed against [`DICTIONARY`], the words drafts are made of, so that a
//! paragraph-sized text need not spell out its vocabulary.

use std::cell::RefCell;
use std::sync::OnceLock;

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

/// Accord's zstd dictionary, trained once on the paragraphs of the real texts in
/// `tests/corpus` (UN, UNFCCC, WHO, OAS, Council of Europe and other bodies; English, Spanish,
/// French, Portuguese) with `zstd --train --maxdict=32768 --dictID=1094927409`. Files depend on
/// it, so it never changes: a better one would get an id of its own beside it.
const DICTIONARY: &[u8] = include_bytes!("dictionary/accord-1.zdict");

/// The id [`DICTIONARY`] carries, which every frame compressed with it records.
const DICTIONARY_ID: u32 = 1_094_927_409;

/// What a frame is compressed against.
#[derive(Clone, Copy)]
pub(super) enum Reference<'a> {
    /// Nothing: a frame on its own.
    Nothing,
    /// [`DICTIONARY`]: a paragraph's text stored on its own.
    Dictionary,
    /// Earlier content the frame refers back to: a delta from it.
    Prefix(&'a [u8]),
}

fn compression_dictionary() -> &'static zstd::zstd_safe::CDict<'static> {
    static DICTIONARY_FOR_COMPRESSION: OnceLock<zstd::zstd_safe::CDict<'static>> = OnceLock::new();
    DICTIONARY_FOR_COMPRESSION.get_or_init(|| zstd::zstd_safe::CDict::create(DICTIONARY, LEVEL))
}

fn decompression_dictionary() -> &'static zstd::zstd_safe::DDict<'static> {
    static DICTIONARY_FOR_DECOMPRESSION: OnceLock<zstd::zstd_safe::DDict<'static>> =
        OnceLock::new();
    DICTIONARY_FOR_DECOMPRESSION.get_or_init(|| zstd::zstd_safe::DDict::create(DICTIONARY))
}

/// A text as stored: as is, or a zstd frame (compressed with its anchor as dictionary when it has
/// one).
enum Body {
    Plain(String),
    Packed(Vec<u8>),
}

fn zstd_error(code: zstd::zstd_safe::ErrorCode) -> Error {
    Error::Corrupt(format!("compression failed: {}", zstd::zstd_safe::get_error_name(code)))
}

/// Compresses `data` against `reference`. A fresh context per call: referring to a prefix
/// (unlike loading a dictionary) sizes the context to the input, which keeps level 19 cheap for
/// paragraph-sized texts; the dictionary is digested once per process.
pub(super) fn compress(data: &[u8], reference: Reference<'_>) -> Result<Vec<u8>> {
    let mut context = zstd::zstd_safe::CCtx::create();
    match reference {
        Reference::Dictionary => context.ref_cdict(compression_dictionary()),
        Reference::Nothing => context.ref_prefix(&[]),
        Reference::Prefix(prefix) => context.ref_prefix(prefix),
    }
    .map_err(zstd_error)?;
    context
        .set_parameter(zstd::zstd_safe::CParameter::CompressionLevel(LEVEL))
        .map_err(zstd_error)?;
    let mut frame = Vec::with_capacity(zstd::zstd_safe::compress_bound(data.len()));
    context.compress2(&mut frame, data).map_err(zstd_error)?;
    Ok(frame)
}

thread_local! {
    /// One decompression context per thread, reused: reading a round decompresses every text.
    static DECOMPRESSOR: RefCell<zstd::zstd_safe::DCtx<'static>> =
        RefCell::new(zstd::zstd_safe::DCtx::create());
}

/// Decompresses a frame made by [`compress`]; `prefix` is the content it refers back to, if any
/// (a frame records whether it was compressed with [`DICTIONARY`]).
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
        match zstd::zstd_safe::get_dict_id_from_frame(frame).map(|id| id.get()) {
            None => {
                // A raw-content dictionary stands for the prefix the frame was compressed against.
                context.load_dictionary(prefix).map_err(zstd_error)?
            }
            Some(DICTIONARY_ID) => {
                context.ref_ddict(decompression_dictionary()).map_err(zstd_error)?
            }
            Some(id) => return Err(corrupt(&format!("made with unknown dictionary {id}"))),
        };
        let mut data = Vec::with_capacity(size);
        context
            .decompress(&mut data, frame)
            .map_err(|code| corrupt(zstd::zstd_safe::get_error_name(code)))?;
        Ok(data)
    })
}

/// Compresses a stored value on its own (stored comparisons).
pub(crate) fn pack(value: &str) -> Result<Vec<u8>> {
    compress(value.as_bytes(), Reference::Nothing)
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
    let alone = compress(text.as_bytes(), Reference::Dictionary)?;
    let (base, body) = match anchor {
        Some((id, anchor_text)) => {
            let delta = compress(text.as_bytes(), Reference::Prefix(anchor_text.as_bytes()))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPH: &str = "Reaffirming the commitment of the member states to strengthen \
        cooperation in the prevention of crime and violence, in accordance with the Charter of \
        the Organization of American States and international law,";

    fn stored_texts() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE texts (id INTEGER PRIMARY KEY, base INTEGER, body NOT NULL)",
        )
        .unwrap();
        conn
    }

    #[test]
    fn a_text_on_its_own_is_compressed_with_the_dictionary_of_drafts_and_reads_back() {
        let alone = compress(PARAGRAPH.as_bytes(), Reference::Nothing).unwrap();
        let with_words = compress(PARAGRAPH.as_bytes(), Reference::Dictionary).unwrap();
        assert!(with_words.len() * 4 < alone.len() * 3, "{} vs {}", with_words.len(), alone.len());
        let conn = stored_texts();
        let id = store(&conn, PARAGRAPH, None).unwrap();
        assert_eq!(load(&conn, id).unwrap(), PARAGRAPH);
        let amended = PARAGRAPH.replace("strengthen", "deepen");
        let delta = store(&conn, &amended, Some((id, PARAGRAPH))).unwrap();
        assert_eq!(anchor_of(&conn, delta).unwrap(), id);
        assert_eq!(load(&conn, delta).unwrap(), amended);
    }

    #[test]
    fn texts_stored_before_the_dictionary_still_read() {
        let conn = stored_texts();
        let frame = compress(PARAGRAPH.as_bytes(), Reference::Nothing).unwrap();
        conn.execute("INSERT INTO texts (body) VALUES (?1)", [frame]).unwrap();
        assert_eq!(load(&conn, 1).unwrap(), PARAGRAPH);
    }

    #[test]
    fn a_frame_made_with_another_dictionary_is_refused_as_damage() {
        let mut frame = compress(PARAGRAPH.as_bytes(), Reference::Dictionary).unwrap();
        let id = DICTIONARY_ID.to_le_bytes();
        let at = frame.windows(4).position(|w| w == id).expect("the frame names its dictionary");
        frame[at] ^= 1;
        let error = decompress(&frame, &[]).unwrap_err();
        assert!(
            matches!(error, Error::Corrupt(ref m) if m.contains("unknown dictionary")),
            "{error}"
        );
    }
}
