//! Step 4, read the statuses: "(Agreed)", "(ad referendum of the delegation of …)",
//! "(Pending)", "(Proposed by …)" and brackets, in English, Spanish, French and Portuguese.

use crate::brackets;
use crate::import::{ImportedParagraph, ImportedStatus};
use crate::model::{Footnote, ParagraphKind, OAS_MEMBER_STATES};

use super::front::title_case;
use super::lines::{clean, normalize};
use super::matching::{ends_with_ci, find_ci, starts_with_word_ci};
use super::paragraphs::heads_an_annex;

/// A status annotation: "(Agreed)", "(ad referendum of the delegation of Mexico)"…
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Annotation {
    Agreed,
    AdReferendum(Vec<String>),
    Pending,
    Bracketed,
    Proposed(Vec<String>),
}

/// The longest parenthesis read as an annotation, in bytes; a longer one belongs to the text.
const MAX_ANNOTATION: usize = 300;

/// Words that open an "(Agreed)" annotation, in the four languages of the OAS.
const AGREED_WORDS: &[&str] = &[
    "agreed",
    "approved",
    "adopted",
    "aprobado",
    "aprobada",
    "acordado",
    "acordada",
    "adoptado",
    "adoptada",
    "convenido",
    "consensuado",
    "approuvé",
    "approuvée",
    "adopté",
    "adoptée",
    "convenu",
    "aprovado",
    "aprovada",
    "adotado",
    "adotada",
];

/// Words that open a "(Pending)" annotation.
const PENDING_WORDS: &[&str] = &[
    "pending",
    "pendiente",
    "pendente",
    "en attente",
    "under negotiation",
    "under discussion",
    "being negotiated",
    "en negociación",
    "en discusión",
    "not agreed",
    "no acordado",
    "non agréé",
];

/// Words that open a "(Bracketed)" annotation.
const BRACKETED_WORDS: &[&str] =
    &["bracketed", "in brackets", "entre corchetes", "entre crochets", "entre colchetes"];

/// Words that open a "(Proposed by …)" annotation; the delegations follow.
const PROPOSED_WORDS: &[&str] = &[
    "proposed",
    "proposal",
    "new proposal",
    "text proposed",
    "new text proposed",
    "submitted",
    "presented",
    "propuesto",
    "propuesta",
    "nueva propuesta",
    "presentado",
    "presentada",
    "proposé",
    "proposée",
    "proposition",
    "nouvelle proposition",
    "proposto",
    "proposta",
    "nova proposta",
    "apresentado",
];

/// How annotations spell ad referendum; the delegations follow.
const AD_REFERENDUM: &[&str] = &["ad referendum", "ad referéndum", "ad ref."];

/// Strips the status annotations at the end and the start of a text:
/// `(rest, annotations)`.
pub(super) fn take_annotations(text: &str) -> (&str, Vec<Annotation>) {
    let mut rest = text.trim();
    let mut found = Vec::new();
    loop {
        if let Some((open, annotation)) =
            trailing_group(rest).and_then(|(open, inner)| Some((open, parse_annotation(inner)?)))
        {
            found.push(annotation);
            rest = rest[..open].trim_end();
        } else if let Some((annotation, after)) =
            leading_group(rest).and_then(|(inner, after)| Some((parse_annotation(inner)?, after)))
        {
            found.push(annotation);
            rest = after.trim_start();
        } else {
            return (rest, found);
        }
    }
}

/// The parenthesis a text ends with (a period may follow it): `(offset of "(", inside)`.
fn trailing_group(text: &str) -> Option<(usize, &str)> {
    let body = text.strip_suffix(").").or_else(|| text.strip_suffix(')'))?;
    let mut depth = 0usize;
    for (i, c) in body.char_indices().rev() {
        if body.len() - i > MAX_ANNOTATION {
            return None;
        }
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some((i, &body[i + 1..])),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The parenthesis a text starts with: `(inside, rest)`.
fn leading_group(text: &str) -> Option<(&str, &str)> {
    let body = text.strip_prefix('(')?;
    let mut depth = 0usize;
    for (i, c) in body.char_indices() {
        if i > MAX_ANNOTATION {
            return None;
        }
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some((&body[..i], &body[i + 1..])),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Reads the inside of a parenthesis as a status annotation, if it is one.
fn parse_annotation(inner: &str) -> Option<Annotation> {
    let s = inner.trim().trim_end_matches('.').trim_end();
    let words = s.split_whitespace().count();
    if words == 0 {
        return None;
    }
    for phrase in AD_REFERENDUM {
        if let Some((start, end)) = find_ci(s, phrase) {
            if s[..start].split_whitespace().count() <= 2 {
                return Some(Annotation::AdReferendum(delegations(&s[end..])));
            }
        }
    }
    let proposed = PROPOSED_WORDS
        .iter()
        .filter_map(|word| starts_with_word_ci(s, word))
        .min_by_key(|rest| rest.len());
    if let Some(rest) = proposed {
        return Some(Annotation::Proposed(delegations(rest)));
    }
    if let Some(before) = ["'s proposal", "’s proposal", " proposal"]
        .iter()
        .find_map(|suffix| ends_with_ci(s, suffix))
        .filter(|_| words <= 4)
    {
        return Some(Annotation::Proposed(delegations(before)));
    }
    let opens = |list: &[&str]| list.iter().any(|w| starts_with_word_ci(s, w).is_some());
    if words <= 12 && opens(AGREED_WORDS) {
        Some(Annotation::Agreed)
    } else if words <= 6 && opens(PENDING_WORDS) {
        Some(Annotation::Pending)
    } else if words <= 4 && opens(BRACKETED_WORDS) {
        Some(Annotation::Bracketed)
    } else {
        None
    }
}

/// Words that may stand before or between the names of delegations.
const NAME_FILLERS: &[&str] = &[
    "of",
    "by",
    "from",
    "the",
    "delegation",
    "delegations",
    "and",
    "de",
    "del",
    "la",
    "las",
    "el",
    "los",
    "por",
    "delegación",
    "delegacion",
    "delegaciones",
    "y",
    "par",
    "des",
    "du",
    "délégation",
    "délégations",
    "et",
    "da",
    "das",
    "do",
    "dos",
    "pela",
    "pelo",
    "delegação",
    "delegações",
    "e",
];

/// Other names of member states, with the roster's name.
const ALIASES: &[(&str, &str)] = &[
    ("United States of America", "United States"),
    ("Bahamas", "The Bahamas"),
    ("Bolivarian Republic of Venezuela", "Venezuela"),
    ("Plurinational State of Bolivia", "Bolivia"),
];

/// At most this many delegations are read from one annotation.
const MAX_DELEGATIONS: usize = 40;

/// The delegations named in "of the delegations of Canada and Mexico", "by Argentina, Brazil
/// and Chile", "de la delegación de México": member states as the roster spells them, others
/// as written.
pub(super) fn delegations(text: &str) -> Vec<String> {
    let mut rest = text;
    let mut names: Vec<String> = Vec::new();
    while names.len() < MAX_DELEGATIONS {
        rest = rest
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '&'));
        if rest.is_empty() {
            break;
        }
        if let Some((name, after)) = member_state(rest) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
            rest = after;
        } else if let Some(after) = NAME_FILLERS.iter().find_map(|w| starts_with_word_ci(rest, w)) {
            rest = after;
        } else if rest.starts_with(char::is_uppercase) {
            let end = name_end(rest);
            let name = title_case(rest[..end].trim().trim_end_matches('.'));
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
            rest = &rest[end..];
        } else {
            break;
        }
    }
    names
}

/// Words that may stand before the delegation a footnote speaks for, besides
/// [`NAME_FILLERS`]: "The Government of Canada …".
const FOOTNOTE_FILLERS: &[&str] = &["government", "gobierno", "gouvernement", "governo"];

/// A footnote, with the delegation it speaks for when it opens with a member state: "The
/// delegation of Canada reserves its position …", "Mexico: reservation …", "La delegación de
/// Chile …".
pub(in crate::import) fn footnote(text: &str) -> Footnote {
    let text = normalize(&clean(text).text);
    let mut rest = text.as_str();
    while let Some(after) =
        NAME_FILLERS.iter().chain(FOOTNOTE_FILLERS).find_map(|w| starts_with_word_ci(rest, w))
    {
        rest = after.trim_start();
    }
    let delegation = member_state(rest).map(|(name, _)| name.to_string());
    Footnote { delegation, text }
}

/// The member state `text` starts with, by its roster name or an alias: `(name, rest)`.
fn member_state(text: &str) -> Option<(&'static str, &str)> {
    let roster = OAS_MEMBER_STATES.iter().map(|name| (*name, *name));
    roster
        .chain(ALIASES.iter().copied())
        .filter_map(|(written, name)| starts_with_word_ci(text, written).map(|rest| (name, rest)))
        .min_by_key(|(_, rest)| rest.len())
}

/// Where a name that is not on the roster ends: at a comma, a semicolon or "and".
fn name_end(text: &str) -> usize {
    text.char_indices()
        .find(|&(i, c)| {
            matches!(c, ',' | ';' | '&')
                || (c == ' '
                    && ["and", "y", "e", "et"]
                        .iter()
                        .any(|w| starts_with_word_ci(&text[i + 1..], w).is_some()))
        })
        .map_or(text.len(), |(i, _)| i)
}

/// A paragraph's text without its status annotations, with the status they and its brackets
/// give and its proposers.
pub(in crate::import) fn read_status(text: &str) -> (String, ImportedStatus, Vec<String>) {
    let (rest, annotations) = take_annotations(text);
    let (status, proposers) = status_of(rest, &annotations);
    (rest.to_string(), status, proposers)
}

/// The status of a paragraph from its annotations and brackets, with its proposers.
pub(super) fn status_of(text: &str, annotations: &[Annotation]) -> (ImportedStatus, Vec<String>) {
    let mut proposers: Vec<String> = Vec::new();
    let (mut pending, mut proposed, mut bracketed) = (false, false, false);
    let mut ad_referendum = None;
    for annotation in annotations {
        match annotation {
            Annotation::Agreed => {}
            Annotation::Pending => pending = true,
            Annotation::Bracketed => bracketed = true,
            Annotation::AdReferendum(delegations) => ad_referendum = Some(delegations.clone()),
            Annotation::Proposed(names) => {
                proposed = true;
                for name in names {
                    if !proposers.contains(name) {
                        proposers.push(name.clone());
                    }
                }
            }
        }
    }
    let status = if pending {
        ImportedStatus::Pending
    } else if proposed {
        ImportedStatus::Proposed
    } else if bracketed || wholly_bracketed(text) {
        ImportedStatus::Bracketed
    } else if brackets::has_brackets(text) {
        ImportedStatus::Pending
    } else if let Some(delegations) = ad_referendum {
        ImportedStatus::AdReferendum { delegations }
    } else {
        ImportedStatus::Agreed
    };
    (status, proposers)
}

/// "[RECOGNIZING that …;]", "[…];", "[A] [B]": one group of brackets around the whole text.
fn wholly_bracketed(text: &str) -> bool {
    let core = text.trim_end_matches(['.', ';', ',', ':', ' ']);
    if !core.starts_with('[') || !core.ends_with(']') {
        return false;
    }
    let whole = |group: &brackets::Bracket| group.start == 0 && group.end == core.chars().count();
    brackets::parse(core).is_ok_and(|groups| matches!(groups.as_slice(), [group] if whole(group)))
}

/// A bracket left open at the end of a paragraph: the paragraphs whose words all stand
/// inside it so far.
struct OpenBracket {
    line: usize,
    inside: Vec<usize>,
    /// Opened before the opening clause or an annex's heading ("[Annex I"): the bracket around
    /// a whole draft or annex, which its section headings do not close.
    whole_draft: bool,
}

/// Marks bracketed every paragraph whose words all stand inside a bracket that opens in one
/// paragraph and closes in a later one: "[Decides that the work programme should:" / "(a) …;"
/// / "(b) ….]" are three bracketed paragraphs, as the chair reads them. Such a bracket opens
/// before a paragraph's first word (or after an option label, "Option 1: [") and closes after
/// a paragraph's last word (a note in parentheses may follow); a bracket left open or closed
/// anywhere else, or never closed, is a typo and brackets nothing, and a section heading
/// closes none it does not open, but for one opened before the opening clause ("[ The Parties
/// to this Agreement," … "]"): the whole draft is bracketed, headings included. The
/// paragraph's reason says where the bracket opens and
/// closes, so that the chair sees why a paragraph without brackets of its own is bracketed.
pub(super) fn read_spanning_brackets(paragraphs: &mut [ImportedParagraph]) {
    let mut open: Vec<OpenBracket> = Vec::new();
    let mut bracketed = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if paragraph.kind == ParagraphKind::SectionHeading {
            open.retain(|bracket| bracket.whole_draft);
        }
        let (closes, noted, opens) = unmatched_brackets(&paragraph.text);
        open.iter_mut().for_each(|bracket| bracket.inside.push(index));
        for mut bracket in (0..closes).map_while(|_| open.pop()) {
            if noted {
                bracket.inside.retain(|&inside| inside != index);
            }
            let lines = (bracket.line, paragraph.line);
            bracketed.extend(bracket.inside.into_iter().map(|inside| (inside, lines)));
        }
        for before in opens {
            let words = before.chars().any(char::is_alphanumeric);
            let inside = if words { Vec::new() } else { vec![index] };
            let whole_draft = paragraph.kind == ParagraphKind::OpeningClause
                || (paragraph.kind == ParagraphKind::SectionHeading
                    && heads_an_annex(&paragraph.text));
            open.push(OpenBracket { line: paragraph.line, inside, whole_draft });
        }
    }
    for (index, (opens, closes)) in bracketed {
        let paragraph = &mut paragraphs[index];
        if matches!(paragraph.status, ImportedStatus::Agreed | ImportedStatus::Pending) {
            paragraph.status = ImportedStatus::Bracketed;
            let note = format!("bracketed: inside the bracket from line {opens} to line {closes}");
            paragraph.reason = [paragraph.reason.as_str(), &note]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
        }
    }
}

/// The brackets a paragraph's text leaves unmatched that may span paragraphs: how many `]`
/// close after its last word (a note in parentheses may follow them: then `true`), and for
/// each `[` opening before its first word or after an option label, the text before it.
fn unmatched_brackets(text: &str) -> (usize, bool, Vec<&str>) {
    let mut opens: Vec<usize> = Vec::new();
    let mut closes = Vec::new();
    for (at, c) in text.char_indices() {
        match c {
            '[' => opens.push(at),
            ']' if opens.pop().is_none() => closes.push(at),
            _ => {}
        }
    }
    let at_end = |&&at: &&usize| !without_note(&text[at..]).chars().any(char::is_alphanumeric);
    let at_start = |&at: &usize| {
        let before = text[..at].trim();
        let label = before.ends_with(':') && before.split_whitespace().count() <= 3;
        (label || !before.chars().any(char::is_alphanumeric)).then_some(&text[..at])
    };
    let closing: Vec<&usize> = closes.iter().filter(at_end).collect();
    let noted = closing.last().is_some_and(|&&at| text[at..].chars().any(char::is_alphanumeric));
    (closing.len(), noted, opens.iter().filter_map(at_start).collect())
}

/// A text without the note in parentheses it ends with: "…];](delete, move to Agreement)".
fn without_note(text: &str) -> &str {
    let trimmed = text.trim_end_matches(['.', ';', ' ']);
    match trimmed.strip_suffix(')').and_then(|body| body.rfind('(')) {
        Some(open) => &trimmed[..open],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::classify::read_document_status;
    use crate::model::NegotiationMeta;

    #[test]
    fn footnotes_name_the_delegation_they_open_with() {
        for (text, delegation) in [
            ("The delegation of Canada reserves its position on this paragraph.", Some("Canada")),
            ("Mexico: reservation on the words in brackets.", Some("Mexico")),
            ("La delegación de Chile se reserva.", Some("Chile")),
            ("The Government of the United States of America notes.", Some("United States")),
            ("See document CP/doc.4567/11.", None),
        ] {
            let note = footnote(text);
            assert_eq!(note.delegation.as_deref(), delegation, "{text}");
            assert_eq!(note.text, text);
        }
        assert_eq!(footnote("A \u{13} PAGE \u{14}2\u{15} note.").text, "A 2 note.");
    }

    #[test]
    fn status_read_from_a_text() {
        let (text, status, proposers) = read_status("To meet. (Proposed by Peru)");
        assert_eq!((text.as_str(), status), ("To meet.", ImportedStatus::Proposed));
        assert_eq!(proposers, ["Peru"]);
        let mut meta = NegotiationMeta::default();
        read_document_status(&mut meta, "(ad referendum of the delegation of Mexico)");
        read_document_status(&mut meta, "Draft resolution (ad referendum of Chile)");
        assert_eq!(meta.whole_text_ad_referendum, ["Mexico"]);
    }

    #[test]
    fn an_editors_placeholders_are_no_brackets() {
        for agreed in [
            "Until [entry into force + 4 years], Member States shall issue them.",
            "Directive 1999/37/EC is repealed with effect from [date of entry into force + 2 years].",
            "As amended on [date] by Regulation [...] and [insert the number].",
        ] {
            assert_eq!(read_status(agreed).1, ImportedStatus::Agreed, "{agreed}");
        }
        for pending in [
            "Until [entry into force + 4 years], Member States shall [strengthen] checks.",
            "To meet [within two years].",
            "To meet [Canada: before 2030].",
        ] {
            assert_eq!(read_status(pending).1, ImportedStatus::Pending, "{pending}");
        }
    }

    #[test]
    fn a_bracket_around_the_whole_draft_brackets_its_headings_and_paragraphs() {
        let bracketed = |text: &str| -> Vec<bool> {
            let draft = crate::import::import_text(text).unwrap();
            draft.paragraphs.iter().map(|p| p.status == ImportedStatus::Bracketed).collect()
        };
        let whole = "[The Parties to this Agreement,\n\
            Recognizing the need to act,\n\
            Have agreed as follows:\n\
            Article 1\n\
            1. Parties shall act.\n\
            Article 2\n\
            1. Parties shall report.]\n";
        assert!(bracketed(whole).iter().all(|&b| b), "{:?}", bracketed(whole));
        let stray = "The Parties to this Agreement,\n\
            Recognizing the need to act,\n\
            Have agreed as follows:\n\
            Article 1\n\
            1. [Parties shall act.\n\
            Article 2\n\
            1. Parties shall report.]\n";
        assert!(!bracketed(stray)[5], "a heading closes a bracket opened in a paragraph");
        let annex = "The Assembly,\n\
            Recalling its work,\n\
            1. Adopts the annex.\n\
            [Annex I\n\
            Tables\n\
            A. Holdings\n\
            1. Parties shall report.]\n";
        assert_eq!(bracketed(annex), [false, false, false, true, true, true, true]);
    }

    #[test]
    fn a_bracket_across_paragraphs_brackets_every_paragraph_inside_it() {
        let text = "The General Assembly,\n\
            1. Decides to act;\n\
            2. [Decides that the programme should:\n\
            (a) Facilitate the work;\n\
            (b) Option 1: [Assess] the delivery;\n\
            (c) Report on it.]\n\
            3. Requests a report [on the programme];\n\
            4. Invites [Parties to act;\n\
            5. Urges States to act.\n\
            6. [Notes the report:\n\
            (a) On the work;\n\
            (b) On the programme;](move to the annex)\n";
        let draft = crate::import::import_text(text).unwrap();
        let statuses: Vec<&str> = draft
            .paragraphs
            .iter()
            .map(|p| match p.status {
                ImportedStatus::Agreed => "agreed",
                ImportedStatus::Bracketed => "bracketed",
                ImportedStatus::Pending => "pending",
                _ => "other",
            })
            .collect();
        let (a, b, p) = ("agreed", "bracketed", "pending");
        assert_eq!(statuses, [a, a, b, b, b, b, p, p, a, b, b, p]);
        assert!(draft.paragraphs[3]
            .reason
            .ends_with("; bracketed: inside the bracket from line 3 to line 6"));
    }
}
