//! Step 3, beside the joining of lines: the footnotes at a page's foot in text extracted from a
//! PDF, read as the notes of the paragraph bearing each mark, never as paragraphs.
//!
//! A page's foot holds footnote numbers on lines of their own and the footnotes' texts, in the
//! order the extraction prints them: most often each number above its text, but sometimes
//! the texts first and their numbers after them ("Resolution 70/1." / "Resolution 69/313." /
//! "3" / "See …" / "1" / "2"), with the page's number and print codes in between. The whole
//! foot is read before any text is placed: each text goes with the number printed right above
//! it, the texts left over with the numbers left over, in order, and a text left over with no
//! number goes on with a note the page before left unfinished.
//!
//! A note's paragraph is the first, from the paragraph bearing the note before on this page,
//! whose text holds the mark: glued to a word ("diseases;1"), set apart after a name or a
//! punctuation mark ("the Paris Agreement 4 requires", "Development, 2 of"), or on a line of
//! its own. A mark set apart is taken out of the text.

use std::collections::VecDeque;

use crate::import::{SkipReason, SkippedLine};

use super::blocks::Block;
use super::front::starts_paragraph;
use super::lines::Line;

/// The most words of a footnote that only refers to a document.
const MAX_REFERENCE_WORDS: usize = 12;

/// The largest footnote number read as one.
const MAX_NOTE: u32 = 300;

/// The most digits of a footnote number.
const MAX_MARK_DIGITS: usize = 3;

/// One entry of a page's foot, in the order the extraction printed it.
enum Entry {
    /// A footnote number on a line of its own.
    Number(u32),
    /// A footnote's text, its lines joined, with the lines as skipped should it repeat a note
    /// printed before.
    Text(String, Vec<SkippedLine>),
}

/// A page's foot being read.
struct Foot {
    /// Under a page's separator rule ("________"): every text is a footnote, numbered or not.
    ruled: bool,
    entries: Vec<Entry>,
    /// The next line may go on with the last text: no blank line or furniture since.
    joinable: bool,
    /// How many numbers on lines of their own stood in the text before the foot.
    marks_before: usize,
}

impl Foot {
    fn new(ruled: bool, marks_before: usize) -> Self {
        Foot { ruled, entries: Vec::new(), joinable: false, marks_before }
    }

    /// How many numbers and how many texts the foot holds so far.
    fn count(&self) -> (usize, usize) {
        let numbers = self.entries.iter().filter(|e| matches!(e, Entry::Number(_))).count();
        (numbers, self.entries.len() - numbers)
    }

    /// Every number has its text: the page furniture that follows ends the foot.
    fn complete(&self) -> bool {
        let (numbers, texts) = self.count();
        texts > 0 && texts >= numbers
    }

    /// The number the next text would go with when the foot has no rule: the first whose text
    /// has not been read.
    fn next_number(&self) -> Option<u32> {
        let (_, texts) = self.count();
        let mut numbers = self.entries.iter().filter_map(|e| match e {
            Entry::Number(n) => Some(*n),
            Entry::Text(..) => None,
        });
        numbers.nth(texts)
    }

    /// Adds `line` to the last text when it goes on with it: the text is unfinished, or the
    /// line does not open with a capital.
    fn join(&mut self, line: &Line) -> bool {
        let Some(Entry::Text(text, lines)) = self.entries.last_mut() else { return false };
        let goes_on = !text.ends_with('.') || !line.text.starts_with(char::is_uppercase);
        if !self.joinable || line.marker.is_some() || !goes_on {
            return false;
        }
        text.push(' ');
        text.push_str(&line.text);
        lines.push(line.skipped(SkipReason::PageFurniture));
        true
    }

    /// The numbered texts in the order of their numbers, and the texts with no number.
    fn pairs(self) -> (Vec<(u32, Entry)>, Vec<Entry>) {
        let mut waiting = VecDeque::new();
        let mut paired = Vec::new();
        let mut loose = Vec::new();
        for entry in self.entries {
            match (entry, waiting.pop_front()) {
                (Entry::Number(n), front) => {
                    waiting.extend(front);
                    waiting.push_back(n);
                }
                (text, Some(n)) => paired.push((n, text)),
                (text, None) => loose.push(text),
            }
        }
        // Numbers printed after their texts go with the texts left over, in order; the first
        // texts, when more are left than numbers, have none.
        let unnumbered = loose.len().saturating_sub(waiting.len());
        let mut loose = loose.into_iter();
        let first: Vec<Entry> = loose.by_ref().take(unnumbered).collect();
        paired.extend(waiting.into_iter().zip(loose));
        paired.sort_by_key(|(n, _)| *n);
        (paired, first)
    }
}

/// Where a mark stands in a paragraph's text.
#[derive(Clone, Copy)]
enum Mark {
    /// Glued to a word or closing the text: the paragraph reader leaves it out.
    Left,
    /// Set apart in mid-sentence: the space and the number from this byte on.
    Spaced(usize),
}

/// The footnotes of the pages read so far.
#[derive(Default)]
pub(super) struct PageNotes {
    /// Footnote numbers seen on a line of their own, with the block they mark.
    marks: Vec<(u32, usize)>,
    foot: Option<Foot>,
    /// A blank line since the last line of text.
    gap: bool,
    /// A number on a line of its own after a blank line: it marks the paragraph starting on
    /// the next line, when no blank line comes between (the index in `marks`).
    leading: Option<usize>,
    /// The first block of the page being read (the one running on from the page before).
    page_start: usize,
    /// The block bearing the last footnote placed.
    last: Option<usize>,
    /// The numbers glued to the last word of the lines above the draft (its title).
    title_marks: Vec<String>,
    /// The numbers of the footnotes placed.
    placed: Vec<u32>,
}

impl PageNotes {
    /// The notes of a draft whose title block is `title`.
    pub(super) fn new(title: &[Line]) -> Self {
        let last_words = title.iter().filter_map(|line| line.text.rsplit(' ').next());
        let title_marks = last_words.filter_map(glued_digits).map(str::to_string).collect();
        PageNotes { title_marks, ..PageNotes::default() }
    }

    /// A blank line: the footnote text above is complete.
    pub(super) fn see_gap(&mut self) {
        self.gap = true;
        self.leading = None;
        if let Some(foot) = &mut self.foot {
            foot.joinable = false;
        }
    }

    /// A line skipped as junk: a footnote number on a line of its own (a mark in the text, or
    /// a number at the page's foot), a page's separator rule opening its foot, or page
    /// furniture ending the foot once each number has its text.
    pub(super) fn see_junk(
        &mut self,
        line: &Line,
        reason: SkipReason,
        blocks: &mut [Block],
        skipped: &mut Vec<SkippedLine>,
    ) {
        if let Some(foot) = &mut self.foot {
            foot.joinable = false;
        }
        if reason != SkipReason::PageFurniture {
            return;
        }
        if let Some(n) = line.text.parse::<u32>().ok().filter(|n| (1..=MAX_NOTE).contains(n)) {
            let before = self.marks.len();
            self.marks.push((n, blocks.len().saturating_sub(1)));
            self.leading = self.gap.then_some(before);
            let foot = self.foot.get_or_insert_with(|| Foot::new(false, before));
            foot.entries.push(Entry::Number(n));
        } else if line.text.chars().filter(|c| matches!(c, '_' | '-' | '—')).count() >= 5 {
            self.close(blocks, skipped);
            self.foot = Some(Foot::new(true, self.marks.len()));
        } else if self.foot.as_ref().is_some_and(Foot::complete) || words_of_a_head(&line.text) {
            self.close(blocks, skipped);
        }
    }

    /// Ends the foot being read, if any, at the next page's running head: true when one was.
    pub(super) fn end_foot(
        &mut self,
        blocks: &mut [Block],
        skipped: &mut Vec<SkippedLine>,
    ) -> bool {
        let open = self.foot.is_some();
        self.close(blocks, skipped);
        open
    }

    /// Takes `line` as (part of) a footnote's text at a page's foot: true when it is one.
    pub(super) fn take_text(
        &mut self,
        line: &Line,
        blocks: &mut [Block],
        skipped: &mut Vec<SkippedLine>,
    ) -> bool {
        self.gap = false;
        if let Some(i) = self.leading.take() {
            if line.marker.is_some() || starts_paragraph(&line.text) {
                self.marks[i].1 = blocks.len();
            }
        }
        let Some(foot) = &mut self.foot else { return false };
        if foot.join(line) {
            return true;
        }
        let text = line.marker.is_none()
            && line.text.starts_with(|c: char| c.is_uppercase() || c == '(')
            && !starts_paragraph(&line.text);
        let ruled = foot.ruled;
        let borne = |notes: &Self| {
            let foot = notes.foot.as_ref().expect("a foot being read");
            foot.next_number().and_then(|n| notes.bearer(n, blocks, foot.marks_before)).is_some()
                || unborne(&line.text, blocks).is_some()
        };
        if text && (ruled || borne(self)) {
            let foot = self.foot.as_mut().expect("a foot being read");
            let skipped = vec![line.skipped(SkipReason::PageFurniture)];
            foot.entries.push(Entry::Text(line.text.clone(), skipped));
            foot.joinable = true;
            return true;
        }
        self.close(blocks, skipped);
        false
    }

    /// Places the footnotes of the foot being read, if any.
    fn close(&mut self, blocks: &mut [Block], skipped: &mut Vec<SkippedLine>) {
        let Some(foot) = self.foot.take() else { return };
        let (ruled, before) = (foot.ruled, foot.marks_before);
        let (numbered, loose) = foot.pairs();
        let mut loose = loose.into_iter();
        let unfinished = self
            .last
            .filter(|&at| blocks[at].notes.last().is_some_and(|note| !note.ends_with('.')));
        if let (Some(at), Some(Entry::Text(text, _))) = (unfinished, loose.next()) {
            let note = blocks[at].notes.last_mut().expect("an unfinished note");
            note.push(' ');
            note.push_str(&text);
        }
        if ruled {
            let page_end = blocks.len().saturating_sub(1);
            loose.for_each(|text| self.place(text, Some((page_end, Mark::Left)), blocks, skipped));
        }
        for (n, text) in numbered {
            let bearer = self.bearer(n, blocks, before);
            let on_title =
                self.on_title(n).then_some((0, Mark::Left)).filter(|_| !blocks.is_empty());
            let page_end = blocks.len().checked_sub(1).filter(|_| ruled).map(|at| (at, Mark::Left));
            let body = if let Entry::Text(body, _) = &text { body.as_str() } else { "" };
            let unborne = unborne(body, blocks).map(|at| (at, Mark::Left));
            let bearer = bearer.or(on_title).or(page_end).or(unborne);
            self.place(text, bearer, blocks, skipped);
            self.placed.push(n);
        }
        if ruled {
            self.strike_cited_again(blocks);
            self.page_start = blocks.len().saturating_sub(1);
        }
    }

    /// Places the footnotes of the last foot and takes out of the last pages' text the marks
    /// of footnotes cited again.
    pub(super) fn finish(&mut self, blocks: &mut [Block], skipped: &mut Vec<SkippedLine>) {
        self.close(blocks, skipped);
        self.strike_cited_again(blocks);
    }

    /// Takes out of this page's text the marks of footnotes placed before, cited again after
    /// a name ("the Court, 1 and calls upon"): a number after a year or a bare comma ("In
    /// 2016, 5 new States") stays, as no note printed below vouches for it.
    fn strike_cited_again(&self, blocks: &mut [Block]) {
        for block in blocks.iter_mut().skip(self.page_start) {
            for mark in self.placed.iter().map(u32::to_string) {
                while let Some(from) = spaced_mark(&block.text, &mark, name_before_a_mark) {
                    strike(&mut block.text, from);
                }
            }
        }
    }

    /// Whether footnote `n`'s mark is glued to the title, after the marks before it
    /// ("… the Agreement2943" for notes 29 and 43): its note goes to the draft's first
    /// paragraph, as the title holds none.
    fn on_title(&self, n: u32) -> bool {
        self.title_marks.iter().any(|digits| {
            let before = digits.strip_suffix(&n.to_string());
            before.is_some_and(|b| b.is_empty() || b.parse::<u32>().is_ok_and(|m| m < n))
        })
    }

    /// Gives a footnote's text to the block at `bearer`, taking a mark set apart out of its
    /// text; a footnote printed again on a later page is page furniture.
    fn place(
        &mut self,
        text: Entry,
        bearer: Option<(usize, Mark)>,
        blocks: &mut [Block],
        skipped: &mut Vec<SkippedLine>,
    ) {
        let (Entry::Text(text, lines), Some((at, mark))) = (text, bearer) else { return };
        if blocks.iter().any(|block| block.notes.contains(&text)) {
            return skipped.extend(lines);
        }
        if let Mark::Spaced(from) = mark {
            strike(&mut blocks[at].text, from);
        }
        blocks[at].notes.push(text);
        self.last = Some(at);
    }

    /// The block bearing footnote `n`: the first from the one bearing the note before on this
    /// page whose text holds the mark; else the one open where the number stood on a line of
    /// its own; else the last before with the mark glued to its words.
    fn bearer(&self, n: u32, blocks: &[Block], marks_before: usize) -> Option<(usize, Mark)> {
        let from = self.page_start.max(self.last.unwrap_or(0)).min(blocks.len());
        let found = |i: usize| mark_in(&blocks[i].text, n).map(|mark| (i, mark));
        let own_line = || {
            let mut earlier = self.marks[..marks_before.min(self.marks.len())].iter().rev();
            earlier.find(|&&(m, _)| m == n).map(|&(_, at)| (at, Mark::Left))
        };
        let glued_before =
            || (0..from).rev().find_map(|i| found(i).filter(|(_, m)| matches!(m, Mark::Left)));
        (from..blocks.len())
            .find_map(found)
            .or_else(own_line)
            .or_else(glued_before)
            .filter(|&(at, _)| at < blocks.len())
    }
}

/// Where footnote `n`'s mark stands in `text`, if it does.
fn mark_in(text: &str, n: u32) -> Option<Mark> {
    let mark = n.to_string();
    let glued = text.match_indices(&mark).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + mark.len()..].chars().next();
        before.is_some_and(|c| c.is_alphabetic() || matches!(c, ';' | ':' | ',' | '”' | ']'))
            && after.is_none_or(char::is_whitespace)
    });
    if glued || ends_with_spaced_mark(text, &mark) {
        return Some(Mark::Left);
    }
    spaced_mark(text, &mark, mark_follows).map(Mark::Spaced)
}

/// Takes the word after the space at byte `from` out of `text`, with that space.
fn strike(text: &mut String, from: usize) {
    let end = text[from + 1..].find(' ').map_or(text.len(), |e| from + 1 + e);
    text.replace_range(from..end, "");
}

/// "… resolution 72/4; 1": the footnote number set apart from the punctuation that ends
/// the paragraph.
fn ends_with_spaced_mark(text: &str, mark: &str) -> bool {
    let before = text.strip_suffix(mark).and_then(|b| b.strip_suffix(' '));
    before.is_some_and(|b| b.ends_with([';', ',', ':', '.']))
}

/// Words before a number that count or name what the number is: "Article 4", "resolution 70",
/// "Goal 14", "May 3".
const WORDS_BEFORE_A_NUMBER: &[&str] = &[
    "article",
    "resolution",
    "decision",
    "paragraph",
    "subparagraph",
    "section",
    "chapter",
    "annex",
    "appendix",
    "part",
    "rule",
    "item",
    "goal",
    "target",
    "principle",
    "phase",
    "recommendation",
    "table",
    "figure",
    "page",
    "volume",
    "vol.",
    "no.",
    "session",
    "option",
    "step",
    "level",
    "category",
    "protocol",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words after a number that say what it counts: "5 years", "3 million".
const WORDS_AFTER_A_NUMBER: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hours",
    "per",
    "percent",
    "million",
    "billion",
    "thousand",
    "hundred",
    "times",
    "members",
    "people",
    "persons",
    "countries",
];

/// Words joining numbers in a list or a range: "Goals 3 and 4", "paragraphs 2 to 5".
const WORDS_BETWEEN_NUMBERS: &[&str] = &["and", "or", "to", "through"];

/// Where footnote number `mark` stands set apart in mid-sentence — after a name, a year or a
/// punctuation mark, before a word in lower case ("the Paris Agreement 4 requires",
/// "Framework 2015–2030 3 and", "Development, 2 of") — as the byte of the space before it.
/// A number that counts ("Article 4 of", "under 5 years", "Goals 3 and 4") is no mark.
/// `follows` says which words a mark may follow.
fn spaced_mark(text: &str, mark: &str, follows: fn(&str) -> bool) -> Option<usize> {
    if mark.len() > MAX_MARK_DIGITS {
        return None;
    }
    let mut words = Vec::new();
    let mut start = 0;
    for word in text.split(' ') {
        words.push((start, word));
        start += word.len() + 1;
    }
    (1..words.len().saturating_sub(1)).find_map(|i| {
        let (at, number) = words[i];
        let next = words.get(i + 2).map_or("", |w| w.1);
        let counts = WORDS_BETWEEN_NUMBERS.contains(&words[i + 1].1)
            && next.starts_with(|c: char| c.is_ascii_digit());
        let mark = number == mark && follows(words[i - 1].1) && !counts;
        (mark && names_no_count(words[i + 1].1)).then(|| at - 1)
    })
}

/// A word a footnote mark may follow: one ending in punctuation, a name (a capital) that does
/// not count, or a year or range of years.
fn mark_follows(word: &str) -> bool {
    if word.ends_with([',', ';', ':', '”', ')']) {
        return true;
    }
    if word.ends_with(|c: char| c.is_ascii_digit()) {
        let year = word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit());
        return year || word.contains(['–', '-', '/']);
    }
    let lower = word.to_lowercase();
    word.starts_with(char::is_uppercase) && !WORDS_BEFORE_A_NUMBER.contains(&lower.as_str())
}

/// A name a mark cited again follows, with its punctuation: "Court,", "Goals".
fn name_before_a_mark(word: &str) -> bool {
    let name = word.trim_end_matches([',', ';', ':', '”']);
    let lower = name.to_lowercase();
    name.starts_with(char::is_uppercase) && !WORDS_BEFORE_A_NUMBER.contains(&lower.as_str())
}

/// A word after a mark: in lower case, not a unit.
fn names_no_count(word: &str) -> bool {
    word.starts_with(char::is_lowercase) && !WORDS_AFTER_A_NUMBER.contains(&word)
}

/// The digits glued to the end of a word: "Agreement2943" → "2943".
fn glued_digits(word: &str) -> Option<&str> {
    let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &word[letters.len()..];
    (letters.ends_with(char::is_alphabetic) && !digits.is_empty()).then_some(digits)
}

/// Where a short reference ("Document A66/47.") under a footnote number goes when no
/// paragraph bears the number (it stood in the title block): the first paragraph.
fn unborne(text: &str, blocks: &[Block]) -> Option<usize> {
    let reference = text.split(' ').count() <= MAX_REFERENCE_WORDS && text.ends_with('.');
    (reference && !blocks.is_empty()).then_some(0)
}

/// A running head of words (a title run at a page's head), not a page number or print code.
fn words_of_a_head(text: &str) -> bool {
    text.split(' ').filter(|w| w.chars().all(char::is_alphabetic)).count() >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes_of(text: &str) -> Vec<(String, Vec<String>)> {
        let draft = crate::import::import_text(text).unwrap();
        let notes = |p: &crate::import::ImportedParagraph| {
            p.footnotes.iter().map(|n| n.text.clone()).collect()
        };
        draft.paragraphs.iter().map(|p| (p.text.clone(), notes(p))).collect()
    }

    #[test]
    fn a_number_set_apart_after_a_name_or_a_comma_is_a_mark_where_it_can_be_one() {
        for (text, mark, at) in [
            ("under the Lisbon Accord 4 requires more", "4", Some(23)),
            ("the Harbour Programme, 2 of the Charter", "2", Some(22)),
            ("the Framework 2020–2031 3 and the Plan", "3", Some(25)),
            ("in the Rivers Compact 12 November 2019", "12", None),
            ("under Article 4 of the Accord", "4", None),
            ("recalling resolution 70 of the Council", "70", None),
            ("children under 5 years of age", "5", None),
            ("the River Compact 3 million people", "3", None),
            ("Harbour Goals 3 and 4 of the Plan", "3", None),
            ("amounts of 366 513 over ten years", "513", None),
            ("the 25 States that met", "25", None),
        ] {
            assert_eq!(spaced_mark(text, mark, mark_follows), at, "{text}");
        }
    }

    #[test]
    fn a_mark_glued_to_a_closing_bracket_bears_the_note_printed_with_its_lone_number() {
        let text = "The Conference of the Parties,\n\n\
            1. [Option 1: Decides to convene a dialogue in [2018][2019];]1\n\
            [Option 2: No such dialogue;]\n\n\
            2. Decides to act on the matter before the next session;\n\n1\n\n\
            This paragraph is similar to paragraph 76.\n\nPage 11 of 20\n\n\
            3. Requests a report.\n";
        let read = notes_of(text);
        assert_eq!(read[1].0, "[Option 1: Decides to convene a dialogue in [2018][2019];]");
        assert_eq!(read[1].1, ["This paragraph is similar to paragraph 76."]);
        assert_eq!(read.len(), 5, "{read:?}");
    }

    #[test]
    fn texts_printed_before_their_numbers_go_with_the_numbers_left_over() {
        let text = "The Assembly,\n\n\
            Recalling the Lisbon Accord, 1 the Harbour Programme 2 and the River Compact, 3\n\n\
            1. Decides to act on the Accord;\n\
            __________________\n\n\
            Accord text in document X/1.\nProgramme in document X/2.\n3\nSee document X/3.\n1\n2\n\n\
            2/4\n\n2. Requests a report.\n";
        let read = notes_of(text);
        assert_eq!(
            read[1].0,
            "Recalling the Lisbon Accord, the Harbour Programme and the River Compact,"
        );
        assert_eq!(
            read[1].1,
            ["Accord text in document X/1.", "Programme in document X/2.", "See document X/3."]
        );
        assert!(read[2].1.is_empty() && read.len() == 4, "{read:?}");
    }

    #[test]
    fn a_note_runs_on_across_a_page_break_and_a_mark_cited_again_bears_no_second_note() {
        let text = "The Assembly,\n\n\
            Recalling the Harbour Programme, 1 and the work of its committee,\n\n\
            Noting the documents of the River Compact, 2 which guide its work,\n\
            __________________\n1\n2\n\n\
            See document X/1.\nRelated documents are X/2, X/3,\n\n2/4\n\n\
            1. Welcomes the Harbour Programme, 1 and, since 2016, 1 more plan;\n\
            __________________\n\nX/4 and X/5.\n3/4\n\n2. Requests a report.\n";
        let read = notes_of(text);
        assert_eq!(read[1].1, ["See document X/1."]);
        assert_eq!(read[2].1, ["Related documents are X/2, X/3, X/4 and X/5."]);
        assert_eq!(read[3].0, "Welcomes the Harbour Programme, and, since 2016, 1 more plan;");
        assert!(read[3].1.is_empty() && read.len() == 5, "{read:?}");
    }

    #[test]
    fn a_note_marked_on_the_title_goes_to_the_first_paragraph() {
        let text = "Draft decision on the harbour fund established under\nthe Compact1217\n\
            The Meeting of the Parties,\n\nRecalling the Compact at length and in all of its parts,\n\n\
            1. Decides to act on the matter before it, in all of its parts as follows:\n\
            __________________\n17\n\n\
            Following consultations among the delegations, the brackets in the text were removed.\n\
            2/4\n\n2. Requests a report.\n";
        let read = notes_of(text);
        let note =
            "Following consultations among the delegations, the brackets in the text were removed.";
        assert_eq!(read[0].1, [note], "{read:?}");
        assert!(
            glued_digits("Compact1217") == Some("1217") && glued_digits("2013–20202").is_none()
        );
    }

    #[test]
    fn marks_on_lines_of_their_own_mark_the_paragraph_they_stand_in() {
        let text = "The Assembly,\n\n1\nHaving considered the report on the harbour, and\n2\n\
            the request of the committee;\n\nNoting the plan;\n\n1. DECIDES to act.\n\n1\n2\n\n\
            Document X/1.\nDocument X/2.\n";
        let read = notes_of(text);
        assert_eq!(read[1].1, ["Document X/1.", "Document X/2."]);
        assert_eq!(read.len(), 4, "{read:?}");
    }
}
