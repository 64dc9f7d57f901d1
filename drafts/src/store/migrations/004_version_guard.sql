-- Schema 4: a paragraph version is frozen exactly when the round that made it is closed (a version
-- is only ever made for the open round, and that round always points at it). The guard now reads
-- that one round instead of searching every round's rows, and the index it needed goes.
DROP TRIGGER frozen_version_update;
DROP TRIGGER frozen_version_delete;

CREATE TRIGGER frozen_version_update BEFORE UPDATE ON paragraph_versions
WHEN (SELECT state FROM rounds WHERE number = OLD.round) = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

CREATE TRIGGER frozen_version_delete BEFORE DELETE ON paragraph_versions
WHEN (SELECT state FROM rounds WHERE number = OLD.round) = 'closed'
BEGIN SELECT RAISE(ABORT, 'round is closed'); END;

DROP INDEX round_paragraphs_by_version;
