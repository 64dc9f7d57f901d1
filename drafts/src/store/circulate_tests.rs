//! What a delegation's copy may hold (ARCHITECTURE.md): one test per field of the rule, on real
//! SQLite files, and the things that travel back to the chair in a proposals file.

use tempfile::TempDir;

use super::*;
use crate::export::{self, ExportFormat, ExportKind, ExportOptions};
use crate::model::{ParagraphId, ParagraphKind};
use crate::proposals::{ProposalState, ProposalsFile, Stance};

const SECRET: &str = "CONFIDENTIAL: the United States will oppose evidence-based";
const OP1: &str = "Strengthen cooperation to combat crime in the region;";

/// The chair's file: a closed round whose OP1 carries a chair's note, a second note in the open
/// round, a Word author mapped, and Mexico's proposal imported from a file named on the chair's
/// disk.
struct Desk {
    dir: TempDir,
    chair: Store,
    op1: ParagraphId,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut chair = Store::create(&dir.path().join("chair.accord"), NegotiationMeta::default())
        .expect("create");
    chair.insert_paragraph(NewParagraph::at_end(ParagraphKind::VerbLine, "DECLARE:")).unwrap();
    let op1 = chair.insert_paragraph(NewParagraph::at_end(ParagraphKind::Operative, OP1)).unwrap();
    chair.set_notes(op1, format!("{SECRET} (round 1)")).unwrap();
    chair.close_round(CloseRound::default()).unwrap();
    chair.set_notes(op1, SECRET.to_string()).unwrap();
    chair.map_word_author("Jane Roe", "Mexico").unwrap();
    let mut mexico = chair.circulate(&dir.path().join("mexico.accord"), "Mexico").unwrap();
    let amended = OP1.replace("combat", "prevent and combat");
    mexico.propose("Mexico", ProposalRequest::Amend { paragraph: op1, text: amended }, "").unwrap();
    let file = mexico.export_proposals("Mexico").unwrap();
    chair.import_proposals(&file, "C:/Chair/private/mexico-from-embassy.json").unwrap();
    Desk { dir, chair, op1 }
}

impl Desk {
    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    fn canada(&mut self) -> Store {
        self.chair.circulate(&self.path("canada.accord"), "Canada").unwrap()
    }
}

#[test]
fn the_chairs_notes_are_in_no_round_of_the_copy_nor_in_its_bytes() {
    let mut d = desk();
    let canada = d.canada();
    for round in canada.rounds().unwrap() {
        let document = canada.document(Some(round.number)).unwrap();
        assert!(document.paragraphs.iter().all(|p| p.paragraph.notes.is_empty()), "{round:?}");
    }
    drop(canada);
    let bytes = std::fs::read(d.path("canada.accord")).unwrap();
    let needle = b"United States will oppose";
    assert!(!bytes.windows(needle.len()).any(|w| w == needle), "the note is gone from the file");
    assert!(
        d.chair.paragraph(d.op1).unwrap().notes.starts_with("CONFIDENTIAL"),
        "kept at the desk"
    );
}

#[test]
fn the_copy_holds_no_log_of_the_chairs_actions_nor_file_names() {
    let mut d = desk();
    let canada = d.canada();
    let actions: Vec<String> = canada.events(None).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["circulated"]);
    let origins: Vec<String> = canada.proposals().unwrap().into_iter().map(|r| r.origin).collect();
    assert_eq!(origins, ["circulated"], "the chair's file names stay at the desk");
}

#[test]
fn the_copy_holds_no_word_author_mapping() {
    let mut d = desk();
    assert_eq!(d.chair.word_authors().unwrap().len(), 1);
    assert!(d.canada().word_authors().unwrap().is_empty());
}

#[test]
fn the_copy_keeps_the_record_and_verifies_as_the_chairs_file_does() {
    let mut d = desk();
    let canada = d.canada();
    let chair_rounds = d.chair.rounds().unwrap();
    assert_eq!(canada.rounds().unwrap(), chair_rounds, "rounds and fingerprints are the same");
    assert_eq!(canada.verify().unwrap().first_mismatch, None);
    assert_eq!(canada.paragraph(d.op1).unwrap().text, OP1);
    let records = canada.proposals().unwrap();
    assert_eq!(records[0].proposal.delegation, "Mexico", "circulated proposals stay public");
}

#[test]
fn a_circulated_copy_never_becomes_the_chairs_desk_or_another_delegations() {
    let mut d = desk();
    let mut canada = d.canada();
    assert_eq!(canada.circulated_for().unwrap().as_deref(), Some("Canada"));
    assert_eq!(canada.act_as(None).unwrap_err().code(), "circulated_copy");
    assert_eq!(canada.act_as(Some("Mexico")).unwrap_err().code(), "circulated_copy");
    assert_eq!(canada.acting_delegation().unwrap().as_deref(), Some("Canada"));
    assert_eq!(canada.edit_text(d.op1, "Anything;", None).unwrap_err().code(), "delegation_mode");
    let err = canada.circulate(&d.path("again.accord"), "Peru").unwrap_err();
    assert_eq!(err.code(), "delegation_mode", "only the chair circulates");
}

#[test]
fn circulating_for_a_delegation_not_on_the_roster_writes_nothing() {
    let mut d = desk();
    let target = d.path("nowhere.accord");
    let err = d.chair.circulate(&target, "Nowhere").unwrap_err();
    assert_eq!(err.code(), "unknown_delegation");
    assert!(!target.exists());
}

#[test]
fn a_delegation_keeps_private_notes_that_never_travel() {
    let mut d = desk();
    let mut canada = d.canada();
    canada.set_notes(d.op1, "Capital: accept if 'prevent' stays".into()).unwrap();
    assert_eq!(canada.paragraph(d.op1).unwrap().notes, "Capital: accept if 'prevent' stays");
    let amended = OP1.replace("region", "hemisphere");
    canada
        .propose("Canada", ProposalRequest::Amend { paragraph: d.op1, text: amended }, "")
        .unwrap();
    let file = canada.export_proposals("Canada").unwrap();
    assert!(!file.to_json().contains("Capital:"));
    let report = d.chair.import_proposals(&file, "canada.json").unwrap();
    assert!(report.fingerprint_matches, "notes on either side do not change the fingerprint");
}

#[test]
fn exports_leave_private_notes_out_unless_asked_for() {
    let d = desk();
    let text = |kind: &ExportKind, private_notes: bool| {
        let options = ExportOptions { private_notes, ..ExportOptions::default() };
        String::from_utf8(export::export(&d.chair, kind, ExportFormat::Txt, &options).unwrap())
            .unwrap()
    };
    for kind in [ExportKind::Annotated, ExportKind::Compilation, ExportKind::Clean] {
        assert!(!text(&kind, false).contains("CONFIDENTIAL"), "{kind:?}");
    }
    assert!(text(&ExportKind::Annotated, true).contains("CONFIDENTIAL"));
    let compare = ExportKind::Compare { from: 1, to: 2 };
    assert!(!text(&compare, false).contains("CONFIDENTIAL"));
}

#[test]
fn withdrawals_and_withdrawn_positions_travel_to_the_chair() {
    let mut d = desk();
    let mut canada = d.canada();
    let mexicos = canada.proposals().unwrap()[0].proposal.id;
    canada.set_stance(mexicos, "Canada", Some(Stance::Support)).unwrap();
    let amended = OP1.replace("region", "hemisphere");
    let own =
        canada.propose("Canada", ProposalRequest::Amend { paragraph: d.op1, text: amended }, "");
    let own = own.unwrap();
    let first =
        ProposalsFile::from_bytes(canada.export_proposals("Canada").unwrap().to_json().as_bytes());
    d.chair.import_proposals(&first.unwrap(), "canada-1.json").unwrap();
    let supporters = |s: &Store| {
        s.proposals().unwrap().into_iter().find(|r| r.proposal.id == mexicos).unwrap().supporters
    };
    assert_eq!(supporters(&d.chair), ["Canada"]);

    canada.withdraw_proposal(own).unwrap();
    canada.set_stance(mexicos, "Canada", None).unwrap();
    let second = canada.export_proposals("Canada").unwrap();
    assert_eq!(second.proposals.len(), 0);
    assert_eq!(second.withdrawn, [own]);
    assert_eq!(second.cleared_stances, [mexicos]);
    let second = ProposalsFile::from_bytes(second.to_json().as_bytes()).unwrap();
    let report = d.chair.import_proposals(&second, "canada-2.json").unwrap();
    assert_eq!((report.added, report.withdrawn, report.stances), (0, 1, 1));
    let state = |id| d.chair.proposals().unwrap().into_iter().find(|r| r.proposal.id == id);
    assert_eq!(state(own).unwrap().state, ProposalState::Withdrawn);
    assert!(supporters(&d.chair).is_empty());
}

#[test]
fn a_version_one_proposals_file_still_reads() {
    let mut d = desk();
    let mut canada = d.canada();
    let amended = OP1.replace("region", "hemisphere");
    canada
        .propose("Canada", ProposalRequest::Amend { paragraph: d.op1, text: amended }, "")
        .unwrap();
    let mut value: serde_json::Value =
        serde_json::from_str(&canada.export_proposals("Canada").unwrap().to_json()).unwrap();
    let object = value.as_object_mut().unwrap();
    object.remove("withdrawn");
    object.remove("cleared_stances");
    object.insert("version".into(), 1.into());
    let file = ProposalsFile::from_bytes(value.to_string().as_bytes()).unwrap();
    assert!(file.withdrawn.is_empty() && file.proposals.len() == 1);
}

#[test]
fn accords_own_compilation_or_comparison_is_refused_as_proposals() {
    let mut d = desk();
    let before = d.chair.proposals().unwrap().len();
    let options = ExportOptions::default();
    for kind in [ExportKind::Compilation, ExportKind::Compare { from: 1, to: 2 }] {
        let word = export::export(&d.chair, &kind, ExportFormat::Docx, &options).unwrap();
        let err = d.chair.import_word_proposals(&word, "compilation.docx").unwrap_err();
        assert_eq!(err.code(), "own_export", "{kind:?}");
        assert!(err.to_string().contains(kind.name()), "{err}");
    }
    assert_eq!(d.chair.proposals().unwrap().len(), before, "nothing imported");
    let clean = export::export(&d.chair, &ExportKind::Clean, ExportFormat::Docx, &options).unwrap();
    let report = d.chair.import_word_proposals(&clean, "clean.docx").unwrap();
    assert_eq!(report.added, 0, "a circulated text sent back unchanged proposes nothing");
}

#[test]
fn the_text_for_the_capital_carries_the_delegations_proposals_as_its_tracked_changes() {
    let mut d = desk();
    let mut canada = d.canada();
    let amended = OP1.replace("in the region", "in the region and beyond");
    canada
        .propose("Canada", ProposalRequest::Amend { paragraph: d.op1, text: amended.clone() }, "")
        .unwrap();
    let new = "Invite observers to share their experience;";
    let insert = ProposalRequest::Insert {
        kind: ParagraphKind::Operative,
        after: Some(d.op1),
        text: new.into(),
    };
    canada.propose("Canada", insert, "").unwrap();
    let kind = ExportKind::WithProposals { delegation: "Canada".into() };
    let word =
        export::export(&canada, &kind, ExportFormat::Docx, &ExportOptions::default()).unwrap();
    let tracked = crate::import::tracked_changes(&word).unwrap();
    let authors: Vec<&str> =
        tracked.iter().flat_map(|p| &p.changes).map(|c| c.author.as_str()).collect();
    assert!(!authors.is_empty() && authors.iter().all(|a| *a == "Canada"), "{authors:?}");
    let accepted: Vec<String> = tracked
        .iter()
        .map(|p| {
            let mut text: Vec<char> = p.original.chars().collect();
            for c in p.changes.iter().rev() {
                text.splice(c.start..c.end, c.inserted.chars());
            }
            text.into_iter().collect()
        })
        .collect();
    assert_eq!(accepted, [amended.as_str(), new], "accept all gives the text with the proposals");
    let kept = crate::import::docx::accord_export_kind(&word).unwrap();
    assert_eq!(kept.as_deref(), Some("with our proposals"));
    let text =
        export::export(&canada, &kind, ExportFormat::Txt, &ExportOptions::default()).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("OP1 — Proposed"), "statuses as notes: {text}");
    let unknown = ExportKind::WithProposals { delegation: "Atlantis".into() };
    let err = export::export(&canada, &unknown, ExportFormat::Docx, &ExportOptions::default());
    assert_eq!(err.unwrap_err().code(), "unknown_delegation");
}

#[test]
fn a_withdrawal_and_an_import_are_each_one_undoable_step() {
    let mut d = desk();
    let mut canada = d.canada();
    let mexicos = canada.proposals().unwrap()[0].proposal.id;
    let amended = OP1.replace("region", "hemisphere");
    let own = canada
        .propose("Canada", ProposalRequest::Amend { paragraph: d.op1, text: amended }, "")
        .unwrap();
    canada.withdraw_proposal(own).unwrap();
    assert_eq!(canada.undo().unwrap().as_deref(), Some("proposal_withdrawn"));
    let state = |s: &Store, id| s.proposals().unwrap().into_iter().find(|r| r.proposal.id == id);
    assert_eq!(state(&canada, own).unwrap().state, ProposalState::Open, "withdrawal undone");
    canada.set_stance(mexicos, "Canada", Some(Stance::Oppose)).unwrap();

    d.chair.set_notes(d.op1, "A later note".into()).unwrap();
    let file = canada.export_proposals("Canada").unwrap();
    let report = d.chair.import_proposals(&file, "canada.json").unwrap();
    assert_eq!((report.added, report.stances), (1, 1));
    assert_eq!(d.chair.undo().unwrap().as_deref(), Some("proposals_imported"), "not the note");
    assert!(state(&d.chair, own).is_none(), "the import is undone whole");
    assert!(state(&d.chair, mexicos).unwrap().opponents.is_empty());
    assert_eq!(d.chair.paragraph(d.op1).unwrap().notes, "A later note");
    assert_eq!(d.chair.redo().unwrap().as_deref(), Some("proposals_imported"));
    assert_eq!(state(&d.chair, mexicos).unwrap().opponents, ["Canada"]);
    assert_eq!(state(&d.chair, own).unwrap().state, ProposalState::Open);
}

#[test]
fn no_one_speaks_for_a_delegation_whose_key_did_not_sign() {
    let mut d = desk();
    let amended = OP1.replace("region", "hemisphere");
    let mut peru = d.chair.circulate(&d.path("peru.accord"), "Peru").unwrap();
    peru.propose("Peru", ProposalRequest::Amend { paragraph: d.op1, text: amended }, "").unwrap();
    let signed = peru.export_proposals("Peru").unwrap();
    assert_eq!(signed.signature.len(), 128, "an Ed25519 signature, as hex");

    // Peru's file rewritten to say Mexico: Mexico's key does not verify Peru's signature.
    let mut forged = signed.clone();
    forged.delegation = "Mexico".into();
    for p in &mut forged.proposals {
        p.delegation = "Mexico".into();
        p.id = crate::proposals::ProposalId::new();
    }
    let refused = |file: &ProposalsFile, d: &mut Desk| {
        let before = d.chair.proposals().unwrap().len();
        let err = d.chair.import_proposals(file, "file.json").unwrap_err();
        assert_eq!(d.chair.proposals().unwrap().len(), before, "nothing imported");
        err
    };
    let err = refused(&forged, &mut d);
    assert_eq!(err.code(), "unverified_proposals");
    assert!(err.to_string().contains("Mexico"), "{err}");
    // A word changed after signing; no signature; a delegation no copy was circulated to.
    let mut changed = signed.clone();
    changed.proposals[0].note = "added later".into();
    assert_eq!(refused(&changed, &mut d).code(), "unverified_proposals");
    let mut unsigned = signed.clone();
    unsigned.signature.clear();
    assert!(refused(&unsigned, &mut d).to_string().contains("not signed"));
    let mut chile = signed.clone();
    chile.delegation = "Chile".into();
    chile.proposals.iter_mut().for_each(|p| p.delegation = "Chile".into());
    assert!(refused(&chile, &mut d).to_string().contains("no copy was circulated"));

    // Re-keyed: a new copy for Peru, and the lost one's files are refused; the new one's are not.
    let exchanged = ProposalsFile::from_bytes(signed.to_json().as_bytes()).unwrap();
    let mut new_peru = d.chair.circulate(&d.path("peru-2.accord"), "Peru").unwrap();
    assert_eq!(refused(&exchanged, &mut d).code(), "unverified_proposals");
    let again = OP1.replace("region", "Americas");
    new_peru.propose("Peru", ProposalRequest::Amend { paragraph: d.op1, text: again }, "").unwrap();
    let file =
        ProposalsFile::from_bytes(new_peru.export_proposals("Peru").unwrap().to_json().as_bytes());
    assert_eq!(d.chair.import_proposals(&file.unwrap(), "peru.json").unwrap().added, 1);
}

/// `word` as a capital sends it back: every tracked change of `from` attributed to `to`, its
/// drafter, and marked as the clean text it worked on.
fn returned_by(word: &[u8], from: &str, to: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(word)).unwrap();
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().to_string();
        let mut content = String::new();
        part.read_to_string(&mut content).unwrap();
        let content = content
            .replace(&format!("w:author=\"{from}\""), &format!("w:author=\"{to}\""))
            .replace(">with our proposals<", ">clean<");
        writer.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(content.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_returned_file_imports_with_its_word_authors_mapped_in_the_same_step() {
    let mut d = desk();
    let mut canada = d.canada();
    let amended = OP1.replace("in the region", "in the region and beyond");
    canada
        .propose("Canada", ProposalRequest::Amend { paragraph: d.op1, text: amended }, "")
        .unwrap();
    let kind = ExportKind::WithProposals { delegation: "Canada".into() };
    let word =
        export::export(&canada, &kind, ExportFormat::Docx, &ExportOptions::default()).unwrap();
    let returned = d.path("from-the-capital.docx");
    std::fs::write(&returned, returned_by(&word, "Canada", "Ministry Drafter")).unwrap();
    let before = d.chair.proposals().unwrap().len();
    let drafter = |delegation: &str| [("Ministry Drafter".to_string(), delegation.to_string())];

    let unmapped = d.chair.import_returned(&returned, &[]).unwrap_err();
    assert_eq!(unmapped.code(), "unmapped_authors");
    assert!(unmapped.to_string().contains("Ministry Drafter"), "{unmapped}");
    assert!(d.chair.import_returned(&returned, &drafter("Atlantis")).is_err());
    let again = d.chair.import_returned(&returned, &[]).unwrap_err();
    assert_eq!(again.code(), "unmapped_authors", "a failed import maps no one");
    assert_eq!(d.chair.proposals().unwrap().len(), before, "and imports nothing");

    let report = d.chair.import_returned(&returned, &drafter("Canada")).unwrap();
    assert_eq!(report.added, 1);
    let records = d.chair.proposals().unwrap();
    let from_word = records.iter().find(|r| r.origin == "from-the-capital.docx").unwrap();
    assert_eq!(from_word.proposal.delegation, "Canada");

    let json = d.path("canada-proposals.json");
    canada.export_proposals("Canada").unwrap().write(&json).unwrap();
    d.chair.import_returned(&json, &[]).unwrap();
    let records = d.chair.proposals().unwrap();
    assert!(records.iter().any(|r| r.origin == "canada-proposals.json"), "a .json file reads too");
}
