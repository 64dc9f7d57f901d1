//! A simulated viewer: a WebSocket client speaking the session's protocol, and a chair's file
//! with a session on it.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use drafts::live::tokens::Role;
use drafts::live::{JoinLink, Session, SessionConfig, SharedStore, HEARTBEAT};
use drafts::model::{NegotiationMeta, ParagraphId, ParagraphKind};
use drafts::store::NewParagraph;
use drafts::Store;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a test waits for any one message before it fails.
pub const PATIENCE: Duration = Duration::from_secs(30);

pub struct Client {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// Joins the session at `address` with `token`; the HTTP refusal when the token is not let in.
pub async fn join(address: SocketAddr, token: &str) -> Result<Client, u16> {
    let url = format!("ws://{address}/ws?token={token}");
    match tokio_tungstenite::connect_async(url).await {
        Ok((socket, _)) => Ok(Client { socket }),
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            Err(response.status().as_u16())
        }
        Err(e) => panic!("joining the session failed: {e}"),
    }
}

impl Client {
    /// The next message, parsed; none once the server closed the connection.
    pub async fn next(&mut self) -> Option<Value> {
        loop {
            let message = tokio::time::timeout(PATIENCE, self.socket.next())
                .await
                .expect("a message from the session in time");
            match message {
                Some(Ok(Message::Text(text))) => {
                    return Some(serde_json::from_str(&text).expect("the session sends JSON"))
                }
                Some(Ok(Message::Close(_)) | Err(_)) | None => return None,
                Some(Ok(_)) => continue,
            }
        }
    }

    /// Skips messages until one of `kind` for which `wanted` holds, within [`PATIENCE`] (the
    /// heartbeats keep a connection talking, so waiting message by message would never end).
    pub async fn until(&mut self, kind: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        let found = async {
            loop {
                let message = self.next().await.expect("the connection stays open");
                if message["type"] == kind && wanted(&message) {
                    return message;
                }
            }
        };
        tokio::time::timeout(PATIENCE, found).await.unwrap_or_else(|_| panic!("no {kind} in time"))
    }

    /// Reads until the server closes the connection; true once it has, false if it is still
    /// open after a heartbeat and then some.
    pub async fn next_until_closed(&mut self) -> bool {
        let closed = async { while self.next().await.is_some() {} };
        tokio::time::timeout(HEARTBEAT + PATIENCE, closed).await.is_ok()
    }

    pub async fn send(&mut self, message: &Value) {
        self.socket.send(Message::text(message.to_string())).await.expect("send");
    }

    pub async fn send_raw(&mut self, text: String) -> bool {
        self.socket.send(Message::text(text)).await.is_ok()
    }

    /// Sends a proposal under `id` and waits for its answer (`ack` or `refused`).
    pub async fn propose(&mut self, id: &str, request: Value) -> Value {
        self.send(&proposal(id, request)).await;
        self.answer_to(id).await
    }

    /// Waits for the answer to proposal `id` (`ack` or `refused`).
    pub async fn answer_to(&mut self, id: &str) -> Value {
        let found = async {
            loop {
                let message = self.next().await.expect("the connection stays open");
                let answer = message["type"] == "ack" || message["type"] == "refused";
                if answer && message["id"] == id {
                    return message;
                }
            }
        };
        tokio::time::timeout(PATIENCE, found).await.unwrap_or_else(|_| panic!("no answer to {id}"))
    }
}

/// A `propose` message.
pub fn proposal(id: &str, request: Value) -> Value {
    json!({ "type": "propose", "id": id, "request": request, "note": "" })
}

/// A comment on `paragraph`.
pub fn comment(paragraph: ParagraphId, text: &str) -> Value {
    json!({ "type": "comment", "paragraph": paragraph, "text": text })
}

pub fn new_id() -> String {
    drafts::proposals::ProposalId::new().to_string()
}

/// A chair's file with the OAS roster and `paragraphs` operative paragraphs; their ids.
pub fn chair_file(path: &Path, paragraphs: usize) -> Vec<ParagraphId> {
    let mut store = Store::create(path, NegotiationMeta::default()).expect("create");
    (0..paragraphs)
        .map(|i| {
            let text = format!("Requests the Secretariat to report on item {i}.");
            store.insert_paragraph(NewParagraph::at_end(ParagraphKind::Operative, text)).unwrap()
        })
        .collect()
}

/// A session on `path` listening on a free loopback port, with `observers` observer links.
pub fn start(path: &Path, observers: usize) -> (SharedStore, Session) {
    let store: SharedStore = Arc::new(Mutex::new(Some(Store::open(path).expect("open"))));
    let config = SessionConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        delegations: Vec::new(),
        observers,
    };
    let session = Session::start(store.clone(), &config).expect("session starts");
    (store, session)
}

/// The token of the first live link of `role`.
pub fn token(links: &[JoinLink], role: &Role) -> String {
    links.iter().find(|l| &l.role == role).expect("a link for the role").token.clone()
}

pub fn delegation(name: &str) -> Role {
    Role::Delegation(name.to_string())
}
