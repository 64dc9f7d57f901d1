-- Schema 10: language versions. The negotiation's `language` is the original; `languages` lists
-- the versions kept beside it (ISO 639-1 codes). A translation row is written for the open round
-- and read by every later round until a newer row replaces it; it keeps the original's text it
-- was made from (`source`), so a translation is stale exactly when the original no longer says
-- that. Rows of a closed round are frozen like its spans.
CREATE TABLE languages (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL
);

CREATE TABLE translations (
    paragraph INTEGER NOT NULL REFERENCES paragraphs(key),
    language TEXT NOT NULL REFERENCES languages(code),
    round INTEGER NOT NULL REFERENCES rounds(number),
    text TEXT NOT NULL,
    source TEXT NOT NULL,
    reviewed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (paragraph, language, round)
) WITHOUT ROWID;

CREATE TRIGGER closed_translation_insert BEFORE INSERT ON translations
WHEN (SELECT state FROM rounds WHERE number = NEW.round) = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER closed_translation_update BEFORE UPDATE ON translations
WHEN (SELECT state FROM rounds WHERE number = OLD.round) = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER closed_translation_delete BEFORE DELETE ON translations
WHEN (SELECT state FROM rounds WHERE number = OLD.round) = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;
