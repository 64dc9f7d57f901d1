//! `accord`: the command line over the drafts core, for scripting, tests and power users.
//! Every command takes `--json` for machine-readable output; errors go to stderr with exit code 1.

use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use drafts::generate::{self, Shape};
use drafts::model::{HouseStyle, NegotiationMeta, ParagraphKind, StatusKind};
use drafts::store::{CloseRound, Placement};
use drafts::{Error, Store};

mod export;
mod import;
mod paragraphs;
mod proposals;
mod render;
mod session;

#[derive(Parser)]
#[command(
    name = "accord",
    version,
    about = "Draft and negotiate declaration texts, round by round"
)]
struct Cli {
    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Style {
    Oas,
    Un,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new negotiation file.
    New {
        file: PathBuf,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        symbol: String,
        #[arg(long, default_value = "General Assembly")]
        body: String,
        #[arg(long, default_value = "")]
        session: String,
        #[arg(long, value_enum, default_value = "oas")]
        style: Style,
    },
    /// Import a draft from a text, Word, OpenDocument, PDF, HTML or Akoma Ntoso file into a new negotiation (or preview
    /// it with --dry-run).
    Import {
        input: PathBuf,
        /// The negotiation file to create.
        #[arg(short, long, required_unless_present_any = ["dry_run", "into"], conflicts_with = "into")]
        output: Option<PathBuf>,
        /// Take the draft as a revision of this negotiation's open round instead.
        #[arg(long)]
        into: Option<PathBuf>,
        /// Show what would be imported without writing anything (with --into: which paragraph
        /// of the open round each paragraph of the revision is).
        #[arg(long)]
        dry_run: bool,
        /// With --into: correct a match, as 5=OP7 (the revision's 5th paragraph is OP7) or
        /// 5=new; repeatable.
        #[arg(long = "match", requires = "into")]
        matches: Vec<String>,
        /// The input's format; told from its contents when not given.
        #[arg(long, value_parser = ["txt", "docx", "odt", "akn", "pdf", "html"])]
        format: Option<String>,
    },
    /// Write the fictional sample negotiation to a new file.
    Sample { file: PathBuf },
    /// Generate a large, realistic negotiation (for benchmarks and tests); by default 1,000
    /// paragraphs over 100 closed rounds.
    Generate {
        file: PathBuf,
        #[arg(long, default_value_t = Shape::LARGE.paragraphs)]
        paragraphs: usize,
        /// Closed rounds, the first text's included (at least 1).
        #[arg(long, default_value_t = Shape::LARGE.rounds)]
        rounds: u32,
        #[arg(long, default_value_t = Shape::LARGE.seed)]
        seed: u64,
    },
    /// Show the text of a round (the open round by default).
    Show {
        file: PathBuf,
        #[arg(long)]
        round: Option<u32>,
    },
    /// Add a paragraph (at the end unless --after/--before).
    Add {
        file: PathBuf,
        /// opening_clause, preambular, verb_line, operative, section_heading, sub_paragraph
        #[arg(long, value_parser = paragraph_kind)]
        kind: ParagraphKind,
        text: String,
        #[arg(long, conflicts_with = "before")]
        after: Option<String>,
        #[arg(long)]
        before: Option<String>,
        /// The paragraph a sub-paragraph belongs to.
        #[arg(long)]
        parent: Option<String>,
        /// Make it an alternative to this paragraph (OP6alt).
        #[arg(long)]
        alternative_to: Option<String>,
        /// Proposing delegation (repeatable).
        #[arg(long = "proposer")]
        proposers: Vec<String>,
    },
    /// Change a paragraph's text (an agreed paragraph needs --reopen REASON).
    Edit {
        file: PathBuf,
        paragraph: String,
        text: String,
        #[arg(long)]
        reopen: Option<String>,
    },
    /// Move a paragraph after or before another, or to the end.
    Move {
        file: PathBuf,
        paragraph: String,
        #[arg(long, conflicts_with = "before")]
        after: Option<String>,
        #[arg(long)]
        before: Option<String>,
    },
    /// Set the private note this desk keeps on a paragraph (the chair's, or in a delegation's
    /// copy the delegation's own); never circulated. An empty TEXT clears it.
    Note { file: PathBuf, paragraph: String, text: String },
    /// Delete a paragraph (it stays visible in history and comparisons).
    Delete {
        file: PathBuf,
        paragraph: String,
        /// Why agreed (or ad referendum) text goes: deleting it reopens it, which needs a reason.
        #[arg(long)]
        reason: Option<String>,
    },
    /// Set a paragraph's status: agreed, ad_referendum, bracketed, pending, proposed.
    SetStatus {
        file: PathBuf,
        paragraph: String,
        #[arg(value_parser = settable_status)]
        status: StatusKind,
        /// Delegation for ad referendum (repeatable).
        #[arg(long = "delegation")]
        delegations: Vec<String>,
        /// Silence procedure: hours until silence means agreement.
        #[arg(long)]
        silence_hours: Option<i64>,
    },
    /// Confirm an ad referendum paragraph whose silence procedure ended.
    ConfirmSilence { file: PathBuf, paragraph: String },
    /// Record that a delegation broke the silence.
    BreakSilence {
        file: PathBuf,
        paragraph: String,
        #[arg(long)]
        delegation: String,
    },
    /// Bracket words of a paragraph (the first occurrence of --words).
    Bracket {
        file: PathBuf,
        paragraph: String,
        #[arg(long)]
        words: String,
        /// Delegation holding the bracket (repeatable).
        #[arg(long = "holder")]
        holders: Vec<String>,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Resolve a bracket: keep one alternative (numbered from 1) or drop it.
    Resolve {
        file: PathBuf,
        paragraph: String,
        /// Which bracket of the paragraph, from 1.
        #[arg(long, default_value_t = 1)]
        bracket: usize,
        #[arg(long, conflicts_with = "drop", required_unless_present = "drop")]
        keep: Option<usize>,
        #[arg(long)]
        drop: bool,
    },
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
    /// Export the clean text, the working text, a comparison, the status report or the compilation.
    Export(ExportArgs),
    #[command(flatten)]
    Proposals(proposals::ProposalCommand),
    /// Serve the live session: the text on every delegation's screen, proposals back into the
    /// file (runs until stopped).
    Session(session::SessionArgs),
    /// Revoke the session links of a delegation, the observers or the chair.
    Revoke(session::RevokeArgs),
}

/// What `accord export` reads from the command line.
#[derive(clap::Args)]
struct ExportArgs {
    file: PathBuf,
    /// The file format; by default the output's extension (.docx, .pdf, .html, .txt, .md, .xml).
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    #[arg(long, value_enum, default_value = "clean")]
    kind: KindArg,
    /// The earlier round of a comparison.
    #[arg(long)]
    from: Option<u32>,
    /// The later round of a comparison.
    #[arg(long)]
    to: Option<u32>,
    /// The round to export (the open round by default).
    #[arg(long, conflicts_with_all = ["from", "to"])]
    round: Option<u32>,
    /// Keep the formal annotations: "(ad referendum of …)" and footnoted reservations.
    #[arg(long)]
    formal: bool,
    /// Export as the final text: refused while any bracket or non-agreed paragraph remains.
    #[arg(long = "final", conflicts_with = "draft")]
    final_text: bool,
    /// Export explicitly as a draft: marked DRAFT.
    #[arg(long)]
    draft: bool,
    /// With --kind with-proposals: the delegation whose open proposals are shown as changes.
    #[arg(long)]
    delegation: Option<String>,
    /// Print the private notes kept at this desk (left out unless asked for).
    #[arg(long)]
    with_notes: bool,
    /// The file to write (replaced atomically).
    #[arg(short, long)]
    output: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Docx,
    Pdf,
    Html,
    Txt,
    Md,
    Akn,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum KindArg {
    Clean,
    Annotated,
    Compare,
    Status,
    Compilation,
    /// The whole text with one delegation's proposals as its tracked changes (--delegation).
    WithProposals,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if json {
                eprintln!("{}", serde_json::to_string(&e).expect("errors serialize"));
            } else {
                eprintln!("accord: {e}");
            }
            ExitCode::FAILURE
        }
    }
}

fn print<T: Serialize>(json: bool, value: &T, text: impl FnOnce(&T) -> String) {
    if json {
        write_out(&serde_json::to_string_pretty(value).expect("model types serialize"));
    } else {
        write_out(&text(value));
    }
}

/// Writes a command's output. A reader that stopped reading (`accord show F | head -1`) ends the
/// command quietly with success, as any Unix filter does; the command's work is already committed.
fn write_out(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("accord: cannot write the output: {e}");
        std::process::exit(1);
    }
}

fn ok(json: bool, message: String) {
    print(json, &serde_json::json!({ "ok": true, "message": message }), |_| message.clone());
}

/// Reads a paragraph kind as the core names it: "operative", "sub_paragraph"…
pub(crate) fn paragraph_kind(s: &str) -> Result<ParagraphKind, String> {
    ParagraphKind::parse(s).ok_or_else(|| {
        "use opening_clause, preambular, verb_line, operative, section_heading or sub_paragraph"
            .into()
    })
}

/// Reads a status a paragraph can be given (every one but deleted: `delete` does that).
fn settable_status(s: &str) -> Result<StatusKind, String> {
    StatusKind::parse(s)
        .filter(|k| *k != StatusKind::Deleted)
        .ok_or_else(|| "use agreed, ad_referendum, bracketed, pending or proposed".into())
}

fn placement(
    store: &Store,
    after: Option<String>,
    before: Option<String>,
) -> drafts::Result<Placement> {
    Ok(match (after, before) {
        (Some(a), _) => Placement::After { id: store.find_paragraph(&a)? },
        (None, Some(b)) => Placement::Before { id: store.find_paragraph(&b)? },
        (None, None) => Placement::End,
    })
}

fn run(cli: Cli) -> drafts::Result<()> {
    let json = cli.json;
    match cli.command {
        Command::New { file, title, symbol, body, session, style } => {
            let house_style = match style {
                Style::Oas => HouseStyle::Oas,
                Style::Un => HouseStyle::Un,
            };
            let meta =
                NegotiationMeta { title, symbol, body, session, house_style, ..Default::default() };
            created(json, &file, &Store::create(&file, meta)?)?;
        }
        Command::Import { input, output, into, dry_run, format, matches } => {
            let target = import::Target { output, into, dry_run, matches };
            import::run(&input, format.as_deref(), target, json)?;
        }
        Command::Sample { file } => created(json, &file, &drafts::sample::create(&file)?)?,
        Command::Generate { file, paragraphs, rounds, seed } => {
            generate_file(&file, Shape { paragraphs, rounds, seed, ..Shape::LARGE }, json)?
        }
        Command::Show { file, round } => {
            let document = Store::open_read_only(&file)?.document(round)?;
            print(json, &document, render::document);
        }
        Command::Add { file, kind, text, after, before, parent, alternative_to, proposers } => {
            let to = paragraphs::Insertion { kind, text, after, before, parent, alternative_to };
            paragraphs::add(&file, to, proposers, json)?;
        }
        Command::Edit { file, paragraph, text, reopen } => {
            paragraphs::on(&file, &paragraph, json, format!("edited {paragraph}"), |s, id| {
                s.edit_text(id, &text, reopen.as_deref())
            })?
        }
        Command::Move { file, paragraph, after, before } => {
            paragraphs::on(&file, &paragraph, json, format!("moved {paragraph}"), |s, id| {
                let to = placement(s, after, before)?;
                s.move_paragraph(id, to)
            })?
        }
        Command::Note { file, paragraph, text } => {
            paragraphs::on(&file, &paragraph, json, format!("noted on {paragraph}"), |s, id| {
                s.set_notes(id, text)
            })?
        }
        Command::Delete { file, paragraph, reason } => {
            paragraphs::on(&file, &paragraph, json, format!("deleted {paragraph}"), |s, id| {
                s.delete_paragraph(id, reason.as_deref())
            })?
        }
        Command::SetStatus { file, paragraph, status, delegations, silence_hours } => {
            let change = paragraphs::status_change(status, delegations, silence_hours);
            let done = format!("{paragraph} is now {}", status.label());
            paragraphs::on(&file, &paragraph, json, done, |s, id| s.set_status(id, change))?
        }
        Command::ConfirmSilence { file, paragraph } => {
            let done = format!("{paragraph} confirmed as agreed");
            paragraphs::on(&file, &paragraph, json, done, |s, id| s.confirm_silence(id))?
        }
        Command::BreakSilence { file, paragraph, delegation } => {
            let done = format!("silence on {paragraph} broken by {delegation}");
            paragraphs::on(&file, &paragraph, json, done, |s, id| s.break_silence(id, &delegation))?
        }
        Command::Bracket { file, paragraph, words, holders, reason } => {
            let done = format!("bracketed \"{words}\" in {paragraph}");
            paragraphs::on(&file, &paragraph, json, done, |s, id| {
                paragraphs::bracket(s, id, &words, holders, reason)
            })?
        }
        Command::Resolve { file, paragraph, bracket, keep, drop } => {
            let (index, resolution) = paragraphs::resolution(bracket, keep, drop)?;
            let done = format!("resolved bracket {bracket} of {paragraph}");
            paragraphs::on(&file, &paragraph, json, done, |s, id| {
                s.resolve_bracket(id, index, resolution)
            })?
        }
        Command::CloseRound { file, label, date } => {
            let mut store = Store::open(&file)?;
            let closing = store.current_round()?.number;
            let next = store.close_round(CloseRound { label, date })?;
            print(json, &next, |r| format!("closed round {closing}; round {} is open", r.number));
        }
        Command::ReopenRound { file, reason } => {
            let round = Store::open(&file)?.reopen_round(&reason)?;
            print(json, &round, |r| format!("round {} is open again", r.number));
        }
        Command::Rounds { file } => {
            print(json, &Store::open_read_only(&file)?.rounds()?, |r| render::rounds(r));
        }
        Command::Diff { file, from, to } => {
            print(json, &Store::open_read_only(&file)?.diff(from, to)?, render::diff);
        }
        Command::History { file, paragraph } => {
            let store = Store::open_read_only(&file)?;
            print(json, &store.history(store.find_paragraph(&paragraph)?)?, render::history);
        }
        Command::Status { file, round } => {
            let summary = Store::open_read_only(&file)?.summary(round)?;
            print(json, &summary, |s| s.sentence.clone());
        }
        Command::Verify { file } => verify(&file, json)?,
        Command::Backups { file } => {
            print(json, &Store::open_read_only(&file)?.backups()?, |b| render::backups(b));
        }
        Command::Restore { backup, output } => {
            let round = Store::restore(&backup, &output)?.current_round()?;
            let restored = |r: &drafts::model::Round| {
                format!("restored {} (round {} open)", output.display(), r.number)
            };
            print(json, &round, restored);
        }
        Command::Check { file, round } => {
            print(json, &Store::open_read_only(&file)?.checks(round)?, |w| render::checks(w));
        }
        Command::Proposals(command) => proposals::run(command, json)?,
        Command::Session(args) => session::run(args, json)?,
        Command::Revoke(args) => session::revoke(args, json)?,
        Command::Export(args) => export::run(args, json)?,
    }
    Ok(())
}

/// Says what a new file holds.
fn created(json: bool, file: &std::path::Path, store: &Store) -> drafts::Result<()> {
    print(json, &store.negotiation()?, |n| format!("created {} ({})", file.display(), n.title));
    Ok(())
}

fn generate_file(file: &std::path::Path, shape: Shape, json: bool) -> drafts::Result<()> {
    if shape.paragraphs == 0 || shape.rounds == 0 {
        return Err(Error::Invalid("--paragraphs and --rounds must be at least 1".into()));
    }
    let store = generate::generate(file, shape)?;
    let count = store.document(None)?.paragraphs.len();
    let closed = store.rounds()?.iter().filter(|r| r.closed_at.is_some()).count();
    let summary = serde_json::json!({ "file": file, "paragraphs": count, "closed_rounds": closed });
    print(json, &summary, |_| {
        format!("generated {} ({count} paragraphs, {closed} closed rounds)", file.display())
    });
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
