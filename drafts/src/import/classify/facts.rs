//! Facts about the whole document read from its paragraphs: the house style and the
//! language.

use crate::import::ImportedParagraph;
use crate::model::{HouseStyle, ParagraphKind};

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
