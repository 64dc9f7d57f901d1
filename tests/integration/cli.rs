//! The San Salvador flow through the `accord` command line, with `--json` output.

use crate::util::{accord, accord_json, corpus};

#[test]
fn san_salvador_over_three_rounds_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("san-salvador.accord");
    let file = file.to_str().unwrap();
    let source = corpus("san-salvador-2011.txt");

    let imported = accord_json(&["import", source.to_str().unwrap(), "-o", file]);
    assert_eq!(imported["paragraphs"], 47);

    let round = accord_json(&[
        "close-round",
        file,
        "--label",
        "Formal session, 5 April 2011",
        "--date",
        "2011-04-05",
    ]);
    assert_eq!(round["number"], 2);

    // Round 2: an edit, a bracket, a move, an insertion and a deletion.
    accord_json(&["edit", file, "OP3", "That public security policies must encourage measures for dealing with the root causes of crime, violence, and insecurity.", "--reopen", "Peru asked for the root causes"]);
    accord_json(&["set-status", file, "OP8", "pending"]);
    accord_json(&[
        "bracket",
        file,
        "OP8",
        "--words",
        "domestic violence",
        "--holder",
        "Chile",
        "--reason",
        "scope",
    ]);
    accord_json(&["move", file, "PP14", "--after", "PP19"]);
    let added = accord_json(&[
        "add",
        file,
        "--kind",
        "operative",
        "--after",
        "OP12",
        "--proposer",
        "Peru",
        "The importance of regional statistics on crime and violence.",
    ]);
    assert_eq!(added["label"], "OP12bis");
    accord_json(&["delete", file, "PP16", "--reason", "covered by PP15"]);

    // Agreeing a paragraph that still holds a bracket is refused, with a typed error on stderr.
    let refused = accord(&["set-status", file, "OP8", "agreed", "--json"]);
    assert!(!refused.success);
    let error: serde_json::Value = serde_json::from_str(refused.stderr.trim()).unwrap();
    assert_eq!(error["code"], "brackets_remain");

    accord_json(&["close-round", file, "--label", "Formal session, 19 April 2011"]);

    // Round 3: the bracket is resolved and the new paragraph agreed.
    accord_json(&["resolve", file, "OP8", "--keep", "1"]);
    accord_json(&["set-status", file, "OP8", "agreed"]);
    accord_json(&["set-status", file, "OP13", "agreed"]);
    accord_json(&["set-status", file, "OP3", "agreed"]);
    accord_json(&["close-round", file, "--label", "Formal session, 27 April 2011"]);

    let rounds = accord_json(&["rounds", file]);
    assert_eq!(rounds.as_array().unwrap().len(), 4);

    let diff = accord_json(&["diff", file, "--from", "1", "--to", "2"]);
    let changes = diff["changes"].as_array().unwrap();
    let find = |label: &str| {
        changes
            .iter()
            .find(|c| c["old"]["label"] == label || c["new"]["label"] == label)
            .unwrap_or_else(|| panic!("{label} not in the comparison"))
    };
    assert_eq!(find("OP3")["text_changed"], true);
    assert_eq!(find("PP14")["moved"], true);
    assert_eq!(find("PP16")["deleted"], true);
    assert_eq!(find("OP12bis")["added"], true);
    assert!(find("OP3")["spans"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["op"] == "insert" && s["text"] == "root "));

    let history = accord_json(&["history", file, "OP8"]);
    let entries = history["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[1]["status"]["state"], "pending");
    assert_eq!(entries[2]["status"]["state"], "agreed");

    let status = accord_json(&["status", file]);
    assert_eq!(
        status["sentence"],
        "The draft contains 2 points on which agreement from 2 delegations is still pending: \
         operative paragraph 17 (Canada) and the whole text (Mexico)."
    );

    let text = accord(&["status", file]);
    assert!(text.success && text.stdout.starts_with("The draft contains 2 points"));
    let missing = accord(&["show", dir.path().join("missing.accord").to_str().unwrap()]);
    assert!(!missing.success && missing.stderr.starts_with("accord: "));
}

#[test]
fn a_text_that_is_no_draft_is_imported_with_a_warning_the_chair_reads() {
    let notice = corpus("real/mx-2019-sener-aviso-factor-emision-es.md");
    let preview = accord(&["import", notice.to_str().unwrap(), "--dry-run"]);
    assert!(preview.success);
    assert!(preview.stdout.starts_with("warning: This text does not read as a draft"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notice.accord");
    let created = accord_json(&["import", notice.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    assert_eq!(created["warnings"][0]["code"], "not_a_draft");
    let resolution =
        accord_json(&["import", corpus("san-salvador-2011.txt").to_str().unwrap(), "--dry-run"]);
    assert_eq!(resolution["warnings"], serde_json::json!([]));
}

#[test]
fn a_dry_run_says_why_each_paragraph_was_read_so_and_a_hint_re_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let decision = dir.path().join("decision.txt");
    let text = "Draft decision -/CP.28\n\nThe Conference of the Parties,\n\n\
        Recalling decision 7/CMA.3,\n\n1. The work programme goes on;\n\n\
        2. The secretariat reports;\n";
    std::fs::write(&decision, text).unwrap();
    let decision = decision.to_str().unwrap();
    let read = accord_json(&["import", decision, "--dry-run"]);
    assert_eq!(read["paragraphs"][1]["reason"], "opens with the participle ‘Recalling’");
    assert_eq!(read["paragraphs"][1]["confidence"], "sure");
    assert_eq!(read["paragraphs"][2]["kind"], "preambular");
    assert_eq!(read["paragraphs"][2]["confidence"], "unsure");
    let shown = accord(&["import", decision, "--dry-run"]);
    assert!(shown.stdout.contains("(unsure: numbered ‘1’, no opening words recognised"));
    assert!(shown.stdout.ends_with("2 paragraphs the importer is unsure of\n"), "{}", shown.stdout);

    let hinted = accord_json(&["import", decision, "--dry-run", "--hint-decision"]);
    let kinds: Vec<_> =
        hinted["paragraphs"].as_array().unwrap().iter().map(|p| &p["kind"]).collect();
    assert_eq!(kinds, ["opening_clause", "preambular", "operative", "operative"]);
    assert_eq!(
        hinted["paragraphs"][3]["reason"],
        "numbered in a decision with no verb line: operative, as you said"
    );
    let help = accord(&["import", "--help"]);
    assert!(help.stdout.contains("--hint-decision") && help.stdout.contains("--hint-title-lines"));
    let out = accord(&["import", decision, "--dry-run", "--hint-operative-from", "0"]);
    assert!(!out.success, "paragraphs are counted from 1");
}

#[test]
fn a_revision_imported_into_the_open_round_is_compared_with_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ss.accord");
    let file = file.to_str().unwrap();
    let source = corpus("san-salvador-2011.txt");
    accord_json(&["import", source.to_str().unwrap(), "-o", file]);
    accord_json(&["close-round", file, "--label", "Formal session, 5 April 2011"]);

    let text = std::fs::read_to_string(&source).unwrap();
    let revised = text
        .replace("dealing with the causes of crime", "dealing with the root causes of crime")
        .replace(
            "17. That they request the General Secretariat",
            "17. That they welcome the offer of Peru to host the next meeting.\n18. That they \
             request the General Secretariat",
        );
    let revision = dir.path().join("rev1.txt");
    std::fs::write(&revision, revised).unwrap();
    let revision = revision.to_str().unwrap();
    let shown = accord(&["show", file]).stdout;
    let plan = accord_json(&["import", revision, "--into", file, "--dry-run"]);
    assert_eq!(plan["counts"]["added"], 1);
    let new = plan["paragraphs"].as_array().unwrap().iter().position(|p| p["description"] == "new");
    let new = new.unwrap() + 1;
    let corrected = accord_json(&[
        "import",
        revision,
        "--into",
        file,
        "--dry-run",
        "--match",
        &format!("{new}=OP17"),
    ]);
    assert!(corrected["paragraphs"][new - 1]["description"].as_str().unwrap().starts_with("OP17"));
    let wrong = accord(&["import", revision, "--into", file, "--match", "999=OP1"]);
    assert!(!wrong.success && wrong.stderr.contains("--match takes"), "{}", wrong.stderr);
    assert_eq!(accord(&["show", file]).stdout, shown, "a dry run writes nothing");
    let report = accord_json(&["import", revision, "--into", file]);
    assert_eq!(report["amended"], 1);
    assert_eq!(report["added"], 1);
    assert_eq!(report["deleted"], 0);

    let diff = accord_json(&["diff", file, "--from", "1", "--to", "2"]);
    let changes = diff["changes"].as_array().unwrap();
    let op3 = changes.iter().find(|c| c["old"]["label"] == "OP3").unwrap();
    assert_eq!(op3["text_changed"], true);
    assert_eq!(op3["added"], false);
    assert_eq!(diff["stats"]["added"], 1);
    let words = accord(&["diff", file, "--from", "1", "--to", "2"]).stdout;
    assert!(words.contains("dealing with the {+root +}causes of crime"), "{words}");
    assert!(words.contains("{+That they welcome the offer of Peru"), "{words}");
}

#[test]
fn kinds_statuses_and_stances_are_read_before_anything_opens_and_their_choices_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.accord");
    let file = file.to_str().unwrap();
    accord_json(&["sample", file]);
    let refusals: [(&[&str], &str); 4] = [
        (
            &["set-status", file, "OP1", "bogus"],
            "use agreed, ad_referendum, bracketed, pending or proposed",
        ),
        (&["set-status", file, "OP1", "deleted"], "use agreed, ad_referendum"),
        (&["add", file, "--kind", "nonsense", "To act."], "use opening_clause, preambular"),
        (&["stance", file, "abc", "maybe", "--delegation", "Peru"], "use support, oppose or none"),
    ];
    for (args, choices) in refusals {
        let run = accord(args);
        assert!(!run.success && run.stderr.contains(choices), "{args:?}: {}", run.stderr);
    }
    assert!(accord(&["set-status", file, "OP1", "ad-ref", "--delegation", "Peru"]).success);
}

/// A revision circulated as Word, Akoma Ntoso, PDF (written through LibreOffice, read back
/// through pdftotext) or OpenDocument (saved by LibreOffice): the secretariat's copy moved OP9 after OP11 and amended OP3; brought back
/// into the chair's file, the paragraphs keep their identity.
#[test]
fn a_revision_in_any_format_keeps_moved_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let chair = dir.path().join("chair.accord");
    let chair = chair.to_str().unwrap();
    let source = corpus("san-salvador-2011.txt");
    accord_json(&["import", source.to_str().unwrap(), "-o", chair]);
    accord_json(&["close-round", chair]);
    let secretariat = dir.path().join("secretariat.accord");
    std::fs::copy(chair, &secretariat).unwrap();
    let secretariat = secretariat.to_str().unwrap();
    accord_json(&["move", secretariat, "OP9", "--after", "OP11"]);
    let op3 = accord_json(&["show", secretariat]);
    let op3 = op3["paragraphs"].as_array().unwrap().iter().find(|p| p["label"] == "OP3").unwrap()
        ["text"]
        .as_str()
        .unwrap()
        .replace("the causes of crime", "the root causes of crime");
    accord_json(&["edit", secretariat, "OP3", &op3, "--reopen", "the secretariat's rev."]);
    for format in ["docx", "xml", "pdf", "odt"] {
        let revision = dir.path().join(format!("rev.{format}"));
        let revision = revision.to_str().unwrap();
        if format == "odt" {
            // LibreOffice saves the secretariat's Word file as OpenDocument.
            let converted = std::process::Command::new("soffice")
                .args(["--headless", "--convert-to", "odt", "--outdir"])
                .arg(dir.path())
                .arg(dir.path().join("rev.docx"))
                .output()
                .unwrap();
            assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
        } else {
            accord_json(&["export", secretariat, "--output", revision]);
        }
        let plan = accord_json(&["import", revision, "--into", chair, "--dry-run"]);
        let counts = &plan["counts"];
        assert_eq!(
            (counts["moved"].as_u64(), counts["added"].as_u64()),
            (Some(1), Some(0)),
            "{format}: {counts}"
        );
        assert_eq!(counts["deleted"], 0, "{format}: {counts}");
        let described: Vec<&str> = plan["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["description"].as_str())
            .collect();
        assert!(
            described.contains(&"OP9, moved from after OP8, unchanged"),
            "{format}: {described:?}"
        );
        assert!(described.contains(&"OP3, 1 word changed"), "{format}: {described:?}");
    }
}

/// What the CLI prints for people names statuses, round states and proposals in words: no Rust
/// debug output (`AdReferendum { delegations: [...] }`, `Some(…)`) in any verb's text.
#[test]
fn the_cli_speaks_in_words_never_in_rust_debug_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.accord");
    let file = file.to_str().unwrap();
    accord_json(&["sample", file]);
    assert!(accord(&["set-status", file, "OP1", "ad-ref", "--delegation", "Peru"]).success);
    let verbs: [&[&str]; 8] = [
        &["show", file],
        &["history", file, "OP1"],
        &["status", file],
        &["rounds", file],
        &["diff", file, "--from", "1", "--to", "3"],
        &["proposals", file],
        &["check", file],
        &["set-status", file, "OP2", "ad-ref", "--delegation", "Peru", "--delegation", "Mexico"],
    ];
    for args in verbs {
        let run = accord(args);
        assert!(run.success, "{args:?}: {}", run.stderr);
        for debug in ["AdReferendum", "delegations:", "Some(", "None", " { ", "\"}"] {
            assert!(!run.stdout.contains(debug), "{args:?} prints {debug}: {}", run.stdout);
        }
    }
}
