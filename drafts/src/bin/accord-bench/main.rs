//! `accord-bench`: every everyday operation of Accord on two histories (made through the API, and
//! imported round by round as text revisions) at several sizes, against git on the same texts.
//! Prints the curve table, asserts the budgets (stated at 1,000 paragraphs × 100 rounds) and
//! prints the regressions against the table committed in BENCHMARKS.md. Run it through
//! `bash .ci/bench` (release build); `--write` puts the new table into BENCHMARKS.md.

mod histories;
mod measure;
mod operations;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use histories::{Made, Size};
use measure::WorkDir;
use operations::OPERATIONS;
use report::Results;

#[derive(Parser)]
struct Args {
    /// Paragraphs × closed rounds, comma-separated.
    #[arg(long, default_value = "1000x100,5000x100,1000x500", value_delimiter = ',', value_parser = size)]
    sizes: Vec<Size>,
    /// The committed figures to compare with, and to rewrite with `--write`.
    #[arg(long, default_value = "BENCHMARKS.md")]
    baseline: PathBuf,
    /// Replace the baseline's table with this run's.
    #[arg(long)]
    write: bool,
    /// Make the histories in this folder and leave them there, to look into them afterwards.
    #[arg(long)]
    keep: Option<PathBuf>,
}

fn size(text: &str) -> Result<Size, String> {
    Size::parse(text).ok_or_else(|| format!("{text}: give paragraphs x rounds, as 1000x100"))
}

/// Every operation on both histories at `size`: `[history][operation]`.
fn measure_size(work: &WorkDir, size: Size) -> Vec<Vec<operations::Figure>> {
    [Made::Generated, Made::Imported]
        .into_iter()
        .map(|made| {
            let dir =
                work.path().join(format!("{}-{}x{}", made.name(), size.paragraphs, size.rounds));
            let history = histories::make(&dir, made, size);
            eprintln!("  made in {:.1} s; measuring…", history.setup_seconds);
            let figures = OPERATIONS.iter().map(|op| op.measure(&history, &dir)).collect();
            work.done_with(&dir);
            figures
        })
        .collect()
}

fn main() -> ExitCode {
    let args = Args::parse();
    let work = WorkDir::new(args.keep.clone());
    let figures = args.sizes.iter().map(|size| measure_size(&work, *size)).collect();
    let results =
        Results { sizes: args.sizes, histories: vec![Made::Generated, Made::Imported], figures };
    let table = report::table(&results);
    println!("{table}\n");
    let baseline = std::fs::read_to_string(&args.baseline).unwrap_or_default();
    let regressions = report::regressions(&results, &baseline);
    for line in &regressions {
        println!("regression: {line}");
    }
    let missed = results.missed();
    for line in &missed {
        println!("budget missed: {line}");
    }
    if args.write {
        std::fs::write(&args.baseline, report::with_table(&baseline, &table))
            .expect("write baseline");
    }
    println!("{} budgets missed, {} regressions", missed.len(), regressions.len());
    if missed.is_empty() && regressions.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
