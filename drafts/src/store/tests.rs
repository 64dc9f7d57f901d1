//! Store tests on real SQLite files.

use chrono::{Duration, Utc};
use rusqlite::Connection;
use tempfile::TempDir;

use super::*;
use crate::brackets::Resolution;
use crate::model::{Footnote, ParagraphId, ParagraphKind, RoundState, Status, StatusKind};
use crate::ErrorCode;

struct Fixture {
    _dir: TempDir,
    path: PathBuf,
    store: Store,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("test.accord");
    let store = Store::create(&path, NegotiationMeta::default()).expect("create");
    Fixture { _dir: dir, path, store }
}

fn add(store: &mut Store, kind: ParagraphKind, text: &str) -> ParagraphId {
    store.insert_paragraph(NewParagraph::at_end(kind, text)).expect("insert")
}

fn status(store: &Store, id: ParagraphId) -> StatusKind {
    store.paragraph(id).expect("paragraph").status.kind()
}

fn labels(store: &Store) -> Vec<String> {
    store.document(None).unwrap().paragraphs.into_iter().map(|p| p.paragraph.label).collect()
}

fn ad_ref(names: &[&str]) -> StatusChange {
    StatusChange::AdReferendum {
        delegations: names.iter().map(|s| s.to_string()).collect(),
        deadline: None,
    }
}

#[test]
fn a_new_file_has_round_one_open_and_the_oas_roster() {
    let f = fixture();
    let rounds = f.store.rounds().unwrap();
    assert_eq!(rounds.len(), 1);
    assert_eq!(rounds[0].state, RoundState::Open);
    assert_eq!(f.store.delegations().unwrap().len(), 35);
    let version: i64 =
        f.store.connection().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String =
        f.store.connection().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn every_status_transition_and_the_refusal_to_agree_a_bracketed_paragraph() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decide to act [now / soon].");
    assert_eq!(status(&f.store, id), StatusKind::Proposed);
    for (change, expected) in [
        (StatusChange::Pending, StatusKind::Pending),
        (StatusChange::Bracketed, StatusKind::Bracketed),
        (StatusChange::Proposed, StatusKind::Proposed),
        (ad_ref(&["Canada", "Mexico"]), StatusKind::AdReferendum),
        (StatusChange::Pending, StatusKind::Pending),
    ] {
        f.store.set_status(id, change).unwrap();
        assert_eq!(status(&f.store, id), expected);
    }
    let refused = f.store.set_status(id, StatusChange::Agreed).unwrap_err();
    assert!(matches!(refused, Error::BracketsRemain { count: 1, .. }), "{refused:?}");
    assert_eq!(refused.code(), "brackets_remain");
    assert_eq!(status(&f.store, id), StatusKind::Pending);

    f.store.resolve_bracket(id, 0, Resolution::Keep { option: 1 }).unwrap();
    assert_eq!(f.store.paragraph(id).unwrap().text, "Decide to act soon.");
    f.store.set_status(id, StatusChange::Agreed).unwrap();
    assert_eq!(status(&f.store, id), StatusKind::Agreed);

    let refused = f.store.delete_paragraph(id, None).unwrap_err();
    assert_eq!(refused.code(), "agreed_text_protected", "agreed text is deleted with a reason");
    f.store.delete_paragraph(id, Some("merged into OP2")).unwrap();
    assert_eq!(status(&f.store, id), StatusKind::Deleted);
    let events = f.store.events(Some(id)).unwrap();
    assert!(events.iter().any(|e| e.action == "reopened" && e.detail == "merged into OP2"));
    f.store.set_status(id, StatusChange::Pending).unwrap();
    assert_eq!(
        status(&f.store, id),
        StatusKind::Pending,
        "setting a status restores a deleted paragraph"
    );
}

#[test]
fn ad_referendum_needs_known_delegations() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decide.");
    assert!(matches!(f.store.set_status(id, ad_ref(&[])), Err(Error::NoDelegations)));
    assert!(matches!(
        f.store.set_status(id, ad_ref(&["Atlantis"])),
        Err(Error::UnknownDelegation(_))
    ));
    f.store
        .add_delegation(crate::model::Delegation {
            name: "Spain".into(),
            kind: crate::model::DelegationKind::Observer,
        })
        .unwrap();
    f.store.set_status(id, ad_ref(&["Spain"])).unwrap();
}

#[test]
fn lifting_an_ad_referendum_records_who_confirmed() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decide to act.");
    f.store.set_status(id, ad_ref(&["Brazil", "Canada", "Chile"])).unwrap();
    f.store.set_status(id, ad_ref(&["Canada"])).unwrap();
    f.store.set_status(id, StatusChange::Agreed).unwrap();
    let details: Vec<String> = f
        .store
        .events(Some(id))
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "status")
        .map(|e| e.detail)
        .collect();
    assert_eq!(
        &details[1..],
        [
            "ad_referendum → ad_referendum: confirmed by Brazil and Chile",
            "ad_referendum → agreed: confirmed by Canada"
        ]
    );
}

#[test]
fn agreed_text_is_protected_until_reopened_with_a_reason() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decide to act.");
    f.store.set_status(id, StatusChange::Agreed).unwrap();
    let err = f.store.edit_text(id, "Decide to act promptly.", None).unwrap_err();
    assert_eq!(err.code(), "agreed_text_protected");
    assert_eq!(f.store.paragraph(id).unwrap().text, "Decide to act.");
    f.store.edit_text(id, "Decide to act promptly.", Some("Brazil asked to reopen")).unwrap();
    let p = f.store.paragraph(id).unwrap();
    assert_eq!(p.text, "Decide to act promptly.");
    assert_eq!(p.status, Status::Pending);
    let events = f.store.events(Some(id)).unwrap();
    assert!(events.iter().any(|e| e.action == "reopened" && e.detail == "Brazil asked to reopen"));
}

#[test]
fn bracketing_agreed_words_reopens_the_paragraph_with_the_brackets_reason() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decide to act promptly.");
    f.store.set_status(id, StatusChange::Agreed).unwrap();
    let err = f.store.bracket_words(id, 10, 13, vec!["Brazil".into()], " ".into()).unwrap_err();
    assert_eq!(err.code(), "agreed_text_protected");
    assert_eq!(status(&f.store, id), StatusKind::Agreed);
    let reason = "Brazil needs instructions on the verb";
    f.store.bracket_words(id, 10, 13, vec!["Brazil".into()], reason.into()).unwrap();
    let p = f.store.paragraph(id).unwrap();
    assert_eq!((p.text.as_str(), p.status), ("Decide to [Brazil: act] promptly.", Status::Pending));
    let history = f.store.history(id).unwrap();
    let events: Vec<_> =
        history.events.iter().map(|e| (e.action.as_str(), e.detail.as_str())).collect();
    assert!(events.contains(&("reopened", reason)), "{events:?}");
    assert!(events.contains(&("bracket_placed", &*format!("[Brazil: act] — {reason}"))));
    assert_eq!(history.brackets.len(), 1);
    assert_eq!(
        (history.brackets[0].reason.as_str(), &history.brackets[0].holders[..]),
        (reason, &["Brazil".to_string()][..])
    );
}

#[test]
fn unbalanced_brackets_are_refused_with_a_position() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decide to act.");
    let err = f.store.edit_text(id, "Decide [to act.", None).unwrap_err();
    assert_eq!(err.code(), "unbalanced_brackets");
    assert!(err.to_string().contains("7"), "{err}");
    assert_eq!(f.store.paragraph(id).unwrap().text, "Decide to act.");
}

#[test]
fn silence_procedure_confirms_or_records_who_broke_it() {
    let mut f = fixture();
    let a = add(&mut f.store, ParagraphKind::Operative, "Decide A.");
    let b = add(&mut f.store, ParagraphKind::Operative, "Decide B.");
    let c = add(&mut f.store, ParagraphKind::Operative, "Decide C.");
    let past = Some(Utc::now() - Duration::hours(1));
    let future = Some(Utc::now() + Duration::hours(72));
    f.store
        .set_status(
            a,
            StatusChange::AdReferendum { delegations: vec!["Canada".into()], deadline: past },
        )
        .unwrap();
    f.store
        .set_status(
            b,
            StatusChange::AdReferendum { delegations: vec!["Canada".into()], deadline: future },
        )
        .unwrap();
    f.store
        .set_status(
            c,
            StatusChange::AdReferendum { delegations: vec!["Peru".into()], deadline: past },
        )
        .unwrap();

    assert_eq!(f.store.confirm_silence(b).unwrap_err().code(), "silence_not_over");
    f.store.break_silence(c, "Peru").unwrap();
    assert_eq!(status(&f.store, c), StatusKind::Pending);
    assert!(f.store.events(Some(c)).unwrap().iter().any(|e| e.detail == "silence broken by Peru"));
    assert_eq!(f.store.confirm_expired_silences().unwrap(), vec![a]);
    assert_eq!(status(&f.store, a), StatusKind::Agreed);
    assert_eq!(status(&f.store, b), StatusKind::AdReferendum);
}

#[test]
fn a_closed_round_refuses_updates_and_deletes_at_the_sql_level() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decide.");
    f.store.close_round(CloseRound::default()).unwrap();
    let conn = Connection::open(&f.path).unwrap();
    let attempts = [
        "UPDATE spans SET position = 5 WHERE first_round = 1",
        "UPDATE spans SET first_round = 2 WHERE first_round = 1",
        "UPDATE spans SET last_round = 1, label = 'x' WHERE first_round = 1",
        "DELETE FROM spans WHERE first_round = 1",
        "INSERT INTO spans (paragraph, first_round, version, position)
         SELECT paragraph, 1, version, 99 FROM spans",
        "UPDATE versions SET status = 'forged' WHERE round = 1",
        "DELETE FROM versions WHERE round = 1",
        "UPDATE texts SET body = 'forged'",
        "DELETE FROM texts",
        "UPDATE paragraphs SET id = 'forged'",
        "UPDATE rounds SET label = 'forged' WHERE number = 1",
        "DELETE FROM rounds WHERE number = 1",
    ];
    for sql in attempts {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(err.to_string().contains("round is closed"), "{sql}: {err}");
    }
    // Ending the span at the last closed round leaves every closed round as it was.
    conn.execute("UPDATE spans SET last_round = 1 WHERE first_round = 1", []).unwrap();
    conn.execute("UPDATE spans SET last_round = NULL WHERE first_round = 1", []).unwrap();
    assert_eq!(f.store.document(Some(1)).unwrap().paragraphs[0].paragraph.text, "Decide.");
    // The open round still changes, and round 1 keeps its text.
    f.store.edit_text(id, "Decide now.", None).unwrap();
    assert_eq!(f.store.document(Some(1)).unwrap().paragraphs[0].paragraph.text, "Decide.");
    assert_eq!(f.store.document(Some(2)).unwrap().paragraphs[0].paragraph.text, "Decide now.");
}

#[test]
fn the_last_close_can_be_undone_until_something_happens_in_the_next_round() {
    let mut f = fixture();
    let op1 = add(&mut f.store, ParagraphKind::Operative, "Decide one.");
    add(&mut f.store, ParagraphKind::Operative, "Decide two.");
    f.store.close_round(CloseRound::default()).unwrap();
    f.store
        .insert_paragraph(NewParagraph {
            placement: Placement::After { id: op1 },
            ..NewParagraph::at_end(ParagraphKind::Operative, "Decide one and a half.")
        })
        .unwrap();
    let before = f.store.document(None).unwrap();
    f.store.close_round(CloseRound { label: Some("rev.2".into()), date: None }).unwrap();
    assert_eq!(f.store.reopen_round(" ").unwrap_err().code(), "invalid");
    assert_eq!(f.store.reopenable_round().unwrap(), Some(2));
    let reopened = f.store.reopen_round("closed by mistake").unwrap();
    assert_eq!((reopened.number, reopened.state), (2, RoundState::Open));
    let after = f.store.document(None).unwrap();
    assert_eq!(after.paragraphs, before.paragraphs);
    assert_eq!(labels(&f.store), ["OP1", "OP1bis", "OP2"]);
    assert_eq!(f.store.rounds().unwrap().len(), 2);
    let events = f.store.events(None).unwrap();
    assert!(events.iter().any(|e| e.action == "round_reopened" && e.detail == "closed by mistake"));
    // The round goes on, closes again, and the file still proves every closed round.
    f.store.edit_text(op1, "Decide one, at last.", None).unwrap();
    f.store.close_round(CloseRound::default()).unwrap();
    assert_eq!(labels(&f.store), ["OP1", "OP2", "OP3"]);
    assert_eq!(f.store.verify().unwrap().first_mismatch, None);
    let stats = f.store.diff(2, 3).unwrap().stats;
    assert_eq!((stats.unchanged, stats.renumbered), (1, 2), "OP1bis became OP2, OP2 became OP3");

    f.store.note_export("clean text of round 2 as docx").unwrap();
    assert_eq!(f.store.reopenable_round().unwrap(), None);
    let err = f.store.reopen_round("too late").unwrap_err();
    assert_eq!(err.code(), "round_cannot_reopen");
    assert!(err.to_string().contains("has left the desk"), "{err}");
    f.store.close_round(CloseRound::default()).unwrap();
    f.store.edit_text(op1, "Decide one, finally.", None).unwrap();
    let err = f.store.reopen_round("too late").unwrap_err();
    assert!(err.to_string().contains("round 4 already has changes"), "{err}");
}

#[test]
fn a_long_paste_goes_in_as_paragraphs_in_one_undoable_step() {
    let mut f = fixture();
    let op1 = add(&mut f.store, ParagraphKind::Operative, "Decide one.");
    add(&mut f.store, ParagraphKind::Operative, "Decide two.");
    let pasted =
        "1. To urge states to act.\n\n2. To request a report on:\n\n(a) drought;\n\n(b) floods.\n";
    let draft =
        crate::import::import_bytes_as(pasted.as_bytes(), crate::import::ImportFormat::Text)
            .unwrap();
    let ids = f.store.insert_imported(&draft, Placement::After { id: op1 }).unwrap();
    assert_eq!(ids.len(), 4);
    assert_eq!(labels(&f.store), ["OP1", "OP1bis", "OP1ter", "OP1ter(a)", "OP1ter(b)", "OP2"]);
    let document = f.store.document(None).unwrap();
    assert_eq!(document.paragraphs[3].paragraph.parent, Some(ids[1]));
    assert_eq!(document.paragraphs[3].paragraph.text, "drought;");
    f.store.undo().unwrap();
    assert_eq!(labels(&f.store), ["OP1", "OP2"]);
}

#[test]
fn a_file_records_the_accord_that_last_wrote_it() {
    let f = fixture();
    assert_eq!(f.store.written_by().unwrap().as_deref(), Some(crate::VERSION));
    f.store
        .connection()
        .execute("UPDATE settings SET value = '0.0.9' WHERE key = 'accord_version'", [])
        .unwrap();
    drop(f.store);
    assert_eq!(
        Store::open_read_only(&f.path).unwrap().written_by().unwrap().as_deref(),
        Some("0.0.9")
    );
    assert_eq!(
        Store::open(&f.path).unwrap().written_by().unwrap().as_deref(),
        Some(crate::VERSION)
    );
}

#[test]
fn a_round_stores_only_the_paragraphs_that_changed() {
    let mut f = fixture();
    let ids: Vec<_> = (0..20)
        .map(|i| add(&mut f.store, ParagraphKind::Operative, &format!("Decide {i}.")))
        .collect();
    f.store.close_round(CloseRound::default()).unwrap();
    let count = |s: &Store, table: &str| -> i64 {
        s.connection()
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    let tables = ["versions", "texts", "spans"];
    let before = tables.map(|t| count(&f.store, t));
    for id in &ids[..3] {
        f.store.edit_text(*id, "Changed.", None).unwrap();
        f.store.set_status(*id, StatusChange::Pending).unwrap();
    }
    f.store.close_round(CloseRound::default()).unwrap();
    // A version, a text and a span for each changed paragraph; the other 17 add nothing.
    let after = tables.map(|t| count(&f.store, t));
    assert_eq!([0, 1, 2].map(|i| after[i] - before[i]), [3, 3, 3]);
    // Closing the next round copies nothing.
    let before = tables.map(|t| count(&f.store, t));
    f.store.close_round(CloseRound::default()).unwrap();
    assert_eq!(tables.map(|t| count(&f.store, t)), before);
}

#[test]
fn working_labels_are_born_with_the_paragraph_and_renumbered_when_the_round_closes() {
    let mut f = fixture();
    add(&mut f.store, ParagraphKind::Preambular, "RECOGNIZING a;");
    let op1 = add(&mut f.store, ParagraphKind::Operative, "Decide one.");
    let op2 = add(&mut f.store, ParagraphKind::Operative, "Decide two.");
    assert_eq!(labels(&f.store), ["PP1", "OP1", "OP2"]);
    f.store.close_round(CloseRound::default()).unwrap();
    let bis = f
        .store
        .insert_paragraph(NewParagraph {
            kind: ParagraphKind::Operative,
            text: "Decide one and a half.".into(),
            parent: None,
            placement: Placement::After { id: op1 },
            alternative_to: None,
            proposers: vec![],
        })
        .unwrap();
    let alt = f
        .store
        .insert_paragraph(NewParagraph {
            kind: ParagraphKind::Operative,
            text: "Decide two, differently.".into(),
            parent: None,
            placement: Placement::After { id: op2 },
            alternative_to: Some(op2),
            proposers: vec!["Chile".into()],
        })
        .unwrap();
    assert_eq!(labels(&f.store), ["PP1", "OP1", "OP1bis", "OP2", "OP2alt"]);
    assert_eq!(f.store.find_paragraph("op1BIS").unwrap(), bis);
    assert_eq!(f.store.paragraph(alt).unwrap().proposers, ["Chile"]);
    // The text reads as the margin does while the round is open; the clean numbers wait.
    let document = f.store.document(None).unwrap();
    let numbers: Vec<_> = document.paragraphs.iter().map(|p| p.number.as_deref()).collect();
    assert_eq!(numbers, [Some("1"), Some("1"), Some("1bis"), Some("2"), Some("2alt")]);
    let clean: Vec<_> = document.paragraphs.iter().map(|p| p.clean_number.as_deref()).collect();
    assert_eq!(clean, [Some("1"), Some("1"), Some("2"), Some("3"), Some("4")]);
    f.store.close_round(CloseRound::default()).unwrap();
    assert_eq!(labels(&f.store), ["PP1", "OP1", "OP2", "OP3", "OP4"]);
}

#[test]
fn moving_a_paragraph_takes_its_sub_paragraphs_along() {
    let mut f = fixture();
    let op1 = add(&mut f.store, ParagraphKind::Operative, "Instruct the Secretariat:");
    let sub = f
        .store
        .insert_paragraph(NewParagraph {
            parent: Some(op1),
            ..NewParagraph::at_end(ParagraphKind::SubParagraph, "to report;")
        })
        .unwrap();
    let op2 = add(&mut f.store, ParagraphKind::Operative, "Decide.");
    f.store.move_paragraph(op1, Placement::After { id: op2 }).unwrap();
    let order: Vec<_> =
        f.store.document(None).unwrap().paragraphs.into_iter().map(|p| p.paragraph.id).collect();
    assert_eq!(order, [op2, op1, sub]);
    // Labels travel with their paragraphs until the round closes.
    assert_eq!(labels(&f.store), ["OP2", "OP1", "OP1(a)"]);
    f.store.close_round(CloseRound::default()).unwrap();
    assert_eq!(labels(&f.store), ["OP1", "OP2", "OP2(a)"]);
    let err = f.store.move_paragraph(op1, Placement::After { id: sub }).unwrap_err();
    assert_eq!(err.code(), "invalid");
}

#[test]
fn undo_and_redo_the_sessions_edits() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decide.");
    f.store.edit_text(id, "Decide now.", None).unwrap();
    f.store.set_status(id, StatusChange::Pending).unwrap();
    assert_eq!(f.store.undo().unwrap().as_deref(), Some("status"));
    assert_eq!(status(&f.store, id), StatusKind::Proposed);
    assert_eq!(f.store.undo().unwrap().as_deref(), Some("edited"));
    assert_eq!(f.store.paragraph(id).unwrap().text, "Decide.");
    assert_eq!(f.store.undo().unwrap().as_deref(), Some("insert"));
    assert!(f.store.document(None).unwrap().paragraphs.is_empty());
    assert_eq!(f.store.undo().unwrap(), None);
    assert_eq!(f.store.redo().unwrap().as_deref(), Some("insert"));
    assert_eq!(f.store.redo().unwrap().as_deref(), Some("edited"));
    assert_eq!(f.store.paragraph(id).unwrap().text, "Decide now.");
    assert_eq!(f.store.can_undo_redo(), (true, true));
    f.store.set_notes(id, "a note".into()).unwrap();
    assert_eq!(f.store.can_undo_redo(), (true, false), "a new edit drops the redo branch");
}

#[test]
fn brackets_are_objects_with_holders_rounds_and_outcomes() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Mobilize new and additional resources.");
    f.store.bracket_words(id, 9, 27, vec!["United States".into()], "financing".into()).unwrap();
    assert_eq!(
        f.store.paragraph(id).unwrap().text,
        "Mobilize [United States: new and additional] resources."
    );
    f.store.close_round(CloseRound::default()).unwrap();
    f.store.resolve_bracket(id, 0, Resolution::Drop).unwrap();
    assert_eq!(f.store.paragraph(id).unwrap().text, "Mobilize resources.");
    let log = f.store.bracket_log().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].holders, ["United States"]);
    assert_eq!(log[0].reason, "financing");
    assert_eq!((log[0].placed_round, log[0].lifted_round), (1, Some(2)));
    assert_eq!(log[0].outcome.as_deref(), Some("dropped"));
}

#[test]
fn footnotes_proposers_notes_and_kind_changes_persist() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Preambular, "Decide.");
    f.store.set_kind(id, ParagraphKind::Operative, None).unwrap();
    f.store.set_proposers(id, vec!["Peru".into()]).unwrap();
    f.store.set_notes(id, "Check with the legal adviser".into()).unwrap();
    let note = Footnote { delegation: Some("Canada".into()), text: "Reservation.".into() };
    f.store.set_footnotes(id, vec![note.clone()]).unwrap();
    drop(f.store);
    let store = Store::open(&f.path).unwrap();
    let p = store.paragraph(id).unwrap();
    assert_eq!(p.kind, ParagraphKind::Operative);
    assert_eq!(p.proposers, ["Peru"]);
    assert_eq!(p.notes, "Check with the legal adviser");
    assert_eq!(p.footnotes, [note]);
    let mut store = store;
    let err = store.set_kind(id, ParagraphKind::SubParagraph, None).unwrap_err();
    assert_eq!(err.code(), "invalid");
}

#[test]
fn a_file_made_with_the_first_schema_is_upgraded_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.accord");
    {
        let mut conn = Connection::open(&path).unwrap();
        Migrations::new(vec![M::up(MIGRATION_SQL[0])]).to_latest(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO negotiation VALUES (1, '6f9619ff-8b86-d011-b42d-00c04fc964ff', 'Old draft',
                'AG/doc.1/11', 'General Assembly', '', 'English', 'oas', '[\"Mexico\"]',
                '2011-04-05T10:00:00+00:00');
             INSERT INTO delegations VALUES ('Mexico', 'member', 0);
             INSERT INTO rounds VALUES (1, 'Formal session', '2011-04-05', 'open', NULL);
             INSERT INTO paragraphs VALUES ('0e5b1c3a-8f43-4c1e-9a53-5a0ad1e0b8a1', 1);
             INSERT INTO paragraph_versions VALUES (1, '0e5b1c3a-8f43-4c1e-9a53-5a0ad1e0b8a1', 1,
                'operative', NULL, 'Decide.', '{\"state\":\"agreed\"}', '[]', '[]', '');
             INSERT INTO round_paragraphs VALUES (1, '0e5b1c3a-8f43-4c1e-9a53-5a0ad1e0b8a1', 1, 1024.0, 'OP1');",
        )
        .unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 1);
    }
    let mut store = Store::open(&path).unwrap();
    let version: i64 =
        store.connection().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let document = store.document(None).unwrap();
    assert_eq!(
        document.negotiation.status_line().as_deref(),
        Some("(ad referendum of the delegation of Mexico)")
    );
    assert_eq!(document.paragraphs[0].paragraph.text, "Decide.");
    store.close_round(CloseRound::default()).unwrap();
}

/// A paragraph of a round as a schema-4 file stores it, read with plain SQL.
type OldParagraph =
    (String, String, String, Option<String>, String, Status, Vec<Footnote>, Vec<String>, String);

fn old_round(conn: &Connection, round: u32) -> Vec<OldParagraph> {
    let mut stmt = conn
        .prepare(
            "SELECT rp.paragraph_id, rp.label, v.kind, v.parent_id, v.text, v.status, v.footnotes,
                    v.proposers, v.notes
             FROM round_paragraphs rp JOIN paragraph_versions v ON v.id = rp.version_id
             WHERE rp.round = ?1 ORDER BY rp.position",
        )
        .unwrap();
    stmt.query_map([round], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            rows::from_json(&r.get::<_, String>(5)?).unwrap(),
            rows::from_json(&r.get::<_, String>(6)?).unwrap(),
            rows::from_json(&r.get::<_, String>(7)?).unwrap(),
            r.get(8)?,
        ))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn files_of_schema_four_read_the_same_after_compaction() {
    // Made by Accord at schema 4, before proposals and compact storage: the sample with moves,
    // insertions, a deleted parent and more rounds (round 5 open), and a generated negotiation
    // (round 7 open).
    for fixture in ["sample-schema4.accord", "generated-schema4.accord"] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(fixture);
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/testdata").join(fixture);
        std::fs::copy(&source, &path).unwrap();
        let (expected, events) = {
            let conn = Connection::open(&path).unwrap();
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
            assert_eq!(version, 4, "{fixture}");
            let rounds: u32 =
                conn.query_row("SELECT MAX(number) FROM rounds", [], |r| r.get(0)).unwrap();
            let expected: Vec<Vec<OldParagraph>> =
                (1..=rounds).map(|n| old_round(&conn, n)).collect();
            let mut stmt = conn
                .prepare("SELECT at, round, paragraph_id, action, detail FROM events ORDER BY id")
                .unwrap();
            let events: Vec<(String, u32, Option<String>, String, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            (expected, events)
        };
        let store = Store::open(&path).unwrap();
        for (i, old) in expected.iter().enumerate() {
            let round = i as u32 + 1;
            let now: Vec<OldParagraph> = store
                .document(Some(round))
                .unwrap()
                .paragraphs
                .into_iter()
                .map(|n| {
                    let p = n.paragraph;
                    (
                        p.id.to_string(),
                        p.label,
                        p.kind.as_str().to_string(),
                        p.parent.map(|id| id.to_string()),
                        p.text,
                        p.status,
                        p.footnotes,
                        p.proposers,
                        p.notes,
                    )
                })
                .collect();
            assert_eq!(&now, old, "{fixture}, round {round}");
        }
        let verification = store.verify().unwrap();
        assert!(!verification.rounds.is_empty());
        assert!(
            verification.rounds.iter().all(|r| r.matches && r.stored.is_some()),
            "{fixture}: {verification:?}"
        );
        let now: Vec<_> = store
            .events(None)
            .unwrap()
            .into_iter()
            .map(|e| (e.at, e.round, e.paragraph.map(|p| p.to_string()), e.action, e.detail))
            .collect();
        let old: Vec<_> = events
            .into_iter()
            .map(|(at, round, p, action, detail)| {
                (rows::parse_time(&at).unwrap(), round, p, action, detail)
            })
            .collect();
        assert_eq!(now, old, "{fixture}");
        for round in 2..expected.len() as u32 {
            assert!(store.has_stored_diff(round - 1, round).unwrap());
            let stored = store.diff(round - 1, round).unwrap();
            let computed = crate::diff::diff_rounds(
                round - 1,
                &store.document(Some(round - 1)).unwrap().paragraphs,
                round,
                &store.document(Some(round)).unwrap().paragraphs,
            );
            // Stored word spans keep the tokens of the day they were stored; they still rebuild
            // both texts, and everything else matches.
            let texts = |d: &crate::diff::RoundDiff| -> Vec<(String, String)> {
                let side = |c: &crate::diff::ParagraphChange, skip| {
                    c.spans.iter().filter(|s| s.op != skip).map(|s| s.text.as_str()).collect()
                };
                let (insert, delete) = (crate::diff::SpanOp::Insert, crate::diff::SpanOp::Delete);
                d.changes.iter().map(|c| (side(c, insert), side(c, delete))).collect()
            };
            assert_eq!(
                texts(&stored),
                texts(&computed),
                "{fixture}, rounds {} and {round}",
                round - 1
            );
            let without_spans = |mut d: crate::diff::RoundDiff| {
                d.changes.iter_mut().for_each(|c| c.spans.clear());
                d
            };
            assert_eq!(without_spans(stored), without_spans(computed), "{fixture}, round {round}");
        }
        let old_tables: i64 = store
            .connection()
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE name IN
                 ('round_paragraphs', 'paragraph_versions', 'events_v4', 'round_diffs_v4')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(old_tables, 0);
        // The open round goes on: edited, closed, still verified.
        let mut store = store;
        let last = store.document(None).unwrap().paragraphs[1].paragraph.clone();
        store.edit_text(last.id, "Changed after the upgrade.", Some("test")).unwrap();
        store.close_round(CloseRound::default()).unwrap();
        assert_eq!(store.verify().unwrap().first_mismatch, None);
    }
}

#[test]
fn opening_something_else_fails_with_a_clear_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(
        &text,
        "RECOGNIZING that this is not a database at all, just text. ".repeat(200),
    )
    .unwrap();
    assert_eq!(Store::open(&text).unwrap_err().code(), "not_a_negotiation");

    let other = dir.path().join("other.sqlite");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 0;")
        .unwrap();
    assert_eq!(Store::open(&other).unwrap_err().code(), "not_a_negotiation");

    let newer = dir.path().join("newer.accord");
    Store::create(&newer, NegotiationMeta::default()).unwrap();
    Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let err = Store::open(&newer).unwrap_err();
    assert_eq!(err.code(), "newer_schema");
    assert!(err.to_string().contains("newer version of Accord"));

    let corrupt = dir.path().join("corrupt.accord");
    Store::create(&corrupt, NegotiationMeta::default()).unwrap();
    let mut bytes = std::fs::read(&corrupt).unwrap();
    for b in bytes.iter_mut().skip(100).take(3000) {
        *b = 0x5a;
    }
    std::fs::write(&corrupt, bytes).unwrap();
    assert_eq!(Store::open(&corrupt).unwrap_err().code(), "corrupt");

    assert_eq!(Store::open(&dir.path().join("missing.accord")).unwrap_err().code(), "io");
    assert_eq!(Store::create(&newer, NegotiationMeta::default()).unwrap_err().code(), "invalid");
}

#[test]
fn errors_serialize_as_code_and_message() {
    let json = serde_json::to_value(Error::UnknownRound(7)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({ "code": "unknown_round", "message": "round 7 does not exist" })
    );
}

#[test]
fn the_sample_negotiation_has_every_status_and_three_rounds() {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::sample::create(&dir.path().join("sample.accord")).unwrap();
    let rounds = store.rounds().unwrap();
    assert_eq!(rounds.len(), 3);
    assert_eq!(rounds[2].label, "rev.2");
    let summary = store.summary(None).unwrap();
    for count in &summary.counts {
        assert!(count.count > 0, "no paragraph is {:?}", count.status);
    }
    assert!(store.has_stored_diff(1, 2).unwrap());
    assert!(
        summary.sentence.starts_with(
            "The draft contains 2 points on which agreement from 3 delegations is still pending"
        ),
        "{}",
        summary.sentence
    );
}

#[test]
fn closed_rounds_are_fingerprinted_and_tampering_is_named() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decide.");
    f.store.close_round(CloseRound::default()).unwrap();
    f.store.edit_text(id, "Decide now.", None).unwrap();
    f.store.close_round(CloseRound::default()).unwrap();
    f.store.close_round(CloseRound::default()).unwrap();
    let rounds = f.store.rounds().unwrap();
    assert_eq!(rounds[0].short_fingerprint().map(str::len), Some(12));
    assert!(rounds[3].fingerprint.is_none(), "the open round has no fingerprint");
    let clean = f.store.verify().unwrap();
    assert_eq!(clean.rounds.len(), 3);
    assert_eq!(clean.first_mismatch, None);

    // Someone edits round 2 behind Accord's back, dropping the guard triggers first.
    let conn = Connection::open(&f.path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER text_update;
         UPDATE texts SET body = 'Decide never.'
         WHERE id = (SELECT text FROM versions WHERE round = 2);",
    )
    .unwrap();
    let report = f.store.verify().unwrap();
    assert_eq!(report.first_mismatch, Some(2));
    assert!(report.rounds[0].matches && !report.rounds[1].matches);
}

#[test]
fn each_round_close_leaves_a_backup_that_can_be_restored() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decide.");
    f.store.close_round(CloseRound::default()).unwrap();
    f.store.edit_text(id, "Decide now.", None).unwrap();
    f.store.close_round(CloseRound::default()).unwrap();
    let backups = f.store.backups().unwrap();
    assert_eq!(backups.iter().map(|b| b.round).collect::<Vec<_>>(), [1, 2]);
    let target = f.path.with_file_name("restored.accord");
    let restored = Store::restore(Path::new(&backups[0].path), &target).unwrap();
    assert_eq!(restored.rounds().unwrap().len(), 2);
    assert_eq!(restored.paragraph(id).unwrap().text, "Decide.");
    assert_eq!(restored.verify().unwrap().first_mismatch, None);
    assert_eq!(Store::restore(Path::new(&backups[0].path), &target).unwrap_err().code(), "invalid");
}

#[test]
fn one_writer_at_a_time_and_readers_alongside() {
    let f = fixture();
    let err = Store::open(&f.path).unwrap_err();
    assert_eq!(err.code(), "in_use");
    assert!(err.to_string().contains("another Accord window"));
    let mut reader = Store::open_read_only(&f.path).unwrap();
    assert!(reader.is_read_only());
    assert_eq!(reader.rounds().unwrap().len(), 1);
    let refused = reader.set_notes(ParagraphId::new(), "x".into()).unwrap_err();
    assert!(
        [ErrorCode::ReadOnly, ErrorCode::UnknownParagraph].contains(&refused.code()),
        "{refused:?}"
    );
    let refused = reader.rename_round("Formal session").unwrap_err();
    assert_eq!(refused.code(), "read_only");
    drop(f.store);
    Store::open(&f.path).expect("the lock goes with the writer");
}

#[test]
fn save_as_writes_a_copy_and_opens_it() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decide.");
    let copy_path = f.path.with_file_name("copy.accord");
    let mut copy = f.store.save_copy(&copy_path).unwrap();
    copy.edit_text(id, "Decide in the copy.", None).unwrap();
    assert_eq!(f.store.paragraph(id).unwrap().text, "Decide.");
    assert_eq!(copy.paragraph(id).unwrap().text, "Decide in the copy.");
    assert_eq!(f.store.save_copy(&f.path).unwrap_err().code(), "invalid");
}

#[test]
fn a_translation_of_a_closed_round_is_frozen_by_the_schema() {
    let mut f = fixture();
    add(&mut f.store, ParagraphKind::Operative, "Decides to approve the report;");
    let conn = f.store.connection();
    conn.execute("INSERT INTO languages (code, position) VALUES ('es', 1)", []).unwrap();
    conn.execute(
        "INSERT INTO translations (paragraph, language, round, text, source)
         VALUES (1, 'es', 1, 'Decide aprobar el informe;', 'Decides to approve the report;')",
        [],
    )
    .unwrap();
    f.store.close_round(CloseRound::default()).unwrap();
    let conn = f.store.connection();
    assert!(conn.execute("UPDATE translations SET reviewed = 1", []).is_err());
    assert!(conn.execute("DELETE FROM translations", []).is_err());
    let late = "INSERT INTO translations (paragraph, language, round, text, source)
                VALUES (1, 'es', 1, 'x', 'y')";
    assert!(conn.execute(late, []).is_err());
}

#[test]
fn a_file_of_schema_four_opens_with_no_language_versions_and_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample-schema4.accord");
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/testdata/sample-schema4.accord");
    std::fs::copy(&source, &path).unwrap();
    let store = Store::open(&path).unwrap();
    let conn = store.connection();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let kept: i64 = conn
        .query_row(
            "SELECT (SELECT COUNT(*) FROM languages) + (SELECT COUNT(*) FROM translations)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept, 0);
    assert_eq!(store.verify().unwrap().first_mismatch, None);
}

fn versions_of(store: &Store) -> Vec<(u32, String, String, String)> {
    let mut stmt = store
        .connection()
        .prepare("SELECT round, status, footnotes, proposers FROM versions ORDER BY id")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)));
    rows.unwrap().map(|row| row.unwrap()).collect()
}

#[test]
fn a_kind_is_stored_by_its_short_name() {
    let mut f = fixture();
    add(&mut f.store, ParagraphKind::Preambular, "Recalling its resolutions,");
    add(&mut f.store, ParagraphKind::Operative, "Decides to meet again.");
    let kinds: Vec<String> = f
        .store
        .connection()
        .prepare("SELECT kind FROM versions ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|kind| kind.unwrap())
        .collect();
    assert_eq!(kinds, ["PP", "OP"]);
    f.store.connection().execute("UPDATE versions SET kind = 'operative'", []).unwrap();
    let document = f.store.document(None).unwrap();
    assert!(document.paragraphs.iter().all(|p| p.paragraph.kind == ParagraphKind::Operative));
}

#[test]
fn a_status_is_stored_by_name_and_its_delegations_a_line_each() {
    let mut f = fixture();
    let agreed = add(&mut f.store, ParagraphKind::Operative, "Decides to meet again.");
    let ad_ref_of_peru = add(&mut f.store, ParagraphKind::Operative, "Urges States to act.");
    f.store.set_status(agreed, StatusChange::Agreed).unwrap();
    f.store.set_status(ad_ref_of_peru, ad_ref(&["Peru"])).unwrap();
    let stored = versions_of(&f.store);
    assert_eq!(
        (stored[0].1.as_str(), stored[0].2.as_str(), stored[0].3.as_str()),
        ("agreed", "", "")
    );
    assert!(stored[1].1.starts_with("ad_referendum\n") && stored[1].1.ends_with("\n\nPeru"));
    assert_eq!(status(&f.store, agreed), StatusKind::Agreed);
    assert_eq!(status(&f.store, ad_ref_of_peru), StatusKind::AdReferendum);
}

#[test]
fn versions_stored_as_json_before_schema_12_read_and_are_not_written_again() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decides to meet again.");
    f.store.set_status(id, StatusChange::Agreed).unwrap();
    f.store
        .connection()
        .execute_batch(
            "UPDATE versions SET status = '{\"state\":\"agreed\"}', footnotes = '[]',
                proposers = '[]'",
        )
        .unwrap();
    f.store.close_round(CloseRound::default()).unwrap();
    assert_eq!(status(&f.store, id), StatusKind::Agreed);
    f.store.set_notes(id, "Ask the Secretariat.".into()).unwrap();
    f.store.set_notes(id, String::new()).unwrap();
    let stored = versions_of(&f.store);
    assert_eq!(stored.len(), 1, "the round-1 version serves round 2 again: {stored:?}");
    assert_eq!(f.store.paragraph(id).unwrap().footnotes, Vec::new());
}

#[test]
fn the_log_names_each_action_once_and_reads_as_before() {
    let mut f = fixture();
    let id = add(&mut f.store, ParagraphKind::Operative, "Decides to meet again.");
    f.store.set_status(id, StatusChange::Agreed).unwrap();
    f.store.set_status(id, ad_ref(&["Peru"])).unwrap();
    f.store.set_status(id, StatusChange::Agreed).unwrap();
    let conn = f.store.connection();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let names = count("SELECT count(*) FROM event_actions");
    let logged = count("SELECT count(*) FROM event_log");
    assert!(names < logged, "{names} names for {logged} events");
    let actions: Vec<String> =
        f.store.events(Some(id)).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["inserted", "status", "status", "status"]);
}

#[test]
fn every_status_reads_back_as_stored() {
    let since = Utc::now();
    let ad_ref = |delegations: &[&str], deadline| {
        Status::AdReferendum(crate::model::AdReferendum {
            delegations: delegations.iter().map(|d| d.to_string()).collect(),
            since,
            deadline,
        })
    };
    let statuses = [
        Status::Agreed,
        Status::Bracketed,
        Status::Pending,
        Status::Proposed,
        Status::Deleted,
        ad_ref(&["Peru"], None),
        ad_ref(&["Trinidad and Tobago", "Saint Kitts and Nevis"], Some(since + Duration::days(3))),
        ad_ref(&[], None),
    ];
    for status in statuses {
        let stored = rows::stored_status(&status);
        assert_eq!(rows::status_from_stored(&stored).unwrap(), status, "{stored:?}");
        assert_eq!(rows::status_from_stored(&rows::to_json(&status)).unwrap(), status);
    }
    for damaged in ["ad_referendum", "ad_referendum\nyesterday\n\nPeru", "settled"] {
        assert!(matches!(rows::status_from_stored(damaged), Err(Error::Corrupt(_))), "{damaged}");
    }
}

#[test]
fn a_deleted_paragraph_shows_struck_in_its_round_and_is_left_behind_by_the_next() {
    let mut f = fixture();
    let kept = add(&mut f.store, ParagraphKind::Operative, "Decide to act.");
    let gone = add(&mut f.store, ParagraphKind::Operative, "Decide to wait.");
    f.store.close_round(CloseRound::default()).unwrap();
    f.store.delete_paragraph(gone, None).unwrap();
    f.store.close_round(CloseRound::default()).unwrap();
    fn ids(store: &Store, round: u32) -> Vec<ParagraphId> {
        let document = store.document(Some(round)).unwrap();
        document.paragraphs.iter().map(|p| p.paragraph.id).collect()
    }
    assert_eq!(ids(&f.store, 2), [kept, gone], "round 2 shows the paragraph it deleted, struck");
    assert_eq!(ids(&f.store, 3), [kept], "round 3 no longer holds it");
    let across = f.store.diff(1, 3).unwrap();
    assert!(across.changes.iter().any(|c| c.id == gone && c.deleted), "1→3 reports the deletion");
    let next = f.store.diff(2, 3).unwrap();
    assert!(
        !next.changes.iter().any(|c| c.id == gone && c.deleted),
        "2→3 does not report it again"
    );
    let history = f.store.history(gone).unwrap();
    assert_eq!(history.entries.iter().map(|e| e.round).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(f.store.verify().unwrap().first_mismatch, None);

    f.store.reopen_round("the deletion was premature").unwrap();
    f.store.set_status(gone, StatusChange::Pending).unwrap();
    f.store.close_round(CloseRound::default()).unwrap();
    assert_eq!(ids(&f.store, 3), [kept, gone], "reopening round 2 gives the paragraph back");
}
