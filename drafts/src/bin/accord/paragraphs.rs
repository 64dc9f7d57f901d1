//! The paragraph verbs: add, and the ones that open the file, find a paragraph by its label and
//! change it (edit, move, note, delete, status, silence, brackets).

use std::path::Path;

use chrono::{Duration, Utc};

use drafts::brackets::Resolution;
use drafts::model::{ParagraphId, ParagraphKind, StatusKind};
use drafts::store::{NewParagraph, StatusChange};
use drafts::{Error, Store};

use std::path::PathBuf;

use clap::Subcommand;
use drafts::store::Placement;

use super::{ok, paragraph_kind, print};

/// The verbs that change one paragraph (or add one).
#[derive(Subcommand)]
pub enum ParagraphCommand {
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
}

/// Runs one paragraph verb.
pub fn run(command: ParagraphCommand, json: bool) -> drafts::Result<()> {
    match command {
        ParagraphCommand::Add {
            file,
            kind,
            text,
            after,
            before,
            parent,
            alternative_to,
            proposers,
        } => {
            let to = Insertion { kind, text, after, before, parent, alternative_to };
            add(&file, to, proposers, json)?;
        }
        ParagraphCommand::Edit { file, paragraph, text, reopen } => {
            on(&file, &paragraph, json, format!("edited {paragraph}"), |s, id| {
                s.edit_text(id, &text, reopen.as_deref())
            })?
        }
        ParagraphCommand::Move { file, paragraph, after, before } => {
            on(&file, &paragraph, json, format!("moved {paragraph}"), |s, id| {
                let to = placement(s, after, before)?;
                s.move_paragraph(id, to)
            })?
        }
        ParagraphCommand::Note { file, paragraph, text } => {
            on(&file, &paragraph, json, format!("noted on {paragraph}"), |s, id| {
                s.set_notes(id, text)
            })?
        }
        ParagraphCommand::Delete { file, paragraph, reason } => {
            on(&file, &paragraph, json, format!("deleted {paragraph}"), |s, id| {
                s.delete_paragraph(id, reason.as_deref())
            })?
        }
        ParagraphCommand::SetStatus { file, paragraph, status, delegations, silence_hours } => {
            let change = status_change(status, delegations, silence_hours);
            let done = format!("{paragraph} is now {}", status.label());
            on(&file, &paragraph, json, done, |s, id| s.set_status(id, change))?
        }
        ParagraphCommand::ConfirmSilence { file, paragraph } => {
            let done = format!("{paragraph} confirmed as agreed");
            on(&file, &paragraph, json, done, |s, id| s.confirm_silence(id))?
        }
        ParagraphCommand::BreakSilence { file, paragraph, delegation } => {
            let done = format!("silence on {paragraph} broken by {delegation}");
            on(&file, &paragraph, json, done, |s, id| s.break_silence(id, &delegation))?
        }
        ParagraphCommand::Bracket { file, paragraph, words, holders, reason } => {
            let done = format!("bracketed \"{words}\" in {paragraph}");
            on(&file, &paragraph, json, done, |s, id| bracket(s, id, &words, holders, reason))?
        }
        ParagraphCommand::Resolve { file, paragraph, bracket, keep, drop } => {
            let (index, resolution) = resolution(bracket, keep, drop)?;
            let done = format!("resolved bracket {bracket} of {paragraph}");
            on(&file, &paragraph, json, done, |s, id| s.resolve_bracket(id, index, resolution))?
        }
    }
    Ok(())
}

/// Opens `file`, finds `paragraph` and changes it with `change`; says `done`.
pub fn on(
    file: &Path,
    paragraph: &str,
    json: bool,
    done: String,
    change: impl FnOnce(&mut Store, ParagraphId) -> drafts::Result<()>,
) -> drafts::Result<()> {
    let mut store = Store::open(file)?;
    let id = store.find_paragraph(paragraph)?;
    change(&mut store, id)?;
    ok(json, done);
    Ok(())
}

/// Where and what a new paragraph is, as the command line names it.
pub struct Insertion {
    pub kind: ParagraphKind,
    pub text: String,
    pub after: Option<String>,
    pub before: Option<String>,
    pub parent: Option<String>,
    pub alternative_to: Option<String>,
}

/// Adds a paragraph and says the label it was born with.
pub fn add(file: &Path, to: Insertion, proposers: Vec<String>, json: bool) -> drafts::Result<()> {
    let mut store = Store::open(file)?;
    let new = NewParagraph {
        kind: to.kind,
        text: to.text,
        parent: to.parent.map(|p| store.find_paragraph(&p)).transpose()?,
        placement: placement(&store, to.after, to.before)?,
        alternative_to: to.alternative_to.map(|p| store.find_paragraph(&p)).transpose()?,
        proposers,
    };
    let id = store.insert_paragraph(new)?;
    let label = store.document(None)?.paragraphs.into_iter().find(|p| p.paragraph.id == id);
    let label = label.map(|p| p.paragraph.label).unwrap_or_default();
    print(json, &serde_json::json!({ "id": id, "label": label }), |_| {
        format!("added {label} ({id})")
    });
    Ok(())
}

/// The status change a `set-status` asks for; a silence procedure runs for `silence_hours`.
pub fn status_change(
    status: StatusKind,
    delegations: Vec<String>,
    silence_hours: Option<i64>,
) -> StatusChange {
    match status {
        StatusKind::AdReferendum => StatusChange::AdReferendum {
            delegations,
            deadline: silence_hours.map(|h| Utc::now() + Duration::hours(h)),
        },
        StatusKind::Bracketed => StatusChange::Bracketed,
        StatusKind::Pending => StatusChange::Pending,
        StatusKind::Proposed => StatusChange::Proposed,
        StatusKind::Agreed => StatusChange::Agreed,
        StatusKind::Deleted => unreachable!("settable_status refuses deleted"),
    }
}

/// Brackets the first occurrence of `words` in the paragraph.
pub fn bracket(
    store: &mut Store,
    id: ParagraphId,
    words: &str,
    holders: Vec<String>,
    reason: String,
) -> drafts::Result<()> {
    let (start, end) = store.find_words(id, words)?;
    store.bracket_words(id, start, end, holders, reason)
}

/// The bracket (numbered from 1) and how it is resolved: keep option N (from 1) or drop it.
pub fn resolution(
    bracket: usize,
    keep: Option<usize>,
    drop: bool,
) -> drafts::Result<(usize, Resolution)> {
    let resolution = match (keep, drop) {
        (Some(k), false) if k >= 1 => Resolution::Keep { option: k - 1 },
        (None, true) => Resolution::Drop,
        _ => return Err(Error::Invalid("use --keep N (from 1) or --drop".into())),
    };
    let index = bracket
        .checked_sub(1)
        .ok_or_else(|| Error::Invalid("brackets are numbered from 1".into()))?;
    Ok((index, resolution))
}

/// Reads a status a paragraph can be given (every one but deleted: `delete` does that).
fn settable_status(s: &str) -> Result<StatusKind, String> {
    StatusKind::parse(s)
        .filter(|k| *k != StatusKind::Deleted)
        .ok_or_else(|| "use agreed, ad_referendum, bracketed, pending or proposed".into())
}

pub fn placement(
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
