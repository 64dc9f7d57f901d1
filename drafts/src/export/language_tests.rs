//! Exports of a language version: its text in its house style with "Original: …" in the title
//! block, its comparison of two rounds, and the concordance of every version.

use super::*;
use crate::model::{HouseStyle, NegotiationMeta, ParagraphKind};
use crate::store::{CloseRound, NewParagraph};

/// A negotiation in `style` with a preambular and an operative paragraph, translated into
/// `code` as `translations` say.
fn translated(
    style: HouseStyle,
    code: &str,
    translations: [&str; 2],
) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let meta = NegotiationMeta { house_style: style, ..NegotiationMeta::default() };
    let mut store = Store::create(&dir.path().join("n.accord"), meta).unwrap();
    store.add_language(code).unwrap();
    let texts = [
        (ParagraphKind::Preambular, "Recognizing the role of regional cooperation,"),
        (ParagraphKind::Operative, "Decides to convene a meeting in 2027."),
    ];
    for ((kind, text), translation) in texts.into_iter().zip(translations) {
        let id = store.insert_paragraph(NewParagraph::at_end(kind, text)).unwrap();
        store.set_translation(id, code, translation).unwrap();
    }
    (dir, store)
}

fn in_language(code: &str) -> ExportOptions {
    ExportOptions { language: Some(code.into()), ..ExportOptions::default() }
}

fn text(store: &Store, kind: &ExportKind, format: ExportFormat, options: &ExportOptions) -> String {
    String::from_utf8(export(store, kind, format, options).unwrap()).unwrap()
}

#[test]
fn a_spanish_clean_text_is_in_oas_capitals_and_names_its_original_in_spanish() {
    let spanish = [
        "Reconociendo el papel de la cooperación regional,",
        "Decide convocar una reunión en 2027.",
    ];
    let (_dir, store) = translated(HouseStyle::Oas, "es", spanish);
    let txt = text(&store, &ExportKind::Clean, ExportFormat::Txt, &in_language("es"));
    assert!(txt.contains("RECONOCIENDO el papel de la cooperación regional,"), "{txt}");
    assert!(txt.contains("Decide convocar una reunión en 2027."));
    assert!(txt.contains("Original: inglés"), "the original named in Spanish: {txt}");
    assert!(!txt.contains("Recognizing"));
    let html = text(&store, &ExportKind::Clean, ExportFormat::Html, &in_language("es"));
    assert!(html.contains("<html lang=\"es\">"));
}

#[test]
fn a_french_text_in_un_style_puts_its_participle_in_italics() {
    let french = [
        "Considérant le rôle de la coopération régionale,",
        "Décide de convoquer une réunion en 2027.",
    ];
    let (_dir, store) = translated(HouseStyle::Un, "fr", french);
    let md = text(&store, &ExportKind::Annotated, ExportFormat::Md, &in_language("fr"));
    assert!(md.contains("*Considérant*"), "{md}");
    assert!(md.contains("*Décide*"), "{md}");
}

#[test]
fn a_language_comparison_shows_the_changes_of_its_own_text() {
    let (_dir, mut store) =
        translated(HouseStyle::Oas, "es", ["Reconociendo el papel,", "Decide convocar."]);
    store.close_round(CloseRound::default()).unwrap();
    let id = store.document(None).unwrap().paragraphs[1].paragraph.id;
    store.edit_text(id, "Decides to convene a meeting in 2028.", None).unwrap();
    store.set_translation(id, "es", "Decide convocar una reunión en 2028.").unwrap();
    let compare = ExportKind::Compare { from: 1, to: 2 };
    let md = text(&store, &compare, ExportFormat::Md, &in_language("es"));
    assert!(md.contains("2028"), "{md}");
    assert!(!md.contains("Decides"), "{md}");
}

#[test]
fn the_concordance_has_a_column_per_language_and_marks_what_is_stale() {
    let (_dir, mut store) =
        translated(HouseStyle::Oas, "es", ["Reconociendo el papel,", "Decide convocar."]);
    store.add_language("fr").unwrap();
    let id = store.document(None).unwrap().paragraphs[1].paragraph.id;
    store.edit_text(id, "Decides to convene a meeting.", None).unwrap();
    let md = text(&store, &ExportKind::Concordance, ExportFormat::Md, &ExportOptions::default());
    assert!(md.contains("| Paragraph | English (original) | Español | Français |"), "{md}");
    assert!(md.contains("(stale) Decide convocar."), "{md}");
    assert!(md.contains(crate::store::NOT_TRANSLATED));
    assert!(md.contains("The Spanish version lacks 1 paragraph changed in Round 1."), "{md}");
    let refused = export(&store, &ExportKind::Concordance, ExportFormat::Md, &in_language("es"));
    assert_eq!(refused.unwrap_err().code(), crate::ErrorCode::Invalid);
}
