//! Crash safety: writers are killed with SIGKILL at random points during a stream of edits and
//! round closes; after each kill every acknowledged operation is in the file, nothing half-written
//! is, and SQLite's integrity check passes. Each test also proves its kills were real: the process
//! died of signal 9 (not of a panic), acknowledgements were read, and kills landed inside writes.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use drafts::model::{NegotiationMeta, ParagraphKind};
use drafts::store::NewParagraph;
use drafts::Store;

use crate::util::accord;

const CLOSE_EVERY: u64 = 17;
const SIGKILL: i32 = 9;

fn seed_file(path: &Path) -> Vec<drafts::model::ParagraphId> {
    let mut store = Store::create(path, NegotiationMeta::default()).unwrap();
    (0..5)
        .map(|i| {
            store
                .insert_paragraph(NewParagraph::at_end(
                    ParagraphKind::Operative,
                    format!("Decide operation {i}."),
                ))
                .unwrap()
        })
        .collect()
}

/// Everything the child wrote to stderr, once it has exited.
fn stderr_of(child: &mut Child) -> String {
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr).ok();
    }
    stderr
}

/// Asserts that the child died of SIGKILL: a writer that panicked or exited is no crash test.
fn assert_killed(status: ExitStatus, stderr: &str, what: &str) {
    assert_eq!(
        status.signal(),
        Some(SIGKILL),
        "{what} did not die of SIGKILL but {status}; its stderr:\n{stderr}"
    );
}

/// Runs the writer from operation `start` and kills it once `acks` acknowledgements have been
/// read. Returns the last operation it acknowledged before it died (acknowledgements come in
/// order from `start`), after checking that SIGKILL, not a panic, ended it.
fn run_and_kill(file: &Path, start: u64, acks: u64) -> u64 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord-crash-writer"))
        .arg(file)
        .arg(start.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut acknowledged = Vec::new();
    for _ in 0..acks {
        match lines.next() {
            Some(Ok(line)) => acknowledged.push(line),
            _ => break,
        }
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    let stderr = stderr_of(&mut child);
    assert_killed(status, &stderr, "the writer");
    // What the writer acknowledged before it died is still in the pipe.
    acknowledged.extend(lines.map_while(Result::ok));
    assert!(!acknowledged.is_empty(), "the writer acknowledged nothing; stderr:\n{stderr}");
    for (line, op) in acknowledged.iter().zip(start..) {
        assert_eq!(line, &format!("ack {op}"), "acknowledgements out of order");
    }
    start + acknowledged.len() as u64 - 1
}

fn check_intact(file: &Path) {
    let store = Store::open(file).expect("the file opens after a crash");
    let check: String =
        store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    assert_eq!(store.verify().unwrap().first_mismatch, None);
}

#[test]
fn killed_writers_lose_no_acknowledged_edit() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crash.accord");
    let ids = seed_file(&file);
    let mut next = 5u64;
    let mut dice = 0x9E37_79B9_7F4A_7C15u64;
    // Edits and closes acknowledged, and closes that may have happened without their
    // acknowledgement.
    let (mut acked_edits, mut acked_closes, mut unsure_closes) = (0u64, 0u64, 0u64);
    for _ in 0..100 {
        dice ^= dice << 13;
        dice ^= dice >> 7;
        dice ^= dice << 17;
        let acks = 1 + dice % 40;
        let last = run_and_kill(&file, next, acks);
        check_intact(&file);
        let store = Store::open(&file).unwrap();
        // Every acknowledged edit is there; an edit made but not yet acknowledged may be too.
        for op in (next..=last).filter(|op| op % CLOSE_EVERY != 0) {
            let id = ids[(op as usize) % ids.len()];
            let text = store.paragraph(id).unwrap().text;
            let found: u64 =
                text.trim_start_matches("Decide operation ").trim_end_matches('.').parse().unwrap();
            assert!(found >= op, "operation {op} was acknowledged but the text says {text}");
            acked_edits += 1;
        }
        acked_closes += (next..=last).filter(|op| op % CLOSE_EVERY == 0).count() as u64;
        unsure_closes += u64::from((last + 1).is_multiple_of(CLOSE_EVERY));
        let closed = store.rounds().unwrap().len() as u64 - 1;
        assert!(closed >= acked_closes, "{closed} rounds closed, {acked_closes} acknowledged");
        assert!(
            closed <= acked_closes + unsure_closes,
            "{closed} rounds closed, {acked_closes} acknowledged"
        );
        // The next writer carries on after the last operation that may have been applied.
        next = last + 2;
    }
    eprintln!(
        "100 writers killed: {acked_edits} edits and {acked_closes} round closes acknowledged"
    );
    // 100 writers acknowledge about 2,000 operations, one in 17 a round close: the bounds above
    // held for real closes, not at 0 = 0.
    assert!(acked_edits >= 1_000, "only {acked_edits} edits were acknowledged");
    assert!(acked_closes >= 50, "only {acked_closes} round closes were acknowledged");
}

/// Whether process `pid` holds `file` open (Linux: its `/proc/PID/fd` links).
fn holds_open(pid: u32, file: &Path) -> bool {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else { return false };
    fds.filter_map(Result::ok).any(|fd| std::fs::read_link(fd.path()).is_ok_and(|t| t == file))
}

/// Size of the file's write-ahead log: frames there are a commit written but not yet
/// checkpointed (a clean close checkpoints and removes the log).
fn wal_size(file: &Path) -> u64 {
    let mut wal = file.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).map_or(0, |m| m.len())
}

#[test]
fn killed_cli_commands_leave_a_sound_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cli-crash.accord");
    let ids = seed_file(&file);
    let file = file.canonicalize().unwrap();
    let path = file.to_str().unwrap();
    let text_of_op1 = || Store::open(&file).unwrap().paragraph(ids[0]).unwrap().text;
    let edit = |text: &str| {
        Command::new(crate::util::accord_binary())
            .args(["edit", path, "OP1", text])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // How long a whole command takes here, so that kills are spread over all of it.
    let mut whole = Duration::MAX;
    for i in 0..3 {
        let text = format!("Decide measured {i}.");
        let started = Instant::now();
        let output = edit(&text).wait_with_output().unwrap();
        whole = whole.min(started.elapsed());
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "edited OP1");
        assert_eq!(text_of_op1(), text);
    }
    let (mut runs, mut completed, mut killed_open, mut killed_in_write) = (0u64, 0, 0, 0);
    let mut dice = 0x2545_F491_4F6C_DD1Du64;
    let mut before = text_of_op1();
    // Run until enough kills landed with the file open and inside a write (a bounded number of
    // runs: the timing of a loaded machine varies, the proof must not).
    while runs < 400 && (runs < 25 || killed_open < 10 || killed_in_write < 3) {
        runs += 1;
        dice ^= dice << 13;
        dice ^= dice >> 7;
        dice ^= dice << 17;
        let text = format!("Decide operation {runs}.");
        assert_eq!(wal_size(&file), 0, "a clean close leaves no log behind");
        let mut child = edit(&text);
        // Anywhere from the start of the process to a little after a whole command.
        std::thread::sleep(whole.mul_f64((dice % 1_200) as f64 / 1_000.0));
        let open = holds_open(child.id(), &file);
        child.kill().unwrap();
        let status = child.wait().unwrap();
        let mut stdout = String::new();
        child.stdout.take().unwrap().read_to_string(&mut stdout).unwrap();
        let stderr = stderr_of(&mut child);
        let in_write = wal_size(&file) > 0;
        check_intact(&file);
        let after = text_of_op1();
        if stdout.trim() == "edited OP1" {
            // Acknowledged: the edit is in the file, whether the kill came before exit or after.
            assert_eq!(after, text, "run {runs}: the edit was acknowledged but is not in the file");
        } else {
            assert_eq!(stdout, "", "run {runs}: a half acknowledgement");
            assert_killed(status, &stderr, "an unacknowledged `accord edit`");
            // Not acknowledged: the file holds the text before or after, never anything else.
            assert!(after == before || after == text, "run {runs}: {after:?}");
        }
        if status.signal() == Some(SIGKILL) {
            killed_open += u64::from(open);
            killed_in_write += u64::from(in_write);
        } else {
            assert!(status.success(), "run {runs}: {status}: {stderr}");
            completed += 1;
        }
        before = after;
    }
    eprintln!(
        "{runs} runs of `accord edit` ({whole:?} each): {completed} completed, {killed_open} \
         killed with the file open, {killed_in_write} killed inside a write"
    );
    assert!(killed_open >= 10, "only {killed_open} of {runs} kills came with the file open");
    assert!(killed_in_write >= 3, "only {killed_in_write} of {runs} kills came inside a write");
    let run = accord(&["status", path]);
    assert!(run.success, "{}", run.stderr);
}
