-- The labels each round opened with (from round 2 on: the clean labels of the paragraphs' places
-- in the round before), one compressed list per round: lines "key label" in key order, zstd with
-- the round before's list as prefix (every 16th round on its own). A closed round's text and a
-- paragraph's history read their labels here instead of numbering the whole round before.
-- Filled for existing files by `labels::fill`.
CREATE TABLE round_labels (
    round INTEGER PRIMARY KEY REFERENCES rounds (number),
    labels BLOB NOT NULL
);
