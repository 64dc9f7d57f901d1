//! Facts about the whole document read from its paragraphs: the house style, the language,
//! and whether it reads as a draft at all.

use crate::import::{ImportWarning, ImportWarningCode, ImportedParagraph};
use crate::lexicon;
use crate::model::{HouseStyle, ParagraphKind};

use super::matching::starts_with_word_ci;
use super::paragraphs::ARTICLE_WORDS;
use super::Emphasis;

/// UN style when most preambular participles are in italics or most preambular paragraphs end
/// with a comma, OAS style otherwise.
pub(in crate::import) fn house_style(
    paragraphs: &[ImportedParagraph],
    emphasis: &[Option<Emphasis>],
) -> HouseStyle {
    let (mut preambular, mut italics, mut commas, mut semicolons) =
        (0usize, 0usize, 0usize, 0usize);
    for (paragraph, emphasis) in paragraphs.iter().zip(emphasis) {
        if paragraph.kind != ParagraphKind::Preambular {
            continue;
        }
        preambular += 1;
        if *emphasis == Some(Emphasis::Italic) {
            italics += 1;
        }
        match paragraph.text.trim_end_matches([']', ' ']).chars().last() {
            Some(',') => commas += 1,
            Some(';') => semicolons += 1,
            _ => {}
        }
    }
    if italics * 2 > preambular || commas > semicolons {
        HouseStyle::Un
    } else {
        HouseStyle::Oas
    }
}

/// Frequent short words that tell the four languages of the OAS apart.
const LANGUAGE_WORDS: [(&str, &[&str]); 4] = [
    ("English", &["the", "and", "of", "to", "that", "with"]),
    ("Spanish", &["el", "los", "las", "del", "y", "con"]),
    ("French", &["le", "les", "des", "du", "et", "avec"]),
    ("Portuguese", &["os", "do", "dos", "da", "das", "e", "com", "em"]),
];

/// How many words of the text are read to tell its language.
const LANGUAGE_SAMPLE: usize = 5000;

/// The working language, told by its commonest words; English when in doubt.
pub(in crate::import) fn language(paragraphs: &[ImportedParagraph]) -> &'static str {
    let mut counts = [0usize; LANGUAGE_WORDS.len()];
    let words = paragraphs.iter().flat_map(|p| p.text.split(' ')).take(LANGUAGE_SAMPLE);
    for word in words {
        let word = word.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        for (count, (_, list)) in counts.iter_mut().zip(LANGUAGE_WORDS) {
            if list.contains(&word.as_str()) {
                *count += 1;
            }
        }
    }
    let mut best = 0;
    for (i, &count) in counts.iter().enumerate() {
        if count > counts[best] {
            best = i;
        }
    }
    LANGUAGE_WORDS[best].0
}

/// Below this share of paragraphs showing a sign of a draft (one in this many), a text with
/// neither opening clause nor verb line does not read as a draft.
const SIGNS_PER_PARAGRAPHS: usize = 5;

/// What the chair should know before importing: a text with no opening clause, no verb line,
/// no article's heading and few paragraphs opening as a draft's do is not a draft (a policy
/// paper, a notice).
pub(in crate::import) fn warnings(paragraphs: &[ImportedParagraph]) -> Vec<ImportWarning> {
    let framed = paragraphs.iter().any(|p| match p.kind {
        ParagraphKind::OpeningClause | ParagraphKind::VerbLine => true,
        ParagraphKind::SectionHeading => names_an_article(&p.text),
        _ => false,
    });
    let signs = paragraphs.iter().filter(|p| shows_a_draft(p)).count();
    let few = signs < 3 || signs * SIGNS_PER_PARAGRAPHS < paragraphs.len();
    if !framed && few {
        vec![ImportWarningCode::NotADraft.into()]
    } else {
        Vec::new()
    }
}

/// A paragraph opening as a draft's do: a participle, an operative verb, an article.
fn shows_a_draft(paragraph: &ImportedParagraph) -> bool {
    let text = paragraph.text.trim_start_matches(['[', ' ']);
    lexicon::preambular_opener(text).is_some()
        || lexicon::operative_opener(text).is_some()
        || names_an_article(text)
}

/// "Article 6", "Artigo I.", "Artigo 1. Os propósitos …".
fn names_an_article(text: &str) -> bool {
    ARTICLE_WORDS.iter().any(|word| starts_with_word_ci(text, word).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::import_text;

    #[test]
    fn a_text_that_reads_as_no_draft_says_so() {
        let notice = "Aviso\n\nSe publica el factor de emisión del sistema eléctrico nacional.\n\n\
            El factor se calcula con la generación neta de las centrales del sistema.\n\n\
            tomando en cuenta que este factor considera la generación.\n";
        let draft = import_text(notice).unwrap();
        let codes: Vec<_> = draft.warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, [ImportWarningCode::NotADraft]);
        let resolution =
            "The General Assembly,\n\nRecalling its resolution 1,\n\n1. Decides to act;\n";
        assert!(import_text(resolution).unwrap().warnings.is_empty());
    }
}
