-- Schema 12: smaller files, read the same way.
-- - A paragraph's text stored on its own is compressed against Accord's dictionary of the words
--   of drafts (store/texts.rs), which the zstd frame names.
-- - A version's kind is its short name ("PP", "OP"), its status the name of its kind ("agreed")
--   unless it names delegations, and its footnotes and proposers are empty rather than "[]" when
--   there are none (store/rows.rs).
-- Rows written before stay as they are and still read; an older Accord could not read the new
-- ones, so the number moves on (it then says the file is newer).
--
-- The log names each action once, in `event_actions`; `event_log` holds its code. The view
-- `events` reads and writes the log as before, with the action's name.
CREATE TABLE event_actions (
    code INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO event_actions (name) SELECT DISTINCT action FROM events ORDER BY action;
CREATE TABLE event_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL, -- nanoseconds since 1970-01-01 UTC
    round INTEGER NOT NULL,
    paragraph INTEGER REFERENCES paragraphs (key),
    action INTEGER NOT NULL REFERENCES event_actions (code),
    detail TEXT,         -- NULL: the detail is the text `text` points at
    text INTEGER REFERENCES texts (id)
);
INSERT INTO event_log (id, at, round, paragraph, action, detail, text)
    SELECT e.id, e.at, e.round, e.paragraph, a.code, e.detail, e.text
    FROM events e JOIN event_actions a ON a.name = e.action ORDER BY e.id;
DROP TABLE events;
CREATE INDEX events_by_paragraph ON event_log (paragraph);
CREATE VIEW events AS
    SELECT e.id AS id, e.at AS at, e.round AS round, e.paragraph AS paragraph, a.name AS action,
        e.detail AS detail, e.text AS text
    FROM event_log e JOIN event_actions a ON a.code = e.action;
CREATE TRIGGER events_insert INSTEAD OF INSERT ON events
BEGIN
    INSERT OR IGNORE INTO event_actions (name) VALUES (NEW.action);
    INSERT INTO event_log (id, at, round, paragraph, action, detail, text)
    VALUES (NEW.id, NEW.at, NEW.round, NEW.paragraph,
        (SELECT code FROM event_actions WHERE name = NEW.action), NEW.detail, NEW.text);
END;
CREATE TRIGGER events_delete INSTEAD OF DELETE ON events
BEGIN
    DELETE FROM event_log WHERE id = OLD.id;
END;

-- A bracket record names its paragraph by key, as the other tables do, not by its 36-character
-- id. A record whose paragraph is unknown stops the conversion (NOT NULL) rather than being lost.
ALTER TABLE brackets RENAME TO brackets_v11;
CREATE TABLE brackets (
    id TEXT PRIMARY KEY,
    paragraph INTEGER NOT NULL REFERENCES paragraphs (key),
    source TEXT NOT NULL,  -- the bracketed group as it stood in the text
    holders TEXT NOT NULL, -- JSON array of delegation names
    reason TEXT NOT NULL,
    placed_round INTEGER NOT NULL REFERENCES rounds (number),
    lifted_round INTEGER REFERENCES rounds (number),
    outcome TEXT
);
INSERT INTO brackets (id, paragraph, source, holders, reason, placed_round, lifted_round, outcome)
    SELECT b.id, p.key, b.source, b.holders, b.reason, b.placed_round, b.lifted_round, b.outcome
    FROM brackets_v11 b LEFT JOIN paragraphs p ON p.id = b.paragraph_id ORDER BY b.rowid;
DROP TABLE brackets_v11;
CREATE INDEX brackets_by_paragraph ON brackets (paragraph);
