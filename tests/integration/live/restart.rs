//! The headless session (`accord session`) killed with SIGKILL in the middle of a delegation's
//! proposals and started again on the same address: the same links still open it, the viewer
//! reconnects and sends again what was not acknowledged (as the browser's outbox does), and
//! every proposal acknowledged before the kill is in the file, each once.

use std::collections::HashSet;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use drafts::Store;
use serde_json::Value;

use super::client::{chair_file, comment, join, new_id, proposal, Client, PATIENCE};
use crate::util::accord_binary;

const PROPOSALS: usize = 20;

fn serve(file: &Path, listen: &str, links: &Path) -> Child {
    let _ = std::fs::remove_file(links);
    let child = Command::new(accord_binary())
        .args(["session", file.to_str().unwrap(), "--listen", listen])
        .args(["--tokens-out", links.to_str().unwrap(), "--delegations", "Canada,Mexico"])
        .stdout(Stdio::null())
        .spawn()
        .expect("start accord session");
    let started = Instant::now();
    while !links.exists() {
        assert!(started.elapsed() < PATIENCE, "the session wrote its links in time");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

fn read_links(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn canada_token(links: &Value) -> String {
    let all = links["links"].as_array().unwrap();
    let canada = all.iter().find(|l| l["delegation"] == "Canada").unwrap();
    canada["token"].as_str().unwrap().to_string()
}

/// Joins, retrying while the restarted server is not listening yet.
async fn rejoin(address: std::net::SocketAddr, token: &str) -> Client {
    let started = Instant::now();
    loop {
        if tokio::net::TcpStream::connect(address).await.is_ok() {
            return join(address, token).await.expect("the same link opens the restarted session");
        }
        assert!(started.elapsed() < PATIENCE, "the session came back in time");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_killed_mid_proposals_restarts_with_the_same_links_and_loses_nothing_acknowledged(
) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("talks.accord");
    let links_path = dir.path().join("links.json");
    let ids = chair_file(&file, 3);
    let mut first = serve(&file, "127.0.0.1:0", &links_path);
    let links = read_links(&links_path);
    let address: std::net::SocketAddr = links["address"].as_str().unwrap().parse().unwrap();
    let token = canada_token(&links);

    let mut canada = join(address, &token).await.unwrap();
    canada.until("view", |_| true).await;
    let sent: Vec<String> = (0..PROPOSALS).map(|_| new_id()).collect();
    for (i, id) in sent.iter().enumerate() {
        canada.send(&proposal(id, comment(ids[i % 3], &format!("point {i}")))).await;
    }
    let mut acknowledged = HashSet::new();
    let ack = canada.until("ack", |_| true).await;
    acknowledged.insert(ack["id"].as_str().unwrap().to_string());
    first.kill().unwrap();
    let status = first.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "the session died of SIGKILL");
    while let Some(message) = canada.next().await {
        if message["type"] == "ack" {
            acknowledged.insert(message["id"].as_str().unwrap().to_string());
        }
    }
    // The kill comes at the first acknowledgement, while the other proposals are on their way;
    // on a busy machine the session may answer more of them first, never all but by chance.
    eprintln!("{} of {PROPOSALS} acknowledged before the kill", acknowledged.len());

    let mut second = serve(&file, &address.to_string(), &links_path);
    assert_eq!(canada_token(&read_links(&links_path)), token, "the same links");
    let mut canada = rejoin(address, &token).await;
    canada.until("view", |_| true).await;
    for (i, id) in sent.iter().enumerate().filter(|(_, id)| !acknowledged.contains(*id)) {
        let answer = canada.propose(id, comment(ids[i % 3], &format!("point {i}"))).await;
        assert_eq!(answer["type"], "ack", "{answer}");
    }
    second.kill().unwrap();
    second.wait().unwrap();

    let recorded = Store::open_read_only(&file).unwrap().proposals().unwrap();
    let in_file: HashSet<String> = recorded.iter().map(|r| r.proposal.id.to_string()).collect();
    assert_eq!(recorded.len(), PROPOSALS, "each proposal once");
    assert!(acknowledged.is_subset(&in_file), "every acknowledged proposal is in the file");
    assert_eq!(in_file, sent.into_iter().collect::<HashSet<_>>());
}
