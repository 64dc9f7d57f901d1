//! # export — what leaves Accord
//!
//! Four kinds of document, each in several formats:
//!
//! - **clean text** — the text of a round as the plenary receives it: masthead (body, session,
//!   symbol, date, original language), centred title, opening clause, preambular paragraphs with
//!   their participle in capitals (OAS) or italics (UN), the verb line, numbered operative
//!   paragraphs with hanging indents, sub-paragraphs, section headings. No badges, attributions
//!   or notes; with [`ExportOptions::formal_annotations`] the annotations official texts do carry
//!   ("(ad referendum of the delegation of …)", footnoted reservations).
//! - **annotated working text** — the chair's document: every paragraph with its working label,
//!   status, ad referendum delegations and deadline, brackets highlighted, proposers and notes.
//! - **comparison** of two rounds — real Word tracked changes in `.docx` (the later round's label
//!   as author, its date as date), underline and strike-through elsewhere.
//! - **status report** — the chair's sentence and tables of what is pending, for whom, until when.
//! - **compilation of proposals** — each paragraph with the delegations' proposals under it, their
//!   insertions and deletions as Word tracked changes authored by the delegation.
//!
//! The pipeline: [`export`] reads the store once into a [`Context`]; `sheet` lays a text out in a
//! format-neutral form (blocks of styled segments), `report` does the same for the status
//! report; one module per format renders them: `docx`, `html`, `text`, `markdown`; `akn` writes
//! Akoma Ntoso straight from the round's document; `pdf` converts the `.docx` with LibreOffice.
//!
//! **Architecture Invariant:** renderers never read the store and never decide what appears:
//! which paragraphs, numbers, annotations and changes a document shows is decided once, in
//! `sheet`/`report`, so a `.docx`, its PDF, the HTML and the plain text say the same thing.
//! **Architecture Invariant:** paragraph text is untrusted: every renderer escapes it for its
//! format (XML, HTML, Markdown).

mod akn;
mod compilation;
mod concordance;
mod docx;
mod html;
mod markdown;
mod ooxml;
mod pdf;
mod report;
mod sheet;
mod text;

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use std::collections::BTreeMap;

use chrono::Utc;

use crate::model::{Delegation, Document, NumberedParagraph, ParagraphId, Round, StatusKind};
use crate::store::BracketRecord;
use crate::summary::{self, StatusSummary};
use crate::{brackets, Error, Result, Store};

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportFormat {
    /// Word (Office Open XML), with real footnotes and tracked changes.
    Docx,
    /// PDF, made from the `.docx` by LibreOffice.
    Pdf,
    /// One self-contained HTML page with print styles.
    Html,
    /// Plain text, 78 columns.
    Txt,
    /// Markdown (CommonMark with GitHub's strike-through).
    Md,
    /// Akoma Ntoso 3.0 XML, UN profile (AKN4UN).
    Akn,
}

impl ExportFormat {
    /// All formats, in the order a dialog offers them.
    pub const ALL: [ExportFormat; 6] =
        [Self::Docx, Self::Pdf, Self::Html, Self::Txt, Self::Md, Self::Akn];

    /// The name used by the CLI and in files: "docx", "akn"…
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Docx => "docx",
            Self::Pdf => "pdf",
            Self::Html => "html",
            Self::Txt => "txt",
            Self::Md => "md",
            Self::Akn => "akn",
        }
    }

    /// Parses the name given by [`ExportFormat::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Akn => "xml",
            other => other.as_str(),
        }
    }

    /// The media type, for a save dialog's filter or a download.
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Pdf => "application/pdf",
            Self::Html => "text/html",
            Self::Txt => "text/plain",
            Self::Md => "text/markdown",
            Self::Akn => "application/akn+xml",
        }
    }
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ExportKind {
    /// The text of a round as the plenary receives it.
    Clean,
    /// The chair's working text: statuses, labels, brackets, proposers, notes.
    Annotated,
    /// The changes from round `from` to the later round `to`.
    Compare { from: u32, to: u32 },
    /// What is pending, for whom and until when, with the chair's sentence.
    StatusReport,
    /// The delegations' proposals on the open round, paragraph by paragraph.
    Compilation,
    /// The whole open round's text with one delegation's open proposals in it, as Word tracked
    /// changes authored by the delegation, and the statuses as notes: what a delegate sends its
    /// capital.
    WithProposals { delegation: String },
    /// Every language version of a round side by side, one column per language, with each
    /// translation's state: what the style review works from.
    Concordance,
}

impl ExportKind {
    /// A short name for file names and messages: "clean", "annotated", "compare", "status".
    pub fn name(&self) -> &'static str {
        match self {
            Self::Clean => "clean",
            Self::Annotated => "annotated",
            Self::Compare { .. } => "compare",
            Self::StatusReport => "status",
            Self::Compilation => "compilation",
            Self::WithProposals { .. } => "with our proposals",
            Self::Concordance => "concordance",
        }
    }
}

/// How to export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportOptions {
    /// The round to export; the open round when none. A comparison uses its own rounds.
    pub round: Option<u32>,
    /// Keep the annotations official texts carry: "(ad referendum of the delegation of …)" after
    /// a paragraph and under the title, and reservations as footnotes.
    pub formal_annotations: bool,
    /// Export as the final text: refused, naming the paragraphs, while any paragraph is not
    /// agreed (bracketed, pending, proposed) or still holds a bracket. Ad referendum is agreed.
    pub final_text: bool,
    /// Export explicitly as a draft: every page is marked "DRAFT".
    pub draft_mark: bool,
    /// Print the private notes kept at this desk (the chair's; in a delegation's copy, the
    /// delegation's own). Off unless asked for: an export leaves the desk.
    pub private_notes: bool,
    /// The language version to export (a code, "es"): its clean, annotated or comparison text,
    /// its house style, "Original: …" in the title block. The original when none.
    #[serde(default)]
    pub language: Option<String>,
}

/// Exports a negotiation: the bytes of the file.
///
/// Fails with `export_refused` (naming the paragraphs) for a final text that is not agreed,
/// `tool_missing` for a PDF without LibreOffice, `invalid` for a comparison of rounds out of
/// order, both final and draft, or an Akoma Ntoso comparison or status report, and
/// `unknown_round` for a round the negotiation does not have.
pub fn export(
    store: &Store,
    kind: &ExportKind,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>> {
    if options.final_text && options.draft_mark {
        return Err(Error::Invalid(
            "an export is either the final text or a draft, not both".into(),
        ));
    }
    if format == ExportFormat::Akn
        && matches!(
            kind,
            ExportKind::Compare { .. }
                | ExportKind::StatusReport
                | ExportKind::Compilation
                | ExportKind::WithProposals { .. }
                | ExportKind::Concordance
        )
    {
        return Err(Error::Invalid(
            "Akoma Ntoso carries the text of one round: export the clean or annotated text as \
             Akoma Ntoso, or this document as .docx, PDF, HTML, text or Markdown"
                .into(),
        ));
    }
    if options.language.is_some()
        && !matches!(kind, ExportKind::Clean | ExportKind::Annotated | ExportKind::Compare { .. })
    {
        return Err(Error::Invalid(
            "a language version exports its clean, annotated or comparison text; the status \
             report, the compilation and the concordance are the original's"
                .into(),
        ));
    }
    let context = Context::load(store, kind, options)?;
    if options.final_text {
        refuse_unless_final(&context.document)?;
    }
    match format {
        ExportFormat::Akn => Ok(akn::write(&context).into_bytes()),
        ExportFormat::Pdf => {
            // The PDF is the printed .docx: LibreOffice lays it out as Word would.
            let docx =
                rendering(store, kind, &context, |r| render_docx(r, docx::Target::Print, kind))?;
            pdf::convert(&docx)
        }
        format => rendering(store, kind, &context, |r| render(format, r, kind)),
    }
}

/// Lays the document out and hands it to a renderer.
fn rendering(
    store: &Store,
    kind: &ExportKind,
    context: &Context,
    render: impl FnOnce(Rendering<'_>) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    match kind {
        ExportKind::StatusReport => render(Rendering::Report(&report::build(context))),
        ExportKind::Compare { from, to } => {
            let (mut old, diff) = match &context.options.language {
                Some(code) => {
                    let old = store.language_document(code, Some(*from))?;
                    let new = &context.document.paragraphs;
                    let diff = crate::diff::diff_rounds(*from, &old.paragraphs, *to, new);
                    (old, diff)
                }
                None => (store.document(Some(*from))?, store.diff(*from, *to)?),
            };
            if !context.options.private_notes {
                withhold_notes(&mut old.paragraphs);
            }
            render(Rendering::Sheet(&sheet::compare(context, &old, &diff)))
        }
        ExportKind::Clean => render(Rendering::Sheet(&sheet::clean(context))),
        ExportKind::Concordance => {
            let versions = store.language_versions()?;
            let mut columns = vec![(store.original_language()?, context.document.clone())];
            for language in versions {
                let number = Some(context.document.round.number);
                columns.push((language, store.language_document(language.code, number)?));
            }
            let statuses = store.language_statuses(Some(context.document.round.number))?;
            render(Rendering::Report(&concordance::build(context, &columns, &statuses)))
        }
        ExportKind::Annotated => render(Rendering::Sheet(&sheet::annotated(context))),
        ExportKind::Compilation => {
            let mut proposals = store.compilation()?;
            if !context.options.private_notes {
                for entry in &mut proposals.entries {
                    withhold_notes(entry.paragraph.iter_mut());
                }
            }
            render(Rendering::Sheet(&compilation::sheet(context, &proposals)))
        }
        ExportKind::WithProposals { delegation } => {
            store.require_delegation(delegation)?;
            let proposals = store.compilation()?;
            render(Rendering::Sheet(&compilation::with_proposals(context, &proposals, delegation)))
        }
    }
}

/// Exports a negotiation into a file, atomically: the file is written next to its destination
/// and renamed over it, so a failed export never leaves half a file (nor destroys the old one).
/// The export is noted in the chair's log (see [`Store::note_export`]).
pub fn export_to_file(
    store: &mut Store,
    kind: &ExportKind,
    format: ExportFormat,
    options: &ExportOptions,
    path: &Path,
) -> Result<()> {
    let bytes = export(store, kind, format, options)?;
    write_atomically(path, &bytes)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    store.note_export(&name)
}

/// A file name a save dialog can propose: "AG-doc.5200-11 rev.2 clean.docx" (the round by the
/// chair's label for it).
pub fn suggested_file_name(
    store: &Store,
    kind: &ExportKind,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<String> {
    let negotiation = store.negotiation()?;
    let stem = if negotiation.symbol.trim().is_empty() {
        negotiation.title.clone()
    } else {
        negotiation.symbol.clone()
    };
    let stem = crate::file_name::safe_stem(&stem, "negotiation");
    let round = match (kind, options.round) {
        (ExportKind::Compare { from, to }, _) => format!("rounds {from}-{to}"),
        (_, Some(n)) => sheet::printed_round(&store.round(n)?),
        (_, None) => sheet::printed_round(&store.current_round()?),
    };
    let round = crate::file_name::safe_stem(&round, "round");
    Ok(format!("{stem} {round} {}.{}", kind.name(), format.extension()))
}

/// Everything an export reads from the store, read once.
pub(crate) struct Context {
    /// The round's text (the later round of a comparison).
    pub document: Document,
    /// Every round up to the exported one, oldest first.
    pub rounds: Vec<Round>,
    /// The bracket log as it stood at the exported round: brackets placed by then.
    pub brackets: Vec<BracketRecord>,
    /// What is pending at the exported round, and the chair's sentence.
    pub summary: StatusSummary,
    /// The roster of delegations.
    pub roster: Vec<Delegation>,
    pub options: ExportOptions,
}

/// Blanks the private notes of paragraphs that leave the desk.
fn withhold_notes<'a>(paragraphs: impl IntoIterator<Item = &'a mut NumberedParagraph>) {
    for p in paragraphs {
        p.paragraph.notes.clear();
    }
}

impl Context {
    fn load(store: &Store, kind: &ExportKind, options: &ExportOptions) -> Result<Context> {
        let round = match kind {
            ExportKind::Compare { from, to } => {
                if from >= to {
                    return Err(Error::Invalid(format!(
                        "compare an earlier round with a later one (got round {from} with round \
                         {to})"
                    )));
                }
                Some(*to)
            }
            ExportKind::Compilation | ExportKind::WithProposals { .. } => None,
            _ => options.round,
        };
        let mut document = match &options.language {
            Some(code) => store.language_document(code, round)?,
            None => store.document(round)?,
        };
        if matches!(kind, ExportKind::Clean) {
            document = document.with_clean_numbers();
        }
        if !options.private_notes {
            withhold_notes(&mut document.paragraphs);
        }
        let number = document.round.number;
        let rounds: Vec<Round> =
            store.rounds()?.into_iter().filter(|r| r.number <= number).collect();
        let brackets: Vec<BracketRecord> = store
            .bracket_log()?
            .into_iter()
            .filter(|b| b.placed_round <= number)
            .map(|mut b| {
                if b.lifted_round.is_some_and(|lifted| lifted > number) {
                    b.lifted_round = None;
                    b.outcome = None;
                }
                b
            })
            .collect();
        let roster = store.delegations()?;
        // What was pending then: brackets open at that round, not now.
        let mut holders: BTreeMap<ParagraphId, Vec<String>> = BTreeMap::new();
        for record in brackets.iter().filter(|b: &&BracketRecord| b.lifted_round.is_none()) {
            let entry = holders.entry(record.paragraph).or_default();
            for h in &record.holders {
                if !entry.contains(h) {
                    entry.push(h.clone());
                }
            }
        }
        let names: Vec<String> = roster.iter().map(|d| d.name.clone()).collect();
        let summary = summary::summarize(&document, &holders, &names, Utc::now());
        Ok(Context { summary, document, rounds, brackets, roster, options: options.clone() })
    }
}

/// Refuses a final export while any live paragraph is not agreed or holds a bracket.
fn refuse_unless_final(document: &Document) -> Result<()> {
    let paragraphs: Vec<String> = document
        .paragraphs
        .iter()
        .map(|p| &p.paragraph)
        .filter(|p| {
            let open = matches!(
                p.status.kind(),
                StatusKind::Bracketed | StatusKind::Pending | StatusKind::Proposed
            );
            p.status.kind() != StatusKind::Deleted && (open || brackets::has_brackets(&p.text))
        })
        .map(|p| p.label.clone())
        .collect();
    if paragraphs.is_empty() {
        Ok(())
    } else {
        Err(Error::ExportRefused { paragraphs })
    }
}

/// A laid-out document, ready for a renderer.
enum Rendering<'a> {
    Sheet(&'a sheet::Sheet),
    Report(&'a report::Report),
}

/// The custom document property naming the kind of export a Word file is ("clean",
/// "compilation"…); Word keeps it through editing, so Accord knows its own exports again.
pub const WORD_EXPORT_PROPERTY: &str = "AccordExport";

/// A Word document, marked with the kind of export it is ([`WORD_EXPORT_PROPERTY`]) so that Accord
/// recognizes its own exports when one is brought back as a delegation's proposals.
fn render_docx(
    rendering: Rendering<'_>,
    target: docx::Target,
    kind: &ExportKind,
) -> Result<Vec<u8>> {
    match rendering {
        Rendering::Sheet(s) => docx::sheet(s, target, kind.name()),
        Rendering::Report(r) => docx::report(r, kind.name()),
    }
}

fn render(format: ExportFormat, rendering: Rendering<'_>, kind: &ExportKind) -> Result<Vec<u8>> {
    Ok(match (format, rendering) {
        (ExportFormat::Docx, rendering) => render_docx(rendering, docx::Target::Word, kind)?,
        (ExportFormat::Html, Rendering::Sheet(s)) => html::sheet(s).into_bytes(),
        (ExportFormat::Html, Rendering::Report(r)) => html::report(r).into_bytes(),
        (ExportFormat::Txt, Rendering::Sheet(s)) => text::sheet(s).into_bytes(),
        (ExportFormat::Txt, Rendering::Report(r)) => text::report(r).into_bytes(),
        (ExportFormat::Md, Rendering::Sheet(s)) => markdown::sheet(s).into_bytes(),
        (ExportFormat::Md, Rendering::Report(r)) => markdown::report(r).into_bytes(),
        (ExportFormat::Pdf | ExportFormat::Akn, _) => {
            unreachable!("PDF and Akoma Ntoso are produced before rendering")
        }
    })
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(Error::Invalid(format!("{} is a folder: choose a file name", path.display())));
    }
    let mut file = tempfile::Builder::new().prefix(".accord-export-").tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Exports are meant to be shared: not the temporary file's private 0600.
        let mode = std::fs::metadata(path).map(|m| m.permissions().mode()).unwrap_or(0o644);
        file.as_file().set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    file.persist(path).map_err(|e| Error::Io(e.error))?;
    Ok(())
}

/// The language code of a working language's English name: "English" → "en".
/// The language code an export is written in: the version exported, else the original's.
pub(crate) fn export_language(context: &Context) -> &'static str {
    match context.options.language.as_deref().and_then(crate::languages::language) {
        Some(version) => version.code,
        None => language_code(&context.document.negotiation.language),
    }
}

pub(crate) fn language_code(language: &str) -> &'static str {
    match language.trim().to_lowercase().as_str() {
        "spanish" | "español" | "espanol" => "es",
        "french" | "français" | "francais" => "fr",
        "portuguese" | "português" | "portugues" => "pt",
        _ => "en",
    }
}

#[cfg(test)]
mod language_tests;
#[cfg(test)]
mod tests;
