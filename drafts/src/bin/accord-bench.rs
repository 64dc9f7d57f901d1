//! `accord-bench`: measures Accord on a generated negotiation of realistic size (1,000 paragraphs,
//! 100 closed rounds) against the budgets of the performance issue, and against git on the same
//! texts. Prints a Markdown table; run it through `bash .ci/bench` (release build).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use drafts::export::{export, ExportFormat, ExportKind, ExportOptions};
use drafts::generate::{generate, revisions, Shape};
use drafts::model::{Document, ParagraphId, StatusKind};
use drafts::store::CloseRound;
use drafts::Store;

struct Row {
    what: String,
    figure: String,
    budget: String,
    met: Option<bool>,
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn kib(bytes: u64) -> String {
    format!("{:.0} KiB", bytes as f64 / 1024.0)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn percentile(mut samples: Vec<Duration>, p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// The times of 300 edits of paragraphs picked by `stride`, each one committed and, with
/// `checkpoint`, moved into the file itself as the app does.
fn timed_edits(
    store: &mut Store,
    ids: &[ParagraphId],
    stride: usize,
    checkpoint: bool,
) -> Vec<Duration> {
    (0..300)
        .map(|i| {
            let id = ids[(i * stride) % ids.len()];
            let text = format!(
                "{} amended {i}.",
                store.paragraph(id).expect("p").text.trim_end_matches(['.', ';'])
            );
            time(|| {
                store.edit_text(id, &text, Some("benchmark")).expect("edit");
                if checkpoint {
                    store.checkpoint().expect("checkpoint");
                }
            })
            .1
        })
        .collect()
}

/// Best of `runs` wall-clock times of a whole process.
fn process_time(runs: usize, mut command: impl FnMut() -> Command) -> Duration {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let status = command().status().expect("process starts");
            let elapsed = start.elapsed();
            assert!(status.success() || status.code() == Some(1), "{:?} failed", command());
            elapsed
        })
        .min()
        .expect("at least one run")
}

fn plain_text(document: &Document) -> String {
    document
        .paragraphs
        .iter()
        .map(|p| format!("{} {}\n", p.number.as_deref().unwrap_or(""), p.paragraph.text))
        .collect()
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
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
        })
        .unwrap_or(0)
}

fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "bench")
        .env("GIT_AUTHOR_EMAIL", "bench@example.org")
        .env("GIT_COMMITTER_NAME", "bench")
        .env("GIT_COMMITTER_EMAIL", "bench@example.org")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

/// A scratch folder removed when the bench ends.
/// The size of git's `gc --aggressive` pack of `texts` committed one after the other in a new
/// repository at `repo`.
fn git_pack(repo: &Path, texts: impl Iterator<Item = String>) -> u64 {
    std::fs::create_dir_all(repo).expect("repo dir");
    git(repo, &["init", "-q"]);
    for (k, text) in texts.enumerate() {
        std::fs::write(repo.join("text.txt"), text).expect("write");
        git(repo, &["add", "text.txt"]);
        git(repo, &["commit", "-q", "-m", &format!("text {k}")]);
    }
    git(repo, &["gc", "-q", "--aggressive"]);
    dir_size(&repo.join(".git/objects/pack"))
}

/// The size of a negotiation file once its write-ahead log is checkpointed into it.
fn checkpointed_size(file: &Path) -> u64 {
    let store = Store::open(file).expect("open");
    store.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
    drop(store);
    std::fs::metadata(file).expect("size").len()
}

struct WorkDir(PathBuf);

impl WorkDir {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("accord-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Self(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn accord_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("own path");
    exe.with_file_name(format!("accord{}", std::env::consts::EXE_SUFFIX))
}

/// The same size of history made of text revisions imported round by round: how rightly the
/// changes were read (against the generator's truth), the file against git's pack of the same
/// texts, and the CLI's history and consecutive diff on it.
fn imported_revisions(work: &WorkDir, rows: &mut Vec<Row>) {
    let dir = work.path().join("revisions");
    std::fs::create_dir_all(&dir).expect("revisions dir");
    let series = revisions::revisions(Shape::LARGE);
    eprintln!("importing {} text revisions…", series.len());
    let ((store, score), took) =
        time(|| revisions::import_series(&dir, &series).expect("import series"));
    let changes = score.changes();
    rows.push(Row {
        what: format!(
            "{} text revisions of {} paragraphs imported round by round (setup)",
            series.len(),
            Shape::LARGE.paragraphs
        ),
        figure: format!(
            "{:.1} s ({} ms a round)",
            took.as_secs_f64(),
            took.as_millis() / series.len() as u128
        ),
        budget: "—".into(),
        met: None,
    });
    rows.push(Row {
        what: format!(
            "changes read rightly (edited {}/{}, moved {}/{}, added {}/{}, deleted {}/{}, split {}/{}, merged {}/{}; right/true)",
            score.edited.right, score.edited.truth, score.moved.right, score.moved.truth,
            score.added.right, score.added.truth, score.deleted.right, score.deleted.truth,
            score.split.right, score.split.truth, score.merged.right, score.merged.truth
        ),
        figure: format!(
            "precision {:.2}%, recall {:.2}%",
            changes.precision() * 100.0,
            changes.recall() * 100.0
        ),
        budget: "≥ 99%".into(),
        met: Some(changes.precision() >= 0.99 && changes.recall() >= 0.99),
    });
    let file = dir.join("negotiation.accord");
    let last = series.len() as u32;
    let document = store.document(None).expect("document");
    let mut live =
        document.paragraphs.iter().filter(|p| p.paragraph.status.kind() != StatusKind::Deleted);
    let some_paragraph = live.nth(5).expect("a paragraph").paragraph.label.clone();
    drop(store);

    let pack = git_pack(&dir.join("texts.git"), series.iter().map(|r| r.text()));
    let size = checkpointed_size(&file);
    let ratio = size as f64 / pack as f64;
    rows.push(Row {
        what: format!(
            "file size, {last} imported rounds (git pack of the same texts: {})",
            kib(pack)
        ),
        figure: format!("{} (accord/git = {ratio:.1})", kib(size)),
        budget: "≤ 2 × git pack".into(),
        met: Some(ratio <= 2.0),
    });

    let accord = accord_binary();
    let history = process_time(5, || {
        let mut c = Command::new(&accord);
        c.args(["history", "--json"]).arg(&file).arg(&some_paragraph);
        c.stdout(std::process::Stdio::null());
        c
    });
    rows.push(Row {
        what: format!(
            "`accord history {some_paragraph}` on the imported history, whole process (best of 5)"
        ),
        figure: ms(history),
        budget: "≤ 20 ms".into(),
        met: Some(history <= Duration::from_millis(20)),
    });
    let (a, b) =
        (dir.join(format!("rev{}.txt", last - 2)), dir.join(format!("rev{}.txt", last - 1)));
    let cli = process_time(5, || {
        let mut c = Command::new(&accord);
        c.args(["diff", "--json", "--from", &(last - 1).to_string(), "--to", &last.to_string()]);
        c.arg(&file).stdout(std::process::Stdio::null());
        c
    });
    let git_diff = process_time(5, || {
        let mut c = Command::new("git");
        c.args(["diff", "--no-index", "--word-diff"]).arg(&a).arg(&b);
        c.stdout(std::process::Stdio::null());
        c
    });
    rows.push(Row {
        what: format!(
            "`accord diff` of two consecutive imported rounds, whole process (git word diff: {})",
            ms(git_diff)
        ),
        figure: format!(
            "{} (accord/git = {:.1})",
            ms(cli),
            cli.as_secs_f64() / git_diff.as_secs_f64()
        ),
        budget: "≤ 1 × git".into(),
        met: Some(cli <= git_diff),
    });
}

fn main() {
    let work = WorkDir::new();
    let file = work.path().join("large.accord");
    let shape = Shape::LARGE;
    eprintln!("generating {} paragraphs over {} rounds…", shape.paragraphs, shape.rounds);
    let (store, generation) = time(|| generate(&file, shape).expect("generate"));
    let last = store.rounds().expect("rounds").iter().rev().nth(1).expect("closed").number;
    let words: usize = store
        .document(None)
        .expect("document")
        .paragraphs
        .iter()
        .map(|p| p.paragraph.text.split_whitespace().count())
        .sum();
    drop(store);
    let mut rows = Vec::new();
    rows.push(Row {
        what: format!(
            "generate {} paragraphs, {words} words, {} rounds (setup, not a budget)",
            shape.paragraphs, shape.rounds
        ),
        figure: format!("{:.1} s", generation.as_secs_f64()),
        budget: "—".into(),
        met: None,
    });

    // Open the file and load the current round, render-ready (numbered).
    let open_load = median(
        (0..20)
            .map(|_| {
                time(|| {
                    let store = Store::open(&file).expect("open");
                    store.document(None).expect("document")
                })
                .1
            })
            .collect(),
    );
    rows.push(Row {
        what: "open the file + load the current round (median of 20)".into(),
        figure: ms(open_load),
        budget: "< 50 ms".into(),
        met: Some(open_load < Duration::from_millis(50)),
    });

    // Diffs in-process.
    let store = Store::open_read_only(&file).expect("open");
    let first_last =
        median((0..5).map(|_| time(|| store.diff(1, last).expect("diff")).1).collect());
    let consecutive =
        median((0..20).map(|_| time(|| store.diff(last - 1, last).expect("diff")).1).collect());
    rows.push(Row {
        what: format!("diff rounds 1 and {last}, in process (median of 5)"),
        figure: ms(first_last),
        budget: "—".into(),
        met: None,
    });
    rows.push(Row {
        what: format!("diff rounds {} and {last} (stored), in process (median of 20)", last - 1),
        figure: ms(consecutive),
        budget: "—".into(),
        met: None,
    });

    // .docx exports of the whole text: the clean open round, and the comparison of the first and
    // last closed rounds (tracked changes).
    for (what, kind) in [
        ("clean text of the open round".to_string(), ExportKind::Clean),
        (format!("comparison of rounds 1 and {last}"), ExportKind::Compare { from: 1, to: last }),
    ] {
        let runs: Vec<(usize, Duration)> = (0..5)
            .map(|_| {
                let (bytes, elapsed) = time(|| {
                    export(&store, &kind, ExportFormat::Docx, &ExportOptions::default())
                        .expect("export")
                });
                (bytes.len(), elapsed)
            })
            .collect();
        let size = runs[0].0 as u64;
        rows.push(Row {
            what: format!("`.docx` export, {what} (median of 5; {})", kib(size)),
            figure: ms(median(runs.into_iter().map(|(_, d)| d).collect())),
            budget: "—".into(),
            met: None,
        });
    }

    // Whole-process diff against git's word diff of the same two texts.
    let first_text = work.path().join("round-1.txt");
    let last_text = work.path().join(format!("round-{last}.txt"));
    std::fs::write(&first_text, plain_text(&store.document(Some(1)).expect("r1"))).expect("write");
    std::fs::write(&last_text, plain_text(&store.document(Some(last)).expect("rN")))
        .expect("write");
    let accord = accord_binary();
    let cli = process_time(5, || {
        let mut c = Command::new(&accord);
        c.args(["diff", "--json", "--from", "1", "--to", &last.to_string()])
            .arg(&file)
            .stdout(std::process::Stdio::null());
        c
    });
    let git_diff = process_time(5, || {
        let mut c = Command::new("git");
        c.args(["diff", "--no-index", "--word-diff"])
            .arg(&first_text)
            .arg(&last_text)
            .stdout(std::process::Stdio::null());
        c
    });
    let ratio = cli.as_secs_f64() / git_diff.as_secs_f64();
    rows.push(Row {
        what: format!("`accord diff --from 1 --to {last}` whole process (best of 5)"),
        figure: ms(cli),
        budget: "≤ 0.5 × git".into(),
        met: Some(ratio <= 0.5),
    });
    rows.push(Row {
        what: "`git diff --no-index --word-diff` of the same two texts (best of 5)".into(),
        figure: format!("{} (accord/git = {ratio:.2})", ms(git_diff)),
        budget: "—".into(),
        met: None,
    });

    // File size against a git-gc-packed repository of the same texts.
    let texts = (1..=last).map(|round| plain_text(&store.document(Some(round)).expect("r")));
    let pack = git_pack(&work.path().join("texts.git"), texts);
    drop(store);
    let size = checkpointed_size(&file);
    let size_ratio = size as f64 / pack as f64;
    rows.push(Row {
        what: format!("file size after {last} closed rounds"),
        figure: kib(size),
        budget: "≤ 5 × git pack".into(),
        met: Some(size_ratio <= 5.0),
    });
    rows.push(Row {
        what: format!("`git gc --aggressive` pack of the same {last} texts"),
        figure: format!("{} (accord/git = {size_ratio:.1})", kib(pack)),
        budget: "—".into(),
        met: None,
    });

    // One edit made durable, and closing a round.
    let mut store = Store::open(&file).expect("open");
    let ids: Vec<_> =
        store.document(None).expect("doc").paragraphs.iter().map(|p| p.paragraph.id).collect();
    let edits = timed_edits(&mut store, &ids, 7919, false);
    let edit_median = median(edits.clone());
    let edit_p99 = percentile(edits, 0.99);
    let checkpointed = timed_edits(&mut store, &ids, 104_729, true);
    let checkpointed_median = median(checkpointed);
    rows.push(Row {
        what: "one edit committed, then checkpointed into the .accord file as the app does (median of 300)".into(),
        figure: ms(checkpointed_median),
        budget: "< 2 ms".into(),
        met: Some(checkpointed_median < Duration::from_millis(2)),
    });
    rows.push(Row {
        what: "one edit committed (median of 300)".into(),
        figure: ms(edit_median),
        budget: "< 2 ms".into(),
        met: Some(edit_median < Duration::from_millis(2)),
    });
    rows.push(Row {
        what: "one edit committed (p99 of 300)".into(),
        figure: ms(edit_p99),
        budget: "—".into(),
        met: None,
    });
    let closes: Vec<Duration> = (0..5)
        .map(|_| {
            for id in ids.iter().step_by(97) {
                let text = format!(
                    "{} again.",
                    store.paragraph(*id).expect("p").text.trim_end_matches(['.', ';'])
                );
                store.edit_text(*id, &text, Some("benchmark")).expect("edit");
            }
            time(|| store.close_round(CloseRound::default()).expect("close")).1
        })
        .collect();
    let close = median(closes);
    rows.push(Row {
        what: "close a round (diff stored, fingerprint, backup; median of 5)".into(),
        figure: ms(close),
        budget: "< 100 ms".into(),
        met: Some(close < Duration::from_millis(100)),
    });

    imported_revisions(&work, &mut rows);

    println!("| Measure | Figure | Budget | Met |");
    println!("|---|---|---|---|");
    for row in rows {
        let met = match row.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "",
        };
        println!("| {} | {} | {} | {met} |", row.what, row.figure, row.budget);
    }
}
