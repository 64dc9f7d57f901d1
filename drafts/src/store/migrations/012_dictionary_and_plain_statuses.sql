-- Schema 12: nothing in the tables changes shape, but what is written into them does, and an
-- older Accord could not read it, so the number moves on (it then says the file is newer):
-- - a paragraph's text stored on its own is compressed against Accord's dictionary of the words
--   of drafts (store/texts.rs), which the zstd frame names;
-- - a version's status is the name of its kind ("agreed") unless it carries delegations, and its
--   footnotes and proposers are empty rather than "[]" when there are none (store/rows.rs).
-- Rows written before stay as they are and still read.
SELECT 1;
