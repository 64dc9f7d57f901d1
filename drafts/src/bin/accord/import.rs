//! The import command: a draft into a new negotiation, or a revision into the open round, each
//! previewed with --dry-run.

use std::path::{Path, PathBuf};

use drafts::import::{self, Confidence, ImportFormat, ImportHints, ImportedDraft};
use drafts::store::{RevisionCorrection, RevisionPlan};
use drafts::{Error, Result, Store};

use super::print;

/// Where an imported draft goes.
pub struct Target {
    pub output: Option<PathBuf>,
    pub into: Option<PathBuf>,
    pub dry_run: bool,
    /// "N=OP7" (paragraph N of the revision is OP7) or "N=new".
    pub matches: Vec<String>,
}

/// The chair's hints for re-reading a draft the importer read wrong (paragraphs counted from
/// 1, as --dry-run numbers them).
#[derive(clap::Args)]
#[command(next_help_heading = "Hints for re-reading the draft")]
pub struct HintArgs {
    /// A decision with no verb line (a COP or UN decision): its numbered paragraphs are
    /// operative.
    #[arg(long = "hint-decision")]
    decision: bool,
    /// The draft starts at paragraph N: those before it are left out as a covering report.
    #[arg(long = "hint-draft-from", value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    draft_from: Option<u32>,
    /// The operative part starts at paragraph N.
    #[arg(long = "hint-operative-from", value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    operative_from: Option<u32>,
    /// The title is these source lines (as 1,2), whether read as paragraphs or skipped.
    #[arg(long = "hint-title-lines", value_name = "LINES", value_delimiter = ',')]
    title_lines: Vec<usize>,
    /// Not a draft: import every paragraph as a plain paragraph, in order.
    #[arg(long = "hint-plain")]
    plain: bool,
}

impl From<HintArgs> for ImportHints {
    fn from(args: HintArgs) -> Self {
        let from_one = |n: u32| usize::try_from(n).unwrap_or(usize::MAX).saturating_sub(1);
        ImportHints {
            decision: args.decision,
            preamble_from: args.draft_from.map(from_one),
            title_lines: args.title_lines,
            operative_from: args.operative_from.map(from_one),
            plain: args.plain,
        }
    }
}

/// Reads `input`, re-reads it with the chair's `hints`, and creates, revises or previews as
/// `target` says.
pub fn run(
    input: &Path,
    format: Option<&str>,
    hints: &ImportHints,
    target: Target,
    json: bool,
) -> Result<()> {
    let draft = match format.and_then(ImportFormat::parse) {
        Some(format) => import::import_file_as(input, format)?,
        None => import::import_file(input)?,
    }
    .with_hints(hints);
    match (target.output, target.into) {
        (_, Some(file)) => revise(&file, &draft, &target.matches, target.dry_run, json),
        (Some(file), _) if !target.dry_run => create(&file, &draft, json),
        _ => {
            preview(&draft, json);
            Ok(())
        }
    }
}

fn create(file: &Path, draft: &ImportedDraft, json: bool) -> Result<()> {
    let store = Store::create_from_import(file, draft)?;
    let paragraphs = store.document(None)?.paragraphs.len();
    let summary = serde_json::json!({
        "file": file,
        "paragraphs": paragraphs,
        "skipped": draft.skipped.len(),
        "warnings": draft.warnings,
    });
    print(json, &summary, |_| {
        let created = format!(
            "created {} with {paragraphs} paragraphs ({} lines skipped)",
            file.display(),
            draft.skipped.len()
        );
        let warnings = draft.warnings.iter().map(|w| format!("\nwarning: {}", w.message));
        std::iter::once(created).chain(warnings).collect()
    });
    Ok(())
}

/// The draft as read, each paragraph numbered from 1 with its kind, status, text, and below it
/// the importer's reason and confidence; then how many paragraphs it is unsure of.
fn preview(draft: &ImportedDraft, json: bool) {
    print(json, draft, |d| {
        let warnings = d.warnings.iter().map(|w| format!("warning: {}", w.message));
        let paragraphs = d.paragraphs.iter().enumerate().map(|(i, p)| {
            let level = if p.parent.is_some() { "  " } else { "" };
            format!(
                "{:>4}  {level}{:<16} {:<14} {}\n      {level}({}: {})",
                i + 1,
                p.kind.as_str(),
                p.status.describe(),
                p.text,
                p.confidence.as_str(),
                p.reason
            )
        });
        let unsure = d.paragraphs.iter().filter(|p| p.confidence == Confidence::Unsure).count();
        let summary = format!("{unsure} paragraphs the importer is unsure of");
        warnings.chain(paragraphs).chain([summary]).collect::<Vec<_>>().join("\n")
    });
}

/// Matches the revision to the open round and shows the matching (dry run) or writes it.
fn revise(
    file: &Path,
    draft: &ImportedDraft,
    matches: &[String],
    dry_run: bool,
    json: bool,
) -> Result<()> {
    let mut store = Store::open(file)?;
    let corrections = matches
        .iter()
        .map(|m| correction(&store, m, draft.paragraphs.len()))
        .collect::<Result<Vec<_>>>()?;
    if dry_run {
        let plan = store.plan_revision(draft, &corrections)?;
        print(json, &plan, |p| plan_lines(p, draft));
        return Ok(());
    }
    let r = store.import_revision(draft, &corrections)?;
    print(json, &r, |r| {
        format!(
            "{}: {} kept, {} amended, {} moved, {} added, {} split, {} merged, {} deleted",
            file.display(),
            r.kept,
            r.amended,
            r.moved,
            r.added,
            r.split,
            r.merged,
            r.deleted
        )
    });
    Ok(())
}

/// A `--match N=OP7` or `--match N=new` correction.
fn correction(store: &Store, spec: &str, paragraphs: usize) -> Result<RevisionCorrection> {
    let invalid = || {
        Error::Invalid(format!(
            "--match takes the revision's paragraph number (from 1 to {paragraphs}) and the \
             paragraph it is, as 5=OP7, or 5=new; got \"{spec}\""
        ))
    };
    let (n, of) = spec.split_once('=').ok_or_else(invalid)?;
    let n: usize = n.trim().parse().map_err(|_| invalid())?;
    if n == 0 || n > paragraphs {
        return Err(invalid());
    }
    let of = match of.trim() {
        "new" => None,
        label => Some(store.find_paragraph(label)?),
    };
    Ok(RevisionCorrection { index: n - 1, of })
}

/// The plan as lines: the revision's paragraph number, what it is, the confidence and its start.
fn plan_lines(plan: &RevisionPlan, draft: &ImportedDraft) -> String {
    let mut lines: Vec<String> = plan
        .paragraphs
        .iter()
        .map(|p| {
            let text: String = draft.paragraphs[p.index].text.chars().take(50).collect();
            format!("{:>4}  {:<48} {:>3}%  {}", p.index + 1, p.description, p.confidence, text)
        })
        .collect();
    for gone in &plan.removed {
        lines.push(match &gone.merged_into {
            Some(into) => format!("   -  {} merged into {into}", gone.label),
            None => format!("   -  {} deleted", gone.label),
        });
    }
    let c = &plan.counts;
    lines.push(format!(
        "{} kept, {} amended, {} moved, {} added, {} split, {} merged, {} deleted",
        c.kept, c.amended, c.moved, c.added, c.split, c.merged, c.deleted
    ));
    lines.join("\n")
}
