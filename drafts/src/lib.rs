//! # drafts — the core of Accord
//!
//! Everything a chair or a delegation does to a negotiated text is a function of this crate; the
//! desktop shell and the CLI only translate. It knows nothing of Tauri, IPC or windows.
//!
//! - [`model`] — plain data: negotiation, paragraph, status, round, document.
//! - [`brackets`] — inline brackets `[…]`, alternatives `[A / B]`, attribution, nesting.
//! - [`numbering`] — working labels (PP3, OP7bis, OP6alt) and the two numbers of a paragraph:
//!   the working one the room uses ("7bis") and the clean one the clean text prints ("8").
//! - [`lexicon`] — the words of the trade: participles, operative verbs, verb lines.
//! - [`checks`] — drafting checks: warnings with positions, never blocking.
//! - [`style`] — house style: the styled ranges of a paragraph, for the screen and every export.
//! - [`store`] — the negotiation file (SQLite): operations, rounds, frozen history, undo,
//!   proposals, delegations' copies, integrity.
//! - [`generate`] — large realistic negotiations for benchmarks.
//! - [`diff`] — comparison of any two rounds, paragraph by paragraph and word by word.
//! - [`summary`] — what is pending and for whom, and the chair's sentence.
//! - [`matching`] — which paragraphs of a revision are which: moves, splits, merges found by
//!   what paragraphs say.
//! - [`import`] — structured drafts from text, Markdown, Word, OpenDocument, PDF, HTML, XML and
//!   Akoma Ntoso files (and long pastes), each paragraph with the reason it was read so.
//! - [`export`] — what leaves Accord: clean text, working text, tracked comparisons, status
//!   report, compilation of proposals, the text with a delegation's proposals.
//! - [`file_name`] — safe file names from titles and names, for every name Accord proposes.
//! - [`languages`] — language versions: the official languages and the state of a translation.
//! - [`alignment`] — which paragraph of a translation is which paragraph of the original.
//! - [`live`] — the live session: the text on every delegation's screen, proposals back.
//! - [`sample`] — the fictional negotiation a new user first sees.
//! - [`proposals`] — delegations' proposals: what they ask, rebased onto the text as it stands.
//! - [`compilation`] — the compilation of proposals: where each stands, which compete (pure).
//! - [`Error`] — the one error type, with the stable codes that cross IPC.

pub mod alignment;
pub mod brackets;
pub mod checks;
pub mod compilation;
pub mod diff;
mod error;
pub mod export;
pub mod file_name;
pub mod generate;
pub mod import;
pub mod languages;
pub mod lexicon;
pub mod live;
pub mod matching;
pub mod model;
pub mod numbering;
pub mod proposals;
pub mod sample;
pub mod store;
pub mod style;
pub mod summary;

pub use error::{Error, ErrorCode, Result};

/// Accord's version, the workspace's: what `accord --version` and Help ▸ About say, and what a
/// file records of the Accord that last wrote it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub use store::Store;
