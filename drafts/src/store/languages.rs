//! Language versions in the file: which languages are kept beside the original, and each
//! paragraph's translation written for the open round with the original's text it was made from.

use rusqlite::{params, OptionalExtension};

use super::{events, rows, Store};
use crate::languages::{self, Translation, TranslationState};
use crate::model::ParagraphId;
use crate::{Error, Result};

impl Store {
    /// Keeps a language version beside the original (a code or a name); returns its code. The
    /// original's own language is refused.
    pub fn add_language(&mut self, code_or_name: &str) -> Result<&'static str> {
        let language = languages::language(code_or_name)
            .ok_or_else(|| Error::Invalid(format!("unknown language: {code_or_name}")))?;
        let original = self.negotiation()?.language;
        if languages::language(&original).is_some_and(|o| o.code == language.code) {
            return Err(Error::Invalid(format!("{} is the original language", language.name)));
        }
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?.number;
        tx.execute(
            "INSERT OR IGNORE INTO languages (code, position)
             VALUES (?1, (SELECT COUNT(*) FROM languages))",
            [language.code],
        )?;
        events::log(&tx, round, None, "language_added", language.name)?;
        tx.commit()?;
        Ok(language.code)
    }

    /// Sets a paragraph's translation in the open round, made from the original as it reads now.
    pub fn set_translation(&mut self, id: ParagraphId, code: &str, text: &str) -> Result<()> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?.number;
        let source = rows::load_one(&tx, id)?.paragraph.text;
        tx.execute(
            "INSERT INTO translations (paragraph, language, round, text, source)
             VALUES ((SELECT key FROM paragraphs WHERE id = ?1), ?2, ?3, ?4, ?5)
             ON CONFLICT (paragraph, language, round)
             DO UPDATE SET text = excluded.text, source = excluded.source, reviewed = 0",
            params![id.to_string(), code, round, text.trim(), source],
        )?;
        events::log(&tx, round, Some(id), "translation_set", code)?;
        tx.commit()?;
        Ok(())
    }

    /// The state of a paragraph's translation in `code` in the open round.
    pub fn translation_state(&self, id: ParagraphId, code: &str) -> Result<TranslationState> {
        let round = rows::open_round(&self.conn)?.number;
        let original = rows::load_one(&self.conn, id)?.paragraph.text;
        let translation = self
            .conn
            .query_row(
                "SELECT text, source, reviewed FROM translations
                 WHERE paragraph = (SELECT key FROM paragraphs WHERE id = ?1) AND language = ?2
                   AND round <= ?3 ORDER BY round DESC LIMIT 1",
                params![id.to_string(), code, round],
                |r| Ok(Translation { text: r.get(0)?, source: r.get(1)?, reviewed: r.get(2)? }),
            )
            .optional()?;
        Ok(languages::state(&original, translation.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{CloseRound, NewParagraph};
    use super::*;
    use crate::model::{NegotiationMeta, ParagraphKind};

    #[test]
    fn editing_the_original_marks_its_translation_stale_across_a_closed_round() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::create(&dir.path().join("t.accord"), NegotiationMeta::default()).unwrap();
        assert!(store.add_language("English").is_err());
        assert_eq!(store.add_language("Spanish").unwrap(), "es");
        let op = NewParagraph::at_end(ParagraphKind::Operative, "Decides to approve the report;");
        let id = store.insert_paragraph(op).unwrap();
        assert_eq!(store.translation_state(id, "es").unwrap(), TranslationState::Missing);
        store.set_translation(id, "es", "Decide aprobar el informe;").unwrap();
        store.close_round(CloseRound::default()).unwrap();
        assert_eq!(store.translation_state(id, "es").unwrap(), TranslationState::Current);
        store.edit_text(id, "Decides to approve the final report;", None).unwrap();
        assert_eq!(store.translation_state(id, "es").unwrap(), TranslationState::Stale);
    }

    #[test]
    fn a_closed_round_fingerprint_covers_its_translations() {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::create(&dir.path().join("t.accord"), NegotiationMeta::default()).unwrap();
        store.add_language("es").unwrap();
        let op = NewParagraph::at_end(ParagraphKind::Operative, "Decides to approve the report;");
        let id = store.insert_paragraph(op).unwrap();
        store.set_translation(id, "es", "Decide aprobar el informe;").unwrap();
        store.close_round(CloseRound::default()).unwrap();
        assert_eq!(store.verify().unwrap().first_mismatch, None);
        let conn = store.connection();
        rows::with_guards_lifted(conn, &["closed_translation_update"], || {
            conn.execute("UPDATE translations SET text = 'Decide rechazar el informe;'", [])?;
            Ok(())
        })
        .unwrap();
        assert_eq!(store.verify().unwrap().first_mismatch, Some(1));
    }
}
