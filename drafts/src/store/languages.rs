//! Language versions in the file: which languages are kept beside the original, and each
//! paragraph's translation written for the open round with the original's text it was made from.
//! Every write is one transaction, logged and undoable like any other user action.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::steps::{Step, TranslationChange};
use super::{events, rows, Store};
use crate::languages::{self, Language, Reading, SideBySide, Translation, TranslationState};
use crate::languages::{LanguageStatus, ParallelParagraph, VersionText};
use crate::model::{Document, Paragraph, ParagraphId, Round, StatusKind};
use crate::{Error, Result};

/// What a paragraph of a round reads as in a language version that has no translation of it.
pub const NOT_TRANSLATED: &str = "(not yet translated)";

impl Store {
    /// The original's language (English when the negotiation names none Accord knows).
    pub fn original_language(&self) -> Result<Language> {
        Ok(languages::language(&self.negotiation()?.language).unwrap_or(languages::LANGUAGES[0]))
    }

    /// The language versions kept beside the original, in the order they were added.
    pub fn language_versions(&self) -> Result<Vec<Language>> {
        let mut stmt = self.conn.prepare("SELECT code FROM languages ORDER BY position")?;
        let codes = stmt.query_map([], |r| r.get::<_, String>(0))?;
        codes
            .map(|code| {
                let code = code?;
                languages::language(&code)
                    .ok_or_else(|| Error::Corrupt(format!("unknown language {code}")))
            })
            .collect()
    }

    /// Keeps a language version beside the original (a code or a name). The original's own
    /// language is refused; a language already kept is left as it is.
    pub fn add_language(&mut self, code_or_name: &str) -> Result<Language> {
        let language = known(code_or_name)?;
        if self.original_language()? == language {
            return Err(Error::Invalid(format!("{} is the original language", language.name)));
        }
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?.number;
        let added = keep(&tx, language.code, true)?;
        events::log(&tx, round, None, "language_added", language.name)?;
        tx.commit()?;
        if added {
            self.undo.push(Step::on_language(round, language.code));
        }
        Ok(language)
    }

    /// Sets a paragraph's translation in the open round, made from the original as it reads now.
    pub fn set_translation(&mut self, id: ParagraphId, code: &str, text: &str) -> Result<()> {
        self.write_translations("translation_set", code, &[(id, text.trim().to_string())])
    }

    /// Records that the style review of a paragraph's translation is done. Only a current
    /// translation can be reviewed: a stale or missing one is refused.
    pub fn review_translation(&mut self, id: ParagraphId, code: &str) -> Result<()> {
        let language = require_language(&self.conn, code)?;
        let row = rows::load_one(&self.conn, id)?;
        let translation = latest(&self.conn, id, language.code, u32::MAX)?;
        let state = languages::state(&row.paragraph.text, translation.as_ref());
        let (Some(mut reviewed), TranslationState::Current | TranslationState::Reviewed) =
            (translation, state)
        else {
            return Err(Error::Invalid(format!(
                "the {} translation of {} is {}: bring it up to date before its style review",
                language.name,
                row.paragraph.label,
                if state == TranslationState::Missing { "missing" } else { "stale" }
            )));
        };
        reviewed.reviewed = true;
        self.record_translations("translation_reviewed", language, vec![(id, reviewed)])
    }

    /// Writes translations of paragraphs of the open round in one transaction and one undo step,
    /// each made from the original as it reads now.
    pub(crate) fn write_translations(
        &mut self,
        action: &str,
        code: &str,
        texts: &[(ParagraphId, String)],
    ) -> Result<()> {
        let language = require_language(&self.conn, code)?;
        let mut made = Vec::with_capacity(texts.len());
        for (id, text) in texts {
            let source = rows::load_one(&self.conn, *id)?.paragraph.text;
            made.push((*id, Translation { text: text.clone(), source, reviewed: false }));
        }
        self.record_translations(action, language, made)
    }

    fn record_translations(
        &mut self,
        action: &str,
        language: Language,
        translations: Vec<(ParagraphId, Translation)>,
    ) -> Result<()> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?.number;
        let mut changes = Vec::with_capacity(translations.len());
        for (id, after) in translations {
            let before = in_round(&tx, id, language.code, round)?;
            write(&tx, id, language.code, round, Some(&after))?;
            events::log(&tx, round, Some(id), action, language.code)?;
            changes.push(TranslationChange::new(id, language.code, before, Some(after)));
        }
        tx.commit()?;
        self.undo.push(Step::on_translations(action, round, changes));
        Ok(())
    }

    /// The state of a paragraph's translation in `code` in the open round.
    pub fn translation_state(&self, id: ParagraphId, code: &str) -> Result<TranslationState> {
        let language = require_language(&self.conn, code)?;
        let original = rows::load_one(&self.conn, id)?.paragraph.text;
        let translation = latest(&self.conn, id, language.code, u32::MAX)?;
        Ok(languages::state(&original, translation.as_ref()))
    }

    /// Every paragraph's translation in a language version as round `round` reads it, by
    /// paragraph (none for a paragraph never translated).
    pub fn translations(
        &self,
        code: &str,
        round: u32,
    ) -> Result<HashMap<ParagraphId, Translation>> {
        translations(&self.conn, require_language(&self.conn, code)?.code, round)
    }

    /// Where a language version stands in a round (the open round when none).
    pub fn language_status(&self, code: &str, round: Option<u32>) -> Result<LanguageStatus> {
        let language = require_language(&self.conn, code)?;
        let document = self.document(round)?;
        let rounds = self.rounds()?;
        let translations = translations(&self.conn, language.code, document.round.number)?;
        let live = live(&document);
        let mut changed = Vec::with_capacity(live.len());
        for p in &live {
            let translation = translations.get(&p.id);
            let stale = languages::state(&p.text, translation) == TranslationState::Stale;
            let number = document.round.number;
            let when =
                if stale { changed_in(&self.conn, p, number, &rounds)? } else { String::new() };
            changed.push(when);
        }
        let readings: Vec<Reading<'_>> = live
            .iter()
            .zip(&changed)
            .map(|(p, changed_in)| Reading {
                id: p.id,
                label: &p.label,
                original: &p.text,
                translation: translations.get(&p.id),
                changed_in,
            })
            .collect();
        Ok(languages::status(language, &readings))
    }

    /// Where every language version stands in a round (the open round when none).
    pub fn language_statuses(&self, round: Option<u32>) -> Result<Vec<LanguageStatus>> {
        self.language_versions()?.iter().map(|l| self.language_status(l.code, round)).collect()
    }

    /// Two languages of a round (the open round when none), paragraph against paragraph; either
    /// may be the original.
    pub fn side_by_side(&self, left: &str, right: &str, round: Option<u32>) -> Result<SideBySide> {
        let document = self.document(round)?;
        let (left, right) = (self.version(left)?, self.version(right)?);
        let number = document.round.number;
        let read = |l: Option<Language>| -> Result<Option<HashMap<ParagraphId, Translation>>> {
            l.map(|l| translations(&self.conn, l.code, number)).transpose()
        };
        let (left_texts, right_texts) = (read(left.1)?, read(right.1)?);
        let side = |texts: &Option<HashMap<ParagraphId, Translation>>, p: &Paragraph| match texts {
            None => VersionText::original(&p.text),
            Some(texts) => VersionText::translation(&p.text, texts.get(&p.id)),
        };
        let paragraphs = document
            .paragraphs
            .iter()
            .filter(|n| n.paragraph.status.kind() != StatusKind::Deleted)
            .map(|n| {
                let p = &n.paragraph;
                let stale = [&left_texts, &right_texts].into_iter().flatten().find_map(|t| {
                    let changes = languages::original_changes(&p.text, t.get(&p.id));
                    (!changes.is_empty()).then_some(changes)
                });
                ParallelParagraph {
                    id: p.id,
                    label: p.label.clone(),
                    number: n.number.clone(),
                    kind: p.kind,
                    depth: n.depth,
                    left: side(&left_texts, p),
                    right: side(&right_texts, p),
                    original_changes: stale.unwrap_or_default(),
                }
            })
            .collect();
        Ok(SideBySide { round: number, left: left.0, right: right.0, paragraphs })
    }

    /// A round's text (the open round when none) in a language version: each paragraph's
    /// translation, [`NOT_TRANSLATED`] where there is none; the original's own language gives
    /// the text itself.
    pub fn language_document(&self, code: &str, round: Option<u32>) -> Result<Document> {
        let mut document = self.document(round)?;
        let Some(language) = self.version(code)?.1 else { return Ok(document) };
        let texts = translations(&self.conn, language.code, document.round.number)?;
        for n in &mut document.paragraphs {
            let p = &mut n.paragraph;
            p.text = match texts.get(&p.id).filter(|t| !t.text.trim().is_empty()) {
                Some(t) => t.text.clone(),
                None => NOT_TRANSLATED.to_string(),
            };
        }
        Ok(document)
    }

    /// A language as one side of a reading: the original (no translations), or a version kept.
    fn version(&self, code: &str) -> Result<(Language, Option<Language>)> {
        let original = self.original_language()?;
        if known(code)? == original {
            return Ok((original, None));
        }
        let language = require_language(&self.conn, code)?;
        Ok((language, Some(language)))
    }
}

/// Keeps a language version (or with `kept` false, stops keeping it); whether anything changed.
pub(super) fn keep(conn: &Connection, code: &str, kept: bool) -> Result<bool> {
    let sql = if kept {
        "INSERT OR IGNORE INTO languages (code, position)
         VALUES (?1, (SELECT COUNT(*) FROM languages))"
    } else {
        "DELETE FROM languages WHERE code = ?1"
    };
    Ok(conn.execute(sql, [code])? == 1)
}

/// The live paragraphs of a document: what a language version has to translate.
fn live(document: &Document) -> Vec<&Paragraph> {
    document
        .paragraphs
        .iter()
        .map(|n| &n.paragraph)
        .filter(|p| p.status.kind() != StatusKind::Deleted)
        .collect()
}

/// The language a code or name stands for, or `unknown_language`.
fn known(code_or_name: &str) -> Result<Language> {
    languages::language(code_or_name)
        .ok_or_else(|| Error::UnknownLanguage { language: code_or_name.to_string(), known: false })
}

/// A language version this negotiation keeps, or `unknown_language`.
pub(super) fn require_language(conn: &Connection, code_or_name: &str) -> Result<Language> {
    let language = known(code_or_name)?;
    let kept: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM languages WHERE code = ?1)",
        [language.code],
        |r| r.get(0),
    )?;
    if kept {
        Ok(language)
    } else {
        Err(Error::UnknownLanguage { language: language.name.to_string(), known: true })
    }
}

/// Every paragraph's translation in `code` as round `round` reads it: the newest row written
/// for that round or an earlier one.
fn translations(
    conn: &Connection,
    code: &str,
    round: u32,
) -> Result<HashMap<ParagraphId, Translation>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, t.text, t.source, t.reviewed FROM translations t
         JOIN paragraphs p ON p.key = t.paragraph
         WHERE t.language = ?1 AND t.round = (SELECT MAX(u.round) FROM translations u
               WHERE u.paragraph = t.paragraph AND u.language = ?1 AND u.round <= ?2)",
    )?;
    let rows = stmt.query_map(params![code, round], |r| {
        let id: String = r.get(0)?;
        let translation = Translation { text: r.get(1)?, source: r.get(2)?, reviewed: r.get(3)? };
        Ok((id, translation))
    })?;
    rows.map(|row| {
        let (id, translation) = row?;
        let id = uuid::Uuid::parse_str(&id).map_err(|e| Error::Corrupt(e.to_string()))?;
        Ok((ParagraphId(id), translation))
    })
    .collect()
}

/// A paragraph's translation as round `round` reads it.
fn latest(
    conn: &Connection,
    id: ParagraphId,
    code: &str,
    round: u32,
) -> Result<Option<Translation>> {
    read_one(conn, id, code, round, "round <= ?3 ORDER BY round DESC LIMIT 1")
}

/// The row written for a paragraph's translation in round `round` itself.
fn in_round(
    conn: &Connection,
    id: ParagraphId,
    code: &str,
    round: u32,
) -> Result<Option<Translation>> {
    read_one(conn, id, code, round, "round = ?3")
}

fn read_one(
    conn: &Connection,
    id: ParagraphId,
    code: &str,
    round: u32,
    which: &str,
) -> Result<Option<Translation>> {
    let sql = format!(
        "SELECT text, source, reviewed FROM translations
         WHERE paragraph = (SELECT key FROM paragraphs WHERE id = ?1) AND language = ?2 AND {which}"
    );
    Ok(conn
        .query_row(&sql, params![id.to_string(), code, round], |r| {
            Ok(Translation { text: r.get(0)?, source: r.get(1)?, reviewed: r.get(2)? })
        })
        .optional()?)
}

/// Writes (or with none, removes) the row of a paragraph's translation in round `round`.
pub(super) fn write(
    conn: &Connection,
    id: ParagraphId,
    code: &str,
    round: u32,
    translation: Option<&Translation>,
) -> Result<()> {
    let key = rows::key_of(conn, id)?.ok_or_else(|| Error::UnknownParagraph(id.to_string()))?;
    match translation {
        Some(t) => conn.execute(
            "INSERT INTO translations (paragraph, language, round, text, source, reviewed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (paragraph, language, round) DO UPDATE SET text = excluded.text,
                source = excluded.source, reviewed = excluded.reviewed",
            params![key, code, round, t.text, t.source, t.reviewed],
        )?,
        None => conn.execute(
            "DELETE FROM translations WHERE paragraph = ?1 AND language = ?2 AND round = ?3",
            params![key, code, round],
        )?,
    };
    Ok(())
}

/// The label of the round in which a paragraph's text as round `round` reads it was written:
/// the first round of the unbroken run of spans up to `round` that read it.
fn changed_in(
    conn: &Connection,
    paragraph: &Paragraph,
    round: u32,
    rounds: &[Round],
) -> Result<String> {
    let spans = rows::spans_of(conn, paragraph.id)?;
    let first = spans
        .iter()
        .filter(|s| s.first_round <= round)
        .rev()
        .take_while(|s| s.paragraph.text == paragraph.text)
        .last()
        .map_or(round, |s| s.first_round);
    Ok(rounds.iter().find(|r| r.number == first).map(|r| r.label.clone()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::super::{CloseRound, NewParagraph};
    use super::*;
    use crate::brackets::Resolution;
    use crate::model::{NegotiationMeta, ParagraphKind};
    use crate::ErrorCode;

    fn store_with(texts: &[&str]) -> (tempfile::TempDir, Store, Vec<ParagraphId>) {
        let dir = tempfile::tempdir().unwrap();
        let mut store =
            Store::create(&dir.path().join("t.accord"), NegotiationMeta::default()).unwrap();
        let ids = texts
            .iter()
            .map(|t| store.insert_paragraph(NewParagraph::at_end(ParagraphKind::Operative, *t)))
            .collect::<Result<Vec<_>>>()
            .unwrap();
        (dir, store, ids)
    }

    #[test]
    fn editing_the_original_marks_its_translation_stale_across_a_closed_round() {
        let (_dir, mut store, ids) = store_with(&["Decides to approve the report;"]);
        assert!(store.add_language("English").is_err());
        assert_eq!(store.add_language("Spanish").unwrap().code, "es");
        assert_eq!(store.translation_state(ids[0], "es").unwrap(), TranslationState::Missing);
        store.set_translation(ids[0], "es", "Decide aprobar el informe;").unwrap();
        store.close_round(CloseRound::default()).unwrap();
        assert_eq!(store.translation_state(ids[0], "es").unwrap(), TranslationState::Current);
        store.edit_text(ids[0], "Decides to approve the final report;", None).unwrap();
        assert_eq!(store.translation_state(ids[0], "es").unwrap(), TranslationState::Stale);
    }

    #[test]
    fn a_language_not_known_or_not_kept_is_a_typed_error() {
        let (_dir, mut store, ids) = store_with(&["Decides;"]);
        let unknown = store.add_language("Klingon").unwrap_err();
        assert_eq!(unknown.code(), ErrorCode::UnknownLanguage);
        let not_kept = store.set_translation(ids[0], "fr", "Décide ;").unwrap_err();
        assert_eq!(not_kept.code(), ErrorCode::UnknownLanguage);
        assert!(not_kept.to_string().contains("French is not a language version"));
    }

    #[test]
    fn only_a_current_translation_can_be_reviewed_and_an_edit_takes_the_review_away() {
        let (_dir, mut store, ids) = store_with(&["Decides;"]);
        store.add_language("es").unwrap();
        assert_eq!(store.review_translation(ids[0], "es").unwrap_err().code(), ErrorCode::Invalid);
        store.set_translation(ids[0], "es", "Decide;").unwrap();
        store.review_translation(ids[0], "es").unwrap();
        assert_eq!(store.translation_state(ids[0], "es").unwrap(), TranslationState::Reviewed);
        store.edit_text(ids[0], "Decides again;", None).unwrap();
        assert_eq!(store.translation_state(ids[0], "es").unwrap(), TranslationState::Stale);
        assert!(store.review_translation(ids[0], "es").unwrap_err().to_string().contains("stale"));
    }

    #[test]
    fn translation_writes_are_undone_and_redone_like_any_action() {
        let (_dir, mut store, ids) = store_with(&["Decides;"]);
        store.add_language("es").unwrap();
        store.set_translation(ids[0], "es", "Decide;").unwrap();
        store.review_translation(ids[0], "es").unwrap();
        assert_eq!(store.undo().unwrap().as_deref(), Some("translation_reviewed"));
        assert_eq!(store.translation_state(ids[0], "es").unwrap(), TranslationState::Current);
        assert_eq!(store.undo().unwrap().as_deref(), Some("translation_set"));
        assert_eq!(store.translation_state(ids[0], "es").unwrap(), TranslationState::Missing);
        assert_eq!(store.undo().unwrap().as_deref(), Some("language_added"));
        assert!(store.language_versions().unwrap().is_empty());
        store.redo().unwrap();
        store.redo().unwrap();
        assert_eq!(store.translation_state(ids[0], "es").unwrap(), TranslationState::Current);
    }

    #[test]
    fn the_status_names_the_round_a_stale_paragraph_changed_in() {
        let (_dir, mut store, ids) = store_with(&["Decides;", "Requests;", "Urges;"]);
        store.add_language("es").unwrap();
        store.set_translation(ids[0], "es", "Decide;").unwrap();
        store.set_translation(ids[1], "es", "Pide;").unwrap();
        store.close_round(CloseRound::default()).unwrap();
        store.edit_text(ids[1], "Requests the Secretary-General;", None).unwrap();
        let status = store.language_status("Spanish", None).unwrap();
        assert_eq!(status.counts.current, 1);
        let stale: Vec<_> = status.stale.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(stale, ["OP2"]);
        assert_eq!(
            status.sentence,
            "The Spanish version lacks 1 paragraph changed in Round 2 and 1 never translated."
        );
        let first = store.language_status("es", Some(1)).unwrap();
        assert_eq!((first.counts.current, first.counts.stale), (2, 0));
    }

    #[test]
    fn resolving_or_adding_a_bracket_in_the_original_makes_the_version_stale() {
        let (_dir, mut store, ids) = store_with(&["Decides [to approve / to note] the report;"]);
        store.add_language("es").unwrap();
        store
            .set_translation(ids[0], "es", "Decide [aprobar / tomar nota de] el informe;")
            .unwrap();
        let status = store.language_status("es", None).unwrap();
        assert!(status.bracket_mismatches.is_empty());
        store.resolve_bracket(ids[0], 0, Resolution::Keep { option: 0 }).unwrap();
        assert_eq!(store.translation_state(ids[0], "es").unwrap(), TranslationState::Stale);
        let status = store.language_status("es", None).unwrap();
        assert_eq!(status.bracket_mismatches[0].original, 0);
        assert_eq!(status.bracket_mismatches[0].translation, 1);
        store.set_translation(ids[0], "es", "Decide aprobar el informe;").unwrap();
        store.bracket_words(ids[0], 8, 18, vec![], String::new()).unwrap();
        assert_eq!(store.translation_state(ids[0], "es").unwrap(), TranslationState::Stale);
    }

    #[test]
    fn two_languages_read_side_by_side_in_any_round() {
        let (_dir, mut store, ids) = store_with(&["Decides;", "Requests;"]);
        store.add_language("es").unwrap();
        store.add_language("fr").unwrap();
        store.set_translation(ids[0], "es", "Decide;").unwrap();
        store.set_translation(ids[0], "fr", "Décide ;").unwrap();
        store.close_round(CloseRound::default()).unwrap();
        store.edit_text(ids[0], "Decides again;", None).unwrap();
        let now = store.side_by_side("es", "English", None).unwrap();
        assert_eq!((now.left.code, now.right.code), ("es", "en"));
        assert_eq!(now.paragraphs[0].left.state, Some(TranslationState::Stale));
        assert_eq!(now.paragraphs[0].right.state, None);
        assert!(!now.paragraphs[0].original_changes.is_empty());
        assert_eq!(now.paragraphs[1].left.state, Some(TranslationState::Missing));
        let then = store.side_by_side("es", "fr", Some(1)).unwrap();
        assert_eq!(then.paragraphs[0].left.text, "Decide;");
        assert_eq!(then.paragraphs[0].right.state, Some(TranslationState::Current));
        let spanish = store.language_document("es", Some(1)).unwrap();
        assert_eq!(spanish.paragraphs[1].paragraph.text, NOT_TRANSLATED);
    }

    #[test]
    fn a_closed_round_fingerprint_covers_its_translations() {
        let (_dir, mut store, ids) = store_with(&["Decides to approve the report;"]);
        store.add_language("es").unwrap();
        store.set_translation(ids[0], "es", "Decide aprobar el informe;").unwrap();
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
