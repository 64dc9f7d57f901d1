//! Every everyday operation, each measured on one history: the CLI as a whole process (what a
//! chair waits for), edits in process (what the app does on every keystroke's commit), and the
//! file's size — with git's figure for the same texts where git does the same work.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use drafts::model::{ParagraphId, StatusKind};
use drafts::Store;

use crate::histories::History;
use crate::measure::{
    best_process_time, checkpointed_size, git_pack, git_word_diff_time, median, time,
};

/// What an operation is held to at 1,000 paragraphs × 100 rounds.
#[derive(Clone, Copy)]
pub enum Budget {
    None,
    /// At most this many of the figure's unit.
    AtMost(f64),
    /// At most this many times git's figure for the same texts.
    GitTimes(f64),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Ms,
    KiB,
}

/// One measurement, with git's where there is one.
#[derive(Clone, Copy)]
pub struct Figure {
    pub value: f64,
    pub unit: Unit,
    pub git: Option<f64>,
}

impl Figure {
    fn ms(d: Duration) -> Figure {
        Figure { value: d.as_secs_f64() * 1e3, unit: Unit::Ms, git: None }
    }

    fn against_git(self, git: Figure) -> Figure {
        Figure { git: Some(git.value), ..self }
    }

    pub fn meets(self, budget: Budget) -> Option<bool> {
        match (budget, self.git) {
            (Budget::None, _) => None,
            (Budget::AtMost(limit), _) => Some(self.value <= limit),
            (Budget::GitTimes(times), Some(git)) => Some(self.value <= times * git),
            (Budget::GitTimes(_), None) => Some(false),
        }
    }
}

pub struct Operation {
    pub name: &'static str,
    pub budget: Budget,
    measure: fn(&History, &Path) -> Figure,
}

impl Operation {
    /// Measures the operation on `history`, with `scratch` for copies it may change.
    pub fn measure(&self, history: &History, scratch: &Path) -> Figure {
        (self.measure)(history, scratch)
    }
}

const CLI: Budget = Budget::AtMost(30.0);

/// The operations, in the order of a chair's day.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        name: "open and show the open round",
        budget: CLI,
        measure: |h, _| cli(h, &["show"]),
    },
    Operation { name: "show a closed round (the middle one)", budget: CLI, measure: show_middle },
    Operation {
        name: "status and the chair's sentence",
        budget: CLI,
        measure: |h, _| cli(h, &["status"]),
    },
    Operation { name: "list the rounds", budget: CLI, measure: |h, _| cli(h, &["rounds"]) },
    Operation { name: "history of one paragraph", budget: Budget::AtMost(20.0), measure: history },
    Operation {
        name: "compare two consecutive rounds",
        budget: Budget::GitTimes(1.0),
        measure: diff_consecutive,
    },
    Operation {
        name: "compare round 1 with the last",
        budget: Budget::GitTimes(0.2),
        measure: diff_first_last,
    },
    Operation { name: "drafting checks", budget: CLI, measure: |h, _| cli(h, &["check"]) },
    Operation {
        name: "compile the proposals",
        budget: CLI,
        measure: |h, _| cli(h, &["proposals"]),
    },
    Operation { name: "verify the fingerprints", budget: CLI, measure: |h, _| cli(h, &["verify"]) },
    Operation {
        name: "one edit committed, in process (median of 300)",
        budget: Budget::AtMost(2.0),
        measure: |h, s| edits(h, s, false),
    },
    Operation {
        name: "one edit committed and checkpointed as the app does (median of 300)",
        budget: Budget::AtMost(2.0),
        measure: |h, s| edits(h, s, true),
    },
    Operation { name: "close a round", budget: CLI, measure: close_round },
    Operation {
        name: "import a revision: the matching preview",
        budget: Budget::None,
        measure: |h, s| import_revision(h, s, true),
    },
    Operation {
        name: "import a revision",
        budget: Budget::None,
        measure: |h, s| import_revision(h, s, false),
    },
    Operation {
        name: "export the clean text, .docx",
        budget: Budget::None,
        measure: |h, s| export(h, s, &["--kind", "clean"], "docx"),
    },
    Operation {
        name: "export the clean text, .pdf",
        budget: Budget::None,
        measure: |h, s| export(h, s, &["--kind", "clean"], "pdf"),
    },
    Operation {
        name: "export the clean text, .html",
        budget: Budget::None,
        measure: |h, s| export(h, s, &["--kind", "clean"], "html"),
    },
    Operation {
        name: "export the clean text, .md",
        budget: Budget::None,
        measure: |h, s| export(h, s, &["--kind", "clean"], "md"),
    },
    Operation {
        name: "export the clean text, .txt",
        budget: Budget::None,
        measure: |h, s| export(h, s, &["--kind", "clean"], "txt"),
    },
    Operation {
        name: "export the clean text, Akoma Ntoso",
        budget: Budget::None,
        measure: |h, s| export(h, s, &["--kind", "clean"], "xml"),
    },
    Operation {
        name: "export the annotated text, .docx",
        budget: Budget::None,
        measure: |h, s| export(h, s, &["--kind", "annotated"], "docx"),
    },
    Operation {
        name: "export the comparison of round 1 with the last, .docx",
        budget: Budget::None,
        measure: export_comparison,
    },
    Operation {
        name: "export the status report, .docx",
        budget: Budget::None,
        measure: |h, s| export(h, s, &["--kind", "status"], "docx"),
    },
    Operation {
        name: "export the compilation of proposals, .docx",
        budget: Budget::None,
        measure: |h, s| export(h, s, &["--kind", "compilation"], "docx"),
    },
    Operation { name: "file size", budget: Budget::GitTimes(2.0), measure: file_size },
];

fn accord(history: &History, args: &[&str]) -> Command {
    let mut c = Command::new(crate::measure::accord_binary());
    c.arg("--json").args(args).arg(&history.file);
    c
}

fn cli(history: &History, args: &[&str]) -> Figure {
    Figure::ms(best_process_time(|| (), || accord(history, args)))
}

fn show_middle(history: &History, _: &Path) -> Figure {
    cli(history, &["show", "--round", &(history.last / 2).max(1).to_string()])
}

fn history(history: &History, _: &Path) -> Figure {
    let command = || {
        let mut c = accord(history, &["history"]);
        c.arg(&history.label);
        c
    };
    Figure::ms(best_process_time(|| (), command))
}

/// `accord diff` as a reader runs it, against git's word diff of the same two texts: both print
/// a report to read (`--json` also carries the text of every paragraph only renumbered).
fn diff(history: &History, from: u32, to: u32) -> Figure {
    let rounds = ["diff", "--from", &from.to_string(), "--to", &to.to_string()].map(String::from);
    let report = || {
        let mut c = Command::new(crate::measure::accord_binary());
        c.args(&rounds).arg(&history.file);
        c
    };
    let text = |round: u32| &history.texts[round as usize - 1];
    let git = Figure::ms(git_word_diff_time(text(from), text(to)));
    Figure::ms(best_process_time(|| (), report)).against_git(git)
}

fn diff_consecutive(history: &History, _: &Path) -> Figure {
    diff(history, history.last - 1, history.last)
}

fn diff_first_last(history: &History, _: &Path) -> Figure {
    diff(history, 1, history.last)
}

/// A fresh copy of the history's file in `scratch`, for an operation that changes it.
fn copy(history: &History, scratch: &Path) -> PathBuf {
    let to = scratch.join(format!("{}-copy.accord", history.made.name()));
    for suffix in ["-wal", "-shm"] {
        std::fs::remove_file(format!("{}{suffix}", to.display())).ok();
    }
    std::fs::copy(&history.file, &to).expect("copy");
    to
}

fn on_copy(history: &History, scratch: &Path, args: &[&str]) -> Figure {
    let to = scratch.join(format!("{}-copy.accord", history.made.name()));
    let command = || {
        let mut c = Command::new(crate::measure::accord_binary());
        c.arg("--json").args(args).arg(&to);
        c
    };
    Figure::ms(best_process_time(|| drop(copy(history, scratch)), command))
}

fn close_round(history: &History, scratch: &Path) -> Figure {
    on_copy(history, scratch, &["close-round"])
}

fn import_revision(history: &History, scratch: &Path, dry_run: bool) -> Figure {
    let to = scratch.join(format!("{}-copy.accord", history.made.name()));
    let command = || {
        let mut c = Command::new(crate::measure::accord_binary());
        c.args(["--json", "import"]).arg(&history.revision).arg("--into").arg(&to);
        if dry_run {
            c.arg("--dry-run");
        }
        c
    };
    Figure::ms(best_process_time(|| drop(copy(history, scratch)), command))
}

fn export(history: &History, scratch: &Path, kind: &[&str], extension: &str) -> Figure {
    let output = scratch.join(format!("export.{extension}"));
    let command = || {
        let mut c = accord(history, &["export"]);
        c.args(kind).arg("-o").arg(&output);
        c
    };
    Figure::ms(best_process_time(|| (), command))
}

fn export_comparison(history: &History, scratch: &Path) -> Figure {
    let to = history.last.to_string();
    export(history, scratch, &["--kind", "compare", "--from", "1", "--to", &to], "docx")
}

/// The median of 300 edits of paragraphs spread over the text, each committed and, with
/// `checkpoint`, moved into the file itself as the app does.
fn edits(history: &History, scratch: &Path, checkpoint: bool) -> Figure {
    let mut store = Store::open(&copy(history, scratch)).expect("open");
    let ids: Vec<ParagraphId> = store
        .document(None)
        .expect("document")
        .paragraphs
        .iter()
        .filter(|p| p.paragraph.status.kind() != StatusKind::Deleted)
        .map(|p| p.paragraph.id)
        .collect();
    let times = (0..300)
        .map(|i| {
            let id = ids[(i * 7919) % ids.len()];
            let old = store.paragraph(id).expect("paragraph").text;
            let text = format!("{} amended {i}.", old.trim_end_matches(['.', ';']));
            time(|| {
                store.edit_text(id, &text, Some("benchmark")).expect("edit");
                if checkpoint {
                    store.checkpoint().expect("checkpoint");
                }
            })
            .1
        })
        .collect();
    Figure::ms(median(times))
}

fn file_size(history: &History, scratch: &Path) -> Figure {
    let repo = scratch.join(format!("{}-texts.git", history.made.name()));
    std::fs::remove_dir_all(&repo).ok();
    let kib = |bytes: u64| bytes as f64 / 1024.0;
    let pack = Figure { value: kib(git_pack(&repo, &history.texts)), unit: Unit::KiB, git: None };
    let size = kib(checkpointed_size(&history.file));
    Figure { value: size, unit: Unit::KiB, git: None }.against_git(pack)
}
