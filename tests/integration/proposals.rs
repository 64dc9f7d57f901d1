//! Delegations at the table, through the `accord` command line and real files: the chair
//! circulates copies of the San Salvador text, three delegations send proposals files (Canada and
//! Mexico on the same words, Peru on an older round), the chair imports them, compiles, accepts
//! some, turns the conflict into a bracket and exports the compilation as Word.

use std::io::Read;

use crate::util::{accord, accord_json, corpus};

const OP7_WORDS: &str = "in order to ensure a comprehensive approach in combating crime";

#[test]
fn three_delegations_proposals_compiled_decided_and_bracketed() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let chair = path("chair.accord");
    let source = corpus("san-salvador-2011.txt");
    accord_json(&["import", source.to_str().unwrap(), "-o", &chair]);
    accord_json(&["close-round", &chair, "--label", "rev.1"]);

    // Peru works on round 2 as circulated; the chair goes on amending round 2 meanwhile.
    let peru = path("peru.accord");
    accord_json(&["circulate", &chair, "--for", "Peru", "-o", &peru]);
    let refused = accord(&["edit", &peru, "OP3", "Anything.", "--json"]);
    assert!(!refused.success, "a delegation's copy never changes the text itself");
    assert!(refused.stderr.contains("delegation_mode"), "{}", refused.stderr);
    let op3 = text_of(&chair, "OP3");
    let op8 = text_of(&chair, "OP8");
    propose(&peru, "Peru", "OP3", &op3.replace("the causes", "the root causes"));
    propose(
        &peru,
        "Peru",
        "OP8",
        &op8.replace("domestic violence", "domestic and gender-based violence"),
    );
    accord_json(&["export-proposals", &peru, "--as", "Peru", "-o", &path("peru.json")]);
    let underlying = op3.replace("the causes", "the underlying causes");
    accord_json(&["edit", &chair, "OP3", &underlying, "--reopen", "Brazil's wording"]);
    let their = op8.replace("The determination", "Their determination");
    accord_json(&["edit", &chair, "OP8", &their, "--reopen", "style"]);
    accord_json(&["close-round", &chair, "--label", "rev.2"]);

    // Canada and Mexico work on rev.2 and want different words in the same place of OP7.
    let op7 = text_of(&chair, "OP7");
    assert!(op7.contains(OP7_WORDS));
    let canada = path("canada.accord");
    let mexico = path("mexico.accord");
    accord_json(&["circulate", &chair, "--for", "Canada", "-o", &canada]);
    accord_json(&["circulate", &chair, "--for", "Mexico", "-o", &mexico]);
    let canada_op7 = propose(
        &canada,
        "Canada",
        "OP7",
        &op7.replace("in combating", "in preventing and combating"),
    );
    let mexico_op7 =
        propose(&mexico, "Mexico", "OP7", &op7.replace("in combating", "in addressing"));
    let new_paragraph = accord_json(&[
        "propose",
        &mexico,
        "--as",
        "Mexico",
        "--note",
        "regional statistics",
        "insert",
        "--after",
        "OP8",
        "The importance of regional statistics on crime and violence.",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    accord_json(&["export-proposals", &canada, "--as", "Canada", "-o", &path("canada.json")]);
    accord_json(&["export-proposals", &mexico, "--as", "Mexico", "-o", &path("mexico.json")]);

    // The chair imports the three files; the same file twice adds nothing.
    let imported = accord_json(&[
        "import-proposals",
        &chair,
        &path("canada.json"),
        &path("mexico.json"),
        &path("peru.json"),
    ]);
    let added: Vec<u64> =
        imported.as_array().unwrap().iter().map(|r| r["added"].as_u64().unwrap()).collect();
    assert_eq!(added, [1, 2, 2]);
    assert_eq!(imported[2]["round"], 2, "Peru's proposals were made on round 2");
    assert_eq!(imported[2]["fingerprint_matches"], false, "round 2 changed after Peru's copy");
    let again = accord_json(&["import-proposals", &chair, &path("canada.json")]);
    assert_eq!(
        (again[0]["added"].as_u64(), again[0]["already_present"].as_u64()),
        (Some(0), Some(1))
    );
    accord_json(&["stance", &chair, &canada_op7, "--delegation", "Chile", "support"]);
    accord_json(&["stance", &chair, &mexico_op7, "--delegation", "Chile", "oppose"]);

    // Compiled: the conflict on OP7 between Canada and Mexico, Peru rebased or flagged.
    let compilation = accord_json(&["proposals", &chair]);
    assert_eq!(compilation["open"], 5);
    assert_eq!(compilation["conflicts"], 2);
    assert_eq!(compilation["outdated"], 1);
    assert_eq!(compilation["delegations"], serde_json::json!(["Canada", "Mexico", "Peru"]));
    let proposals: Vec<&serde_json::Value> = compilation["entries"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["proposals"].as_array().unwrap())
        .collect();
    let find = |delegation: &str, label: &str| {
        *proposals
            .iter()
            .find(|p| {
                p["record"]["proposal"]["delegation"] == delegation
                    && p["record"]["proposal"]["change"]["label"] == label
            })
            .unwrap_or_else(|| panic!("{delegation} on {label}"))
    };
    let canada_entry = find("Canada", "OP7");
    assert_eq!(canada_entry["conflicts_with"][0].as_str().unwrap()[..8], mexico_op7[..8]);
    assert_eq!(canada_entry["record"]["supporters"], serde_json::json!(["Chile"]));
    assert_eq!(find("Mexico", "OP7")["record"]["opponents"], serde_json::json!(["Chile"]));
    let peru_op8 = find("Peru", "OP8");
    assert_eq!(peru_op8["standing"]["standing"], "rebased");
    let peru_op8_id = peru_op8["record"]["proposal"]["id"].as_str().unwrap().to_string();
    let peru_op3 = find("Peru", "OP3");
    assert_eq!(peru_op3["standing"]["standing"], "outdated");
    let peru_op3_id = peru_op3["record"]["proposal"]["id"].as_str().unwrap().to_string();

    // Partly accepted: Peru's OP8 (onto the chair's newer OP8) and Mexico's new paragraph;
    // Peru's outdated OP3 rejected; the OP7 conflict turned into one bracket.
    accord_json(&["accept", &chair, &peru_op8_id]);
    assert_eq!(
        text_of(&chair, "OP8"),
        op8.replace("The determination", "Their determination")
            .replace("domestic violence", "domestic and gender-based violence")
    );
    let refused = accord(&["accept", &chair, &peru_op3_id, "--json"]);
    assert!(!refused.success, "an outdated proposal cannot be accepted as it stands");
    accord_json(&["reject", &chair, &peru_op3_id, "--reason", "OP3 was amended in rev.2"]);
    accord_json(&["accept", &chair, &new_paragraph[..8]]);
    assert_eq!(
        text_of(&chair, "OP8bis"),
        "The importance of regional statistics on crime and violence."
    );
    accord_json(&["alternatives", &chair, &canada_op7, &mexico_op7]);
    assert_eq!(
        text_of(&chair, "OP7"),
        op7.replace("in combating", "in [preventing and combating / addressing]")
    );
    let after = accord_json(&["proposals", &chair]);
    assert_eq!((after["open"].as_u64(), after["conflicts"].as_u64()), (Some(0), Some(0)));

    // The compilation of proposals as Word: each delegation's words as its tracked changes.
    let docx = path("compilation.docx");
    accord_json(&["export", &chair, "--kind", "compilation", "-o", &docx]);
    let xml = document_xml(&docx);
    let document = roxmltree::Document::parse(&xml).unwrap();
    let authors: std::collections::BTreeSet<&str> = document
        .descendants()
        .filter(|n| matches!(n.tag_name().name(), "ins" | "del"))
        .filter_map(|n| n.attributes().find(|a| a.name() == "author").map(|a| a.value()))
        .collect();
    assert_eq!(authors.into_iter().collect::<Vec<_>>(), ["Canada", "Mexico", "Peru"]);
    assert!(xml.contains("Compilation of proposals"));
}

fn text_of(file: &str, label: &str) -> String {
    let document = accord_json(&["show", file]);
    document["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["label"] == label)
        .unwrap_or_else(|| panic!("no {label}"))["text"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Records an amendment in a delegation's copy; returns the proposal's id.
fn propose(file: &str, delegation: &str, label: &str, text: &str) -> String {
    accord_json(&["propose", file, "--as", delegation, "amend", label, text])["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn document_xml(docx: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    archive.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn the_cli_keeps_a_copy_its_delegations_and_the_chairs_notes_at_the_chairs_desk() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (chair, canada) = (at("chair.accord"), at("canada.accord"));
    accord_json(&["import", corpus("san-salvador-2011.txt").to_str().unwrap(), "-o", &chair]);
    accord_json(&["note", &chair, "OP7", "CONFIDENTIAL: the United States will oppose"]);
    let refused =
        accord(&["circulate", &chair, "--for", "Nowhere", "-o", &at("x.accord"), "--json"]);
    assert!(!refused.success && refused.stderr.contains("unknown_delegation"));
    assert!(!dir.path().join("x.accord").exists(), "validated before anything is written");

    accord_json(&["circulate", &chair, "--for", "Canada", "-o", &canada]);
    let shown = accord(&["show", &canada, "--json"]).stdout;
    assert!(!shown.contains("CONFIDENTIAL"), "the chair's note is not in Canada's copy");
    assert!(accord(&["show", &chair, "--json"]).stdout.contains("CONFIDENTIAL"));
    for args in [["act-as", canada.as_str(), "--chair"], ["act-as", canada.as_str(), "Mexico"]] {
        let run = accord(&[&args[..], &["--json"]].concat());
        assert!(!run.success && run.stderr.contains("circulated_copy"), "{}", run.stderr);
    }
    let annotated = at("working.txt");
    accord_json(&["export", &chair, "--kind", "annotated", "-o", &annotated]);
    assert!(!std::fs::read_to_string(&annotated).unwrap().contains("CONFIDENTIAL"));
    accord_json(&["export", &chair, "--kind", "annotated", "--with-notes", "-o", &annotated]);
    assert!(std::fs::read_to_string(&annotated).unwrap().contains("CONFIDENTIAL"));
}

#[test]
fn the_cli_refuses_a_proposals_file_rewritten_to_speak_for_another_delegation() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (chair, peru, file) = (at("chair.accord"), at("peru.accord"), at("peru.json"));
    accord_json(&["import", corpus("san-salvador-2011.txt").to_str().unwrap(), "-o", &chair]);
    accord_json(&["circulate", &chair, "--for", "Mexico", "-o", &at("mexico.accord")]);
    accord_json(&["circulate", &chair, "--for", "Peru", "-o", &peru]);
    propose(&peru, "Peru", "OP8", "The determination to design public policies.");
    accord_json(&["export-proposals", &peru, "--as", "Peru", "-o", &file]);
    let forged = std::fs::read_to_string(&file).unwrap().replace("\"Peru\"", "\"Mexico\"");
    let forged_file = at("mexico.json");
    std::fs::write(&forged_file, forged).unwrap();
    let run = accord(&["import-proposals", &chair, &forged_file, "--json"]);
    assert!(!run.success && run.stderr.contains("unverified_proposals"), "{}", run.stderr);
    assert!(run.stderr.contains("Mexico"), "{}", run.stderr);
    let compilation = accord_json(&["proposals", &chair]);
    assert_eq!(compilation["open"], 0, "nothing imported");
    let report = accord_json(&["import-proposals", &chair, &file]);
    assert_eq!(report[0]["added"], 1, "Peru's own file, as signed, is taken");
}
