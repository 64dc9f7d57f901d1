-- Schema 11: a closed round's fingerprint hashes what the round changed (the spans it opened and
-- ended, its opening labels, the translations it wrote), chained to the round before, instead of
-- its whole text: checking a file reads each row once, however many rounds share it. The Rust
-- hook (store/fingerprints.rs) re-fingerprints the closed rounds whose chain still verifies.
SELECT 1;
