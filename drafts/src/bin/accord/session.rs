//! The live session's commands: a headless session (a secretariat machine, the tests) and
//! revoking a join link, whether the session runs or not.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use clap::{Args, ValueEnum};
use serde::Serialize;

use drafts::live::tokens::Role;
use drafts::live::{self, JoinLink, Session, SessionConfig};
use drafts::{Result, Store};

use super::{ok, print};

#[derive(Args)]
pub struct SessionArgs {
    file: PathBuf,
    /// The one address to listen on, as ADDR:PORT (127.0.0.1:4480; port 0 picks a free one).
    #[arg(long)]
    listen: SocketAddr,
    /// Where to write the join links (JSON, readable by its owner only).
    #[arg(long)]
    tokens_out: PathBuf,
    /// The delegations given a link (repeatable, or comma-separated); the whole roster if none.
    #[arg(long, value_delimiter = ',')]
    delegations: Vec<String>,
    /// How many observer (read-only) links exist.
    #[arg(long, default_value_t = 1)]
    observers: usize,
    /// The host name or address delegations reach the session at, for the links (the listening
    /// address by default).
    #[arg(long)]
    link_host: Option<String>,
}

#[derive(Args)]
pub struct RevokeArgs {
    file: PathBuf,
    /// Whose links to revoke.
    #[arg(long, value_enum)]
    holder: Holder,
    /// With --holder delegation: which delegation.
    #[arg(long, required_if_eq("holder", "delegation"))]
    delegation: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Holder {
    Delegation,
    Observers,
    Chair,
}

/// What a started session tells: where it listens and the join links.
#[derive(Serialize)]
struct Started {
    address: SocketAddr,
    links: Vec<JoinLink>,
}

/// Serves the session until the process is stopped; every proposal acknowledged is already in
/// the file, so stopping it any way loses nothing acknowledged.
pub fn run(args: SessionArgs, json: bool) -> Result<()> {
    let store = Arc::new(Mutex::new(Some(Store::open(&args.file)?)));
    let config = SessionConfig {
        listen: args.listen,
        delegations: args.delegations,
        observers: args.observers,
    };
    let session = Session::start(store, &config)?;
    let started =
        Started { address: session.address(), links: session.links(args.link_host.as_deref()) };
    let written = serde_json::to_vec_pretty(&started).expect("links serialize");
    live::write_atomically(&args.tokens_out, &written)?;
    print(json, &started.address, |address| {
        format!("Live session on http://{address}; join links in {}", args.tokens_out.display())
    });
    loop {
        std::thread::park();
    }
}

/// Revokes links in the session's sidecar; a running session closes their connections.
pub fn revoke(args: RevokeArgs, json: bool) -> Result<()> {
    let role = match args.holder {
        Holder::Delegation => Role::Delegation(args.delegation.unwrap_or_default()),
        Holder::Observers => Role::Observer,
        Holder::Chair => Role::Chair,
    };
    let count = live::revoke(&args.file, &role)?;
    ok(json, format!("Revoked {count} link(s) of {}", role.describe()));
    Ok(())
}
