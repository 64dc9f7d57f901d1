//! Importing real texts: a draft as a chair receives it, read into structured paragraphs that
//! the UI shows for review before a negotiation is created from them.
//!
//! - [`text`] — plain text and clipboard pastes out of Word: [`import_text`], [`import_bytes`].
//! - [`docx`] — Word documents: [`import_docx`].
//! - [`akn`] — Akoma Ntoso XML, as Accord exports it: [`import_akn`].
//! - [`html`], [`xml`], [`odt`], [`pdf`] — a web page, XML of another vocabulary, an
//!   OpenDocument text, a PDF's text layer: their text read as a text draft.
//! - [`tracked`] — a Word document Accord exported, returned with tracked changes:
//!   [`tracked_changes`].
//!
//! Text and Word documents go through one reader, `classify`, which recognizes a draft in the
//! paragraphs a format gives; an Akoma Ntoso document says its structure and is read as it is.
//! [`import_file`] and [`import_bytes_as`] choose the reader ([`ImportFormat::detect`]).
//!
//! **Architecture Invariant:** importing writes nothing and never panics on any input; what
//! cannot be read is an [`ImportError`].

use std::path::Path;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Footnote, NegotiationMeta, ParagraphKind};
use crate::ErrorCode;

pub mod akn;
mod classify;
pub mod docx;
pub mod html;
pub mod odt;
pub mod pdf;
#[cfg(test)]
mod testing;
pub mod text;
pub mod tracked;
pub mod xml;

pub use akn::import_akn;
pub use docx::import_docx;
pub use html::import_html;
pub use odt::import_odt;
pub use pdf::import_pdf;
pub use text::{import_bytes, import_text};
pub use tracked::tracked_changes;
pub use xml::import_xml;

/// The largest input accepted, in bytes (50 MB), before and after decompression: far beyond
/// any declaration, small enough to refuse a file chosen by mistake before reading it all.
pub const MAX_BYTES: u64 = 50_000_000;

/// The formats a draft is imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum ImportFormat {
    /// Plain text: a `.txt` file or a paste.
    #[serde(rename = "txt")]
    Text,
    /// A Word document (`.docx`).
    #[serde(rename = "docx")]
    Docx,
    /// Akoma Ntoso XML, as Accord exports it.
    #[serde(rename = "akn")]
    AkomaNtoso,
    /// A PDF with a text layer.
    #[serde(rename = "pdf")]
    Pdf,
    /// An OpenDocument text (`.odt`).
    #[serde(rename = "odt")]
    Odt,
    /// A web page (`.html`), as saved from a browser.
    #[serde(rename = "html")]
    Html,
    /// An XML document in another vocabulary than Akoma Ntoso.
    #[serde(rename = "xml")]
    Xml,
}

impl ImportFormat {
    /// All formats.
    pub const ALL: [ImportFormat; 7] =
        [Self::Text, Self::Docx, Self::AkomaNtoso, Self::Pdf, Self::Odt, Self::Html, Self::Xml];

    /// The name used in the CLI and the UI: "txt", "docx", "akn".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "txt",
            Self::Docx => "docx",
            Self::AkomaNtoso => "akn",
            Self::Pdf => "pdf",
            Self::Odt => "odt",
            Self::Html => "html",
            Self::Xml => "xml",
        }
    }

    /// Parses the name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The format of a file's bytes: a zip archive is an OpenDocument text when it says so and a
    /// Word document otherwise, `%PDF-` a PDF, an XML document whose root is `akomaNtoso` is
    /// Akoma Ntoso, an HTML page (XHTML included) a web page, any other XML document XML,
    /// anything else is read as text.
    pub fn detect(bytes: &[u8]) -> Self {
        const PROLOGUE: usize = 4096;
        if odt::is_odt(bytes) {
            return Self::Odt;
        }
        if bytes.starts_with(b"PK\x03\x04") {
            return Self::Docx;
        }
        if pdf::is_pdf(bytes) {
            return Self::Pdf;
        }
        let head = &bytes[..bytes.len().min(PROLOGUE)];
        let head = String::from_utf8_lossy(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head));
        if akn::starts_akoma_ntoso(&head) {
            Self::AkomaNtoso
        } else if html::is_html(&head) {
            Self::Html
        } else if xml::is_xml(&head) {
            Self::Xml
        } else {
            Self::Text
        }
    }
}

/// Reads a draft from a file, in the format its contents show ([`ImportFormat::detect`]).
pub fn import_file(path: &Path) -> Result<ImportedDraft, ImportError> {
    let bytes = read_file(path)?;
    import_bytes_as(&bytes, ImportFormat::detect(&bytes))
}

/// Reads a draft from a file in the given format.
pub fn import_file_as(path: &Path, format: ImportFormat) -> Result<ImportedDraft, ImportError> {
    import_bytes_as(&read_file(path)?, format)
}

/// Reads a draft from a file's bytes in the given format.
pub fn import_bytes_as(bytes: &[u8], format: ImportFormat) -> Result<ImportedDraft, ImportError> {
    match format {
        ImportFormat::Text => import_bytes(bytes),
        ImportFormat::Docx => import_docx(bytes),
        ImportFormat::AkomaNtoso => import_akn(bytes),
        ImportFormat::Pdf => import_pdf(bytes),
        ImportFormat::Odt => import_odt(bytes),
        ImportFormat::Html => import_html(bytes),
        ImportFormat::Xml => import_xml(bytes),
    }
}

/// A file's bytes; a file over [`MAX_BYTES`] is refused before it is read.
fn read_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    let unreadable =
        |e: std::io::Error| ImportError::Unreadable { detail: format!("{}: {e}", path.display()) };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: size, limit: MAX_BYTES });
    }
    std::fs::read(path).map_err(unreadable)
}

/// Refuses inputs over [`MAX_BYTES`].
pub(crate) fn check_size(bytes: usize) -> Result<(), ImportError> {
    let bytes = u64::try_from(bytes).unwrap_or(u64::MAX);
    if bytes > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes, limit: MAX_BYTES });
    }
    Ok(())
}

/// A draft read from an outside text, ready for review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportedDraft {
    /// Title, symbol, body, session, language, house style and the delegations for which the
    /// whole text is only agreed ad referendum, as far as the text tells; defaults otherwise.
    pub meta: NegotiationMeta,
    /// The paragraphs in document order.
    pub paragraphs: Vec<ImportedParagraph>,
    /// The non-blank lines that are not part of any paragraph, in line order.
    pub skipped: Vec<SkippedLine>,
    /// What the reader is not sure of about the whole text, for the chair to look at before
    /// importing it.
    #[serde(default)]
    pub warnings: Vec<ImportWarning>,
}

/// Something about a whole text the importer is not sure of: its code for the program, its
/// sentence for the chair (the CLI prints it, the app's preview shows it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportWarning {
    pub code: ImportWarningCode,
    pub message: String,
}

impl From<ImportWarningCode> for ImportWarning {
    fn from(code: ImportWarningCode) -> Self {
        ImportWarning { code, message: code.describe().to_string() }
    }
}

/// What an [`ImportWarning`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportWarningCode {
    /// The text does not read as a declaration, resolution, decision or treaty: no opening
    /// clause, no verb line, and few paragraphs open with a preambular participle, an
    /// operative verb or an article's heading (a policy paper, a report, a notice).
    NotADraft,
}

impl ImportWarningCode {
    /// The warning as the chair reads it.
    pub fn describe(self) -> &'static str {
        match self {
            ImportWarningCode::NotADraft => {
                "This text does not read as a draft: it has no opening clause and no verb line, \
                 and few paragraphs open with a participle, an operative verb or an article. \
                 Check every paragraph's kind before importing it."
            }
        }
    }
}

impl ImportedDraft {
    /// The draft re-read with the chair's hint that the operative part starts at paragraph
    /// `first`: the top-level paragraphs before it are preambular, those from it on operative
    /// (their sub-paragraphs, the opening clause, verb lines and headings stay as read).
    pub fn operative_from(mut self, first: usize) -> Self {
        for (i, paragraph) in self.paragraphs.iter_mut().enumerate() {
            let top = paragraph.parent.is_none();
            match paragraph.kind {
                ParagraphKind::Operative if top && i < first => {
                    paragraph.kind = ParagraphKind::Preambular;
                }
                ParagraphKind::Preambular if top && i >= first => {
                    paragraph.kind = ParagraphKind::Operative;
                }
                _ => {}
            }
        }
        self
    }
}

/// One paragraph of an imported draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportedParagraph {
    /// Opening clause, preambular, verb line, operative, section heading or sub-paragraph.
    pub kind: ParagraphKind,
    /// The text without its number and status annotation, whitespace normalized; inline
    /// brackets are kept.
    pub text: String,
    /// The status found in annotations and brackets; agreed when the text says nothing.
    pub status: ImportedStatus,
    /// Delegations named in a "(Proposed by …)" annotation.
    pub proposers: Vec<String>,
    /// The number as found (typed, or shown by Word's automatic numbering), without a
    /// trailing period: "15", "(a)", "ii", "PP3"; `None` for unnumbered paragraphs, bullets and
    /// numbers lost in conversion.
    pub source_number: Option<String>,
    /// Index in [`ImportedDraft::paragraphs`] of the paragraph a sub-paragraph belongs to.
    pub parent: Option<usize>,
    /// Where the paragraph starts in the source, from 1: the line of a text, the paragraph of
    /// a Word document, the element of an Akoma Ntoso document.
    pub line: usize,
    /// The footnotes the paragraph refers to (Word documents and Akoma Ntoso); may be left
    /// out of a draft sent back from review.
    #[serde(default)]
    pub footnotes: Vec<Footnote>,
}

/// The status a paragraph was found in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum ImportedStatus {
    /// Agreed by all: marked "(Agreed)", or unmarked (see [`text`] for this default).
    Agreed,
    /// Agreed ad referendum of the named delegations (none when the annotation names none).
    AdReferendum { delegations: Vec<String> },
    /// The whole paragraph stands in brackets.
    Bracketed,
    /// Under discussion: marked "(Pending)", or open brackets remain in the text.
    Pending,
    /// A new proposal: marked "(Proposed by …)".
    Proposed,
}

impl ImportedStatus {
    /// How a chair reads it: "agreed", "agreed ad referendum of Canada, Mexico".
    pub fn describe(&self) -> String {
        match self {
            Self::AdReferendum { delegations } if !delegations.is_empty() => {
                format!("agreed ad referendum of {}", delegations.join(", "))
            }
            Self::AdReferendum { .. } => "agreed ad referendum".into(),
            Self::Agreed => "agreed".into(),
            Self::Bracketed => "bracketed".into(),
            Self::Pending => "pending".into(),
            Self::Proposed => "proposed".into(),
        }
    }
}

/// A non-blank line of the source that is not part of any paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SkippedLine {
    /// Where it stands, as [`ImportedParagraph::line`] counts.
    pub line: usize,
    /// The line, control characters made spaces, whitespace normalized.
    pub text: String,
    /// Why the line is not part of the draft.
    pub reason: SkipReason,
}

/// Why a line was left out of the paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SkipReason {
    /// Part of a covering letter or report before the draft.
    CoveringReport,
    /// Part of the title block or the document header: read into [`ImportedDraft::meta`].
    TitleBlock,
    /// A page number, a running header or footer, or a separator line.
    PageFurniture,
    /// Left over by Word: field codes, embedded-object names, image placeholders, fragments.
    WordDebris,
    /// A translation of the text in another language following it, as a treaty database
    /// appends its own language's version or a bilingual print gives the other version.
    Translation,
}

/// Why a draft could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Nothing but whitespace.
    #[error("the text is empty")]
    Empty,
    /// NUL bytes, or more than 10% control characters.
    #[error(
        "this is not text but a binary file (a Word .doc or a PDF?): save it as plain text, or \
         copy the draft and paste it"
    )]
    Binary,
    /// More than [`MAX_BYTES`], as given or once decompressed.
    #[error(
        "the draft is {} MB; Accord imports drafts of up to {} MB",
        megabytes(*bytes),
        megabytes(*limit)
    )]
    TooLarge { bytes: u64, limit: u64 },
    /// Text, but nothing in it reads as a declaration or resolution.
    #[error(
        "no draft found: no title, opening clause, preambular or numbered paragraph was recognized"
    )]
    NoDraftFound,
    /// Read as a Word document, but not a `.docx` (nor a zip archive holding one).
    #[error(
        "this is not a Word document (.docx): an old Word .doc or another file? Save it from \
         Word as a .docx, or copy the draft and paste it"
    )]
    NotDocx,
    /// Read as Akoma Ntoso, but not an Akoma Ntoso document.
    #[error("this is not an Akoma Ntoso document: its root element is not akomaNtoso")]
    NotAkomaNtoso,
    /// A damaged file: a broken zip archive, invalid XML, a part that cannot be read.
    #[error("the file is damaged: {detail}")]
    Malformed { detail: String },
    /// The file cannot be read at all.
    #[error("the file cannot be read: {detail}")]
    Unreadable { detail: String },
    /// A PDF with no text in it: a scan.
    #[error(
        "this PDF has no text layer (a scanned image): ask the secretariat for the Word or text \
         version, or run it through text recognition (OCR) first"
    )]
    NoTextLayer,
    /// The program that reads the format is not installed.
    #[error("{tool} is needed to read this file: install the {package} package")]
    ToolMissing { tool: String, package: String },
}

impl ImportError {
    /// A stable machine-readable code for the UI and the CLI's `--json` output.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Empty => ErrorCode::Empty,
            Self::Binary => ErrorCode::Binary,
            Self::TooLarge { .. } => ErrorCode::TooLarge,
            Self::NoDraftFound => ErrorCode::NoDraftFound,
            Self::NotDocx => ErrorCode::NotDocx,
            Self::NotAkomaNtoso => ErrorCode::NotAkomaNtoso,
            Self::Malformed { .. } => ErrorCode::Malformed,
            Self::Unreadable { .. } => ErrorCode::Unreadable,
            Self::NoTextLayer => ErrorCode::NoTextLayer,
            Self::ToolMissing { .. } => ErrorCode::ToolMissing,
        }
    }
}

/// Crosses IPC as `{ code, message }`, like the core's [`crate::Error`].
impl Serialize for ImportError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ImportError", 2)?;
        s.serialize_field("code", &self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// Bytes as megabytes with at most one decimal: 61234567 → "61.2", 50000000 → "50".
fn megabytes(bytes: u64) -> String {
    match (bytes / 1_000_000, bytes % 1_000_000 / 100_000) {
        (whole, 0) => whole.to_string(),
        (whole, tenth) => format!("{whole}.{tenth}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chairs_hint_moves_where_the_operative_part_starts() {
        let text = "The Conference of the Parties,\n\nRecalling decision 1,\n\n\
            Welcomes the report,\n\n(a) in part;\n\nInvites Parties to act;\n";
        let draft = import_text(text).unwrap();
        let kinds = |d: &ImportedDraft| d.paragraphs.iter().map(|p| p.kind).collect::<Vec<_>>();
        let early = draft.clone().operative_from(2);
        assert_eq!(kinds(&early)[1..3], [ParagraphKind::Preambular, ParagraphKind::Operative]);
        let late = draft.operative_from(4);
        assert_eq!(kinds(&late)[1..3], [ParagraphKind::Preambular, ParagraphKind::Preambular]);
        assert_eq!(late.paragraphs[3].kind, ParagraphKind::SubParagraph);
        assert_eq!(late.paragraphs[4].kind, ParagraphKind::Operative);
    }

    #[test]
    fn statuses_read_as_a_chair_says_them() {
        let ad_ref =
            ImportedStatus::AdReferendum { delegations: vec!["Canada".into(), "Peru".into()] };
        assert_eq!(ad_ref.describe(), "agreed ad referendum of Canada, Peru");
        assert_eq!(ImportedStatus::Bracketed.describe(), "bracketed");
    }

    #[test]
    fn errors_cross_ipc_as_code_and_message() {
        let error = ImportError::TooLarge { bytes: 61_234_567, limit: MAX_BYTES };
        let json = serde_json::to_value(&error).unwrap_or_default();
        assert_eq!(json["code"], "too_large");
        assert_eq!(json["message"], "the draft is 61.2 MB; Accord imports drafts of up to 50 MB");
    }

    #[test]
    fn formats_are_told_by_their_contents() {
        assert_eq!(ImportFormat::detect(b"PK\x03\x04rest of a zip"), ImportFormat::Docx);
        let akn = "\u{feff}<?xml version=\"1.0\"?>\n<akomaNtoso xmlns=\"x\"/>";
        assert_eq!(ImportFormat::detect(akn.as_bytes()), ImportFormat::AkomaNtoso);
        assert_eq!(ImportFormat::detect(b"<html><akomaNtoso/></html>"), ImportFormat::Html);
        assert_eq!(ImportFormat::detect(b"RECALLING <akomaNtoso>;"), ImportFormat::Text);
        assert_eq!(ImportFormat::detect(b""), ImportFormat::Text);
        for format in ImportFormat::ALL {
            assert_eq!(ImportFormat::parse(format.as_str()), Some(format));
            let json = serde_json::to_string(&format).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", format.as_str()));
        }
        assert_eq!(ImportFormat::parse("doc"), None);
    }

    #[test]
    fn files_are_read_in_their_format() {
        let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = folder.path().join("draft.txt");
        let text = "RECALLING the charter;\nDECLARE:\n1. That ports matter.";
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        let draft = import_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(draft.paragraphs.len(), 3);
        assert_eq!(import_file_as(&path, ImportFormat::Docx), Err(ImportError::NotDocx));
        assert_eq!(
            import_file_as(&path, ImportFormat::AkomaNtoso).map(|_| ()).err().map(|e| e.code()),
            Some(ErrorCode::Malformed)
        );

        let huge = folder.path().join("huge.docx");
        let file = std::fs::File::create(&huge).unwrap_or_else(|e| panic!("{e}"));
        file.set_len(MAX_BYTES + 1).unwrap_or_else(|e| panic!("{e}"));
        let too_large = ImportError::TooLarge { bytes: MAX_BYTES + 1, limit: MAX_BYTES };
        assert_eq!(import_file(&huge), Err(too_large));

        let missing = import_file(&folder.path().join("missing.txt"));
        assert!(
            matches!(&missing, Err(ImportError::Unreadable { detail }) if detail.contains("missing.txt"))
        );
        assert_eq!(missing.err().map(|e| e.code()), Some(ErrorCode::Unreadable));
    }

    #[test]
    fn statuses_serialize_with_a_state_tag() {
        let status = ImportedStatus::AdReferendum { delegations: vec!["Canada".into()] };
        let json = serde_json::to_string(&status).unwrap_or_default();
        assert_eq!(json, r#"{"state":"ad_referendum","delegations":["Canada"]}"#);
        let json = serde_json::to_string(&ImportedStatus::Agreed).unwrap_or_default();
        assert_eq!(json, r#"{"state":"agreed"}"#);
    }
}
