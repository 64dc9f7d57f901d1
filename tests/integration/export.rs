//! What leaves Accord, on the San Salvador negotiation: every `.docx` read back (zip + XML),
//! the PDF made by LibreOffice read back with `pdftotext`, golden plain-text, Markdown and Akoma
//! Ntoso outputs, the refusal of a final text, HTML escaping, and the CLI.
//!
//! `UPDATE_GOLDEN=1 cargo test -p accord-tests export` rewrites the golden files;
//! `cargo test -p accord-tests export::screenshots -- --ignored` renders the PNGs of page 1.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use drafts::brackets::Resolution;
use drafts::export::{self, ExportFormat, ExportKind, ExportOptions};
use drafts::model::{Footnote, NegotiationMeta, ParagraphId, ParagraphKind, StatusKind};
use drafts::store::{CloseRound, NewParagraph, Placement, StatusChange};
use drafts::Store;

use crate::util::{accord, accord_json, corpus};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn id(store: &Store, label: &str) -> ParagraphId {
    store.find_paragraph(label).unwrap_or_else(|e| panic!("{label}: {e}"))
}

/// The San Salvador draft over three closed rounds (fixed dates), round 4 open:
/// round 2 amends PP1 and OP3, moves PP14 after PP19, deletes PP16, brackets "domestic violence" in OP8
/// for Chile (with a note), adds OP12bis (Peru) and two sub-paragraphs to the last paragraph,
/// and footnotes a United States reservation on OP6; round 3 settles them.
fn san_salvador() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("san-salvador.accord");
    let text = std::fs::read_to_string(corpus("san-salvador-2011.txt")).unwrap();
    let draft = drafts::import::text::import_text(&text).unwrap();
    let mut store = Store::create_from_import(&path, &draft).unwrap();
    let n = store.negotiation().unwrap();
    store
        .update_negotiation(NegotiationMeta {
            title: n.title,
            symbol: "AG/doc.5200/11".into(),
            body: n.body,
            session: "Forty-first regular session".into(),
            language: n.language,
            house_style: n.house_style,
            whole_text_ad_referendum: n.whole_text_ad_referendum,
        })
        .unwrap();
    store
        .close_round(CloseRound {
            label: Some("Formal session, 5 April 2011".into()),
            date: Some(date(2011, 4, 5)),
        })
        .unwrap();

    let pp1 = id(&store, "PP1");
    let op3 = id(&store, "OP3");
    let op8 = id(&store, "OP8");
    let op17 = id(&store, "OP17");
    store
        .edit_text(
            pp1,
            "RECOGNIZING that peace, security, democracy, the rule of law, human rights, \
             development, and cooperation are the pillars of the inter-American system and that \
             they are interlinked and mutually reinforcing;",
            Some("Mexico proposed to name the rule of law"),
        )
        .unwrap();
    store
        .edit_text(
            op3,
            "That public security policies must encourage measures for dealing with the root \
             causes of crime, violence, and insecurity.",
            Some("Peru asked to name the root causes"),
        )
        .unwrap();
    store.move_paragraph(id(&store, "PP14"), Placement::After { id: id(&store, "PP19") }).unwrap();
    store.delete_paragraph(id(&store, "PP16"), Some("covered by PP15")).unwrap();
    store.set_status(op8, StatusChange::Pending).unwrap();
    let words = "domestic violence";
    let text = store.paragraph(op8).unwrap().text;
    let start = text[..text.find(words).unwrap()].chars().count();
    store
        .bracket_words(op8, start, start + words.len(), vec!["Chile".into()], "scope".into())
        .unwrap();
    store.set_notes(op8, "Chile to consult its capital on the scope.".into()).unwrap();
    let op12bis = store
        .insert_paragraph(NewParagraph {
            kind: ParagraphKind::Operative,
            text: "The importance of regional statistics on crime and violence.".into(),
            parent: None,
            placement: Placement::After { id: id(&store, "OP12") },
            alternative_to: None,
            proposers: vec!["Peru".into()],
        })
        .unwrap();
    let mut subs = Vec::new();
    for text in [
        "voluntary contributions of member states, permanent observers and other donors;",
        "the resources of the Regular Fund approved for that purpose.",
    ] {
        let after = subs.last().copied().unwrap_or(op17);
        subs.push(
            store
                .insert_paragraph(NewParagraph {
                    kind: ParagraphKind::SubParagraph,
                    text: text.into(),
                    parent: Some(op17),
                    placement: Placement::After { id: after },
                    alternative_to: None,
                    proposers: vec!["Peru".into()],
                })
                .unwrap(),
        );
    }
    store
        .set_footnotes(
            id(&store, "OP6"),
            vec![Footnote {
                delegation: Some("United States".into()),
                text: "The United States reads the gender-based perspective of this paragraph in \
                       accordance with its domestic law."
                    .into(),
            }],
        )
        .unwrap();
    store
        .close_round(CloseRound {
            label: Some("Formal session, 19 April 2011".into()),
            date: Some(date(2011, 4, 19)),
        })
        .unwrap();

    store.resolve_bracket(op8, 0, Resolution::Keep { option: 0 }).unwrap();
    for agreed in [pp1, op8, op12bis, op3, subs[0], subs[1]] {
        store.set_status(agreed, StatusChange::Agreed).unwrap();
    }
    store
        .close_round(CloseRound {
            label: Some("Formal session, 27 April 2011".into()),
            date: Some(date(2011, 4, 27)),
        })
        .unwrap();
    (dir, store)
}

fn options(round: u32) -> ExportOptions {
    ExportOptions { round: Some(round), ..ExportOptions::default() }
}

/// The chair's own working copy: private notes printed.
fn notes(round: u32) -> ExportOptions {
    ExportOptions { private_notes: true, ..options(round) }
}

fn formal(round: u32) -> ExportOptions {
    ExportOptions { formal_annotations: true, ..options(round) }
}

fn utf8(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

/// The XML parts of a .docx.
struct Docx {
    parts: HashMap<String, String>,
}

impl Docx {
    fn read(bytes: &[u8]) -> Docx {
        assert!(bytes.starts_with(b"PK"), "a .docx is a zip file");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut parts = HashMap::new();
        for i in 0..zip.len() {
            let mut file = zip.by_index(i).unwrap();
            let mut xml = String::new();
            if file.read_to_string(&mut xml).is_ok() {
                parts.insert(file.name().to_string(), xml);
            }
        }
        for name in ["[Content_Types].xml", "word/document.xml", "word/styles.xml"] {
            assert!(parts.contains_key(name), "{name} is missing");
        }
        Docx { parts }
    }

    fn part(&self, name: &str) -> &str {
        self.parts.get(name).unwrap_or_else(|| panic!("{name} is missing"))
    }

    /// The body's paragraphs, in order.
    fn paragraphs(&self) -> Vec<Para> {
        let doc = roxmltree::Document::parse(self.part("word/document.xml")).unwrap();
        let body = doc.descendants().find(|n| n.has_tag_name((W, "body"))).unwrap();
        body.children().filter(|n| n.has_tag_name((W, "p"))).map(|p| Para::of(&p)).collect()
    }
}

/// A paragraph of a .docx as a reader sees it.
#[derive(Debug)]
struct Para {
    style: String,
    /// Text as displayed with changes shown: inserted and deleted text both.
    text: String,
    /// Text once every tracked change is accepted.
    accepted: String,
    /// Text once every tracked change is rejected.
    rejected: String,
    mark_inserted: bool,
    mark_deleted: bool,
    footnotes: Vec<String>,
    /// (author, date) of every w:ins and w:del.
    revisions: Vec<(String, String)>,
    /// The text of each tracked insertion and deletion, in order.
    inserted: Vec<String>,
    deleted: Vec<String>,
}

impl Para {
    fn of(p: &roxmltree::Node<'_, '_>) -> Para {
        let mut para = Para {
            style: String::new(),
            text: String::new(),
            accepted: String::new(),
            rejected: String::new(),
            mark_inserted: false,
            mark_deleted: false,
            footnotes: Vec::new(),
            revisions: Vec::new(),
            inserted: Vec::new(),
            deleted: Vec::new(),
        };
        for node in p.descendants() {
            let inside = |name: &str| node.ancestors().any(|a| a.has_tag_name((W, name)));
            let in_mark = inside("pPr");
            match node.tag_name().name() {
                "pStyle" => para.style = node.attribute((W, "val")).unwrap_or("").to_string(),
                "ins" | "del" if node.tag_name().namespace() == Some(W) => {
                    if in_mark {
                        if node.has_tag_name((W, "ins")) {
                            para.mark_inserted = true;
                        } else {
                            para.mark_deleted = true;
                        }
                    }
                    para.revisions.push((
                        node.attribute((W, "author")).unwrap_or("").to_string(),
                        node.attribute((W, "date")).unwrap_or("").to_string(),
                    ));
                    let words: String = node
                        .descendants()
                        .filter(|t| t.has_tag_name((W, "t")) || t.has_tag_name((W, "delText")))
                        .filter_map(|t| t.text())
                        .collect();
                    match (in_mark, node.tag_name().name()) {
                        (true, _) => {}
                        (false, "ins") => para.inserted.push(words),
                        (false, _) => para.deleted.push(words),
                    }
                }
                "t" | "delText" | "tab" | "br" if !in_mark => {
                    let text = match node.tag_name().name() {
                        "tab" => "\t",
                        "br" => "\n",
                        _ => node.text().unwrap_or(""),
                    };
                    para.text.push_str(text);
                    if !inside("del") {
                        para.accepted.push_str(text);
                    }
                    if !inside("ins") {
                        para.rejected.push_str(text);
                    }
                }
                "footnoteReference" => {
                    para.footnotes.push(node.attribute((W, "id")).unwrap_or("").to_string())
                }
                _ => {}
            }
        }
        para
    }
}

const TEXT_STYLES: [&str; 9] = [
    "OpeningClause",
    "Preambular",
    "VerbLine",
    "Operative",
    "SectionHeading",
    "SubParagraph1",
    "SubParagraph2",
    "SubParagraph3",
    "SubParagraph4",
];

/// A round's live paragraphs as they print: the number, a tab, the text in its house style
/// ("RECOGNIZING FURTHERMORE" for a stored "RECOGNIZING furthermore").
fn printed(store: &Store, round: u32) -> Vec<String> {
    let document = store.document(Some(round)).unwrap();
    let house_style = document.negotiation.house_style;
    let styled = |text: &str, kind: ParagraphKind| -> String {
        let ranges = drafts::style::ranges(text, kind, house_style);
        let case = |i: usize| ranges.iter().find(|r| (r.start..r.end).contains(&i)).map(|r| r.case);
        let mut out = String::new();
        text.chars()
            .enumerate()
            .for_each(|(i, c)| case(i).unwrap_or_default().print_into(c, &mut out));
        out
    };
    document
        .paragraphs
        .iter()
        .filter(|p| p.paragraph.status.kind() != StatusKind::Deleted)
        .map(|p| {
            let number = match p.paragraph.kind {
                ParagraphKind::Operative => p.number.as_ref().map(|n| format!("{n}.\t")),
                ParagraphKind::SubParagraph => p.number.as_ref().map(|n| format!("{n}\t")),
                _ => None,
            };
            format!("{}{}", number.unwrap_or_default(), styled(&p.paragraph.text, p.paragraph.kind))
        })
        .collect()
}

/// Compares two lists of paragraphs, naming the first that differs.
fn same_lines(what: &str, actual: &[&str], expected: &[String]) {
    for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
        assert_eq!(a, e, "{what}: paragraph {} differs", i + 1);
    }
    assert_eq!(
        actual.len(),
        expected.len(),
        "{what}: {} paragraphs, not {}",
        actual.len(),
        expected.len()
    );
}

#[test]
fn the_clean_docx_reads_back_in_order_with_numbers_styles_and_footnotes() {
    let (_dir, store) = san_salvador();
    let started = Instant::now();
    let bytes = export::export(&store, &ExportKind::Clean, ExportFormat::Docx, &formal(3)).unwrap();
    eprintln!("San Salvador clean .docx: {} bytes in {:?}", bytes.len(), started.elapsed());
    let docx = Docx::read(&bytes);
    let paragraphs = docx.paragraphs();
    let with = |style: &str| paragraphs.iter().filter(|p| p.style == style).collect::<Vec<_>>();

    let masthead: Vec<&str> = with("Masthead").iter().map(|p| p.text.as_str()).collect();
    assert_eq!(masthead[0], "GENERAL ASSEMBLY\tOEA/Ser.P");
    assert_eq!(masthead[1], "FORTY-FIRST REGULAR SESSION\tAG/doc.5200/11");
    assert_eq!(masthead[2], "\t27 April 2011");
    assert_eq!(masthead[3], "\tOriginal: English");
    assert_eq!(
        with("DocumentTitle")[0].text,
        "DRAFT DECLARATION OF SAN SALVADOR\nON CITIZEN SECURITY IN THE AMERICAS",
        "the title in capitals, on balanced lines"
    );
    assert_eq!(with("DocumentSubtitle")[0].text, "(ad referendum of the delegation of Mexico)");

    // The text: every live paragraph in order, styled by kind, numbered as printed.
    let text: Vec<&Para> =
        paragraphs.iter().filter(|p| TEXT_STYLES.contains(&p.style.as_str())).collect();
    let styles: Vec<&str> = text.iter().map(|p| p.style.as_str()).collect();
    let mut expected = vec!["OpeningClause"];
    expected.extend(["Preambular"; 27]);
    expected.push("VerbLine");
    expected.extend(["Operative"; 18]);
    expected.extend(["SubParagraph1"; 2]);
    assert_eq!(styles, expected);
    let operative: Vec<String> =
        with("Operative").iter().map(|p| p.text.split('\t').next().unwrap().to_string()).collect();
    assert_eq!(operative, (1..=18).map(|n| format!("{n}.")).collect::<Vec<_>>());
    assert!(with("SubParagraph1")[0].text.starts_with("(a)\tvoluntary contributions"));
    assert!(with("SubParagraph1")[1].text.starts_with("(b)\tthe resources of the Regular Fund"));
    let shown: Vec<&str> = text
        .iter()
        .map(|p| {
            let annotation = " (ad referendum of the delegation of Canada)";
            p.text.strip_suffix(annotation).unwrap_or(&p.text)
        })
        .collect();
    same_lines("the clean text", &shown, &printed(&store, 3));
    let position = |start: &str| text.iter().position(|p| p.text.starts_with(start)).unwrap();
    // PP14 moved after PP19; PP16 deleted.
    let moved = position("REITERATING the commitment to promote");
    assert!(moved > position("REITERATING the commitment to address"));
    assert!(!text.iter().any(|p| p.text.starts_with("CONSIDERING ALSO that, in the OAS Charter")));
    let instruct = text.iter().find(|p| p.text.starts_with("17.\tInstruct")).unwrap();
    assert!(instruct.text.ends_with("(ad referendum of the delegation of Canada)"));

    // The reservation is a real footnote, referenced from OP6.
    let op6 = text.iter().find(|p| p.text.starts_with("6.\t")).unwrap();
    assert_eq!(op6.footnotes, ["1"]);
    let footnotes = roxmltree::Document::parse(docx.part("word/footnotes.xml")).unwrap();
    let note = footnotes
        .descendants()
        .find(|n| n.has_tag_name((W, "footnote")) && n.attribute((W, "id")) == Some("1"))
        .unwrap();
    assert!(note.descendants().any(|n| n.has_tag_name((W, "footnoteRef"))));
    let note_text: String =
        note.descendants().filter(|n| n.has_tag_name((W, "t"))).filter_map(|n| n.text()).collect();
    assert!(note_text.contains("The United States reads the gender-based perspective"));
    assert!(footnotes.descendants().any(|n| n.attribute((W, "type")) == Some("separator")));

    // Property lists in schema order, as Word reads them: the style first, revision marks of
    // a paragraph mark before its other run properties.
    let document = roxmltree::Document::parse(docx.part("word/document.xml")).unwrap();
    for ppr in document.descendants().filter(|n| n.has_tag_name((W, "pPr"))) {
        let names: Vec<&str> =
            ppr.children().filter(|c| c.is_element()).map(|c| c.tag_name().name()).collect();
        if names.contains(&"pStyle") {
            assert_eq!(names[0], "pStyle", "{names:?}");
        }
        if let Some(rpr) = names.iter().position(|n| *n == "rPr") {
            assert!(names[rpr + 1..].iter().all(|n| *n == "sectPr"), "{names:?}");
        }
    }

    // Every style used is defined; the footer names the round and its fingerprint.
    let styles_xml = roxmltree::Document::parse(docx.part("word/styles.xml")).unwrap();
    let defined: Vec<&str> =
        styles_xml.descendants().filter_map(|n| n.attribute((W, "styleId"))).collect();
    for p in &paragraphs {
        assert!(p.style.is_empty() || defined.contains(&p.style.as_str()), "{}", p.style);
    }
    let footer = docx.parts.iter().find(|(k, _)| k.starts_with("word/footer")).unwrap().1;
    assert!(footer.contains("AG/doc.5200/11 · Formal session, 27 April 2011 · fingerprint "));
    assert!(footer.contains("PAGE"));
    // Deterministic: the same round exports to the same bytes, dates and zip entries included
    // (the round's date, never the clock; zip times have a two-second resolution, hence the
    // pause).
    let first = export::export(&store, &ExportKind::Clean, ExportFormat::Docx, &formal(3)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2_100));
    let again = export::export(&store, &ExportKind::Clean, ExportFormat::Docx, &formal(3)).unwrap();
    assert!(first == again, "two exports of round 3 differ");
}

#[test]
fn the_comparison_docx_tracks_changes_by_the_later_round_that_word_can_accept_or_reject() {
    let (_dir, store) = san_salvador();
    let kind = ExportKind::Compare { from: 1, to: 2 };
    let docx = Docx::read(&export::export(&store, &kind, ExportFormat::Docx, &options(2)).unwrap());
    let paragraphs = docx.paragraphs();
    let text: Vec<&Para> =
        paragraphs.iter().filter(|p| TEXT_STYLES.contains(&p.style.as_str())).collect();

    let revisions: Vec<&(String, String)> = text.iter().flat_map(|p| &p.revisions).collect();
    assert!(revisions.len() > 10);
    for (author, date) in revisions {
        assert_eq!(author, "Formal session, 19 April 2011");
        assert_eq!(date, "2011-04-19T00:00:00Z");
    }
    // Accepting every change gives round 2; rejecting every change gives round 1.
    let accepted: Vec<&str> =
        text.iter().filter(|p| !p.mark_deleted).map(|p| p.accepted.as_str()).collect();
    let rejected: Vec<&str> =
        text.iter().filter(|p| !p.mark_inserted).map(|p| p.rejected.as_str()).collect();
    same_lines("accepting every change", &accepted, &printed(&store, 2));
    same_lines("rejecting every change", &rejected, &printed(&store, 1));

    // The added paragraph, the deleted one, the moved one, the amended one.
    let added = text.iter().find(|p| p.text.contains("regional statistics")).unwrap();
    assert!(added.mark_inserted && added.rejected.is_empty());
    let deleted =
        text.iter().find(|p| p.text.starts_with("CONSIDERING ALSO that, in the OAS")).unwrap();
    assert!(deleted.mark_deleted && deleted.accepted.is_empty());
    let moved: Vec<&&Para> = text
        .iter()
        .filter(|p| p.text.starts_with("REITERATING the commitment to promote"))
        .collect();
    assert_eq!(moved.len(), 2);
    assert!(moved[0].mark_deleted && moved[1].mark_inserted);
    let op3 = text.iter().find(|p| p.text.contains("measures for dealing with")).unwrap();
    assert!(op3.accepted.contains("the root causes") && !op3.rejected.contains("root"));
    let op8 = text.iter().find(|p| p.text.contains("domestic violence")).unwrap();
    assert!(op8.accepted.contains("[Chile: domestic violence]"));
    // The brackets placed around the words are the change, and nothing else is.
    let inserted: Vec<&str> = op8.inserted.iter().map(|s| s.trim()).collect();
    assert_eq!((inserted.as_slice(), op8.deleted.len()), (&["[Chile:", "]"][..], 0), "{op8:?}");
    let comments = docx.part("word/comments.xml");
    let moved_note = "Moved here from after preambular paragraph 13 in round 1.";
    assert!(comments.contains(moved_note), "{comments}");
    assert!(comments.contains("Moved from here to after preambular paragraph 19 in round 2."));
    assert!(comments.contains("New in round 2, proposed by Peru."));
    assert!(comments.contains("Deleted in round 2."));
}

#[test]
fn the_clean_docx_converts_to_a_pdf_whose_text_reads_in_order() {
    if drafts_pdf_tool_missing() {
        return;
    }
    let (dir, store) = san_salvador();
    let started = Instant::now();
    let pdf = export::export(&store, &ExportKind::Clean, ExportFormat::Pdf, &formal(3)).unwrap();
    eprintln!("San Salvador clean PDF: {} bytes in {:?}", pdf.len(), started.elapsed());
    assert!(pdf.starts_with(b"%PDF"));
    let path = dir.path().join("clean.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let output = Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext");
    assert!(output.status.success());
    let text =
        String::from_utf8_lossy(&output.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    let mut at = 0;
    for snippet in [
        "GENERAL ASSEMBLY",
        "AG/doc.5200/11",
        "DRAFT DECLARATION OF SAN SALVADOR",
        "(ad referendum of the delegation of Mexico)",
        "THE MINISTERS OF FOREIGN AFFAIRS",
        "RECOGNIZING that peace, security, democracy, the rule of law, human rights",
        "UNDERLINING the need to continue coordinating",
        "REITERATING the commitment to address the challenges",
        "REITERATING the commitment to promote",
        "DECLARE:",
        "1. That it is their priority",
        "3. That public security policies must encourage measures for dealing with the root causes",
        "8. The determination to design public policies",
        "13. The importance of regional statistics",
        "17. Instruct the Permanent Council",
        "(ad referendum of the delegation of Canada)",
        "18. That they request the General Secretariat",
        "(a) voluntary contributions",
        "(b) the resources of the Regular Fund",
        "AG/doc.5200/11 · Formal session, 27 April 2011",
    ] {
        let found = text[at..].find(snippet).unwrap_or_else(|| {
            panic!("\"{snippet}\" not found after character {at} of the PDF's text: {text}")
        });
        at += found + snippet.len();
    }
    assert!(text.contains("The United States reads the gender-based perspective"));
    assert!(!text.contains("CONSIDERING ALSO that, in the OAS Charter"), "PP16 was deleted");
}

/// LibreOffice is installed by `.ci/setup`; elsewhere the PDF test says why it did not run.
pub(crate) fn drafts_pdf_tool_missing() -> bool {
    let found = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path)
            .any(|d| d.join("soffice").is_file() || d.join("libreoffice").is_file())
    });
    if !found && std::env::var_os("CI").is_some() {
        panic!(
            "LibreOffice (soffice) is missing on CI: .ci/setup installs libreoffice-writer-nogui"
        );
    }
    if !found {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
    }
    !found
}

#[test]
fn golden_plain_text_markdown_and_akoma_ntoso_of_san_salvador() {
    let (_dir, store) = san_salvador();
    let cases = [
        ("san-salvador-clean-round-3.txt", ExportKind::Clean, ExportFormat::Txt, formal(3)),
        ("san-salvador-clean-round-3.md", ExportKind::Clean, ExportFormat::Md, formal(3)),
        ("san-salvador-working-round-2.txt", ExportKind::Annotated, ExportFormat::Txt, notes(2)),
        (
            "san-salvador-compare-1-3.txt",
            ExportKind::Compare { from: 1, to: 3 },
            ExportFormat::Txt,
            formal(3),
        ),
        (
            "san-salvador-status-round-2.txt",
            ExportKind::StatusReport,
            ExportFormat::Txt,
            options(2),
        ),
        ("san-salvador-round-2.akn.xml", ExportKind::Clean, ExportFormat::Akn, notes(2)),
    ];
    let mut failures = Vec::new();
    for (name, kind, format, options) in cases {
        let actual = normalize(&utf8(export::export(&store, &kind, format, &options).unwrap()));
        if let Err(e) = golden(name, &actual) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Compares with `tests/golden/NAME`, or rewrites it when `UPDATE_GOLDEN` is set.
fn golden(name: &str, actual: &str) -> Result<(), String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (run with UPDATE_GOLDEN=1 to write it)", path.display()))?;
    if expected == actual {
        return Ok(());
    }
    let line = expected.lines().zip(actual.lines()).position(|(e, a)| e != a);
    let line = line.unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    Err(format!(
        "{name} differs from the golden file at line {}:\n  expected: {:?}\n  actual:   {:?}\n\
         (UPDATE_GOLDEN=1 rewrites it; review the diff before committing)",
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>")
    ))
}

/// Replaces what changes from one run to the next: uuids, timestamps, fingerprints.
fn normalize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
    let boundary = |j: usize| j >= chars.len() || !chars[j].is_ascii_alphanumeric();
    while i < chars.len() {
        let start_ok = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if start_ok {
            // A uuid: 8-4-4-4-12 hex digits.
            let groups = [8, 4, 4, 4, 12];
            let mut j = i;
            let mut uuid = true;
            for (g, len) in groups.iter().enumerate() {
                if j + len > chars.len() || !chars[j..j + len].iter().all(|&c| hex(c)) {
                    uuid = false;
                    break;
                }
                j += len;
                if g < 4 {
                    if chars.get(j) != Some(&'-') {
                        uuid = false;
                        break;
                    }
                    j += 1;
                }
            }
            if uuid && boundary(j) {
                out.push_str("<uuid>");
                i = j;
                continue;
            }
            // An RFC 3339 timestamp: 2011-04-05T12:34:56[.123][Z|+00:00].
            let shape = "dddd-dd-ddTdd:dd:dd";
            let matches_shape = i + shape.len() <= chars.len()
                && shape.chars().zip(&chars[i..]).all(|(s, &c)| match s {
                    'd' => c.is_ascii_digit(),
                    other => other == c,
                });
            if matches_shape {
                let mut j = i + shape.len();
                if chars.get(j) == Some(&'.') {
                    j += 1;
                    while chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
                        j += 1;
                    }
                }
                if chars.get(j) == Some(&'Z') {
                    j += 1;
                } else if matches!(chars.get(j), Some('+' | '-')) && j + 6 <= chars.len() {
                    j += 6;
                }
                out.push_str("<timestamp>");
                i = j;
                continue;
            }
            // A fingerprint: twelve or more hex digits with at least one digit.
            let mut j = i;
            while j < chars.len() && hex(chars[j]) {
                j += 1;
            }
            if j - i >= 12 && boundary(j) && chars[i..j].iter().any(|c| c.is_ascii_digit()) {
                out.push_str("<fingerprint>");
                i = j;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[test]
fn normalization_hides_only_what_varies() {
    assert_eq!(
        normalize(
            "id=\"0b7f6a52-1c2d-4e5f-8a9b-0c1d2e3f4a5b\" at 2011-04-05T10:00:00.5+00:00 \
                   fingerprint 9f86d081884c, 2011-04-05 decade"
        ),
        "id=\"<uuid>\" at <timestamp> fingerprint <fingerprint>, 2011-04-05 decade"
    );
}

#[test]
fn a_final_export_is_refused_while_brackets_or_open_paragraphs_remain() {
    let (dir, store) = san_salvador();
    let final_text = ExportOptions { final_text: true, ..formal(2) };
    let error =
        export::export(&store, &ExportKind::Clean, ExportFormat::Docx, &final_text).unwrap_err();
    assert_eq!(error.code(), "export_refused");
    let drafts::Error::ExportRefused { paragraphs } = &error else { panic!("{error:?}") };
    let open = ["PP1", "OP3", "OP8", "OP12bis", "OP17(a)", "OP17(b)"];
    assert_eq!(paragraphs, &open);
    assert!(error.to_string().contains(&format!("{} are not agreed", open.join(", "))));
    // As a draft it goes out, marked on every page.
    let draft = ExportOptions { draft_mark: true, ..formal(2) };
    let docx = Docx::read(
        &export::export(&store, &ExportKind::Clean, ExportFormat::Docx, &draft).unwrap(),
    );
    let header = docx.parts.iter().find(|(k, _)| k.starts_with("word/header")).unwrap().1;
    assert!(header.contains("DRAFT"));
    // Round 3 is agreed (ad referendum included): it is final.
    let final_3 = ExportOptions { final_text: true, ..formal(3) };
    let txt =
        utf8(export::export(&store, &ExportKind::Clean, ExportFormat::Txt, &final_3).unwrap());
    assert!(!txt.contains("D R A F T"));

    // Through the CLI: exit code 1 and the typed error.
    let file = store.path().to_str().unwrap().to_string();
    let out = dir.path().join("final.docx");
    let run = accord(&[
        "export",
        &file,
        "--round",
        "2",
        "--final",
        "-o",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert!(!run.success);
    let error: serde_json::Value = serde_json::from_str(run.stderr.trim()).unwrap();
    assert_eq!(error["code"], "export_refused");
    assert!(!out.exists(), "a refused export writes nothing");
}

#[test]
fn html_and_the_other_formats_escape_untrusted_text() {
    let (_dir, mut store) = san_salvador();
    let hostile = "Decide <img src=x onerror=alert(1)> & <script>alert(2)</script> *now* [x](y)";
    store.edit_text(id(&store, "OP1"), hostile, Some("testing escaping")).unwrap();
    let open = ExportOptions::default();
    let html = utf8(export::export(&store, &ExportKind::Clean, ExportFormat::Html, &open).unwrap());
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<script"));
    assert!(html.contains(
        "Decide &lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;alert(2)&lt;/script&gt;"
    ));
    assert!(html.contains("Content-Security-Policy"));
    for kind in [ExportKind::Annotated, ExportKind::Compare { from: 3, to: 4 }] {
        let html = utf8(export::export(&store, &kind, ExportFormat::Html, &open).unwrap());
        assert!(!html.contains("<img") && !html.contains("<script"));
    }
    let md = utf8(export::export(&store, &ExportKind::Clean, ExportFormat::Md, &open).unwrap());
    assert!(md.contains("Decide \\<img src=x onerror=alert(1)\\> \\& \\<script\\>"), "{md}");
    assert!(md.contains("\\*now\\* \\[x\\](y)"));
    let akn = utf8(export::export(&store, &ExportKind::Clean, ExportFormat::Akn, &open).unwrap());
    let parsed = roxmltree::Document::parse(&akn).unwrap();
    assert!(parsed.descendants().any(|n| n.text() == Some(hostile)));
    let docx =
        Docx::read(&export::export(&store, &ExportKind::Clean, ExportFormat::Docx, &open).unwrap());
    assert!(docx.paragraphs().iter().any(|p| p.text == format!("1.\t{hostile}")));
}

#[test]
fn the_cli_exports_every_format_and_tells_the_format_from_the_file_name() {
    let (dir, store) = san_salvador();
    let file = store.path().to_str().unwrap().to_string();
    drop(store);
    let magic: [(&str, &[u8]); 5] = [
        ("docx", b"PK"),
        ("html", b"<!DOCTYPE html>"),
        ("txt", b"GENERAL ASSEMBLY"),
        ("md", b"GENERAL ASSEMBLY"),
        ("akn", b"<?xml"),
    ];
    for (format, start) in magic {
        let out = dir.path().join(format!("clean.{format}.out"));
        let out_str = out.to_str().unwrap();
        let report = accord_json(&["export", &file, "--format", format, "--formal", "-o", out_str]);
        assert_eq!(report["kind"]["kind"], "clean");
        let bytes = std::fs::read(&out).unwrap();
        assert_eq!(report["bytes"], bytes.len());
        assert!(bytes.starts_with(start), "{format}");
    }
    let compare = dir.path().join("compare.html");
    let report = accord_json(&[
        "export",
        &file,
        "--kind",
        "compare",
        "--from",
        "1",
        "--to",
        "3",
        "-o",
        compare.to_str().unwrap(),
    ]);
    assert_eq!(report["format"], "html");
    assert!(std::fs::read_to_string(&compare).unwrap().contains("<ins>"));
    let status = dir.path().join("status.md");
    accord_json(&["export", &file, "--kind", "status", "-o", status.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&status).unwrap().contains("## Open brackets and options"));
    let run = accord(&["export", &file, "--kind", "compare", "-o", "x.txt"]);
    assert!(!run.success && run.stderr.contains("--from"));
    let run = accord(&["export", &file, "-o", dir.path().join("x.rtf").to_str().unwrap()]);
    assert!(!run.success && run.stderr.contains("--format"));
}

/// Renders page 1 of the clean and comparison PDFs of San Salvador into tests/screenshots/.
#[test]
#[ignore = "writes tests/screenshots/export-*.png; run on purpose and look at them"]
fn screenshots() {
    let (dir, store) = san_salvador();
    let screenshots: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&screenshots).unwrap();
    let cases = [
        ("export-clean-p1", ExportKind::Clean, formal(3)),
        ("export-compare-p1", ExportKind::Compare { from: 1, to: 3 }, formal(3)),
    ];
    for (name, kind, options) in cases {
        let started = Instant::now();
        let pdf = export::export(&store, &kind, ExportFormat::Pdf, &options).unwrap();
        eprintln!("{name}: PDF in {:?}", started.elapsed());
        // ACCORD_KEEP_PDF=DIR keeps the PDFs, to look at their other pages.
        let keep = std::env::var_os("ACCORD_KEEP_PDF").map(PathBuf::from);
        let path = keep.unwrap_or_else(|| dir.path().to_path_buf()).join(format!("{name}.pdf"));
        std::fs::write(&path, pdf).unwrap();
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&path)
            .arg(screenshots.join(name))
            .status()
            .expect("pdftoppm (poppler-utils)");
        assert!(status.success());
    }
}
