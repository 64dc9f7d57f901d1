//! `accord`: the command line over the drafts core, for scripting, tests and power users.
//! Every command takes `--json` for machine-readable output; errors go to stderr with exit code 1.

use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use drafts::generate::{self, Shape};
use drafts::import::ImportFormat;
use drafts::model::{HouseStyle, NegotiationMeta, ParagraphKind};
use drafts::{Error, Store};

mod export;
mod import;
mod languages;
mod paragraphs;
mod proposals;
mod render;
mod rounds;
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
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(ImportFormat::ALL.map(ImportFormat::as_str)))]
        format: Option<String>,
        #[command(flatten)]
        hints: import::HintArgs,
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
        /// The text in this language version (the original by default).
        #[arg(long, value_enum)]
        lang: Option<languages::Lang>,
    },
    #[command(flatten)]
    Paragraphs(paragraphs::ParagraphCommand),
    #[command(flatten)]
    Rounds(rounds::RoundCommand),
    /// Export the clean text, the working text, a comparison, the status report, the compilation
    /// or the concordance of the language versions.
    Export(ExportArgs),
    /// Language versions: add one, import or type a translation, review it, see where each stands.
    Language {
        #[command(subcommand)]
        command: languages::LanguageCommand,
    },
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
    /// Export this language version's text (clean, annotated or comparison).
    #[arg(long, value_enum)]
    lang: Option<languages::Lang>,
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
    /// Every language version side by side, one column per language.
    Concordance,
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
        Command::Import { input, output, into, dry_run, format, matches, hints } => {
            let target = import::Target { output, into, dry_run, matches };
            import::run(&input, format.as_deref(), &hints.into(), target, json)?;
        }
        Command::Sample { file } => created(json, &file, &drafts::sample::create(&file)?)?,
        Command::Generate { file, paragraphs, rounds, seed } => {
            generate_file(&file, Shape { paragraphs, rounds, seed, ..Shape::LARGE }, json)?
        }
        Command::Show { file, round, lang } => {
            let store = Store::open_read_only(&file)?;
            let document = match lang {
                Some(lang) => store.language_document(lang.code(), round)?,
                None => store.document(round)?,
            };
            print(json, &document, render::document);
        }
        Command::Paragraphs(command) => paragraphs::run(command, json)?,
        Command::Rounds(command) => rounds::run(command, json)?,
        Command::Proposals(command) => proposals::run(command, json)?,
        Command::Session(args) => session::run(args, json)?,
        Command::Revoke(args) => session::revoke(args, json)?,
        Command::Export(args) => export::run(args, json)?,
        Command::Language { command } => languages::run(command, json)?,
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
