//! The routes and the WebSocket protocol.
//!
//! `GET /` (and `/viewer.js`, `/viewer.css`) serve the viewer under a strict content security
//! policy; `GET /ws?token=…` joins the room, refused with 401 before any upgrade for an unknown
//! or revoked token. On a connection the server sends `hello` (the token's role), then the
//! room's `view` and a new `view` after every change; a client sends `propose` (a delegation's
//! token) or `focus` (the chair's) and is answered `ack` once the proposal is in the file, or
//! `refused` with `{code, message}`, and hears a `beat` every 15 s when nothing else comes. A
//! proposal carries an id its sender chose, so sending it again after a dropped connection
//! records it once.

use std::sync::{Arc, PoisonError};
use std::time::Instant;

use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::{Deserialize, Serialize};

use super::limits::MAX_MESSAGE_BYTES;
use super::room::RoomView;
use super::tokens::Role;
use super::Shared;
use crate::model::ParagraphId;
use crate::proposals::ProposalId;
use crate::store::ProposalRequest;
use crate::{Error, Result, Store};

/// What a client sends.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMessage {
    /// A delegation's proposal; the delegation is the token's, never named here.
    Propose {
        id: ProposalId,
        request: ProposalRequest,
        #[serde(default)]
        note: String,
    },
    /// The chair moves the room to a paragraph.
    Focus { paragraph: Option<ParagraphId> },
}

/// What the server sends.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    /// The first message of a connection: what its token may do.
    Hello { role: Role },
    /// The room's view, on joining and after every change.
    View(RoomView),
    /// The proposal is in the chair's file (`recorded` false: it already was).
    Ack { id: ProposalId, recorded: bool },
    /// The chair's focus is set.
    Focused { paragraph: Option<ParagraphId> },
    /// The message was refused; `id` names the proposal when it was one.
    Refused { id: Option<ProposalId>, error: Error },
    /// Sent every [`HEARTBEAT`] so that a viewer whose network dropped without a word notices
    /// the silence and reconnects.
    Beat,
}

/// How often a connection hears from the server when nothing changes.
pub const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(15);

/// A view serialized once for every connection.
#[derive(Debug, Clone)]
pub(crate) struct Published {
    pub revision: u64,
    message: Utf8Bytes,
}

impl Published {
    /// The view of `store` at `revision`, ready to send.
    pub(crate) fn render(
        store: &Store,
        revision: u64,
        focus: Option<ParagraphId>,
    ) -> Result<Published> {
        let view = RoomView::build(store, revision, focus)?;
        Ok(Published { revision, message: to_text(&ServerMessage::View(view)) })
    }
}

const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// Serves until the runtime stops.
pub(crate) async fn serve(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    let app = Router::new()
        .route("/", get(|| viewer_file("text/html", include_str!("viewer/index.html"))))
        .route(
            "/viewer.js",
            get(|| viewer_file("text/javascript", include_str!("viewer/viewer.js"))),
        )
        .route("/viewer.css", get(|| viewer_file("text/css", include_str!("viewer/viewer.css"))))
        .route("/ws", get(join))
        .with_state(shared);
    let _ = axum::serve(listener, app).await;
}

async fn viewer_file(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, format!("{kind}; charset=utf-8")),
            (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY.into()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".into()),
            (header::REFERRER_POLICY, "no-referrer".into()),
            (header::CACHE_CONTROL, "no-store".into()),
        ],
        body,
    )
        .into_response()
}

#[derive(Deserialize)]
struct JoinQuery {
    token: String,
}

async fn join(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<JoinQuery>,
    upgrade: WebSocketUpgrade,
) -> Response {
    let Some(role) = shared.role_of(&query.token) else {
        let body = serde_json::to_string(&Error::SessionToken).expect("errors serialize");
        return (StatusCode::UNAUTHORIZED, body).into_response();
    };
    upgrade
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| connection(socket, shared, query.token, role))
}

/// One viewer's connection: the latest view whenever it changes, an answer to each message.
/// A viewer too slow for the changes skips to the latest view; a revoked token is closed at the
/// next view or heartbeat, whichever comes first.
async fn connection(mut socket: WebSocket, shared: Arc<Shared>, secret: String, role: Role) {
    let mut views = shared.views.subscribe();
    let first = views.borrow_and_update().message.clone();
    let hello = to_text(&ServerMessage::Hello { role });
    if socket.send(Message::Text(hello)).await.is_err()
        || socket.send(Message::Text(first)).await.is_err()
    {
        return;
    }
    let mut heartbeat =
        tokio::time::interval_at(tokio::time::Instant::now() + HEARTBEAT, HEARTBEAT);
    loop {
        let outgoing = tokio::select! {
            _ = heartbeat.tick() => {
                if shared.role_of(&secret).is_none() {
                    break;
                }
                to_text(&ServerMessage::Beat)
            }
            changed = views.changed() => {
                if changed.is_err() || shared.role_of(&secret).is_none() {
                    break;
                }
                views.borrow_and_update().message.clone()
            }
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(text))) => to_text(&answer(&shared, &secret, &text).await),
                Some(Ok(Message::Close(_)) | Err(_)) | None => break,
                Some(Ok(_)) => continue,
            },
        };
        if socket.send(Message::Text(outgoing)).await.is_err() {
            break;
        }
    }
    let _ = socket.send(Message::Close(None)).await;
}

/// Answers one message from the holder of `secret`, checked again (it may have been revoked)
/// and counted against its rate.
async fn answer(shared: &Arc<Shared>, secret: &str, text: &str) -> ServerMessage {
    let Some(role) = shared.role_of(secret) else {
        return refused(None, Error::SessionToken);
    };
    let allowed =
        shared.limits.lock().unwrap_or_else(PoisonError::into_inner).allow(secret, Instant::now());
    if !allowed {
        return refused(None, Error::RateLimited);
    }
    match serde_json::from_str(text) {
        Ok(ClientMessage::Propose { id, request, note }) => {
            propose(shared, role, id, request, note).await
        }
        Ok(ClientMessage::Focus { paragraph }) if role == Role::Chair => {
            shared.set_focus(paragraph);
            ServerMessage::Focused { paragraph }
        }
        Ok(ClientMessage::Focus { .. }) => refused(None, forbidden(&role, "set the focus")),
        Err(e) => refused(None, Error::Invalid(format!("unreadable message: {e}"))),
    }
}

/// Records a proposal in the name of the token's delegation, and answers once it is committed
/// and checkpointed into the chair's file.
async fn propose(
    shared: &Arc<Shared>,
    role: Role,
    id: ProposalId,
    request: ProposalRequest,
    note: String,
) -> ServerMessage {
    let Role::Delegation(delegation) = role else {
        return refused(Some(id), forbidden(&role, "propose"));
    };
    let writer = shared.clone();
    let recorded = tokio::task::spawn_blocking(move || {
        writer.with_store(|store| {
            let recorded = store.propose_once(id, &delegation, request, &note)?;
            store.checkpoint()?;
            Ok(recorded)
        })
    })
    .await
    .unwrap_or_else(|_| Err(Error::Invalid("the session is stopping".into())));
    match recorded {
        Ok(recorded) => {
            if recorded {
                shared.recorded(id);
            }
            ServerMessage::Ack { id, recorded }
        }
        Err(error) => refused(Some(id), error),
    }
}

fn forbidden(role: &Role, action: &'static str) -> Error {
    Error::SessionForbidden { role: role.describe(), action }
}

fn refused(id: Option<ProposalId>, error: Error) -> ServerMessage {
    ServerMessage::Refused { id, error }
}

fn to_text(message: &ServerMessage) -> Utf8Bytes {
    serde_json::to_string(message).expect("messages serialize").into()
}

#[cfg(test)]
mod tests {
    /// The viewer puts text from the session in the page as text: no markup is ever parsed.
    #[test]
    fn the_viewer_never_parses_markup() {
        let script = include_str!("viewer/viewer.js");
        for markup in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("] {
            assert!(!script.contains(markup), "viewer.js uses {markup}");
        }
        assert!(script.contains("textContent"));
    }
}
