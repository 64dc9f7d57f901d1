//! Which paragraph of a translation is which paragraph of the original: a language version that
//! arrives as a file, aligned paragraph by paragraph. Pure; `store::languages` turns it into the
//! plan the chair corrects before anything is written.
//!
//! A translation says the same things in the same order, so the alignment is a dynamic
//! programme over the two sequences (as sentence aligners do, after Gale and Church): a pair
//! scores by what survives translation — its kind and number, the numerals it cites ("Article
//! 14", "paragraph 10", "2020", "XII"), its length against the texts' overall ratio — and either
//! side may skip a paragraph (a heading one version has and the other lacks), or give one
//! paragraph of the original two of the translation (a sentence the translation set apart).

use std::collections::BTreeSet;

use crate::model::ParagraphKind;

/// A paragraph as the alignment reads it, on either side.
#[derive(Debug, Clone, Copy)]
pub struct Passage<'a> {
    pub kind: ParagraphKind,
    /// The number as printed or found ("7", "(a)"), if any.
    pub number: Option<&'a str>,
    pub text: &'a str,
}

/// What one paragraph of the original was found to be in the translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned {
    /// The translation's paragraphs (indexes, consecutive: one, or two read as one); empty when
    /// the translation has none for it.
    pub translation: Vec<usize>,
    /// How sure the alignment is, in percent.
    pub confidence: u8,
}

/// Cost of leaving a paragraph of either side without a counterpart.
const SKIP: f64 = -0.8;
/// Cost of reading two paragraphs of the translation as one.
const JOIN: f64 = -0.6;

#[derive(Clone, Copy, PartialEq)]
enum Move {
    Pair,
    Join,
    SkipOriginal,
    SkipTranslation,
}

/// Aligns the translation's paragraphs to the original's, in order: one [`Aligned`] per
/// paragraph of the original.
pub fn align(original: &[Passage<'_>], translation: &[Passage<'_>]) -> Vec<Aligned> {
    let ratio = length_ratio(original, translation);
    let original: Vec<Features> = original.iter().map(Features::of).collect();
    let single: Vec<Features> = translation.iter().map(Features::of).collect();
    let joined: Vec<Features> = single.windows(2).map(|w| w[0].joined(&w[1])).collect();
    let (n, m) = (original.len(), single.len());
    let mut best = vec![vec![f64::NEG_INFINITY; m + 1]; n + 1];
    let mut came = vec![vec![Move::Pair; m + 1]; n + 1];
    best[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = best[i][j];
            if here == f64::NEG_INFINITY {
                continue;
            }
            let mut offer = |i2: usize, j2: usize, score: f64, step: Move| {
                if here + score > best[i2][j2] {
                    best[i2][j2] = here + score;
                    came[i2][j2] = step;
                }
            };
            if i < n && j < m {
                offer(i + 1, j + 1, pair(&original[i], &single[j], ratio), Move::Pair);
            }
            if i < n && j + 1 < m {
                offer(i + 1, j + 2, pair(&original[i], &joined[j], ratio) + JOIN, Move::Join);
            }
            if i < n {
                offer(i + 1, j, SKIP, Move::SkipOriginal);
            }
            if j < m {
                offer(i, j + 1, SKIP, Move::SkipTranslation);
            }
        }
    }
    let scores = Scores { original: &original, single: &single, joined: &joined, ratio };
    trace(&came, &scores)
}

/// The features of both sides, for scoring the path found.
struct Scores<'a> {
    original: &'a [Features],
    single: &'a [Features],
    joined: &'a [Features],
    ratio: f64,
}

/// Walks the best path back from the end into one [`Aligned`] per paragraph of the original.
fn trace(came: &[Vec<Move>], s: &Scores<'_>) -> Vec<Aligned> {
    let (mut i, mut j) = (s.original.len(), s.single.len());
    let mut out = vec![Aligned { translation: Vec::new(), confidence: 100 }; i];
    while i > 0 || j > 0 {
        match came[i][j] {
            Move::Pair => {
                let score = pair(&s.original[i - 1], &s.single[j - 1], s.ratio);
                out[i - 1] = Aligned { translation: vec![j - 1], confidence: confidence(score) };
                (i, j) = (i - 1, j - 1);
            }
            Move::Join => {
                let score = pair(&s.original[i - 1], &s.joined[j - 2], s.ratio) + JOIN;
                out[i - 1] =
                    Aligned { translation: vec![j - 2, j - 1], confidence: confidence(score) };
                (i, j) = (i - 1, j - 2);
            }
            Move::SkipOriginal => {
                out[i - 1].confidence = 50;
                i -= 1;
            }
            Move::SkipTranslation => j -= 1,
        }
    }
    out
}

/// What survives translation of a paragraph, read once.
struct Features {
    kind: ParagraphKind,
    number: Option<BTreeSet<u32>>,
    chars: usize,
    numerals: BTreeSet<u32>,
}

impl Features {
    fn of(p: &Passage<'_>) -> Self {
        Features {
            kind: p.kind,
            number: p.number.map(numerals),
            chars: chars(p.text),
            numerals: numerals(p.text),
        }
    }

    /// Two paragraphs of the translation read as one.
    fn joined(&self, next: &Features) -> Self {
        Features {
            kind: self.kind,
            number: self.number.clone(),
            chars: self.chars + next.chars,
            numerals: self.numerals.union(&next.numerals).copied().collect(),
        }
    }
}

/// How well two paragraphs say the same thing, as far as a translation keeps it.
fn pair(original: &Features, translation: &Features, ratio: f64) -> f64 {
    let expected = original.chars as f64 * ratio;
    let length = 1.0 - 1.5 * (translation.chars as f64 / expected.max(1.0)).ln().abs();
    let kind = if original.kind == translation.kind { 0.3 } else { 0.0 };
    let number = match (&original.number, &translation.number) {
        (Some(a), Some(b)) if a == b => 0.5,
        _ => 0.0,
    };
    length.max(-2.0) + kind + number + numeral_agreement(&original.numerals, &translation.numerals)
}

/// How far the numerals two texts cite agree: +1.5 when they are the same, -1.5 when none is
/// shared, -0.5 when only one text cites any.
fn numeral_agreement(a: &BTreeSet<u32>, b: &BTreeSet<u32>) -> f64 {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => 0.0,
        (false, false) => {
            let shared = a.intersection(b).count() as f64;
            3.0 * shared / a.union(b).count() as f64 - 1.5
        }
        _ => -0.5,
    }
}

/// The numbers a text cites: runs of digits, and Roman numerals in capitals ("XII.").
fn numerals(text: &str) -> BTreeSet<u32> {
    let mut out = BTreeSet::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if let Some(roman) = roman(word) {
            out.insert(roman);
        }
    }
    let mut digits = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !digits.is_empty() {
            out.extend(digits.parse::<u32>().ok());
            digits.clear();
        }
    }
    out
}

/// The value of a Roman numeral in capitals of two letters or more ("XII"), or "I" alone (a
/// lone "L" or "C" is more often an elided article: "L'Assemblée").
fn roman(word: &str) -> Option<u32> {
    if !(word.len() >= 2 || word == "I") || !word.chars().all(|c| "IVXLC".contains(c)) {
        return None;
    }
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 100,
    };
    let values: Vec<u32> = word.chars().map(value).collect();
    let mut total: i64 = 0;
    for (k, v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|next| next > v) {
            total -= i64::from(*v);
        } else {
            total += i64::from(*v);
        }
    }
    u32::try_from(total).ok().filter(|t| *t > 0)
}

/// The translation's length against the original's, over the whole texts.
fn length_ratio(original: &[Passage<'_>], translation: &[Passage<'_>]) -> f64 {
    let total = |side: &[Passage<'_>]| side.iter().map(|p| chars(p.text)).sum::<usize>().max(1);
    total(translation) as f64 / total(original) as f64
}

fn chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// A pair's score as a percentage: about 50 at the cost of skipping both, 100 from 2.5 up.
fn confidence(score: f64) -> u8 {
    let low = 2.0 * SKIP;
    ((score - low) / (2.5 - low) * 50.0 + 50.0).clamp(0.0, 100.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use ParagraphKind::{Operative, Preambular, SectionHeading};

    fn passage(kind: ParagraphKind, text: &str) -> Passage<'_> {
        Passage { kind, number: None, text }
    }

    #[test]
    fn numerals_include_roman_ones_in_capitals() {
        let found: Vec<u32> =
            numerals("Artigo XII. See paragraph 10 of decision 1/CP.21").into_iter().collect();
        assert_eq!(found, [1, 10, 12, 21]);
        assert!(numerals("Il a dit").is_empty());
    }

    #[test]
    fn a_heading_only_one_side_has_is_skipped_and_the_rest_stays_paired() {
        let original = [
            passage(
                Preambular,
                "Recognizing the need for an effective response to climate change,",
            ),
            passage(SectionHeading, "Article 14"),
            passage(
                Operative,
                "The Conference of the Parties shall periodically take stock in 2023;",
            ),
            passage(Operative, "Each Party shall communicate a contribution every five years."),
        ];
        let translation = [
            passage(
                Preambular,
                "Reconociendo la necesidad de una respuesta eficaz al cambio climático,",
            ),
            passage(
                Operative,
                "La Conferencia de las Partes hará periódicamente un balance en 2023;",
            ),
            passage(Operative, "Cada Parte deberá comunicar una contribución cada cinco años."),
        ];
        let found: Vec<Vec<usize>> =
            align(&original, &translation).into_iter().map(|a| a.translation).collect();
        assert_eq!(found, [vec![0], vec![], vec![1], vec![2]]);
    }

    #[test]
    fn a_sentence_the_translation_set_apart_is_joined_to_its_paragraph() {
        let long = "Information submitted by each Party under paragraphs 7 and 9 of this Article shall \
                    undergo a technical expert review. In addition, each Party shall participate in \
                    a facilitative, multilateral consideration of progress.";
        let original = [passage(Operative, long), passage(Operative, "Support shall be provided.")];
        let translation = [
            passage(Operative, "La información que comunique cada Parte conforme a lo solicitado en los \
                                párrafos 7 y 9 del presente artículo se someterá a un examen técnico."),
            passage(Operative, "Además, cada Parte participará en un examen facilitador y multilateral \
                                de los progresos."),
            passage(Operative, "Se prestará apoyo."),
        ];
        let found: Vec<Vec<usize>> =
            align(&original, &translation).into_iter().map(|a| a.translation).collect();
        assert_eq!(found, [vec![0, 1], vec![2]]);
    }
}
