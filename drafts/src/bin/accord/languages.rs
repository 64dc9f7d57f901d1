//! The language commands: keep a version beside the original, bring a translation in from a
//! file (previewed with --dry-run), type or review one paragraph's translation, read where each
//! version stands, or two languages side by side.

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};

use drafts::import;
use drafts::store::TranslationCorrection;
use drafts::{Error, Result, Store};

use super::{ok, print, render};

/// A language a negotiation can be kept in.
#[derive(Clone, Copy, ValueEnum)]
pub enum Lang {
    En,
    Es,
    Fr,
    Pt,
    Ar,
    Zh,
    Ru,
}

impl Lang {
    /// Its ISO 639-1 code, as the core names it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Pt => "pt",
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::Ru => "ru",
        }
    }
}

#[derive(Subcommand)]
pub enum LanguageCommand {
    /// Keep a language version beside the original.
    Add {
        file: PathBuf,
        #[arg(long, value_enum)]
        lang: Lang,
    },
    /// Bring a translation in from a file (any format `accord import` reads), aligned to the
    /// open round paragraph by paragraph; --dry-run shows the alignment without writing.
    Import {
        file: PathBuf,
        source: PathBuf,
        #[arg(long, value_enum)]
        lang: Lang,
        #[arg(long)]
        dry_run: bool,
        /// Correct the alignment: OP7=12 (the file's 12th paragraph translates OP7), OP7=12+13
        /// (its 12th and 13th read as one) or OP7=none; repeatable.
        #[arg(long = "match")]
        matches: Vec<String>,
    },
    /// Type a paragraph's translation, made from the original as it reads now.
    Set {
        file: PathBuf,
        paragraph: String,
        #[arg(long, value_enum)]
        lang: Lang,
        text: String,
    },
    /// Record that the style review of a paragraph's translation is done.
    Review {
        file: PathBuf,
        paragraph: String,
        #[arg(long, value_enum)]
        lang: Lang,
    },
    /// Where each language version stands: current, stale, missing, reviewed, with the paragraphs.
    Status {
        file: PathBuf,
        #[arg(long)]
        round: Option<u32>,
    },
    /// Two languages of a round side by side, with each paragraph's state.
    SideBySide {
        file: PathBuf,
        #[arg(long, value_enum)]
        left: Lang,
        #[arg(long, value_enum)]
        right: Lang,
        #[arg(long)]
        round: Option<u32>,
    },
}

/// Runs a language command.
pub fn run(command: LanguageCommand, json: bool) -> Result<()> {
    match command {
        LanguageCommand::Add { file, lang } => {
            let language = Store::open(&file)?.add_language(lang.code())?;
            ok(json, format!("keeping a {} version", language.name));
        }
        LanguageCommand::Import { file, source, lang, dry_run, matches } => {
            import_translation(&file, &source, lang, dry_run, &matches, json)?
        }
        LanguageCommand::Set { file, paragraph, lang, text } => {
            let mut store = Store::open(&file)?;
            store.set_translation(store.find_paragraph(&paragraph)?, lang.code(), &text)?;
            ok(json, format!("set the {} translation of {paragraph}", lang.code()));
        }
        LanguageCommand::Review { file, paragraph, lang } => {
            let mut store = Store::open(&file)?;
            store.review_translation(store.find_paragraph(&paragraph)?, lang.code())?;
            ok(json, format!("reviewed the {} translation of {paragraph}", lang.code()));
        }
        LanguageCommand::Status { file, round } => {
            let statuses = Store::open_read_only(&file)?.language_statuses(round)?;
            print(json, &statuses, |s| render::language_statuses(s));
        }
        LanguageCommand::SideBySide { file, left, right, round } => {
            let store = Store::open_read_only(&file)?;
            let reading = store.side_by_side(left.code(), right.code(), round)?;
            print(json, &reading, render::side_by_side);
        }
    }
    Ok(())
}

/// Aligns a translation file to the open round: shows the plan (dry run) or writes it.
fn import_translation(
    file: &Path,
    source: &Path,
    lang: Lang,
    dry_run: bool,
    matches: &[String],
    json: bool,
) -> Result<()> {
    let draft = import::import_file(source)?;
    let mut store = Store::open(file)?;
    let corrections = matches
        .iter()
        .map(|m| correction(&store, m, draft.paragraphs.len()))
        .collect::<Result<Vec<_>>>()?;
    let plan = if dry_run {
        store.plan_translation(lang.code(), &draft, &corrections)?
    } else {
        store.import_translation(lang.code(), &draft, &corrections)?
    };
    print(json, &plan, |p| render::translation_plan(p, dry_run));
    Ok(())
}

/// A `--match OP7=12`, `OP7=12+13` or `OP7=none` correction (the file's paragraphs from 1).
fn correction(store: &Store, spec: &str, paragraphs: usize) -> Result<TranslationCorrection> {
    let invalid = || {
        Error::Invalid(format!(
            "--match takes a paragraph of the original and the file's paragraph that translates \
             it (from 1 to {paragraphs}), as OP7=12, OP7=12+13 or OP7=none; got \"{spec}\""
        ))
    };
    let (label, found) = spec.split_once('=').ok_or_else(invalid)?;
    let id = store.find_paragraph(label.trim())?;
    if found.trim() == "none" {
        return Ok(TranslationCorrection { id, translation: Vec::new() });
    }
    let translation = found
        .split('+')
        .map(|n| match n.trim().parse::<usize>() {
            Ok(n) if (1..=paragraphs).contains(&n) => Ok(n - 1),
            _ => Err(invalid()),
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(TranslationCorrection { id, translation })
}
