//! The paragraph verbs: add, and the ones that open the file, find a paragraph by its label and
//! change it (edit, move, note, delete, status, silence, brackets).

use std::path::Path;

use chrono::{Duration, Utc};

use drafts::brackets::Resolution;
use drafts::model::{Paragraph, ParagraphId, ParagraphKind, StatusKind};
use drafts::store::{NewParagraph, StatusChange};
use drafts::{Error, Store};

use super::{ok, placement, print};

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
    let Paragraph { text, label, .. } = store.paragraph(id)?;
    let byte =
        text.find(words).ok_or_else(|| Error::Invalid(format!("\"{words}\" is not in {label}")))?;
    let start = text[..byte].chars().count();
    store.bracket_words(id, start, start + words.chars().count(), holders, reason)
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
