//! Step 3, first half: lines joined into paragraphs — hard-wrapped lines and page breaks
//! rejoined, running headers set aside, and a PDF's page foot read as footnotes ([`notes`]).
//!
//! [`notes`]: super::notes

use crate::import::{SkipReason, SkippedLine};
use crate::lexicon;
use std::collections::{HashMap, VecDeque};

use super::front::{adopted_title_lines, is_title, starts_paragraph};
use super::lines::{is_run_on_clause, Line};
use super::matching::starts_with_word_ci;
use super::notes::PageNotes;
use super::numbers::Marker;
use super::paragraphs::{is_heading, numbered_article};
use super::status::take_annotations;

/// The text of one paragraph before it is classified: one line or several joined.
pub(super) struct Block {
    /// Indices of its lines.
    pub(super) lines: Vec<usize>,
    pub(super) marker: Option<Marker>,
    pub(super) text: String,
    /// Chars of the last line joined, for telling wrapped lines from short paragraphs.
    pub(super) last_len: usize,
    pub(super) verb_line: bool,
    /// Footnote bodies found in the text (a PDF's page foot) that refer to this paragraph.
    pub(super) notes: Vec<String>,
}

/// Joins the lines from `first` on into blocks; junk and running headers are skipped.
pub(super) fn build_blocks(
    lines: &[Line],
    first: usize,
    repeated: &HashMap<String, usize>,
    skipped: &mut Vec<SkippedLine>,
) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut gap = false;
    let mut page_break = false;
    let mut held = HeldLabels::default();
    let mut notes = PageNotes::new(&lines[..first]);
    let width = wrap_width(lines);
    for (i, line) in lines.iter().enumerate().skip(first) {
        if let Some(reason) = line.junk {
            notes.see_junk(line, reason, &mut blocks, skipped);
            page_break |= reason == SkipReason::PageFurniture;
            skipped.push(line.skipped(reason));
            continue;
        }
        if line.text.is_empty() {
            notes.see_gap();
            gap = true;
            continue;
        }
        let running = line.marker.is_none() && repeated.get(&line.text).is_some_and(|&n| n > 1);
        if running && notes.end_foot(&mut blocks, skipped) {
            // The next page's running head: the foot of the page before has ended.
            page_break = true;
            skipped.push(line.skipped(SkipReason::PageFurniture));
            continue;
        }
        if notes.take_text(line, &mut blocks, skipped) {
            continue;
        }
        if running {
            page_break = true;
            skipped.push(line.skipped(SkipReason::PageFurniture));
            continue;
        }
        if let (Some(marker), true) = (&line.marker, line.body.is_empty()) {
            held.hold(i, marker.clone(), lines, skipped);
            continue;
        }
        let joins = !held.open
            && blocks.last().is_some_and(|block| continues(block, line, (gap, page_break), width));
        gap = false;
        page_break = false;
        match (joins, blocks.last_mut()) {
            (true, Some(block)) => join(block, i, line),
            _ => {
                let label = held.take(line, lines, skipped);
                blocks.push(new_block(lines, i, label));
            }
        }
    }
    held.drop_all(lines, skipped);
    notes.finish(&mut blocks, skipped);
    blocks
}

/// Adds line `i` to the paragraph of `block`.
fn join(block: &mut Block, i: usize, line: &Line) {
    block.lines.push(i);
    if !splits_a_range(&block.text, &line.body) {
        block.text.push(' ');
    }
    block.text.push_str(&line.body);
    block.last_len = line.body.chars().count();
}

/// Numbers on lines of their own, waiting for the text they number. A PDF's text layer puts
/// a number directly above its text, or stacks a column of numbers in sequence ("1." / "2." /
/// "3.") before the blocks of text they number: the n-th number goes to the n-th paragraph
/// opened after the column. A number of another style amid those paragraphs ("(a)"), or right
/// below a number ("30." / "(a)"), numbers the text below it and leaves the column be; a
/// number out of sequence ends the column; a number no paragraph takes is page furniture.
#[derive(Default)]
struct HeldLabels {
    column: VecDeque<(usize, Marker)>,
    /// The column held more than one number.
    stacked: bool,
    /// A number of another style, read amid the column's paragraphs.
    inner: Option<(usize, Marker)>,
    /// No text read since the last number: the next line opens a paragraph.
    open: bool,
}

/// A held number a paragraph takes: its line, the number, and whether it stood in a column.
struct Label {
    at: usize,
    marker: Marker,
    stacked: bool,
}

impl HeldLabels {
    /// Holds the number on line `i`, after the column above when it comes next in sequence.
    fn hold(&mut self, i: usize, marker: Marker, lines: &[Line], skipped: &mut Vec<SkippedLine>) {
        let in_sequence = self.open && self.column.back().is_some_and(|(_, m)| marker.follows(m));
        let other_style = self.column.front().is_some_and(|(_, m)| !m.same_style(&marker));
        let inner = other_style && (self.stacked || self.open);
        let below_inner =
            self.open && self.inner.as_ref().is_some_and(|(_, m)| !m.same_style(&marker));
        self.open = true;
        if below_inner {
            // "(d)" / "70." / "(i)": each number waits for the paragraph after the list of the
            // one below it.
            self.column.extend(self.inner.replace((i, marker)));
            return;
        }
        if inner {
            // A number right above one of another style ("30." / "(a)") waits, as a column's
            // do, for the paragraph after the sub-paragraphs.
            self.stacked = true;
            if let Some((stray, _)) = self.inner.replace((i, marker)) {
                skipped.push(lines[stray].skipped(SkipReason::PageFurniture));
            }
            return;
        }
        if !in_sequence {
            self.drop_all(lines, skipped);
        }
        self.column.push_back((i, marker));
        self.stacked = self.column.len() > 1;
    }

    /// The number for the paragraph `line` opens: none when it has its own, and then a number
    /// held alone, or a column in the same style, was printed for nothing; a heading ends the
    /// column's paragraphs, and the numbers left in it were printed for nothing too, but for
    /// a heading's own number waiting alone ("V." above a list, then the heading).
    fn take(
        &mut self,
        line: &Line,
        lines: &[Line],
        skipped: &mut Vec<SkippedLine>,
    ) -> Option<Label> {
        self.open = false;
        let inner = self.inner.take();
        if let Some(own) = &line.marker {
            let same = self.column.front().is_some_and(|(_, m)| m.same_style(own));
            skipped.extend(inner.map(|(at, _)| lines[at].skipped(SkipReason::PageFurniture)));
            if !self.stacked || same {
                self.drop_all(lines, skipped);
            }
            return None;
        }
        if let Some((at, marker)) = inner {
            return Some(Label { at, marker, stacked: false });
        }
        let heads = |(_, m): &(usize, Marker)| is_heading(Some(m), &line.body);
        let numbers_heading = self.column.len() == 1 && self.column.front().is_some_and(heads);
        if self.stacked && is_heading(None, &line.body) && !numbers_heading {
            self.drop_all(lines, skipped);
        }
        let (at, marker) = self.column.pop_front()?;
        Some(Label { at, marker, stacked: self.stacked })
    }

    /// Sets the numbers no paragraph took aside as page furniture.
    fn drop_all(&mut self, lines: &[Line], skipped: &mut Vec<SkippedLine>) {
        let held = self.column.drain(..).chain(self.inner.take());
        skipped.extend(held.map(|(at, _)| lines[at].skipped(SkipReason::PageFurniture)));
        self.stacked = false;
    }
}

/// The paragraph line `i` opens, numbered by the number held from a line of its own (`label`)
/// when it has none itself; it stands at its number when that was directly above it, at its
/// text when the number stood in a column.
fn new_block(lines: &[Line], i: usize, label: Option<Label>) -> Block {
    let line = &lines[i];
    let (lines_of, marker) = match label {
        Some(Label { at, marker, stacked: false }) => (vec![at, i], Some(marker)),
        Some(Label { at, marker, stacked: true }) => (vec![i, at], Some(marker)),
        None => (vec![i], line.marker.clone()),
    };
    Block {
        lines: lines_of,
        marker,
        text: line.body.clone(),
        last_len: line.body.chars().count(),
        verb_line: line.marker.is_none() && lexicon::operative_verb_line(&line.body),
        notes: Vec::new(),
    }
}

/// Whether a line break falls inside a range of numbers, after its en dash ("2013–" /
/// "2020"): the lines join without a space.
fn splits_a_range(before: &str, after: &str) -> bool {
    let mut end = before.chars().rev();
    end.next() == Some('–')
        && end.next().is_some_and(|c| c.is_ascii_digit())
        && after.starts_with(|c: char| c.is_ascii_digit())
}

/// The longest line a hard-wrapped text holds: pages set in small type (a WHO resolution's
/// PDF) hold up to 110 characters a line; a longer line is a paragraph of its own.
const MAX_WRAP_WIDTH: usize = 120;

/// A line this many characters short of the text's width is full: the words after its colon
/// did not fit.
const FULL_LINE_SLACK: usize = 10;

/// A line ending with a comma this many characters short of the text's width is full: the
/// name after it did not fit, proportional type setting fewer wide letters on a line ("…
/// Bosnia and Herzegovina, Cameroon, Côte d'Ivoire, Jordan, Kyrgyzstan," / "Malawi and …").
const FULL_LINE_SLACK_AT_COMMA: usize = 15;

/// How wide the text is set: the length most lines of running text reach (four in five are
/// shorter).
fn wrap_width(lines: &[Line]) -> usize {
    let mut lengths: Vec<usize> =
        lines.iter().filter(|l| l.words() >= 8).map(|l| l.body.chars().count()).collect();
    lengths.sort_unstable();
    lengths.get(lengths.len() * 4 / 5).copied().unwrap_or(usize::MAX)
}

/// Whether `line` continues the paragraph of `block`: the text after a numbered option label
/// ("60." / "Option 1:" / "Decides …"), an annotation on a line of its own, or
/// a line that wraps (see [`SourceParagraph::wraps`]) in the middle of a sentence or after a
/// comma, or a colon with no blank line below, at the end of a full line: a line filled to the
/// margin broke where the width fell, and a title quoted in the sentence ("… in the
/// Sustainable Development Era:" / "A Multisectoral Response, held in Moscow …") goes on; a
/// colon ending a short line or a paragraph announces what follows. An alternative's label
/// never goes on with the line above. Blank lines around a page's furniture (`page_break`) are
/// the page break, not a paragraph's end: a sentence left open at the foot of a page goes on at
/// the top of the next, whatever its first letter.
pub(super) fn continues(
    block: &Block,
    line: &Line,
    (gap, page_break): (bool, bool),
    width: usize,
) -> bool {
    if line.marker.is_some() || block.verb_line || is_article_heading(block) {
        return false;
    }
    if names_an_alternative(&line.body)
        || opens_an_alternative(&line.body)
        || is_braced_note(&line.body)
    {
        return false;
    }
    if block.marker.is_some() && is_option_label(&block.text) {
        return true;
    }
    let (rest, annotations) = take_annotations(&line.body);
    if rest.is_empty() && !annotations.is_empty() {
        return true;
    }
    if !line.wraps {
        return false;
    }
    let full_line = block.last_len + FULL_LINE_SLACK >= width;
    let broke_at_margin = (block.text.ends_with(',')
        && block.last_len + FULL_LINE_SLACK_AT_COMMA >= width)
        || (full_line && !gap && block.text.ends_with(':'));
    let open = !ends_sentence(&block.text) || broke_at_margin;
    if block.marker.is_none() && starts_run_on_clause(&block.text, &line.body) {
        return false;
    }
    if line.body.starts_with(char::is_lowercase) {
        return open || !gap;
    }
    if open && number_goes_on(&block.text, &line.body) {
        return true;
    }
    if lone_opening_clause(&line.body) {
        return false;
    }
    if !gap && full_line && block.marker.is_some() && next_sentence_goes_on(&line.body) {
        return true;
    }
    if gap && cut_mid_sentence(block) && ends_sentence(&line.body) && !starts_paragraph(&line.body)
    {
        return true;
    }
    (!gap || page_break)
        && open
        && ((30..=MAX_WRAP_WIDTH).contains(&block.last_len) || glued(block.last_len, width))
        && !starts_paragraph(&line.body)
}

/// An article's heading on a line of its own ("Article 17 (FURTHER REQUIREMENTS)"): the text
/// below it is the article's first paragraph, however the heading ends.
fn is_article_heading(block: &Block) -> bool {
    block.marker.is_none() && numbered_article(&block.text) && is_heading(None, &block.text)
}

/// Whether a line is two lines of a hard-wrapped text glued by the extraction ("… at the
/// Sixtyseventh World Health Assembly and subsequent Health Assemblies until the arrears of
/// Afghanistan,"): longer than the text's width, yet no longer than two of its lines.
fn glued(len: usize, width: usize) -> bool {
    width <= MAX_WRAP_WIDTH && len > width && len <= 2 * width
}

/// Words that join a sentence to the one before, in the four languages.
const CONNECTIVES: &[&str] = &[
    "además",
    "asimismo",
    "furthermore",
    "moreover",
    "in addition",
    "en outre",
    "de plus",
    "par ailleurs",
    "além disso",
    "ademais",
];

/// A numbered paragraph filled to the margin goes on with a sentence joined to the one before
/// ("… de fomento de la capacidad." / "Además, cada Parte participará en un examen …"): a
/// paragraph's last line falls short of the margin, and no paragraph opens with "Moreover,".
fn next_sentence_goes_on(line: &str) -> bool {
    CONNECTIVES
        .iter()
        .any(|word| starts_with_word_ci(line, word).is_some_and(|rest| rest.starts_with(',')))
}

/// A decision written as one sentence goes on clause by clause, each in lower case: a line
/// opening with a participle or an operative verb after a clause of the same kind ("noting
/// that … was held from 24 to 26 June 2024," / "requests the Secretary-General …") starts the
/// next clause.
fn starts_run_on_clause(block: &str, line: &str) -> bool {
    block.ends_with([',', ';']) && is_run_on_clause(block) && is_run_on_clause(line)
}

/// The fewest words of a numbered paragraph read as cut in the middle of its sentence.
const MIN_CUT_WORDS: usize = 10;

/// A numbered paragraph of a sentence or more ending on a word, no punctuation after it ("(a)
/// bis. The alignment of TNAs … and improving"): cut by a stray line break, even a blank line,
/// and going on with the next line when that ends the sentence without opening a paragraph of
/// its own (a heading, "Article 14 (SBSTA AND SBI)", ends none).
fn cut_mid_sentence(block: &Block) -> bool {
    block.marker.is_some()
        && block.text.ends_with(char::is_alphabetic)
        && block.text.split(' ').count() >= MIN_CUT_WORDS
}

/// The most words of an opening clause on a line of its own: "The Conference of the Parties,".
const MAX_OPENING_WORDS: usize = 8;

/// An opening clause on a line of its own, which starts the draft and never goes on with the
/// line above (a title wrapped over many lines: "… and relevant global, / regional,
/// subregional and sectoral bodies" / "The Conference of the Parties,").
fn lone_opening_clause(text: &str) -> bool {
    text.ends_with(',')
        && text.split(' ').count() <= MAX_OPENING_WORDS
        && lexicon::opening_clause(text)
}

/// A sentence going on with a number, across a page break too: "… 57/11 of 12 November" /
/// "2002, 58/7 …", "… no later than" / "2018;"; not a paragraph numbered "53 Recalls …" nor a
/// print code "18-18418".
fn number_goes_on(before: &str, line: &str) -> bool {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    let goes_on = rest.starts_with([',', ';', ')'])
        || rest.strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_lowercase));
    rest.len() < line.len() && before.ends_with(char::is_alphanumeric) && goes_on
}

/// Marks short unnumbered lines found more than once as running headers or footers, except
/// title lines (the first is the title) and an adopted resolution's title; returns how often each such line was found, for
/// skipping repeated titles inside the draft.
pub(super) fn mark_running_headers(lines: &mut [Line]) -> HashMap<String, usize> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in lines.iter().filter(|l| l.is_content() && l.marker.is_none()) {
        let text = line.text.as_str();
        let short = text.len() <= 60 && !text.starts_with('(');
        if short && !text.ends_with(['.', ';', ':', ',']) && !names_an_alternative(text) {
            *counts.entry(line.text.clone()).or_insert(0) += 1;
        }
    }
    let title = adopted_title_lines(lines);
    for (i, line) in lines.iter_mut().enumerate() {
        let repeated = line.marker.is_none() && counts.get(&line.text).is_some_and(|&n| n > 1);
        if repeated && line.junk.is_none() && !is_title(line) && !title.contains(&i) {
            line.junk = Some(SkipReason::PageFurniture);
        }
    }
    counts
}

/// Words an alternative's label opens with, in the four languages.
const OPTION_WORDS: &[&str] = &["option", "alternative", "alt", "opción", "opção", "variante"];

/// An alternative's label: "Option 1:", "[Option 2", "Option II", "Opción A:".
fn is_option_label(text: &str) -> bool {
    let bare = text.trim_matches(|c: char| !c.is_alphanumeric());
    let mut words = bare.split_whitespace();
    let (Some(word), Some(number), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    let word = word.to_lowercase();
    OPTION_WORDS.contains(&word.as_str())
        && number.chars().count() <= 4
        && number.chars().all(char::is_alphanumeric)
}

/// A label before the alternative's text in braces or brackets: "Option 2 {Recalling …}".
fn opens_with_label(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let (Some(word), Some(number), Some(after)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    is_option_label(&format!("{word} {number}")) && after.starts_with(['{', '['])
}

/// An editor's note or sub-heading set wholly in braces on a line of its own ("{Impacts to
/// submission of AEF}", "{End of options}"): never the end of the line above.
fn is_braced_note(text: &str) -> bool {
    let text = text.trim();
    text.starts_with('{') && text.ends_with('}') && !text[1..].contains('{')
}

/// An alternative's label, alone or opening its text ("Option 1: {…}", "Option 2 {Recalling
/// …}", "Option 3 [Decides …]"), or an alternative proposing no text ("No text", "Option 2: [no
/// text]", "Option 3: {No text required}"): an alternative however often it repeats, never a
/// running head.
fn names_an_alternative(text: &str) -> bool {
    if opens_with_label(text) {
        return true;
    }
    let after_label = text.split_once(':').filter(|(label, _)| is_option_label(label));
    let rest = after_label.map_or(text, |(_, rest)| rest);
    let bare = rest.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    is_option_label(text) || bare == "no text" || bare == "no text required"
}

/// A line opening with an alternative's label and its text ("[Option 2: No such dialogue;]"):
/// the alternative starts there, whatever the line above left open.
fn opens_an_alternative(text: &str) -> bool {
    text.split_once(':').is_some_and(|(label, _)| is_option_label(label))
}

/// The fewest words of a line read as part of the title run as a page's head.
const MIN_HEAD_WORDS: usize = 5;

/// Marks the lines from `first` on that repeat part of the title right after a page's
/// furniture, as a UN document runs it at the head of each page re-wrapped ("Necessity of
/// ending the economic, commercial and financial embargo" / "imposed by the United States of
/// America against Cuba" after the page's print codes); a paragraph citing the title keeps it.
pub(super) fn mark_title_heads(lines: &mut [Line], first: usize, title: &str) {
    let mut after_break = false;
    for line in lines.iter_mut().skip(first).filter(|l| !l.text.is_empty()) {
        let text = line.text.as_str();
        let head = line.marker.is_none()
            && line.junk.is_none()
            && text.split(' ').count() >= MIN_HEAD_WORDS
            && !text.ends_with(['.', ';', ':', ','])
            && title.contains(text);
        if head && after_break {
            line.junk = Some(SkipReason::PageFurniture);
        } else {
            after_break = line.junk == Some(SkipReason::PageFurniture);
        }
    }
}

/// Whether a text ends a sentence or a clause, closing quotes and brackets aside.
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| {
        matches!(c, ')' | ']' | '"' | '\'' | '”' | '’' | '»') || c.is_whitespace()
    })
    .ends_with(['.', ';', ':', ',', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colon_at_the_end_of_a_full_line_inside_a_title_goes_on_with_the_next_line() {
        let text =
            "The General Assembly,\n\nRecalling its resolution 1 on the subject of the oceans,\n\n\
            5. Calls upon all States to consider becoming parties to the Agreement, in order to\n\
            contribute to the achievement of the targets of Sustainable Development Goal 14:\n\
            Conserve and sustainably use the oceans, seas and marine resources, and the early\n\
            entry into force of the Agreement;\n\n\
            6. Decides to remain seized of the matter, as follows:\n\
            The Secretary-General shall report to it at its next session on the Agreement.\n";
        let draft = crate::import::import_text(text).unwrap();
        let texts: Vec<&str> = draft.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 5, "{texts:?}");
        assert!(texts[2].ends_with(
            "Goal 14: Conserve and sustainably use the oceans, seas and \
            marine resources, and the early entry into force of the Agreement;"
        ));
        assert_eq!(draft.paragraphs[4].kind, crate::model::ParagraphKind::SubParagraph);
    }

    #[test]
    fn two_lines_glued_by_the_extraction_go_on_with_the_next_line() {
        let text = "The World Health Assembly,\n\n\
            Noting the report of the Director-General on the state of the collection of the\n\
            assessed contributions of the Members in arrears at the opening of this session,\n\
            and the special arrangements agreed with several Members for settling their arrears\n\
            over the next five years, as the Executive Board recommended at its last session,\n\n\
            DECIDES:\n\n\
            (1) that the voting rights of the Members in arrears be suspended at the opening of \
            the next Assembly and continue at the later Assemblies until the arrears of Chad,\n\
            Ghana and Peru have been reduced to a level below the amount that the Constitution\n\
            sets for invoking its Article 7, as this Assembly decided in its last resolution;\n\n\
            (2) that this decision be without prejudice to the rights of any Member.\n";
        let draft = crate::import::import_text(text).unwrap();
        let texts: Vec<&str> = draft.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert!(texts.iter().all(|t| !t.starts_with("Ghana")), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("of Chad, Ghana and Peru have been")), "{texts:?}");
    }

    #[test]
    fn a_note_in_braces_and_an_alternative_in_braces_never_go_on_with_the_heading_above() {
        let text = "The Conference of the Parties,\n\
            Recalling decision 2/CMA.3,\n\
            II. Sequencing of the reporting of information\n\
            {Impacts on the submission}\n\
            Option 1 {Recalling decision 2/CMA.3, annex, paragraph 2}\n\
            1. Decides to act;\n";
        let draft = crate::import::import_text(text).unwrap();
        let texts: Vec<&str> = draft.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert!(texts.contains(&"Sequencing of the reporting of information"), "{texts:?}");
        assert!(texts.contains(&"{Impacts on the submission}"), "{texts:?}");
        assert!(texts.contains(&"Option 1 {Recalling decision 2/CMA.3, annex, paragraph 2}"));
        assert!(!is_braced_note("{a} and {b}"));
        assert!(names_an_alternative("Option 2 [Decides to act]"));
        assert!(!names_an_alternative("Option 2 of the plan"));
    }

    #[test]
    fn a_note_under_the_rule_is_a_footnote_even_when_its_mark_is_not_found() {
        let text = "The General Assembly,\n\nRecalling its resolution 1,\n\n\
            1. Welcomes the statement of 12 February 2013 9 in which the Council spoke;\n\n\
            __________________\n9\n\n4/5\n\n\
            S/PRST/2013/2; see Resolutions and Decisions of the Security Council, 2013.\n\n\
            2. Decides to act.\n";
        let draft = crate::import::import_text(text).unwrap();
        assert_eq!(draft.paragraphs.len(), 4, "{:?}", draft.paragraphs);
        assert!(draft.paragraphs[2].footnotes[0].text.starts_with("S/PRST/2013/2"));
    }

    #[test]
    fn an_adopted_resolution_keeps_its_title_though_its_pages_run_it_as_their_head() {
        let text = "A/RES/73/3\n\nResolution adopted by the General Assembly\n\n73/3.\n\n\
            Political declaration of the high-level meeting\non the fight against tuberculosis\n\
            The General Assembly\nAdopts the following declaration:\n\n\
            1. Reaffirm the 2030 Agenda, 1 and the Addis Ababa Agenda, 2 and note the burden of\n\
            __________________\n\nResolution 70/1.\nResolution 69/313.\n1\n2\n\n2/10\n\n18-16895\n\n\
            Political declaration of the high-level meeting\non the fight against tuberculosis\n\n\
            HIV and AIDS, and other co-morbidities;\n\n2. Commit to act.\n";
        let draft = crate::import::import_text(text).unwrap();
        let title =
            "Political declaration of the high-level meeting on the fight against tuberculosis";
        assert_eq!(draft.meta.title, title);
        let notes: Vec<&str> =
            draft.paragraphs[2].footnotes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(notes, ["Resolution 70/1.", "Resolution 69/313."]);
        // The next page's text after its head stays text, never a note's body: here the end of
        // the sentence cut by the page break.
        assert!(draft.paragraphs[2]
            .text
            .ends_with("the burden of HIV and AIDS, and other co-morbidities;"));
    }

    #[test]
    fn a_sentence_cut_by_a_page_break_goes_on_though_the_next_page_opens_with_a_capital() {
        let text = "The Assembly,\n\nNoting the plan of the working group on the harbours,\n\n\
            1. Invites the members of the working group on the harbours of the region, namely\n\n\
            3/8\n\n\
            Northland and Southland, to report on the plan at the next session;\n\n\
            2. Decides that the group shall meet again at the end of the year\n\n\
            Monitoring of the plan\n\n3. Requests a report.\n";
        let draft = crate::import::import_text(text).unwrap();
        let texts: Vec<&str> = draft.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert!(texts[2].ends_with(
            "namely Northland and Southland, to report on the plan at the next session;"
        ));
        // With no page break between them, a blank line still ends the paragraph.
        assert!(texts.contains(&"Monitoring of the plan"), "{texts:?}");
    }

    #[test]
    fn a_title_wrapped_over_many_lines_runs_on_to_the_opening_clause() {
        let text = "Draft decision on arrangements to enhance cooperation with relevant legal\n\
            instruments and frameworks and relevant global,\n\
            regional, subregional and sectoral bodies\nThe Conference of the Parties,\n\
            Recalling the objective of the Agreement,\n1. Decides to cooperate.\n";
        let draft = crate::import::import_text(text).unwrap();
        assert_eq!(draft.paragraphs[0].text, "The Conference of the Parties,");
        assert!(draft.meta.title.ends_with("regional, subregional and sectoral bodies"));
    }

    #[test]
    fn a_range_or_a_number_after_a_break_goes_on_with_the_sentence() {
        assert!(splits_a_range("noncommunicable diseases 2013–", "2020;"));
        assert!(!splits_a_range("efficiency and cost–", "effectiveness"));
        assert!(!splits_a_range("Confidence-", "and Security-Building Measures"));
        assert!(number_goes_on("57/11 of 12 November", "2002, 58/7 of 4 November 2003,"));
        assert!(!number_goes_on("[Option 1", "53 Recalls decisions"));
        assert!(!number_goes_on("of 12 November", "18-18418 (E) 071118"));
        let text =
            "The Assembly,\n\nNoting the plan,\n\n1. ENDORSES the action plan 2013–\n2020;\n";
        let draft = crate::import::import_text(text).unwrap();
        assert_eq!(draft.paragraphs[2].text, "ENDORSES the action plan 2013–2020;");
    }

    #[test]
    fn an_alternative_is_never_a_running_head_and_a_numbered_label_takes_its_text() {
        let text = "The Conference of the Parties,\n\n1. Decides to act;\n\nOption 1:\n\n\
            2. Requests a report;\n\nOption 2:\n\nNo text\n\n3.\n\nOption 1:\n\n\
            Invites Parties to act;\n\nOption 2:\n\nNo text\n\n\
            4. Option 1: Requests the secretariat to report to the Parties on the work;\n\n\
            Option 2: [no text]\n\n5. Urges Parties to take part in the work of the programme;\n\n\
            Option 1:\n\n6. Requests the secretariat to prepare the meeting of the Parties;\n\n\
            Option 2: [no text]\n\n7. Decides to take up the work of the programme;\n\n\
            Option 3: {No text required}\n\n8. Decides to close the programme;\n\n\
            Option 3: {No text required}\n\n9. Decides to end the programme.\n";
        let draft = crate::import::import_text(text).unwrap();
        let read = crate::import::testing::numbers_and_texts(&draft);
        assert_eq!(
            read[1..11],
            [
                (Some("1"), "Decides to act;"),
                (None, "Option 1:"),
                (Some("2"), "Requests a report;"),
                (None, "Option 2:"),
                (None, "No text"),
                (Some("3"), "Option 1: Invites Parties to act;"),
                (None, "Option 2:"),
                (None, "No text"),
                (
                    Some("4"),
                    "Option 1: Requests the secretariat to report to the Parties on the work;"
                ),
                (None, "Option 2: [no text]"),
            ]
        );
        assert!(draft.skipped.is_empty(), "{:?}", draft.skipped);
    }

    #[test]
    fn a_column_of_numbers_numbers_the_paragraphs_after_it_in_turn() {
        let text = "The Conference of the Parties,\n\n1.\n\n2.\n\n3.\n\n\
            Decides to act on the matter before the next session of the Conference;\n\
            Requests the secretariat to prepare a report on the work;\n\
            Invites Parties to take part in the work.\n\n4.\n\
            Urges Parties to act.\n";
        let draft = crate::import::import_text(text).unwrap();
        let read = crate::import::testing::numbers_and_texts(&draft);
        assert_eq!(
            read[1..],
            [
                (
                    Some("1"),
                    "Decides to act on the matter before the next session of the Conference;"
                ),
                (Some("2"), "Requests the secretariat to prepare a report on the work;"),
                (Some("3"), "Invites Parties to take part in the work."),
                (Some("4"), "Urges Parties to act."),
            ]
        );
        assert!(draft.skipped.is_empty(), "{:?}", draft.skipped);
    }

    #[test]
    fn a_number_of_another_style_amid_a_column_numbers_its_text_and_leaves_the_column_be() {
        let text = "The Conference of the Parties,\n\n1.\n2.\n3.\n\n\
            Decides to act on the matter before the next session;\n\
            Requests the secretariat to report on:\n(a)\nThe work;\n(b)\nThe costs;\n\
            Invites Parties to take part in the work.\n\nII. FINANCE\n\nUrges Parties to pay.\n";
        let draft = crate::import::import_text(text).unwrap();
        let read = crate::import::testing::numbers_and_texts(&draft);
        assert_eq!(
            read[1..7],
            [
                (Some("1"), "Decides to act on the matter before the next session;"),
                (Some("2"), "Requests the secretariat to report on:"),
                (Some("(a)"), "The work;"),
                (Some("(b)"), "The costs;"),
                (Some("3"), "Invites Parties to take part in the work."),
                (Some("II"), "FINANCE"),
            ]
        );
        assert!(draft.skipped.is_empty(), "{:?}", draft.skipped);
    }

    #[test]
    fn a_heading_ends_a_column_and_takes_none_of_its_numbers() {
        let text = "The Conference of the Parties,\n\n1.\n2.\n3.\n\n\
            Decides to act on the matter before the next session;\n\n\
            Article 2 (FINANCE)\n\nRequests the secretariat to report.\n";
        let draft = crate::import::import_text(text).unwrap();
        let read = crate::import::testing::numbers_and_texts(&draft);
        assert_eq!(
            read[1..],
            [
                (Some("1"), "Decides to act on the matter before the next session;"),
                (None, "Article 2 (FINANCE)"),
                (None, "Requests the secretariat to report."),
            ]
        );
        assert_eq!(draft.skipped.len(), 2, "{:?}", draft.skipped);
    }

    #[test]
    fn a_column_of_working_labels_in_mixed_case_numbers_the_preamble_after_an_opening_clause() {
        let text = "DRAFT AGREEMENT\n\n[ The Parties to this Agreement,\nPp1\n\nPp2\n\n\
            Being Parties to the Convention on the matter, hereinafter referred to as “the\n\
            Convention”,\nIn furtherance of the objective of the Convention,\n\nPp3\n\n\
            Recalling its decision,\n\nHave agreed as follows:\n\nArticle 1\n\n1. Parties act.\n";
        let draft = crate::import::import_text(text).unwrap();
        let read = crate::import::testing::numbers_and_texts(&draft);
        assert_eq!(
            read[..4],
            [
                (None, "[ The Parties to this Agreement,"),
                (
                    Some("Pp1"),
                    "Being Parties to the Convention on the matter, hereinafter referred to as “the Convention”,"
                ),
                (Some("Pp2"), "In furtherance of the objective of the Convention,"),
                (Some("Pp3"), "Recalling its decision,"),
            ]
        );
        assert_eq!(draft.paragraphs[0].kind, crate::model::ParagraphKind::OpeningClause);
    }

    #[test]
    fn an_article_heading_never_runs_on_into_the_line_below() {
        let text = "Have agreed as follows:\n\n\
            Article 17 (FURTHER REQUIREMENTS AND DECISION-MAKING RIGHTS)\n\
            [Further discussion needed on whether there should be preconditions to join.]\n";
        let draft = crate::import::import_text(text).unwrap();
        let texts: Vec<&str> = draft.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts[1..],
            [
                "Article 17 (FURTHER REQUIREMENTS AND DECISION-MAKING RIGHTS)",
                "[Further discussion needed on whether there should be preconditions to join.]",
            ]
        );
        assert_eq!(draft.paragraphs[1].kind, crate::model::ParagraphKind::SectionHeading);
    }

    #[test]
    fn an_alternative_with_its_text_never_runs_on_from_the_option_above() {
        let text = "The Conference of the Parties,\n\n18.\n\n\
            [Option 1: Decides to convene a facilitative dialogue among Parties in [2018][2019];]1\n\
            [Option 2: No such facilitative dialogue prior to 2020;]\n";
        let draft = crate::import::import_text(text).unwrap();
        let texts: Vec<&str> = draft.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[2], "[Option 2: No such facilitative dialogue prior to 2020;]");
    }

    #[test]
    fn a_number_right_above_a_sub_paragraph_number_waits_for_the_paragraph_after_the_list() {
        let text =
            "The Conference of the Parties,\n\n30.\n\n(a)\n\nParties shall notify the work;\n\n\
            (b)\n\nThe secretariat shall inform the Parties;\n\n\
            Also decides that the rules shall apply.\n";
        let draft = crate::import::import_text(text).unwrap();
        let read = crate::import::testing::numbers_and_texts(&draft);
        assert_eq!(
            read[1..],
            [
                (Some("(a)"), "Parties shall notify the work;"),
                (Some("(b)"), "The secretariat shall inform the Parties;"),
                (Some("30"), "Also decides that the rules shall apply."),
            ]
        );
        assert!(draft.skipped.is_empty(), "{:?}", draft.skipped);
    }

    #[test]
    fn numbers_stacked_in_falling_styles_number_the_paragraphs_after_the_innermost_list() {
        let text = "The Conference of the Parties,\n\n69. Decides to act, including by:\n\n\
            (c)\n\nRequesting the Committee to:\n\n(d)\n\n70.\n\n(i)\n\nEngage in meetings;\n\n\
            (ii)\n\nEnhance their efforts;\n\nEncouraging Parties to use the Centre;\n\n\
            Requests the secretariat to facilitate the examination.\n";
        let draft = crate::import::import_text(text).unwrap();
        let read = crate::import::testing::numbers_and_texts(&draft);
        assert_eq!(
            read[2..],
            [
                (Some("(c)"), "Requesting the Committee to:"),
                (Some("(i)"), "Engage in meetings;"),
                (Some("(ii)"), "Enhance their efforts;"),
                (Some("(d)"), "Encouraging Parties to use the Centre;"),
                (Some("70"), "Requests the secretariat to facilitate the examination."),
            ]
        );
        assert!(draft.skipped.is_empty(), "{:?}", draft.skipped);
    }

    #[test]
    fn a_heading_number_above_a_list_waits_for_the_heading_after_it() {
        let text = "The Conference of the Parties,\n\n87. Requests a report, including by:\n\n\
            V.\n\n(a)\n\nOrganizing meetings;\n\n(b)\n\nPreparing a paper;]\n\n\
            INTERIM INSTITUTIONAL ARRANGEMENTS\n\n88. Decides to act.\n";
        let draft = crate::import::import_text(text).unwrap();
        let read = crate::import::testing::numbers_and_texts(&draft);
        assert_eq!(
            read[2..],
            [
                (Some("(a)"), "Organizing meetings;"),
                (Some("(b)"), "Preparing a paper;]"),
                (Some("V"), "INTERIM INSTITUTIONAL ARRANGEMENTS"),
                (Some("88"), "Decides to act."),
            ]
        );
        assert!(draft.skipped.is_empty(), "{:?}", draft.skipped);
    }

    #[test]
    fn a_number_out_of_sequence_ends_the_column_and_is_never_a_paragraph() {
        let text = "The Conference of the Parties,\n\n1.\n\n7.\n\n\
            Decides to act on the matter before the next session;\n\n\
            Requests the secretariat to report.\n";
        let draft = crate::import::import_text(text).unwrap();
        let read = crate::import::testing::numbers_and_texts(&draft);
        assert_eq!(
            read[1..],
            [
                (Some("7"), "Decides to act on the matter before the next session;"),
                (None, "Requests the secretariat to report."),
            ]
        );
        assert_eq!(draft.skipped.len(), 1, "{:?}", draft.skipped);
    }

    #[test]
    fn a_numbered_paragraph_cut_mid_sentence_goes_on_after_a_blank_line() {
        let text = "The Conference of the Parties,\n\n1. Decides that the work programme shall address:\n\n\
            (a) The alignment of the assessments more closely with bankable projects and improving\n\n\
            TNAs to result in implementable projects;\n\n\
            (b) The synergy between the processes of the programme;\n\n\
            2. Requests the secretariat to prepare a report on the work of the programme\n\n\
            Invites Parties to take part in the work.\n";
        let draft = crate::import::import_text(text).unwrap();
        let texts: Vec<&str> = draft.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts[2..],
            [
                "The alignment of the assessments more closely with bankable projects and improving TNAs to result in implementable projects;",
                "The synergy between the processes of the programme;",
                "Requests the secretariat to prepare a report on the work of the programme",
                "Invites Parties to take part in the work.",
            ]
        );
    }
}
