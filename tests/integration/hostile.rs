//! Hostile input: every input gets a clear answer and loses nothing.

use drafts::import::import_bytes;
use drafts::model::{Delegation, DelegationKind, NegotiationMeta, ParagraphKind};
use drafts::store::{NewParagraph, StatusChange};
use drafts::Store;

fn operative(store: &mut Store, text: &str) -> drafts::Result<drafts::model::ParagraphId> {
    store.insert_paragraph(NewParagraph::at_end(ParagraphKind::Operative, text))
}

#[test]
fn a_ten_megabyte_paragraph_is_stored_compared_and_reread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.accord");
    let mut store = Store::create(&path, NegotiationMeta::default()).unwrap();
    let big = "Decide to cooperate [further / more] ".repeat(280_000);
    assert!(big.len() > 10_000_000);
    let id = operative(&mut store, &big).unwrap();
    store.close_round(Default::default()).unwrap();
    store.edit_text(id, &format!("{big} and now."), None).unwrap();
    let diff = store.diff(1, 2).unwrap();
    assert!(diff.changes[0].text_changed);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert!(store.paragraph(id).unwrap().text.ends_with("and now."));
    assert_eq!(store.summary(None).unwrap().brackets.brackets, 280_000);
}

#[test]
fn sql_metacharacters_nul_bytes_and_markup_are_kept_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.accord");
    let mut store = Store::create(&path, NegotiationMeta::default()).unwrap();
    let texts = [
        "Robert'); DROP TABLE paragraphs; --",
        "Decide \"quoted\" % _ \\ text;",
        "Nul\0inside",
        "<img src=x onerror=alert(1)> <script>alert(2)</script>",
        "Ünïcödé — “typographic” quotes, العربية, 中文",
    ];
    let ids: Vec<_> = texts.iter().map(|t| operative(&mut store, t).unwrap()).collect();
    let name = "Atlantis'); DELETE FROM delegations; --";
    store.add_delegation(Delegation { name: name.into(), kind: DelegationKind::Observer }).unwrap();
    store
        .set_status(
            ids[0],
            StatusChange::AdReferendum { delegations: vec![name.into()], deadline: None },
        )
        .unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    for (id, text) in ids.iter().zip(texts) {
        assert_eq!(store.paragraph(*id).unwrap().text, text);
    }
    assert_eq!(store.delegations().unwrap().len(), 36);
    assert!(store.summary(None).unwrap().sentence.contains(name));
}

#[test]
fn malformed_imports_are_refused_with_a_reason() {
    let cases: [(&[u8], &str); 4] = [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x00\x01\x02PK\x03\x04 binary \x00\x00\x00 garbage", "binary"),
        (b"just a shopping list\nmilk\neggs\n", "no_draft_found"),
    ];
    for (bytes, code) in cases {
        let err = import_bytes(bytes).unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        assert!(!err.to_string().is_empty());
    }
    // Invalid UTF-8 (a Windows-1252 file) is read, not refused.
    let latin = b"DRAFT RESOLUTION\n\nRECOGNIZING the caf\xe9 owners;\n\nRESOLVES:\n\n1. To act.\n";
    let draft = import_bytes(latin).unwrap();
    assert!(draft.paragraphs.iter().any(|p| p.text.contains("café")));
}

#[test]
fn truncated_and_garbage_files_fail_clearly_and_the_original_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("good.accord");
    let mut store = Store::create(&path, NegotiationMeta::default()).unwrap();
    operative(&mut store, "Decide.").unwrap();
    store.close_round(Default::default()).unwrap();
    drop(store);
    let bytes = std::fs::read(&path).unwrap();

    // Whatever is damaged, the answer is `corrupt` (or, where SQLite no longer sees a
    // database at all, `not_a_negotiation`), never a generic `database` error.
    let damaged = dir.path().join("damaged.accord");
    let open_damaged = |bytes: &[u8]| {
        std::fs::write(&damaged, bytes).unwrap();
        Store::open(&damaged).and_then(|store| store.document(None).map(|_| ()))
    };
    let page = 4096;
    for cut in [50, page, bytes.len() / 3, bytes.len() - page] {
        let err = open_damaged(&bytes[..cut]).unwrap_err();
        assert_eq!(err.code(), "corrupt", "truncated to {cut} bytes: {err:?}");
    }
    // Each page overwritten in turn: free pages hold nothing, every other page is missed.
    let mut corrupt_pages = 0;
    for start in (page..bytes.len()).step_by(page) {
        let mut bytes = bytes.clone();
        bytes[start..start + page].fill(0xA5);
        if let Err(err) = open_damaged(&bytes) {
            assert_eq!(err.code(), "corrupt", "page at {start} overwritten: {err:?}");
            corrupt_pages += 1;
        }
    }
    assert!(corrupt_pages >= 20, "only {corrupt_pages} damaged pages were noticed");
    // The header: its schema format number, its page size.
    let mut header = bytes.clone();
    header[44..60].fill(0xA5);
    assert_eq!(open_damaged(&header).unwrap_err().code(), "corrupt");
    let mut header = bytes.clone();
    header[16..100].fill(0xA5);
    assert_eq!(open_damaged(&header).unwrap_err().code(), "not_a_negotiation");

    let garbage = dir.path().join("garbage.sqlite");
    std::fs::write(&garbage, (0..100_000u32).map(|i| (i * 7919 % 251) as u8).collect::<Vec<_>>())
        .unwrap();
    assert_eq!(Store::open(&garbage).unwrap_err().code(), "not_a_negotiation");

    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the original file is untouched");
    Store::open(&path).unwrap();
}
