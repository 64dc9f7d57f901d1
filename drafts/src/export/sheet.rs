//! The layout of a text export, before any format: which paragraphs appear, with which printed
//! numbers, in which order, with which styled segments, annotations, footnotes and changes.
//! Renderers (`docx`, `html`, `text`, `markdown`) only translate a [`Sheet`] into their format.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Context;
use crate::brackets;
use crate::diff::{ParagraphChange, RoundDiff, SpanOp};
use crate::model::{
    ad_referendum_phrase, join_and, Document, Footnote, HouseStyle, Negotiation, NumberedParagraph,
    Paragraph, ParagraphId, ParagraphKind, Round, RoundState, Status, StatusKind,
};
use crate::style::{self as house_style, LetterCase};
use crate::summary::References;

/// What a comparison did to a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Mark {
    /// Common to both rounds (or not a comparison).
    #[default]
    Same,
    Inserted,
    Deleted,
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Look {
    /// The UN house style's italics: participles, operative verbs, the opening clause.
    pub italic: bool,
    /// Inside brackets, highlighted in the working text.
    pub bracket: bool,
    pub mark: Mark,
}

/// A run of text with one look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segment {
    pub text: String,
    pub look: Look,
}

impl Segment {
    pub fn plain(text: impl Into<String>) -> Segment {
        Segment { text: text.into(), look: Look::default() }
    }

    fn marked(text: impl Into<String>, mark: Mark) -> Segment {
        Segment { text: text.into(), look: Look { mark, ..Look::default() } }
    }
}

/// The whole paragraph's fate in a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Whole {
    #[default]
    Same,
    /// New in the later round (or moved here).
    Inserted,
    /// Gone from the later round (or moved away from here).
    Deleted,
}

/// The chair's information on a paragraph in the working text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Working {
    /// "OP7bis".
    pub label: String,
    pub status: StatusKind,
    /// "Agreed ad referendum of Canada; silence procedure until 3 May 2011, 18:00 UTC".
    pub status_text: String,
    /// "Proposed by Peru", "1 open bracket, held by Chile", "Note: …".
    pub details: Vec<String>,
}

/// One paragraph as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// The paragraph printed, for the formats that carry its identity (Word's bookmarks): set
    /// in the clean and working texts, not in a comparison, which prints a moved paragraph
    /// twice.
    pub id: Option<ParagraphId>,
    pub kind: ParagraphKind,
    /// 0 for top-level paragraphs, 1 for (a)…
    pub depth: u8,
    /// The printed number ("1.", "(a)"); empty when the paragraph is printed without one.
    pub number: Vec<Segment>,
    pub text: Vec<Segment>,
    /// The formal annotation that follows the text: " (ad referendum of the delegation of …)".
    pub annotation: Vec<Segment>,
    /// Footnote texts, referenced at the end of the paragraph.
    pub footnotes: Vec<String>,
    pub whole: Whole,
    /// A deleted paragraph in the working text: shown struck through.
    pub struck: bool,
    pub working: Option<Working>,
    /// Comparison remarks: "Moved: was PP14 in round 1". Word comments in `.docx`.
    pub remarks: Vec<String>,
    /// Who made this block's changes, when not the sheet's revision author: the proposing
    /// delegation in a compilation (the author of its Word tracked changes).
    pub author: Option<String>,
}

/// Which document a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SheetKind {
    Clean,
    Annotated,
    Compare,
}

/// The masthead: the organ on the left, the document's references on the right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Masthead {
    /// "GENERAL ASSEMBLY", "FORTY-FIRST REGULAR SESSION".
    pub organ: Vec<String>,
    /// "OEA/Ser.P", "AG/doc.5200/11", "27 April 2011", "Original: English".
    pub reference: Vec<String>,
}

/// Who made the changes of a comparison, as Word's tracked changes name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Revision {
    /// The later round's label.
    pub author: String,
    /// The later round's date.
    pub date: NaiveDate,
}

/// A text export laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sheet {
    pub kind: SheetKind,
    pub style: HouseStyle,
    /// "en", "es"…
    pub language: &'static str,
    pub masthead: Masthead,
    pub draft: bool,
    /// The title as printed (in capitals in the OAS style).
    pub title: String,
    /// The title as written, for metadata.
    pub plain_title: String,
    /// Centred lines under the title: the document's status line, the comparison's rounds (a
    /// "\n" marks where a line must break).
    pub subtitle: Vec<String>,
    /// Lines before the text: the chair's sentence. (A comparison's legend depends on the
    /// format: each renderer writes its own.)
    pub intro: Vec<String>,
    pub blocks: Vec<Block>,
    /// The round, on every page's foot (and the text formats' last line).
    pub footer: String,
    pub revision: Option<Revision>,
}

/// The clean text of the context's round.
pub(crate) fn clean(context: &Context) -> Sheet {
    let document = &context.document;
    let negotiation = &document.negotiation;
    let formal = context.options.formal_annotations;
    let style = negotiation.house_style;
    let blocks = document
        .paragraphs
        .iter()
        .filter(|p| p.paragraph.status.kind() != StatusKind::Deleted)
        .map(|p| {
            let text = strip_attributions(&p.paragraph.text);
            Block {
                id: Some(p.paragraph.id),
                kind: p.paragraph.kind,
                depth: p.depth,
                number: printed_number(p).map(Segment::plain).into_iter().collect(),
                text: styled(&text, p.paragraph.kind, style, false, Mark::Same),
                annotation: if formal {
                    annotation(&p.paragraph.status).map(Segment::plain).into_iter().collect()
                } else {
                    Vec::new()
                },
                footnotes: if formal { footnotes(&p.paragraph.footnotes, false) } else { vec![] },
                whole: Whole::Same,
                struck: false,
                working: None,
                remarks: Vec::new(),
                author: None,
            }
        })
        .collect();
    let subtitle = if formal { negotiation.status_line().into_iter().collect() } else { vec![] };
    Sheet { kind: SheetKind::Clean, blocks, subtitle, ..frame(context, &document.round) }
}

/// The chair's annotated working text of the context's round.
pub(crate) fn annotated(context: &Context) -> Sheet {
    let document = &context.document;
    let negotiation = &document.negotiation;
    let style = negotiation.house_style;
    let blocks = document
        .paragraphs
        .iter()
        .map(|p| {
            let paragraph = &p.paragraph;
            let deleted = paragraph.status.kind() == StatusKind::Deleted;
            Block {
                id: Some(paragraph.id),
                kind: paragraph.kind,
                depth: p.depth,
                number: printed_number(p).map(Segment::plain).into_iter().collect(),
                text: styled(&paragraph.text, paragraph.kind, style, true, Mark::Same),
                annotation: Vec::new(),
                footnotes: footnotes(&paragraph.footnotes, true),
                whole: Whole::Same,
                struck: deleted,
                working: Some(working(paragraph, context)),
                remarks: Vec::new(),
                author: None,
            }
        })
        .collect();
    let mut subtitle: Vec<String> = negotiation.status_line().into_iter().collect();
    subtitle.push(format!("Working text — {}", round_name(&document.round)));
    Sheet {
        kind: SheetKind::Annotated,
        blocks,
        subtitle,
        intro: vec![context.summary.sentence.clone()],
        ..frame(context, &document.round)
    }
}

/// The comparison of round `old` with the context's round (the later one).
pub(crate) fn compare(context: &Context, old: &Document, diff: &RoundDiff) -> Sheet {
    let new = &context.document;
    let style = new.negotiation.house_style;
    let formal = context.options.formal_annotations;
    fn live(p: Option<&NumberedParagraph>) -> Option<&NumberedParagraph> {
        p.filter(|p| p.paragraph.status.kind() != StatusKind::Deleted)
    }
    let texts = Texts::new(old, new);
    let blocks = places(old, diff)
        .into_iter()
        .filter_map(|place| {
            let change = &diff.changes[place.change];
            let before = live(texts.old_names.get(change.id));
            let after = live(texts.new_names.get(change.id));
            compared(place.role, change, before, after, &texts, style, formal)
        })
        .collect();
    let to_round = &new.round;
    let mut subtitle: Vec<String> =
        if formal { new.negotiation.status_line().into_iter().collect() } else { Vec::new() };
    subtitle.push(format!(
        "Comparison of {}\nwith {}",
        round_name(&old.round),
        round_name(to_round)
    ));
    Sheet {
        kind: SheetKind::Compare,
        blocks,
        subtitle,
        intro: at_a_glance(&texts, diff),
        revision: Some(Revision { author: to_round.label.clone(), date: to_round.date }),
        ..frame(context, to_round)
    }
}

/// The two texts of a comparison, each indexed once to name its paragraphs.
struct Texts<'a> {
    old: &'a Document,
    new: &'a Document,
    old_names: References<'a>,
    new_names: References<'a>,
}

impl<'a> Texts<'a> {
    fn new(old: &'a Document, new: &'a Document) -> Self {
        let (old_names, new_names) =
            (References::new(&old.paragraphs), References::new(&new.paragraphs));
        Self { old, new, old_names, new_names }
    }
}

/// One paragraph of the comparison at one of its places: moved from or to here, new, deleted or
/// changed in place, with its remarks; none when it is in neither text (deleted before the earlier
/// round) or a move lacks one of its ends.
fn compared(
    role: Role,
    change: &ParagraphChange,
    before: Option<&NumberedParagraph>,
    after: Option<&NumberedParagraph>,
    texts: &Texts,
    style: HouseStyle,
    formal: bool,
) -> Option<Block> {
    let (from, to) = (texts.old.round.number, texts.new.round.number);
    let block = match (role, before, after) {
        (Role::MovedFrom, Some(before), Some(after)) => {
            let mut block = whole_block(before, style, formal, Whole::Deleted);
            block.remarks.push(format!(
                "Moved from here to {} in round {to}{}.",
                texts.new_names.place(after),
                renamed(before, after, texts),
            ));
            block
        }
        (Role::MovedTo, Some(before), Some(after)) => {
            let mut block = whole_block(after, style, formal, Whole::Inserted);
            let mut remark = format!(
                "Moved here from {} in round {from}{}.",
                texts.old_names.place(before),
                renamed(before, after, texts),
            );
            if change.text_changed {
                remark.push_str(" Its text was also amended.");
            }
            block.remarks.push(remark);
            block.remarks.extend(status_remark(change, before, after));
            block
        }
        (Role::InPlace, None, Some(after)) => {
            let mut block = whole_block(after, style, formal, Whole::Inserted);
            let proposers = &after.paragraph.proposers;
            block.remarks.push(if proposers.is_empty() {
                format!("New in round {to}.")
            } else {
                format!("New in round {to}, proposed by {}.", join_and(proposers))
            });
            block
        }
        (Role::InPlace, Some(before), None) => {
            let mut block = whole_block(before, style, formal, Whole::Deleted);
            block.remarks.push(format!("Deleted in round {to}."));
            block
        }
        (Role::InPlace, Some(before), Some(after)) => {
            changed_block(change, before, after, style, formal)
        }
        _ => return None,
    };
    Some(block)
}

/// The comparison at a glance: how many paragraphs changed in each way, and which.
fn at_a_glance(texts: &Texts, diff: &RoundDiff) -> Vec<String> {
    let (from, to) = (texts.old.round.number, texts.new.round.number);
    let s = &diff.stats;
    let mut counts = Vec::new();
    for (n, one, many) in [
        (s.added, "paragraph added", "paragraphs added"),
        (s.deleted, "deleted", "deleted"),
        (s.moved, "moved", "moved"),
        (s.text_changed, "amended", "amended"),
        (s.status_changed, "changed status", "changed status"),
        (s.renumbered, "renumbered", "renumbered"),
    ] {
        if n > 0 {
            counts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    if counts.is_empty() {
        return vec![format!("The text did not change between round {from} and round {to}.")];
    }
    let mut lines = vec![format!(
        "From round {from} to round {to}: {}; {} unchanged.",
        join_and(&counts),
        plural(s.unchanged, "paragraph", "paragraphs")
    )];
    let mut which = Vec::new();
    for change in &diff.changes {
        let (before, after) = (texts.old_names.get(change.id), texts.new_names.get(change.id));
        let old_name = before.map(|p| texts.old_names.name(p));
        let new_name = after.map(|p| texts.new_names.name(p));
        match (old_name, new_name) {
            (_, Some(new_name)) if change.added => which.push(format!("{new_name} added")),
            (Some(old_name), _) if change.deleted => which.push(format!("{old_name} deleted")),
            (Some(old_name), Some(new_name)) if change.moved && old_name != new_name => {
                which.push(format!("{old_name} moved to become {new_name}"))
            }
            (Some(old_name), Some(_)) if change.moved => which.push(format!(
                "{old_name} moved to {}",
                after.map(|p| texts.new_names.place(p)).unwrap_or_default()
            )),
            (_, Some(new_name)) if change.text_changed => which.push(format!("{new_name} amended")),
            _ => {}
        }
    }
    if !which.is_empty() {
        lines.push(format!("{}.", capitalized(&which.join("; "))));
    }
    lines
}

/// ", now operative paragraph 3" when a moved paragraph's reference changed between the rounds;
/// nothing when it kept its working label.
fn renamed(before: &NumberedParagraph, after: &NumberedParagraph, texts: &Texts) -> String {
    let was = texts.old_names.name(before);
    let is = texts.new_names.name(after);
    if was == is {
        String::new()
    } else {
        format!(" (it was {was}, it is {is})")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The parts every sheet shares: masthead, title, footer.
pub(crate) fn frame(context: &Context, round: &Round) -> Sheet {
    let negotiation = &context.document.negotiation;
    Sheet {
        kind: SheetKind::Clean,
        style: negotiation.house_style,
        language: super::export_language(context),
        masthead: masthead(negotiation, round.date, super::export_language(context)),
        draft: context.options.draft_mark,
        title: printed_title(negotiation),
        plain_title: negotiation.title.clone(),
        subtitle: Vec::new(),
        intro: Vec::new(),
        blocks: Vec::new(),
        footer: footer(negotiation, round),
        revision: None,
    }
}

/// The masthead of a document dated `date`.
pub(crate) fn masthead(negotiation: &Negotiation, date: NaiveDate, written_in: &str) -> Masthead {
    let mut organ = Vec::new();
    for line in [&negotiation.body, &negotiation.session] {
        if !line.trim().is_empty() {
            organ.push(line.trim().to_uppercase());
        }
    }
    let symbol = negotiation.symbol.trim();
    let mut reference = Vec::new();
    match negotiation.house_style {
        HouseStyle::Oas => {
            if let Some(series) = oas_series(symbol, &negotiation.body) {
                reference.push(series.to_string());
            }
            if !symbol.is_empty() {
                reference.push(symbol.to_string());
            }
        }
        HouseStyle::Un => {
            if !symbol.is_empty() {
                reference.push(symbol.to_string());
            }
            let limited = symbol.contains("/L.");
            reference.push(if limited { "Distr.: Limited" } else { "Distr.: General" }.into());
        }
    }
    reference.push(long_date(date));
    reference.push(original_line(negotiation, written_in));
    Masthead { organ, reference }
}

/// "Original: English" as the original prints it (its language as the negotiation names it), or
/// as a language version written in `written_in` prints it ("Original: inglés").
fn original_line(negotiation: &Negotiation, written_in: &str) -> String {
    let original = crate::languages::language(&negotiation.language);
    match (original, crate::languages::language(written_in)) {
        (Some(original), Some(version)) if original != version => {
            crate::languages::original_line(original, version)
        }
        _ => format!("Original: {}", negotiation.language.trim()),
    }
}

/// The OAS series of a document symbol: "AG/doc.5200/11" → "OEA/Ser.P".
fn oas_series(symbol: &str, body: &str) -> Option<&'static str> {
    let prefix = symbol.split('/').next().unwrap_or("").to_uppercase();
    match prefix.as_str() {
        "AG" => Some("OEA/Ser.P"),
        "CP" => Some("OEA/Ser.G"),
        "CIDI" => Some("OEA/Ser.W"),
        "RC" => Some("OEA/Ser.F"),
        "" if body.trim().eq_ignore_ascii_case("general assembly") => Some("OEA/Ser.P"),
        "" if body.trim().eq_ignore_ascii_case("permanent council") => Some("OEA/Ser.G"),
        _ => None,
    }
}

/// A title set in lines of at most `width` chars, as even as can be: "DRAFT DECLARATION OF SAN
/// SALVADOR" / "ON CITIZEN SECURITY IN THE AMERICAS", not a last word left alone.
pub(crate) fn balanced(title: &str, width: usize) -> Vec<String> {
    let words: Vec<&str> = title.split_whitespace().collect();
    let length = |words: &[&str]| {
        words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len().saturating_sub(1)
    };
    let greedy = |limit: usize| {
        let mut lines: Vec<Vec<&str>> = vec![Vec::new()];
        for &word in &words {
            let line = lines.last_mut().expect("one line");
            if !line.is_empty() && length(line) + 1 + word.chars().count() > limit {
                lines.push(vec![word]);
            } else {
                line.push(word);
            }
        }
        lines
    };
    let fewest = greedy(width).len();
    let total = length(&words);
    let start = total.div_ceil(fewest.max(1));
    (start..=width.max(start))
        .map(greedy)
        .find(|lines| lines.len() <= fewest)
        .unwrap_or_else(|| greedy(width))
        .into_iter()
        .map(|line| line.join(" "))
        .collect()
}

/// "27 April 2011".
pub(crate) fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The title as printed: capitals in the OAS style, as written in the UN's.
fn printed_title(negotiation: &Negotiation) -> String {
    match negotiation.house_style {
        HouseStyle::Oas => negotiation.title.trim().to_uppercase(),
        HouseStyle::Un => negotiation.title.trim().to_string(),
    }
}

/// "Round 3: Formal session, 27 April 2011" (or "Round 3" when it has no other name).
pub(crate) fn round_name(round: &Round) -> String {
    let label = round.label.trim();
    let mut name = if label.is_empty() || label == format!("Round {}", round.number) {
        format!("Round {}", round.number)
    } else {
        format!("Round {}: {label}", round.number)
    };
    if round.state == RoundState::Open {
        name.push_str(" (open)");
    }
    name
}

/// How a page that leaves the desk names a round: the chair's label for it ("rev.2", "Formal
/// session, 5 April 2011"), or "Round 3" where it has none; never whether it is open.
pub(crate) fn printed_round(round: &Round) -> String {
    match round.label.trim() {
        "" => format!("Round {}", round.number),
        label => label.to_string(),
    }
}

/// The footer: symbol, round, fingerprint.
pub(crate) fn footer(negotiation: &Negotiation, round: &Round) -> String {
    let mut parts = Vec::new();
    if !negotiation.symbol.trim().is_empty() {
        parts.push(negotiation.symbol.trim().to_string());
    }
    parts.push(printed_round(round));
    if let Some(fingerprint) = round.short_fingerprint() {
        parts.push(format!("fingerprint {fingerprint}"));
    }
    parts.join(" · ")
}

/// The number printed before a paragraph: operative "7.", sub-paragraphs "(a)"; preambular
/// paragraphs, headings, the opening clause and the verb line are printed without a number.
pub(crate) fn printed_number(p: &NumberedParagraph) -> Option<String> {
    let number = p.number.as_deref()?;
    match p.paragraph.kind {
        ParagraphKind::Operative => Some(format!("{number}.")),
        ParagraphKind::SubParagraph => Some(number.to_string()),
        _ => None,
    }
}

/// The working text's lines on a paragraph's open brackets: how many, the options, who holds
/// them, and why each was placed.
fn bracket_details(context: &Context, paragraph: &Paragraph) -> Vec<String> {
    let Ok(count) = brackets::count(&paragraph.text) else { return Vec::new() };
    if count.brackets == 0 {
        return Vec::new();
    }
    let open: Vec<_> = context
        .brackets
        .iter()
        .filter(|b| b.paragraph == paragraph.id && b.lifted_round.is_none())
        .collect();
    let mut holders: Vec<String> = Vec::new();
    let written = brackets::parse(&paragraph.text).unwrap_or_default();
    for h in
        open.iter().flat_map(|r| r.holders.iter()).chain(written.iter().flat_map(|g| &g.holders))
    {
        if !holders.contains(h) {
            holders.push(h.clone());
        }
    }
    let mut line = match count.brackets {
        1 => "1 open bracket".to_string(),
        n => format!("{n} open brackets"),
    };
    if count.options > 0 {
        line.push_str(&format!(" offering {} options", count.options));
    }
    if !holders.is_empty() {
        line.push_str(&format!(", held by {}", join_and(&holders)));
    }
    let reasons = open
        .iter()
        .filter(|r| !r.reason.trim().is_empty())
        .map(|r| format!("Bracketed {} because: {}", r.source.trim(), r.reason.trim()));
    std::iter::once(line).chain(reasons).collect()
}

/// The formal annotation of a status: " (ad referendum of the delegation of Canada)".
fn annotation(status: &Status) -> Option<String> {
    match status {
        Status::AdReferendum(a) => ad_referendum_phrase(&a.delegations).map(|p| format!(" ({p})")),
        _ => None,
    }
}

/// Footnote texts; the working text names a reservation's delegation when the text does not.
fn footnotes(footnotes: &[Footnote], name_delegation: bool) -> Vec<String> {
    footnotes
        .iter()
        .map(|f| match &f.delegation {
            Some(d) if name_delegation && !f.text.contains(d.as_str()) => {
                format!("{d}: {}", f.text.trim())
            }
            _ => f.text.trim().to_string(),
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// The chair's line on a paragraph.
pub(crate) fn working(paragraph: &Paragraph, context: &Context) -> Working {
    let status_text = match &paragraph.status {
        Status::AdReferendum(a) => {
            let mut text = match a.delegations.as_slice() {
                [] => "Agreed ad referendum".to_string(),
                names => format!("Agreed ad referendum of {}", join_and(names)),
            };
            if let Some(deadline) = a.deadline {
                text.push_str(&format!(
                    "; silence procedure until {}",
                    deadline.format("%-d %B %Y, %H:%M UTC")
                ));
            }
            text
        }
        status => capitalized(status.kind().label()),
    };
    let mut details = Vec::new();
    if !paragraph.proposers.is_empty() {
        details.push(format!("Proposed by {}", join_and(&paragraph.proposers)));
    }
    details.extend(bracket_details(context, paragraph));
    for (i, note) in paragraph.notes.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        details.push(if i == 0 { format!("Note: {note}") } else { note.to_string() });
    }
    // A deleted paragraph keeps its last label, which may already say so: "PP3 (deleted)".
    let label = paragraph.label.trim();
    let label = match paragraph.status {
        Status::Deleted => label.strip_suffix("(deleted)").unwrap_or(label).trim_end(),
        _ => label,
    };
    Working { label: label.to_string(), status: paragraph.status.kind(), status_text, details }
}

/// "pending" → "Pending".
pub(crate) fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A paragraph printed whole, as inserted, deleted or unchanged.
fn whole_block(p: &NumberedParagraph, style: HouseStyle, formal: bool, whole: Whole) -> Block {
    let mark = match whole {
        Whole::Same => Mark::Same,
        Whole::Inserted => Mark::Inserted,
        Whole::Deleted => Mark::Deleted,
    };
    Block {
        id: None,
        kind: p.paragraph.kind,
        depth: p.depth,
        number: printed_number(p).map(|n| Segment::marked(n, mark)).into_iter().collect(),
        text: styled(&p.paragraph.text, p.paragraph.kind, style, false, mark),
        annotation: if formal {
            annotation(&p.paragraph.status).map(|a| Segment::marked(a, mark)).into_iter().collect()
        } else {
            Vec::new()
        },
        footnotes: if formal && whole != Whole::Deleted {
            footnotes(&p.paragraph.footnotes, false)
        } else {
            Vec::new()
        },
        whole,
        struck: false,
        working: None,
        remarks: Vec::new(),
        author: None,
    }
}

/// A paragraph present in both rounds, in place: its words diffed.
fn changed_block(
    change: &ParagraphChange,
    before: &NumberedParagraph,
    after: &NumberedParagraph,
    style: HouseStyle,
    formal: bool,
) -> Block {
    let old_looks = looks(&before.paragraph.text, before.paragraph.kind, style, false);
    let new_looks = looks(&after.paragraph.text, after.paragraph.kind, style, false);
    let mut pieces = Pieces::default();
    let (mut old_at, mut new_at) = (0, 0);
    for span in &change.spans {
        let (source, at, mark) = match span.op {
            SpanOp::Equal => (&new_looks, &mut new_at, Mark::Same),
            SpanOp::Insert => (&new_looks, &mut new_at, Mark::Inserted),
            SpanOp::Delete => (&old_looks, &mut old_at, Mark::Deleted),
        };
        for c in span.text.chars() {
            let (case, look) = match source.get(*at) {
                Some(&(original, case, look)) if original == c => (case, look),
                _ => (LetterCase::AsTyped, Look::default()),
            };
            *at += 1;
            pieces.push(c, case, Look { mark, ..look });
        }
        if span.op == SpanOp::Equal {
            old_at += span.text.chars().count();
        }
    }
    let number = match (printed_number(before), printed_number(after)) {
        (Some(old), Some(new)) if old != new => {
            vec![Segment::marked(old, Mark::Deleted), Segment::marked(new, Mark::Inserted)]
        }
        (_, Some(new)) => vec![Segment::plain(new)],
        (Some(old), None) => vec![Segment::marked(old, Mark::Deleted)],
        (None, None) => Vec::new(),
    };
    let annotation = if formal {
        match (annotation(&before.paragraph.status), annotation(&after.paragraph.status)) {
            (Some(old), Some(new)) if old == new => vec![Segment::plain(new)],
            (old, new) => old
                .map(|o| Segment::marked(o, Mark::Deleted))
                .into_iter()
                .chain(new.map(|n| Segment::marked(n, Mark::Inserted)))
                .collect(),
        }
    } else {
        Vec::new()
    };
    let mut remarks: Vec<String> = status_remark(change, before, after).into_iter().collect();
    if change.kind_changed {
        remarks.push(format!(
            "Was {}; now {}.",
            kind_words(before.paragraph.kind),
            kind_words(after.paragraph.kind)
        ));
    }
    Block {
        id: None,
        kind: after.paragraph.kind,
        depth: after.depth,
        number,
        text: pieces.0,
        annotation,
        footnotes: if formal { footnotes(&after.paragraph.footnotes, false) } else { Vec::new() },
        whole: Whole::Same,
        struck: false,
        working: None,
        remarks,
        author: None,
    }
}

fn status_remark(
    change: &ParagraphChange,
    before: &NumberedParagraph,
    after: &NumberedParagraph,
) -> Option<String> {
    change.status_changed.then(|| {
        format!(
            "Was {}; now {}.",
            status_words(&before.paragraph.status),
            status_words(&after.paragraph.status)
        )
    })
}

fn status_words(status: &Status) -> String {
    match status {
        Status::AdReferendum(a) if !a.delegations.is_empty() => {
            format!("agreed ad referendum of {}", join_and(&a.delegations))
        }
        other => other.kind().label().to_string(),
    }
}

fn kind_words(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::OpeningClause => "the opening clause",
        ParagraphKind::Preambular => "a preambular paragraph",
        ParagraphKind::VerbLine => "the verb line",
        ParagraphKind::Operative => "an operative paragraph",
        ParagraphKind::SectionHeading => "a section heading",
        ParagraphKind::SubParagraph => "a sub-paragraph",
    }
}

/// How a comparison entry is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// At its place in the later round (added, deleted, or present in both in the same order).
    InPlace,
    /// A moved paragraph at its earlier place, printed as deleted.
    MovedFrom,
    /// A moved paragraph at its later place, printed as inserted.
    MovedTo,
}

#[derive(Debug, Clone, Copy)]
struct Place {
    change: usize,
    role: Role,
}

/// The order of a comparison: the diff's order (the later round's, removed paragraphs after
/// their earlier predecessor), with each moved paragraph also at its earlier place, so that
/// accepting every change gives the later text and rejecting every change the earlier one.
fn places(old: &Document, diff: &RoundDiff) -> Vec<Place> {
    let index: HashMap<ParagraphId, usize> =
        diff.changes.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let mut places: Vec<Place> = diff
        .changes
        .iter()
        .enumerate()
        .map(|(i, c)| Place {
            change: i,
            role: if c.moved { Role::MovedTo } else { Role::InPlace },
        })
        .collect();
    let old_order: Vec<ParagraphId> = old.paragraphs.iter().map(|p| p.paragraph.id).collect();
    for (position, id) in old_order.iter().enumerate() {
        let Some(&change) = index.get(id) else { continue };
        if !diff.changes[change].moved {
            continue;
        }
        // After the entry of its earlier predecessor: that paragraph's own earlier place if it
        // moved too, its only place otherwise.
        let after = old_order[..position].iter().rev().find_map(|prev| {
            let prev_change = *index.get(prev)?;
            let role =
                if diff.changes[prev_change].moved { Role::MovedFrom } else { Role::InPlace };
            places.iter().position(|p| p.change == prev_change && p.role == role)
        });
        let at = after.map_or(0, |i| i + 1);
        places.insert(at, Place { change, role: Role::MovedFrom });
    }
    places
}

/// The styled segments of a paragraph's text.
pub(crate) fn styled(
    text: &str,
    kind: ParagraphKind,
    style: HouseStyle,
    show_brackets: bool,
    mark: Mark,
) -> Vec<Segment> {
    let mut pieces = Pieces::default();
    for (c, case, look) in looks(text, kind, style, show_brackets) {
        pieces.push(c, case, Look { mark, ..look });
    }
    pieces.0
}

/// Every char of a text with how it is printed: (the char, its letter case, its look).
/// The house style's ranges (`crate::style`, the screen's own) set capitals, lower case and
/// italics.
fn looks(
    text: &str,
    kind: ParagraphKind,
    style: HouseStyle,
    show_brackets: bool,
) -> Vec<(char, LetterCase, Look)> {
    let mut out: Vec<(char, LetterCase, Look)> =
        text.chars().map(|c| (c, LetterCase::AsTyped, Look::default())).collect();
    for range in house_style::ranges(text, kind, style) {
        for entry in &mut out[range.start..range.end] {
            entry.1 = range.case;
            entry.2.italic = range.italic;
        }
    }
    if show_brackets && brackets::validate(text).is_ok() {
        let mut depth = 0usize;
        for entry in out.iter_mut() {
            if entry.0 == '[' {
                depth += 1;
            }
            entry.2.bracket = depth > 0;
            if entry.0 == ']' {
                depth = depth.saturating_sub(1);
            }
        }
    }
    out
}

/// Segments being printed char by char: a char joins the last segment when it looks the same.
#[derive(Default)]
struct Pieces(Vec<Segment>);

impl Pieces {
    fn push(&mut self, c: char, case: LetterCase, look: Look) {
        let text = match self.0.last_mut() {
            Some(last) if last.look == look => &mut last.text,
            _ => {
                self.0.push(Segment { text: String::new(), look });
                &mut self.0.last_mut().expect("just pushed").text
            }
        };
        case.print_into(c, text);
    }
}

/// The text without the attributions of its brackets: "[Chile: domestic violence]" becomes
/// "[domestic violence]", "[Canada: A / Mexico: B]" becomes "[A / B]". A text whose brackets do
/// not balance is left as it is.
pub(crate) fn strip_attributions(text: &str) -> String {
    if !brackets::has_brackets(text) || brackets::validate(text).is_err() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let width = c.len_utf8();
        let alternative = c == '/'
            && depth > 0
            && out.ends_with(char::is_whitespace)
            && rest[width..].starts_with(char::is_whitespace);
        if c == '[' || alternative {
            if c == '[' {
                depth += 1;
            }
            out.push(c);
            rest = &rest[width..];
            if let Some((_, offset)) = brackets::split_attribution(rest) {
                rest = rest[offset..].trim_start();
                if alternative {
                    out.push(' ');
                }
            }
            continue;
        }
        if c == ']' {
            depth = depth.saturating_sub(1);
        }
        out.push(c);
        rest = &rest[width..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_are_set_on_balanced_lines() {
        let title = "DRAFT DECLARATION OF SAN SALVADOR ON CITIZEN SECURITY IN THE AMERICAS";
        assert_eq!(
            balanced(title, 56),
            ["DRAFT DECLARATION OF SAN SALVADOR", "ON CITIZEN SECURITY IN THE AMERICAS"]
        );
        assert_eq!(balanced("SHORT TITLE", 56), ["SHORT TITLE"]);
        assert_eq!(balanced("", 56), [""]);
    }

    #[test]
    fn attributions_are_stripped_from_brackets() {
        assert_eq!(
            strip_attributions("eradicating [Chile: domestic violence] in all forms"),
            "eradicating [domestic violence] in all forms"
        );
        assert_eq!(
            strip_attributions("to [Canada: strengthen / Mexico, Peru: reinforce] security"),
            "to [strengthen / reinforce] security"
        );
        assert_eq!(strip_attributions("[Canada: a [Chile: b] c]"), "[a [b] c]");
        assert_eq!(strip_attributions("no brackets: here"), "no brackets: here");
        assert_eq!(strip_attributions("[unbalanced: x"), "[unbalanced: x");
        assert_eq!(strip_attributions("[to be decided]"), "[to be decided]");
    }

    #[test]
    fn oas_participles_are_capitalized_and_un_ones_italic() {
        let oas = styled(
            "Recognizing also that peace matters;",
            ParagraphKind::Preambular,
            HouseStyle::Oas,
            false,
            Mark::Same,
        );
        assert_eq!(oas, vec![Segment::plain("RECOGNIZING ALSO that peace matters;")]);
        let un = styled(
            "RECOGNIZING ALSO that peace matters,",
            ParagraphKind::Preambular,
            HouseStyle::Un,
            false,
            Mark::Same,
        );
        assert_eq!(un[0].text, "Recognizing also");
        assert!(un[0].look.italic);
        assert_eq!(un[1], Segment::plain(" that peace matters,"));
    }

    /// Segments as one string, italics between asterisks.
    fn asterisks(segments: &[Segment]) -> String {
        let mut out = String::new();
        for s in segments {
            if s.look.italic {
                out.push_str(&format!("*{}*", s.text));
            } else {
                out.push_str(&s.text);
            }
        }
        out.replace("**", "")
    }

    /// What the screen shows: the stored text, each styled range with its CSS classes
    /// (capitals, lower case, italics), italics between asterisks.
    fn screen(text: &str, kind: ParagraphKind, style: HouseStyle) -> String {
        let ranges = crate::style::ranges(text, kind, style);
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        for r in &ranges {
            out.extend(&chars[at..r.start]);
            let mut shown = String::new();
            chars[r.start..r.end].iter().for_each(|&c| r.case.print_into(c, &mut shown));
            out.push_str(&if r.italic { format!("*{shown}*") } else { shown });
            at = r.end;
        }
        out.extend(&chars[at..]);
        out.replace("**", "")
    }

    #[test]
    fn exports_print_the_house_style_the_screen_shows() {
        use ParagraphKind::*;
        let paragraphs = [
            (OpeningClause, "The General Assembly,"),
            (OpeningClause, "THE MINISTERS OF FOREIGN AFFAIRS, gathered in Lima;"),
            (Preambular, "Recognizing also that peace matters;"),
            (Preambular, "RECOGNIZING ALSO that peace matters,"),
            (Preambular, "RECOGNIZING furthermore the need to act;"),
            (Preambular, "Bearing in mind the Charter;"),
            (Preambular, "Also recalling its resolution 1325 (2000),"),
            (Operative, "Also decides to remain seized of the matter;"),
            (Operative, "To instruct the Permanent Council to follow up."),
            (SubParagraph, "To submit a report on [the] matter;"),
            (SubParagraph, "Decides to convene a meeting;"),
            (VerbLine, "RESOLVES:"),
            (SectionHeading, "I. General principles"),
        ];
        let mut printed = Vec::new();
        for style in [HouseStyle::Oas, HouseStyle::Un] {
            for (kind, text) in paragraphs {
                let export = asterisks(&styled(text, kind, style, false, Mark::Same));
                assert_eq!(export, screen(text, kind, style), "{style:?} {kind:?}");
                printed.push(export);
            }
        }
        // The house styles themselves: OAS capitals with the adverbs, UN italics.
        for expected in [
            "RECOGNIZING ALSO that peace matters;",
            "RECOGNIZING FURTHERMORE the need to act;",
            "ALSO RECALLING its resolution 1325 (2000),",
            "*The General Assembly*,",
            "*Recognizing also* that peace matters,",
            "*Also decides* to remain seized of the matter;",
            "To submit a report on [the] matter;",
        ] {
            assert!(printed.iter().any(|p| p == expected), "{expected} not in {printed:#?}");
        }
    }

    #[test]
    fn brackets_are_highlighted_in_the_working_text() {
        let segments = styled(
            "eradicating [domestic] violence",
            ParagraphKind::Operative,
            HouseStyle::Oas,
            true,
            Mark::Same,
        );
        let highlighted: Vec<&str> =
            segments.iter().filter(|s| s.look.bracket).map(|s| s.text.as_str()).collect();
        assert_eq!(highlighted, ["[domestic]"]);
    }
}
