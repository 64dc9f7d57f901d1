//! A Word document Accord exported, returned with tracked changes: each author's insertions and
//! deletions, paragraph by paragraph, as changes of the text Accord circulated.
//!
//! Accord's Word exports (the clean text and the working text) put each paragraph's content in
//! a bookmark named after the paragraph's id ([`ParagraphId::bookmark_name`]); Word keeps
//! bookmarks through editing, so a paragraph comes back with its id.
//!
//! A paragraph is read twice over: as circulated (every change rejected) and as proposed
//! (every change accepted), both cleaned as the import cleans a paragraph (field instructions
//! dropped, a typed number such as "1." or "(a)" removed, whitespace normalized). A change is
//! a stretch of the circulated text replaced by the proposed one, so that applying the changes
//! in order to [`TrackedParagraph::original`] gives what Word's "accept all" shows, whitespace
//! normalized:
//!
//! - runs of one author and kind next to each other are one change, and a deletion followed at
//!   once by an insertion of the same author is one replacement; authors are never merged;
//! - moved text (`w:moveFrom`, `w:moveTo`) is a deletion and an insertion; text one author
//!   inserted and another deleted is in neither text and is left out;
//! - formatting changes (`w:rPrChange`, `w:pPrChange`), hidden text and footnotes are not read;
//! - a space that the normalization keeps in one text and not in the other goes with the change
//!   next to it: deleting a word deletes one of the spaces around it.
//!
//! Inputs are refused as [`import_docx`](super::import_docx) refuses them, with the same
//! [`ImportError`]s; nothing panics.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use roxmltree::Node;
use serde::{Deserialize, Serialize};

use super::classify::{clean_tagged, parse_marker};
use super::docx::{body, inline, open, paragraphs, parse, Author, Inline, Revision};
use super::ImportError;
use crate::model::ParagraphId;

/// A paragraph of a Word document returned with tracked changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedParagraph {
    /// The paragraph Accord exported, when the document carries Accord's paragraph bookmarks;
    /// `None` for a paragraph inserted whole and for paragraphs Accord did not bookmark (the
    /// title, the working text's labels).
    pub paragraph: Option<ParagraphId>,
    /// For a paragraph that is not Accord's (`paragraph` is `None`): the last of Accord's
    /// paragraphs before it in the document, if any. Paragraphs inserted one after another
    /// follow the same one, in document order.
    pub after: Option<ParagraphId>,
    /// The text as circulated: every tracked change rejected, cleaned as import cleans a
    /// paragraph (the typed number removed, whitespace normalized), so that it equals the
    /// paragraph's text in Accord for an unchanged paragraph. Empty for a paragraph inserted
    /// whole.
    pub original: String,
    /// The tracked changes in document order; offsets are char offsets into `original`.
    pub changes: Vec<TrackedChange>,
}

/// One author's change: chars `start..end` of the original replaced by `inserted` (an insertion
/// has `start == end`; a deletion has an empty `inserted`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackedChange {
    /// `w:author` as Word wrote it.
    pub author: String,
    /// `w:date`, the latest of the runs the change joins; `None` when Word wrote none.
    pub date: Option<DateTime<Utc>>,
    /// The first char of the original replaced.
    pub start: usize,
    /// The char after the last one replaced.
    pub end: usize,
    /// The text put in their place.
    pub inserted: String,
}

/// Reads every paragraph of a `.docx` that holds at least one tracked change: changed
/// paragraphs, paragraphs inserted whole (`original` empty, one insertion, `paragraph` `None`
/// and `after` set) and paragraphs deleted whole (one deletion covering all of `original`).
/// Paragraphs without changes are left out.
///
/// Fails as [`import_docx`](super::import_docx) does on an empty input, on a file that is not
/// a Word document, on a damaged one and on more than [`MAX_BYTES`](super::MAX_BYTES).
pub fn tracked_changes(bytes: &[u8]) -> Result<Vec<TrackedParagraph>, ImportError> {
    let (_, parts, document) = open(bytes)?;
    let document = parse(&parts.document, &document)?;
    let mut found = Vec::new();
    // The last of Accord's paragraphs read, and a bookmark waiting for its paragraph (one that
    // Word left in an empty paragraph before it).
    let (mut last, mut waiting) = (None, None);
    if let Some(body) = body(&document)? {
        paragraphs(body, 0, &mut |node: Node| {
            let mut reader = Reader::default();
            inline(node, &mut reader, Revision::default(), 0);
            let (original, changes) = reader.changes();
            let bookmark = reader.bookmark.or(waiting.take());
            let paragraph = if original.is_empty() {
                waiting = bookmark;
                None
            } else {
                last = bookmark.or(last);
                bookmark
            };
            if !changes.is_empty() {
                let after = if paragraph.is_none() { last } else { None };
                found.push(TrackedParagraph { paragraph, after, original, changes });
            }
        });
    }
    Ok(found)
}

/// Where a char of a paragraph stands: in both texts, or inserted or deleted by the author at
/// an index of [`Reader::authors`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Original,
    Inserted(usize),
    Deleted(usize),
}

impl Side {
    /// In the text as circulated (every change rejected).
    fn circulated(self) -> bool {
        !matches!(self, Side::Inserted(_))
    }

    /// In the text as proposed (every change accepted).
    fn proposed(self) -> bool {
        !matches!(self, Side::Deleted(_))
    }
}

/// Reads one paragraph: its chars with their side, the authors, its first Accord bookmark.
#[derive(Default)]
struct Reader<'a> {
    chars: Vec<(char, Side)>,
    /// The name and date of each change read, in the order first met.
    authors: Vec<(&'a str, Option<DateTime<Utc>>)>,
    index: HashMap<Author<'a>, usize>,
    bookmark: Option<ParagraphId>,
}

impl<'a> Reader<'a> {
    /// The side of content in `revision`; `None` for text in neither text.
    fn side(&mut self, revision: Revision<'a>) -> Option<Side> {
        let mut author = |author: Author<'a>| {
            *self.index.entry(author).or_insert_with(|| {
                self.authors.push((author.name, author.date.and_then(date)));
                self.authors.len() - 1
            })
        };
        match (revision.inserted, revision.deleted) {
            (None, None) => Some(Side::Original),
            (Some(inserted), None) => Some(Side::Inserted(author(inserted))),
            (None, Some(deleted)) => Some(Side::Deleted(author(deleted))),
            (Some(_), Some(_)) => None,
        }
    }

    fn push(&mut self, text: &str, revision: Revision<'a>) {
        if let Some(side) = self.side(revision) {
            self.chars.extend(text.chars().map(|c| (c, side)));
        }
    }

    /// The paragraph as circulated, and its changes.
    fn changes(&self) -> (String, Vec<TrackedChange>) {
        let mut chars = Vec::with_capacity(self.chars.len());
        clean_tagged(self.chars.iter().copied(), |c, side| chars.push((c, side)));
        let chars = without_number(chars);
        let circulated = shown(&chars, Side::circulated);
        let proposed = shown(&chars, Side::proposed);
        let mut original = String::new();
        let mut at = 0;
        let mut changes = Vec::new();
        let mut group = Vec::new();
        for (i, &(_, side)) in chars.iter().enumerate() {
            let (before, after) = (circulated[i], proposed[i]);
            if before.is_none() && after.is_none() {
                continue;
            }
            if side == Side::Original && before == after {
                changes.extend(Self::join(std::mem::take(&mut group)));
            } else {
                let author = match side {
                    Side::Inserted(i) | Side::Deleted(i) => self.authors.get(i).copied(),
                    Side::Original => None,
                };
                group.push(Piece {
                    author: author.map(|(name, _)| name),
                    kind: if side.proposed() { Kind::Insertion } else { Kind::Deletion },
                    date: author.and_then(|(_, date)| date),
                    start: at,
                    end: at + usize::from(before.is_some()),
                    inserted: after.into_iter().collect(),
                    closed: false,
                });
            }
            if let Some(c) = before {
                original.push(c);
                at += 1;
            }
        }
        changes.extend(Self::join(group));
        (original, changes)
    }

    /// The changes of a group of changed chars next to each other: runs of one author and kind
    /// joined, a deletion and the same author's insertion right after it joined, and the spaces
    /// of no author given to the change before them (or after, at the start).
    fn join(group: Vec<Piece<'a>>) -> Vec<TrackedChange> {
        let mut joined: Vec<Piece> = Vec::new();
        let mut leading: Option<Piece> = None;
        for piece in group {
            if piece.author.is_none() {
                match (joined.last_mut(), &mut leading) {
                    (Some(last), _) => {
                        // Text of the original stands between it and what follows.
                        last.closed = true;
                        last.absorb(piece);
                    }
                    (None, Some(last)) => last.absorb(piece),
                    (None, None) => leading = Some(piece),
                }
                continue;
            }
            let piece = match leading.take() {
                Some(mut spaces) => {
                    let (author, kind, date) = (piece.author, piece.kind, piece.date);
                    spaces.absorb(piece);
                    Piece { author, kind, date, ..spaces }
                }
                None => piece,
            };
            match joined.last_mut() {
                Some(last) if last.author == piece.author && !last.closed => {
                    match (last.kind, piece.kind) {
                        (Kind::Deletion, Kind::Deletion) | (Kind::Insertion, Kind::Insertion) => {
                            last.absorb(piece)
                        }
                        (Kind::Deletion | Kind::Replacement, Kind::Insertion) => {
                            last.kind = Kind::Replacement;
                            last.absorb(piece);
                        }
                        _ => joined.push(piece),
                    }
                }
                _ => joined.push(piece),
            }
        }
        joined
            .into_iter()
            .filter(|piece| piece.start < piece.end || !piece.inserted.is_empty())
            .filter_map(|piece| {
                Some(TrackedChange {
                    author: piece.author?.to_string(),
                    date: piece.date,
                    start: piece.start,
                    end: piece.end,
                    inserted: piece.inserted,
                })
            })
            .collect()
    }
}

/// What a tracked change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Insertion,
    Deletion,
    /// A deletion and the insertion of the same author right after it.
    Replacement,
}

/// Changed chars next to each other, by one author (or by none: a space the normalization
/// keeps in one text only).
#[derive(Debug)]
struct Piece<'a> {
    author: Option<&'a str>,
    kind: Kind,
    date: Option<DateTime<Utc>>,
    start: usize,
    end: usize,
    inserted: String,
    /// Ends with a space of the original: nothing more joins it.
    closed: bool,
}

impl Piece<'_> {
    /// Takes in the piece that follows.
    fn absorb(&mut self, next: Piece) {
        self.end = next.end;
        self.inserted.push_str(&next.inserted);
        self.date = self.date.max(next.date);
    }
}

/// A `w:date`: RFC 3339 as Word writes it ("2024-05-02T10:30:00Z"), or without a zone (read
/// as UTC).
fn date(value: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value)
        .map(|date| date.with_timezone(&Utc))
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S").map(|d| d.and_utc()))
        .ok()
}

/// The chars without the number typed at the start of the paragraph ("1.", "(a)"), as import
/// removes it: the number of the text as circulated, or (for a paragraph inserted whole) as
/// proposed. A change of the number alone (a renumbering) goes with it.
fn without_number(chars: Vec<(char, Side)>) -> Vec<(char, Side)> {
    let length = |visible: fn(Side) -> bool| {
        let text: String =
            chars.iter().filter(|(_, side)| visible(*side)).map(|(c, _)| *c).collect();
        parse_marker(&text).map_or(0, |(_, rest)| text[..text.len() - rest.len()].chars().count())
    };
    let (circulated, proposed) = (length(Side::circulated), length(Side::proposed));
    let (mut before, mut after) = (0, 0);
    let mut kept = Vec::with_capacity(chars.len());
    for (c, side) in chars {
        let numbered = match side {
            Side::Inserted(_) => after < proposed,
            _ => before < circulated,
        };
        before += usize::from(side.circulated());
        after += usize::from(side.proposed());
        if !numbered {
            kept.push((c, side));
        }
    }
    kept
}

/// What each char shows in one of the two texts, whitespace normalized: itself, a space for a
/// run of whitespace inside the text, nothing for the rest of the run, whitespace at either end
/// and chars not in that text. A run's space is shown by a char of both texts when the run
/// has one, so that the two texts share it.
fn shown(chars: &[(char, Side)], visible: fn(Side) -> bool) -> Vec<Option<char>> {
    let mut out = vec![None; chars.len()];
    let mut run: Vec<usize> = Vec::new();
    let mut started = false;
    for (i, &(c, side)) in chars.iter().enumerate() {
        if !visible(side) {
            continue;
        }
        if c.is_whitespace() {
            run.push(i);
            continue;
        }
        if started {
            let first = run.iter().find(|&&j| chars[j].1 == Side::Original).or(run.first());
            if let Some(&j) = first {
                out[j] = Some(' ');
            }
        }
        run.clear();
        started = true;
        out[i] = Some(c);
    }
    out
}

impl<'a> Inline<'a> for Reader<'a> {
    fn text(&mut self, text: &str, _: bool, _: bool, revision: Revision<'a>) {
        self.push(text, revision);
    }

    fn field(&mut self, text: &str, revision: Revision<'a>) {
        self.push(text, revision);
    }

    fn line_break(&mut self, revision: Revision<'a>) {
        self.push(" ", revision);
    }

    fn footnote(&mut self, _: &str, _: Revision<'a>) {}

    fn bookmark(&mut self, name: &str) {
        self.bookmark = self.bookmark.or_else(|| ParagraphId::from_bookmark_name(name));
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read, Write};
    use std::sync::atomic::{AtomicUsize, Ordering};

    use zip::write::SimpleFileOptions;
    use zip::{ZipArchive, ZipWriter};

    use super::*;
    use crate::export::{export, ExportFormat, ExportKind, ExportOptions};
    use crate::import::testing::{document, zip, XorShift};
    use crate::import::MAX_BYTES;
    use crate::model::Paragraph;
    use crate::Store;

    const JANE: &str = "Jane Roe";
    const CANADA: &str = "Canada Delegation";

    /// When each author made their changes.
    fn date_of(author: &str) -> &'static str {
        if author == JANE {
            "2026-05-04T10:00:00Z"
        } else {
            "2026-05-05T09:30:00Z"
        }
    }

    fn utc(author: &str) -> Option<DateTime<Utc>> {
        date(date_of(author))
    }

    /// Revision ids, unique in a document as Word wants them.
    static IDS: AtomicUsize = AtomicUsize::new(100);

    /// The attributes of a revision by `author`.
    fn by(author: &str) -> String {
        let id = IDS.fetch_add(1, Ordering::Relaxed);
        format!(r#"w:id="{id}" w:author="{author}" w:date="{}""#, date_of(author))
    }

    /// Text as Word tracks it: unchanged, inserted or deleted by an author.
    enum Part<'a> {
        Same(&'a str),
        Ins(&'a str, &'a str),
        Del(&'a str, &'a str),
    }
    use Part::{Del, Ins, Same};

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }

    fn runs(parts: &[Part]) -> String {
        parts
            .iter()
            .map(|part| match part {
                Same(text) => format!(r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#, escape(text)),
                Ins(author, text) => format!(
                    r#"<w:ins {}><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:ins>"#,
                    by(author),
                    escape(text)
                ),
                Del(author, text) => format!(
                    r#"<w:del {}><w:r><w:delText xml:space="preserve">{}</w:delText></w:r></w:del>"#,
                    by(author),
                    escape(text)
                ),
            })
            .collect()
    }

    /// Applies the changes to the original, in order: what accepting them all gives.
    fn apply(paragraph: &TrackedParagraph) -> String {
        let chars: Vec<char> = paragraph.original.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for change in &paragraph.changes {
            assert!(at <= change.start && change.start <= change.end && change.end <= chars.len());
            out.extend(&chars[at..change.start]);
            out.push_str(&change.inserted);
            at = change.end;
        }
        out.extend(&chars[at..]);
        out
    }

    /// The char offset of `needle` in `text`.
    fn at(text: &str, needle: &str) -> usize {
        let found = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
        text[..found].chars().count()
    }

    fn change(author: &str, start: usize, end: usize, inserted: &str) -> TrackedChange {
        TrackedChange {
            author: author.into(),
            date: utc(author),
            start,
            end,
            inserted: into(inserted),
        }
    }

    fn into(text: &str) -> String {
        text.to_string()
    }

    /// A `.docx` of `body` alone.
    fn word(body: &str) -> Vec<u8> {
        zip(&[("word/document.xml", &document(body))])
    }

    fn read(bytes: &[u8]) -> Vec<TrackedParagraph> {
        tracked_changes(bytes).unwrap_or_else(|e| panic!("{e}"))
    }

    // -- A document Accord exported, returned with tracked changes ------------------------------

    /// The sample negotiation and its open round's paragraphs.
    fn sample() -> (tempfile::TempDir, Store, Vec<Paragraph>) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let store = crate::sample::create(&dir.path().join("sample.accord"))
            .unwrap_or_else(|e| panic!("{e}"));
        let document = store.document(None).unwrap_or_else(|e| panic!("{e}"));
        let paragraphs = document.paragraphs.into_iter().map(|p| p.paragraph).collect();
        (dir, store, paragraphs)
    }

    fn exported(store: &Store, kind: ExportKind) -> Vec<u8> {
        export(store, &kind, ExportFormat::Docx, &ExportOptions::default())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The part `name` of a `.docx`.
    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let mut text = String::new();
        let mut file = archive.by_name(name).unwrap_or_else(|e| panic!("{e}"));
        file.read_to_string(&mut text).unwrap_or_else(|e| panic!("{e}"));
        text
    }

    /// The `.docx` with its part `name` replaced, every other part as it was.
    fn rezip(bytes: &[u8], name: &str, content: &str) -> Vec<u8> {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap_or_else(|e| panic!("{e}"));
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap_or_else(|e| panic!("{e}"));
            let data = if file.name() == name { content.as_bytes().to_vec() } else { data };
            let file_name = file.name().to_string();
            writer
                .start_file(file_name, SimpleFileOptions::default())
                .unwrap_or_else(|e| panic!("{e}"));
            writer.write_all(&data).unwrap_or_else(|e| panic!("{e}"));
        }
        writer.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
    }

    /// The store's paragraph whose text starts with `start`.
    fn find<'a>(paragraphs: &'a [Paragraph], start: &str) -> &'a Paragraph {
        paragraphs.iter().find(|p| p.text.starts_with(start)).unwrap_or_else(|| panic!("{start}"))
    }

    /// Where the paragraph of `paragraph` starts and ends in a document part.
    fn span(xml: &str, paragraph: &Paragraph) -> (usize, usize) {
        let bookmark =
            xml.find(&paragraph.id.bookmark_name()).unwrap_or_else(|| panic!("no bookmark"));
        let start = xml[..bookmark].rfind("<w:p ").unwrap_or(0);
        let end = bookmark + xml[bookmark..].find("</w:p>").unwrap_or(0) + "</w:p>".len();
        (start, end)
    }

    /// Replaces the run of `text` in the paragraph with tracked runs.
    fn retrack(xml: &mut String, paragraph: &Paragraph, text: &str, parts: &[Part]) {
        let circulated: String = parts
            .iter()
            .filter_map(|p| match p {
                Same(t) | Del(_, t) => Some(*t),
                Ins(..) => None,
            })
            .collect();
        assert_eq!(circulated, text);
        let (start, end) = span(xml, paragraph);
        let run =
            format!(r#"<w:r><w:rPr /><w:t xml:space="preserve">{}</w:t></w:r>"#, escape(text));
        let inside = xml[start..end].replacen(&run, &runs(parts), 1);
        assert_ne!(inside, xml[start..end], "no run of {text:?}");
        xml.replace_range(start..end, &inside);
    }

    /// The sample's clean text as two authors send it back: PP2, Canada deletes a word; OP1,
    /// Jane Roe replaces one; OP3, Canada inserts words and Jane Roe deletes one; after OP4,
    /// Canada inserts a paragraph; Jane Roe deletes sub-paragraph (b).
    fn returned(store: &Store, paragraphs: &[Paragraph]) -> Vec<u8> {
        let bytes = exported(store, ExportKind::Clean);
        let mut xml = part(&bytes, "word/document.xml");

        // PP2: Canada deletes a word. OP1: Jane Roe replaces one. OP3: Canada inserts words
        // and Jane Roe deletes one.
        let pp2 = find(paragraphs, "CONCERNED");
        retrack(
            &mut xml,
            pp2,
            &pp2.text,
            &[
                Same("CONCERNED that "),
                Del(CANADA, "prolonged "),
                Same(&pp2.text["CONCERNED that prolonged ".len()..]),
            ],
        );
        let op1 = find(paragraphs, "Their commitment");
        retrack(
            &mut xml,
            op1,
            &op1.text,
            &[
                Same("Their commitment to "),
                Del(JANE, "strengthen"),
                Ins(JANE, "reinforce"),
                Same(&op1.text["Their commitment to strengthen".len()..]),
            ],
        );
        let op3 = find(paragraphs, "That cooperation");
        let (before, rest) = op3.text.split_at(op3.text.find(", with full").unwrap_or(0));
        retrack(
            &mut xml,
            op3,
            &op3.text,
            &[
                Same(before),
                Ins(CANADA, " and deepened"),
                Same(", with "),
                Del(JANE, "full "),
                Same(&rest[", with full ".len()..]),
            ],
        );

        // After OP4, Canada inserts a paragraph, typing its number.
        let op4 = find(paragraphs, "Encourage the participation");
        let (_, end) = span(&xml, op4);
        let new = "To promote the exchange of hydrological data among member states.";
        let inserted = format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Operative"/><w:rPr><w:ins {}/></w:rPr></w:pPr><w:ins {}><w:r><w:t>4bis.</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>{new}</w:t></w:r></w:ins></w:p>"#,
            by(CANADA),
            by(CANADA)
        );
        xml.insert_str(end, &inserted);

        // Jane Roe deletes sub-paragraph (b), its number and its mark.
        let b = find(paragraphs, "the exchange of good practices");
        let (start, end) = span(&xml, b);
        let deleted = xml[start..end]
            .replace("<w:r>", &format!("<w:del {}><w:r>", by(JANE)))
            .replace("</w:r>", "</w:r></w:del>")
            .replace("<w:t ", "<w:delText ")
            .replace("</w:t>", "</w:delText>")
            .replace("<w:rPr /></w:pPr>", &format!("<w:rPr><w:del {}/></w:rPr></w:pPr>", by(JANE)));
        xml.replace_range(start..end, &deleted);

        rezip(&bytes, "word/document.xml", &xml)
    }

    #[test]
    fn a_returned_export_gives_each_authors_changes_by_paragraph() {
        let (_dir, store, paragraphs) = sample();
        let bytes = exported(&store, ExportKind::Clean);
        let pp2 = find(&paragraphs, "CONCERNED");
        let op1 = find(&paragraphs, "Their commitment");
        let op3 = find(&paragraphs, "That cooperation");
        let op4 = find(&paragraphs, "Encourage the participation");
        let b = find(&paragraphs, "the exchange of good practices");
        let new = "To promote the exchange of hydrological data among member states.";
        let found = read(&returned(&store, &paragraphs));
        let expected = vec![
            TrackedParagraph {
                paragraph: Some(pp2.id),
                after: None,
                original: pp2.text.clone(),
                changes: vec![change(CANADA, 15, 25, "")],
            },
            TrackedParagraph {
                paragraph: Some(op1.id),
                after: None,
                original: op1.text.clone(),
                changes: vec![change(JANE, 20, 30, "reinforce")],
            },
            TrackedParagraph {
                paragraph: Some(op3.id),
                after: None,
                original: op3.text.clone(),
                changes: vec![
                    change(
                        CANADA,
                        at(&op3.text, ", with"),
                        at(&op3.text, ", with"),
                        " and deepened",
                    ),
                    change(JANE, at(&op3.text, "full"), at(&op3.text, "respect"), ""),
                ],
            },
            TrackedParagraph {
                paragraph: None,
                after: Some(op4.id),
                original: String::new(),
                changes: vec![change(CANADA, 0, 0, new)],
            },
            TrackedParagraph {
                paragraph: Some(b.id),
                after: None,
                original: b.text.clone(),
                changes: vec![change(JANE, 0, b.text.chars().count(), "")],
            },
        ];
        assert_eq!(found, expected);

        // What Word shows once every change is accepted.
        let accepted: Vec<String> = found.iter().map(apply).collect();
        assert_eq!(
            accepted,
            [
                pp2.text.replace("prolonged ", ""),
                op1.text.replace("strengthen", "reinforce"),
                op3.text.replace(", with full", " and deepened, with"),
                new.to_string(),
                String::new(),
            ]
        );
        // Rejected, the document is the one circulated: nothing is left to report.
        assert_eq!(read(&bytes), []);
    }

    #[test]
    fn each_authors_changes_become_proposals_of_the_delegation_it_speaks_for() {
        use crate::proposals::{ProposalChange, ProposalState};
        let (_dir, mut store, paragraphs) = sample();
        let word = returned(&store, &paragraphs);
        let err = store.import_word_proposals(&word, "returned.docx").unwrap_err();
        assert_eq!(err.code(), "unmapped_authors");
        assert!(err.to_string().contains("Canada Delegation, Jane Roe"), "{err}");
        assert!(store.proposals().unwrap_or_default().is_empty(), "nothing written");

        store.map_word_author(JANE, "Mexico").unwrap_or_else(|e| panic!("{e}"));
        store.map_word_author(CANADA, "Canada").unwrap_or_else(|e| panic!("{e}"));
        let report =
            store.import_word_proposals(&word, "returned.docx").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((report.added, report.already_present), (6, 0));
        assert_eq!(report.delegations, ["Canada", "Mexico"]);
        assert!(report.skipped.is_empty(), "{:?}", report.skipped);
        let again =
            store.import_word_proposals(&word, "returned.docx").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (again.added, again.already_present),
            (0, 6),
            "the same file twice adds nothing"
        );

        let records = store.proposals().unwrap_or_else(|e| panic!("{e}"));
        let asks: Vec<(String, String)> = records
            .iter()
            .map(|r| (r.proposal.delegation.clone(), r.proposal.change.describe()))
            .collect();
        let op4 = find(&paragraphs, "Encourage the participation");
        for expected in [
            ("Canada", "delete \"prolonged\"".to_string()),
            ("Mexico", "replace \"strengthen\" by \"reinforce\"".to_string()),
            ("Canada", "insert \"and deepened\"".to_string()),
            ("Mexico", "delete \"full\"".to_string()),
            ("Mexico", "delete the paragraph".to_string()),
            (
                "Canada",
                format!(
                    "new paragraph after {}: \"To promote the exchange of hydrological data among member states.\"",
                    op4.label
                ),
            ),
        ] {
            assert!(asks.contains(&(expected.0.to_string(), expected.1.clone())), "{expected:?} in {asks:?}");
        }
        let op1 = find(&paragraphs, "Their commitment");
        let mexico_op1 = records
            .iter()
            .find(|r| matches!(&r.proposal.change, ProposalChange::Amend { paragraph, .. } if *paragraph == op1.id))
            .unwrap_or_else(|| panic!("Mexico on OP1"));
        store.accept_proposal(mexico_op1.proposal.id).unwrap_or_else(|e| panic!("{e}"));
        let now = store.paragraph(op1.id).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(now.text, op1.text.replace("strengthen", "reinforce"));
        let compilation = store.compilation().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((compilation.open, compilation.conflicts), (5, 0));
        assert!(records
            .iter()
            .all(|r| r.origin == "returned.docx" && r.state == ProposalState::Open));
    }

    #[test]
    fn the_working_text_carries_every_paragraphs_id() {
        let (_dir, store, paragraphs) = sample();
        let bytes = exported(&store, ExportKind::Annotated);
        // A full stop inserted at the end of every paragraph Accord bookmarked.
        let xml = part(&bytes, "word/document.xml")
            .replace("<w:bookmarkEnd ", &format!("{}<w:bookmarkEnd ", runs(&[Ins(JANE, "!")])));
        let found = read(&rezip(&bytes, "word/document.xml", &xml));
        let ids: Vec<Option<ParagraphId>> = found.iter().map(|p| p.paragraph).collect();
        let expected: Vec<Option<ParagraphId>> = paragraphs.iter().map(|p| Some(p.id)).collect();
        assert_eq!(ids, expected);
        for (found, paragraph) in found.iter().zip(&paragraphs) {
            assert_eq!(found.original, paragraph.text);
            assert_eq!(apply(found), format!("{}!", paragraph.text));
        }
        // Bookmark names are the ids, and nothing else is read as one.
        let id = paragraphs[0].id;
        assert_eq!(id.bookmark_name().len(), 36);
        assert_eq!(ParagraphId::from_bookmark_name(&id.bookmark_name()), Some(id));
        assert_eq!(ParagraphId::from_bookmark_name("_GoBack"), None);
        assert_eq!(ParagraphId::from_bookmark_name(&format!("acc_{}", id)), None);
    }

    #[test]
    fn the_clean_text_is_otherwise_unchanged_and_printed_texts_carry_no_bookmarks() {
        let (_dir, store, paragraphs) = sample();
        let xml = part(&exported(&store, ExportKind::Clean), "word/document.xml");
        let live =
            paragraphs.iter().filter(|p| p.status.kind() != crate::model::StatusKind::Deleted);
        for (n, paragraph) in live.enumerate() {
            let name = paragraph.id.bookmark_name();
            let start = format!(r#"<w:bookmarkStart w:id="{}" w:name="{name}" />"#, n + 1);
            assert!(xml.contains(&start), "{start}");
        }
        let compare = ExportKind::Compare { from: 1, to: 3 };
        assert!(!part(&exported(&store, compare), "word/document.xml").contains("bookmarkStart"));
    }

    // -- Word's markup ----------------------------------------------------------------------------

    fn paragraph(content: &str) -> String {
        format!("<w:p>{content}</w:p>")
    }

    #[test]
    fn a_deletion_and_the_same_authors_insertion_are_one_replacement() {
        let body = paragraph(&runs(&[
            Same("To convene "),
            Del(JANE, "an urgent"),
            Del(JANE, " "),
            Ins(JANE, "a high-level"),
            Ins(JANE, " "),
            Same("meeting."),
        ]));
        let found = read(&word(&body));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].original, "To convene an urgent meeting.");
        assert_eq!(found[0].changes, [change(JANE, 11, 21, "a high-level ")]);
        assert_eq!(found[0].paragraph, None);
        assert_eq!(apply(&found[0]), "To convene a high-level meeting.");
    }

    #[test]
    fn authors_stay_apart_and_text_one_inserted_and_another_deleted_is_left_out() {
        let body = paragraph(&[
            runs(&[
                Same("To "),
                Del(JANE, "convene"),
                Ins(CANADA, "hold"),
                Same(" a "),
                Ins(JANE, "high-"),
                Ins(CANADA, "level "),
                Same("meeting "),
            ]),
            format!(
                r#"<w:ins {}><w:del {}><w:r><w:delText>soon </w:delText></w:r></w:del></w:ins>"#,
                by(JANE),
                by(CANADA)
            ),
            runs(&[Del(JANE, "on"), Same(" "), Ins(JANE, "in"), Same(" ports.")]),
        ]
        .concat());
        let found = read(&word(&body));
        let text = "To convene a meeting on ports.";
        assert_eq!(found[0].original, text);
        assert_eq!(
            found[0].changes,
            [
                change(JANE, 3, 10, ""),
                change(CANADA, 10, 10, "hold"),
                change(JANE, 13, 13, "high-"),
                change(CANADA, 13, 13, "level "),
                change(JANE, 21, 24, ""),
                change(JANE, 24, 24, "in "),
            ]
        );
        assert_eq!(apply(&found[0]), "To hold a high-level meeting in ports.");
    }

    #[test]
    fn changes_inside_fields_and_hyperlinks_and_moves() {
        let body = [
            paragraph(&[
                runs(&[Same("To apply the ")]),
                format!(
                    r#"<w:hyperlink r:id="x" xmlns:r="r"><w:ins {}><w:r><w:t xml:space="preserve">revised </w:t></w:r></w:ins><w:r><w:t>charter</w:t></w:r></w:hyperlink>"#,
                    by(CANADA)
                ),
                runs(&[Same(" of the ")]),
                r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF org \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>"#.into(),
                runs(&[Del(JANE, "Organization"), Ins(JANE, "Organisation")]),
                r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#.into(),
                format!(
                    r#"<w:ins {}><w:fldSimple w:instr=" DATE "><w:r><w:t xml:space="preserve"> today</w:t></w:r></w:fldSimple></w:ins>"#,
                    by(CANADA)
                ),
                runs(&[Same(".")]),
            ]
            .concat()),
            paragraph(&format!(
                r#"<w:moveFrom {}><w:r><w:t xml:space="preserve">Firmly </w:t></w:r></w:moveFrom><w:r><w:t xml:space="preserve">decides </w:t></w:r><w:moveTo {}><w:r><w:t xml:space="preserve">firmly </w:t></w:r></w:moveTo><w:r><w:t>to act.</w:t></w:r>"#,
                by(JANE),
                by(JANE)
            )),
            // Formatting changes are not proposals.
            paragraph(r#"<w:pPr><w:pPrChange w:id="1" w:author="Jane Roe"><w:pPr/></w:pPrChange></w:pPr><w:r><w:rPr><w:b/><w:rPrChange w:id="2" w:author="Jane Roe"><w:rPr/></w:rPrChange></w:rPr><w:t>Bold now.</w:t></w:r>"#),
        ]
        .concat();
        let found = read(&word(&body));
        assert_eq!(found.len(), 2);
        let text = "To apply the charter of the Organization.";
        assert_eq!(found[0].original, text);
        assert_eq!(
            found[0].changes,
            [
                change(CANADA, 13, 13, "revised "),
                change(JANE, 28, 40, "Organisation"),
                change(CANADA, 40, 40, " today"),
            ]
        );
        assert_eq!(apply(&found[0]), "To apply the revised charter of the Organisation today.");
        assert_eq!(found[1].original, "Firmly decides to act.");
        assert_eq!(found[1].changes, [change(JANE, 0, 7, ""), change(JANE, 15, 15, "firmly ")]);
        assert_eq!(apply(&found[1]), "decides firmly to act.");
    }

    #[test]
    fn numbers_typed_as_text_are_not_part_of_the_text() {
        let body = [
            paragraph(&runs(&[
                Same("3.\tTo "),
                Ins(CANADA, "urgently "),
                Same("decide."),
            ])),
            // A renumbering alone is no proposal.
            paragraph(&runs(&[Del(JANE, "4"), Ins(JANE, "5"), Same(".\tTo act.")])),
            paragraph(&runs(&[Same("(a)\t"), Del(JANE, "ports;"), Ins(JANE, "harbours;")])),
            // A paragraph inserted whole, with a line break and a tab inside.
            paragraph(&format!(
                r#"<w:ins {}><w:r><w:t>6.</w:t><w:tab/><w:t xml:space="preserve">To report  </w:t><w:br/><w:t>back.</w:t></w:r></w:ins>"#,
                by(CANADA)
            )),
        ]
        .concat();
        let found = read(&word(&body));
        assert_eq!(found.len(), 3, "{found:#?}");
        assert_eq!(found[0].original, "To decide.");
        assert_eq!(found[0].changes, [change(CANADA, 3, 3, "urgently ")]);
        assert_eq!(found[1].original, "ports;");
        assert_eq!(found[1].changes, [change(JANE, 0, 6, "harbours;")]);
        assert_eq!((found[2].original.as_str(), apply(&found[2])), ("", "To report back.".into()));
        assert_eq!(found[2].after, None);
    }

    #[test]
    fn dates_may_be_missing_or_without_a_zone() {
        let body = paragraph(
            r#"<w:r><w:t>To act</w:t></w:r><w:ins w:id="1" w:author="A"><w:r><w:t>now</w:t></w:r></w:ins><w:ins w:id="2" w:author="B" w:date="2026-05-04T10:00:00"><w:r><w:t>!</w:t></w:r></w:ins><w:ins w:id="3" w:date="bogus"><w:r><w:t>?</w:t></w:r></w:ins>"#,
        );
        let found = read(&word(&body));
        let dates: Vec<_> = found[0].changes.iter().map(|c| (c.author.as_str(), c.date)).collect();
        assert_eq!(dates, [("A", None), ("B", utc(JANE)), ("", None)]);
    }

    // -- Bad input ------------------------------------------------------------------------------

    #[test]
    fn bad_input_is_refused_with_an_import_error() {
        assert_eq!(tracked_changes(b""), Err(ImportError::Empty));
        assert_eq!(tracked_changes(b"RECALLING the charter;"), Err(ImportError::NotDocx));
        let huge = vec![0u8; usize::try_from(MAX_BYTES).unwrap_or(0) + 1];
        assert!(matches!(tracked_changes(&huge), Err(ImportError::TooLarge { .. })));
        let broken = zip(&[("word/document.xml", "<w:document><w:body><w:p>")]);
        assert!(matches!(tracked_changes(&broken), Err(ImportError::Malformed { .. })));
        let other = zip(&[("word/document.xml", "<html/>")]);
        assert_eq!(tracked_changes(&other), Err(ImportError::NotDocx));
        assert_eq!(
            tracked_changes(&zip(&[("xl/workbook.xml", "<w/>")])),
            Err(ImportError::NotDocx)
        );
        assert_eq!(read(&word("")), []);

        let (_dir, store, _) = sample();
        let bytes = exported(&store, ExportKind::Annotated);
        for cut in [10, bytes.len() / 2, bytes.len() - 10] {
            let error = tracked_changes(&bytes[..cut]).err();
            assert!(matches!(error, Some(ImportError::Malformed { .. })), "{cut}: {error:?}");
        }
        // Damaged archives and documents: an answer or an error, never a panic.
        let xml = part(&bytes, "word/document.xml")
            .replace("<w:bookmarkEnd ", &format!("{}<w:bookmarkEnd ", runs(&[Del(JANE, "x")])));
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        for round in 0..60 {
            let mut damaged = if round % 2 == 0 { bytes.clone() } else { xml.clone().into_bytes() };
            for _ in 0..=rng.below(8) {
                let at = rng.below(damaged.len());
                damaged[at] ^= (rng.next() & 0xFF) as u8 | 1;
            }
            let damaged = if round % 2 == 0 {
                damaged
            } else {
                word_part(&String::from_utf8_lossy(&damaged))
            };
            if let Err(error) = tracked_changes(&damaged) {
                assert!(!error.to_string().is_empty());
            }
        }
    }

    /// A `.docx` of a whole main document part.
    fn word_part(document: &str) -> Vec<u8> {
        zip(&[("word/document.xml", document)])
    }
}
