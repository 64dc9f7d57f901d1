//! `accord`: the command line over the drafts core, for scripting, tests and power users.
//! Every command takes `--json` for machine-readable output; errors go to stderr with exit code 1.

use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Duration, NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use drafts::brackets::Resolution;
use drafts::export::{self, ExportFormat, ExportKind, ExportOptions};
use drafts::generate::{self, Shape};
use drafts::model::{Document, HouseStyle, NegotiationMeta, ParagraphKind, StatusKind};
use drafts::store::{CloseRound, NewParagraph, Placement, StatusChange};
use drafts::{Error, Store};

mod import;
mod proposals;

/// The log entries `history` prints beside the rounds: where a paragraph moved, split or merged.
const LINEAGE: [&str; 5] = ["moved", "split_from", "split_into", "merged_into", "merged_with"];

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
    /// Import a draft from a text, Word or Akoma Ntoso file into a new negotiation (or preview
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
        #[arg(long, value_parser = ["txt", "docx", "akn"])]
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
    Export {
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
    },
    #[command(flatten)]
    Proposals(proposals::ProposalCommand),
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
            let meta = NegotiationMeta {
                title,
                symbol,
                body,
                session,
                house_style,
                ..NegotiationMeta::default()
            };
            let store = Store::create(&file, meta)?;
            print(json, &store.negotiation()?, |n| {
                format!("created {} ({})", file.display(), n.title)
            });
        }
        Command::Import { input, output, into, dry_run, format, matches } => {
            let target = import::Target { output, into, dry_run, matches };
            import::run(&input, format.as_deref(), target, json)?;
        }
        Command::Sample { file } => {
            let store = drafts::sample::create(&file)?;
            print(json, &store.negotiation()?, |n| {
                format!("created {} ({})", file.display(), n.title)
            });
        }
        Command::Generate { file, paragraphs, rounds, seed } => {
            if paragraphs == 0 || rounds == 0 {
                return Err(Error::Invalid("--paragraphs and --rounds must be at least 1".into()));
            }
            let shape = Shape { paragraphs, rounds, seed, ..Shape::LARGE };
            let store = generate::generate(&file, shape)?;
            let count = store.document(None)?.paragraphs.len();
            let closed = store.rounds()?.iter().filter(|r| r.closed_at.is_some()).count();
            let summary =
                serde_json::json!({ "file": file, "paragraphs": count, "closed_rounds": closed });
            print(json, &summary, |_| {
                format!("generated {} ({count} paragraphs, {closed} closed rounds)", file.display())
            });
        }
        Command::Show { file, round } => {
            let document = Store::open_read_only(&file)?.document(round)?;
            print(json, &document, render_document);
        }
        Command::Add { file, kind, text, after, before, parent, alternative_to, proposers } => {
            let mut store = Store::open(&file)?;
            let new = NewParagraph {
                kind,
                text,
                parent: parent.map(|p| store.find_paragraph(&p)).transpose()?,
                placement: placement(&store, after, before)?,
                alternative_to: alternative_to.map(|p| store.find_paragraph(&p)).transpose()?,
                proposers,
            };
            let id = store.insert_paragraph(new)?;
            let label = store.document(None)?.paragraphs.into_iter().find(|p| p.paragraph.id == id);
            let label = label.map(|p| p.paragraph.label).unwrap_or_default();
            print(json, &serde_json::json!({ "id": id, "label": label }), |_| {
                format!("added {label} ({id})")
            });
        }
        Command::Edit { file, paragraph, text, reopen } => {
            let mut store = Store::open(&file)?;
            let id = store.find_paragraph(&paragraph)?;
            store.edit_text(id, &text, reopen.as_deref())?;
            ok(json, format!("edited {paragraph}"));
        }
        Command::Move { file, paragraph, after, before } => {
            let mut store = Store::open(&file)?;
            let id = store.find_paragraph(&paragraph)?;
            let to = placement(&store, after, before)?;
            store.move_paragraph(id, to)?;
            ok(json, format!("moved {paragraph}"));
        }
        Command::Note { file, paragraph, text } => {
            let mut store = Store::open(&file)?;
            let id = store.find_paragraph(&paragraph)?;
            store.set_notes(id, text)?;
            ok(json, format!("noted on {paragraph}"));
        }
        Command::Delete { file, paragraph, reason } => {
            let mut store = Store::open(&file)?;
            let id = store.find_paragraph(&paragraph)?;
            store.delete_paragraph(id, reason.as_deref())?;
            ok(json, format!("deleted {paragraph}"));
        }
        Command::SetStatus { file, paragraph, status, delegations, silence_hours } => {
            let mut store = Store::open(&file)?;
            let id = store.find_paragraph(&paragraph)?;
            let change = match status {
                StatusKind::AdReferendum => StatusChange::AdReferendum {
                    delegations,
                    deadline: silence_hours.map(|h| Utc::now() + Duration::hours(h)),
                },
                StatusKind::Bracketed => StatusChange::Bracketed,
                StatusKind::Pending => StatusChange::Pending,
                StatusKind::Proposed => StatusChange::Proposed,
                StatusKind::Agreed => StatusChange::Agreed,
                StatusKind::Deleted => unreachable!("settable_status refuses deleted"),
            };
            store.set_status(id, change)?;
            ok(json, format!("{paragraph} is now {}", status.label()));
        }
        Command::ConfirmSilence { file, paragraph } => {
            let mut store = Store::open(&file)?;
            let id = store.find_paragraph(&paragraph)?;
            store.confirm_silence(id)?;
            ok(json, format!("{paragraph} confirmed as agreed"));
        }
        Command::BreakSilence { file, paragraph, delegation } => {
            let mut store = Store::open(&file)?;
            let id = store.find_paragraph(&paragraph)?;
            store.break_silence(id, &delegation)?;
            ok(json, format!("silence on {paragraph} broken by {delegation}"));
        }
        Command::Bracket { file, paragraph, words, holders, reason } => {
            let mut store = Store::open(&file)?;
            let id = store.find_paragraph(&paragraph)?;
            let text = store.paragraph(id)?.text;
            let byte = text
                .find(&words)
                .ok_or_else(|| Error::Invalid(format!("\"{words}\" is not in {paragraph}")))?;
            let start = text[..byte].chars().count();
            store.bracket_words(id, start, start + words.chars().count(), holders, reason)?;
            ok(json, format!("bracketed \"{words}\" in {paragraph}"));
        }
        Command::Resolve { file, paragraph, bracket, keep, drop } => {
            let mut store = Store::open(&file)?;
            let id = store.find_paragraph(&paragraph)?;
            let resolution = match (keep, drop) {
                (Some(k), false) if k >= 1 => Resolution::Keep { option: k - 1 },
                (None, true) => Resolution::Drop,
                _ => return Err(Error::Invalid("use --keep N (from 1) or --drop".into())),
            };
            let index = bracket
                .checked_sub(1)
                .ok_or_else(|| Error::Invalid("brackets are numbered from 1".into()))?;
            store.resolve_bracket(id, index, resolution)?;
            ok(json, format!("resolved bracket {bracket} of {paragraph}"));
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
            let rounds = Store::open_read_only(&file)?.rounds()?;
            print(json, &rounds, |rounds| {
                rounds
                    .iter()
                    .map(|r| {
                        format!("{:>3}  {}  {:<6}  {}", r.number, r.date, r.state.as_str(), r.label)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Diff { file, from, to } => {
            let diff = Store::open_read_only(&file)?.diff(from, to)?;
            print(json, &diff, |d| {
                let mut out = Vec::new();
                for c in d.changes.iter().filter(|c| c.is_change()) {
                    let label = c.new.as_ref().or(c.old.as_ref()).map_or("", |s| s.label.as_str());
                    let mut marks = Vec::new();
                    for (on, mark) in [
                        (c.added, "added"),
                        (c.deleted, "deleted"),
                        (c.moved, "moved"),
                        (c.renumbered, "renumbered"),
                        (c.kind_changed, "kind"),
                        (c.status_changed, "status"),
                        (c.text_changed, "text"),
                    ] {
                        if on {
                            marks.push(mark);
                        }
                    }
                    if let Some(lineage) = &c.lineage {
                        marks.push(lineage);
                    }
                    out.push(format!("{label:<10} {}", marks.join(", ")));
                    out.extend(change_details(c).into_iter().map(|d| format!("{:<10} {d}", "")));
                }
                out.join("\n")
            });
        }
        Command::History { file, paragraph } => {
            let store = Store::open_read_only(&file)?;
            let history = store.history(store.find_paragraph(&paragraph)?)?;
            print(json, &history, |h| {
                h.entries
                    .iter()
                    .map(|e| {
                        format!(
                            "round {} ({}): {} [{}] {}",
                            e.round,
                            e.round_label,
                            e.label,
                            e.status.kind().label(),
                            e.text
                        )
                    })
                    .chain(h.events.iter().filter(|e| LINEAGE.contains(&e.action.as_str())).map(
                        |e| {
                            format!(
                                "round {}: {} {}",
                                e.round,
                                e.action.replace('_', " "),
                                e.detail
                            )
                        },
                    ))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Status { file, round } => {
            let summary = Store::open_read_only(&file)?.summary(round)?;
            print(json, &summary, |s| s.sentence.clone());
        }
        Command::Verify { file } => {
            let report = Store::open_read_only(&file)?.verify()?;
            print(json, &report, |r| match r.first_mismatch {
                None => format!("{} closed rounds verified: the record is intact", r.rounds.len()),
                Some(n) => {
                    format!("round {n} no longer matches its fingerprint: the file was altered")
                }
            });
            if let Some(round) = report.first_mismatch {
                return Err(Error::Tampered { round });
            }
        }
        Command::Backups { file } => {
            let backups = Store::open_read_only(&file)?.backups()?;
            print(json, &backups, |list| {
                list.iter()
                    .map(|b| format!("round {:>3}  {:>9} bytes  {}", b.round, b.bytes, b.path))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Restore { backup, output } => {
            let store = Store::restore(&backup, &output)?;
            let round = store.current_round()?;
            print(json, &round, |r| {
                format!("restored {} (round {} open)", output.display(), r.number)
            });
        }
        Command::Check { file, round } => {
            let warnings = Store::open_read_only(&file)?.checks(round)?;
            print(json, &warnings, |w| {
                if w.is_empty() {
                    "no drafting issues".into()
                } else {
                    w.iter().map(|w| w.message.clone()).collect::<Vec<_>>().join("\n")
                }
            });
        }
        Command::Proposals(command) => proposals::run(command, json)?,
        Command::Export {
            file,
            format,
            kind,
            from,
            to,
            round,
            formal,
            final_text,
            draft,
            delegation,
            with_notes,
            output,
        } => {
            // Writable when no other window holds the file, so that the export is logged.
            let mut store = Store::open(&file).or_else(|_| Store::open_read_only(&file))?;
            let format = match format {
                Some(f) => export_format(f),
                None => format_of(&output)?,
            };
            let kind = match (kind, from, to) {
                (KindArg::Compare, Some(from), Some(to)) => ExportKind::Compare { from, to },
                (KindArg::Compare, _, _) => {
                    return Err(Error::Invalid("a comparison needs --from R and --to R".into()))
                }
                (_, Some(_), _) | (_, _, Some(_)) => {
                    return Err(Error::Invalid(
                        "--from and --to are for comparisons: add --kind compare".into(),
                    ))
                }
                (KindArg::Clean, ..) => ExportKind::Clean,
                (KindArg::Annotated, ..) => ExportKind::Annotated,
                (KindArg::Status, ..) => ExportKind::StatusReport,
                (KindArg::Compilation, ..) => ExportKind::Compilation,
                (KindArg::WithProposals, ..) => ExportKind::WithProposals {
                    delegation: delegation.clone().ok_or_else(|| {
                        Error::Invalid("--kind with-proposals needs --delegation NAME".into())
                    })?,
                },
            };
            let options = ExportOptions {
                round,
                formal_annotations: formal,
                final_text,
                draft_mark: draft,
                private_notes: with_notes,
            };
            export::export_to_file(&mut store, &kind, format, &options, &output)?;
            let bytes = std::fs::metadata(&output)?.len();
            let report = serde_json::json!({
                "file": output,
                "format": format,
                "kind": kind,
                "bytes": bytes,
            });
            print(json, &report, |_| format!("wrote {} ({bytes} bytes)", output.display()));
        }
    }
    Ok(())
}

/// What a change was, beyond its marks: the label and status before and after, and the words
/// as `git diff --word-diff` shows them.
fn change_details(c: &drafts::diff::ParagraphChange) -> Vec<String> {
    let mut details = Vec::new();
    if let (Some(old), Some(new)) = (&c.old, &c.new) {
        if old.label != new.label {
            details.push(format!("label: {} → {}", old.label, new.label));
        }
        if c.status_changed {
            details.push(format!(
                "status: {} → {}",
                old.status.kind().label(),
                new.status.kind().label()
            ));
        }
    }
    if c.text_changed || c.added {
        details.push(drafts::diff::word_diff_plain(&c.spans));
    }
    details
}

fn export_format(format: FormatArg) -> ExportFormat {
    match format {
        FormatArg::Docx => ExportFormat::Docx,
        FormatArg::Pdf => ExportFormat::Pdf,
        FormatArg::Html => ExportFormat::Html,
        FormatArg::Txt => ExportFormat::Txt,
        FormatArg::Md => ExportFormat::Md,
        FormatArg::Akn => ExportFormat::Akn,
    }
}

/// The export format named by a file's extension.
fn format_of(output: &std::path::Path) -> drafts::Result<ExportFormat> {
    let extension = output.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    match extension.as_str() {
        "htm" => Some(ExportFormat::Html),
        "xml" => Some(ExportFormat::Akn),
        "markdown" => Some(ExportFormat::Md),
        other => ExportFormat::parse(other),
    }
    .ok_or_else(|| {
        Error::Invalid(format!(
            "cannot tell the format from {}: give --format docx, pdf, html, txt, md or akn",
            output.display()
        ))
    })
}

fn render_document(document: &Document) -> String {
    let mut out = vec![document.negotiation.title.to_uppercase()];
    if let Some(line) = document.negotiation.status_line() {
        out.push(line);
    }
    out.push(format!("Round {}: {}", document.round.number, document.round.label));
    out.push(String::new());
    for p in &document.paragraphs {
        let indent = "    ".repeat(usize::from(p.depth));
        let number = p.number.as_deref().map(|n| format!("{n}. ")).unwrap_or_default();
        let number = if p.depth > 0 {
            p.number.clone().map(|n| format!("{n} ")).unwrap_or_default()
        } else {
            number
        };
        out.push(format!(
            "{:<10} {:<13} {indent}{number}{}",
            p.paragraph.label,
            format!("[{}]", p.paragraph.status.kind().as_str()),
            p.paragraph.text
        ));
    }
    out.join("\n")
}
