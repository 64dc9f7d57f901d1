//! How the CLI shows results as text (with --json they are printed as they are).

use drafts::checks::Warning;
use drafts::diff::{ParagraphChange, RoundDiff};
use drafts::languages::{LanguageStatus, SideBySide, TranslationState, VersionText};
use drafts::model::{Document, Round};
use drafts::store::{Backup, ParagraphHistory, TranslationPlan, Verification};

/// The log entries `history` prints beside the rounds: where a paragraph moved, split or merged.
const LINEAGE: [&str; 5] = ["moved", "split_from", "split_into", "merged_into", "merged_with"];

pub fn document(document: &Document) -> String {
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

pub fn rounds(rounds: &[Round]) -> String {
    rounds
        .iter()
        .map(|r| format!("{:>3}  {}  {:<6}  {}", r.number, r.date, r.state.as_str(), r.label))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each changed paragraph with its marks, then its details.
pub fn diff(d: &RoundDiff) -> String {
    let mut out = Vec::new();
    for c in d.changes.iter().filter(|c| c.is_change()) {
        let label = c.new.as_ref().or(c.old.as_ref()).map_or("", |s| s.label.as_str());
        let mut marks: Vec<&str> = [
            (c.added, "added"),
            (c.deleted, "deleted"),
            (c.moved, "moved"),
            (c.renumbered, "renumbered"),
            (c.kind_changed, "kind"),
            (c.status_changed, "status"),
            (c.text_changed, "text"),
        ]
        .into_iter()
        .filter_map(|(on, mark)| on.then_some(mark))
        .collect();
        marks.extend(c.lineage.as_deref());
        out.push(format!("{label:<10} {}", marks.join(", ")));
        out.extend(change_details(c).into_iter().map(|d| format!("{:<10} {d}", "")));
    }
    out.join("\n")
}

/// What a change was, beyond its marks: the label and status before and after, and the words
/// as `git diff --word-diff` shows them.
fn change_details(c: &ParagraphChange) -> Vec<String> {
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

/// The paragraph in each round, then where it moved, split or merged.
pub fn history(h: &ParagraphHistory) -> String {
    let rounds = h.entries.iter().map(|e| {
        let status = e.status.kind().label();
        format!("round {} ({}): {} [{status}] {}", e.round, e.round_label, e.label, e.text)
    });
    let lineage = h
        .events
        .iter()
        .filter(|e| LINEAGE.contains(&e.action.as_str()))
        .map(|e| format!("round {}: {} {}", e.round, e.action.replace('_', " "), e.detail));
    rounds.chain(lineage).collect::<Vec<_>>().join("\n")
}

pub fn verification(r: &Verification) -> String {
    match r.first_mismatch {
        None => format!("{} closed rounds verified: the record is intact", r.rounds.len()),
        Some(n) => format!("round {n} no longer matches its fingerprint: the file was altered"),
    }
}

pub fn backups(list: &[Backup]) -> String {
    list.iter()
        .map(|b| format!("round {:>3}  {:>9} bytes  {}", b.round, b.bytes, b.path))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn checks(warnings: &[Warning]) -> String {
    if warnings.is_empty() {
        "no drafting issues".into()
    } else {
        warnings.iter().map(|w| w.message.clone()).collect::<Vec<_>>().join("\n")
    }
}

/// Each language version: its sentence, then its stale and missing paragraphs.
pub fn language_statuses(statuses: &[LanguageStatus]) -> String {
    if statuses.is_empty() {
        return "no language versions: add one with `accord language add FILE --lang es`".into();
    }
    let mut out = Vec::new();
    for s in statuses {
        out.push(s.sentence.clone());
        let c = &s.counts;
        out.push(format!(
            "  {} current, {} reviewed, {} stale, {} missing",
            c.current, c.reviewed, c.stale, c.missing
        ));
        let stale: Vec<_> = s.stale.iter().map(|p| p.label.as_str()).collect();
        let missing: Vec<_> = s.missing.iter().map(|p| p.label.as_str()).collect();
        for (what, labels) in [("stale", stale), ("missing", missing)] {
            if !labels.is_empty() {
                out.push(format!("  {what}: {}", labels.join(", ")));
            }
        }
        for m in &s.bracket_mismatches {
            let (o, t) = (m.original, m.translation);
            out.push(format!(
                "  {}: {o} bracket(s) in the original, {t} in the translation",
                m.label
            ));
        }
    }
    out.join("\n")
}

/// Two languages paragraph by paragraph, each side with its state.
pub fn side_by_side(reading: &SideBySide) -> String {
    let side = |v: &VersionText| match v.state {
        None | Some(TranslationState::Current) => v.text.clone(),
        Some(state) => format!("({}) {}", state_name(state), v.text),
    };
    let mut out = vec![format!("{} | {}", reading.left.name, reading.right.name)];
    for p in &reading.paragraphs {
        out.push(format!("{:<8} {}\n{:<8} {}", p.label, side(&p.left), "", side(&p.right)));
    }
    out.join("\n")
}

fn state_name(state: TranslationState) -> &'static str {
    match state {
        TranslationState::Current => "current",
        TranslationState::Stale => "stale",
        TranslationState::Missing => "missing",
        TranslationState::Reviewed => "reviewed",
    }
}

/// A translation's alignment: per paragraph of the original, the file's paragraphs and their
/// start; then what of the file is left over.
pub fn translation_plan(plan: &TranslationPlan, dry_run: bool) -> String {
    let mut out: Vec<String> = plan
        .paragraphs
        .iter()
        .map(|p| {
            let found: Vec<String> = p.translation.iter().map(|i| (i + 1).to_string()).collect();
            let found = if found.is_empty() { "none".to_string() } else { found.join("+") };
            let start: String = p.text.chars().take(60).collect();
            format!("{:<8} = {found:<7} {:>3}%  {start}", p.label, p.confidence)
        })
        .collect();
    for u in &plan.unmatched {
        let start: String = u.text.chars().take(60).collect();
        out.push(format!("unmatched {:<6} {start}", u.index + 1));
    }
    let verb = if dry_run { "would translate" } else { "translated" };
    out.push(format!("{verb} {} of {} paragraphs", plan.matched, plan.paragraphs.len()));
    out.join("\n")
}
