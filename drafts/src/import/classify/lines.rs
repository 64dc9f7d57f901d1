//! Step 1, clean: each source paragraph becomes a [`Line`], its field codes, image
//! placeholders and page furniture recognized and set aside with the reason.

use crate::import::markdown::{footnote_definition, without_footnote_marks};
use crate::import::{SkipReason, SkippedLine};

use super::front::PREAMBLE_HEADINGS;
use super::matching::starts_with_ci;
use super::numbers::{
    parse_line_marker, roman_value, split_glued_items, split_glued_opening, Marker, Token,
};
use super::{Emphasis, SourceParagraph};
use crate::lexicon;

/// One source paragraph, cleaned: a line, as most of the source is a text's lines.
pub(super) struct Line {
    /// 1-based line (or paragraph) number.
    pub(super) number: usize,
    /// The text as found.
    pub(super) source: String,
    /// Cleaned and whitespace-normalized, without an automatic number; empty for a blank line.
    pub(super) text: String,
    /// The paragraph number the line opens with, typed or automatic.
    pub(super) marker: Option<Marker>,
    /// The text after the marker (the whole text when there is none), normalized.
    pub(super) body: String,
    /// Set when the line is debris or furniture wherever it stands.
    pub(super) junk: Option<SkipReason>,
    /// See [`SourceParagraph::wraps`].
    pub(super) wraps: bool,
    pub(super) emphasis: Option<Emphasis>,
    pub(super) footnotes: Vec<String>,
    /// See [`SourceParagraph::heading`].
    pub(super) heading: bool,
    /// See [`SourceParagraph::table`].
    pub(super) table: bool,
}

impl Line {
    /// Neither blank nor junk.
    pub(super) fn is_content(&self) -> bool {
        self.junk.is_none() && !self.text.is_empty()
    }

    /// Starts in lower case without a number: the rest of a wrapped paragraph.
    pub(super) fn is_wrapped(&self) -> bool {
        self.wraps && self.marker.is_none() && self.body.starts_with(char::is_lowercase)
    }

    /// How many words the line holds.
    pub(super) fn words(&self) -> usize {
        self.text.split(' ').count()
    }

    /// A sentence or more of running text: a report's paragraph, not a header line.
    pub(super) fn is_prose(&self) -> bool {
        self.words() >= 15
    }

    /// The line as reported when skipped: control characters (tabs between cells, field
    /// marks) become spaces.
    pub(super) fn skipped(&self, reason: SkipReason) -> SkippedLine {
        let text: String =
            self.source.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        SkippedLine { line: self.number, text: normalize(&text), reason }
    }
}

/// Splits a preamble run into one paragraph ("The Council, desiring …; considering …;
/// Resolves", a treaty's "The Governments signatory hereto, …, Considering …; Considering
/// …, Have agreed as follows:") where a clause opens with a preambular participle or with the
/// operative verb: the words before the first such clause, which open by naming who speaks,
/// are the opening clause. Each part keeps the source line.
///
/// A clause opens after a comma, a semicolon or a full stop, or where a converter dropped the
/// line break before it and glued its first word to the last of the clause above ("nacional;
/// yConsiderando", "acreditados.Convencidos"). The preamble's heading run into the line
/// ("PREÂMBULO Os Estados …", "PreambleThe member States …") is no part of the opening clause.
fn split_run_in_preamble(paragraph: SourceParagraph) -> Vec<SourceParagraph> {
    let text = after_preamble_heading(&paragraph.text);
    let first_clause = text.find(", ").map_or(text, |at| &text[..=at]);
    let names_who_speaks = lexicon::opening_clause(first_clause);
    let cuts: Vec<usize> = text
        .char_indices()
        .zip(text.chars().skip(1))
        .filter(|&((_, c), next)| {
            matches!(c, ',' | ';' | '.') || (c.is_lowercase() && next.is_uppercase())
        })
        .map(|((at, c), _)| (at + c.len_utf8(), c))
        .filter(|&(at, c)| opens_a_clause(text[at..].trim_start(), c))
        .map(|(at, _)| at)
        .collect();
    if !names_who_speaks || paragraph.number_marker.is_some() {
        return vec![paragraph];
    }
    if cuts.len() < 2 {
        return vec![SourceParagraph { text: text.to_string(), ..paragraph }];
    }
    let bounds = std::iter::once(0)
        .chain(cuts.iter().copied())
        .zip(cuts.iter().copied().chain([text.len()]));
    let parts: Vec<String> = bounds.map(|(from, to)| text[from..to].trim().to_string()).collect();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, text)| SourceParagraph {
            text,
            footnotes: if i == 0 { paragraph.footnotes.clone() } else { Vec::new() },
            wraps: i == 0 && paragraph.wraps,
            ..paragraph.clone()
        })
        .collect()
}

/// The text after a preamble's heading run into its line, when a capital follows it.
fn after_preamble_heading(text: &str) -> &str {
    PREAMBLE_HEADINGS
        .iter()
        .find_map(|heading| {
            let rest = starts_with_ci(text, heading)?.trim_start();
            rest.starts_with(char::is_uppercase).then_some(rest)
        })
        .unwrap_or(text)
}

/// Whether a clause of a run-in preamble starts here, after the character `after`: a
/// preambular participle, the operative verb closing the preamble ("Resolves", "Have agreed as
/// follows:"), or, after a comma or semicolon, an operative verb in lower case, as a decision
/// written as one sentence runs on ("…, noting …, requests the Secretary-General …").
fn opens_a_clause(rest: &str, after: char) -> bool {
    let short_verb =
        rest.split_whitespace().count() <= 2 && lexicon::operative_opener(rest).is_some();
    lexicon::preambular_opener(rest).is_some()
        || lexicon::operative_verb_line(rest)
        || short_verb
        || (matches!(after, ',' | ';') && is_run_on_clause(rest))
}

/// A clause of a decision written as one sentence: in lower case, opening with a participle or
/// an operative verb ("noting that …,", "requests the Secretary-General …").
pub(super) fn is_run_on_clause(text: &str) -> bool {
    text.starts_with(char::is_lowercase)
        && (lexicon::preambular_opener(text).is_some() || lexicon::operative_opener(text).is_some())
}

/// Cleans and classifies every source paragraph.
pub(super) fn read_lines(source: Vec<SourceParagraph>) -> Vec<Line> {
    let mut lines = source
        .into_iter()
        .flat_map(split_run_in_preamble)
        .flat_map(split_glued_opening)
        .scan(0, |last_number, paragraph| Some(split_glued_items(paragraph, last_number)))
        .flatten()
        .map(|paragraph| {
            let cleaned = clean(&without_footnote_marks(&paragraph.text));
            let text = normalize(&cleaned.text);
            let automatic = paragraph.number_marker.filter(|_| !text.is_empty());
            let parsed = match automatic {
                Some(marker) => Some((marker, cleaned.text.clone())),
                None if paragraph.table => None,
                None => parse_line_marker(&cleaned.text).map(|(marker, rest)| {
                    (Marker { list_level: paragraph.list_level, ..marker }, rest)
                }),
            };
            let numbered = parsed.as_ref().is_some_and(|(marker, rest)| {
                rest.trim().is_empty() || matches!(marker.token, Token::Arabic(_))
            });
            let definition = footnote_definition(&paragraph.text).is_some();
            let junk = definition
                .then_some(SkipReason::TitleBlock)
                .or_else(|| junk_reason(&cleaned, &text, numbered))
                .filter(|_| !paragraph.table || text.is_empty());
            let (marker, body) = match parsed {
                Some((marker, rest)) if junk.is_none() => (Some(marker), normalize(&rest)),
                _ => (None, text.clone()),
            };
            Line {
                number: paragraph.number,
                source: paragraph.text,
                text,
                marker,
                body,
                junk,
                wraps: paragraph.wraps,
                emphasis: paragraph.emphasis,
                footnotes: paragraph.footnotes,
                heading: paragraph.heading,
                table: paragraph.table,
            }
        })
        .collect::<Vec<_>>();
    skip_star_notes(&mut lines);
    lines
}

/// A note on the document's symbol or title, marked with asterisks before the draft opens
/// ("A/78/L.102*", "draft decision**"): its text at the page foot ("* Reissued for technical
/// reasons …", "** In order for …", and the lines it wraps onto) is part of the title block.
fn skip_star_notes(lines: &mut [Line]) {
    let mut marks = [false; 4];
    let mut opened = false;
    let mut in_note = false;
    for line in lines {
        let note = star_note(&line.text).is_some_and(|stars| marks[stars]);
        in_note = note || (in_note && line.is_wrapped());
        if in_note {
            line.junk = Some(SkipReason::TitleBlock);
            line.marker = None;
            line.body.clone_from(&line.text);
        }
        opened = opened || lexicon::opening_clause(&line.text);
        for stars in line.source.split_whitespace().filter_map(star_mark).filter(|_| !opened) {
            marks[stars] = true;
        }
    }
}

/// The asterisks closing a word, one to three: "L.102*" → 1, "decision**" → 2.
fn star_mark(word: &str) -> Option<usize> {
    let bare = word.trim_end_matches('*');
    let stars = word.len() - bare.len();
    ((1..=3).contains(&stars) && bare.ends_with(char::is_alphanumeric)).then_some(stars)
}

/// The asterisks a note opens with, one to three, set apart from its text: "** In order …".
fn star_note(text: &str) -> Option<usize> {
    let rest = text.trim_start_matches('*');
    let stars = text.len() - rest.len();
    ((1..=3).contains(&stars) && rest.starts_with(' ')).then_some(stars)
}

/// A line without Word's field instructions and invisible characters.
pub(super) struct Cleaned {
    /// The visible text, tabs kept (a tab after a number marks it as one).
    pub(super) text: String,
    /// Field marks or replacement characters were found.
    pub(super) marks: bool,
    /// Everything visible stood inside fields.
    pub(super) field_only: bool,
}

/// Removes field instructions (`\u{13}` instruction `\u{14}` result `\u{15}`, keeping the
/// result), soft hyphens and zero-width characters; soft line breaks become spaces.
pub(super) fn clean(source: &str) -> Cleaned {
    let mut text = String::with_capacity(source.len());
    let (marks, field_only) = clean_tagged(source.chars().map(|c| (c, ())), |c, ()| text.push(c));
    Cleaned { text, marks, field_only }
}

/// [`clean`] for chars that carry a tag (where they come from): every char kept, or put in the
/// place of one, goes to `keep` with the tag of the char it stands for. Returns whether field
/// marks or replacement characters were found, and whether everything visible stood inside
/// fields.
pub(in crate::import) fn clean_tagged<T>(
    source: impl IntoIterator<Item = (char, T)>,
    mut keep: impl FnMut(char, T),
) -> (bool, bool) {
    let mut fields: Vec<bool> = Vec::new();
    let mut instructions = 0usize;
    let mut marks = false;
    let mut fields_seen = false;
    let mut outside = false;
    for (c, tag) in source {
        match c {
            '\u{13}' => {
                fields.push(true);
                instructions += 1;
                marks = true;
                fields_seen = true;
            }
            '\u{14}' => {
                if let Some(in_instruction) = fields.last_mut().filter(|f| **f) {
                    *in_instruction = false;
                    instructions -= 1;
                }
                marks = true;
            }
            '\u{15}' => {
                if fields.pop() == Some(true) {
                    instructions -= 1;
                }
                marks = true;
            }
            _ if instructions > 0 => {}
            '\u{1}' | char::REPLACEMENT_CHARACTER => {
                marks = true;
                keep(c, tag);
            }
            '\u{1f}' | '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
            | '\u{feff}' => {}
            '\u{1e}' => keep('-', tag),
            '\t' => keep('\t', tag),
            c if c.is_control() || c == '\u{2028}' => keep(' ', tag),
            c => {
                outside |= fields.is_empty() && !c.is_whitespace();
                keep(c, tag);
            }
        }
    }
    (marks, fields_seen && !outside)
}

/// Collapses every run of whitespace (no-break spaces and tabs included) to one space, trims.
pub(in crate::import) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Word field instructions that leave a line of their own when a document is pasted.
const FIELD_KEYWORDS: &[&str] = &[
    "ADVANCE",
    "AUTHOR",
    "AUTONUM",
    "CREATEDATE",
    "DATE",
    "DOCPROPERTY",
    "EMBED",
    "FILENAME",
    "FILESIZE",
    "FORMCHECKBOX",
    "FORMTEXT",
    "HYPERLINK",
    "INCLUDEPICTURE",
    "LINK",
    "LISTNUM",
    "MACROBUTTON",
    "MERGEFORMAT",
    "NOTEREF",
    "NUMPAGES",
    "NUMWORDS",
    "PAGE",
    "PAGEREF",
    "PRINTDATE",
    "REF",
    "SAVEDATE",
    "SECTIONPAGES",
    "SEQ",
    "SHAPE",
    "STYLEREF",
    "SYMBOL",
    "TIME",
    "TOC",
    "USERNAME",
];

/// Why a line is skipped wherever it stands, if it is. A few letters are a fragment unless
/// `numbered`: a number alone, or a paragraph numbered in arabic (typed or automatic).
fn junk_reason(cleaned: &Cleaned, text: &str, numbered: bool) -> Option<SkipReason> {
    if cleaned.field_only {
        return Some(SkipReason::WordDebris);
    }
    let bare = text.trim_matches(|c: char| c == char::REPLACEMENT_CHARACTER || c == '\u{1}');
    let bare = bare.trim();
    if bare.is_empty() {
        return cleaned.marks.then_some(SkipReason::WordDebris);
    }
    if is_field_instruction(bare, cleaned.marks) || is_object_name(bare) || is_image(bare) {
        return Some(SkipReason::WordDebris);
    }
    if is_page_number(bare) || is_print_code(bare) || !bare.chars().any(char::is_alphanumeric) {
        return Some(SkipReason::PageFurniture);
    }
    if is_adoption_note(bare) {
        return Some(SkipReason::TitleBlock);
    }
    let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
    let digits = bare.chars().any(|c| c.is_ascii_digit());
    (letters <= 3 && !digits && !numbered && !ends_a_sentence(bare))
        .then_some(SkipReason::WordDebris)
}

/// A word wrapped alone onto the last line of its sentence: "… report, as appropriate, to
/// the" / "CMA.".
fn ends_a_sentence(text: &str) -> bool {
    let word = text.strip_suffix(['.', ';']).unwrap_or_default();
    word.chars().count() >= 2 && word.chars().all(char::is_uppercase)
}

/// Participles an adoption note opens with, in the four languages.
const ADOPTED: &[&str] =
    &["adopted", "adoptada", "adoptado", "adopté", "adoptée", "adotada", "adotado"];

/// Words naming the resolution an adoption note cites.
const RESOLUTION: &[&str] = &["resolution", "resolución", "résolution", "resolução"];

/// "Adopted and proclaimed by General Assembly resolution 217 A (III) of 10 December 1948",
/// "Adoptada y proclamada por la Asamblea General en su resolución 217 A (III), …": the
/// editor's note on where a text was adopted, part of its title block wherever it stands.
fn is_adoption_note(text: &str) -> bool {
    let words = || text.split(' ').map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let opens = words().next().is_some_and(|w| ADOPTED.contains(&w.to_lowercase().as_str()));
    let cites = words().any(|w| RESOLUTION.contains(&w.to_lowercase().as_str()));
    opens && cites && !text.ends_with([',', ';', ':']) && text.split(' ').count() <= 30
}

/// "EMBED Word.Picture.8", "FILENAME \* MERGEFORMAT": a field instruction left as text.
fn is_field_instruction(text: &str, marks: bool) -> bool {
    let mut words = text.split(' ');
    let Some(first) = words.next() else {
        return false;
    };
    if !FIELD_KEYWORDS.contains(&first) {
        return false;
    }
    marks || matches!(first, "EMBED" | "INCLUDEPICTURE") || text.contains(" \\")
}

/// "_1208779139.doc": the storage name of an embedded object.
fn is_object_name(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('_') else {
        return false;
    };
    let (digits, extension) = rest.split_once('.').unwrap_or((rest, ""));
    digits.len() >= 6
        && digits.bytes().all(|b| b.is_ascii_digit())
        && extension.len() <= 5
        && extension.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// "[image: image1.png]", "[cid:…]": a placeholder for a picture.
fn is_image(text: &str) -> bool {
    ["[image", "[picture", "[graphic", "[imagen", "[cid:", "<image"]
        .iter()
        .any(|prefix| starts_with_ci(text, prefix).is_some())
}

/// The marks a UN document's print run leaves on each page, alone or side by side on one line
/// as a layout extraction gives them ("18-18418 (E) 071118"): see [`is_print_mark`].
pub(super) fn is_print_code(text: &str) -> bool {
    is_print_mark(text)
        || text.split_once(") ").is_some_and(|(job, rest)| {
            is_print_mark(&format!("{job})")) && is_print_code(rest.trim())
        })
}

/// One mark of a UN document's print run: the job number ("18-16895", "18-16895 (E)"), its bar
/// code ("*1816895*") or the print date ("241018").
fn is_print_mark(text: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let job =
        |s: &str| s.split_once('-').is_some_and(|(year, run)| digits(year, 2) && digits(run, 5));
    let (code, language) = text.split_once(' ').unwrap_or((text, ""));
    let language = language.is_empty()
        || language.len() == 3 && language.starts_with('(') && language.ends_with(')');
    (job(code) && language)
        || text
            .strip_prefix('*')
            .and_then(|t| t.strip_suffix('*'))
            .is_some_and(|t| (6..=10).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
        || digits(text, 6)
}

/// "3", "- 3 -", "– ii –", "5/10", "Page 2", "Page 2 of 10", "Página 2 de 10"; not "73/3".
pub(super) fn is_page_number(text: &str) -> bool {
    let dashed = text.starts_with(['-', '–', '—']);
    let core = text.trim_matches(|c: char| matches!(c, '-' | '–' | '—') || c.is_whitespace());
    let number = |s: &str| (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if number(core) || (dashed && roman_value(core, false).is_some()) {
        return true;
    }
    let page_of = core.split_once('/').filter(|(page, of)| number(page) && number(of));
    if page_of.is_some_and(|(page, of)| page.parse::<u32>().ok() <= of.parse::<u32>().ok()) {
        return true;
    }
    ["page", "página", "pág.", "p.", "pg."].iter().any(|prefix| {
        starts_with_ci(core, prefix).is_some_and(|rest| {
            let mut words = rest.split_whitespace();
            let first = words.next().is_some_and(number);
            let of = words.next().is_none_or(|w| ["of", "de", "sur"].contains(&w));
            let total = words.next().is_none_or(number);
            first && of && total && words.next().is_none()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_in(text: &str) -> Vec<String> {
        let paragraph = SourceParagraph { number: 7, text: text.into(), ..Default::default() };
        split_run_in_preamble(paragraph).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn a_preamble_run_into_one_paragraph_is_split_at_its_clauses() {
        assert_eq!(
            run_in("The Council, desiring to prepare; considering that it could not; Resolves"),
            ["The Council,", "desiring to prepare;", "considering that it could not;", "Resolves"]
        );
        assert_eq!(
            run_in(
                "The Governments signatory hereto, being Members, Considering that the aim; \
                    Considering that X,   Have agreed as follows:"
            ),
            [
                "The Governments signatory hereto, being Members,",
                "Considering that the aim;",
                "Considering that X,",
                "Have agreed as follows:"
            ]
        );
    }

    #[test]
    fn a_preamble_run_in_after_its_heading_and_glued_at_its_breaks_is_split_at_its_clauses() {
        assert_eq!(
            run_in(
                "PreambleThe member States of the Council of Europe, signatory hereto,\
                    Considering that the aim is unity;Having regard to Article 10,\
                    Have agreed as follows:"
            ),
            [
                "The member States of the Council of Europe, signatory hereto,",
                "Considering that the aim is unity;",
                "Having regard to Article 10,",
                "Have agreed as follows:"
            ]
        );
        assert_eq!(
            run_in(
                "Los Estados participantes en la Conferencia, por medio de sus representantes \
                    debidamente acreditados.Convencidos que la integración es un proceso;\
                    Inspirados en las tradiciones; yConsiderando que existe.\
                    Han convenido en lo siguiente:"
            ),
            [
                "Los Estados participantes en la Conferencia, por medio de sus representantes \
                    debidamente acreditados.",
                "Convencidos que la integración es un proceso;",
                "Inspirados en las tradiciones; y",
                "Considerando que existe.",
                "Han convenido en lo siguiente:"
            ]
        );
        assert_eq!(
            run_in("PREÂMBULO Os Estados americanos signatários da presente Convenção,"),
            ["Os Estados americanos signatários da presente Convenção,"]
        );
    }

    #[test]
    fn a_paragraph_that_does_not_name_who_speaks_is_not_split() {
        let text = "Recalling its resolution 1, recalling also resolution 2; noting resolution 3,";
        assert_eq!(run_in(text), [text]);
        assert_eq!(run_in("The Council, desiring peace,"), ["The Council, desiring peace,"]);
    }

    #[test]
    fn an_acronym_ending_its_sentence_alone_on_a_line_goes_on_with_the_paragraph() {
        let text = "The Conference of the Parties,\n\n\
            1. Decides that a high-level segment shall be held every year and shall report to the\n\
            CMA.\n\n2. Requests a report.\n";
        let draft = crate::import::import_text(text).unwrap();
        assert!(draft.paragraphs[1].text.ends_with("report to the CMA."), "{:?}", draft.paragraphs);
        assert!(draft.skipped.is_empty(), "{:?}", draft.skipped);
        let debris = |text: &str| {
            let cleaned = Cleaned { text: text.into(), field_only: false, marks: false };
            junk_reason(&cleaned, text, false)
        };
        assert_eq!(debris("ab"), Some(SkipReason::WordDebris));
        assert_eq!(debris("CMA."), None);
    }

    #[test]
    fn a_un_print_runs_marks_are_page_furniture() {
        for mark in ["18-16895 (E)", "18-16895", "*1816895*", "241018", "18-18418 (E) 071118"] {
            assert!(is_print_code(mark), "{mark}");
        }
        for text in ["73/3", "2013-2020", "A/RES/73/3", "1816895", "Resolution 70/1."] {
            assert!(!is_print_code(text), "{text}");
        }
    }

    #[test]
    fn a_note_on_where_a_text_was_adopted_is_part_of_its_title_block() {
        for note in [
            "Adopted and proclaimed by General Assembly resolution 217 A (III) of 10 December 1948",
            "Adotado e proclamado pela Assembleia Geral em sua resolução 217-A (III)",
        ] {
            assert!(is_adoption_note(note), "{note}");
        }
        for text in ["Adopted by consensus,", "Adopts the following resolution:"] {
            assert!(!is_adoption_note(text), "{text}");
        }
    }

    #[test]
    fn page_numbers_out_of_a_total_are_page_numbers_and_resolution_numbers_are_not() {
        assert!(is_page_number("5/10"));
        assert!(is_page_number("67/80"));
        assert!(!is_page_number("73/3"));
        assert!(!is_page_number("A/73/3"));
    }
}
