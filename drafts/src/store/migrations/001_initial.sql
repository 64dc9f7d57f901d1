-- Accord negotiation file, schema 1.
-- A round's text is a set of rows in round_paragraphs pointing at paragraph_versions:
-- an unchanged paragraph shares its version with the previous round, so a round that
-- changed three paragraphs adds three rows of text, not a copy of the document.

CREATE TABLE negotiation (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    symbol TEXT NOT NULL,
    body TEXT NOT NULL,
    session TEXT NOT NULL,
    language TEXT NOT NULL,
    house_style TEXT NOT NULL CHECK (house_style IN ('oas', 'un')),
    whole_text_ad_referendum TEXT NOT NULL, -- JSON array of delegation names
    created_at TEXT NOT NULL
);

CREATE TABLE delegations (
    name TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('member', 'observer')),
    position INTEGER NOT NULL
);

CREATE TABLE rounds (
    number INTEGER PRIMARY KEY CHECK (number >= 1),
    label TEXT NOT NULL,
    date TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    closed_at TEXT
);

CREATE TABLE paragraphs (
    id TEXT PRIMARY KEY,
    created_round INTEGER NOT NULL REFERENCES rounds (number)
);

CREATE TABLE paragraph_versions (
    id INTEGER PRIMARY KEY,
    paragraph_id TEXT NOT NULL REFERENCES paragraphs (id),
    round INTEGER NOT NULL REFERENCES rounds (number),
    kind TEXT NOT NULL,
    parent_id TEXT REFERENCES paragraphs (id),
    text TEXT NOT NULL,
    status TEXT NOT NULL,    -- JSON Status
    footnotes TEXT NOT NULL, -- JSON array
    proposers TEXT NOT NULL, -- JSON array
    notes TEXT NOT NULL
);

CREATE TABLE round_paragraphs (
    round INTEGER NOT NULL REFERENCES rounds (number),
    paragraph_id TEXT NOT NULL REFERENCES paragraphs (id),
    version_id INTEGER NOT NULL REFERENCES paragraph_versions (id),
    position REAL NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (round, paragraph_id)
);

CREATE TABLE round_diffs (
    from_round INTEGER NOT NULL REFERENCES rounds (number),
    to_round INTEGER NOT NULL REFERENCES rounds (number),
    diff TEXT NOT NULL, -- JSON RoundDiff
    PRIMARY KEY (from_round, to_round)
);

CREATE TABLE brackets (
    id TEXT PRIMARY KEY,
    paragraph_id TEXT NOT NULL REFERENCES paragraphs (id),
    source TEXT NOT NULL,  -- the bracketed group as it stood in the text
    holders TEXT NOT NULL, -- JSON array of delegation names
    reason TEXT NOT NULL,
    placed_round INTEGER NOT NULL REFERENCES rounds (number),
    lifted_round INTEGER REFERENCES rounds (number),
    outcome TEXT
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    round INTEGER NOT NULL,
    paragraph_id TEXT,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);

-- A closed round can never change, whoever writes to the file.
CREATE TRIGGER closed_round_is_final_update BEFORE UPDATE ON rounds
WHEN OLD.state = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER closed_round_is_final_delete BEFORE DELETE ON rounds
WHEN OLD.state = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER closed_round_text_update BEFORE UPDATE ON round_paragraphs
WHEN (SELECT state FROM rounds WHERE number = OLD.round) = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER closed_round_text_delete BEFORE DELETE ON round_paragraphs
WHEN (SELECT state FROM rounds WHERE number = OLD.round) = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER closed_round_text_insert BEFORE INSERT ON round_paragraphs
WHEN (SELECT state FROM rounds WHERE number = NEW.round) = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER frozen_version_update BEFORE UPDATE ON paragraph_versions
WHEN EXISTS (SELECT 1 FROM round_paragraphs rp JOIN rounds r ON r.number = rp.round
             WHERE rp.version_id = OLD.id AND r.state = 'closed')
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER frozen_version_delete BEFORE DELETE ON paragraph_versions
WHEN EXISTS (SELECT 1 FROM round_paragraphs rp JOIN rounds r ON r.number = rp.round
             WHERE rp.version_id = OLD.id AND r.state = 'closed')
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER stored_diff_update BEFORE UPDATE ON round_diffs
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER stored_diff_delete BEFORE DELETE ON round_diffs
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;
