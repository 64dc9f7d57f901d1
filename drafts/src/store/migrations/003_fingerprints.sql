-- Schema 3: tamper evidence. A closed round carries the SHA-256 fingerprint of its text, chained to
-- the previous round's fingerprint; it is written in the same UPDATE that closes the round.
ALTER TABLE rounds ADD COLUMN fingerprint TEXT;
