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
mod markdown;
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

/// The chair's hints for re-reading a draft the importer read wrong: what the chair sees at
/// a glance that the text does not say. The preview and the `--hint-…` flags of `accord import` apply them
/// with [`ImportedDraft::with_hints`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportHints {
    /// A decision with no verb line (a COP or UN decision): its numbered top-level paragraphs
    /// are operative.
    #[serde(default)]
    pub decision: bool,
    /// The paragraph (from 0) the draft starts at: those before it are left out, as a
    /// covering report.
    #[serde(default)]
    pub preamble_from: Option<usize>,
    /// The source lines (as [`ImportedParagraph::line`] counts) that are the title, whether
    /// read as paragraphs or skipped.
    #[serde(default)]
    pub title_lines: Vec<usize>,
    /// The paragraph (from 0) the operative part starts at.
    #[serde(default)]
    pub operative_from: Option<usize>,
    /// Not a draft: every paragraph imported as a plain top-level paragraph, in order.
    #[serde(default)]
    pub plain: bool,
}

impl ImportedDraft {
    /// The draft re-read with the chair's hints, each paragraph they change saying so.
    pub fn with_hints(self, hints: &ImportHints) -> Self {
        let mut draft = self;
        if !hints.title_lines.is_empty() {
            draft = draft.titled(&hints.title_lines);
        }
        if let Some(first) = hints.preamble_from {
            draft = draft.preamble_from(first);
        }
        if hints.decision {
            draft = draft.decision();
        }
        if let Some(first) = hints.operative_from {
            draft = draft.operative_from(first);
        }
        if hints.plain {
            draft = draft.plain();
        }
        draft
    }

    /// The draft re-read with the chair's hint that the operative part starts at paragraph
    /// `first`: the top-level paragraphs before it are preambular, those from it on operative
    /// (their sub-paragraphs, the opening clause, verb lines and headings stay as read).
    pub fn operative_from(mut self, first: usize) -> Self {
        for (i, paragraph) in self.paragraphs.iter_mut().enumerate() {
            let top = paragraph.parent.is_none();
            let kind = match paragraph.kind {
                ParagraphKind::Operative if top && i < first => ParagraphKind::Preambular,
                ParagraphKind::Preambular if top && i >= first => ParagraphKind::Operative,
                _ => continue,
            };
            let part = if i < first { "before" } else { "in" };
            paragraph.hinted(kind, format!("{part} the operative part, as you said"));
        }
        self
    }

    /// A decision with no verb line: its numbered top-level paragraphs are operative.
    fn decision(mut self) -> Self {
        for paragraph in &mut self.paragraphs {
            let numbered = paragraph.source_number.as_deref().is_some_and(|n| {
                n.trim_start_matches(['(', '[']).starts_with(|c: char| c.is_ascii_digit())
            });
            if paragraph.kind == ParagraphKind::Preambular && paragraph.parent.is_none() && numbered
            {
                let reason = "numbered in a decision with no verb line: operative, as you said";
                paragraph.hinted(ParagraphKind::Operative, reason.into());
            }
        }
        self
    }

    /// The paragraphs before `first` leave the draft, skipped as a covering report.
    fn preamble_from(mut self, first: usize) -> Self {
        let first = first.min(self.paragraphs.len());
        let before: Vec<ImportedParagraph> = self.paragraphs.drain(..first).collect();
        self.skip(before, SkipReason::CoveringReport);
        for paragraph in &mut self.paragraphs {
            paragraph.parent = paragraph.parent.and_then(|p| p.checked_sub(first));
        }
        if let Some(opening) = self.paragraphs.first_mut().filter(|p| p.parent.is_none()) {
            if opening.kind != ParagraphKind::OpeningClause {
                let reason = "the draft starts here, as you said".into();
                opening.hinted(ParagraphKind::Preambular, reason);
            }
        }
        self
    }

    /// The title read from the given source lines, skipped or read as paragraphs.
    fn titled(mut self, lines: &[usize]) -> Self {
        let is_title = |line: usize| lines.contains(&line);
        let mut title: Vec<(usize, String)> = Vec::new();
        for skipped in self.skipped.iter_mut().filter(|s| is_title(s.line)) {
            skipped.reason = SkipReason::TitleBlock;
            title.push((skipped.line, skipped.text.clone()));
        }
        let (titles, kept): (Vec<_>, Vec<_>) =
            self.paragraphs.drain(..).enumerate().partition(|(_, p)| is_title(p.line));
        let gone: Vec<usize> = titles.iter().map(|(i, _)| *i).collect();
        self.paragraphs = kept.into_iter().map(|(_, p)| p).collect();
        for paragraph in &mut self.paragraphs {
            let parent = paragraph.parent.filter(|p| !gone.contains(p));
            paragraph.parent = parent.map(|p| p - gone.iter().filter(|&&g| g < p).count());
        }
        title.extend(titles.iter().map(|(_, p)| (p.line, p.text.clone())));
        self.skip(titles.into_iter().map(|(_, p)| p).collect(), SkipReason::TitleBlock);
        title.sort();
        self.meta.title = title.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" ");
        self
    }

    /// The paragraphs skipped for `reason`, in line order with the other skipped lines.
    fn skip(&mut self, paragraphs: Vec<ImportedParagraph>, reason: SkipReason) {
        let lines =
            paragraphs.into_iter().map(|p| SkippedLine { line: p.line, text: p.text, reason });
        self.skipped.extend(lines);
        self.skipped.sort_by_key(|s| s.line);
    }

    /// Not a draft: every paragraph a top-level preambular paragraph, the closest to plain
    /// text a negotiation holds.
    fn plain(mut self) -> Self {
        for paragraph in &mut self.paragraphs {
            paragraph.parent = None;
            paragraph.hinted(
                ParagraphKind::Preambular,
                "a plain paragraph: not a draft, as you said".into(),
            );
        }
        self.warnings.retain(|w| w.code != ImportWarningCode::NotADraft);
        self
    }
}

/// The deepest level a paragraph nests at: 0 top, 1 its sub-paragraph, 2 a sub-paragraph's
/// own ((i) under (b) under 3).
pub const MAX_LEVEL: usize = 2;

impl ImportedDraft {
    /// How deep paragraph `index` nests: 0 at the top.
    pub fn level(&self, index: usize) -> usize {
        let mut level = 0;
        let mut at = self.paragraphs.get(index).and_then(|p| p.parent);
        while let Some(parent) = at.filter(|_| level <= self.paragraphs.len()) {
            level += 1;
            at = self.paragraphs.get(parent).and_then(|p| p.parent);
        }
        level
    }

    /// The chosen paragraphs one level deeper (under the nearest paragraph above at their
    /// level, as a sub-paragraph; not past [`MAX_LEVEL`]) or one level out (a top-level one
    /// taking the kind of the paragraph it hung under), in document order.
    pub fn shift_level(mut self, indexes: &[usize], deeper: bool) -> Self {
        let mut chosen: Vec<usize> =
            indexes.iter().copied().filter(|&i| i < self.paragraphs.len()).collect();
        chosen.sort_unstable();
        chosen.dedup();
        for index in chosen {
            let level = self.level(index);
            if deeper && level < MAX_LEVEL {
                let above = (0..index).rev().find(|&j| self.level(j) == level);
                if let Some(parent) = above {
                    let paragraph = &mut self.paragraphs[index];
                    paragraph.parent = Some(parent);
                    let reason = "moved in a level, as you said".into();
                    paragraph.hinted(ParagraphKind::SubParagraph, reason);
                }
            } else if !deeper {
                let Some(parent) = self.paragraphs[index].parent else { continue };
                let (grand, kind) = (self.paragraphs[parent].parent, self.paragraphs[parent].kind);
                let paragraph = &mut self.paragraphs[index];
                paragraph.parent = grand;
                let kind = if grand.is_none() { kind } else { paragraph.kind };
                paragraph.hinted(kind, "moved out a level, as you said".into());
            }
        }
        self
    }
}

impl ImportedParagraph {
    /// The paragraph given `kind` on the chair's word.
    fn hinted(&mut self, kind: ParagraphKind, reason: String) {
        self.kind = kind;
        self.reason = reason;
        self.confidence = Confidence::Sure;
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
    /// Why the importer gave the paragraph its kind and level, as the chair reads it: "opens
    /// with the participle ‘Recognizing’". Shown in the preview, never stored.
    #[serde(default)]
    pub reason: String,
    /// How sure the importer is of the paragraph's kind and level.
    #[serde(default)]
    pub confidence: Confidence,
}

/// How sure the importer is of a paragraph's kind and level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Confidence {
    /// Its number, label or opening words say so.
    #[default]
    Sure,
    /// Its place, emphasis or the paragraph above say so.
    Likely,
    /// Nothing recognised: taken by position; the chair should look.
    Unsure,
}

impl Confidence {
    /// The name used in the CLI: "sure", "likely", "unsure".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sure => "sure",
            Self::Likely => "likely",
            Self::Unsure => "unsure",
        }
    }
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
    fn each_paragraph_says_why_it_was_read_so_and_how_sure() {
        let text = "The Conference of the Parties,\n\nRecognizing the need,\n\n\
            The rise in temperatures goes on\n\nDECIDES:\n\n1. To act now:\n\n\
            the first step;\n\n(a) a part;\n";
        let draft = import_text(text).unwrap();
        let read: Vec<_> =
            draft.paragraphs.iter().map(|p| (p.confidence, p.reason.as_str())).collect();
        assert_eq!(
            read,
            [
                (Confidence::Sure, "names the body at the start: the opening clause"),
                (Confidence::Sure, "opens with the participle ‘Recognizing’"),
                (
                    Confidence::Unsure,
                    "no opening words recognised: taken as preambular by position"
                ),
                (Confidence::Sure, "a verb line"),
                (Confidence::Sure, "numbered ‘1’ in the operative part"),
                (Confidence::Likely, "follows a numbered paragraph ending with ‘:’"),
                (Confidence::Sure, "numbered ‘(a)’ under the paragraph above"),
            ]
        );
        let json = serde_json::to_value(&draft.paragraphs[2]).unwrap_or_default();
        assert_eq!(json["confidence"], "unsure");
    }

    #[test]
    fn hints_re_read_a_decision_its_title_and_a_text_that_is_no_draft() {
        let text = "Draft decision -/CP.28\n\nGlobal goal on adaptation\n\n\
            The Conference of the Parties,\n\nRecalling decision 7/CMA.3,\n\n\
            1. The work programme goes on;\n\n2. The secretariat reports;\n";
        let draft = import_text(text).unwrap();
        let hints = ImportHints { decision: true, ..ImportHints::default() };
        let decision = draft.clone().with_hints(&hints);
        let kinds: Vec<_> = decision.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(kinds[kinds.len() - 2..], [ParagraphKind::Operative, ParagraphKind::Operative]);
        let last = decision.paragraphs.last().map(|p| p.reason.as_str());
        assert_eq!(last, Some("numbered in a decision with no verb line: operative, as you said"));

        let oas = "Quiet skies over the oceans, a statement of the meeting of experts held in \
            Lima\n\nThe Mandate\n\nRecalling its earlier work,\n\n1. Decides to act;\n";
        let oas = import_text(oas).unwrap();
        assert_eq!(oas.skipped[0].reason, SkipReason::CoveringReport);
        let title_lines = vec![1];
        let titled = oas.clone().with_hints(&ImportHints { title_lines, ..ImportHints::default() });
        assert!(titled.meta.title.starts_with("Quiet skies"), "{}", titled.meta.title);
        assert_eq!(titled.skipped[0].reason, SkipReason::TitleBlock);
        let from = ImportHints { preamble_from: Some(2), ..ImportHints::default() };
        let from = draft.clone().with_hints(&from);
        assert_eq!(from.paragraphs[0].text, "The work programme goes on;");
        assert_eq!(from.paragraphs[0].reason, "the draft starts here, as you said");
        let left_out = from.skipped.iter().filter(|s| s.reason == SkipReason::CoveringReport);
        assert_eq!(left_out.count(), 2);

        let plain = draft.with_hints(&ImportHints { plain: true, ..ImportHints::default() });
        assert!(plain.paragraphs.iter().all(|p| p.kind == ParagraphKind::Preambular));
        assert!(plain.paragraphs.iter().all(|p| p.parent.is_none()));
    }

    #[test]
    fn paragraphs_go_in_and_out_over_three_levels() {
        let text = "The Assembly,\n\nNoting the report,\n\n1. Decides:\n\n(a) ports;\n\n\
            (b) railways:\n\n(c) freight;\n\n(d) passengers;\n\n2. Requests a report;\n";
        let draft = import_text(text).unwrap();
        let levels =
            |d: &ImportedDraft| (0..d.paragraphs.len()).map(|i| d.level(i)).collect::<Vec<_>>();
        assert_eq!(levels(&draft), [0, 0, 0, 1, 1, 1, 1, 0]);
        let deeper = draft.shift_level(&[5, 6], true);
        assert_eq!(levels(&deeper), [0, 0, 0, 1, 1, 2, 2, 0]);
        assert_eq!(deeper.paragraphs[6].parent, Some(4));
        let deepest = deeper.shift_level(&[6], true);
        assert_eq!(deepest.level(6), 2, "no fourth level");
        let out = deepest.shift_level(&[3, 5], false);
        assert_eq!(levels(&out), [0, 0, 0, 0, 1, 1, 2, 0]);
        assert_eq!(out.paragraphs[3].kind, ParagraphKind::Operative);
        assert_eq!(out.paragraphs[5].parent, Some(2));
        assert_eq!(out.paragraphs[5].reason, "moved out a level, as you said");
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
