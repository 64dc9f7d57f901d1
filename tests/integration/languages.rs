//! Language versions on real texts published in several languages: a translation imported and
//! aligned to the original paragraph by paragraph, measured against the alignment read by hand.

use drafts::import::{self, ImportFormat, ImportedDraft};
use drafts::store::TranslationPlan;
use drafts::Store;

use crate::util::corpus;

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
    // Read by hand: paragraph for paragraph, except Article 13.11, whose second sentence the
    // Spanish sets apart (149), and the heading "Article 14", which the Spanish text lost.
    let truth: Vec<Option<usize>> = (0..plan.paragraphs.len())
        .map(|i| match i {
            149..=152 => Some(i + 1),
            153 => None,
            _ => Some(i),
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
