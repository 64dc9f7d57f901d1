//! Step 1, last: a translation of the text that follows it — as a treaty database appends its
//! own language's version after the authentic text, or a bilingual print gives one language
//! version after the other — is set aside, every line of it, with the reason.

use crate::import::SkipReason;
use crate::lexicon;

use super::lines::Line;

/// The fewest paragraphs in a language that make a run of it: a heading or a quoted title in
/// another language is never a translation.
const MIN_RUN: usize = 5;

/// A translation runs about as long as the text: at least this share of the paragraphs
/// before it (in tenths).
const MIN_SHARE_OF_TEXT: usize = 5;

/// At least this share of the paragraphs of the run (in tenths) is in its language; the rest
/// are names, quotations, misread lines.
const MIN_SHARE_IN_LANGUAGE: usize = 9;

/// Marks a translation of the text that follows it: from where the language changes to the
/// end, when that last part reads in one other language for at least [`MIN_RUN`] paragraphs
/// and runs about as long as the text before it, which is mostly in its own language (as many
/// paragraphs again at least: a header in another language before a text is no text). A
/// bilingual document that alternates its languages paragraph by paragraph, a quoted foreign
/// title and an annex in the text's own language after its closing formula all stay.
///
/// The lines between the text's last paragraph in its language and the translation's first
/// stay with the text while they hold more of its function words than of the translation's
/// ("In witness whereof the undersigned …"); from the first that does not (the translation's
/// title, "Artikel 1") they go with the translation.
pub(super) fn mark_translation(lines: &mut [Line]) {
    let read: Vec<(usize, &'static str)> = (0..lines.len())
        .filter(|&i| lines[i].is_content())
        .filter_map(|i| lexicon::language_of(&lines[i].text).map(|language| (i, language)))
        .collect();
    let Some(at) = (1..read.len()).find(|&at| translated_from(&read, at)) else { return };
    let (own, other) = (most_common(&read[..at]), read[at].1);
    let start = (read[at - 1].0 + 1..read[at].0)
        .find(|&i| lines[i].is_content() && !leans_to(&lines[i].text, own, other))
        .unwrap_or(read[at].0);
    for line in lines.iter_mut().skip(start) {
        if line.is_content() {
            line.junk = Some(SkipReason::Translation);
        }
    }
}

/// Whether a line holds more function words of `own` than of `other`.
fn leans_to(text: &str, own: &str, other: &str) -> bool {
    let counts = lexicon::function_words(text);
    let count = |language: &str| counts.iter().find(|(l, _)| *l == language).map_or(0, |c| c.1);
    count(own) > count(other)
}

/// Whether the paragraphs from `at` on (those whose language is told) are a translation of
/// those before.
fn translated_from(read: &[(usize, &'static str)], at: usize) -> bool {
    let (text, run) = read.split_at(at);
    let language = run[0].1;
    if text[at - 1].1 == language {
        return false;
    }
    let in_language = run.iter().filter(|(_, l)| *l == language).count();
    let own = most_common(text);
    let in_own = text.iter().filter(|(_, l)| *l == own).count();
    in_language >= MIN_RUN
        && in_language * 10 >= run.len() * MIN_SHARE_IN_LANGUAGE
        && run.len() * 10 >= text.len() * MIN_SHARE_OF_TEXT
        && own != language
        && in_own >= MIN_RUN
        && in_own * 2 > text.len()
}

/// The language most of the paragraphs are in.
fn most_common(read: &[(usize, &'static str)]) -> &'static str {
    let count = |language: &str| read.iter().filter(|(_, l)| *l == language).count();
    read.iter().map(|(_, l)| *l).max_by_key(|l| count(l)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::import::text::import_text;
    use crate::import::SkipReason;

    const TREATY: &str = "European Cultural Convention\n\n\
        The Governments signatory hereto, being Members of the Council of Europe,\n\n\
        Considering that the aim of the Council of Europe is to achieve a greater unity,\n\n\
        Have agreed as follows:\n\nArticle 1\n\n\
        Each Contracting Party shall take measures to safeguard and to encourage the \
        development of its national contribution to the common heritage of Europe.\n\n\
        Article 2\n\n\
        Each Contracting Party shall encourage the study by its own nationals of the languages \
        and the history of the other Contracting Parties.\n\n\
        Article 3\n\n\
        The Contracting Parties shall consult with one another in order to concert their \
        action in the promotion of cultural activities of European interest.\n\n\
        Article 4\n\n\
        Each Contracting Party shall regard the objects of European cultural value placed \
        under its control as integral parts of the common heritage of Europe.\n\n\
        In witness whereof the undersigned have signed the present Convention.\n\n";

    const DUTCH: &str = "Europees Cultureel Verdrag\n\n\
        De Regeringen welke dit Verdrag hebben ondertekend, Leden van de Raad van Europa,\n\n\
        Overwegende dat het doel van de Raad van Europa is een grotere eenheid tot stand te \
        brengen tussen zijn Leden,\n\nArtikel 1\n\n\
        Iedere Verdragsluitende Partij neemt passende maatregelen om de ontwikkeling van haar \
        eigen bijdrage aan het erfdeel van Europa veilig te stellen.\n\nArtikel 2\n\n\
        Iedere Verdragsluitende Partij zal voor zover mogelijk de studie van de talen van de \
        andere Partijen bij haar eigen onderdanen aanmoedigen.\n\nArtikel 3\n\n\
        De Verdragsluitende Partijen plegen in het kader van de Raad van Europa overleg met \
        elkaar.\n\nArtikel 4\n\n\
        Iedere Verdragsluitende Partij beschouwt de voorwerpen van Europese culturele waarde \
        die onder haar toezicht zijn gesteld als een deel van het erfdeel van Europa.\n\n\
        Ten blijke waarvan de ondergetekenden dit Verdrag hebben ondertekend.\n";

    #[test]
    fn a_translation_following_the_text_is_skipped_but_an_annex_in_its_language_stays() {
        let draft = import_text(&format!("{TREATY}{DUTCH}")).unwrap();
        let last = draft.paragraphs.last().unwrap();
        assert!(last.text.starts_with("In witness whereof"), "{}", last.text);
        let translated = draft.skipped.iter().filter(|s| s.reason == SkipReason::Translation);
        assert_eq!(translated.count(), 12);
        assert_eq!(
            draft.skipped.last().unwrap().text,
            "Ten blijke waarvan de ondergetekenden dit Verdrag hebben ondertekend."
        );

        let annex = "Annex\n\nThe Contracting Parties shall report to the Secretary-General of \
            the Council of Europe on the measures taken.\n";
        let draft = import_text(&format!("{TREATY}{annex}")).unwrap();
        assert!(draft.skipped.iter().all(|s| s.reason != SkipReason::Translation));
        assert!(draft.paragraphs.last().unwrap().text.starts_with("The Contracting Parties"));
    }

    #[test]
    fn paragraphs_quoting_another_language_or_alternating_with_it_are_kept() {
        let quoted = format!(
            "{TREATY}Article 4\n\nThe Parties shall publish the text under the title \
            \"Convenio cultural europeo de los Estados y las Partes\".\n"
        );
        let alternating: String = TREATY
            .split("\n\n")
            .zip(DUTCH.split("\n\n"))
            .map(|(english, dutch)| format!("{english}\n\n{dutch}\n\n"))
            .collect();
        for text in [quoted, alternating] {
            let draft = import_text(&text).unwrap();
            assert!(draft.skipped.iter().all(|s| s.reason != SkipReason::Translation), "{text}");
        }
    }
}
