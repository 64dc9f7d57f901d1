//! The room under load: 35 delegations and 200 observers see every chair's edit, in one language
//! and in the OAS's four; 35 delegations sending 10 proposals each at once have all 350 recorded,
//! once each. The measured latency is printed (`live load:` lines, read into BENCHMARKS.md); the
//! tests assert behaviour only.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use drafts::live::tokens::Role;
use drafts::model::OAS_MEMBER_STATES;

use super::client::{chair_file, comment, delegation, join, new_id, proposal, start, token};

const OBSERVERS: usize = 200;
const EDITS: usize = 10;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_chair_edit_reaches_35_delegations_and_200_observers() {
    edits_reach_the_room(&[]).await;
}

/// The same room reading the text in the OAS's four languages: every paragraph translated into
/// Spanish, French and Portuguese, each view carrying all four.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_chair_edit_reaches_the_room_reading_in_four_languages() {
    edits_reach_the_room(&["es", "fr", "pt"]).await;
}

/// 10 chair's edits to 35 delegations and 200 observers, on a file keeping `languages` beside the
/// original; prints the latency from the edit to every screen.
async fn edits_reach_the_room(languages: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.accord");
    let ids = chair_file(&path, 30);
    translate(&path, &ids, languages);
    let (store, session) = start(&path, 1);
    let links = session.links(None);
    let mut tokens: Vec<String> =
        OAS_MEMBER_STATES.iter().map(|name| token(&links, &delegation(name))).collect();
    tokens.extend(std::iter::repeat_n(token(&links, &Role::Observer), OBSERVERS));
    let (seen, mut sightings) = tokio::sync::mpsc::unbounded_channel();
    let mut viewers = Vec::new();
    for secret in &tokens {
        let mut client = join(session.address(), secret).await.expect("joins");
        client.until("view", |_| true).await;
        let seen = seen.clone();
        viewers.push(tokio::spawn(async move {
            for edit in 0..EDITS {
                let marker = format!("edit {edit} of the chair");
                client.until("view", |v| v["paragraphs"][7]["text"] == marker.as_str()).await;
                seen.send((edit, Instant::now())).unwrap();
            }
        }));
    }
    let mut latencies = Vec::new();
    for edit in 0..EDITS {
        let sent = Instant::now();
        store
            .lock()
            .unwrap()
            .as_mut()
            .unwrap()
            .edit_text(ids[7], &format!("edit {edit} of the chair"), None)
            .unwrap();
        session.changed();
        for _ in 0..tokens.len() {
            let (seen_edit, at) = sightings.recv().await.unwrap();
            assert_eq!(seen_edit, edit, "every viewer saw the edit before the next");
            latencies.push(at - sent);
        }
    }
    for viewer in viewers {
        viewer.await.unwrap();
    }
    assert_eq!(latencies.len(), tokens.len() * EDITS);
    latencies.sort();
    let p95 = latencies[latencies.len() * 95 / 100];
    let max = latencies[latencies.len() - 1];
    println!(
        "live load: {} viewers x {EDITS} chair edits, {} language(s), edit to every screen p50 {} ms, p95 {} ms, max {} ms",
        tokens.len(),
        1 + languages.len(),
        ms(latencies[latencies.len() / 2]),
        ms(p95),
        ms(max)
    );
}

/// Keeps `languages` beside the original of the file at `path`, every paragraph translated.
fn translate(path: &std::path::Path, ids: &[drafts::model::ParagraphId], languages: &[&str]) {
    let mut store = drafts::Store::open(path).expect("open");
    for code in languages {
        store.add_language(code).unwrap();
        for (i, id) in ids.iter().enumerate() {
            store
                .set_translation(
                    *id,
                    code,
                    &format!("({code}) Pide a la Secretaría el informe {i}."),
                )
                .unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_five_delegations_sending_ten_proposals_at_once_have_all_350_recorded_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.accord");
    let ids = chair_file(&path, 10);
    let (store, session) = start(&path, 0);
    let links = session.links(None);
    let mut clients = Vec::new();
    for name in OAS_MEMBER_STATES {
        let mut client = join(session.address(), &token(&links, &delegation(name))).await.unwrap();
        client.until("view", |_| true).await;
        clients.push((name, client));
    }
    let started = Instant::now();
    let senders = clients.into_iter().map(|(name, mut client)| {
        let ids = ids.clone();
        tokio::spawn(async move {
            let sent: Vec<String> = (0..10).map(|_| new_id()).collect();
            for (i, id) in sent.iter().enumerate() {
                client.send(&proposal(id, comment(ids[i], &format!("{name} on item {i}")))).await;
            }
            for id in &sent {
                let answer = client.answer_to(id).await;
                assert_eq!(
                    (answer["type"].as_str(), answer["recorded"].as_bool()),
                    (Some("ack"), Some(true))
                );
            }
            sent.into_iter().map(move |id| (id, name))
        })
    });
    let mut acknowledged = HashSet::new();
    for sender in senders.collect::<Vec<_>>() {
        acknowledged.extend(sender.await.unwrap());
    }
    let elapsed = started.elapsed();
    let recorded = store.lock().unwrap().as_ref().unwrap().proposals().unwrap();
    let in_file: HashSet<(String, &str)> = recorded
        .iter()
        .map(|r| {
            let name = OAS_MEMBER_STATES.iter().find(|n| **n == r.proposal.delegation).unwrap();
            (r.proposal.id.to_string(), *name)
        })
        .collect();
    assert_eq!(recorded.len(), 350, "none duplicated");
    assert_eq!(acknowledged.len(), 350);
    assert_eq!(in_file, acknowledged, "none lost, each in its sender's name");
    println!(
        "live load: 350 proposals from 35 delegations at once, all acknowledged in {} ms",
        ms(elapsed)
    );
}

fn ms(duration: Duration) -> String {
    format!("{:.1}", duration.as_secs_f64() * 1000.0)
}
