//! Every verb of the `accord` CLI treats a reader that has gone away (`accord show F | head -1`)
//! as the end of its output: it exits quietly with success, its work done, and never panics.

use std::process::{Command, Stdio};

use crate::util::{accord_binary, accord_json, corpus};

/// Runs the CLI with its standard output a pipe whose reading end is already closed, as after
/// `| head -1`, and asserts that it ends quietly.
fn into_closed_pipe(args: &[&str]) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = Command::new(accord_binary())
        .args(args)
        .stdin(Stdio::null())
        .stdout(writer)
        .output()
        .expect("run accord");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.is_empty(),
        "accord {args:?} into a closed pipe: {:?}, stderr: {stderr}",
        output.status
    );
}

/// The id of the first proposal in the compilation of `file` whose delegation is `delegation`.
fn proposal_of(file: &str, delegation: &str) -> String {
    let compilation = accord_json(&["proposals", file]);
    let entries = compilation["entries"].as_array().expect("entries");
    entries
        .iter()
        .flat_map(|e| e["proposals"].as_array().cloned().unwrap_or_default())
        .find(|p| {
            p["record"]["proposal"]["delegation"] == delegation && p["record"]["state"] == "open"
        })
        .and_then(|p| p["record"]["proposal"]["id"].as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no proposal of {delegation}: {compilation}"))
}

#[test]
fn every_verb_ends_quietly_when_its_reader_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (file, copy, mexico) = (at("ss.accord"), at("canada.accord"), at("mexico.accord"));
    let (f, c, m) = (file.as_str(), copy.as_str(), mexico.as_str());
    let source = corpus("san-salvador-2011.txt");
    let source = source.to_str().unwrap();
    let (out, proposals, mexico_proposals) = (at("clean.txt"), at("canada.json"), at("mx.json"));
    let spanish = at("clean-es.txt");

    let text_verbs: &[&[&str]] = &[
        &["import", source, "--dry-run"],
        &["import", source, "-o", f],
        &["show", f],
        &["show", f, "--json"],
        &["add", f, "--kind", "operative", "--after", "OP12", "The role of regional statistics."],
        &["edit", f, "OP3", "That policies address the root causes of crime.", "--reopen", "Peru"],
        &["move", f, "PP14", "--after", "PP19"],
        &["delete", f, "PP16", "--reason", "covered by PP15"],
        &["set-status", f, "OP8", "pending"],
        &["bracket", f, "OP8", "--words", "domestic violence", "--holder", "Chile"],
        &["resolve", f, "OP8", "--keep", "1"],
        &["set-status", f, "OP9", "ad_referendum", "--delegation", "Peru", "--silence-hours", "0"],
        &["confirm-silence", f, "OP9"],
        &[
            "set-status",
            f,
            "OP10",
            "ad_referendum",
            "--delegation",
            "Peru",
            "--silence-hours",
            "48",
        ],
        &["break-silence", f, "OP10", "--delegation", "Peru"],
        &["close-round", f, "--label", "Formal session, 5 April 2011"],
        &["reopen-round", f, "--reason", "closed before the last statement"],
        &["close-round", f, "--label", "Formal session, 5 April 2011"],
        &["rounds", f],
        &["diff", f, "--from", "1", "--to", "2"],
        &["history", f, "OP8"],
        &["status", f],
        &["verify", f],
        &["backups", f],
        &["check", f],
        &["language", "add", f, "--lang", "es"],
        &["language", "import", f, source, "--lang", "es", "--dry-run"],
        &["language", "import", f, source, "--lang", "es"],
        &["language", "set", f, "OP3", "--lang", "es", "Que las políticas atiendan las causas."],
        &["language", "review", f, "OP3", "--lang", "es"],
        &["language", "status", f],
        &["language", "side-by-side", f, "--left", "en", "--right", "es"],
        &["show", f, "--lang", "es"],
        &["export", f, "--lang", "es", "-o", &spanish],
        &["export", f, "--kind", "clean", "-o", &out],
        &["import", source, "--into", f],
        &["new", &at("new.accord"), "--title", "A new draft"],
        &["sample", &at("sample.accord")],
        &["generate", &at("generated.accord"), "--paragraphs", "5", "--rounds", "2"],
        &["restore", &at("ss.accord.backups/round-001.accord"), "-o", &at("restored.accord")],
    ];
    for args in text_verbs {
        into_closed_pipe(args);
    }
    assert!(std::path::Path::new(&out).is_file(), "the export was written");

    let proposal_verbs: &[&[&str]] = &[
        &["circulate", f, "--for", "Canada", "-o", c],
        &["circulate", f, "--for", "Mexico", "-o", m],
        &["propose", c, "--as", "Canada", "amend", "OP4", "That policies address causes."],
        &["propose", m, "--as", "Mexico", "amend", "OP4", "That policies tackle causes."],
        &["proposals", c],
        &["export-proposals", c, "--as", "Canada", "-o", &proposals],
        &["export-proposals", m, "--as", "Mexico", "-o", &mexico_proposals],
        &["import-proposals", f, &proposals, &mexico_proposals],
        &["act-as", f, "Peru"],
        &["act-as", f, "--chair"],
    ];
    for args in proposal_verbs {
        into_closed_pipe(args);
    }
    let canada = proposal_of(f, "Canada");
    let mexico = proposal_of(f, "Mexico");
    let deciding: &[&[&str]] = &[
        &["stance", f, &canada, "--delegation", "Peru", "support"],
        &["reject", f, &canada, "--reason", "not now"],
        &["reopen-proposal", f, &canada],
        &["alternatives", f, &canada, &mexico],
        &["propose", f, "--as", "Peru", "comment", "--paragraph", "OP4", "We will revert."],
    ];
    for args in deciding {
        into_closed_pipe(args);
    }
    into_closed_pipe(&["withdraw", f, &proposal_of(f, "Peru")]);
    into_closed_pipe(&["propose", f, "--as", "Peru", "delete", "OP11"]);
    into_closed_pipe(&["accept", f, &proposal_of(f, "Peru")]);
    into_closed_pipe(&["note", f, "OP11", "Peru's deletion accepted."]);
}
