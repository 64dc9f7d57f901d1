//! The round verbs: close and reopen a round, list and compare rounds, a paragraph's history,
//! the status, the fingerprints, backups and drafting checks.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;

use drafts::store::{CloseRound, Renumbered};
use drafts::{Error, Store};

use super::{print, render};

/// The verbs about rounds and the record.
#[derive(Subcommand)]
pub enum RoundCommand {
    /// Close the open round and open the next.
    CloseRound {
        file: PathBuf,
        #[arg(long)]
        label: Option<String>,
        /// YYYY-MM-DD
        #[arg(long)]
        date: Option<NaiveDate>,
    },
    /// Undo the last close: the round just closed is open again, while nothing has happened
    /// in the next one (no edit, no export, no copy circulated).
    ReopenRound {
        file: PathBuf,
        /// Why, for the log: "closed by mistake".
        #[arg(long)]
        reason: String,
    },
    /// List the rounds.
    Rounds { file: PathBuf },
    /// Compare two rounds.
    Diff {
        file: PathBuf,
        #[arg(long)]
        from: u32,
        #[arg(long)]
        to: u32,
    },
    /// A paragraph across all rounds.
    History { file: PathBuf, paragraph: String },
    /// What is pending, and for whom.
    Status {
        file: PathBuf,
        #[arg(long)]
        round: Option<u32>,
    },
    /// Re-compute the fingerprints of the closed rounds; name the first that no longer matches.
    Verify { file: PathBuf },
    /// List the per-round backups of a file.
    Backups { file: PathBuf },
    /// Restore a backup as a new negotiation file.
    Restore {
        backup: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Drafting checks.
    Check {
        file: PathBuf,
        #[arg(long)]
        round: Option<u32>,
    },
}

/// Runs one round verb.
pub fn run(command: RoundCommand, json: bool) -> drafts::Result<()> {
    match command {
        RoundCommand::CloseRound { file, label, date } => {
            let mut store = Store::open(&file)?;
            let closing = store.current_round()?.number;
            let next = store.close_round(CloseRound { label, date })?;
            print(json, &next, |r| format!("closed round {closing}; round {} is open", r.number));
        }
        RoundCommand::ReopenRound { file, reason } => {
            let round = Store::open(&file)?.reopen_round(&reason)?;
            print(json, &round, |r| format!("round {} is open again", r.number));
        }
        RoundCommand::Rounds { file } => {
            print(json, &Store::open_read_only(&file)?.rounds()?, |r| render::rounds(r));
        }
        RoundCommand::Diff { file, from, to } => {
            // The text report shows a renumbered paragraph's new number only; JSON carries all.
            let renumbered = if json { Renumbered::WithTexts } else { Renumbered::LabelsOnly };
            let changes = Store::open_read_only(&file)?.changes(from, to, renumbered)?;
            print(json, &changes, render::diff);
        }
        RoundCommand::History { file, paragraph } => {
            let store = Store::open_read_only(&file)?;
            print(json, &store.history(store.find_paragraph(&paragraph)?)?, render::history);
        }
        RoundCommand::Status { file, round } => {
            let summary = Store::open_read_only(&file)?.summary(round)?;
            print(json, &summary, |s| s.sentence.clone());
        }
        RoundCommand::Verify { file } => verify(&file, json)?,
        RoundCommand::Backups { file } => {
            print(json, &Store::open_read_only(&file)?.backups()?, |b| render::backups(b));
        }
        RoundCommand::Restore { backup, output } => {
            let round = Store::restore(&backup, &output)?.current_round()?;
            let restored = |r: &drafts::model::Round| {
                format!("restored {} (round {} open)", output.display(), r.number)
            };
            print(json, &round, restored);
        }
        RoundCommand::Check { file, round } => {
            print(json, &Store::open_read_only(&file)?.checks(round)?, |w| render::checks(w));
        }
    }
    Ok(())
}

/// Checks the fingerprint chain; a mismatch is an error (exit code 1) after the report.
fn verify(file: &std::path::Path, json: bool) -> drafts::Result<()> {
    let report = Store::open_read_only(file)?.verify()?;
    print(json, &report, render::verification);
    match report.first_mismatch {
        Some(round) => Err(Error::Tampered { round }),
        None => Ok(()),
    }
}
