//! A generator of large, realistic negotiations for benchmarks: hundreds of paragraphs negotiated
//! over many rounds, with word-level edits, moves, churning statuses and brackets that appear and
//! are resolved. Deterministic: the same seed gives the same negotiation. [`revisions`] makes
//! the same kind of history as text files with their ground truth.

pub mod revisions;

use std::path::Path;

use crate::brackets::{self, Resolution};
use crate::import::{ImportedDraft, ImportedParagraph, ImportedStatus};
use crate::model::{NegotiationMeta, ParagraphId, ParagraphKind, StatusKind};
use crate::store::{CloseRound, Placement, StatusChange};
use crate::{Result, Store};

/// The shape of a generated negotiation.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub paragraphs: usize,
    pub words_per_paragraph: usize,
    /// Rounds closed after the first text.
    pub rounds: u32,
    /// Share of paragraphs edited per round (0.03 = 3%).
    pub edited: f64,
    /// Share of paragraphs moved per round.
    pub moved: f64,
    pub seed: u64,
}

impl Shape {
    /// A plan-of-action-sized negotiation: 1,000 paragraphs, ~60,000 words, 100 closed rounds,
    /// 3% of paragraphs edited and 1% moved per round.
    pub const LARGE: Shape = Shape {
        paragraphs: 1000,
        words_per_paragraph: 60,
        rounds: 100,
        edited: 0.03,
        moved: 0.01,
        seed: 2011,
    };
}

const WORDS: [&str; 64] = [
    "cooperation",
    "member",
    "states",
    "regional",
    "national",
    "policies",
    "security",
    "citizen",
    "development",
    "human",
    "rights",
    "framework",
    "implementation",
    "capacity",
    "institutions",
    "resources",
    "communities",
    "prevention",
    "violence",
    "crime",
    "justice",
    "access",
    "strengthen",
    "promote",
    "ensure",
    "support",
    "continue",
    "comprehensive",
    "effective",
    "sustainable",
    "inclusive",
    "integral",
    "mechanisms",
    "assistance",
    "technical",
    "exchange",
    "information",
    "practices",
    "programs",
    "participation",
    "civil",
    "society",
    "private",
    "sector",
    "academia",
    "women",
    "youth",
    "vulnerable",
    "groups",
    "respect",
    "sovereignty",
    "international",
    "law",
    "accordance",
    "principles",
    "Charter",
    "Organization",
    "General",
    "Assembly",
    "Secretariat",
    "Permanent",
    "Council",
    "hemisphere",
    "Americas",
];

const PARTICIPLES: [&str; 8] = [
    "RECOGNIZING",
    "REAFFIRMING",
    "CONSIDERING",
    "RECALLING",
    "BEARING IN MIND",
    "NOTING",
    "CONVINCED",
    "TAKING INTO ACCOUNT",
];

const OPENERS: [&str; 6] =
    ["That", "The importance of", "The need to", "Their commitment to", "Instruct", "Request"];

/// A small deterministic pseudo-random generator (xorshift64*).
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

fn sentence(dice: &mut Dice, words: usize) -> String {
    (0..words).map(|_| dice.word()).collect::<Vec<_>>().join(" ")
}

/// Applies one word-level edit: an insertion, a deletion or a replacement.
fn edit_words(dice: &mut Dice, text: &str) -> String {
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    let at = 3 + dice.below(words.len().saturating_sub(4).max(1));
    let at = at.min(words.len().saturating_sub(1));
    match dice.below(3) {
        0 => words.insert(at, dice.word().to_string()),
        1 if words.len() > 8 && !words[at].contains(['[', ']', ';', '.']) => {
            words.remove(at);
        }
        _ if !words[at].contains(['[', ']', ';', '.']) => words[at] = dice.word().to_string(),
        _ => words.insert(at, dice.word().to_string()),
    }
    words.join(" ")
}

/// Writes a generated negotiation to a new file at `path`.
pub fn generate(path: &Path, shape: Shape) -> Result<Store> {
    let mut dice = Dice(shape.seed.max(1));
    let mut store = Store::create(
        path,
        NegotiationMeta {
            title: "Draft Hemispheric Plan of Action on Integral Development".into(),
            symbol: "CP/doc.9999/26".into(),
            ..NegotiationMeta::default()
        },
    )?;
    let ids = first_text(&mut store, &mut dice, shape)?;
    store.close_round(CloseRound { label: Some("Chair's first draft".into()), date: None })?;
    let edits = ((shape.paragraphs as f64 * shape.edited).round() as usize).max(1);
    let moves = (shape.paragraphs as f64 * shape.moved).round() as usize;
    for round in 2..=shape.rounds {
        for _ in 0..edits {
            let id = ids[dice.below(ids.len())];
            edit_one(&mut store, &mut dice, id)?;
        }
        for _ in 0..moves {
            let id = ids[dice.below(ids.len())];
            let target = ids[dice.below(ids.len())];
            if id != target {
                store.move_paragraph(id, Placement::After { id: target })?;
            }
        }
        for _ in 0..edits {
            let id = ids[dice.below(ids.len())];
            churn_status(&mut store, &mut dice, id)?;
        }
        store.close_round(CloseRound { label: Some(format!("rev.{}", round - 1)), date: None })?;
    }
    Ok(store)
}

/// The first text: a quarter preambular, the verb line, the rest operative, each agreed or
/// pending at random. Inserted in one step, as a chair pastes a draft, and then given statuses
/// one by one.
fn first_text(store: &mut Store, dice: &mut Dice, shape: Shape) -> Result<Vec<ParagraphId>> {
    let preambular = shape.paragraphs / 4;
    let mut paragraphs = Vec::with_capacity(shape.paragraphs + 1);
    for i in 0..shape.paragraphs {
        if i == preambular {
            paragraphs.push(proposed(ParagraphKind::VerbLine, "RESOLVE:".into()));
        }
        paragraphs.push(if i < preambular {
            let opener = PARTICIPLES[dice.below(PARTICIPLES.len())];
            let text = format!("{opener} {};", sentence(dice, shape.words_per_paragraph - 2));
            proposed(ParagraphKind::Preambular, text)
        } else {
            let opener = OPENERS[dice.below(OPENERS.len())];
            let text = format!("{opener} {}.", sentence(dice, shape.words_per_paragraph - 3));
            proposed(ParagraphKind::Operative, text)
        });
    }
    let draft = ImportedDraft {
        meta: NegotiationMeta::default(),
        paragraphs,
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    let inserted = store.insert_imported(&draft, Placement::End)?;
    let ids: Vec<ParagraphId> = inserted
        .into_iter()
        .zip(&draft.paragraphs)
        .filter(|(_, p)| p.kind != ParagraphKind::VerbLine)
        .map(|(id, _)| id)
        .collect();
    for id in &ids {
        let status = if dice.chance(0.5) { StatusChange::Agreed } else { StatusChange::Pending };
        store.set_status(*id, status)?;
    }
    Ok(ids)
}

/// A paragraph of the first text as a chair pastes it: proposed, not yet discussed.
fn proposed(kind: ParagraphKind, text: String) -> ImportedParagraph {
    ImportedParagraph {
        kind,
        text,
        status: ImportedStatus::Proposed,
        proposers: Vec::new(),
        source_number: None,
        parent: None,
        line: 0,
        footnotes: Vec::new(),
        reason: String::new(),
        confidence: Default::default(),
    }
}

/// One change to a paragraph's words: a bracket resolved, words bracketed, or words edited.
fn edit_one(store: &mut Store, dice: &mut Dice, id: ParagraphId) -> Result<()> {
    let paragraph = store.paragraph(id)?;
    if brackets::has_brackets(&paragraph.text) && dice.chance(0.5) {
        return store.resolve_bracket(id, 0, Resolution::Keep { option: 0 });
    }
    if dice.chance(0.2) && !brackets::has_brackets(&paragraph.text) {
        if matches!(paragraph.status.kind(), StatusKind::Agreed | StatusKind::AdReferendum) {
            store.set_status(id, StatusChange::Pending)?;
        }
        let chars = paragraph.text.chars().count();
        let start = 10 + dice.below(chars.saturating_sub(30).max(1));
        let end = (start + 12).min(chars - 2);
        return store.bracket_words(id, start, end, vec![], String::new());
    }
    store.edit_text(id, &edit_words(dice, &paragraph.text), Some("generated edit"))
}

/// A status change: agreed (when no bracket is left), ad referendum of one member state, or
/// pending again.
fn churn_status(store: &mut Store, dice: &mut Dice, id: ParagraphId) -> Result<()> {
    let paragraph = store.paragraph(id)?;
    let change = match dice.below(4) {
        0 | 1 if !brackets::has_brackets(&paragraph.text) => StatusChange::Agreed,
        2 => StatusChange::AdReferendum {
            delegations: vec![crate::model::OAS_MEMBER_STATES[dice.below(35)].into()],
            deadline: None,
        },
        _ => StatusChange::Pending,
    };
    store.set_status(id, change)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_generated_negotiation_has_its_rounds_edits_and_brackets() {
        let dir = tempfile::tempdir().unwrap();
        let shape = Shape { paragraphs: 60, rounds: 6, edited: 0.1, moved: 0.05, ..Shape::LARGE };
        let store = generate(&dir.path().join("g.accord"), shape).unwrap();
        assert_eq!(store.rounds().unwrap().len(), 7);
        let document = store.document(Some(6)).unwrap();
        assert_eq!(document.paragraphs.len(), 61);
        let diff = store.diff(1, 6).unwrap();
        assert!(diff.stats.text_changed > 0);
        assert!(diff.stats.moved > 0);
        assert!(!store.bracket_log().unwrap().is_empty());
        assert_eq!(store.verify().unwrap().first_mismatch, None);
    }
}
