-- Schema 5: proposals. Delegations' proposals, kept apart from the text until the chair decides;
-- positions taken on them; Word authors mapped to delegations; the file's settings.
CREATE TABLE proposals (
    id TEXT PRIMARY KEY,
    delegation TEXT NOT NULL,
    round INTEGER NOT NULL,     -- the round whose text it was made on
    made_at TEXT NOT NULL,
    change TEXT NOT NULL,       -- JSON ProposalChange
    note TEXT NOT NULL,
    paragraph_id TEXT,          -- the paragraph it is about, for look-ups
    origin TEXT NOT NULL,       -- 'local', a proposals file's name, or 'word: <file>'
    state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'rejected', 'bracketed', 'withdrawn')),
    decided_round INTEGER,
    decision_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposals_by_paragraph ON proposals (paragraph_id);

CREATE TABLE proposal_stances (
    proposal_id TEXT NOT NULL REFERENCES proposals (id),
    delegation TEXT NOT NULL,
    stance TEXT NOT NULL CHECK (stance IN ('support', 'oppose')),
    PRIMARY KEY (proposal_id, delegation)
);

CREATE TABLE word_authors (
    author TEXT PRIMARY KEY,
    delegation TEXT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
