//! Crash safety: writers are killed with SIGKILL at random points during a stream of edits and
//! round closes; after each kill every acknowledged operation is in the file, nothing half-written
//! is, and SQLite's integrity check passes.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use drafts::model::{NegotiationMeta, ParagraphKind};
use drafts::store::NewParagraph;
use drafts::Store;

use crate::util::accord;

const CLOSE_EVERY: u64 = 17;

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

/// Runs the writer from operation `start` and kills it once `acks` acknowledgements have been
/// read. Returns the last operation it acknowledged before it died.
fn run_and_kill(file: &Path, start: u64, acks: u64) -> Option<u64> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord-crash-writer"))
        .arg(file)
        .arg(start.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut last = None;
    for _ in 0..acks {
        match lines.next() {
            Some(Ok(line)) => last = line.strip_prefix("ack ").and_then(|n| n.parse().ok()),
            _ => break,
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // What the writer acknowledged before it died is still in the pipe.
    for line in lines.map_while(Result::ok) {
        last = line.strip_prefix("ack ").and_then(|n| n.parse().ok()).or(last);
    }
    last
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
    let mut kills = 0;
    // Closes acknowledged, and closes that may have happened without their acknowledgement.
    let (mut acked_closes, mut unsure_closes) = (0u64, 0u64);
    for _ in 0..100 {
        dice ^= dice << 13;
        dice ^= dice >> 7;
        dice ^= dice << 17;
        let acks = 1 + dice % 40;
        let Some(last) = run_and_kill(&file, next, acks) else { continue };
        kills += 1;
        check_intact(&file);
        let store = Store::open(&file).unwrap();
        // Every acknowledged edit is there; an edit made but not yet acknowledged may be too.
        for op in (next..=last).filter(|op| op % CLOSE_EVERY != 0) {
            let id = ids[(op as usize) % ids.len()];
            let text = store.paragraph(id).unwrap().text;
            let found: u64 =
                text.trim_start_matches("Decide operation ").trim_end_matches('.').parse().unwrap();
            assert!(found >= op, "operation {op} was acknowledged but the text says {text}");
        }
        acked_closes += (next..=last).filter(|op| op % CLOSE_EVERY == 0).count() as u64;
        unsure_closes += u64::from((last + 1) % CLOSE_EVERY == 0);
        let closed = store.rounds().unwrap().len() as u64 - 1;
        assert!(closed >= acked_closes, "{closed} rounds closed, {acked_closes} acknowledged");
        assert!(closed <= acked_closes + unsure_closes);
        // The next writer carries on after the last operation that may have been applied.
        next = last + 2;
    }
    assert!(kills >= 80, "only {kills} writers were killed mid-stream");
}

#[test]
fn killed_cli_commands_leave_a_sound_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cli-crash.accord");
    seed_file(&file);
    let path = file.to_str().unwrap();
    for i in 0..25u64 {
        let mut child = Command::new(crate::util::accord_binary())
            .args(["edit", path, "OP1", &format!("Decide operation {i}.")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(400 * (i % 10)));
        child.kill().ok();
        child.wait().unwrap();
        check_intact(&file);
    }
    let run = accord(&["status", path]);
    assert!(run.success, "{}", run.stderr);
}
