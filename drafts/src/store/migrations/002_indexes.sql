-- Schema 2: look-ups by paragraph (history, bracket log, events) without table scans.
CREATE INDEX paragraph_versions_by_paragraph ON paragraph_versions (paragraph_id);
CREATE INDEX round_paragraphs_by_paragraph ON round_paragraphs (paragraph_id);
CREATE INDEX round_paragraphs_by_version ON round_paragraphs (version_id);
CREATE INDEX brackets_by_paragraph ON brackets (paragraph_id);
CREATE INDEX events_by_paragraph ON events (paragraph_id);
