//! Language versions on real texts published in several languages: a translation imported and
//! aligned to the original paragraph by paragraph, measured against the alignment read by hand.

use std::path::PathBuf;

use drafts::import::{self, ImportFormat, ImportedDraft};
use drafts::store::TranslationPlan;
use drafts::Store;

use crate::util::{accord, accord_json, corpus};

/// A negotiation made from `original` (a file of the corpus) keeping `code` beside it.
fn negotiation(dir: &tempfile::TempDir, original: &str, code: &str) -> Store {
    let draft = import::import_file(&corpus(&format!("real/{original}"))).unwrap();
    let mut store = Store::create_from_import(&dir.path().join("n.accord"), &draft).unwrap();
    store.add_language(code).unwrap();
    store
}

/// The share of the original's paragraphs given the translation's paragraph the hand reading
/// gives them (`truth[i]`: the first paragraph of the file translating paragraph i, or none).
fn accuracy(plan: &TranslationPlan, truth: &[Option<usize>]) -> f64 {
    assert_eq!(plan.paragraphs.len(), truth.len());
    let right = plan
        .paragraphs
        .iter()
        .zip(truth)
        .filter(|(p, t)| p.translation.first().copied() == **t)
        .count();
    right as f64 / truth.len() as f64
}

/// The Spanish UDHR as the UDHR-in-Unicode XML holds it, as text: its titles, and each
/// paragraph (list items numbered) apart.
fn udhr_spanish() -> ImportedDraft {
    let xml = std::fs::read_to_string(corpus("real/unga-1948-res-217a-udhr-es.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut text = String::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let own = node.text().unwrap_or_default().trim();
        match node.tag_name().name() {
            "title" => text.push_str(&format!("{own}\n\n")),
            "para" if node.parent().is_some_and(|p| p.has_tag_name("listitem")) => {
                let item = node.parent().unwrap();
                let n = item.prev_siblings().filter(|s| s.has_tag_name("listitem")).count() + 1;
                text.push_str(&format!("{n}. {own}\n\n"));
            }
            "para" => text.push_str(&format!("{own}\n\n")),
            _ => {}
        }
    }
    import::import_bytes_as(text.as_bytes(), ImportFormat::Text).unwrap()
}

#[test]
fn the_spanish_paris_agreement_aligns_to_the_english_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = negotiation(&dir, "unfccc-2015-paris-agreement-12dec-en.md", "es");
    let spanish = import::import_file(&corpus("real/unfccc-2015-paris-agreement-es.md")).unwrap();
    let plan = store.plan_translation("es", &spanish, &[]).unwrap();
    // Read by hand: paragraph for paragraph, the opening clause and the three preambular
    // paragraphs before the first participle included; except the heading "Article 14", which
    // the Spanish text lost.
    let truth: Vec<Option<usize>> = (0..plan.paragraphs.len())
        .map(|i| match i {
            0..157 => Some(i),
            157 => None,
            _ => Some(i - 1),
        })
        .collect();
    let measured = accuracy(&plan, &truth);
    println!("Paris Agreement en → es: {:.1} % of {} paragraphs", measured * 100.0, truth.len());
    assert!(measured >= 0.95, "aligned {:.1} %", measured * 100.0);
    let written = store.import_translation("es", &spanish, &[]).unwrap();
    let status = store.language_status("es", None).unwrap();
    assert_eq!(status.counts.current, written.matched);
}

#[test]
fn the_udhr_aligns_from_french_to_portuguese_and_spanish() {
    let dir = tempfile::tempdir().unwrap();
    let store = negotiation(&dir, "unga-1948-res-217a-udhr-fr.html", "pt");
    let n = store.document(None).unwrap().paragraphs.len();
    let brazil = import::import_file(&corpus("real/unga-1948-res-217a-udhr-pt-br.html")).unwrap();
    let same: Vec<Option<usize>> = (0..n).map(Some).collect();
    let measured = accuracy(&store.plan_translation("pt", &brazil, &[]).unwrap(), &same);
    println!("UDHR fr → pt (Brazil): {:.1} % of {n} paragraphs", measured * 100.0);
    assert!(measured >= 0.95, "aligned {:.1} %", measured * 100.0);
    // Portugal's text says "A Assembleia Geral proclama …" as one paragraph where the French has
    // "L'Assemblée générale" and "Proclame …" apart.
    let portugal = import::import_file(&corpus("real/unga-1948-res-217a-udhr-pt.txt")).unwrap();
    let shifted: Vec<Option<usize>> = (0..n)
        .map(|i| match i {
            0..=6 => Some(i),
            7 => None,
            _ => Some(i - 1),
        })
        .collect();
    let measured = accuracy(&store.plan_translation("pt", &portugal, &[]).unwrap(), &shifted);
    println!("UDHR fr → pt (Portugal): {:.1} % of {n} paragraphs", measured * 100.0);
    assert!(measured >= 0.95, "aligned {:.1} %", measured * 100.0);
    drop(store);
    let dir = tempfile::tempdir().unwrap();
    let store = negotiation(&dir, "unga-1948-res-217a-udhr-fr.html", "es");
    let measured = accuracy(&store.plan_translation("es", &udhr_spanish(), &[]).unwrap(), &same);
    println!("UDHR fr → es: {:.1} % of {n} paragraphs", measured * 100.0);
    assert!(measured >= 0.95, "aligned {:.1} %", measured * 100.0);
}

/// The labels of a language's stale paragraphs in `accord language status --json`.
fn stale(status: &serde_json::Value, code: &str) -> Vec<String> {
    let version = status.as_array().unwrap().iter().find(|s| s["language"]["code"] == code);
    version.unwrap()["stale"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap().to_string())
        .collect()
}

/// The English Paris Agreement imported through the CLI with a Spanish version added (none
/// translated yet), and the Spanish text to import.
fn english_paris_keeping_spanish(dir: &tempfile::TempDir) -> (PathBuf, PathBuf) {
    let file = dir.path().join("paris.accord");
    let f = file.to_str().unwrap();
    let english = corpus("real/unfccc-2015-paris-agreement-12dec-en.md");
    accord_json(&["import", english.to_str().unwrap(), "-o", f]);
    accord_json(&["language", "add", f, "--lang", "es"]);
    (file, corpus("real/unfccc-2015-paris-agreement-es.md"))
}

#[test]
fn the_cli_keeps_a_spanish_version_in_step_with_the_english_original() {
    let dir = tempfile::tempdir().unwrap();
    let (file, spanish) = english_paris_keeping_spanish(&dir);
    let f = file.to_str().unwrap();
    let preview = accord_json(&[
        "language",
        "import",
        f,
        spanish.to_str().unwrap(),
        "--lang",
        "es",
        "--dry-run",
    ]);
    assert_eq!(preview["matched"], 216);
    let status = accord_json(&["language", "status", f]);
    assert_eq!(status[0]["counts"]["missing"], 217, "a dry run writes nothing");
    accord_json(&["language", "import", f, spanish.to_str().unwrap(), "--lang", "es"]);
    accord_json(&["close-round", f]);
    let show = accord_json(&["show", f]);
    let op = show["paragraphs"].as_array().unwrap().iter().find(|p| p["label"] == "OP20").unwrap();
    let edited = format!("{} (as amended)", op["text"].as_str().unwrap());
    accord_json(&["edit", f, "OP20", &edited, "--reopen", "amended in round 2"]);
    let status = accord_json(&["language", "status", f]);
    assert_eq!(stale(&status, "es"), ["OP20"]);
    let sentence = status[0]["sentence"].as_str().unwrap();
    assert!(
        sentence.starts_with("The Spanish version lacks 1 paragraph changed in Round 2"),
        "{sentence}"
    );
    let spanish_show = accord(&["show", f, "--lang", "es"]);
    assert!(spanish_show.stdout.contains("Reconociendo la necesidad de una respuesta progresiva"));
    let wrong = accord(&["language", "set", f, "OP20", "--lang", "fr", "Texte", "--json"]);
    assert!(wrong.stderr.contains("\"code\":\"unknown_language\""), "{}", wrong.stderr);
    let text = format!("{} (en su forma enmendada)", op_text(f, "OP20", "es"));
    accord_json(&["language", "set", f, "OP20", "--lang", "es", &text]);
    accord_json(&["language", "review", f, "OP20", "--lang", "es"]);
    let status = accord_json(&["language", "status", f]);
    assert!(stale(&status, "es").is_empty());
    assert_eq!(status[0]["counts"]["reviewed"], 1);
}

/// A paragraph's text in a language, as `accord show --lang` gives it.
fn op_text(file: &str, label: &str, code: &str) -> String {
    let show = accord_json(&["show", file, "--lang", code]);
    let p = show["paragraphs"].as_array().unwrap().iter().find(|p| p["label"] == label).unwrap();
    p["text"].as_str().unwrap().to_string()
}

/// The text LibreOffice reads in each of `files` (.docx), white space made single spaces.
fn read_by_libreoffice(dir: &std::path::Path, files: &[&std::path::Path]) -> Vec<String> {
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.display());
    let converted = std::process::Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "txt:Text (encoded):UTF8"])
        .arg("--outdir")
        .arg(dir)
        .args(files)
        .output()
        .expect("soffice");
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f.with_extension("txt")).unwrap();
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// Asserts that `text` holds `snippets` in this order.
fn in_order(what: &str, text: &str, snippets: &[&str]) {
    let mut at = 0;
    for snippet in snippets {
        let found = text[at..].find(snippet).unwrap_or_else(|| {
            panic!("\"{snippet}\" not found after character {at} of the {what}: {text}")
        });
        at += found + snippet.len();
    }
}

#[test]
fn a_spanish_clean_export_and_the_concordance_read_back_in_libreoffice() {
    if crate::export::drafts_pdf_tool_missing() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (file, spanish) = english_paris_keeping_spanish(&dir);
    let f = file.to_str().unwrap();
    accord_json(&["language", "import", f, spanish.to_str().unwrap(), "--lang", "es"]);
    let (clean, concordance) = (dir.path().join("paris-es.docx"), dir.path().join("both.docx"));
    accord_json(&["export", f, "--lang", "es", "-o", clean.to_str().unwrap()]);
    let to = concordance.to_str().unwrap();
    accord_json(&["export", f, "--kind", "concordance", "-o", to]);
    let read = read_by_libreoffice(dir.path(), &[&clean, &concordance]);
    in_order(
        "Spanish export",
        &read[0],
        &[
            "Original: inglés",
            "Reconociendo la necesidad de una respuesta progresiva y eficaz",
            "Han convenido en lo siguiente:",
            "El presente Acuerdo, al mejorar la aplicación de la Convención",
            "HECHO en París el día doce de diciembre de dos mil quince.",
        ],
    );
    assert!(!read[0].contains("Recognizing the need"), "no English paragraph in the Spanish text");
    in_order(
        "concordance",
        &read[1],
        &[
            "CONCORDANCE OF THE LANGUAGE VERSIONS",
            "The Spanish version lacks 1 paragraph never translated.",
            "Paragraph English (original) Español",
            "Chapeau The Parties to this Agreement, Las Partes en el presente Acuerdo,",
            "PP1 Being Parties to the United Nations Framework Convention",
            "En su calidad de Partes en la Convención Marco",
            "PP4 Recognizing the need for an effective",
            "Reconociendo la necesidad de una respuesta",
            "DONE at Paris",
            "HECHO en París",
        ],
    );
}
