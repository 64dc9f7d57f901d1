//! Proposals files signed by the delegation that sends them, so that no one can speak for a
//! delegation it is not. Circulating a copy issues the delegation an Ed25519 key pair: the chair's
//! file keeps the public key (a new copy replaces it, re-keying a lost or leaked one), the copy
//! keeps the private key and signs every proposals file it exports; the chair's import refuses a
//! file whose signature does not verify with the key of the delegation it names.

use chrono::Utc;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use rusqlite::{params, Connection, OptionalExtension};

use crate::proposals::ProposalsFile;
use crate::{Error, Result};

/// The `settings` key of a circulated copy's private key.
pub(super) const SETTING_SIGNING_KEY: &str = "signing_key";

/// A new key pair for a delegation, from the operating system's randomness.
pub(super) fn new_key() -> Result<SigningKey> {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret)
        .map_err(|e| Error::Invalid(format!("no randomness for a signing key: {e}")))?;
    Ok(SigningKey::from_bytes(&secret))
}

/// Records `key`'s public half as `delegation`'s, replacing any earlier one.
pub(super) fn record_public(conn: &Connection, delegation: &str, key: &SigningKey) -> Result<()> {
    conn.execute(
        "INSERT INTO delegation_keys (delegation, public_key, issued_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (delegation) DO UPDATE SET public_key = excluded.public_key,
            issued_at = excluded.issued_at",
        params![delegation, to_hex(key.verifying_key().as_bytes()), Utc::now().to_rfc3339()],
    )?;
    Ok(())
}

/// The private key a circulated copy signs with, as stored in its settings.
pub(super) fn private_hex(key: &SigningKey) -> String {
    to_hex(key.as_bytes())
}

/// Signs `file` with this copy's key; a file without one (no copy the chair circulated) stays
/// unsigned, and the chair's desk will refuse it.
pub(super) fn sign(conn: &Connection, file: &mut ProposalsFile) -> Result<()> {
    let stored = super::rows::setting(conn, SETTING_SIGNING_KEY)?;
    let Some(secret) = stored else { return Ok(()) };
    let bytes: [u8; 32] = from_hex(&secret)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| Error::Corrupt("the copy's signing key is unreadable".into()))?;
    let key = SigningKey::from_bytes(&bytes);
    file.signature = to_hex(&key.sign(&payload(file)).to_bytes());
    Ok(())
}

/// Checks that `file` was signed with the key of the delegation it names.
pub(super) fn verify(conn: &Connection, file: &ProposalsFile) -> Result<()> {
    let refuse = |reason: &str| Error::UnverifiedProposals {
        delegation: file.delegation.clone(),
        reason: reason.to_string(),
    };
    let public: Option<String> = conn
        .query_row(
            "SELECT public_key FROM delegation_keys WHERE delegation = ?1",
            [&file.delegation],
            |r| r.get(0),
        )
        .optional()?;
    let public = public.ok_or_else(|| refuse("no copy was circulated to it from this file"))?;
    if file.signature.is_empty() {
        return Err(refuse("the file is not signed"));
    }
    let key = from_hex(&public)
        .and_then(|b| b.try_into().ok())
        .and_then(|b: [u8; 32]| VerifyingKey::from_bytes(&b).ok())
        .ok_or_else(|| Error::Corrupt(format!("the key of {} is unreadable", file.delegation)))?;
    let signature = from_hex(&file.signature)
        .and_then(|b| b.try_into().ok())
        .map(|b: [u8; 64]| Signature::from_bytes(&b))
        .ok_or_else(|| refuse("its signature is damaged"))?;
    key.verify(&payload(file), &signature).map_err(|_| {
        refuse("its signature does not verify: it was changed after it was signed, or signed with another delegation's key")
    })
}

/// What is signed: the file as JSON with an empty signature.
fn payload(file: &ProposalsFile) -> Vec<u8> {
    let mut unsigned = file.clone();
    unsigned.signature.clear();
    serde_json::to_vec(&unsigned).expect("proposals serialize")
}

/// Lowercase hex.
pub(crate) fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}
