//! The live session from the window: start it on the open file, the join links with their QR
//! codes, revoke, the paragraph under discussion, stop; and a delegation joining another
//! chair's session from Accord. The session is the core's (`drafts::live`); proposals from the
//! room reach the window as `live-proposal` events.

use std::net::SocketAddr;

use drafts::live::join::JoinTarget;
use drafts::live::tokens::Role;
use drafts::live::{JoinLink, SessionConfig};
use drafts::model::ParagraphId;
use qrcode::QrCode;
use serde::Serialize;
use tauri::{AppHandle, Emitter};
use ts_rs::TS;

use crate::error::AppResult;
use crate::windows::Doc;

/// The event the window hears when a proposal from the room is in the file.
const PROPOSAL_EVENT: &str = "live-proposal";

/// A running session as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LiveSession {
    /// Where the session listens ("192.168.1.20:4480").
    pub address: String,
    pub links: Vec<LiveLink>,
}

/// A join link and its QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LiveLink {
    pub link: JoinLink,
    pub qr: QrPath,
}

/// A QR code drawn as one SVG path of unit squares over a `size` × `size` grid (quiet zone
/// included): the window draws it with `<path d=…>`, no markup handed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct QrPath {
    pub size: u32,
    pub path: String,
}

/// Starts the live session on the open file, listening on `listen` only ("ADDR:PORT"), with a
/// link for every delegation on the roster and one for observers; links name `host` when given.
#[tauri::command]
pub async fn start_live_session(
    state: Doc,
    app: AppHandle,
    listen: String,
    host: Option<String>,
) -> AppResult<LiveSession> {
    let listen: SocketAddr = listen.parse().map_err(|_| {
        drafts::Error::Invalid(format!("{listen} is not an address and port (192.168.1.20:4480)"))
    })?;
    let config = SessionConfig { listen, delegations: Vec::new(), observers: 1 };
    let tell = Box::new(move |id: drafts::proposals::ProposalId| {
        let _ = app.emit(PROPOSAL_EVENT, id);
    });
    let (address, links) = state.start_live(&config, host.as_deref(), tell)?;
    Ok(shown(address, links))
}

/// Revokes `role`'s links; the session goes on for everyone else.
#[tauri::command]
pub async fn revoke_live_link(
    state: Doc,
    role: Role,
    host: Option<String>,
) -> AppResult<Option<LiveSession>> {
    state.revoke_live(&role)?;
    Ok(state.live_links(host.as_deref())?.map(|(address, links)| shown(address, links)))
}

/// Moves the room to the paragraph the chair selected.
#[tauri::command]
pub async fn set_live_focus(state: Doc, paragraph: Option<ParagraphId>) -> AppResult<()> {
    state.live_focus(paragraph)
}

#[tauri::command]
pub async fn stop_live_session(state: Doc) -> AppResult<()> {
    state.stop_live()
}

/// Opens a delegation's join link, checked by the core, in a new window: the viewer the chair's
/// session serves, as a browser would show it.
#[tauri::command]
pub async fn join_live_session(app: AppHandle, link: String) -> AppResult<JoinTarget> {
    let target = JoinTarget::parse(&link)?;
    crate::windows::open_viewer(&app, &target)?;
    Ok(target)
}

fn shown(address: SocketAddr, links: Vec<JoinLink>) -> LiveSession {
    let links = links.into_iter().map(|link| LiveLink { qr: qr_path(&link.url), link }).collect();
    LiveSession { address: address.to_string(), links }
}

/// The QR code of `text` as an SVG path, with the standard quiet zone of 4 modules.
fn qr_path(text: &str) -> QrPath {
    const QUIET: usize = 4;
    let Ok(code) = QrCode::new(text.as_bytes()) else {
        return QrPath { size: 0, path: String::new() };
    };
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (i, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (x, y) = (i % width + QUIET, i / width + QUIET);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    QrPath { size: (width + 2 * QUIET) as u32, path }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_join_link_becomes_a_qr_path_with_its_quiet_zone() {
        let qr = qr_path("http://192.168.1.20:4480/#00112233445566778899aabbccddeeff");
        let code =
            QrCode::new(b"http://192.168.1.20:4480/#00112233445566778899aabbccddeeff").unwrap();
        assert_eq!(qr.size as usize, code.width() + 8);
        let dark = code.to_colors().iter().filter(|c| **c == qrcode::Color::Dark).count();
        assert_eq!(qr.path.matches('M').count(), dark);
        assert!(qr.path.starts_with("M4 4h1v1h-1z"), "the finder pattern's corner");
    }
}
