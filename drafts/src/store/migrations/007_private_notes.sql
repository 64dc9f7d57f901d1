-- Schema 7: the desk's private notes are no part of the negotiated record.
-- * Fingerprints of closed rounds no longer cover paragraphs' notes, so that a delegation's copy,
--   which holds none of the chair's notes, verifies as the chair's file does. The Rust hook
--   (store/fingerprints.rs) re-fingerprints the closed rounds whose chain still verifies.
-- * Positions a delegation withdrew in its copy, so that its proposals file carries them.
CREATE TABLE cleared_stances (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    delegation TEXT NOT NULL,
    PRIMARY KEY (proposal_id, delegation)
);
