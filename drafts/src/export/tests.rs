//! Exports of the sample negotiation (every status, a heading, sub-paragraphs, a footnote, a
//! deleted paragraph) and of small texts built for one behaviour.

use std::io::Read;

use super::*;
use crate::model::{HouseStyle, NegotiationMeta, ParagraphKind};
use crate::store::{CloseRound, NewParagraph, Placement, StatusChange};

fn sample() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::sample::create(&dir.path().join("sample.accord")).unwrap();
    (dir, store)
}

/// A new, empty negotiation in a temporary folder.
fn empty() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("n.accord"), NegotiationMeta::default()).unwrap();
    (dir, store)
}

fn text(store: &Store, kind: &ExportKind, format: ExportFormat, options: &ExportOptions) -> String {
    String::from_utf8(export(store, kind, format, options).unwrap()).unwrap()
}

/// Text with every run of whitespace made one space: wrapping aside.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn formal() -> ExportOptions {
    ExportOptions { formal_annotations: true, ..ExportOptions::default() }
}

/// The named part of a .docx.
fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut part = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut part).unwrap();
    part
}

#[test]
fn a_final_export_is_refused_naming_what_is_not_agreed() {
    let (_dir, store) = sample();
    let options = ExportOptions { final_text: true, ..formal() };
    for format in [ExportFormat::Docx, ExportFormat::Txt, ExportFormat::Akn] {
        let error = export(&store, &ExportKind::Clean, format, &options).unwrap_err();
        assert_eq!(error.code(), "export_refused");
        match &error {
            Error::ExportRefused { paragraphs } => {
                assert_eq!(paragraphs, &["OP2", "OP3", "OP4", "OP5"])
            }
            other => panic!("unexpected {other:?}"),
        }
        let message = error.to_string();
        assert!(message.contains("OP2, OP3, OP4, OP5 are not agreed"), "{message}");
        assert!(message.contains("as a draft"), "{message}");
    }
    // An explicit draft of the same text goes out, marked.
    let draft = ExportOptions { draft_mark: true, ..formal() };
    assert!(text(&store, &ExportKind::Clean, ExportFormat::Txt, &draft).contains("D R A F T"));
    let both = ExportOptions { final_text: true, draft_mark: true, ..formal() };
    let error = export(&store, &ExportKind::Clean, ExportFormat::Txt, &both).unwrap_err();
    assert_eq!(error.code(), "invalid");
}

#[test]
fn an_agreed_text_exports_as_final_even_ad_referendum() {
    let (_dir, mut store) = empty();
    let op = add(&mut store, ParagraphKind::Operative, "Decide to act.", None);
    store
        .set_status(
            op,
            StatusChange::AdReferendum { delegations: vec!["Chile".into()], deadline: None },
        )
        .unwrap();
    let options = ExportOptions { final_text: true, ..formal() };
    let txt = text(&store, &ExportKind::Clean, ExportFormat::Txt, &options);
    assert!(
        flat(&txt).contains("Decide to act. (ad referendum of the delegation of Chile)"),
        "{txt}"
    );
    assert!(!txt.contains("D R A F T"));
}

#[test]
fn the_clean_text_leaves_out_deleted_paragraphs_attributions_and_notes() {
    let (_dir, store) = sample();
    let plain = text(&store, &ExportKind::Clean, ExportFormat::Txt, &ExportOptions::default());
    assert!(!plain.contains("BEARING IN MIND"), "a deleted paragraph");
    assert!(plain.contains("including [new and additional] resources"), "{plain}");
    assert!(!plain.contains("United States:"));
    assert!(!plain.contains("Co-sponsors"), "a note");
    assert!(!plain.contains("ad referendum"), "formal annotations are opt-in");
    assert!(!plain.contains("Brazil understands"), "reservations are formal annotations");
    let with = flat(&text(&store, &ExportKind::Clean, ExportFormat::Txt, &formal()));
    assert!(with.contains("(ad referendum of the delegations of Canada and United States)"));
    assert!(with.contains("sovereignty.¹"));
    assert!(with.contains("¹ Brazil understands"));
    assert!(
        with.ends_with("AG/doc.9001/26 · rev.2"),
        "the round by its label, not its state: {with}"
    );
}

#[test]
fn the_working_text_shows_labels_statuses_brackets_proposers_and_notes() {
    let (_dir, store) = sample();
    let with_notes = ExportOptions { private_notes: true, ..ExportOptions::default() };
    let txt = flat(&text(&store, &ExportKind::Annotated, ExportFormat::Txt, &with_notes));
    assert!(txt.contains("OP1 — Agreed ad referendum of Canada and United States"), "{txt}");
    assert!(txt.contains("OP5 — Pending"));
    assert!(txt.contains("[United States: new and additional]"), "attributions stay");
    assert!(txt.contains("1 open bracket, held by United States"));
    assert!(txt.contains("Proposed by Guatemala and Peru"));
    assert!(txt.contains("Note: Co-sponsors to consult capitals"));
    assert!(txt.contains("BEARING IN MIND"), "deleted paragraphs stay, marked");
    assert!(txt.contains("silence procedure until"));
    let html = text(&store, &ExportKind::Annotated, ExportFormat::Html, &ExportOptions::default());
    assert!(html.contains("<span class=\"bracket\">[United States: new and additional]</span>"));
    assert!(html.contains("class=\"preambular struck deleted\""));
}

#[test]
fn the_un_style_italicizes_participles_operative_verbs_and_the_opening_clause() {
    let dir = tempfile::tempdir().unwrap();
    let meta = NegotiationMeta {
        title: "Draft resolution on water".into(),
        house_style: HouseStyle::Un,
        symbol: "A/C.2/80/L.7".into(),
        ..NegotiationMeta::default()
    };
    let mut store = Store::create(&dir.path().join("un.accord"), meta).unwrap();
    add(&mut store, ParagraphKind::OpeningClause, "The General Assembly,", None);
    add(&mut store, ParagraphKind::Preambular, "RECOGNIZING ALSO that water matters,", None);
    add(&mut store, ParagraphKind::Operative, "Decides to act;", None);
    let html = text(&store, &ExportKind::Clean, ExportFormat::Html, &ExportOptions::default());
    assert!(html.contains("<i>The General Assembly</i>,"), "{html}");
    assert!(html.contains("<i>Recognizing also</i> that water matters,"), "{html}");
    assert!(html.contains("<span class=\"num\">1.</span><i>Decides</i> to act;"), "{html}");
    assert!(html.contains("<h1>Draft resolution on water</h1>"), "UN titles keep their case");
    assert!(html.contains("Distr.: Limited"));
    let md = text(&store, &ExportKind::Clean, ExportFormat::Md, &ExportOptions::default());
    assert!(md.contains("*Recognizing also* that water matters,"), "{md}");
    let akn = text(&store, &ExportKind::Clean, ExportFormat::Akn, &ExportOptions::default());
    assert!(
        akn.contains("<p><i>RECOGNIZING ALSO</i> that water matters,</p>"),
        "exact text: {akn}"
    );
    assert!(akn.contains("<p><i>The General Assembly</i>,</p>"), "{akn}");
    assert!(akn.contains("<p><i>Decides</i> to act;"), "{akn}");
    assert!(akn.contains("<statement name=\"resolution\">"));
    let docx =
        export(&store, &ExportKind::Clean, ExportFormat::Docx, &ExportOptions::default()).unwrap();
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains("w:w=\"11906\""), "A4 for the UN");
    assert!(document.contains("<w:i />"), "italic runs");
}

#[test]
fn akoma_ntoso_nests_sub_paragraphs_sections_and_keeps_every_status() {
    let (_dir, store) = sample();
    let xml = text(&store, &ExportKind::Clean, ExportFormat::Akn, &ExportOptions::default());
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let akn = |name: &str| {
        doc.descendants()
            .filter(|n| {
                n.tag_name().name() == name && n.tag_name().namespace() == Some(akn::AKN_NS)
            })
            .collect::<Vec<_>>()
    };
    let by_eid = |eid: &str| {
        doc.descendants()
            .find(|n| {
                n.tag_name().namespace() == Some(akn::AKN_NS) && n.attribute("eId") == Some(eid)
            })
            .unwrap_or_else(|| panic!("{eid}"))
    };
    assert_eq!(akn("statement")[0].attribute("name"), Some("declaration"));
    assert_eq!(akn("eventRef").len(), 3, "one event per round");
    assert_eq!(akn("formula").len(), 2, "opening clause and verb line");
    assert_eq!(akn("container").len(), 3, "the live preambular paragraphs");
    let op6 = by_eid("para_6");
    assert!(op6.children().any(|c| c.tag_name().name() == "intro"));
    let sub = by_eid("para_6__subpara_a");
    assert_eq!(sub.tag_name().name(), "subparagraph");
    assert_eq!(sub.parent(), Some(op6));
    let division = by_eid("dvs_1");
    assert_eq!(division.tag_name().name(), "division");
    assert!(division.children().any(|c| c.attribute("eId") == Some("para_7")));
    // Every paragraph of the round, deleted ones too, in order, with its status.
    let document = store.document(None).unwrap();
    let paragraphs: Vec<_> = doc
        .descendants()
        .filter(|n| {
            n.tag_name().name() == "paragraph" && n.tag_name().namespace() == Some(akn::ACCORD_NS)
        })
        .collect();
    assert_eq!(paragraphs.len(), document.paragraphs.len());
    for (node, p) in paragraphs.iter().zip(&document.paragraphs) {
        assert_eq!(node.attribute("id"), Some(p.paragraph.id.to_string().as_str()));
        assert_eq!(node.attribute("status"), Some(p.paragraph.status.kind().as_str()));
        assert_eq!(node.attribute("label"), Some(p.paragraph.label.as_str()));
        assert_eq!(node.attribute("kind"), Some(p.paragraph.kind.as_str()));
    }
    let deleted = paragraphs.iter().find(|n| n.attribute("status") == Some("deleted")).unwrap();
    assert!(deleted.attribute("eId").is_none());
    let deleted_text = deleted.children().find(|c| c.tag_name().name() == "text").unwrap();
    assert!(deleted_text.text().unwrap().starts_with("BEARING IN MIND"));
    let op1 = paragraphs.iter().find(|n| n.attribute("label") == Some("OP1")).unwrap();
    let delegations: Vec<&str> = op1
        .descendants()
        .filter(|n| n.tag_name().name() == "delegation")
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(delegations, ["Canada", "United States"]);
    // The body's text is the stored text; footnotes are authorial notes beside it.
    let op3 = by_eid("para_3");
    let p = op3.descendants().find(|n| n.tag_name().name() == "p").unwrap();
    let own: String = p
        .children()
        .filter(|c| c.tag_name().name() != "authorialNote")
        .filter_map(|c| if c.is_text() { c.text() } else { None })
        .collect();
    assert!(own.ends_with("with full respect for national sovereignty."), "{own}");
    assert!(p.children().any(|c| c.tag_name().name() == "authorialNote"));
}

#[test]
fn markdown_keeps_printed_numbers_and_escapes_the_text() {
    let (_dir, store) = sample();
    let md = text(&store, &ExportKind::Clean, ExportFormat::Md, &formal());
    assert!(md.contains("\n6. Instruct the General Secretariat"), "{md}");
    assert!(md.contains("\n   (a) technical assistance"), "sub-paragraphs inside their item: {md}");
    assert!(md.contains("\\[early warning systems / risk information systems\\]"));
    assert!(md.contains("## FOLLOW-UP"));
    assert!(md.contains("sovereignty.[^1]"));
    assert!(md.contains("[^1]: Brazil understands"));
}

#[test]
fn a_moved_paragraph_is_deleted_from_its_old_place_and_inserted_at_its_new_one() {
    let (_dir, mut store) = empty();
    let alpha = add(&mut store, ParagraphKind::Operative, "Alpha.", None);
    add(&mut store, ParagraphKind::Operative, "Bravo.", None);
    add(&mut store, ParagraphKind::Operative, "Charlie.", None);
    store.close_round(CloseRound { label: Some("First reading".into()), date: None }).unwrap();
    store.move_paragraph(alpha, Placement::End).unwrap();
    store.close_round(CloseRound { label: Some("Second reading".into()), date: None }).unwrap();
    let kind = ExportKind::Compare { from: 1, to: 2 };
    let txt = text(&store, &kind, ExportFormat::Txt, &ExportOptions::default());
    // The moved paragraph keeps its working label, OP1, through the round that moved it.
    let old = txt.find("{-1.-} {-Alpha.-}").expect(&txt);
    let bravo = txt.find("2.   Bravo.").expect(&txt);
    let new = txt.find("{+1.+} {+Alpha.+}").expect(&txt);
    assert!(old < bravo && bravo < new);
    let flat = flat(&txt);
    assert!(flat.contains("Operative paragraph 1 moved to after operative paragraph 3."), "{txt}");
    assert!(flat.contains("» Moved from here to after operative paragraph 3 in round 2."), "{txt}");
    assert!(flat.contains("» Moved here from before operative paragraph 2 in round 1."), "{txt}");
    let docx = export(&store, &kind, ExportFormat::Docx, &ExportOptions::default()).unwrap();
    let comments = docx_part(&docx, "word/comments.xml");
    assert!(comments.contains("Moved from here"), "{comments}");
    assert!(docx_part(&docx, "word/document.xml").contains("w:author=\"Second reading\""));
}

#[test]
fn the_working_text_says_why_each_open_bracket_was_placed() {
    let (_dir, mut store) = empty();
    let id = add(&mut store, ParagraphKind::Operative, "Decide to act promptly.", None);
    store.bracket_words(id, 10, 13, vec!["Brazil".into()], "awaiting instructions".into()).unwrap();
    let txt = flat(&text(&store, &ExportKind::Annotated, ExportFormat::Txt, &formal()));
    assert!(txt.contains("1 open bracket, held by Brazil"), "{txt}");
    assert!(txt.contains("Bracketed [Brazil: act] because: awaiting instructions"), "{txt}");
}

#[test]
fn a_clean_text_prints_clean_numbers_where_the_room_says_op1bis() {
    let (_dir, mut store) = empty();
    let first = add(&mut store, ParagraphKind::Operative, "Decide one.", None);
    add(&mut store, ParagraphKind::Operative, "Decide two.", None);
    store.close_round(CloseRound::default()).unwrap();
    store
        .insert_paragraph(NewParagraph {
            placement: Placement::After { id: first },
            ..NewParagraph::at_end(ParagraphKind::Operative, "Decide one and a half.")
        })
        .unwrap();
    let working = text(&store, &ExportKind::Annotated, ExportFormat::Txt, &formal());
    assert!(working.contains("1bis. Decide one and a half."), "{working}");
    let clean = text(&store, &ExportKind::Clean, ExportFormat::Txt, &formal());
    assert!(
        clean.contains("2.   Decide one and a half.") && clean.contains("3.   Decide two."),
        "{clean}"
    );
}

#[test]
fn the_status_report_tabulates_what_is_pending() {
    let (_dir, store) = sample();
    let txt = flat(&text(
        &store,
        &ExportKind::StatusReport,
        ExportFormat::Txt,
        &ExportOptions::default(),
    ));
    assert!(txt.contains("STATUS OF THE NEGOTIATION"));
    assert!(txt.contains("The draft contains 2 points"), "the chair's sentence: {txt}");
    assert!(txt.contains("OPEN BRACKETS AND OPTIONS"));
    assert!(txt.contains("1. early warning systems; 2."), "{txt}");
    assert!(txt.contains("Financing language"), "the reason of a bracket");
    assert!(txt.contains("Runs until"), "a silence procedure");
    let md = text(&store, &ExportKind::StatusReport, ExportFormat::Md, &ExportOptions::default());
    assert!(md.contains("| Delegation | Paragraph | Pending | Deadline |"));
    let docx =
        export(&store, &ExportKind::StatusReport, ExportFormat::Docx, &ExportOptions::default())
            .unwrap();
    assert!(docx_part(&docx, "word/document.xml").contains("<w:tbl>"));
    let html =
        text(&store, &ExportKind::StatusReport, ExportFormat::Html, &ExportOptions::default());
    assert!(html.contains("<caption>Pending on each delegation</caption>"));
}

#[test]
fn akoma_ntoso_carries_one_round_not_comparisons_or_reports() {
    let (_dir, store) = sample();
    for kind in
        [ExportKind::Compare { from: 1, to: 2 }, ExportKind::StatusReport, ExportKind::Compilation]
    {
        let error =
            export(&store, &kind, ExportFormat::Akn, &ExportOptions::default()).unwrap_err();
        assert_eq!(error.code(), "invalid");
    }
    let error = export(
        &store,
        &ExportKind::Compare { from: 2, to: 1 },
        ExportFormat::Txt,
        &ExportOptions::default(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "invalid");
    let error = export(
        &store,
        &ExportKind::Clean,
        ExportFormat::Txt,
        &ExportOptions { round: Some(9), ..ExportOptions::default() },
    )
    .unwrap_err();
    assert_eq!(error.code(), "unknown_round");
}

#[test]
fn export_to_file_replaces_the_file_in_one_step() {
    let (dir, mut store) = sample();
    let path = dir.path().join("out.txt");
    std::fs::write(&path, "old").unwrap();
    export_to_file(
        &mut store,
        &ExportKind::Clean,
        ExportFormat::Txt,
        &ExportOptions::default(),
        &path,
    )
    .unwrap();
    assert!(std::fs::read_to_string(&path).unwrap().contains("DECLARE:"));
    let events = store.events(None).unwrap();
    assert!(events.iter().any(|e| e.action == "exported" && e.detail == "out.txt"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".accord-export-"))
        .collect();
    assert!(leftovers.is_empty());
    let error = export_to_file(
        &mut store,
        &ExportKind::Clean,
        ExportFormat::Txt,
        &ExportOptions::default(),
        dir.path(),
    )
    .unwrap_err();
    assert_eq!(error.code(), "invalid");
}

#[test]
fn file_names_name_the_document_kind_and_round() {
    let (_dir, store) = sample();
    let options = ExportOptions::default();
    assert_eq!(
        suggested_file_name(&store, &ExportKind::Clean, ExportFormat::Docx, &options).unwrap(),
        "AG-doc.9001-26 rev.2 clean.docx"
    );
    assert_eq!(
        suggested_file_name(
            &store,
            &ExportKind::Compare { from: 1, to: 3 },
            ExportFormat::Akn,
            &options
        )
        .unwrap(),
        "AG-doc.9001-26 rounds 1-3 compare.xml"
    );
}

#[test]
fn file_names_never_hold_a_path_separator_or_unsafe_character() {
    let (_dir, mut store) = sample();
    let options = ExportOptions::default();
    let cases = [
        ("A/B\\C: <D>", "A-B-C D rev.2 clean.docx"),
        ("../../etc/passwd", "etc-passwd rev.2 clean.docx"),
        (".hidden", "hidden rev.2 clean.docx"),
        ("  / \\ : * ? \" < > |  ", "negotiation rev.2 clean.docx"),
        ("Tab\there\nand\u{0}nul\u{202e}gpj.exe", "Tab-here-and-nul-gpj.exe rev.2 clean.docx"),
        ("\u{2067}Lima\u{2069} \u{200f}Declaration\u{200e}", "Lima Declaration rev.2 clean.docx"),
        ("NUL", "NUL-file rev.2 clean.docx"),
    ];
    for (title, expected) in cases {
        let meta = NegotiationMeta { title: title.into(), ..NegotiationMeta::default() };
        store.update_negotiation(meta).unwrap();
        let name =
            suggested_file_name(&store, &ExportKind::Clean, ExportFormat::Docx, &options).unwrap();
        assert_eq!(name, expected, "title {title:?}");
        assert!(!name.contains(['/', '\\', ':', '<', '>', '"', '|', '?', '*', '\0']), "{name}");
        assert!(!name.starts_with('.') && !name.chars().any(char::is_control), "{name}");
    }
}

#[test]
fn formats_and_kinds_cross_to_the_ui_as_snake_case() {
    assert_eq!(serde_json::to_string(&ExportFormat::Docx).unwrap(), "\"docx\"");
    assert_eq!(
        serde_json::to_string(&ExportKind::Compare { from: 1, to: 2 }).unwrap(),
        r#"{"kind":"compare","from":1,"to":2}"#
    );
    assert_eq!(
        serde_json::to_string(&ExportKind::StatusReport).unwrap(),
        r#"{"kind":"status_report"}"#
    );
    for format in ExportFormat::ALL {
        assert_eq!(ExportFormat::parse(format.as_str()), Some(format));
    }
}

fn add(
    store: &mut Store,
    kind: ParagraphKind,
    text: &str,
    parent: Option<crate::model::ParagraphId>,
) -> crate::model::ParagraphId {
    store.insert_paragraph(NewParagraph { parent, ..NewParagraph::at_end(kind, text) }).unwrap()
}

#[test]
fn the_compilation_lists_each_delegations_proposals_under_its_paragraph() {
    use crate::store::ProposalRequest;
    let (_dir, mut store) = sample();
    let empty =
        text(&store, &ExportKind::Compilation, ExportFormat::Txt, &ExportOptions::default());
    assert!(empty.contains("No proposals have been received."), "{empty}");
    let op1 = store.find_paragraph("OP1").unwrap();
    let current = store.paragraph(op1).unwrap().text;
    let (first, rest) = current.split_once(' ').unwrap();
    let amended = format!("{first} <script>alert(1)</script> {rest}");
    let request = ProposalRequest::Amend { paragraph: op1, text: amended };
    store.propose("Canada", request, "<b>why</b>").unwrap();
    let comment = ProposalRequest::Comment { paragraph: None, text: "On the title.".into() };
    store.propose("Mexico", comment, "").unwrap();
    let options = ExportOptions::default();
    let txt = flat(&text(&store, &ExportKind::Compilation, ExportFormat::Txt, &options));
    assert!(txt.contains("Compilation of proposals"), "{txt}");
    assert!(txt.contains("2 open proposals from Canada and Mexico."), "{txt}");
    assert!(txt.contains("Canada — Proposal"), "{txt}");
    assert!(txt.contains("{+<script>alert(1)</script> +}"), "{txt}");
    assert!(txt.contains("Explanation: <b>why</b>"), "{txt}");
    let html = text(&store, &ExportKind::Compilation, ExportFormat::Html, &options);
    assert!(!html.contains("<script>alert"), "proposal text is escaped");
    assert!(html.contains("&lt;script&gt;"));
    let docx = export(&store, &ExportKind::Compilation, ExportFormat::Docx, &options).unwrap();
    let document = docx_part(&docx, "word/document.xml");
    assert!(document.contains("w:author=\"Canada\""), "Canada's words are its tracked changes");
    let md = text(&store, &ExportKind::Compilation, ExportFormat::Md, &options);
    assert!(md.contains("Mexico"));
}
