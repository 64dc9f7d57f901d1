//! The export command: the export kind and format from the arguments, then the core's export.

use std::path::Path;

use drafts::export::{self, ExportFormat, ExportKind, ExportOptions};
use drafts::{Error, Result, Store};

use super::{print, ExportArgs, FormatArg, KindArg};

/// The export kind the arguments name; a comparison needs its two rounds, and only it takes them.
fn kind(
    kind: KindArg,
    from: Option<u32>,
    to: Option<u32>,
    delegation: Option<String>,
) -> Result<ExportKind> {
    Ok(match (kind, from, to) {
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
        (KindArg::Concordance, ..) => ExportKind::Concordance,
        (KindArg::WithProposals, ..) => ExportKind::WithProposals {
            delegation: delegation.ok_or_else(|| {
                Error::Invalid("--kind with-proposals needs --delegation NAME".into())
            })?,
        },
    })
}

/// Writes the export the arguments ask for.
pub fn run(args: ExportArgs, json: bool) -> Result<()> {
    let kind = kind(args.kind, args.from, args.to, args.delegation)?;
    let options = ExportOptions {
        round: args.round,
        formal_annotations: args.formal,
        final_text: args.final_text,
        draft_mark: args.draft,
        private_notes: args.with_notes,
        language: args.lang.map(|l| l.code().to_string()),
    };
    write(&args.file, args.format, &kind, &options, &args.output, json)
}

/// Writes the export to `output`, in `format` or the one its extension names.
fn write(
    file: &Path,
    format: Option<FormatArg>,
    kind: &ExportKind,
    options: &ExportOptions,
    output: &Path,
    json: bool,
) -> Result<()> {
    // Writable when no other window holds the file, so that the export is logged.
    let mut store = Store::open(file).or_else(|_| Store::open_read_only(file))?;
    let format = match format {
        Some(f) => export_format(f),
        None => format_of(output)?,
    };
    export::export_to_file(&mut store, kind, format, options, output)?;
    let bytes = std::fs::metadata(output)?.len();
    let report = serde_json::json!({
        "file": output,
        "format": format,
        "kind": kind,
        "bytes": bytes,
    });
    print(json, &report, |_| format!("wrote {} ({bytes} bytes)", output.display()));
    Ok(())
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
fn format_of(output: &Path) -> Result<ExportFormat> {
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
