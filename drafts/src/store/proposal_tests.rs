//! Proposals on real SQLite files: a chair's file, delegations' copies, files exchanged.

use tempfile::TempDir;

use super::*;
use crate::model::{ParagraphId, ParagraphKind, Status, StatusKind};
use crate::proposals::{ProposalId, ProposalState, ProposalsFile, Stance};

struct Table {
    dir: TempDir,
    chair: Store,
    op1: ParagraphId,
    op2: ParagraphId,
}

const OP1: &str = "Strengthen cooperation to combat crime in the region;";
const OP2: &str = "Promote the exchange of good practices among member states;";

fn table() -> Table {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut chair = Store::create(&dir.path().join("chair.accord"), NegotiationMeta::default())
        .expect("create");
    chair.insert_paragraph(NewParagraph::at_end(ParagraphKind::VerbLine, "DECLARE:")).unwrap();
    let op1 = chair.insert_paragraph(NewParagraph::at_end(ParagraphKind::Operative, OP1)).unwrap();
    let op2 = chair.insert_paragraph(NewParagraph::at_end(ParagraphKind::Operative, OP2)).unwrap();
    chair.close_round(CloseRound::default()).unwrap();
    Table { dir, chair, op1, op2 }
}

impl Table {
    /// The copy the chair circulates, opened by `delegation` in delegation mode.
    fn copy_for(&mut self, delegation: &str) -> Store {
        let path = self.dir.path().join(format!("{delegation}.accord"));
        self.chair.circulate(&path, delegation).unwrap()
    }
}

fn amend(paragraph: ParagraphId, text: &str) -> ProposalRequest {
    ProposalRequest::Amend { paragraph, text: text.to_string() }
}

fn exchanged(file: &ProposalsFile) -> ProposalsFile {
    ProposalsFile::from_bytes(file.to_json().as_bytes()).expect("reads back")
}

#[test]
fn a_delegation_copy_proposes_and_never_changes_the_text() {
    let mut t = table();
    let mut canada = t.copy_for("Canada");
    assert_eq!(canada.acting_delegation().unwrap().as_deref(), Some("Canada"));
    let nothing = canada.export_proposals("Canada").unwrap_err();
    assert_eq!(nothing.code(), "no_open_proposals");
    let err = canada.edit_text(t.op1, "Anything else;", None).unwrap_err();
    assert_eq!(err.code(), "delegation_mode");
    assert!(err.to_string().contains("Canada"));
    assert_eq!(canada.close_round(CloseRound::default()).unwrap_err().code(), "delegation_mode");
    let err = canada.propose("Mexico", amend(t.op1, "x"), "").unwrap_err();
    assert_eq!(err.code(), "delegation_mode");
    let id = canada
        .propose("Canada", amend(t.op1, OP1.replace("crime", "organized crime").as_str()), "")
        .unwrap();
    assert_eq!(canada.paragraph(t.op1).unwrap().text, OP1, "the text is the chair's");
    let records = canada.proposals().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].proposal.id, id);
    assert_eq!(records[0].proposal.change.describe(), "insert \"organized\"");
    let file = canada.export_proposals("Canada").unwrap();
    assert_eq!(file.round, 2);
    assert_eq!(file.proposals.len(), 1);
    assert_eq!(file.fingerprint.len(), 64);
}

#[test]
fn the_chair_imports_once_compiles_and_sees_conflicts_side_by_side() {
    let mut t = table();
    let mut canada = t.copy_for("Canada");
    let mut mexico = t.copy_for("Mexico");
    let c = canada
        .propose("Canada", amend(t.op1, &OP1.replace("crime", "organized crime")), "")
        .unwrap();
    let m = mexico
        .propose("Mexico", amend(t.op1, &OP1.replace("crime", "transnational crime")), "")
        .unwrap();
    let m2 = mexico.propose("Mexico", amend(t.op2, &OP2.replace("good", "best")), "").unwrap();
    let canada_file = exchanged(&canada.export_proposals("Canada").unwrap());
    let mexico_file = exchanged(&mexico.export_proposals("Mexico").unwrap());

    let first = t.chair.import_proposals(&canada_file, "canada.json").unwrap();
    assert_eq!((first.added, first.already_present), (1, 0));
    assert!(first.fingerprint_matches);
    let again = t.chair.import_proposals(&canada_file, "canada.json").unwrap();
    assert_eq!((again.added, again.already_present), (0, 1), "the same file twice adds nothing");
    t.chair.import_proposals(&mexico_file, "mexico.json").unwrap();
    assert_eq!(t.chair.proposals().unwrap().len(), 3);

    t.chair.set_stance(c, "Peru", Some(Stance::Support)).unwrap();
    t.chair.set_stance(c, "Chile", Some(Stance::Oppose)).unwrap();
    let compilation = t.chair.compilation().unwrap();
    assert_eq!((compilation.open, compilation.conflicts, compilation.outdated), (3, 2, 0));
    assert_eq!(compilation.delegations, ["Canada", "Mexico"]);
    let labels: Vec<&str> = compilation.entries.iter().map(|e| e.label.as_str()).collect();
    assert_eq!(labels, ["OP1", "OP2"]);
    let op1 = &compilation.entries[0].proposals;
    let canada_entry = op1.iter().find(|p| p.record.proposal.id == c).unwrap();
    assert_eq!(canada_entry.conflicts_with, [m]);
    assert_eq!(canada_entry.record.supporters, ["Peru"]);
    assert_eq!(canada_entry.record.opponents, ["Chile"]);
    assert_eq!(
        canada_entry.proposed_text.as_deref(),
        Some("Strengthen cooperation to combat organized crime in the region;")
    );
    assert_eq!(canada_entry.standing, Standing::Applies);
    let op2_entry = &compilation.entries[1].proposals[0];
    assert!(op2_entry.conflicts_with.is_empty());
    assert_eq!(op2_entry.record.proposal.id, m2);
}

#[test]
fn accept_reject_and_alternatives_in_one_action_each_with_undo() {
    let mut t = table();
    t.chair.set_status(t.op2, StatusChange::Agreed).unwrap();
    let c = t
        .chair
        .propose("Canada", amend(t.op1, &OP1.replace("crime", "organized crime")), "")
        .unwrap();
    let m = t
        .chair
        .propose("Mexico", amend(t.op1, &OP1.replace("crime", "transnational crime")), "")
        .unwrap();
    let p = t.chair.propose("Peru", amend(t.op2, &OP2.replace("good", "best")), "").unwrap();
    let u = t.chair.propose("United States", ProposalRequest::Delete { paragraph: t.op2 }, "");
    let u = u.unwrap();

    t.chair.accept_proposal(p).unwrap();
    let op2 = t.chair.paragraph(t.op2).unwrap();
    assert_eq!(op2.text, OP2.replace("good", "best"));
    assert_eq!(op2.status, Status::Pending, "accepting into agreed text reopens it");
    assert_eq!(t.chair.accept_proposal(p).unwrap_err().code(), "proposal_decided");
    t.chair.undo().unwrap();
    assert_eq!(t.chair.paragraph(t.op2).unwrap().text, OP2);
    assert_eq!(state(&t.chair, p), ProposalState::Open, "undo reopens the proposal");
    t.chair.redo().unwrap();
    assert_eq!(state(&t.chair, p), ProposalState::Accepted);

    t.chair.reject_proposal(u, "no support in the room").unwrap();
    let rejected = record(&t.chair, u);
    assert_eq!(
        (rejected.state, rejected.decision_note.as_str()),
        (ProposalState::Rejected, "no support in the room")
    );

    t.chair.bracket_proposals(&[c, m], false).unwrap();
    let op1 = t.chair.paragraph(t.op1).unwrap();
    assert_eq!(
        op1.text,
        "Strengthen cooperation to combat [organized crime / transnational crime] in the region;"
    );
    assert_eq!(op1.status.kind(), StatusKind::Pending);
    assert_eq!(state(&t.chair, c), ProposalState::Bracketed);
    let bracket = t.chair.bracket_log().unwrap().into_iter().last().unwrap();
    assert_eq!(bracket.holders, ["Canada", "Mexico"]);
    assert_eq!(bracket.reason, "alternatives proposed by Canada and Mexico");
    t.chair.undo().unwrap();
    assert_eq!(t.chair.paragraph(t.op1).unwrap().text, OP1);
    assert_eq!(state(&t.chair, m), ProposalState::Open);
    t.chair.bracket_proposals(&[c, m], true).unwrap();
    assert!(t
        .chair
        .paragraph(t.op1)
        .unwrap()
        .text
        .contains("[crime / organized crime / transnational crime]"));
}

#[test]
fn new_paragraphs_deletions_brackets_ad_referendum_and_comments_are_decided_too() {
    let mut t = table();
    let chair = &mut t.chair;
    let insert = ProposalRequest::Insert {
        kind: ParagraphKind::Operative,
        text: "Request the Secretariat to report.".into(),
        after: Some(t.op1),
    };
    let i = chair.propose("Brazil", insert, "").unwrap();
    let b = chair
        .propose("Chile", ProposalRequest::Bracket { paragraph: t.op1, range: Some((33, 38)) }, "")
        .unwrap();
    let comment =
        ProposalRequest::Comment { paragraph: None, text: "<b>General</b> remark".into() };
    let k = chair.propose("Peru", comment, "").unwrap();
    chair.accept_proposal(i).unwrap();
    let document = chair.document(None).unwrap();
    let new = &document.paragraphs[2].paragraph;
    assert_eq!(
        (new.text.as_str(), new.proposers.as_slice()),
        ("Request the Secretariat to report.", &["Brazil".to_string()][..])
    );
    assert_eq!(new.label, "OP1bis");
    chair.accept_proposal(b).unwrap();
    assert_eq!(
        chair.paragraph(t.op1).unwrap().text,
        "Strengthen cooperation to combat [Chile: crime] in the region;"
    );
    chair.accept_proposal(k).unwrap();
    assert_eq!(record(chair, k).decision_note, "noted");

    chair.resolve_bracket(t.op1, 0, crate::brackets::Resolution::Keep { option: 0 }).unwrap();
    chair.set_status(t.op1, StatusChange::Agreed).unwrap();
    let ad_ref = ProposalRequest::AdReferendum { paragraph: t.op1, place: true };
    let a = chair.propose("Mexico", ad_ref.clone(), "").unwrap();
    assert_eq!(
        chair
            .propose("Mexico", ProposalRequest::AdReferendum { paragraph: t.op2, place: true }, "")
            .unwrap_err()
            .code(),
        "invalid"
    );
    chair.accept_proposal(a).unwrap();
    let Status::AdReferendum(ad) = chair.paragraph(t.op1).unwrap().status else { panic!("ad ref") };
    assert_eq!(ad.delegations, ["Mexico"]);
    let lift = chair
        .propose("Mexico", ProposalRequest::AdReferendum { paragraph: t.op1, place: false }, "")
        .unwrap();
    chair.accept_proposal(lift).unwrap();
    assert_eq!(chair.paragraph(t.op1).unwrap().status, Status::Agreed);
    let d = chair.propose("Canada", ProposalRequest::Delete { paragraph: t.op2 }, "").unwrap();
    chair.accept_proposal(d).unwrap();
    assert_eq!(chair.paragraph(t.op2).unwrap().status, Status::Deleted);
}

#[test]
fn a_proposal_on_an_older_round_is_rebased_or_flagged() {
    let mut t = table();
    let mut peru = t.copy_for("Peru");
    let applies =
        peru.propose("Peru", amend(t.op1, &OP1.replace("the region", "the Americas")), "").unwrap();
    let stale = peru.propose("Peru", amend(t.op2, &OP2.replace("good", "proven")), "").unwrap();
    let file = exchanged(&peru.export_proposals("Peru").unwrap());
    t.chair.edit_text(t.op1, &format!("Further s{}", &OP1[1..]), None).unwrap();
    t.chair.edit_text(t.op2, &OP2.replace("good practices", "experiences"), None).unwrap();
    t.chair.close_round(CloseRound { label: Some("rev.1".into()), date: None }).unwrap();

    let report = t.chair.import_proposals(&file, "peru.json").unwrap();
    assert_eq!(report.round, 2);
    assert!(!report.fingerprint_matches, "round 2 changed after the copy was made");
    let compilation = t.chair.compilation().unwrap();
    assert_eq!(compilation.outdated, 1);
    let find = |id: ProposalId| {
        compilation
            .entries
            .iter()
            .flat_map(|e| &e.proposals)
            .find(|p| p.record.proposal.id == id)
            .unwrap()
    };
    assert_eq!(find(applies).standing, Standing::Rebased);
    assert_eq!(
        find(applies).proposed_text.as_deref(),
        Some("Further strengthen cooperation to combat crime in the Americas;")
    );
    assert!(
        matches!(&find(stale).standing, Standing::Outdated { reason } if reason.contains("amended since"))
    );
    assert_eq!(t.chair.accept_proposal(stale).unwrap_err().code(), "invalid");
    t.chair.accept_proposal(applies).unwrap();
    assert_eq!(
        t.chair.paragraph(t.op1).unwrap().text,
        "Further strengthen cooperation to combat crime in the Americas;"
    );
}

#[test]
fn proposals_of_another_negotiation_or_unknown_delegations_are_refused() {
    let mut t = table();
    let dir = tempfile::tempdir().unwrap();
    let mut other =
        Store::create(&dir.path().join("other.accord"), NegotiationMeta::default()).unwrap();
    other.insert_paragraph(NewParagraph::at_end(ParagraphKind::Operative, OP1)).unwrap();
    let id = other.find_paragraph("OP1").unwrap();
    other.propose("Canada", amend(id, "Other words;"), "").unwrap();
    let file = other.export_proposals("Canada").unwrap();
    let err = t.chair.import_proposals(&file, "x").unwrap_err();
    assert_eq!(err.code(), "foreign_proposals");
    let mut canada = t.copy_for("Canada");
    canada.propose("Canada", amend(t.op1, "Combat crime;"), "").unwrap();
    let mut file = canada.export_proposals("Canada").unwrap();
    file.delegation = "Atlantis".into();
    file.proposals.clear();
    assert_eq!(t.chair.import_proposals(&file, "x").unwrap_err().code(), "unknown_delegation");
    assert!(t.chair.proposals().unwrap().is_empty(), "nothing written");
}

fn record(store: &Store, id: ProposalId) -> ProposalRecord {
    store.proposals().unwrap().into_iter().find(|r| r.proposal.id == id).unwrap()
}

fn state(store: &Store, id: ProposalId) -> ProposalState {
    record(store, id).state
}
