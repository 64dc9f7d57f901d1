//! Which negotiation the window opens with: the path given on the command line, else
//! `ACCORD_FILE`, else the sample negotiation (written to the app data folder on first run).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use drafts::Store;

use crate::error::{AppError, AppResult};

/// File name of the sample negotiation inside the app data folder.
pub const SAMPLE_FILE: &str = "sample.accord";

/// What to open at launch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Launch {
    /// A file named on the command line or in `ACCORD_FILE`.
    File(PathBuf),
    /// The sample negotiation in the app data folder.
    Sample,
}

/// Decides from the arguments (program name excluded) and the `ACCORD_FILE` variable.
/// Arguments that look like options are ignored (WebDriver launchers add their own).
pub fn choose(args: impl IntoIterator<Item = OsString>, env_file: Option<OsString>) -> Launch {
    let from_args = args.into_iter().find(|a| !a.to_string_lossy().starts_with('-'));
    match from_args.or(env_file.filter(|f| !f.is_empty())) {
        Some(path) => Launch::File(PathBuf::from(path)),
        None => Launch::Sample,
    }
}

/// Opens the launch file, writing the sample first if it is the first run.
pub fn open(launch: &Launch, data_dir: &Path) -> AppResult<Store> {
    match launch {
        Launch::File(path) if !path.exists() => {
            Err(AppError::FileMissing(path.display().to_string()))
        }
        Launch::File(path) => open_when_free(path),
        Launch::Sample => {
            let path = data_dir.join(SAMPLE_FILE);
            if path.exists() {
                return Ok(Store::open(&path)?);
            }
            std::fs::create_dir_all(data_dir)
                .map_err(|source| AppError::Io { path: data_dir.display().to_string(), source })?;
            // The sample starts with nothing to undo: writing it is not an edit.
            Ok(drafts::sample::create(&path)?)
        }
    }
}

/// How long a launch waits for the previous instance to let go of the file (quit and relaunch).
const IN_USE_WAIT: Duration = Duration::from_secs(3);

/// Opens `path`, waiting briefly while another Accord still holds it: right after a quit, the
/// previous instance may still be closing.
fn open_when_free(path: &Path) -> AppResult<Store> {
    let start = Instant::now();
    loop {
        match Store::open(path) {
            Err(e @ drafts::Error::InUse { .. }) if start.elapsed() >= IN_USE_WAIT => {
                return Err(e.into())
            }
            Err(drafts::Error::InUse { .. }) => std::thread::sleep(Duration::from_millis(100)),
            other => return Ok(other?),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(items: &[&str]) -> Vec<OsString> {
        items.iter().map(OsString::from).collect()
    }

    #[test]
    fn argument_wins_over_the_environment() {
        let launch = choose(os(&["a.accord"]), Some("b.accord".into()));
        assert_eq!(launch, Launch::File("a.accord".into()));
    }

    #[test]
    fn environment_then_sample() {
        assert_eq!(choose(os(&[]), Some("b.accord".into())), Launch::File("b.accord".into()));
        assert_eq!(choose(os(&["--some-flag"]), Some("".into())), Launch::Sample);
        assert_eq!(choose(os(&[]), None), Launch::Sample);
    }

    #[test]
    fn first_run_writes_the_sample_with_nothing_to_undo() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let first = open(&Launch::Sample, &data).unwrap();
        assert!(first.rounds().unwrap().len() >= 3);
        assert_eq!(
            first.can_undo_redo(),
            (false, false),
            "writing the sample is not an edit to undo"
        );
        drop(first);
        let again = open(&Launch::Sample, &data).unwrap();
        assert_eq!(again.path(), data.join(SAMPLE_FILE));
    }

    #[test]
    fn a_file_held_by_another_instance_is_reported_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.accord");
        let _held = Store::create(&path, drafts::model::NegotiationMeta::default()).unwrap();
        let err = open(&Launch::File(path), dir.path()).unwrap_err();
        assert_eq!(err.code(), "in_use");
    }

    #[test]
    fn a_missing_file_is_reported_not_created() {
        let dir = tempfile::tempdir().unwrap();
        let err = open(&Launch::File(dir.path().join("nope.accord")), dir.path()).unwrap_err();
        assert_eq!(err.code(), "file_missing");
    }
}
