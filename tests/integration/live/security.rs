//! Nobody gets in who should not: unknown, revoked and observer tokens cannot propose, one
//! delegation cannot propose as another, messages are bounded in size and rate, the server
//! listens only where it was told, and the viewer is served under a strict policy.

use drafts::live::limits::{BURST, MAX_MESSAGE_BYTES};
use drafts::live::tokens::Role;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::client::{chair_file, comment, delegation, join, new_id, start, token};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_live_delegation_token_proposes_and_always_in_its_own_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.accord");
    let ids = chair_file(&path, 3);
    let (store, session) = start(&path, 1);
    let links = session.links(None);
    let address = session.address();

    assert_eq!(join(address, "f00d").await.err(), Some(401), "an unknown token is not let in");
    assert_eq!(join(address, "").await.err(), Some(401));

    for role in [Role::Observer, Role::Chair] {
        let mut reader = join(address, &token(&links, &role)).await.unwrap();
        let hello = reader.until("hello", |_| true).await;
        assert_eq!(hello["role"]["role"], if role == Role::Chair { "chair" } else { "observer" });
        let refused = reader.propose(&new_id(), comment(ids[0], "mine")).await;
        assert_eq!(refused["type"], "refused");
        assert_eq!(refused["error"]["code"], "session_forbidden");
    }

    let mut canada = join(address, &token(&links, &delegation("Canada"))).await.unwrap();
    let id = new_id();
    let mut message = super::client::proposal(&id, comment(ids[1], "<img src=x onerror=alert(1)>"));
    message["delegation"] = json!("Brazil");
    message["request"]["delegation"] = json!("Brazil");
    canada.send(&message).await;
    assert_eq!(canada.answer_to(&id).await["recorded"], true);
    let again = canada.propose(&id, comment(ids[1], "again")).await;
    assert_eq!((again["type"].as_str(), again["recorded"].as_bool()), (Some("ack"), Some(false)));

    let mut brazil = join(address, &token(&links, &delegation("Brazil"))).await.unwrap();
    let taken = brazil.propose(&id, comment(ids[2], "taken over")).await;
    assert_eq!(taken["type"], "refused", "an id another delegation used is refused");

    let recorded = store.lock().unwrap().as_ref().unwrap().proposals().unwrap();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].proposal.delegation, "Canada");
    assert_eq!(recorded[0].origin, "local");
    // The view that first carried the proposal may have come before the answers read above:
    // ask for a fresh one rather than wait for one already skipped.
    session.changed();
    let view = canada.until("view", |v| !v["proposals"].as_array().unwrap().is_empty()).await;
    let description = view["proposals"][0]["description"].as_str().unwrap();
    assert!(description.contains("<img"), "the room's words reach the room as typed, as text");

    assert_eq!(session.revoke(&delegation("Canada")).unwrap(), 1);
    assert!(canada.next_until_closed().await, "a revoked delegation's connection is closed");
    let canada_token = token(&links, &delegation("Canada"));
    assert_eq!(join(address, &canada_token).await.err(), Some(401));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_chair_moves_the_room_and_every_viewer_follows_its_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.accord");
    let ids = chair_file(&path, 3);
    let (store, session) = start(&path, 1);
    let links = session.links(None);
    let mut chair = join(session.address(), &token(&links, &Role::Chair)).await.unwrap();
    let mut observer = join(session.address(), &token(&links, &Role::Observer)).await.unwrap();
    let mut chile = join(session.address(), &token(&links, &delegation("Chile"))).await.unwrap();

    chile.send(&json!({ "type": "focus", "paragraph": ids[0] })).await;
    let refused = chile.until("refused", |_| true).await;
    assert_eq!(refused["error"]["code"], "session_forbidden");

    chair.send(&json!({ "type": "focus", "paragraph": ids[2] })).await;
    chair.until("focused", |_| true).await;
    let focus = ids[2].to_string();
    observer.until("view", |v| v["focus"] == focus.as_str()).await;
    chile.until("view", |v| v["focus"] == focus.as_str()).await;

    let id = new_id();
    let amend = json!({ "type": "amend", "paragraph": ids[2], "text": "Requests the Secretariat to report on item 2 each year." });
    assert_eq!(chile.propose(&id, amend).await["type"], "ack");
    let proposal = id.parse().unwrap();
    store.lock().unwrap().as_mut().unwrap().accept_proposal(proposal).unwrap();
    session.changed();
    let decided = observer.until("view", |v| v["proposals"][0]["state"] == "accepted").await;
    assert_eq!(decided["paragraphs"][2]["text"], "Requests the Secretariat to report on item 2 each year.");
    assert_eq!(decided["proposals"][0]["delegation"], "Chile");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_are_bounded_in_size_and_rate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.accord");
    let ids = chair_file(&path, 1);
    let (store, session) = start(&path, 0);
    let links = session.links(None);
    let peru = token(&links, &delegation("Peru"));

    let mut flood = join(session.address(), &peru).await.unwrap();
    flood.until("view", |_| true).await;
    for _ in 0..BURST + 5 {
        flood.send(&json!({ "type": "focus", "paragraph": ids[0] })).await;
    }
    let mut codes = Vec::new();
    while codes.len() < BURST as usize + 5 {
        let refused = flood.until("refused", |_| true).await;
        codes.push(refused["error"]["code"].as_str().unwrap().to_string());
    }
    let limited = codes.iter().filter(|c| *c == "rate_limited").count();
    assert_eq!(limited, 5, "past the burst, each message is refused: {codes:?}");
    flood.send(&super::client::proposal(&new_id(), comment(ids[0], "one more"))).await;
    let late = flood.until("refused", |_| true).await;
    assert_eq!(late["error"]["code"], "rate_limited");
    assert!(store.lock().unwrap().as_ref().unwrap().proposals().unwrap().is_empty());

    let mut huge = join(session.address(), &peru).await.unwrap();
    huge.until("view", |_| true).await;
    let text = "x".repeat(MAX_MESSAGE_BYTES + 1);
    huge.send_raw(super::client::proposal(&new_id(), comment(ids[0], &text)).to_string()).await;
    assert!(huge.next_until_closed().await, "an oversized message closes its connection");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_listens_only_where_told_and_serves_the_viewer_under_a_strict_policy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.accord");
    chair_file(&path, 1);
    let (_store, session) = start(&path, 0);
    let port = session.address().port();
    assert_eq!(session.address().ip().to_string(), "127.0.0.1");
    let elsewhere = tokio::net::TcpStream::connect(("127.0.0.2", port)).await;
    assert!(elsewhere.is_err(), "nothing listens on another address of the machine");

    let mut http = tokio::net::TcpStream::connect(session.address()).await.unwrap();
    http.write_all(b"GET / HTTP/1.1\r\nHost: room\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut page = String::new();
    http.read_to_string(&mut page).await.unwrap();
    let page = page.to_lowercase();
    assert!(page.starts_with("http/1.1 200"), "{page}");
    assert!(page.contains("content-security-policy: default-src 'none'; script-src 'self'"));
    assert!(page.contains("x-content-type-options: nosniff"));
    assert!(page.contains("<script src=\"/viewer.js\""));
}
