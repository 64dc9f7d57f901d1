//! Revisions that arrive as text files, generated with their ground truth: each round's text as a
//! secretariat would circulate it (clean numbers, no labels), and what really happened to every
//! paragraph since the round before (edited, bracketed, moved, split, merged, added, deleted).
//! [`import_series`] imports them round by round and scores Accord's reading against the truth.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::{edit_words, sentence, Dice, Shape, OPENERS, PARTICIPLES};
use crate::model::{ParagraphId, ParagraphKind};
use crate::store::CloseRound;
use crate::{Error, Result, Store};

/// A paragraph of a generated revision, with the identity the generator knows it by.
#[derive(Debug, Clone)]
pub struct TrueParagraph {
    pub identity: u64,
    pub kind: ParagraphKind,
    pub text: String,
}

/// What really happened between a revision and the one before, by identity.
#[derive(Debug, Clone, Default)]
pub struct Truth {
    /// Paragraphs whose text changed (words edited or bracketed).
    pub edited: HashSet<u64>,
    pub moved: HashSet<u64>,
    pub added: HashSet<u64>,
    pub deleted: HashSet<u64>,
    /// (the part split off, the paragraph it was split from).
    pub split: HashSet<(u64, u64)>,
    /// (the paragraph merged away, the paragraph it was merged into).
    pub merged: HashSet<(u64, u64)>,
}

/// One round's text and how it came from the round before.
#[derive(Debug, Clone)]
pub struct Revision {
    pub paragraphs: Vec<TrueParagraph>,
    pub truth: Truth,
}

impl Revision {
    /// The revision as a plain-text file: title, preambular paragraphs, verb line, numbered
    /// operative paragraphs.
    pub fn text(&self) -> String {
        let mut out = String::from("DRAFT HEMISPHERIC PLAN OF ACTION ON INTEGRAL DEVELOPMENT\n\n");
        let mut number = 0;
        for p in &self.paragraphs {
            if p.kind == ParagraphKind::Operative {
                if number == 0 {
                    out.push_str("RESOLVE:\n\n");
                }
                number += 1;
                out.push_str(&format!("{number}. "));
            }
            out.push_str(&p.text);
            out.push_str("\n\n");
        }
        out
    }
}

/// The shares of paragraphs split, merged, added and deleted per round (of the paragraphs).
const STRUCTURAL: f64 = 0.002;
/// How far (in paragraphs) a moved paragraph goes at least.
const MOVE_DISTANCE: usize = 8;

/// Generates `shape.rounds + 1` revisions: the first text and one per round after it.
pub fn revisions(shape: Shape) -> Vec<Revision> {
    let mut dice = Dice(shape.seed.max(1));
    let mut series = Series { dice: &mut dice, next_identity: 0, shape };
    let first = series.first_text();
    let mut out = vec![Revision { paragraphs: first, truth: Truth::default() }];
    for _ in 0..shape.rounds {
        let previous = &out[out.len() - 1].paragraphs;
        out.push(series.revise(previous));
    }
    out
}

struct Series<'a> {
    dice: &'a mut Dice,
    next_identity: u64,
    shape: Shape,
}

impl Series<'_> {
    fn first_text(&mut self) -> Vec<TrueParagraph> {
        let preambular = self.shape.paragraphs / 4;
        (0..self.shape.paragraphs)
            .map(|i| {
                let kind = if i < preambular {
                    ParagraphKind::Preambular
                } else {
                    ParagraphKind::Operative
                };
                self.fresh(kind)
            })
            .collect()
    }

    fn fresh(&mut self, kind: ParagraphKind) -> TrueParagraph {
        let words = self.shape.words_per_paragraph;
        let text = match kind {
            ParagraphKind::Preambular => {
                let opener = PARTICIPLES[self.dice.below(PARTICIPLES.len())];
                format!("{opener} {};", sentence(self.dice, words - 2))
            }
            _ => {
                let opener = OPENERS[self.dice.below(OPENERS.len())];
                format!("{opener} {}.", sentence(self.dice, words - 3))
            }
        };
        self.next_identity += 1;
        TrueParagraph { identity: self.next_identity, kind, text }
    }

    /// The next revision: edits and brackets, moves, then splits, merges, additions and
    /// deletions, each paragraph moved, split, merged, added or deleted at most once.
    fn revise(&mut self, previous: &[TrueParagraph]) -> Revision {
        let mut text: Vec<TrueParagraph> = previous.to_vec();
        let mut truth = Truth::default();
        let per_round = |share: f64| ((previous.len() as f64 * share).round() as usize).max(1);
        for _ in 0..per_round(self.shape.edited) {
            let at = self.dice.below(text.len());
            let edit: fn(&mut Dice, &str) -> String =
                if self.dice.chance(0.2) { bracket_words } else { edit_words };
            text[at].text = edit(self.dice, &text[at].text);
        }
        let mut touched: HashSet<u64> = HashSet::new();
        for _ in 0..per_round(self.shape.moved) {
            self.move_one(&mut text, &mut truth, &mut touched);
        }
        for _ in 0..per_round(STRUCTURAL) {
            self.split_one(&mut text, &mut truth, &mut touched);
            self.merge_one(&mut text, &mut truth, &mut touched);
            self.add_one(&mut text, &mut truth, &mut touched);
            let at = self.dice.below(text.len());
            if !touched.contains(&text[at].identity) {
                truth.deleted.insert(text.remove(at).identity);
            }
        }
        let before: HashMap<u64, &str> =
            previous.iter().map(|p| (p.identity, p.text.as_str())).collect();
        truth.edited = text
            .iter()
            .filter(|p| before.get(&p.identity).is_some_and(|t| *t != p.text))
            .map(|p| p.identity)
            .collect();
        Revision { paragraphs: text, truth }
    }

    /// Moves a paragraph at least [`MOVE_DISTANCE`] places, within its part of the text.
    fn move_one(
        &mut self,
        text: &mut Vec<TrueParagraph>,
        truth: &mut Truth,
        touched: &mut HashSet<u64>,
    ) {
        let from = self.dice.below(text.len());
        let kind = text[from].kind;
        let far: Vec<usize> = (0..text.len())
            .filter(|&i| text[i].kind == kind && i.abs_diff(from) >= MOVE_DISTANCE)
            .collect();
        if far.is_empty() || touched.contains(&text[from].identity) {
            return;
        }
        let to = far[self.dice.below(far.len())];
        let moving = text.remove(from);
        touched.insert(moving.identity);
        truth.moved.insert(moving.identity);
        text.insert(to.min(text.len()), moving);
    }

    /// Splits a paragraph in two at a word in its middle third.
    fn split_one(
        &mut self,
        text: &mut Vec<TrueParagraph>,
        truth: &mut Truth,
        touched: &mut HashSet<u64>,
    ) {
        let at = self.dice.below(text.len());
        let words: Vec<String> = text[at].text.split(' ').map(str::to_string).collect();
        if words.len() < 12 || touched.contains(&text[at].identity) || text[at].text.contains('[') {
            return;
        }
        let cut = words.len() / 3 + self.dice.below(words.len() / 3);
        let kind = text[at].kind;
        // Each part a paragraph of its own, as a drafter writes it: the first ends, the second
        // opens as its kind opens.
        let (end, opener) = match kind {
            ParagraphKind::Preambular => (";", PARTICIPLES[self.dice.below(PARTICIPLES.len())]),
            _ => (".", OPENERS[self.dice.below(OPENERS.len())]),
        };
        self.next_identity += 1;
        let tail = format!("{opener} {}", words[cut..].join(" "));
        let part = TrueParagraph { identity: self.next_identity, kind, text: tail };
        text[at].text = format!("{}{end}", words[..cut].join(" "));
        truth.split.insert((part.identity, text[at].identity));
        touched.extend([text[at].identity, part.identity]);
        text.insert(at + 1, part);
    }

    /// Merges a paragraph into the one before it, of the same kind.
    fn merge_one(
        &mut self,
        text: &mut Vec<TrueParagraph>,
        truth: &mut Truth,
        touched: &mut HashSet<u64>,
    ) {
        let at = 1 + self.dice.below(text.len() - 1);
        let (first, second) = (&text[at - 1], &text[at]);
        let free = |p: &TrueParagraph| !touched.contains(&p.identity) && !p.text.contains('[');
        if first.kind != second.kind || !free(first) || !free(second) {
            return;
        }
        let gone = text.remove(at);
        let into = &mut text[at - 1];
        into.text = format!("{} {}", into.text.trim_end_matches(['.', ';']), gone.text);
        truth.merged.insert((gone.identity, into.identity));
        touched.extend([gone.identity, into.identity]);
    }

    /// Adds a new paragraph of the kind of the one it goes before.
    fn add_one(
        &mut self,
        text: &mut Vec<TrueParagraph>,
        truth: &mut Truth,
        touched: &mut HashSet<u64>,
    ) {
        let at = self.dice.below(text.len());
        let added = self.fresh(text[at].kind);
        truth.added.insert(added.identity);
        touched.insert(added.identity);
        text.insert(at, added);
    }
}

/// Puts a few words of a paragraph in square brackets.
fn bracket_words(dice: &mut Dice, text: &str) -> String {
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    if text.contains('[') || words.len() < 8 {
        return edit_words(dice, text);
    }
    let start = 2 + dice.below(words.len() - 6);
    words[start].insert(0, '[');
    words[start + 2].push(']');
    words.join(" ")
}

/// How many of one kind of fact the truth holds, Accord found, and found rightly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub truth: usize,
    pub found: usize,
    pub right: usize,
}

impl Tally {
    fn count<T: Eq + std::hash::Hash>(truth: &HashSet<T>, found: &HashSet<T>) -> Tally {
        Tally { truth: truth.len(), found: found.len(), right: found.intersection(truth).count() }
    }

    /// The share of what was found that is true (1 when nothing was found).
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.right as f64 / self.found as f64
        }
    }

    /// The share of the truth that was found (1 when there was nothing to find).
    pub fn recall(&self) -> f64 {
        if self.truth == 0 {
            1.0
        } else {
            self.right as f64 / self.truth as f64
        }
    }

    fn add(&mut self, other: Tally) {
        self.truth += other.truth;
        self.found += other.found;
        self.right += other.right;
    }
}

/// Accord's reading of a series of imported revisions against their truth, over all rounds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeriesScore {
    /// Paragraphs in two consecutive revisions that kept their identity.
    pub identity: Tally,
    pub edited: Tally,
    pub moved: Tally,
    pub added: Tally,
    pub deleted: Tally,
    pub split: Tally,
    pub merged: Tally,
}

impl SeriesScore {
    /// Every change together: edited, moved, added, deleted, split and merged.
    pub fn changes(&self) -> Tally {
        let mut all = Tally::default();
        for t in [self.edited, self.moved, self.added, self.deleted, self.split, self.merged] {
            all.add(t);
        }
        all
    }
}

/// Writes each revision as a text file in `dir`, imports the first as a new negotiation and each
/// next one as a revision of a new round, and scores every round's comparison against the truth.
pub fn import_series(dir: &Path, revisions: &[Revision]) -> Result<(Store, SeriesScore)> {
    let read = |k: usize, revision: &Revision| -> Result<_> {
        let file = dir.join(format!("rev{k}.txt"));
        std::fs::write(&file, revision.text())?;
        Ok(crate::import::import_file(&file)?)
    };
    let first = revisions.first().ok_or_else(|| Error::Invalid("no revision".into()))?;
    let mut store = Store::create_from_import(&dir.join("negotiation.accord"), &read(0, first)?)?;
    let mut before = identities(&store, first)?;
    let mut score = SeriesScore::default();
    for (k, revision) in revisions.iter().enumerate().skip(1) {
        store.close_round(CloseRound::default())?;
        store.import_revision(&read(k, revision)?, &[])?;
        let after = identities(&store, revision)?;
        let round = k as u32 + 1;
        let found = Found::read(&store.diff(round - 1, round)?, &before, &after);
        found.score(&revision.truth, &before, &after, &mut score);
        before = after;
    }
    store.close_round(CloseRound::default())?;
    Ok((store, score))
}

/// The identity of each live paragraph of the open round, from the revision it was imported from.
fn identities(store: &Store, revision: &Revision) -> Result<HashMap<ParagraphId, u64>> {
    let document = store.document(None)?;
    let live: Vec<ParagraphId> = document
        .paragraphs
        .iter()
        .filter(|p| p.paragraph.kind != ParagraphKind::VerbLine)
        .filter(|p| p.paragraph.status.kind() != crate::model::StatusKind::Deleted)
        .map(|p| p.paragraph.id)
        .collect();
    if live.len() != revision.paragraphs.len() {
        return Err(Error::Invalid(format!(
            "the importer read {} paragraphs where the revision has {}",
            live.len(),
            revision.paragraphs.len()
        )));
    }
    Ok(live.into_iter().zip(revision.paragraphs.iter().map(|p| p.identity)).collect())
}

/// What a comparison says happened, by the generator's identities.
#[derive(Default)]
struct Found {
    edited: HashSet<u64>,
    moved: HashSet<u64>,
    added: HashSet<u64>,
    deleted: HashSet<u64>,
    split: HashSet<(u64, u64)>,
    merged: HashSet<(u64, u64)>,
}

impl Found {
    fn read(
        diff: &crate::diff::RoundDiff,
        before: &HashMap<ParagraphId, u64>,
        after: &HashMap<ParagraphId, u64>,
    ) -> Found {
        // A lineage names the paragraph by its label in the later round, where it continues.
        let by_label = |label: &str| {
            diff.changes.iter().find_map(|c| {
                c.new.as_ref().filter(|s| s.label == label).and_then(|_| after.get(&c.id).copied())
            })
        };
        let mut found = Found::default();
        for c in &diff.changes {
            let (old, new) = (before.get(&c.id).copied(), after.get(&c.id).copied());
            let lineage = c.lineage.as_deref().unwrap_or("");
            match (c.added, c.deleted, new, old) {
                (true, _, Some(n), _) => match lineage.strip_prefix("split from ") {
                    Some(l) => found.split.extend(by_label(l).map(|o| (n, o))),
                    None => drop(found.added.insert(n)),
                },
                (_, true, _, Some(o)) => match lineage.strip_prefix("merged into ") {
                    Some(l) => found.merged.extend(by_label(l).map(|n| (o, n))),
                    None => drop(found.deleted.insert(o)),
                },
                (_, _, Some(n), Some(_)) => {
                    if c.moved {
                        found.moved.insert(n);
                    }
                    if c.text_changed {
                        found.edited.insert(n);
                    }
                }
                _ => {}
            }
        }
        found
    }

    fn score(
        &self,
        truth: &Truth,
        before: &HashMap<ParagraphId, u64>,
        after: &HashMap<ParagraphId, u64>,
        score: &mut SeriesScore,
    ) {
        let old: HashSet<u64> = before.values().copied().collect();
        let true_kept: HashSet<(u64, u64)> =
            after.values().filter(|n| old.contains(n)).map(|n| (*n, *n)).collect();
        let found_kept: HashSet<(u64, u64)> =
            after.iter().filter_map(|(id, n)| before.get(id).map(|o| (*o, *n))).collect();
        score.identity.add(Tally::count(&true_kept, &found_kept));
        score.edited.add(Tally::count(&truth.edited, &self.edited));
        score.moved.add(Tally::count(&truth.moved, &self.moved));
        score.added.add(Tally::count(&truth.added, &self.added));
        score.deleted.add(Tally::count(&truth.deleted, &self.deleted));
        score.split.add(Tally::count(&truth.split, &self.split));
        score.merged.add(Tally::count(&truth.merged, &self.merged));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_imported_as_text_are_read_as_they_were_made() {
        let dir = tempfile::tempdir().unwrap();
        let shape =
            Shape { paragraphs: 200, rounds: 12, edited: 0.03, moved: 0.01, ..Shape::LARGE };
        let series = revisions(shape);
        let (store, score) = import_series(dir.path(), &series).unwrap();
        let all = score.changes();
        assert!(all.precision() >= 0.99 && all.recall() >= 0.99, "{score:#?}");
        assert!(
            score.identity.precision() >= 0.99 && score.identity.recall() >= 0.99,
            "{score:#?}"
        );
        assert!(score.split.truth > 0 && score.merged.truth > 0 && score.moved.truth > 0);
        assert_eq!(store.verify().unwrap().first_mismatch, None);
    }
}
