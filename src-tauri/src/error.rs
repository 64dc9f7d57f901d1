//! The shell's error: the core's [`drafts::Error`] plus what only the app can get wrong (no file
//! open, a dialog that failed). It crosses IPC as `{ code, message }` — the UI switches on `code`.

use serde::ser::SerializeStruct;
use serde::Serialize;
use ts_rs::TS;

use drafts::ErrorCode;

/// What a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Anything the core refuses or fails at; keeps the core's code.
    #[error(transparent)]
    Core(#[from] drafts::Error),
    #[error("no negotiation is open: create one or open a file")]
    NoFileOpen,
    #[error("the file dialog could not be shown: {0}")]
    Dialog(String),
    #[error("{0} is not among the recent files: open it through the Open dialog")]
    NotRecent(String),
    #[error("{0} no longer exists")]
    FileMissing(String),
    #[error("no file was found in use by another window: open it again")]
    NothingInUse,
    #[error("no backup was made when round {0} closed")]
    NoBackup(u32),
    #[error("{0} is not waiting for its Word authors: import it again")]
    NotAwaitingAuthors(String),
    #[error("the update setting is not usable: {0}")]
    UpdateSetting(String),
    #[error("the update could not be checked or installed: {0}")]
    UpdateFailed(String),
    #[error("could not read or write {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("no live session runs on this file: start one first")]
    NoLiveSession,
    #[error("internal error: {0}")]
    Internal(String),
}

/// The codes of what only the app can get wrong; `io` is the core's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ShellErrorCode {
    NoFileOpen,
    Dialog,
    NotRecent,
    FileMissing,
    NothingInUse,
    NoBackup,
    NotAwaitingAuthors,
    UpdateSetting,
    UpdateFailed,
    NoLiveSession,
    Internal,
}

/// Any code a command can fail with: the core's or the app's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(untagged)]
#[ts(export)]
pub enum AnyErrorCode {
    Core(ErrorCode),
    Shell(ShellErrorCode),
}

/// Compares with the code as the UI sees it ("no_file_open").
impl PartialEq<&str> for AnyErrorCode {
    fn eq(&self, other: &&str) -> bool {
        serde_json::to_value(self).is_ok_and(|code| code == *other)
    }
}

impl AppError {
    /// The stable code the UI switches on. Core errors keep the core's code.
    pub fn code(&self) -> AnyErrorCode {
        let shell = match self {
            Self::Core(e) => return AnyErrorCode::Core(e.code()),
            Self::Io { .. } => return AnyErrorCode::Core(ErrorCode::Io),
            Self::NoFileOpen => ShellErrorCode::NoFileOpen,
            Self::Dialog(_) => ShellErrorCode::Dialog,
            Self::NotRecent(_) => ShellErrorCode::NotRecent,
            Self::FileMissing(_) => ShellErrorCode::FileMissing,
            Self::NothingInUse => ShellErrorCode::NothingInUse,
            Self::NoBackup(_) => ShellErrorCode::NoBackup,
            Self::NotAwaitingAuthors(_) => ShellErrorCode::NotAwaitingAuthors,
            Self::UpdateSetting(_) => ShellErrorCode::UpdateSetting,
            Self::UpdateFailed(_) => ShellErrorCode::UpdateFailed,
            Self::NoLiveSession => ShellErrorCode::NoLiveSession,
            Self::Internal(_) => ShellErrorCode::Internal,
        };
        AnyErrorCode::Shell(shell)
    }

    /// The transport shape, for places that store an error instead of returning it.
    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload { code: self.code(), message: self.to_string() }
    }
}

impl Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("AppError", 2)?;
        s.serialize_field("code", &self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// How every command error reaches the UI: the rejection value of `invoke`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    /// Stable machine-readable code: the core's (`agreed_text_protected`, `brackets_remain`…) or the
    /// app's (`no_file_open`, `dialog`…).
    pub code: AnyErrorCode,
    /// A sentence for the user.
    pub message: String,
}

/// Result of a command.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_and_message() {
        let json = serde_json::to_value(AppError::NoFileOpen).unwrap();
        assert_eq!(json["code"], "no_file_open");
        assert!(json["message"].as_str().unwrap().contains("no negotiation"));
    }

    #[test]
    fn core_errors_keep_the_core_code() {
        let err = AppError::from(drafts::Error::UnknownRound(9));
        assert_eq!(err.code(), "unknown_round");
        assert_eq!(serde_json::to_value(&err).unwrap()["code"], "unknown_round");
    }
}
