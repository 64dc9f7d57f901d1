//! Step 3, second half: each joined paragraph's kind (opening clause, preambular, verb
//! line, operative, heading), number and level.

use crate::import::{Confidence, ImportedParagraph, ImportedStatus, SkipReason, SkippedLine};
use crate::lexicon;
use crate::model::{Footnote, NegotiationMeta, ParagraphKind};

use super::blocks::{ends_sentence, Block};
use super::front::{lexical, whole_text_ad_referendum};
use super::lines::Line;
use super::matching::{starts_with_ci, starts_with_word_ci};
use super::numbers::{parse_marker, roman_value, Levels, Marker, Place, Token};
use super::status::{footnote, status_of, take_annotations, Annotation};
use super::Emphasis;

/// The part of the document being read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Section {
    #[default]
    Start,
    Preamble,
    Operative,
}

/// What the reader keeps about a paragraph until the end.
struct Extra {
    annotations: Vec<Annotation>,
    lines: Vec<usize>,
    /// Recognized by its number, its words or an annotation: never debris.
    strong: bool,
    /// How its opening words are set apart.
    emphasis: Option<Emphasis>,
}

/// A paragraph's kind as read: the paragraph it hangs under, whether its kind was recognized
/// rather than guessed (never debris then), and why, for the chair.
struct Reading {
    kind: ParagraphKind,
    parent: Option<usize>,
    recognized: bool,
    reason: String,
    confidence: Confidence,
}

impl Reading {
    fn top(kind: ParagraphKind, confidence: Confidence, reason: impl Into<String>) -> Self {
        let recognized = confidence != Confidence::Unsure;
        Reading { kind, parent: None, recognized, reason: reason.into(), confidence }
    }
}

/// Reads blocks into paragraphs, tracking the section and the open levels of numbering.
#[derive(Default)]
pub(super) struct Reader {
    section: Section,
    /// In a part of the preamble headed "CONSIDERANDO:" or "Whereas:".
    considering: bool,
    levels: Levels,
    paragraphs: Vec<ImportedParagraph>,
    extras: Vec<Extra>,
}

/// Words that open an article's heading: the articles of a treaty or declaration are its
/// operative part, so the first one ends the preamble.
pub(super) const ARTICLE_WORDS: &[&str] = &["article", "artículo", "articulo", "artigo"];

/// Words that open a section heading: "SECTION II", "Chapter 3", "PART ONE", "Article 1".
const SECTION_WORDS: &[&str] = &[
    "article",
    "artículo",
    "articulo",
    "artigo",
    "título",
    "titulo",
    "section",
    "chapter",
    "part",
    "annex",
    "sección",
    "seccion",
    "capítulo",
    "capitulo",
    "parte",
    "anexo",
    "chapitre",
    "partie",
    "annexe",
    "seção",
    "secção",
];

impl Reader {
    /// Reads one block into a paragraph, or into the annotations of the paragraph above.
    pub(super) fn read(
        &mut self,
        block: Block,
        meta: &mut NegotiationMeta,
        skipped: &mut Vec<SkippedLine>,
        lines: &[Line],
    ) {
        let (text, annotations) = take_annotations(&block.text);
        let on_lines = block.lines.iter().flat_map(|&i| &lines[i].footnotes);
        let footnotes = on_lines.chain(&block.notes).map(|t| footnote(t)).collect();
        if text.is_empty() {
            self.annotate_last(block, footnotes, annotations, meta, skipped, lines);
            return;
        }
        let text = without_note_marks(text);
        let emphasis = block
            .lines
            .iter()
            .map(|&i| &lines[i])
            .find(|l| !l.body.is_empty())
            .and_then(|l| l.emphasis);
        let marker = block.marker.as_ref();
        let heading = block.lines.first().is_some_and(|&i| lines[i].heading);
        if marker.is_none() && numbered_article(&text) {
            self.title_the_article();
        }
        let heading = heading || is_heading(marker, &text) || self.titles_an_annex(marker, &text);
        let reading = self.kind_of(marker, &text, emphasis, heading, block.verb_line);
        self.paragraphs.push(ImportedParagraph {
            kind: reading.kind,
            text,
            status: ImportedStatus::Agreed,
            proposers: Vec::new(),
            source_number: marker.map(|m| m.source.clone()).filter(|s| !s.is_empty()),
            parent: reading.parent,
            line: block.lines.first().map_or(0, |&i| lines[i].number),
            footnotes,
            reason: reading.reason,
            confidence: reading.confidence,
        });
        let table = block.lines.first().is_some_and(|&i| lines[i].table);
        let strong = reading.recognized || marker.is_some() || !annotations.is_empty() || table;
        self.extras.push(Extra { annotations, lines: block.lines, strong, emphasis });
    }

    /// Makes the paragraph above an article's number its title when it reads as one: a few
    /// words standing alone, unnumbered, with no closing punctuation ("Composição" / "Artigo
    /// 23. 1. O Conselho …", "Votação" above "Artigo 27."), as a treaty titles its articles.
    fn title_the_article(&mut self) {
        let Some(last) = self.paragraphs.last_mut() else { return };
        let title = matches!(last.kind, ParagraphKind::Operative | ParagraphKind::Preambular)
            && last.source_number.is_none()
            && last.parent.is_none()
            && last.text.split(' ').count() <= MAX_ARTICLE_TITLE_WORDS
            && last.text.starts_with(char::is_uppercase)
            && !ends_sentence(&last.text);
        if title {
            last.kind = ParagraphKind::SectionHeading;
            self.levels.clear();
        }
    }

    /// Whether the paragraph is the title of the annex or article whose bare heading stands
    /// right above it ("Annex" / "Terms of reference for the ad hoc committee …", "Artículo 1" /
    /// "Términos empleados"): unnumbered words, not a sentence.
    fn titles_an_annex(&self, marker: Option<&Marker>, text: &str) -> bool {
        let above = self.paragraphs.last().filter(|p| p.kind == ParagraphKind::SectionHeading);
        let most_words = match above {
            Some(p) if heads_an_annex(&p.text) => MAX_ANNEX_TITLE_WORDS,
            Some(p) if bare_section(&p.text, ARTICLE_WORDS) => MAX_ARTICLE_TITLE_WORDS,
            _ => return false,
        };
        marker.is_none() && text.split(' ').count() <= most_words && !ends_sentence(text)
    }

    /// A block of annotations alone: they belong to the paragraph above, or before any
    /// paragraph to the title block (a whole text agreed ad referendum).
    fn annotate_last(
        &mut self,
        block: Block,
        footnotes: Vec<Footnote>,
        annotations: Vec<Annotation>,
        meta: &mut NegotiationMeta,
        skipped: &mut Vec<SkippedLine>,
        lines: &[Line],
    ) {
        match (self.paragraphs.last_mut(), self.extras.last_mut()) {
            (Some(paragraph), Some(extra)) => {
                paragraph.footnotes.extend(footnotes);
                extra.annotations.extend(annotations);
                extra.lines.extend(block.lines);
                extra.strong = true;
            }
            _ => {
                whole_text_ad_referendum(meta, &annotations);
                let lines = block.lines.iter().map(|&i| lines[i].skipped(SkipReason::TitleBlock));
                skipped.extend(lines);
            }
        }
    }

    /// The kind of the next paragraph and why; the section the reader is in moves on with the
    /// text.
    fn kind_of(
        &mut self,
        marker: Option<&Marker>,
        text: &str,
        emphasis: Option<Emphasis>,
        heading: bool,
        verb_line: bool,
    ) -> Reading {
        let index = self.paragraphs.len();
        if verb_line {
            self.considering = false;
            self.section = Section::Operative;
            self.levels.clear();
            return Reading::top(ParagraphKind::VerbLine, Confidence::Sure, "a verb line");
        }
        if self.section == Section::Start && lexicon::opening_clause(lexical(text)) {
            self.section = Section::Preamble;
            self.enter_at_top(marker, index);
            let reason = "names the body at the start: the opening clause";
            return Reading::top(ParagraphKind::OpeningClause, Confidence::Sure, reason);
        }
        if self.section == Section::Preamble && marker.is_none() && is_enacting(text) {
            // The body named after the preamble (the UDHR's "L'Assemblée générale" above
            // "Proclame …"): the operative part follows.
            self.section = Section::Operative;
            self.levels.clear();
            self.enter_at_top(marker, index);
            let reason = "names the body again after the preamble: the operative part follows";
            return Reading::top(ParagraphKind::OpeningClause, Confidence::Likely, reason);
        }
        if self.section == Section::Operative && self.opens_a_part(marker, text) {
            // A second draft after the first one's heading ("B. DRAFT DECISION" / "The
            // Conference of the Parties,"): its preamble follows.
            self.section = Section::Preamble;
            self.considering = false;
            self.levels.clear();
            self.enter_at_top(marker, index);
            let reason = "names the body under a part's heading: the opening clause of that part";
            return Reading::top(ParagraphKind::OpeningClause, Confidence::Likely, reason);
        }
        if let Some(preamble) = part_heading(text).filter(|_| marker.is_none()) {
            self.levels.clear();
            self.considering = preamble;
            let reason = "heads a part of the text (‘VISTOS:’, ‘CONSIDERANDO:’, ‘Whereas:’)";
            return Reading::top(ParagraphKind::SectionHeading, Confidence::Sure, reason);
        }
        if heading {
            return self.heading(text);
        }
        if let Some(head) = self.announced_by(marker, text) {
            let reason = "follows a numbered paragraph ending with ‘:’";
            let reading = Reading::top(ParagraphKind::SubParagraph, Confidence::Likely, reason);
            return Reading { parent: Some(head), recognized: false, ..reading };
        }
        self.body_kind(marker, text, emphasis, index)
    }

    /// Whether an unnumbered paragraph names the body right under a heading: a new part (a
    /// draft decision after a draft agreement) opens.
    fn opens_a_part(&self, marker: Option<&Marker>, text: &str) -> bool {
        let under_heading =
            self.paragraphs.last().is_some_and(|p| p.kind == ParagraphKind::SectionHeading);
        marker.is_none() && under_heading && is_enacting(text)
    }

    /// A section heading; an article's heading ends the preamble. An editor's sub-heading in
    /// braces stands inside the list it heads, whose numbering runs on.
    fn heading(&mut self, text: &str) -> Reading {
        if is_braced(text) {
            let reason = "an editor's sub-heading or note in braces";
            return Reading::top(ParagraphKind::SectionHeading, Confidence::Likely, reason);
        }
        self.levels.clear();
        if ARTICLE_WORDS.iter().any(|w| starts_with_word_ci(text, w).is_some()) {
            self.section = Section::Operative;
        }
        let word = SECTION_WORDS.iter().find(|w| starts_with_word_ci(text, w).is_some());
        let reading = match word {
            Some(_) => {
                let reason = format!(
                    "a heading opening with ‘{}’",
                    text.split(' ').next().unwrap_or_default()
                );
                Reading::top(ParagraphKind::SectionHeading, Confidence::Sure, reason)
            }
            None => {
                let reason = "a short line in capitals or numbered as a heading";
                Reading::top(ParagraphKind::SectionHeading, Confidence::Likely, reason)
            }
        };
        Reading { recognized: word.is_some(), ..reading }
    }

    fn enter_at_top(&mut self, marker: Option<&Marker>, index: usize) {
        let place = self.levels.place(marker);
        self.levels.enter(Place { depth: 0, ..place }, index);
    }

    /// A paragraph of the body: at the top level preambular or operative as its words say (the
    /// first operative one ends the preamble), below it a sub-paragraph of the one above.
    fn body_kind(
        &mut self,
        marker: Option<&Marker>,
        text: &str,
        emphasis: Option<Emphasis>,
        index: usize,
    ) -> Reading {
        let mut place = self.levels.place(marker);
        let mut reading = if place.depth == 0 {
            let reading = self.top_level_kind(marker, text, emphasis);
            if reading.kind == ParagraphKind::Operative && self.section != Section::Operative {
                self.section = Section::Operative;
                self.levels.clear();
                place = self.levels.place(marker);
            } else if self.section == Section::Start {
                self.section = Section::Preamble;
            }
            reading
        } else {
            let number = marker.map_or(String::new(), |m| m.source.clone());
            let reason = format!("numbered ‘{number}’ under the paragraph above");
            Reading {
                recognized: false,
                ..Reading::top(ParagraphKind::SubParagraph, Confidence::Sure, reason)
            }
        };
        reading.parent = self.levels.parent(place.depth);
        self.levels.enter(place, index);
        reading
    }

    /// The numbered operative paragraph whose closing colon announces this unnumbered one, as
    /// its part ("1. DECIDES … on the following conditions:" / "Tajikistan shall pay …"); a
    /// paragraph opening with its own operative verb stands on its own.
    fn announced_by(&self, marker: Option<&Marker>, text: &str) -> Option<usize> {
        if marker.is_some()
            || self.section != Section::Operative
            || lexicon::operative_opener(lexical(text)).is_some()
        {
            return None;
        }
        let last = self.paragraphs.len().checked_sub(1)?;
        let head = match self.paragraphs[last].kind {
            ParagraphKind::Operative => last,
            ParagraphKind::SubParagraph if self.paragraphs[last].source_number.is_none() => {
                self.paragraphs[last].parent?
            }
            _ => return None,
        };
        let paragraph = &self.paragraphs[head];
        let announces = paragraph.kind == ParagraphKind::Operative
            && paragraph.source_number.is_some()
            && paragraph.text.ends_with(':');
        announces.then_some(head)
    }

    /// The kind of a top-level paragraph, and what said so: its label, number, words or
    /// emphasis; opening words in italics or bold open a paragraph of the part being read. A
    /// paragraph opening with an article's number is operative, as the articles of a treaty are
    /// its operative part, though a converter ran the number into the article's text.
    fn top_level_kind(
        &self,
        marker: Option<&Marker>,
        text: &str,
        emphasis: Option<Emphasis>,
    ) -> Reading {
        use {Confidence::*, ParagraphKind::*};
        if let Some((kind, m)) = marker.and_then(|m| m.label.map(|kind| (kind, m))) {
            return Reading::top(kind, Sure, format!("labelled ‘{}’", m.source));
        }
        if self.considering {
            return Reading::top(Preambular, Sure, "under a heading of the preamble (‘VISTOS:’)");
        }
        let words = lexical(text);
        let verb = lexicon::operative_opener(words).map(|end| opening(words, end));
        if self.section == Section::Operative {
            return in_operative_part(verb.as_deref(), marker, emphasis);
        }
        if let Some(end) = lexicon::preambular_opener(words) {
            let reason = format!("opens with the participle ‘{}’", opening(words, end));
            return Reading::top(Preambular, Sure, reason);
        }
        if numbered_article(words) {
            // "Artigo 2. A Organização …": an article, run into its text, is operative.
            return Reading::top(Operative, Sure, "opens with an article's number");
        }
        let restart = self.section == Section::Preamble
            && self.levels.last_top_number() > 1
            && marker.is_some_and(|m| m.token == Token::Arabic(1));
        if let Some(verb) = verb {
            return Reading::top(
                Operative,
                Sure,
                format!("opens with the operative words ‘{verb}’"),
            );
        }
        if lexicon::body_then_operative(words) {
            return Reading::top(Operative, Sure, "names the body, then an operative verb");
        }
        if restart {
            return Reading::top(
                Operative,
                Likely,
                "numbering starts again at 1: the operative part",
            );
        }
        match emphasis {
            Some(_) => Reading::top(
                Preambular,
                Likely,
                "opening words set apart: taken as preambular by position",
            ),
            None => {
                let numbered =
                    marker.map_or(String::new(), |m| format!("numbered ‘{}’, ", m.source));
                let reason = format!(
                    "{numbered}no opening words recognised: taken as preambular by position"
                );
                Reading::top(Preambular, Unsure, reason)
            }
        }
    }

    /// Drops debris after the last paragraph, sets the statuses and returns the paragraphs
    /// with the emphasis of their opening words.
    pub(super) fn finish(
        mut self,
        lines: &[Line],
        skipped: &mut Vec<SkippedLine>,
    ) -> (Vec<ImportedParagraph>, Vec<Option<Emphasis>>) {
        while let (Some(paragraph), Some(extra)) = (self.paragraphs.last(), self.extras.last()) {
            if extra.strong || !is_fragmentary(&paragraph.text) {
                break;
            }
            let words = paragraph.text.chars().any(char::is_lowercase);
            let closing = records_adoption(&paragraph.text) || signs(&paragraph.text);
            let reason =
                if words && !closing { SkipReason::WordDebris } else { SkipReason::PageFurniture };
            skipped.extend(extra.lines.iter().map(|&i| lines[i].skipped(reason)));
            self.paragraphs.pop();
            self.extras.pop();
        }
        for (paragraph, extra) in self.paragraphs.iter_mut().zip(&self.extras) {
            (paragraph.status, paragraph.proposers) =
                status_of(&paragraph.text, &extra.annotations);
        }
        let emphasis = self.extras.iter().map(|extra| extra.emphasis).collect();
        (self.paragraphs, emphasis)
    }
}

/// Words of the record of a text's adoption that closes it: "18th plenary meeting",
/// "[Adopted without a vote] 21st meeting".
const ADOPTION_WORDS: &[&str] =
    &["meeting", "adopted", "sesión", "séance", "sessão", "reunión", "réunion", "reunião"];

/// The most words of a date on a line of its own.
const MAX_DATE_WORDS: usize = 5;

/// The record of the text's adoption, page furniture like a page's foot: its meeting, "[Adopted
/// without a vote]", its date ("10 October 2018", "28 de julio de 1991").
fn records_adoption(text: &str) -> bool {
    let words: Vec<String> = text
        .split(' ')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .collect();
    let digits = |w: &String, n: std::ops::RangeInclusive<usize>| {
        n.contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    };
    let date = words.len() <= MAX_DATE_WORDS
        && words.first().is_some_and(|w| digits(w, 1..=2))
        && words.last().is_some_and(|w| digits(w, 4..=4));
    date || words.iter().any(|w| ADOPTION_WORDS.contains(&w.as_str()))
}

/// Titles standing alone under a signature.
const SIGNATURE_TITLES: &[&str] = &[
    "president",
    "presidente",
    "presidenta",
    "président",
    "présidente",
    "secretary",
    "secretario",
    "secretaria",
    "secrétaire",
    "secretário",
    "secretária",
    "chair",
    "judge",
    "juez",
    "jueza",
    "juge",
];

/// A line of the signature block closing a judgment or an adopted text, page furniture like
/// a page's foot: a name, every word capitalized ("Julio A. Barberis", "Fix-Zamudio"), or a
/// title alone ("Presidente").
fn signs(text: &str) -> bool {
    let name_like = |word: &str| {
        let mut chars = word.chars();
        let capital = chars.next().is_some_and(char::is_uppercase);
        let rest = chars.as_str();
        let lower = !rest.is_empty() && rest.chars().all(char::is_lowercase);
        capital && (rest == "." || lower)
    };
    let words: Vec<&str> = text.split(' ').collect();
    match words[..] {
        [title] => SIGNATURE_TITLES.contains(&title.to_lowercase().as_str()),
        _ => words.iter().all(|w| w.split('-').all(name_like)),
    }
}

/// The opening words the lexicon matched: the first `end` characters of `text`.
fn opening(text: &str, end: usize) -> String {
    text.chars().take(end).collect()
}

/// Words that head an annex.
const ANNEX_WORDS: &[&str] = &["annex", "anexo", "annexe"];

/// The most words of an annex's title.
const MAX_ANNEX_TITLE_WORDS: usize = 25;

/// A heading of one of `words` alone, or with its number: "Annex", "ANNEX II", "Anexo 1",
/// "Article premier".
/// An annex's heading, in brackets too when the whole annex is: "Annex", "ANNEX II", "[Annex I".
pub(super) fn heads_an_annex(text: &str) -> bool {
    bare_section(text.trim_start_matches('['), ANNEX_WORDS)
}

fn bare_section(text: &str, words: &[&str]) -> bool {
    let Some(rest) = words.iter().find_map(|w| starts_with_word_ci(text, w)) else {
        return false;
    };
    let number = rest.trim().trim_end_matches('.');
    number.is_empty()
        || number.bytes().all(|b| b.is_ascii_digit())
        || roman_value(number, true).is_some()
        || FIRST_OR_ONLY.contains(&number.to_lowercase().as_str())
}

/// How a text numbers its first or only article in words: "Article premier", "Artículo único".
const FIRST_OR_ONLY: &[&str] = &["premier", "primero", "primeiro", "único", "unique"];

/// The most words of an article's title on the line above its number.
const MAX_ARTICLE_TITLE_WORDS: usize = 5;

/// The most digits of a footnote number.
const MAX_MARK_DIGITS: usize = 3;

/// The most digits of a footnote number glued to the comma or full stop that closes the
/// paragraph ("… of UNISPACE+50,1", "… the Agenda.2").
const MAX_CLOSING_MARK_DIGITS: usize = 2;

/// The text without the footnote numbers a PDF's extraction glues to the punctuation before
/// them ("URGES Member States:2", "2013–2020;2", "“The future we want”,2 which", "[2019];]1"):
/// a number right after a semicolon or a closing bracket, or after a colon, comma or closing quote that follows a word,
/// then a space or the end; or closing the paragraph after its last comma, or after the full
/// stop of a sentence ("UNISPACE+50,1", "the Agenda.2"). "10:30", "1,000", "3.1" and
/// "1/CP.17" keep theirs.
fn without_note_marks(text: &str) -> String {
    let text = without_closing_mark(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        out.push(chars[i]);
        let digits = chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        let end = i + 1 + digits;
        let ends = chars.get(end).is_none_or(|c| c.is_whitespace());
        let after_word = i > 0 && !chars[i - 1].is_ascii_digit() && chars[i - 1] != ' ';
        let closes = end == chars.len() && digits <= MAX_CLOSING_MARK_DIGITS;
        let mark = match chars[i] {
            ';' | ']' => true,
            ',' => after_word || closes,
            ':' | '”' | '’' => after_word,
            '.' => closes && ends_a_word(&chars[..i]),
            _ => false,
        };
        i += 1;
        if mark && (1..=MAX_MARK_DIGITS).contains(&digits) && ends {
            i = end;
        }
    }
    out
}

/// Whether `chars` end with a word of letters, some in lower case ("… the Agenda"), not a
/// symbol ("1/CP", "II").
fn ends_a_word(chars: &[char]) -> bool {
    let word = chars.iter().rev().take_while(|c| !c.is_whitespace());
    let (mut letters, mut lower) = (true, false);
    for c in word {
        letters &= c.is_alphabetic();
        lower |= c.is_lowercase();
    }
    letters && lower
}

/// The text without a footnote number set apart after its closing punctuation: "… resolution
/// 72/4; 1", "… the International Criminal Court, 2".
fn without_closing_mark(text: &str) -> &str {
    let Some((before, number)) = text.rsplit_once(' ') else { return text };
    let mark = (1..=MAX_MARK_DIGITS).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
        && before.ends_with([';', ',', ':', '.']);
    if mark {
        before
    } else {
        text
    }
}

/// Words that, alone before a colon, head a part of a preamble in the Latin American, French
/// and European styles: "VISTOS:", "CONSIDERANDO:" (its paragraphs "Que, …" are
/// considerations, preambular whatever their words), "Whereas:".
const PREAMBLE_PARTS: &[&str] = &[
    "vistos",
    "visto",
    "resultando",
    "considerando",
    "considerandos",
    "whereas",
    "vu",
    "considérant",
    "considérants",
    "tendo em vista",
];

/// Words that, alone before a colon, close the preamble: "POR TANTO:" before the body is named
/// again over its verb line.
const CLOSING_PARTS: &[&str] = &["por tanto", "por lo tanto", "por consiguiente", "par ces motifs"];

/// A part's heading standing alone ("VISTOS:", "CONSIDÉRANT :", "Whereas:", "POR TANTO:"):
/// whether it heads a part of the preamble.
fn part_heading(text: &str) -> Option<bool> {
    let words = text.trim().strip_suffix(':')?.trim_end();
    let is =
        |parts: &[&str]| parts.iter().any(|p| starts_with_ci(words, p).is_some_and(str::is_empty));
    if is(PREAMBLE_PARTS) {
        Some(true)
    } else {
        is(CLOSING_PARTS).then_some(false)
    }
}

/// The most words of a body's name standing alone as the enacting formula.
const MAX_ENACTING_WORDS: usize = 12;

/// A body's name standing alone, no sentence after it: "La Asamblea General", "The
/// Conference of the Parties,".
fn is_enacting(text: &str) -> bool {
    let text = lexical(text);
    lexicon::opening_clause(text)
        && text.split(' ').count() <= MAX_ENACTING_WORDS
        && !text.contains(['.', ';', ':'])
        && lexicon::preambular_opener(text).is_none()
}

/// A short heading: "I. GENERAL PRINCIPLES", "A. Prevention", "SECTION II", "PREVENTION",
/// "Annex", or an unnumbered line wholly in braces.
pub(super) fn is_heading(marker: Option<&Marker>, text: &str) -> bool {
    if marker.is_none() && is_braced(text) {
        return true;
    }
    let longest = longest_alternative(text);
    let words = longest.split(' ').count();
    let long = (words > 12 || longest.len() > 120) && !numbered_article(text);
    let bare_article = words <= 2 && numbered_article(text);
    if long || (text.ends_with(['.', ';', ',', ':']) && !bare_article) {
        return false;
    }
    match marker.map(|m| m.token) {
        None => {
            let capitals = !text.chars().any(char::is_lowercase)
                && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && lexicon::preambular_opener(text).is_none();
            let section = (2..=8).contains(&words)
                && SECTION_WORDS.iter().any(|w| starts_with_word_ci(text, w).is_some());
            capitals || section || numbered_article(text) || heads_an_annex(text)
        }
        Some(
            Token::Roman { upper: true, .. }
            | Token::Letter { upper: true, .. }
            | Token::LetterOrRoman { upper: true, .. },
        ) => true,
        Some(_) => false,
    }
}

/// The longest of the wordings a line offers in brackets side by side ("[Further guidance on
/// initial reports] [Additional upfront information …]"), the line itself when it offers none:
/// a heading offering two wordings is as short as the longer of them.
fn longest_alternative(text: &str) -> &str {
    let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else {
        return text;
    };
    let wordings = inner.split("] [").flat_map(|part| part.split("]["));
    wordings.max_by_key(|w| w.split(' ').count()).unwrap_or(text)
}

/// A top-level paragraph once the operative part has begun: operative, and how sure that is.
fn in_operative_part(
    verb: Option<&str>,
    marker: Option<&Marker>,
    emphasis: Option<Emphasis>,
) -> Reading {
    use {Confidence::*, ParagraphKind::Operative};
    match (verb, marker, emphasis) {
        (Some(verb), ..) => {
            Reading::top(Operative, Sure, format!("opens with the operative words ‘{verb}’"))
        }
        (None, Some(m), _) => {
            Reading::top(Operative, Sure, format!("numbered ‘{}’ in the operative part", m.source))
        }
        (None, None, Some(_)) => {
            Reading::top(Operative, Likely, "opening words set apart in the operative part")
        }
        (None, None, None) => {
            let reason = "follows the operative part, no verb recognised: taken as operative by \
                          position";
            Reading { recognized: false, ..Reading::top(Operative, Likely, reason) }
        }
    }
}

/// A line wholly in braces, as UNFCCC texts set their editors' sub-headings and notes apart:
/// "{Tracking arrangements}", "{End of options}", "{This section combines …}".
fn is_braced(text: &str) -> bool {
    text.starts_with('{') && text.ends_with('}') && text.matches('{').count() == 1
}

/// An article's heading with its number (arabic or roman) and title, however long the title:
/// "ARTIGO 14 - Proteção dos Bens Indispensáveis à Sobrevivência da População Civil", "Article
/// 6", "Artigo XII.", or run into its first numbered paragraph ("Artigo 23. 1. O Conselho …");
/// not a sentence about an article ("Article 7 of the Constitution applies").
pub(super) fn numbered_article(text: &str) -> bool {
    let Some(rest) = ARTICLE_WORDS.iter().find_map(|w| starts_with_word_ci(text, w)) else {
        return false;
    };
    let mut words = rest.split_whitespace();
    let number = words.next().unwrap_or_default().trim_end_matches(['.', 'º', '°', 'o']);
    let titled = words.next().is_none_or(|w| {
        w.starts_with(['-', '–', '—', ':'])
            || w.trim_start_matches('(').starts_with(char::is_uppercase)
            || parse_marker(w).is_some_and(|(m, _)| matches!(m.token, Token::Arabic(1)))
    });
    let arabic = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    (arabic || roman_value(number, true).is_some()) && titled
}

/// Too little to be a paragraph when nothing else recognizes it: a few words, a line in
/// capitals, or words without an end.
fn is_fragmentary(text: &str) -> bool {
    text.split(' ').count() < 4 || !text.chars().any(char::is_lowercase) || !ends_sentence(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnote_numbers_glued_to_punctuation_are_left_out() {
        for (text, without) in [
            ("URGES Member States:2", "URGES Member States:"),
            ("diseases 2013–2020;2", "diseases 2013–2020;"),
            (
                "entitled “The future we want”,2 which commits",
                "entitled “The future we want”, which commits",
            ),
            ("Non-communicable Diseases,1 which", "Non-communicable Diseases, which"),
            (
                "at 10:30 and 1,000 people, Article 3.1 applies",
                "at 10:30 and 1,000 people, Article 3.1 applies",
            ),
            ("resolution 70/1. 2. Decides", "resolution 70/1. 2. Decides"),
            (
                "on the implementation of resolution 72/4; 1",
                "on the implementation of resolution 72/4;",
            ),
            ("as set out in paragraphs 3, 4.", "as set out in paragraphs 3, 4."),
            ("the priorities of HARBOUR+40,1", "the priorities of HARBOUR+40,"),
            ("decides to act on the Agenda.2", "decides to act on the Agenda."),
            ("as in Article 3.1", "as in Article 3.1"),
            ("as in annex II.2", "as in annex II.2"),
            ("amounts of 1,500", "amounts of 1,500"),
            ("decisions 1/CP.17, 2/CP.18 and 1/CP.19", "decisions 1/CP.17, 2/CP.18 and 1/CP.19"),
            ("in [2018][2019];]1", "in [2018][2019];]"),
            ("[WORKSTREAM 2]4", "[WORKSTREAM 2]"),
        ] {
            assert_eq!(without_note_marks(text), without, "{text}");
        }
    }

    #[test]
    fn a_second_draft_under_its_heading_opens_with_its_own_opening_clause_and_preamble() {
        let text = "A. DRAFT AGREEMENT\n\nThe Parties to this Agreement,\n\n\
            Recalling the Convention,\n\nHave agreed as follows:\n\nArticle 1\n\n\
            1. Parties shall act.\n\nB. DRAFT DECISION\n\n[ The Conference of the Parties,\n\n\
            Recalling its decision,\n\n1. Decides to adopt the Agreement. ]\n";
        let draft = crate::import::import_text(text).unwrap();
        let kinds: Vec<ParagraphKind> = draft.paragraphs.iter().map(|p| p.kind).collect();
        use ParagraphKind::*;
        assert_eq!(
            kinds,
            [
                OpeningClause,
                Preambular,
                VerbLine,
                SectionHeading,
                Operative,
                SectionHeading,
                OpeningClause,
                Preambular,
                Operative
            ]
        );
        let bracketed = |p: &ImportedParagraph| p.status == ImportedStatus::Bracketed;
        assert!(draft.paragraphs[6..].iter().all(bracketed), "{:?}", draft.paragraphs);
    }

    #[test]
    fn the_parts_of_a_latin_american_resolution_are_headings_and_its_considerations_preambular() {
        let text = "EL CONSEJO PERMANENTE,\n\nVISTOS:\n\n1. La solicitud del Gobierno;\n\n\
            2. El informe de la Secretaría.\n\nCONSIDERANDO:\n\n1. Que, según la Carta, el \
            Consejo es competente;\n\n2. Que el plazo ha vencido;\n\nPOR TANTO:\n\n\
            EL CONSEJO PERMANENTE,\n\nRESUELVE:\n\n1. Convocar una sesión.\n\n\
            2. Informar a la Asamblea.\n";
        let draft = crate::import::import_text(text).unwrap();
        use ParagraphKind::*;
        let kinds: Vec<_> = draft.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                OpeningClause,
                SectionHeading,
                Preambular,
                Preambular,
                SectionHeading,
                Preambular,
                Preambular,
                SectionHeading,
                OpeningClause,
                VerbLine,
                Operative,
                Operative
            ]
        );
        for heading in ["CONSIDÉRANT :", "Whereas:", "Vistos:"] {
            assert_eq!(part_heading(heading), Some(true), "{heading}");
        }
        for sentence in ["CONSIDERANDO que la paz:", "VISTOS", "Whereas the Parties:"] {
            assert_eq!(part_heading(sentence), None, "{sentence}");
        }
    }

    #[test]
    fn the_record_of_adoption_and_the_signatures_closing_a_text_are_page_furniture() {
        let text = "The Council,\n\nRecalling its resolution 5/1,\n\n1. Decides to act.\n\n\
            [Adopted without a vote]\n\n12th meeting\n\n3 March 2021\n\nAna M. Pérez-Ruiz\n\n\
            Presidenta\n\nSome words left\n";
        let draft = crate::import::import_text(text).unwrap();
        let reasons: Vec<_> = draft.skipped.iter().map(|s| (s.text.as_str(), s.reason)).collect();
        assert_eq!(
            reasons,
            [
                ("[Adopted without a vote]", SkipReason::PageFurniture),
                ("12th meeting", SkipReason::PageFurniture),
                ("3 March 2021", SkipReason::PageFurniture),
                ("Ana M. Pérez-Ruiz", SkipReason::PageFurniture),
                ("Presidenta", SkipReason::PageFurniture),
                ("Some words left", SkipReason::WordDebris),
            ]
        );
    }

    #[test]
    fn a_paragraph_announced_by_a_colon_is_part_of_it() {
        let text = "The Assembly,\n\nNoting the request,\n\n1. DECIDES to allow it on the \
            following conditions:\n\nthe arrears shall be paid over 10 years;\n\n\
            2. REQUESTS a report;\n\nDecides also to act.\n";
        let draft = crate::import::import_text(text).unwrap();
        let read: Vec<(ParagraphKind, Option<usize>)> =
            draft.paragraphs.iter().map(|p| (p.kind, p.parent)).collect();
        assert_eq!(
            read[2..],
            [
                (ParagraphKind::Operative, None),
                (ParagraphKind::SubParagraph, Some(2)),
                (ParagraphKind::Operative, None),
                (ParagraphKind::Operative, None),
            ]
        );
    }

    #[test]
    fn an_editors_sub_heading_in_braces_heads_part_of_a_list_whose_numbering_runs_on() {
        let text = "The Conference of the Parties,\n\
            1. Decides that the report shall include:\n\
            (a) The date of the authorization;\n\
            {Tracking arrangements}\n\
            (b) The registries of the Parties, as applicable;\n\
            {This section combines the previous sections, as an alternative to them}\n\
            2. Requests the secretariat to report.\n";
        let draft = crate::import::import_text(text).unwrap();
        let read: Vec<_> = draft
            .paragraphs
            .iter()
            .map(|p| (p.kind, p.source_number.as_deref(), p.parent))
            .collect();
        use ParagraphKind::{OpeningClause, Operative, SectionHeading, SubParagraph};
        assert_eq!(
            read,
            [
                (OpeningClause, None, None),
                (Operative, Some("1"), None),
                (SubParagraph, Some("(a)"), Some(1)),
                (SectionHeading, None, None),
                (SubParagraph, Some("(b)"), Some(1)),
                (SectionHeading, None, None),
                (Operative, Some("2"), None),
            ]
        );
        assert!(!is_heading(Some(&parse_marker("90.").unwrap().0), "{integrated into section I}"));
    }

    #[test]
    fn a_chapter_heading_offering_two_wordings_in_brackets_is_a_heading() {
        let roman = parse_marker("II.").unwrap().0;
        let two = "[Further guidance on the initial reports of the Parties] [Additional upfront \
            information on the implementation of the elements of the guidance]";
        assert!(is_heading(Some(&roman), two));
        let one = "[Further guidance on the initial reports of the Parties and additional upfront \
            information on the implementation of the elements of the guidance]";
        assert!(!is_heading(Some(&roman), one));
    }

    #[test]
    fn an_article_heading_is_a_heading_however_long_its_title() {
        let long =
            "ARTIGO 14 - Proteção dos Bens Indispensáveis à Sobrevivência da População Civil";
        assert!(is_heading(None, long));
        assert!(is_heading(None, "Artigo 1.º"));
        assert!(is_heading(None, "Artigo XII."));
        assert!(!is_heading(None, "Article 7 of the Constitution shall apply to all of them"));
        let bracketed =
            "Article 16 (SIGNATURE AND INSTRUMENTS OF RATIFICATION, ACCEPTANCE, APPROVAL)";
        assert!(is_heading(None, bracketed));
        assert!(!is_heading(None, "Article 3 (a) and (b) shall apply to all of them"));
    }

    #[test]
    fn an_annex_heading_alone_and_the_title_below_it_are_headings() {
        let text = "The Conference of the Parties,\n\nRecalling the Agreement,\n\n\
            1. Decides to establish an ad hoc committee.\n\n\
            Annex\n\n\
            Terms of reference for the ad hoc committee\n\n\
            1. The ad hoc committee shall assist in the operationalization of the fund.\n";
        let draft = crate::import::import_text(text).unwrap();
        let kinds: Vec<_> = draft.paragraphs.iter().map(|p| p.kind).collect();
        use ParagraphKind::{OpeningClause, Operative, Preambular, SectionHeading};
        assert_eq!(
            kinds,
            [OpeningClause, Preambular, Operative, SectionHeading, SectionHeading, Operative]
        );
        assert!(bare_section("ANNEX II", ANNEX_WORDS));
        assert!(heads_an_annex("[Annex I"));
        assert!(!bare_section("Annexes to this Agreement shall form part of it", ANNEX_WORDS));
    }

    #[test]
    fn a_few_words_below_a_bare_article_heading_are_its_title() {
        let text = "Les Parties au présent Accord,\n\nReconnaissant la nécessité d'agir,\n\n\
            Sont convenues de ce qui suit :\n\nArticle premier\n\nEmploi des termes\n\n\
            Aux fins du présent Accord, on entend par « Convention » la Convention.\n";
        let draft = crate::import::import_text(text).unwrap();
        let kinds: Vec<_> = draft.paragraphs.iter().map(|p| p.kind).collect();
        use ParagraphKind::{OpeningClause, Operative, Preambular, SectionHeading, VerbLine};
        assert_eq!(
            kinds,
            [OpeningClause, Preambular, VerbLine, SectionHeading, SectionHeading, Operative]
        );
        assert!(bare_section("Artículo único", ARTICLE_WORDS));
    }

    #[test]
    fn a_few_words_above_an_article_are_its_title() {
        let text = "Artigo 22. A Assembléia Geral poderá estabelecer os órgãos subsidiários.\n\n\
            Composição\n\n\
            Artigo 23. 1. O Conselho de Segurança será composto de quinze Membros.\n\n\
            2. Os membros não permanentes serão eleitos por um período de dois anos.\n\n\
            Os membros que saem não serão reeleitos\n\n\
            3. Cada Membro do Conselho de Segurança terá um representante.\n";
        let draft = crate::import::import_text(text).unwrap();
        let kinds: Vec<_> = draft.paragraphs.iter().map(|p| p.kind).collect();
        use ParagraphKind::{Operative, SectionHeading};
        assert_eq!(kinds, [Operative, SectionHeading, Operative, Operative, Operative, Operative]);
        assert!(numbered_article("Artigo 23. 1. O Conselho de Segurança será composto"));
    }

    #[test]
    fn articles_run_into_their_text_are_operative_and_start_a_text_without_a_preamble() {
        let text = "Promulga a Carta das Nações Unidas, assinada em São Francisco.\n\n\
            Artigo 1. Os propósitos das Nações Unidas são:\n\n\
            1. Manter a paz e a segurança internacionais;\n\n\
            2. Desenvolver relações amistosas entre as nações.\n\n\
            Artigo 2. A Organização e seus Membros agirão de acordo com os seguintes Princípios:\n\n\
            1. A Organização é baseada no princípio da igualdade de todos os seus Membros.\n";
        let draft = crate::import::import_text(text).unwrap();
        let kinds: Vec<_> = draft.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [ParagraphKind::Operative; 5]);
        assert!(draft.paragraphs[0].text.starts_with("Artigo 1. Os propósitos"));
    }
}
