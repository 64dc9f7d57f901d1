//! The San Salvador draft (OAS General Assembly, 2011) rebuilt as a negotiation over three rounds.

use drafts::brackets::Resolution;
use drafts::model::{ParagraphKind, Status, StatusKind};
use drafts::store::{CloseRound, NewParagraph, Placement, StatusChange};
use drafts::Store;

use crate::util::corpus;

fn label_of(store: &Store, label: &str) -> drafts::model::ParagraphId {
    store.find_paragraph(label).unwrap_or_else(|e| panic!("{label}: {e}"))
}

#[test]
fn san_salvador_over_three_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("san-salvador.accord");
    let text = std::fs::read_to_string(corpus("san-salvador-2011.txt")).unwrap();
    let draft = drafts::import::text::import_text(&text).unwrap();
    let mut store = Store::create_from_import(&path, &draft).unwrap();

    let document = store.document(None).unwrap();
    let count = |kind| document.paragraphs.iter().filter(|p| p.paragraph.kind == kind).count();
    assert_eq!(count(ParagraphKind::OpeningClause), 1);
    assert_eq!(count(ParagraphKind::Preambular), 28);
    assert_eq!(count(ParagraphKind::VerbLine), 1);
    assert_eq!(count(ParagraphKind::Operative), 17);
    assert_eq!(document.negotiation.whole_text_ad_referendum, ["Mexico"]);
    let op16 = store.paragraph(label_of(&store, "OP16")).unwrap();
    assert!(matches!(&op16.status, Status::AdReferendum(a) if a.delegations == ["Canada"]));
    assert!(op16.text.ends_with("next regular session."), "{}", op16.text);

    store
        .close_round(CloseRound { label: Some("Formal session, 5 April 2011".into()), date: None })
        .unwrap();

    // Round 2: the chair's edits.
    let op3 = label_of(&store, "OP3");
    let pp14 = label_of(&store, "PP14");
    let pp16 = label_of(&store, "PP16");
    let op8 = label_of(&store, "OP8");
    store
        .edit_text(
            op3,
            "That public security policies must encourage measures for dealing with the root \
             causes of crime, violence, and insecurity.",
            Some("Peru asked to name the root causes"),
        )
        .unwrap();
    store.move_paragraph(pp14, Placement::After { id: label_of(&store, "PP19") }).unwrap();
    store.delete_paragraph(pp16, Some("covered by PP15")).unwrap();
    store.set_status(op8, StatusChange::Pending).unwrap();
    let words = "domestic violence";
    let start = store.paragraph(op8).unwrap().text.find(words).unwrap();
    store
        .bracket_words(op8, start, start + words.len(), vec!["Chile".into()], "scope".into())
        .unwrap();
    let op12bis = store
        .insert_paragraph(NewParagraph {
            kind: ParagraphKind::Operative,
            text: "The importance of regional statistics on crime and violence.".into(),
            parent: None,
            placement: Placement::After { id: label_of(&store, "OP12") },
            alternative_to: None,
            proposers: vec!["Peru".into()],
        })
        .unwrap();
    assert_eq!(store.paragraph(op12bis).unwrap().label, "OP12bis");
    assert_eq!(store.summary(None).unwrap().brackets.brackets, 1);
    store
        .close_round(CloseRound { label: Some("Formal session, 19 April 2011".into()), date: None })
        .unwrap();

    // Round 3: the bracket is lifted and the new paragraph agreed.
    store.resolve_bracket(op8, 0, Resolution::Keep { option: 0 }).unwrap();
    store.set_status(op8, StatusChange::Agreed).unwrap();
    store.set_status(op12bis, StatusChange::Agreed).unwrap();
    store.set_status(op3, StatusChange::Agreed).unwrap();
    store
        .close_round(CloseRound { label: Some("Formal session, 27 April 2011".into()), date: None })
        .unwrap();

    // The comparisons of consecutive rounds were stored when the rounds closed.
    assert!(store.has_stored_diff(1, 2).unwrap());
    assert!(store.has_stored_diff(2, 3).unwrap());
    assert!(!store.has_stored_diff(3, 4).unwrap());
    let diff = store.diff(1, 2).unwrap();
    let change = |id| diff.changes.iter().find(|c| c.id == id).unwrap();
    assert!(change(op3).text_changed && change(op3).status_changed);
    assert!(change(pp14).moved);
    assert!(change(pp16).deleted);
    assert!(change(op12bis).added);
    assert!(change(op8).text_changed);
    assert_eq!(diff.stats.added, 1);
    assert_eq!(diff.stats.deleted, 1);
    assert_eq!(diff.stats.moved, 1);
    let later = store.diff(2, 3).unwrap();
    // OP12bis, as the room called it in round 2, opens round 3 renumbered as OP13.
    let op13_renumbered = later.changes.iter().find(|c| c.id == op12bis).unwrap();
    assert!(op13_renumbered.status_changed && op13_renumbered.renumbered);
    let across = store.diff(1, 3).unwrap();
    assert!(across.changes.iter().find(|c| c.id == op12bis).unwrap().added);

    // A paragraph's history: text and status in every round.
    let history = store.history(op8).unwrap();
    let statuses: Vec<StatusKind> = history.entries.iter().map(|e| e.status.kind()).collect();
    assert_eq!(
        statuses,
        [StatusKind::Agreed, StatusKind::Pending, StatusKind::Agreed, StatusKind::Agreed]
    );
    assert!(history.entries[1].text.contains("[Chile: domestic violence]"));
    assert!(!history.entries[2].text.contains('['));
    assert!(history.events.iter().any(|e| e.action == "bracket_lifted"));

    // The chair's sentence.
    let summary = store.summary(None).unwrap();
    assert_eq!(
        summary.sentence,
        "The draft contains 2 points on which agreement from 2 delegations is still pending: \
         operative paragraph 17 (Canada) and the whole text (Mexico)."
    );
    let canada = summary.by_delegation.iter().find(|d| d.delegation == "Canada").unwrap();
    assert_eq!(canada.items.len(), 1);
}
