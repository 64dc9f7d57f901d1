//! Each round's opening labels are stored as the round opens; a closed round's text and a
//! paragraph's history read them instead of numbering the round before. Checked against the
//! labels and numbers of every round's whole text, on histories with insertions, deletions, moves,
//! sub-paragraphs and a round reopened.

use std::collections::BTreeSet;

use super::*;
use crate::diff::ParagraphChange;
use crate::generate::{self, Shape};
use crate::model::{ParagraphId, ParagraphKind};

/// Every paragraph's label and number in every round, from the history against the round's text.
fn assert_histories_match_the_texts(store: &Store) {
    let rounds = store.rounds().unwrap();
    let mut ids = BTreeSet::new();
    for round in &rounds {
        let document = store.document(Some(round.number)).unwrap();
        ids.extend(document.paragraphs.iter().map(|p| p.paragraph.id.to_string()));
    }
    for id in ids {
        let id: ParagraphId = id.parse().unwrap();
        for entry in store.history(id).unwrap().entries {
            let document = store.document(Some(entry.round)).unwrap();
            let p = document.paragraphs.iter().find(|p| p.paragraph.id == id).unwrap();
            let what = format!("{} in round {}", p.paragraph.label, entry.round);
            assert_eq!(entry.label, p.paragraph.label, "{what}");
            assert_eq!(entry.number, p.number, "{what}");
            assert_eq!(entry.text, p.paragraph.text, "{what}");
        }
    }
}

#[test]
fn a_paragraphs_history_reads_the_labels_and_numbers_each_round_gave_it() {
    let dir = tempfile::tempdir().unwrap();
    let sample = crate::sample::create(&dir.path().join("sample.accord")).unwrap();
    assert_histories_match_the_texts(&sample);

    let shape = Shape { paragraphs: 40, rounds: 8, moved: 0.1, edited: 0.2, ..Shape::LARGE };
    let mut generated = generate::generate(&dir.path().join("generated.accord"), shape).unwrap();
    let first = generated.document(None).unwrap().paragraphs[3].paragraph.id;
    generated.delete_paragraph(first, Some("merged into the one before")).unwrap();
    generated
        .insert_paragraph(NewParagraph::at_end(ParagraphKind::Operative, "New words."))
        .unwrap();
    generated.close_round(CloseRound::default()).unwrap();
    generated.reopen_round("closed by mistake").unwrap();
    generated.close_round(CloseRound::default()).unwrap();
    assert_histories_match_the_texts(&generated);
}

#[test]
fn the_labels_stored_as_rounds_open_are_those_a_file_of_the_older_format_gets() {
    let dir = tempfile::tempdir().unwrap();
    let shape = Shape { paragraphs: 40, rounds: 20, moved: 0.1, edited: 0.2, ..Shape::LARGE };
    let store = generate::generate(&dir.path().join("generated.accord"), shape).unwrap();
    let stored = |conn: &Connection| -> Vec<(u32, Vec<u8>)> {
        let mut stmt = conn.prepare("SELECT round, labels FROM round_labels ORDER BY 1").unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    let written = stored(&store.conn);
    assert_eq!(written.len(), 20, "rounds 2 to 21 opened with labels, past a keyframe");
    store.conn.execute("DELETE FROM round_labels", []).unwrap();
    labels::fill(&store.conn).unwrap();
    assert_eq!(stored(&store.conn), written);
}

#[test]
fn the_changes_of_two_rounds_are_the_changed_paragraphs_of_their_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let shape = Shape { paragraphs: 40, rounds: 6, moved: 0.1, edited: 0.2, ..Shape::LARGE };
    let store = generate::generate(&dir.path().join("generated.accord"), shape).unwrap();
    let mut renumbered_only = 0;
    for (from, to) in [(1, 2), (2, 3), (4, 5), (5, 6), (1, 6), (6, 7)] {
        let mut full = store.diff(from, to).unwrap();
        full.changes.retain(|c| c.is_change());
        let changes = store.changes(from, to, Renumbered::WithTexts).unwrap();
        assert_eq!(changes, full, "rounds {from} and {to}");
        renumbered_only += changes.changes.iter().filter(|c| c.renumbered && !c.moved).count();
        let labels_only = store.changes(from, to, Renumbered::LabelsOnly).unwrap();
        for (brief, whole) in labels_only.changes.iter().zip(&changes.changes) {
            let sides =
                |c: &ParagraphChange| [c.old.clone(), c.new.clone()].map(|s| s.map(|s| s.label));
            assert_eq!(sides(brief), sides(whole), "rounds {from} and {to}");
            if !whole.renumbered || whole.text_changed {
                assert_eq!(brief, whole, "only a renumbered paragraph's text is left out");
            }
        }
    }
    assert!(renumbered_only > 0, "a paragraph renumbered in a version both rounds share");
}
