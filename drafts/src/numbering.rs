//! Paragraph numbers and working labels. Both are computed from the order, kind, parent and
//! status of the paragraphs, never stored with them.

use std::collections::HashMap;

use crate::model::{NumberedParagraph, Paragraph, ParagraphId, ParagraphKind, Status};

/// Latin suffixes for paragraphs inserted during a round, in order: OP7bis, OP7ter… The
/// importer reads labels with the same list, so every label written here comes back as one.
pub const INSERTION_SUFFIXES: [&str; 9] =
    ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"];

/// The suffix of an alternative's label, "OP6alt", followed by a number from the second on:
/// "OP6alt2".
pub const ALTERNATIVE_SUFFIX: &str = "alt";

/// Numbers the paragraphs, in the same order, twice. The clean number is the one printed in
/// the clean text: preambular and operative paragraphs "1", "2"… (each kind counted on its own,
/// operative numbering running across section headings), sub-paragraphs "(a)", "(i)", "a.",
/// "i." by depth, restarting under each parent. The working number is the one the room uses
/// while the round is open, read from the working label: "7bis" for OP7bis, "(a)" for OP7(a);
/// a paragraph whose label carries no number falls back to its clean number. Deleted
/// paragraphs and unnumbered kinds get neither; deleted ones use up no clean number.
pub fn number(paragraphs: &[Paragraph]) -> Vec<NumberedParagraph> {
    into_numbered(paragraphs.to_vec())
}

/// [`number`], taking the paragraphs rather than copying them.
pub fn into_numbered(paragraphs: Vec<Paragraph>) -> Vec<NumberedParagraph> {
    outline(&paragraphs)
        .into_iter()
        .zip(paragraphs)
        .map(|(place, paragraph)| {
            let clean = place.ordinal.and_then(|n| match paragraph.kind {
                ParagraphKind::Preambular | ParagraphKind::Operative => Some(n.to_string()),
                ParagraphKind::SubParagraph => Some(sub_number(n, place.depth)),
                _ => None,
            });
            let working = clean
                .as_ref()
                .and_then(|_| working_number(&paragraph.label, paragraph.kind, place.depth));
            NumberedParagraph {
                paragraph,
                number: working.or_else(|| clean.clone()),
                clean_number: clean,
                depth: u8::try_from(place.depth).unwrap_or(u8::MAX),
            }
        })
        .collect()
}

/// The number a live paragraph's working label gives it, its depth read from the label's
/// sub-paragraph marks ("OP7(a)(i)" is at depth 2): what [`number`] gives a paragraph whose label
/// carries a number, without the rest of the text.
pub fn number_of_label(label: &str, kind: ParagraphKind) -> Option<String> {
    working_number(label, kind, label.matches('(').count())
}

/// The number a working label gives a paragraph in the text: "OP7bis" → "7bis", "PP3" → "3",
/// "OP6alt" → "6alt", "OP7(a)" → "(a)", "OP7(a)bis" → "(a)bis", "OP7(a)(i)(b)" at depth 3 →
/// "b."; none for a label without a number ("OPnew").
fn working_number(label: &str, kind: ParagraphKind, depth: usize) -> Option<String> {
    let prefix = match kind {
        ParagraphKind::Preambular => "PP",
        ParagraphKind::Operative => "OP",
        ParagraphKind::SubParagraph => {
            let (_, last) = label.rsplit_once('(')?;
            let (part, suffix) = last.split_once(')')?;
            let valid = !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric());
            return valid.then(|| match depth {
                0..=2 => format!("({part}){suffix}"),
                _ => format!("{part}{suffix}."),
            });
        }
        _ => return None,
    };
    let rest = label.strip_prefix(prefix)?;
    rest.starts_with(|c: char| c.is_ascii_digit()).then(|| rest.to_string())
}

/// The working labels used in the room, in the same order: "PP3", "OP7", "OP7(a)",
/// "OP7(a)(i)", "Chapeau", "Verb line", "Section 2". Deleted paragraphs get "" (they keep the
/// label they had); a sub-paragraph of a deleted paragraph builds on its parent's stored label.
pub fn clean_labels(paragraphs: &[Paragraph]) -> Vec<String> {
    let places = outline(paragraphs);
    let mut labels: Vec<String> = Vec::with_capacity(paragraphs.len());
    for (i, (place, paragraph)) in places.iter().zip(paragraphs).enumerate() {
        let label = match (place.ordinal, paragraph.kind) {
            (None, _) if paragraph.status == Status::Deleted => String::new(),
            (_, ParagraphKind::OpeningClause) => "Chapeau".to_string(),
            (_, ParagraphKind::VerbLine) => "Verb line".to_string(),
            (Some(n), ParagraphKind::Preambular) => format!("PP{n}"),
            (Some(n), ParagraphKind::Operative) => format!("OP{n}"),
            (Some(n), ParagraphKind::SectionHeading) => format!("Section {n}"),
            (Some(n), ParagraphKind::SubParagraph) => {
                let base = match place.anchor {
                    Some(j) if j < i && !labels[j].is_empty() => labels[j].as_str(),
                    Some(j) => paragraphs[j].label.as_str(),
                    None => "",
                };
                format!("{base}({})", sub_label(n, place.depth))
            }
            (None, _) => String::new(),
        };
        labels.push(label);
    }
    labels
}

/// The label of a paragraph inserted during a round after `previous_same_kind`, the nearest
/// preceding paragraph of its kind: after "OP7" (or "OP7bis") the first free of "OP7bis",
/// "OP7ter" … "OP7decies", then "OP7-11", "OP7-12"…. With no such paragraph: "PPnew", then
/// "PPnew2"… ("OPnew", "Section new", "Sub-paragraph new", "Chapeau new", "Verb line new").
pub fn insertion_label(
    existing: &[String],
    previous_same_kind: Option<&str>,
    kind: ParagraphKind,
) -> String {
    let taken = |label: &str| existing.iter().any(|e| e == label);
    let Some(previous) = previous_same_kind else {
        let stem = new_stem(kind);
        return first_free(Some(stem.to_string()), 2, |n| format!("{stem}{n}"), taken);
    };
    let base = insertion_base(previous);
    if let Some(free) = INSERTION_SUFFIXES.iter().map(|s| format!("{base}{s}")).find(|l| !taken(l))
    {
        return free;
    }
    first_free(None, 11, |n| format!("{base}-{n}"), taken)
}

/// The label of a paragraph added last of its kind (a sub-paragraph: last under its parent,
/// labelled `parent`), after `previous`: the next number when it is free ("OP1" first, "OP12"
/// after "OP11" or "OP11bis", "OP7(c)" after "OP7(b)"), as a chair typing a text expects;
/// otherwise (the number still worn by a deleted paragraph) the label of an insertion.
pub fn appended_label(
    existing: &[String],
    previous: Option<&str>,
    parent: Option<&str>,
    kind: ParagraphKind,
) -> String {
    let next = match (kind, parent) {
        (ParagraphKind::Preambular, _) => next_top_label("PP", previous),
        (ParagraphKind::Operative, _) => next_top_label("OP", previous),
        (ParagraphKind::SubParagraph, Some(parent)) => next_sub_label(parent, previous),
        _ => None,
    };
    let worn = |label: &str| {
        existing.iter().any(|e| {
            e.strip_prefix(label)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()))
        })
    };
    match next {
        Some(label) if !worn(&label) => label,
        _ => insertion_label(existing, previous, kind),
    }
}

/// "PP1" with no previous paragraph, "OP12" after "OP11" or "OP11bis".
fn next_top_label(prefix: &str, previous: Option<&str>) -> Option<String> {
    let n: usize = match previous {
        None => 0,
        Some(label) => insertion_base(label).strip_prefix(prefix)?.parse().ok()?,
    };
    Some(format!("{prefix}{}", n + 1))
}

/// "OP7(a)" under "OP7" with no previous sub-paragraph, "OP7(c)" after "OP7(b)" or
/// "OP7(b)bis", "OP7(a)(iv)" after "OP7(a)(iii)".
fn next_sub_label(parent: &str, previous: Option<&str>) -> Option<String> {
    let depth = parent.matches('(').count() + 1;
    let n = match previous {
        None => 0,
        Some(label) => {
            let (_, last) = insertion_base(label).rsplit_once('(')?;
            let part = last.strip_suffix(')')?;
            (1..=1000).find(|&n| sub_label(n, depth) == part)?
        }
    };
    Some(format!("{parent}({})", sub_label(n + 1, depth)))
}

/// The label of an alternative proposed for the paragraph labelled `of`: "OP6alt", then
/// "OP6alt2"… (an alternative of "OP6alt" is numbered among those of "OP6").
pub fn alternative_label(existing: &[String], of: &str) -> String {
    let taken = |label: &str| existing.iter().any(|e| e == label);
    let base = strip_alternative(of);
    let alt = ALTERNATIVE_SUFFIX;
    first_free(Some(format!("{base}{alt}")), 2, |n| format!("{base}{alt}{n}"), taken)
}

/// Where a paragraph sits in the outline.
struct Place {
    /// 0 for top-level paragraphs, 1 for (a), 2 for (i)…
    depth: usize,
    /// Position among the paragraphs counted with it, from 1; `None` when not counted.
    ordinal: Option<usize>,
    /// For a sub-paragraph: the index of the paragraph it hangs under.
    anchor: Option<usize>,
}

/// Computes depth, ordinal and anchor of every paragraph.
fn outline(paragraphs: &[Paragraph]) -> Vec<Place> {
    let index: HashMap<ParagraphId, usize> =
        paragraphs.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let parent_of = |i: usize| {
        let paragraph = &paragraphs[i];
        paragraph.parent.and_then(|id| index.get(&id).copied()).filter(|&j| j != i)
    };
    let mut preambular = 0;
    let mut operative = 0;
    let mut sections = 0;
    let mut subs: HashMap<Option<usize>, usize> = HashMap::new();
    let mut last_top = None;
    let mut places = Vec::with_capacity(paragraphs.len());
    for (i, paragraph) in paragraphs.iter().enumerate() {
        let counted = paragraph.status != Status::Deleted;
        let next = |counter: &mut usize| {
            counted.then(|| {
                *counter += 1;
                *counter
            })
        };
        let place = match paragraph.kind {
            ParagraphKind::SubParagraph => {
                let anchor = parent_of(i).or(last_top);
                let ordinal = next(subs.entry(anchor).or_default());
                Place { depth: depth(paragraphs, i, parent_of), ordinal, anchor }
            }
            kind => {
                last_top = Some(i);
                let ordinal = match kind {
                    ParagraphKind::Preambular => next(&mut preambular),
                    ParagraphKind::Operative => next(&mut operative),
                    ParagraphKind::SectionHeading => next(&mut sections),
                    _ => None,
                };
                Place { depth: 0, ordinal, anchor: None }
            }
        };
        places.push(place);
    }
    places
}

/// The depth of paragraph `i`: one more than its parent's for a sub-paragraph, 1 for one whose
/// parent is missing, 0 otherwise. A cycle of parents stops after visiting every paragraph.
fn depth(paragraphs: &[Paragraph], i: usize, parent_of: impl Fn(usize) -> Option<usize>) -> usize {
    let mut depth = 0;
    let mut current = i;
    while paragraphs[current].kind == ParagraphKind::SubParagraph && depth <= paragraphs.len() {
        depth += 1;
        match parent_of(current) {
            Some(parent) => current = parent,
            None => break,
        }
    }
    depth
}

/// A sub-paragraph's printed number: "(a)" at depth 1, "(i)" at 2, "a." at 3, "i." below.
fn sub_number(n: usize, depth: usize) -> String {
    match depth {
        0 | 1 => format!("({})", letters(n)),
        2 => format!("({})", roman(n)),
        3 => format!("{}.", letters(n)),
        _ => format!("{}.", roman(n)),
    }
}

/// A sub-paragraph's part of a working label, without punctuation: the letter or numeral of
/// its printed number ("a" for "(a)" and "a.", "i" for "(i)" and "i.").
fn sub_label(n: usize, depth: usize) -> String {
    match depth {
        0 | 1 | 3 => letters(n),
        _ => roman(n),
    }
}

/// 1 → "a", 26 → "z", 27 → "aa", 28 → "bb", 53 → "aaa".
fn letters(n: usize) -> String {
    let n = n.max(1) - 1;
    let letter = char::from(b'a' + (n % 26) as u8);
    std::iter::repeat_n(letter, n / 26 + 1).collect()
}

/// Lowercase roman numeral: 4 → "iv", 1994 → "mcmxciv".
pub(crate) fn roman(n: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while rest >= value {
            out.push_str(numeral);
            rest -= value;
        }
    }
    out
}

/// The label of a new paragraph of `kind` with no paragraph of its kind before it.
fn new_stem(kind: ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::Preambular => "PPnew",
        ParagraphKind::Operative => "OPnew",
        ParagraphKind::SectionHeading => "Section new",
        ParagraphKind::SubParagraph => "Sub-paragraph new",
        ParagraphKind::OpeningClause => "Chapeau new",
        ParagraphKind::VerbLine => "Verb line new",
    }
}

/// `first` if given and free, else the first free of `numbered(from)`, `numbered(from + 1)`…
fn first_free(
    first: Option<String>,
    from: usize,
    numbered: impl Fn(usize) -> String,
    taken: impl Fn(&str) -> bool,
) -> String {
    if let Some(first) = first.filter(|label| !taken(label)) {
        return first;
    }
    let mut n = from;
    loop {
        let label = numbered(n);
        if !taken(&label) {
            return label;
        }
        n += 1;
    }
}

/// Whether a label stem can carry a suffix: it ends with a number, a sub-paragraph's ")" or
/// "new" ("OP7", "OP7(a)", "PPnew").
fn is_stem(stem: &str) -> bool {
    stem.ends_with(|c: char| c.is_ascii_digit() || c == ')') || stem.ends_with("new")
}

/// "OP6alt" and "OP6alt2" → "OP6"; other labels unchanged.
fn strip_alternative(label: &str) -> &str {
    let without_number = label.trim_end_matches(|c: char| c.is_ascii_digit());
    match without_number.strip_suffix(ALTERNATIVE_SUFFIX) {
        Some(stem) if is_stem(stem) => stem,
        _ => label,
    }
}

/// The label an insertion derives from: "OP7bis", "OP7-12" and "OP7alt" → "OP7".
fn insertion_base(label: &str) -> &str {
    let label = strip_alternative(label);
    let latin = INSERTION_SUFFIXES
        .iter()
        .filter_map(|suffix| label.strip_suffix(suffix))
        .filter(|stem| is_stem(stem))
        .min_by_key(|stem| stem.len());
    if let Some(stem) = latin {
        return stem;
    }
    match label.rsplit_once('-') {
        Some((stem, n))
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && is_stem(stem) =>
        {
            stem
        }
        _ => label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(kind: ParagraphKind) -> Paragraph {
        Paragraph {
            id: ParagraphId::new(),
            kind,
            parent: None,
            text: String::new(),
            status: Status::Pending,
            footnotes: Vec::new(),
            proposers: Vec::new(),
            notes: String::new(),
            label: String::new(),
        }
    }

    fn sub(parent: &Paragraph) -> Paragraph {
        Paragraph { parent: Some(parent.id), ..paragraph(ParagraphKind::SubParagraph) }
    }

    fn deleted(mut paragraph: Paragraph) -> Paragraph {
        paragraph.status = Status::Deleted;
        paragraph
    }

    fn numbers(paragraphs: &[Paragraph]) -> Vec<Option<String>> {
        number(paragraphs).into_iter().map(|p| p.clean_number).collect()
    }

    fn some(numbers: &[&str]) -> Vec<Option<String>> {
        numbers.iter().map(|n| (!n.is_empty()).then(|| n.to_string())).collect()
    }

    fn strings(labels: &[&str]) -> Vec<String> {
        labels.iter().map(|l| l.to_string()).collect()
    }

    /// Chapeau, PP1, PP2, verb line, OP1, section, OP2 with (a) and (b), OP3.
    fn declaration() -> Vec<Paragraph> {
        let op2 = paragraph(ParagraphKind::Operative);
        let a = sub(&op2);
        let b = sub(&op2);
        vec![
            paragraph(ParagraphKind::OpeningClause),
            paragraph(ParagraphKind::Preambular),
            paragraph(ParagraphKind::Preambular),
            paragraph(ParagraphKind::VerbLine),
            paragraph(ParagraphKind::Operative),
            paragraph(ParagraphKind::SectionHeading),
            op2,
            a,
            b,
            paragraph(ParagraphKind::Operative),
        ]
    }

    #[test]
    fn preambular_and_operative_are_numbered_separately_across_sections() {
        assert_eq!(
            numbers(&declaration()),
            some(&["", "1", "2", "", "1", "", "2", "(a)", "(b)", "3"])
        );
        let depths: Vec<u8> = number(&declaration()).iter().map(|p| p.depth).collect();
        assert_eq!(depths, vec![0, 0, 0, 0, 0, 0, 0, 1, 1, 0]);
    }

    #[test]
    fn numbering_keeps_the_paragraphs_and_their_order() {
        let paragraphs = declaration();
        let numbered = number(&paragraphs);
        let kept: Vec<Paragraph> = numbered.into_iter().map(|p| p.paragraph).collect();
        assert_eq!(kept, paragraphs);
        assert!(number(&[]).is_empty());
    }

    #[test]
    fn deleted_paragraphs_get_no_number_and_use_none_up() {
        let mut paragraphs = declaration();
        paragraphs[1] = deleted(paragraphs[1].clone());
        paragraphs[4] = deleted(paragraphs[4].clone());
        paragraphs[7] = deleted(paragraphs[7].clone());
        assert_eq!(numbers(&paragraphs), some(&["", "", "1", "", "", "", "1", "", "(a)", "2"]));
    }

    #[test]
    fn sub_paragraph_levels() {
        let op = paragraph(ParagraphKind::Operative);
        let a = sub(&op);
        let i = sub(&a);
        let ii = sub(&a);
        let third = sub(&ii);
        let fourth = sub(&third);
        let fifth = sub(&fourth);
        let b = sub(&op);
        let i_of_b = sub(&b);
        let paragraphs = vec![op, a, i, ii, third, fourth, fifth, b, i_of_b];
        assert_eq!(
            numbers(&paragraphs),
            some(&["1", "(a)", "(i)", "(ii)", "a.", "i.", "i.", "(b)", "(i)"])
        );
        let depths: Vec<u8> = number(&paragraphs).iter().map(|p| p.depth).collect();
        assert_eq!(depths, vec![0, 1, 2, 2, 3, 4, 5, 1, 2]);
    }

    #[test]
    fn sub_numbering_restarts_per_parent() {
        let op1 = paragraph(ParagraphKind::Operative);
        let op2 = paragraph(ParagraphKind::Operative);
        let paragraphs = vec![op1.clone(), sub(&op1), sub(&op1), op2.clone(), sub(&op2)];
        assert_eq!(numbers(&paragraphs), some(&["1", "(a)", "(b)", "2", "(a)"]));
    }

    #[test]
    fn sub_paragraph_with_missing_parent_hangs_under_the_nearest_paragraph() {
        let op1 = paragraph(ParagraphKind::Operative);
        let op2 = paragraph(ParagraphKind::Operative);
        let orphan = paragraph(ParagraphKind::SubParagraph);
        let stray = Paragraph {
            parent: Some(ParagraphId::new()),
            ..paragraph(ParagraphKind::SubParagraph)
        };
        let paragraphs = vec![op1, op2.clone(), sub(&op2), orphan, stray];
        assert_eq!(numbers(&paragraphs), some(&["1", "2", "(a)", "(b)", "(c)"]));
        let depths: Vec<u8> = number(&paragraphs).iter().map(|p| p.depth).collect();
        assert_eq!(depths, vec![0, 0, 1, 1, 1]);
        assert_eq!(
            clean_labels(&paragraphs),
            strings(&["OP1", "OP2", "OP2(a)", "OP2(b)", "OP2(c)"])
        );
    }

    #[test]
    fn sub_paragraph_before_any_paragraph() {
        let orphan = paragraph(ParagraphKind::SubParagraph);
        assert_eq!(numbers(std::slice::from_ref(&orphan)), some(&["(a)"]));
        assert_eq!(clean_labels(&[orphan]), strings(&["(a)"]));
    }

    #[test]
    fn parent_cycles_do_not_hang() {
        let mut a = paragraph(ParagraphKind::SubParagraph);
        let mut b = paragraph(ParagraphKind::SubParagraph);
        a.parent = Some(b.id);
        b.parent = Some(a.id);
        let mut own = paragraph(ParagraphKind::SubParagraph);
        own.parent = Some(own.id);
        let numbered = number(&[a.clone(), b.clone(), own.clone()]);
        assert_eq!(numbered.len(), 3);
        assert_eq!(numbered[2].depth, 1);
        assert_eq!(clean_labels(&[a, b, own]).len(), 3);
    }

    #[test]
    fn letters_and_roman_numerals_run_on() {
        assert_eq!(letters(1), "a");
        assert_eq!(letters(26), "z");
        assert_eq!(letters(27), "aa");
        assert_eq!(letters(28), "bb");
        assert_eq!(letters(53), "aaa");
        assert_eq!(roman(4), "iv");
        assert_eq!(roman(9), "ix");
        assert_eq!(roman(14), "xiv");
        assert_eq!(roman(1994), "mcmxciv");
    }

    #[test]
    fn many_sub_paragraphs_continue_past_z() {
        let op = paragraph(ParagraphKind::Operative);
        let mut paragraphs = vec![op.clone()];
        paragraphs.extend((0..28).map(|_| sub(&op)));
        let numbered = numbers(&paragraphs);
        assert_eq!(numbered[26].as_deref(), Some("(z)"));
        assert_eq!(numbered[27].as_deref(), Some("(aa)"));
        assert_eq!(numbered[28].as_deref(), Some("(bb)"));
    }

    #[test]
    fn clean_labels_of_a_declaration() {
        assert_eq!(
            clean_labels(&declaration()),
            strings(&[
                "Chapeau",
                "PP1",
                "PP2",
                "Verb line",
                "OP1",
                "Section 1",
                "OP2",
                "OP2(a)",
                "OP2(b)",
                "OP3"
            ])
        );
    }

    #[test]
    fn clean_labels_of_nested_sub_paragraphs() {
        let op = paragraph(ParagraphKind::Operative);
        let a = sub(&op);
        let i = sub(&a);
        let deeper = sub(&i);
        let paragraphs = vec![op, a, i.clone(), sub(&i), deeper.clone(), sub(&deeper)];
        assert_eq!(
            clean_labels(&paragraphs),
            strings(&[
                "OP1",
                "OP1(a)",
                "OP1(a)(i)",
                "OP1(a)(i)(a)",
                "OP1(a)(i)(b)",
                "OP1(a)(i)(b)(i)"
            ])
        );
    }

    #[test]
    fn deleted_paragraphs_get_empty_labels_and_sections_count_on() {
        let section = paragraph(ParagraphKind::SectionHeading);
        let op = Paragraph { label: "OP1".into(), ..deleted(paragraph(ParagraphKind::Operative)) };
        let paragraphs = vec![
            deleted(section),
            paragraph(ParagraphKind::SectionHeading),
            op.clone(),
            sub(&op),
            paragraph(ParagraphKind::Operative),
        ];
        assert_eq!(clean_labels(&paragraphs), strings(&["", "Section 1", "", "OP1(a)", "OP1"]));
    }

    #[test]
    fn insertion_after_a_paragraph_uses_latin_suffixes() {
        let kind = ParagraphKind::Operative;
        assert_eq!(insertion_label(&strings(&["OP7", "OP8"]), Some("OP7"), kind), "OP7bis");
        assert_eq!(insertion_label(&strings(&["OP7", "OP7bis"]), Some("OP7"), kind), "OP7ter");
        assert_eq!(insertion_label(&strings(&["OP7", "OP7bis"]), Some("OP7bis"), kind), "OP7ter");
        let existing = strings(&["OP7", "OP7bis", "OP7ter"]);
        assert_eq!(insertion_label(&existing, Some("OP7ter"), kind), "OP7quater");
        let existing = strings(&["PP2", "PP2bis", "PP2ter", "PP2quater"]);
        assert_eq!(
            insertion_label(&existing, Some("PP2quater"), ParagraphKind::Preambular),
            "PP2quinquies"
        );
    }

    #[test]
    fn insertion_runs_through_all_suffixes_then_numbers() {
        let mut existing = strings(&["OP7"]);
        let mut labels = Vec::new();
        for _ in 0..12 {
            let label = insertion_label(&existing, Some("OP7"), ParagraphKind::Operative);
            existing.push(label.clone());
            labels.push(label);
        }
        assert_eq!(
            labels,
            strings(&[
                "OP7bis",
                "OP7ter",
                "OP7quater",
                "OP7quinquies",
                "OP7sexies",
                "OP7septies",
                "OP7octies",
                "OP7novies",
                "OP7decies",
                "OP7-11",
                "OP7-12",
                "OP7-13"
            ])
        );
        assert_eq!(insertion_label(&existing, Some("OP7-12"), ParagraphKind::Operative), "OP7-14");
    }

    #[test]
    fn insertion_after_other_labels() {
        let kind = ParagraphKind::SubParagraph;
        assert_eq!(insertion_label(&[], Some("OP7(a)"), kind), "OP7(a)bis");
        assert_eq!(insertion_label(&[], Some("OP6alt"), ParagraphKind::Operative), "OP6bis");
        assert_eq!(insertion_label(&[], Some("PPnew"), ParagraphKind::Preambular), "PPnewbis");
        assert_eq!(
            insertion_label(&[], Some("Chapter"), ParagraphKind::SectionHeading),
            "Chapterbis"
        );
    }

    #[test]
    fn insertion_without_a_previous_paragraph() {
        let kind = ParagraphKind::Preambular;
        assert_eq!(insertion_label(&[], None, kind), "PPnew");
        assert_eq!(insertion_label(&strings(&["PPnew"]), None, kind), "PPnew2");
        assert_eq!(insertion_label(&strings(&["PPnew", "PPnew2"]), None, kind), "PPnew3");
        assert_eq!(insertion_label(&strings(&["PPnew"]), None, ParagraphKind::Operative), "OPnew");
        assert_eq!(insertion_label(&[], None, ParagraphKind::SectionHeading), "Section new");
    }

    #[test]
    fn appended_paragraphs_take_the_next_free_number() {
        let op = ParagraphKind::Operative;
        let appended = |existing: &[&str], previous, parent, kind| {
            appended_label(&strings(existing), previous, parent, kind)
        };
        assert_eq!(appended(&[], None, None, op), "OP1");
        assert_eq!(appended(&["OP10", "OP11"], Some("OP11"), None, op), "OP12");
        assert_eq!(appended(&["OP11", "OP11bis"], Some("OP11bis"), None, op), "OP12");
        assert_eq!(appended(&["PP2"], Some("PP2"), None, ParagraphKind::Preambular), "PP3");
        assert_eq!(appended(&["OP11", "OP12 (deleted)"], Some("OP11"), None, op), "OP11bis");
        assert_eq!(appended(&["OP1", "OP10"], Some("OP1"), None, op), "OP2");
        assert_eq!(appended(&[], Some("OPnew"), None, op), "OPnewbis");
        let sub = ParagraphKind::SubParagraph;
        assert_eq!(appended(&[], None, Some("OP7"), sub), "OP7(a)");
        assert_eq!(appended(&[], Some("OP7(b)bis"), Some("OP7"), sub), "OP7(c)");
        assert_eq!(appended(&[], Some("OP7(a)(iii)"), Some("OP7(a)"), sub), "OP7(a)(iv)");
        assert_eq!(appended(&[], Some("OP7(z)"), Some("OP7"), sub), "OP7(aa)");
        assert_eq!(appended(&[], None, None, sub), "Sub-paragraph new");
    }

    #[test]
    fn the_working_number_is_read_from_the_label() {
        let op = ParagraphKind::Operative;
        let sub = ParagraphKind::SubParagraph;
        assert_eq!(working_number("OP7bis", op, 0).as_deref(), Some("7bis"));
        assert_eq!(working_number("OP6alt2", op, 0).as_deref(), Some("6alt2"));
        assert_eq!(working_number("PP3", ParagraphKind::Preambular, 0).as_deref(), Some("3"));
        assert_eq!(working_number("OP7(a)", sub, 1).as_deref(), Some("(a)"));
        assert_eq!(working_number("OP7(a)bis", sub, 1).as_deref(), Some("(a)bis"));
        assert_eq!(working_number("OP7(a)(ii)", sub, 2).as_deref(), Some("(ii)"));
        assert_eq!(working_number("OP7(a)(i)(b)", sub, 3).as_deref(), Some("b."));
        assert_eq!(working_number("OPnew", op, 0), None);
        assert_eq!(working_number("", op, 0), None);
        assert_eq!(working_number("OP7", ParagraphKind::SectionHeading, 0), None);
    }

    #[test]
    fn an_insertion_shows_its_label_while_the_clean_number_counts_on() {
        let mut paragraphs: Vec<Paragraph> =
            (0..3).map(|_| paragraph(ParagraphKind::Operative)).collect();
        for (p, label) in paragraphs.iter_mut().zip(["OP1", "OP1bis", "OP2"]) {
            p.label = label.into();
        }
        let numbered = number(&paragraphs);
        let working: Vec<_> = numbered.iter().map(|p| p.number.as_deref()).collect();
        let clean: Vec<_> = numbered.iter().map(|p| p.clean_number.as_deref()).collect();
        assert_eq!(working, [Some("1"), Some("1bis"), Some("2")]);
        assert_eq!(clean, [Some("1"), Some("2"), Some("3")]);
    }

    #[test]
    fn alternative_labels() {
        assert_eq!(alternative_label(&strings(&["OP6"]), "OP6"), "OP6alt");
        assert_eq!(alternative_label(&strings(&["OP6", "OP6alt"]), "OP6"), "OP6alt2");
        assert_eq!(alternative_label(&strings(&["OP6alt", "OP6alt2"]), "OP6alt"), "OP6alt3");
        assert_eq!(alternative_label(&[], "OP7bis"), "OP7bisalt");
        assert_eq!(alternative_label(&[], "Salt"), "Saltalt");
    }
}
