//! Timing, the scratch folder and the git reference: the bench's instruments.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use drafts::model::Document;
use drafts::Store;

pub fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// How many times a whole process is timed: five, or one when a run takes over a second (the
/// exports through LibreOffice at 5,000 paragraphs).
const RUNS: usize = 5;
const SLOW: Duration = Duration::from_secs(1);

/// The best wall-clock time of a whole process that must succeed, over up to five runs;
/// `prepare` runs untimed before each (a fresh copy of a file to change).
pub fn best_process_time(prepare: impl FnMut(), command: impl FnMut() -> Command) -> Duration {
    best_of(prepare, command, |code| code == Some(0))
}

fn best_of(
    mut prepare: impl FnMut(),
    mut command: impl FnMut() -> Command,
    accept: impl Fn(Option<i32>) -> bool,
) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..RUNS {
        prepare();
        let mut c = command();
        c.stdout(Stdio::null());
        let (status, took) = time(|| c.status().expect("process starts"));
        assert!(accept(status.code()), "{c:?} failed: {status}");
        best = best.min(took);
        if took > SLOW {
            break;
        }
    }
    best
}

/// A round's text as plain lines, the form git is given.
pub fn plain_text(document: &Document) -> String {
    document
        .paragraphs
        .iter()
        .map(|p| format!("{} {}\n", p.number.as_deref().unwrap_or(""), p.paragraph.text))
        .collect()
}

fn dir_size(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .filter_map(Result::ok)
        .map(|e| {
            let meta = e.metadata().expect("metadata");
            if meta.is_dir() {
                dir_size(&e.path())
            } else {
                meta.len()
            }
        })
        .sum()
}

pub fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.org")
        .env("GIT_COMMITTER_NAME", "bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.org")
        .stdout(Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

/// The size of git's `gc --aggressive` pack of the `texts` committed one after the other in a
/// new repository at `repo`.
pub fn git_pack(repo: &Path, texts: &[PathBuf]) -> u64 {
    std::fs::create_dir_all(repo).expect("repo dir");
    git(repo, &["init", "-q"]);
    for (k, text) in texts.iter().enumerate() {
        std::fs::copy(text, repo.join("text.txt")).expect("copy");
        git(repo, &["add", "text.txt"]);
        git(repo, &["commit", "-q", "-m", &format!("text {k}")]);
    }
    git(repo, &["gc", "-q", "--aggressive"]);
    dir_size(&repo.join(".git/objects/pack"))
}

/// The best time of `git diff --no-index --word-diff` of two text files (exit 1: they differ),
/// the reference for a comparison.
pub fn git_word_diff_time(a: &Path, b: &Path) -> Duration {
    let command = || {
        let mut c = Command::new("git");
        c.args(["diff", "--no-index", "--word-diff"]).arg(a).arg(b);
        c
    };
    best_of(|| (), command, |code| matches!(code, Some(0 | 1)))
}

/// The size of a negotiation file once its write-ahead log is checkpointed into it.
pub fn checkpointed_size(file: &Path) -> u64 {
    let store = Store::open(file).expect("open");
    store.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
    drop(store);
    std::fs::metadata(file).expect("size").len()
}

/// The bench's scratch folder: a temporary one removed when the bench ends, or the folder given
/// with `--keep`, left as it is.
pub struct WorkDir {
    path: PathBuf,
    kept: bool,
}

impl WorkDir {
    pub fn new(keep: Option<PathBuf>) -> Self {
        let kept = keep.is_some();
        let path = keep.unwrap_or_else(|| {
            std::env::temp_dir().join(format!("accord-bench-{}", std::process::id()))
        });
        std::fs::create_dir_all(&path).expect("scratch folder");
        Self { path, kept }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes one history's folder once it is measured, unless the folder is kept.
    pub fn done_with(&self, dir: &Path) {
        if !self.kept {
            std::fs::remove_dir_all(dir).ok();
        }
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        if !self.kept {
            std::fs::remove_dir_all(&self.path).ok();
        }
    }
}

/// The `accord` CLI built beside this bench.
pub fn accord_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    exe.with_file_name(format!("accord{}", std::env::consts::EXE_SUFFIX))
}
