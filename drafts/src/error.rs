//! The one error type of the core. It crosses IPC as `{ code, message }`: the UI switches on the
//! code and shows the message.

use serde::ser::SerializeStruct;
use serde::Serialize;
use ts_rs::TS;

use crate::brackets::BracketError;

/// The stable codes of the core's errors: what the UI switches on (its TypeScript type is
/// generated), what `--json` prints. Each name is written once, here.
macro_rules! error_codes {
    ($($variant:ident => $code:literal,)*) => {
        /// A stable machine-readable error code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
        #[ts(export)]
        pub enum ErrorCode {
            $(#[serde(rename = $code)] $variant,)*
        }

        impl ErrorCode {
            /// The code as the UI and the CLI see it: "agreed_text_protected".
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)*
                }
            }
        }
    };
}

error_codes! {
    Database => "database",
    InUse => "in_use",
    ReadOnly => "read_only",
    Tampered => "tampered",
    Migration => "migration",
    Io => "io",
    NotANegotiation => "not_a_negotiation",
    NewerSchema => "newer_schema",
    Corrupt => "corrupt",
    UnknownParagraph => "unknown_paragraph",
    UnknownRound => "unknown_round",
    UnknownLanguage => "unknown_language",
    RoundClosed => "round_closed",
    RoundCannotReopen => "round_cannot_reopen",
    AgreedTextProtected => "agreed_text_protected",
    BracketsRemain => "brackets_remain",
    UnbalancedBrackets => "unbalanced_brackets",
    Bracket => "bracket",
    UnknownDelegation => "unknown_delegation",
    DuplicateDelegation => "duplicate_delegation",
    NoDelegations => "no_delegations",
    NotAdReferendum => "not_ad_referendum",
    NoSilenceProcedure => "no_silence_procedure",
    SilenceNotOver => "silence_not_over",
    DelegationMode => "delegation_mode",
    CirculatedCopy => "circulated_copy",
    OwnExport => "own_export",
    UnverifiedProposals => "unverified_proposals",
    NoOpenProposals => "no_open_proposals",
    UnknownProposal => "unknown_proposal",
    ProposalDecided => "proposal_decided",
    ProposalsFile => "proposals_file",
    ForeignProposals => "foreign_proposals",
    UnmappedAuthors => "unmapped_authors",
    Invalid => "invalid",
    ExportRefused => "export_refused",
    ToolMissing => "tool_missing",
    Export => "export",
    SessionToken => "session_token",
    SessionForbidden => "session_forbidden",
    RateLimited => "rate_limited",
    JoinLink => "join_link",
    Empty => "empty",
    Binary => "binary",
    TooLarge => "too_large",
    NoDraftFound => "no_draft_found",
    NotDocx => "not_docx",
    NotAkomaNtoso => "not_akoma_ntoso",
    Malformed => "malformed",
    Unreadable => "unreadable",
    NoTextLayer => "no_text_layer",
}

impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything that can go wrong in the core, in the words a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Database(rusqlite::Error),
    #[error("{path} is open in another Accord window or program; close it there first")]
    InUse { path: String },
    #[error("this file is open read-only: changes are not possible here")]
    ReadOnly,
    #[error(
        "round {round} no longer matches its fingerprint: the file was changed outside Accord"
    )]
    Tampered { round: u32 },
    #[error("could not upgrade the file: {0}")]
    Migration(String),
    #[error("could not read or write the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("{path} is not an Accord negotiation file")]
    NotANegotiation { path: String },
    #[error(
        "{path} was written by a newer version of Accord (file format {found}, this version reads \
         up to {supported}); update Accord to open it"
    )]
    NewerSchema { path: String, found: i64, supported: i64 },
    #[error("the file is damaged: {0}")]
    Corrupt(String),
    #[error("no such paragraph: {0}")]
    UnknownParagraph(String),
    #[error("round {0} does not exist")]
    UnknownRound(u32),
    #[error(
        "{language} is not {}",
        if *.known {
            "a language version of this negotiation: add it first"
        } else {
            "a language Accord knows (en, es, fr, pt, ar, zh, ru)"
        }
    )]
    UnknownLanguage { language: String, known: bool },
    #[error("round {0} is closed and can no longer change")]
    RoundClosed(u32),
    #[error("round {round} can no longer be reopened: {why}")]
    RoundCannotReopen { round: u32, why: String },
    #[error(
        "{label} is agreed: changing or deleting it reopens it, so give a reason for reopening \
         (nothing is agreed until everything is agreed)"
    )]
    AgreedTextProtected { label: String },
    #[error("{label} still holds {count} open bracket(s): resolve them before marking it agreed")]
    BracketsRemain { label: String, count: usize },
    #[error("unbalanced brackets in {label}: {source}")]
    Brackets { label: String, source: BracketError },
    #[error("{0}")]
    Bracket(String),
    #[error("{0} is not on the roster of delegations")]
    UnknownDelegation(String),
    #[error("{0} is already on the roster")]
    DuplicateDelegation(String),
    #[error("ad referendum needs at least one delegation")]
    NoDelegations,
    #[error("{label} is not agreed ad referendum")]
    NotAdReferendum { label: String },
    #[error("{label} has no silence procedure: confirm it as agreed instead")]
    NoSilenceProcedure { label: String },
    #[error("the silence procedure for {label} runs until {deadline}")]
    SilenceNotOver { label: String, deadline: String },
    #[error(
        "this copy of the file is in delegation mode for {delegation}: its changes are proposals \
         to the chair, and the text itself changes at the chair's desk"
    )]
    DelegationMode { delegation: String },
    #[error(
        "this is {delegation}'s copy of the negotiation: it cannot become the chair's desk or \
         another delegation's copy; the chair works on the chair's own file"
    )]
    CirculatedCopy { delegation: String },
    #[error(
        "this Word file was exported by Accord ({kind}), not sent back by a delegation: import \
         the delegation's proposals file (.json), or the circulated text it returned with tracked \
         changes"
    )]
    OwnExport { kind: String },
    #[error(
        "this proposals file cannot be shown to come from {delegation}: {reason}; ask {delegation} \
         to export it again from the copy you circulated, or circulate a new copy"
    )]
    UnverifiedProposals { delegation: String, reason: String },
    #[error("{delegation} has no open proposals to send")]
    NoOpenProposals { delegation: String },
    #[error("no such proposal: {0}")]
    UnknownProposal(String),
    #[error("this proposal is already {state}; reopen it first")]
    ProposalDecided { id: String, state: &'static str },
    #[error("cannot read the proposals file: {0}")]
    ProposalsFile(String),
    #[error("these proposals are for another negotiation (\"{title}\")")]
    ForeignProposals { title: String },
    #[error(
        "say which delegation each Word author speaks for: {}",
        .authors.join(", ")
    )]
    UnmappedAuthors { authors: Vec<String> },
    #[error("cannot import: {0}")]
    Import(#[from] crate::import::ImportError),
    #[error("{0}")]
    Invalid(String),
    #[error(
        "cannot export as the final text: {} {} not agreed or still {} brackets; settle {} or \
         export the text explicitly as a draft",
        .paragraphs.join(", "),
        if .paragraphs.len() == 1 { "is" } else { "are" },
        if .paragraphs.len() == 1 { "holds" } else { "hold" },
        if .paragraphs.len() == 1 { "it" } else { "them" }
    )]
    ExportRefused { paragraphs: Vec<String> },
    #[error(
        "{tool} is needed for this export but was not found: install the Debian package {package}"
    )]
    ToolMissing { tool: String, package: String },
    #[error("the export failed: {0}")]
    Export(String),
    #[error(
        "this join link is not (or no longer) valid for the session: ask the chair for a new one"
    )]
    SessionToken,
    #[error("{role} cannot {action} in this session")]
    SessionForbidden { role: String, action: &'static str },
    #[error("too many messages at once: wait a moment and send again")]
    RateLimited,
    #[error(
        "this is not a join link: {problem}. Paste the whole link the chair gave you \
         (http://address:port/#…)"
    )]
    JoinLink { problem: &'static str },
}

impl Error {
    /// A stable machine-readable code for the UI and the CLI's `--json` output.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Database(_) => ErrorCode::Database,
            Self::InUse { .. } => ErrorCode::InUse,
            Self::ReadOnly => ErrorCode::ReadOnly,
            Self::Tampered { .. } => ErrorCode::Tampered,
            Self::Migration(_) => ErrorCode::Migration,
            Self::Io(_) => ErrorCode::Io,
            Self::NotANegotiation { .. } => ErrorCode::NotANegotiation,
            Self::NewerSchema { .. } => ErrorCode::NewerSchema,
            Self::Corrupt(_) => ErrorCode::Corrupt,
            Self::UnknownParagraph(_) => ErrorCode::UnknownParagraph,
            Self::UnknownRound(_) => ErrorCode::UnknownRound,
            Self::UnknownLanguage { .. } => ErrorCode::UnknownLanguage,
            Self::RoundClosed(_) => ErrorCode::RoundClosed,
            Self::RoundCannotReopen { .. } => ErrorCode::RoundCannotReopen,
            Self::AgreedTextProtected { .. } => ErrorCode::AgreedTextProtected,
            Self::BracketsRemain { .. } => ErrorCode::BracketsRemain,
            Self::Brackets { .. } => ErrorCode::UnbalancedBrackets,
            Self::Bracket(_) => ErrorCode::Bracket,
            Self::UnknownDelegation(_) => ErrorCode::UnknownDelegation,
            Self::DuplicateDelegation(_) => ErrorCode::DuplicateDelegation,
            Self::NoDelegations => ErrorCode::NoDelegations,
            Self::NotAdReferendum { .. } => ErrorCode::NotAdReferendum,
            Self::NoSilenceProcedure { .. } => ErrorCode::NoSilenceProcedure,
            Self::SilenceNotOver { .. } => ErrorCode::SilenceNotOver,
            Self::DelegationMode { .. } => ErrorCode::DelegationMode,
            Self::CirculatedCopy { .. } => ErrorCode::CirculatedCopy,
            Self::OwnExport { .. } => ErrorCode::OwnExport,
            Self::UnverifiedProposals { .. } => ErrorCode::UnverifiedProposals,
            Self::NoOpenProposals { .. } => ErrorCode::NoOpenProposals,
            Self::UnknownProposal(_) => ErrorCode::UnknownProposal,
            Self::ProposalDecided { .. } => ErrorCode::ProposalDecided,
            Self::ProposalsFile(_) => ErrorCode::ProposalsFile,
            Self::ForeignProposals { .. } => ErrorCode::ForeignProposals,
            Self::UnmappedAuthors { .. } => ErrorCode::UnmappedAuthors,
            Self::Import(e) => e.code(),
            Self::Invalid(_) => ErrorCode::Invalid,
            Self::ExportRefused { .. } => ErrorCode::ExportRefused,
            Self::ToolMissing { .. } => ErrorCode::ToolMissing,
            Self::Export(_) => ErrorCode::Export,
            Self::SessionToken => ErrorCode::SessionToken,
            Self::SessionForbidden { .. } => ErrorCode::SessionForbidden,
            Self::RateLimited => ErrorCode::RateLimited,
            Self::JoinLink { .. } => ErrorCode::JoinLink,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        match &error {
            rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::ReadOnly => {
                Error::ReadOnly
            }
            rusqlite::Error::SqliteFailure(e, _)
                if e.code == rusqlite::ErrorCode::DatabaseCorrupt =>
            {
                Error::Corrupt(error.to_string())
            }
            _ => Error::Database(error),
        }
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("code", &self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// Result with the core's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
