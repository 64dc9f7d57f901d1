//! The live session: the chair's text on every delegation's screen, proposals back to the chair.
//!
//! An embedded HTTP + WebSocket server (axum on tokio, its own small runtime) serves the viewer
//! (`viewer/`, in the binary) to browsers and pushes the room's view ([`room::RoomView`]) to
//! every connection whenever the chair's file changes or the chair moves to another paragraph.
//! The chair's file stays the one record and its only writer: the session reads it through the
//! [`Store`] API and writes only proposals, each in the name of the delegation whose token sent
//! it, acknowledged after it is committed and checkpointed into the file.
//!
//! - [`tokens`] — the join tokens, per delegation, observers' and the chair's, in a sidecar.
//! - [`limits`] — message size and per-token rate.
//! - [`room`] — what the room sees (never the desk's private notes), in every language version.
//! - [`join`] — a join link pasted into Accord, checked before a window opens it.
//! - `server` — routes, the WebSocket protocol, the viewer's files.

pub mod join;
pub mod limits;
pub mod room;
mod server;
pub mod tokens;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::ParagraphId;
use crate::proposals::ProposalId;
use crate::{Error, Result, Store};
pub use server::{ServerMessage, HEARTBEAT};
use tokens::{Role, Token, Tokens};

/// The chair's open file, shared by the desk (the window or the CLI) and the session. `None`
/// once the desk closed it: the session then publishes nothing and refuses proposals.
pub type SharedStore = Arc<Mutex<Option<Store>>>;

/// Where a session listens and who gets a token.
#[derive(Debug, Clone)]
pub struct SessionConfig {
    /// The one address the server binds to.
    pub listen: SocketAddr,
    /// The delegations given a token; empty: the whole roster.
    pub delegations: Vec<String>,
    /// How many observer tokens exist.
    pub observers: usize,
}

/// A join link: what the chair hands one delegation, observer or the chair's own desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct JoinLink {
    #[serde(flatten)]
    pub role: Role,
    pub token: String,
    /// The viewer's address with the token after `#` (never sent to the server in a request
    /// line, so it stays out of any proxy's log).
    pub url: String,
}

/// A running session. Stopping it (or dropping it) closes every connection.
pub struct Session {
    runtime: Option<tokio::runtime::Runtime>,
    shared: Arc<Shared>,
    address: SocketAddr,
}

/// Told of each proposal the room sends, once it is in the file (the window refreshes its
/// Proposals view).
pub type ProposalListener = Box<dyn Fn(ProposalId) + Send + Sync>;

/// What the server's tasks share.
pub(crate) struct Shared {
    store: SharedStore,
    sidecar: PathBuf,
    tokens: RwLock<Tokens>,
    limits: Mutex<limits::RateLimits>,
    focus: Mutex<Option<ParagraphId>>,
    /// Rings when the room's view must be built again.
    dirty: tokio::sync::Notify,
    views: tokio::sync::watch::Sender<server::Published>,
    on_proposal: Mutex<Option<ProposalListener>>,
}

/// How often the sidecar is looked at for tokens revoked from another process (the CLI).
const SIDECAR_POLL: Duration = Duration::from_secs(1);

impl Session {
    /// Starts the session on `store`'s file: issues the missing tokens (keeping those of a
    /// session this file had before), binds `config.listen` and serves.
    pub fn start(store: SharedStore, config: &SessionConfig) -> Result<Session> {
        let (sidecar, tokens, first_view) = {
            let guard = lock(&store);
            let desk = guard.as_ref().ok_or_else(closed)?;
            let delegations = if config.delegations.is_empty() {
                desk.delegations()?.into_iter().map(|d| d.name).collect()
            } else {
                config.delegations.clone()
            };
            for name in &delegations {
                desk.require_delegation(name)?;
            }
            let sidecar = Tokens::sidecar(desk.path());
            let mut tokens = Tokens::load(&sidecar, desk.negotiation()?.id)?;
            tokens.ensure(&delegations, config.observers)?;
            tokens.save(&sidecar)?;
            (sidecar, tokens, server::Published::render(desk, 0, None)?)
        };
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("accord-session")
            .enable_io()
            .enable_time()
            .build()?;
        let listener = std::net::TcpListener::bind(config.listen)?;
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        let listener = {
            let _inside = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        let shared = Arc::new(Shared {
            store,
            sidecar,
            tokens: RwLock::new(tokens),
            limits: Mutex::default(),
            focus: Mutex::default(),
            dirty: tokio::sync::Notify::new(),
            views: tokio::sync::watch::Sender::new(first_view),
            on_proposal: Mutex::default(),
        });
        runtime.spawn(server::serve(listener, shared.clone()));
        runtime.spawn(publish_changes(shared.clone()));
        runtime.spawn(follow_sidecar(shared.clone()));
        Ok(Session { runtime: Some(runtime), shared, address })
    }

    /// The address the server listens on (the port chosen by the system when 0 was asked).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The join link of every live token, on `host` (the address delegations reach; the
    /// listening address when none).
    pub fn links(&self, host: Option<&str>) -> Vec<JoinLink> {
        let base = match host {
            Some(host) => format!("http://{host}:{}", self.address.port()),
            None => format!("http://{}", self.address),
        };
        let tokens = self.shared.tokens.read().unwrap_or_else(PoisonError::into_inner);
        tokens.live().map(|t| link(&base, t)).collect()
    }

    /// Sets the paragraph under discussion: every viewer following the chair scrolls to it.
    pub fn set_focus(&self, paragraph: Option<ParagraphId>) {
        self.shared.set_focus(paragraph);
    }

    /// Calls `listener` with each proposal the room records from now on.
    pub fn on_proposal(&self, listener: ProposalListener) {
        *self.shared.on_proposal.lock().unwrap_or_else(PoisonError::into_inner) = Some(listener);
    }

    /// Tells the session the chair's file changed: the room sees it at once.
    pub fn changed(&self) {
        self.shared.dirty.notify_one();
    }

    /// Revokes the tokens of `role` (their connections close) and keeps it in the sidecar.
    pub fn revoke(&self, role: &Role) -> Result<usize> {
        revoke_in(&self.shared, role)
    }

    /// Stops serving and closes every connection.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// Revokes `role`'s tokens of the session whose chair's file is `negotiation_file`, running or
/// not: a running session reads its sidecar again within a second and closes their connections.
pub fn revoke(negotiation_file: &Path, role: &Role) -> Result<usize> {
    let store = Store::open_read_only(negotiation_file)?;
    let sidecar = Tokens::sidecar(negotiation_file);
    let mut tokens = Tokens::load(&sidecar, store.negotiation()?.id)?;
    let count = tokens.revoke(role);
    tokens.save(&sidecar)?;
    Ok(count)
}

fn revoke_in(shared: &Shared, role: &Role) -> Result<usize> {
    let count = {
        let mut tokens = shared.tokens.write().unwrap_or_else(PoisonError::into_inner);
        let count = tokens.revoke(role);
        tokens.save(&shared.sidecar)?;
        count
    };
    shared.dirty.notify_one();
    Ok(count)
}

fn link(base: &str, token: &Token) -> JoinLink {
    JoinLink {
        role: token.role.clone(),
        token: token.secret.clone(),
        url: format!("{base}/#{}", token.secret),
    }
}

impl Shared {
    fn role_of(&self, secret: &str) -> Option<Role> {
        self.tokens.read().unwrap_or_else(PoisonError::into_inner).role_of(secret).cloned()
    }

    fn set_focus(&self, paragraph: Option<ParagraphId>) {
        *self.focus.lock().unwrap_or_else(PoisonError::into_inner) = paragraph;
        self.dirty.notify_one();
    }

    /// A proposal from the room is in the file: the room and the desk are told.
    fn recorded(&self, id: ProposalId) {
        self.dirty.notify_one();
        if let Some(listener) = &*self.on_proposal.lock().unwrap_or_else(PoisonError::into_inner) {
            listener(id);
        }
    }

    /// Runs `f` on the chair's file, refused once the desk closed it.
    fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> Result<R>) -> Result<R> {
        let mut guard = lock(&self.store);
        f(guard.as_mut().ok_or_else(closed)?)
    }

    /// The room's view as it is now, one revision after the last published.
    fn render(&self) -> Result<server::Published> {
        let revision = self.views.borrow().revision + 1;
        let focus = *self.focus.lock().unwrap_or_else(PoisonError::into_inner);
        self.with_store(|store| server::Published::render(store, revision, focus))
    }
}

/// Builds and publishes the room's view each time something rang `dirty`; rings that come
/// while a view is being built make one more view, not one each.
async fn publish_changes(shared: Arc<Shared>) {
    loop {
        shared.dirty.notified().await;
        let building = shared.clone();
        if let Ok(Ok(view)) = tokio::task::spawn_blocking(move || building.render()).await {
            shared.views.send_replace(view);
        }
    }
}

/// Reads the sidecar again when another process changed it (a token revoked from the CLI).
async fn follow_sidecar(shared: Arc<Shared>) {
    let mut seen = modified(&shared.sidecar);
    loop {
        tokio::time::sleep(SIDECAR_POLL).await;
        let now = modified(&shared.sidecar);
        if now == seen {
            continue;
        }
        seen = now;
        let negotiation = shared.tokens.read().unwrap_or_else(PoisonError::into_inner).negotiation;
        if let Ok(read) = Tokens::load(&shared.sidecar, negotiation) {
            let mut tokens = shared.tokens.write().unwrap_or_else(PoisonError::into_inner);
            if *tokens != read {
                *tokens = read;
                shared.dirty.notify_one();
            }
        }
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

fn lock(store: &SharedStore) -> MutexGuard<'_, Option<Store>> {
    store.lock().unwrap_or_else(PoisonError::into_inner)
}

fn closed() -> Error {
    Error::Invalid("the chair's file is closed: the session has stopped".into())
}

/// Writes `bytes` to `path` whole or not at all (a temporary file synced, then renamed over
/// it), readable and writable by its owner only.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    let mut options = std::fs::File::options();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&temporary)?;
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&temporary, path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
}
