-- Schema 11: a closed round's fingerprint hashes what the round changed (the spans it opened and
-- ended, its opening labels, the translations it wrote), chained to the round before, instead of
-- its whole text: checking a file reads each row once, however many rounds share it. The Rust
-- hook (store/fingerprints.rs) re-fingerprints the closed rounds whose chain still verifies.

-- The open round's spans in document order are what nearly every read starts from: an index of
-- those alone, in place of one over every span's last round (a twentieth of its size at 100
-- rounds). IF (NOT) EXISTS: a test re-runs this on a file whose version number it lowered.
DROP INDEX IF EXISTS spans_by_last_round;
CREATE INDEX IF NOT EXISTS open_spans ON spans (position) WHERE last_round IS NULL;
