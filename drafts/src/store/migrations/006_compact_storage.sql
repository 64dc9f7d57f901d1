-- Schema 6: compact storage. A round's text used to be one round_paragraphs row per paragraph per
-- round, each version a full copy of its text, and every edit logged with the whole new text. Now:
--
-- * paragraphs get a small integer key, used by every new table instead of the 36-character id;
-- * texts are stored once each, zstd-compressed, most as a delta from an earlier text of the same
--   paragraph; a version points at its text, so a status change adds no text;
-- * spans map rounds to versions: one row per paragraph per *change* (first_round..last_round,
--   last_round NULL while it reaches the open round), so closing a round copies nothing;
-- * a span's label is NULL when it is the label the round's numbering gives (see working_labels),
--   so renumbering adds no rows;
-- * events keep their time as an integer and point at a text instead of repeating it;
-- * stored comparisons are zstd-compressed JSON.
--
-- The data of the schema-4 tables is converted by Rust code run in the same transaction
-- (drafts/src/store/compact.rs), which then drops them.

ALTER TABLE paragraphs ADD COLUMN key INTEGER;
UPDATE paragraphs SET key = rowid;
CREATE UNIQUE INDEX paragraphs_by_key ON paragraphs (key);

-- Each text once. body is TEXT when stored as is, else a BLOB holding a zstd frame; when base is
-- set, the frame was compressed with base's text (itself never a delta) as its dictionary.
CREATE TABLE texts (
    id INTEGER PRIMARY KEY,
    base INTEGER REFERENCES texts (id),
    body NOT NULL
);

CREATE TABLE versions (
    id INTEGER PRIMARY KEY,
    paragraph INTEGER NOT NULL REFERENCES paragraphs (key),
    round INTEGER NOT NULL REFERENCES rounds (number),
    kind TEXT NOT NULL,
    parent INTEGER REFERENCES paragraphs (key),
    text INTEGER NOT NULL REFERENCES texts (id),
    status TEXT NOT NULL,    -- JSON Status
    footnotes TEXT NOT NULL, -- JSON array
    proposers TEXT NOT NULL, -- JSON array
    notes TEXT NOT NULL
);

-- A paragraph's place in the rounds first_round..last_round: its version, position and label.
-- label NULL: the label of the paragraph's place in the numbering of the round before (of round 2
-- on), as working_labels holds it for the open round.
CREATE TABLE spans (
    paragraph INTEGER NOT NULL REFERENCES paragraphs (key),
    first_round INTEGER NOT NULL REFERENCES rounds (number),
    last_round INTEGER CHECK (last_round >= first_round),
    version INTEGER NOT NULL REFERENCES versions (id),
    position REAL NOT NULL,
    label TEXT,
    PRIMARY KEY (paragraph, first_round)
) WITHOUT ROWID;
CREATE INDEX spans_by_last_round ON spans (last_round);

-- The labels the open round's numbering gave its paragraphs when it opened (from round 2 on).
CREATE TABLE working_labels (
    paragraph INTEGER PRIMARY KEY REFERENCES paragraphs (key),
    label TEXT NOT NULL
);

DROP INDEX events_by_paragraph;
ALTER TABLE events RENAME TO events_v4;
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL, -- nanoseconds since 1970-01-01 UTC
    round INTEGER NOT NULL,
    paragraph INTEGER REFERENCES paragraphs (key),
    action TEXT NOT NULL,
    detail TEXT,         -- NULL: the detail is the text `text` points at
    text INTEGER REFERENCES texts (id)
);
CREATE INDEX events_by_paragraph ON events (paragraph);

DROP TRIGGER stored_diff_update;
DROP TRIGGER stored_diff_delete;
ALTER TABLE round_diffs RENAME TO round_diffs_v4;
CREATE TABLE round_diffs (
    from_round INTEGER NOT NULL REFERENCES rounds (number),
    to_round INTEGER NOT NULL REFERENCES rounds (number),
    diff BLOB NOT NULL, -- zstd-compressed JSON StoredDiff
    PRIMARY KEY (from_round, to_round)
);

-- A closed round can never change, whoever writes to the file.
CREATE TRIGGER stored_diff_update BEFORE UPDATE ON round_diffs
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER stored_diff_delete BEFORE DELETE ON round_diffs
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER paragraph_identity_update BEFORE UPDATE OF id, key ON paragraphs
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

-- Texts are shared by rounds and never change.
CREATE TRIGGER text_update BEFORE UPDATE ON texts
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER text_delete BEFORE DELETE ON texts
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

-- A version is frozen once the round that made it is closed.
CREATE TRIGGER closed_version_update BEFORE UPDATE ON versions
WHEN (SELECT state FROM rounds WHERE number = OLD.round) = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER closed_version_delete BEFORE DELETE ON versions
WHEN (SELECT state FROM rounds WHERE number = OLD.round) = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

-- New spans start in the open round.
CREATE TRIGGER closed_span_insert BEFORE INSERT ON spans
WHEN NEW.first_round IS NOT (SELECT number FROM rounds WHERE state = 'open')
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

-- A span of the open round may change at will; one reaching into closed rounds only in where it
-- ends, and only between the open round and the last closed one (when its paragraph changes in
-- the open round, and back on undo), so that what every closed round reads stays the same.
CREATE TRIGGER closed_span_update BEFORE UPDATE ON spans
WHEN NOT (
    (OLD.first_round = (SELECT number FROM rounds WHERE state = 'open')
        AND NEW.first_round = OLD.first_round)
    OR (NEW.paragraph = OLD.paragraph AND NEW.first_round = OLD.first_round
        AND NEW.version = OLD.version AND NEW.position = OLD.position
        AND NEW.label IS OLD.label
        AND IFNULL(OLD.last_round >= (SELECT number - 1 FROM rounds WHERE state = 'open'), 1)
        AND IFNULL(NEW.last_round >= (SELECT number - 1 FROM rounds WHERE state = 'open'), 1)))
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER closed_span_delete BEFORE DELETE ON spans
WHEN OLD.first_round IS NOT (SELECT number FROM rounds WHERE state = 'open')
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;
