//! What the importer reads in every real text of `tests/corpus/real`, checked against what a
//! secretariat officer reads there (the `expect` style of rust-analyzer's tests, with the truth
//! kept apart from the importer's misses).
//!
//! Each text `X` has `expect/X.expect`: one entry a line, keyed by where it stands in the
//! source — the title, symbol and warnings; each paragraph (`L12`: kind, level, number,
//! status, brackets, the start and end of its text); each footnote (`L12^1`); each skipped line
//! with its reason (`S3`). The entries are the truth, written by hand. Where the importer reads
//! otherwise, the entry is followed by `! got …` (what it reads), `! missing`, or an
//! `! extra …` entry of its own: the known misses. The test fails on any difference between
//! what the importer reads and the truth with its known misses, and shows the difference.
//!
//! A file opens with `# checked: by hand` once every entry has been read against the source;
//! a new text's file, written by `UPDATE_EXPECT=1` from what the importer reads, opens with
//! `# checked: not yet` until someone has done so, and is rewritten whole by `UPDATE_EXPECT=1`
//! (a snapshot: any change shows in review). For a checked file `UPDATE_EXPECT=1` rewrites the
//! `!` lines — never the truth. It also rewrites `RESULTS.md`, the accuracy table the corpus README points
//! to. Adding a text is adding it and its expectation.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use drafts::import::{self, ImportedDraft, ImportedParagraph, ImportedStatus};

use crate::real_texts::real_texts;

use crate::util::corpus;

/// The first line of an expectation written by the test, not yet read against the source.
const UNCHECKED: &str = "# checked: not yet";
/// The first line of an expectation read against the source, entry by entry.
const CHECKED: &str = "# checked: by hand";

/// Characters of a paragraph's start and end shown in an entry.
const HEAD: usize = 60;
const TAIL: usize = 24;

#[test]
fn every_real_text_reads_as_its_expectation_says() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = String::new();
    let mut rows = Vec::new();
    for path in real_texts() {
        let name = file_name(&path);
        let actual = render(import::import_file(&path));
        let expect_path = corpus("real/expect").join(format!("{name}.expect"));
        let Ok(written) = std::fs::read_to_string(&expect_path) else {
            if update {
                let text = format!("{UNCHECKED}\n{}", format_truth(&actual));
                std::fs::write(&expect_path, text).expect("write expectation");
                continue;
            }
            let _ = writeln!(failures, "{name}: no expectation (run with UPDATE_EXPECT=1)");
            continue;
        };
        let file = Expectation::parse(&written);
        let truth = if file.checked() || !update { &file.truth } else { &actual };
        rows.push(Score::of(&name, file.checked(), truth, &actual));
        let refreshed = if file.checked() {
            file.annotate(&actual)
        } else {
            format!("{UNCHECKED}\n{}", format_truth(&actual))
        };
        if update {
            std::fs::write(&expect_path, refreshed).expect("write expectation");
        } else if refreshed != written {
            let _ = writeln!(failures, "{name}:\n{}", diff(&written, &refreshed));
        }
    }
    check_results(&rows, update, &mut failures);
    assert!(failures.is_empty(), "run with UPDATE_EXPECT=1 to record:\n{failures}");
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// One line of an expectation: its key (where it stands) and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    key: String,
    line: String,
}

/// What the importer reads, as entries in document order.
fn render(result: Result<ImportedDraft, import::ImportError>) -> Vec<Entry> {
    let draft = match result {
        Ok(draft) => draft,
        Err(e) => return vec![entry("error", format!("error: {}", e.code()))],
    };
    let mut entries = vec![
        entry("title", format!("title: {}", draft.meta.title)),
        entry("symbol", format!("symbol: {}", draft.meta.symbol)),
    ];
    for warning in &draft.warnings {
        let code = serde_json::to_value(warning.code).unwrap_or_default();
        let code = code.as_str().unwrap_or("?").to_string();
        entries.push(entry(&format!("warning {code}"), format!("warning: {code}")));
    }
    let mut keyed: Vec<(usize, usize, Entry)> = Vec::new();
    let mut seen: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, paragraph) in draft.paragraphs.iter().enumerate() {
        let n = seen.entry(paragraph.line).or_insert(0);
        *n += 1;
        let key = match *n {
            1 => format!("L{}", paragraph.line),
            n => format!("L{}.{n}", paragraph.line),
        };
        keyed.push((paragraph.line, 1, entry(&key, paragraph_line(&key, &draft, i))));
        for (k, note) in paragraph.footnotes.iter().enumerate() {
            let note_key = format!("{key}^{}", k + 1);
            let line = format!("{note_key} {}", shorten(&note.text));
            keyed.push((paragraph.line, 1, entry(&note_key, line)));
        }
    }
    for skipped in &draft.skipped {
        let key = format!("S{}", skipped.line);
        let reason = serde_json::to_value(skipped.reason).unwrap_or_default();
        let line = format!("{key} {} | {}", reason.as_str().unwrap_or("?"), shorten(&skipped.text));
        keyed.push((skipped.line, 0, entry(&key, line)));
    }
    keyed.sort_by_key(|(line, order, _)| (*line, *order));
    entries.extend(keyed.into_iter().map(|(_, _, e)| e));
    entries
}

fn entry(key: &str, line: String) -> Entry {
    Entry { key: key.to_string(), line }
}

/// How many `[` open brackets in `text`: an editor's placeholder ("[date]") is none.
fn opening_brackets(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let opening = |from: usize, to: usize| chars[from..to].iter().filter(|&&c| c == '[').count();
    match drafts::brackets::parse(text) {
        Ok(groups) => groups.iter().map(|group| opening(group.start, group.end)).sum(),
        Err(_) => opening(0, chars.len()),
    }
}

/// "L14 operative 1 12 bracketed [2] | Decides … session;": kind, level, number, status,
/// opening brackets, text.
fn paragraph_line(key: &str, draft: &ImportedDraft, i: usize) -> String {
    let paragraph = &draft.paragraphs[i];
    let level = level(&draft.paragraphs, i);
    let number = paragraph.source_number.as_deref().unwrap_or("-");
    let brackets = opening_brackets(&paragraph.text);
    let brackets = if brackets == 0 { "-".to_string() } else { format!("[{brackets}]") };
    format!(
        "{key} {} {level} {number} {} {brackets} | {}",
        paragraph.kind.as_str(),
        status(&paragraph.status),
        shorten(&paragraph.text)
    )
}

/// How deep a paragraph is nested: 0 for a paragraph, 1 for its sub-paragraphs…
fn level(paragraphs: &[ImportedParagraph], i: usize) -> usize {
    let mut depth = 0;
    let mut at = paragraphs[i].parent;
    while let Some(parent) = at.filter(|_| depth < paragraphs.len()) {
        depth += 1;
        at = paragraphs[parent].parent;
    }
    depth
}

fn status(status: &ImportedStatus) -> String {
    match status {
        ImportedStatus::AdReferendum { delegations } => format!("adref({})", delegations.join(",")),
        other => other.describe(),
    }
}

/// The start and the end of a text: "Recalling its resolution … 26 October 2018,".
fn shorten(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= HEAD + TAIL + 5 {
        return text.to_string();
    }
    let head: String = chars[..HEAD].iter().collect();
    let tail: String = chars[chars.len() - TAIL..].iter().collect();
    format!("{head} … {tail}")
}

fn format_truth(entries: &[Entry]) -> String {
    entries.iter().map(|e| format!("{}\n", e.line)).collect()
}

// ---------------------------------------------------------------------------------------------
// Expectation files

/// An expectation file: its comment lines and the truth; its `!` lines are rewritten from
/// what the importer reads.
struct Expectation {
    comments: Vec<String>,
    truth: Vec<Entry>,
}

impl Expectation {
    fn parse(text: &str) -> Self {
        let mut comments = Vec::new();
        let mut truth: Vec<Entry> = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if line.starts_with('#') {
                comments.push(line.to_string());
            } else if !line.starts_with("! ") {
                truth.push(Entry { key: key_of(line), line: line.to_string() });
            }
        }
        Expectation { comments, truth }
    }

    /// Whether every entry has been read against the source.
    fn checked(&self) -> bool {
        self.comments.first().is_some_and(|c| c == CHECKED)
    }

    /// The file again, its `!` lines rewritten from what the importer reads.
    fn annotate(&self, actual: &[Entry]) -> String {
        let read: BTreeMap<&str, &str> =
            actual.iter().map(|e| (e.key.as_str(), e.line.as_str())).collect();
        let known: std::collections::BTreeSet<&str> =
            self.truth.iter().map(|e| e.key.as_str()).collect();
        let mut out: String = self.comments.iter().map(|c| format!("{c}\n")).collect();
        let mut extras = actual.iter().filter(|e| !known.contains(e.key.as_str())).peekable();
        for entry in &self.truth {
            while let Some(extra) = extras.next_if(|x| order(&x.key) < order(&entry.key)) {
                let _ = writeln!(out, "! extra {}", extra.line);
            }
            let _ = writeln!(out, "{}", entry.line);
            match read.get(entry.key.as_str()) {
                Some(line) if *line == entry.line => {}
                Some(line) => {
                    let _ = writeln!(out, "! got {line}");
                }
                None => out.push_str("! missing\n"),
            }
        }
        for extra in extras {
            let _ = writeln!(out, "! extra {}", extra.line);
        }
        out
    }
}

/// The key of an entry's line: "L14", "L14^1", "S3", "title", "warning not_a_draft".
fn key_of(line: &str) -> String {
    if let Some(rest) = line.strip_prefix("warning: ") {
        return format!("warning {rest}");
    }
    if let Some((head, _)) = line.split_once(": ") {
        if !head.contains(' ') {
            return head.to_string();
        }
    }
    line.split(' ').next().unwrap_or_default().to_string()
}

/// Where a key stands: header entries first, then by source line, skipped lines before the
/// paragraph starting on the same line.
fn order(key: &str) -> (usize, usize, String) {
    let number = |s: &str| {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        digits.parse::<usize>().unwrap_or(0)
    };
    match key.chars().next() {
        Some('S') => (1, number(&key[1..]), String::new()),
        Some('L') => (1, number(&key[1..]), key.to_string()),
        _ => (0, 0, String::new()),
    }
}

/// A line diff of two texts, changed lines only, with their line numbers.
fn diff(old: &str, new: &str) -> String {
    let mut out = String::new();
    for change in similar::TextDiff::from_lines(old, new).iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Equal => continue,
            similar::ChangeTag::Delete => '-',
            similar::ChangeTag::Insert => '+',
        };
        let _ = write!(out, "{sign} {change}");
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Accuracy

/// How well one text is read.
struct Score {
    name: String,
    checked: bool,
    paragraphs: usize,
    kind_level: usize,
    right: usize,
    extra: usize,
    footnotes: (usize, usize),
    skipped: (usize, usize),
}

impl Score {
    fn of(name: &str, checked: bool, truth: &[Entry], actual: &[Entry]) -> Self {
        let read: BTreeMap<&str, &str> =
            actual.iter().map(|e| (e.key.as_str(), e.line.as_str())).collect();
        let known: std::collections::BTreeSet<&str> =
            truth.iter().map(|e| e.key.as_str()).collect();
        let is_paragraph = |key: &str| key.starts_with('L') && !key.contains('^');
        let mut score = Score {
            name: name.to_string(),
            checked,
            paragraphs: 0,
            kind_level: 0,
            right: 0,
            extra: actual
                .iter()
                .filter(|e| is_paragraph(&e.key) && !known.contains(e.key.as_str()))
                .count(),
            footnotes: (0, 0),
            skipped: (0, 0),
        };
        for entry in truth {
            let got = read.get(entry.key.as_str()).copied();
            let same = got == Some(entry.line.as_str());
            if is_paragraph(&entry.key) {
                score.paragraphs += 1;
                score.right += usize::from(same);
                score.kind_level += usize::from(
                    got.is_some_and(|g| kind_and_level(g) == kind_and_level(&entry.line)),
                );
            } else if entry.key.starts_with('L') {
                score.footnotes.0 += 1;
                score.footnotes.1 += usize::from(same);
            } else if entry.key.starts_with('S') {
                score.skipped.0 += 1;
                score.skipped.1 += usize::from(same);
            }
        }
        score
    }
}

/// The kind and level of a paragraph's entry.
fn kind_and_level(line: &str) -> Vec<&str> {
    line.split(' ').skip(1).take(2).collect()
}

/// Writes or checks `RESULTS.md`.
fn check_results(rows: &[Score], update: bool, failures: &mut String) {
    let path = corpus("real/RESULTS.md");
    let table = results(rows);
    if update {
        std::fs::write(&path, &table).expect("write RESULTS.md");
    } else if std::fs::read_to_string(&path).ok().as_deref() != Some(table.as_str()) {
        let _ = writeln!(failures, "RESULTS.md is out of date");
    }
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "—".into();
    }
    format!("{:.1} %", part as f64 * 100.0 / whole as f64)
}

/// One line of the accuracy table.
fn row(name: &str, checked: &str, r: &Score) -> String {
    format!(
        "| {name} | {checked} | {} | {} | {} | {} | {}/{} | {}/{} |",
        r.paragraphs,
        percent(r.kind_level, r.paragraphs),
        percent(r.right, r.paragraphs),
        r.extra,
        r.footnotes.1,
        r.footnotes.0,
        r.skipped.1,
        r.skipped.0
    )
}

/// The scores of several texts added up.
fn sum(rows: &[&Score]) -> Score {
    let add = |f: fn(&Score) -> usize| rows.iter().map(|r| f(r)).sum();
    Score {
        name: String::new(),
        checked: true,
        paragraphs: add(|r| r.paragraphs),
        kind_level: add(|r| r.kind_level),
        right: add(|r| r.right),
        extra: add(|r| r.extra),
        footnotes: (add(|r| r.footnotes.0), add(|r| r.footnotes.1)),
        skipped: (add(|r| r.skipped.0), add(|r| r.skipped.1)),
    }
}

/// The accuracy table.
fn results(rows: &[Score]) -> String {
    let mut out = String::from(
        "# How the importer reads the real corpus\n\n\
         Generated by `UPDATE_EXPECT=1 cargo test -p accord-tests --test integration structure`\n\
         from the hand-checked expectations in `expect/` (see `tests/integration/structure.rs`).\n\
         A paragraph is right when its kind, level, number, status, brackets and text (start and\n\
         end) are all as a secretariat officer reads them; extra paragraphs are paragraphs the\n\
         importer makes up (a split, a footnote or page furniture read as a paragraph).\n\n\
         A text not yet checked by hand counts what the importer reads as the truth: its figures\n\
         say nothing until it is.\n\n\
         | text | checked by hand | paragraphs | kind and level right | all right | extra | footnotes right | lines skipped right |\n\
         |---|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let checked = if r.checked { "yes" } else { "not yet" };
        let _ = writeln!(out, "{}", row(&r.name, checked, r));
    }
    let hand: Vec<&Score> = rows.iter().filter(|r| r.checked).collect();
    let label = format!("**the {} texts checked by hand**", hand.len());
    let _ = writeln!(out, "{}", row(&label, "yes", &sum(&hand)));
    let label = format!("all {} texts", rows.len());
    let _ = writeln!(out, "{}", row(&label, "", &sum(&rows.iter().collect::<Vec<_>>())));
    out
}
