-- The label each paragraph opened each round with (the clean label of its place in the round
-- before), stored from round 2 on when it differs from the label it opened the round before with
-- ('' for none). A closed round's text and one paragraph's history read their labels here instead
-- of numbering the whole round before. Filled for existing files by `rows::fill_opening_labels`.
CREATE TABLE opening_labels (
    paragraph INTEGER NOT NULL REFERENCES paragraphs (key),
    round INTEGER NOT NULL REFERENCES rounds (number),
    label TEXT NOT NULL,
    PRIMARY KEY (paragraph, round)
) WITHOUT ROWID;
