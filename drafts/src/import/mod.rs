//! Importing real texts: a draft as a chair receives it, read into structured paragraphs that
//! the UI shows for review before a negotiation is created from them.
//!
//! - [`text`] — plain text and clipboard pastes out of Word: [`import_text`], [`import_bytes`].

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{NegotiationMeta, ParagraphKind};

pub mod text;

pub use text::{import_bytes, import_text};

/// The largest text accepted, in bytes (50 MB): far beyond any declaration, small enough to
/// refuse a file chosen by mistake before reading it all.
pub const MAX_BYTES: u64 = 50_000_000;

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
    /// The number as found, without a trailing period: "15", "(a)", "ii", "PP3"; `None` for
    /// unnumbered paragraphs, bullets and numbers lost in conversion.
    pub source_number: Option<String>,
    /// Index in [`ImportedDraft::paragraphs`] of the paragraph a sub-paragraph belongs to.
    pub parent: Option<usize>,
    /// The 1-based line of the source where the paragraph starts.
    pub line: usize,
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

/// A non-blank line of the source that is not part of any paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SkippedLine {
    /// The 1-based line number.
    pub line: usize,
    /// The line, whitespace normalized and without control characters.
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
}

/// Why a text could not be imported.
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
    /// More than [`MAX_BYTES`].
    #[error(
        "the text is {} MB; Accord imports texts of up to {} MB",
        megabytes(*bytes),
        megabytes(*limit)
    )]
    TooLarge { bytes: u64, limit: u64 },
    /// Text, but nothing in it reads as a declaration or resolution.
    #[error(
        "no draft found: no title, opening clause, preambular or numbered paragraph was recognized"
    )]
    NoDraftFound,
}

impl ImportError {
    /// A stable machine-readable code for the UI and the CLI's `--json` output.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Binary => "binary",
            Self::TooLarge { .. } => "too_large",
            Self::NoDraftFound => "no_draft_found",
        }
    }
}

/// Crosses IPC as `{ code, message }`, like the core's [`crate::Error`].
impl Serialize for ImportError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ImportError", 2)?;
        s.serialize_field("code", self.code())?;
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
    fn errors_cross_ipc_as_code_and_message() {
        let error = ImportError::TooLarge { bytes: 61_234_567, limit: MAX_BYTES };
        let json = serde_json::to_value(&error).unwrap_or_default();
        assert_eq!(json["code"], "too_large");
        assert_eq!(json["message"], "the text is 61.2 MB; Accord imports texts of up to 50 MB");
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
