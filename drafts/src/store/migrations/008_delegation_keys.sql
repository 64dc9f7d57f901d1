-- Schema 8: proposals files signed by the delegation that sends them. The chair's file keeps the
-- public key of each delegation a copy was circulated to (a new copy re-keys it); the copy keeps
-- its private key in `settings`.
CREATE TABLE delegation_keys (
    delegation TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,  -- Ed25519, 32 bytes as hex
    issued_at TEXT NOT NULL
);
