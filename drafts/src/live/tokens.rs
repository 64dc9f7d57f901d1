//! The session's join tokens: one per delegation, observers' and the chair's, kept in a sidecar
//! file beside the negotiation (`talks.accord` → `talks.accord.session.json`, readable by its
//! owner only) so that a chair who restarts resumes the same session with the same links.
//!
//! The sidecar, not the `.accord` file: a token is a secret of this meeting, and the negotiation
//! file travels (saved as, backed up per round, circulated to delegations); a secret kept apart
//! can never leave with it. The sidecar is written whole to a temporary file, synced, then
//! renamed over the old one, so a crash leaves the old tokens or the new, never half of them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::{Error, Result};

/// How many random bytes a token's secret holds.
const SECRET_BYTES: usize = 32;

/// Who holds a token, and so what it may do.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "role", content = "delegation", rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    /// Reads, and proposes in this delegation's name only.
    Delegation(String),
    /// Reads only.
    Observer,
    /// Sets the paragraph under discussion (the headless chair; the app sets it directly).
    Chair,
}

impl Role {
    /// How the role is named in refusals and in the tokens file.
    pub fn describe(&self) -> String {
        match self {
            Role::Delegation(name) => format!("the delegation of {name}"),
            Role::Observer => "an observer".into(),
            Role::Chair => "the chair".into(),
        }
    }
}

/// One join token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// 256 random bits in hex: what the join link carries.
    pub secret: String,
    #[serde(flatten)]
    pub role: Role,
    pub revoked: bool,
}

/// Every token of a negotiation's session, as the sidecar keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    /// The negotiation the tokens open: a sidecar beside another file is not reused.
    pub negotiation: Uuid,
    pub tokens: Vec<Token>,
}

impl Tokens {
    /// The sidecar of a negotiation file.
    pub fn sidecar(negotiation_file: &Path) -> PathBuf {
        let mut name = negotiation_file.as_os_str().to_owned();
        name.push(".session.json");
        PathBuf::from(name)
    }

    /// The tokens kept for `negotiation` at `path`; none when there is no sidecar yet or it
    /// belongs to another negotiation.
    pub fn load(path: &Path, negotiation: Uuid) -> Result<Tokens> {
        let fresh = Tokens { negotiation, tokens: Vec::new() };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(fresh),
            Err(e) => return Err(e.into()),
        };
        let kept: Tokens = serde_json::from_slice(&bytes)
            .map_err(|e| Error::Corrupt(format!("{}: {e}", path.display())))?;
        Ok(if kept.negotiation == negotiation { kept } else { fresh })
    }

    /// Writes the sidecar atomically, readable and writable by its owner only.
    pub fn save(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).expect("tokens serialize");
        crate::live::write_atomically(path, &json)
    }

    /// Makes sure every delegation named, `observers` observers and the chair hold a live
    /// token, issuing the missing ones; tokens issued before (revoked or not) are kept.
    pub fn ensure(&mut self, delegations: &[String], observers: usize) -> Result<()> {
        for name in delegations {
            let role = Role::Delegation(name.clone());
            if !self.tokens.iter().any(|t| t.role == role && !t.revoked) {
                self.issue(role)?;
            }
        }
        let live_observers = self.live().filter(|t| t.role == Role::Observer).count();
        for _ in live_observers..observers {
            self.issue(Role::Observer)?;
        }
        if !self.live().any(|t| t.role == Role::Chair) {
            self.issue(Role::Chair)?;
        }
        Ok(())
    }

    /// Issues a new token for `role`.
    pub fn issue(&mut self, role: Role) -> Result<Token> {
        let mut bytes = [0u8; SECRET_BYTES];
        getrandom::fill(&mut bytes).map_err(|e| Error::Io(std::io::Error::other(e)))?;
        let secret = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let token = Token { secret, role, revoked: false };
        self.tokens.push(token.clone());
        Ok(token)
    }

    /// Revokes every live token of `role`; answers how many.
    pub fn revoke(&mut self, role: &Role) -> usize {
        let mut count = 0;
        for token in self.tokens.iter_mut().filter(|t| &t.role == role && !t.revoked) {
            token.revoked = true;
            count += 1;
        }
        count
    }

    /// The role of a live token; unknown and revoked tokens have none.
    pub fn role_of(&self, secret: &str) -> Option<&Role> {
        self.live().find(|t| same_secret(&t.secret, secret)).map(|t| &t.role)
    }

    /// The tokens not revoked.
    pub fn live(&self) -> impl Iterator<Item = &Token> {
        self.tokens.iter().filter(|t| !t.revoked)
    }
}

/// Whether `secret` has the form of a token this module issues (64 lower-case hex digits).
pub fn well_formed(secret: &str) -> bool {
    secret.len() == SECRET_BYTES * 2
        && secret.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Compares two secrets in time that depends on their length only, not on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn each_delegation_an_observer_and_the_chair_get_a_distinct_token() {
        let mut tokens = Tokens::default();
        tokens.ensure(&names(&["Canada", "Brazil"]), 1).unwrap();
        assert_eq!(tokens.tokens.len(), 4);
        let canada = tokens.live().find(|t| t.role == Role::Delegation("Canada".into())).unwrap();
        assert_eq!(canada.secret.len(), 64);
        assert_eq!(tokens.role_of(&canada.secret), Some(&Role::Delegation("Canada".into())));
        let mut secrets: Vec<_> = tokens.tokens.iter().map(|t| t.secret.clone()).collect();
        secrets.dedup();
        assert_eq!(secrets.len(), 4);
        tokens.ensure(&names(&["Canada", "Brazil"]), 1).unwrap();
        assert_eq!(tokens.tokens.len(), 4, "a second start issues nothing new");
    }

    #[test]
    fn a_revoked_or_unknown_token_has_no_role_and_a_new_one_is_issued_on_the_next_start() {
        let mut tokens = Tokens::default();
        tokens.ensure(&names(&["Canada"]), 0).unwrap();
        let old = tokens.tokens[0].secret.clone();
        assert_eq!(tokens.revoke(&Role::Delegation("Canada".into())), 1);
        assert_eq!(tokens.role_of(&old), None);
        assert_eq!(tokens.role_of("not a token"), None);
        assert_eq!(tokens.role_of(""), None);
        tokens.ensure(&names(&["Canada"]), 0).unwrap();
        let new = tokens.live().find(|t| t.role == Role::Delegation("Canada".into())).unwrap();
        assert_ne!(new.secret, old);
    }

    #[test]
    fn the_sidecar_keeps_the_tokens_for_its_negotiation_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = Tokens::sidecar(&dir.path().join("talks.accord"));
        assert!(path.ends_with("talks.accord.session.json"));
        let id = Uuid::new_v4();
        let mut tokens = Tokens { negotiation: id, tokens: Vec::new() };
        tokens.ensure(&names(&["Canada"]), 2).unwrap();
        tokens.save(&path).unwrap();
        assert_eq!(Tokens::load(&path, id).unwrap(), tokens);
        assert!(Tokens::load(&path, Uuid::new_v4()).unwrap().tokens.is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
