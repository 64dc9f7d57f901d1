//! A writer for the crash-safety test: applies a deterministic stream of edits and round closes to
//! a negotiation file and prints `ack N` after each one is committed, until it is killed.
//!
//! Usage: `accord-crash-writer FILE START` — operation numbers start at START.

use std::io::Write;
use std::path::PathBuf;

use drafts::store::CloseRound;
use drafts::Store;

/// Every how many operations a round is closed.
const CLOSE_EVERY: u64 = 17;

fn main() {
    let mut args = std::env::args().skip(1);
    let file = PathBuf::from(args.next().expect("FILE"));
    let start: u64 = args.next().expect("START").parse().expect("START is a number");
    let mut store = Store::open(&file).expect("open");
    let ids: Vec<_> =
        store.document(None).expect("document").paragraphs.iter().map(|p| p.paragraph.id).collect();
    let stdout = std::io::stdout();
    for n in start.. {
        if n % CLOSE_EVERY == 0 {
            store.close_round(CloseRound::default()).expect("close round");
        } else {
            let id = ids[(n as usize) % ids.len()];
            store.edit_text(id, &format!("Decide operation {n}."), None).expect("edit");
        }
        let mut out = stdout.lock();
        writeln!(out, "ack {n}").expect("stdout");
        out.flush().expect("stdout");
    }
}
