//! The room reads the language versions: a Spanish version the chair adds during the session
//! reaches a viewer, and the chair editing the original marks that paragraph stale there.

use serde_json::Value;

use super::client::{chair_file, delegation, join, start, token};

/// The Spanish side of paragraph `index` of a view: its text and state.
fn spanish(view: &Value, index: usize) -> (String, String) {
    let version = &view["paragraphs"][index]["versions"][0];
    (version["text"].as_str().unwrap_or("").into(), version["state"].as_str().unwrap_or("").into())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_language_version_reaches_the_room_and_an_edited_original_marks_it_stale() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.accord");
    let ids = chair_file(&path, 2);
    let (store, session) = start(&path, 0);
    let mut mexico =
        join(session.address(), &token(&session.links(None), &delegation("Mexico"))).await.unwrap();
    let first = mexico.until("view", |_| true).await;
    assert_eq!(first["original"]["code"], "en");
    assert!(first["languages"].as_array().unwrap().is_empty());

    {
        let mut desk = store.lock().unwrap();
        let desk = desk.as_mut().unwrap();
        desk.add_language("es").unwrap();
        desk.set_translation(ids[0], "es", "Pide a la Secretaría que informe [sobre el tema 0].")
            .unwrap();
    }
    session.changed();
    let view = mexico.until("view", |v| !v["languages"].as_array().unwrap().is_empty()).await;
    assert_eq!(view["languages"][0]["native"], "Español");
    let (text, state) = spanish(&view, 0);
    assert_eq!(
        (text.as_str(), state.as_str()),
        ("Pide a la Secretaría que informe [sobre el tema 0].", "current")
    );
    assert_eq!(view["paragraphs"][0]["versions"][0]["brackets"][0][0], 33);
    assert_eq!(spanish(&view, 1).1, "missing");

    store
        .lock()
        .unwrap()
        .as_mut()
        .unwrap()
        .edit_text(ids[0], "Requests the Secretariat to report on item 0 by June.", None)
        .unwrap();
    session.changed();
    let view = mexico.until("view", |v| spanish(v, 0).1 == "stale").await;
    assert_eq!(spanish(&view, 0).0, "Pide a la Secretaría que informe [sobre el tema 0].");
    assert_eq!(spanish(&view, 1).1, "missing", "the other paragraph is as it was");
}
