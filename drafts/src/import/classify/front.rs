//! Step 2, find the draft: what comes before it (a covering letter or report, a document
//! header) is skipped; the title block gives the title, the document symbol and the
//! document-level status.

use crate::import::{SkipReason, SkippedLine};
use crate::lexicon;
use crate::model::NegotiationMeta;

use super::lines::{normalize, Line};
use super::matching::{starts_with_ci, starts_with_word_ci};
use super::numbers::{roman_value, Marker, Token};
use super::paragraphs::numbered_article;
use super::status::{take_annotations, Annotation};

/// Where the draft starts, in positions of the content lines.
pub(super) struct DraftStart {
    /// The title's lines.
    pub(super) title: Vec<usize>,
    /// The first line of the title block (the first paragraph's when there is none).
    pub(super) block: usize,
    /// The first paragraph.
    pub(super) paragraphs: usize,
}

/// The draft must start within this many non-blank lines: a covering report is never longer,
/// and a text of several megabytes without a draft is refused without reading it all.
const FRONT_WINDOW: usize = 5000;

/// Finds the title block and the first paragraph; `None` when nothing looks like a draft.
pub(super) fn find_draft(lines: &[Line], content: &[usize]) -> Option<DraftStart> {
    let line = |p: usize| &lines[content[p]];
    let window = content.len().min(FRONT_WINDOW);
    let anchor = (0..window).find(|&p| is_anchor(lines, content, p));
    let title_at = match anchor {
        Some(anchor) => (0..anchor)
            .rev()
            .take_while(|&p| {
                line(p).marker.is_some() || !line(p).is_prose() || names_the_subject(line, p)
            })
            .find(|&p| is_title(line(p))),
        // Nothing reads as a draft: its title is the one the text sets apart as its heading.
        None => (0..window).find(|&p| is_title(line(p))).or_else(|| {
            content.first().filter(|&&i| lines[i].heading && lines[i].marker.is_none()).map(|_| 0)
        }),
    };
    let limit = anchor.unwrap_or(content.len());
    if let Some(title_at) = title_at {
        let mut title = vec![title_at];
        let mut p = title_at + 1;
        // "Resolution adopted by the General Assembly" / … / "73/8.": the subject follows.
        if let Some(number) = adopted_heading(&line(title_at).text)
            .then(|| (p..limit).find(|&q| is_resolution_number(&line(q).text)))
            .flatten()
            .filter(|&q| q + 1 < limit)
        {
            title = (number + 1..limit).take(MAX_TITLE_LINES).collect();
            p = limit;
        }
        // "DRAFT RESOLUTION", "Draft resolution submitted by …": the name follows.
        if p < limit && is_document_type(&line(title_at).text) && is_title_body(line(p)) {
            title = vec![p];
            p += 1;
        }
        let caps = !line(title[0]).text.chars().any(char::is_lowercase);
        while p < limit && title.len() < MAX_TITLE_LINES && is_title_continuation(line(p), caps) {
            title.push(p);
            p += 1;
        }
        // A title wrapped over many lines, proper names and all, runs on to the opening clause.
        let opening = anchor.is_some_and(|a| lexicon::opening_clause(&line(a).body));
        if opening && limit - title[0] <= MAX_TITLE_RUN && (p..limit).all(|q| runs_on(line(q))) {
            title.extend(p..limit);
            p = limit;
        }
        while p < limit && is_front_line(line(p)) {
            p += 1;
        }
        return Some(DraftStart { title, block: title_at, paragraphs: p });
    }
    let first = match anchor {
        Some(anchor) => numbered_run_start(lines, content, anchor),
        // A text with neither title nor preamble (a treaty's articles as a law library gives
        // them) starts at its first numbered paragraph, or at the article above it.
        None => (0..window).find(|&p| {
            let l = line(p);
            (l.marker.is_some() && !l.body.is_empty())
                || starts_paragraph(&l.body)
                || numbered_article(&l.body)
        })?,
    };
    let block = (0..first).rev().take_while(|&p| is_front_line(line(p))).last().unwrap_or(first);
    Some(DraftStart { title: Vec::new(), block, paragraphs: first })
}

/// A title of many words under the name of the document's type ("Draft decision -/CMA.6" /
/// "Matters relating to cooperative approaches referred to in Article 6, paragraph 2, of the
/// Paris Agreement"): the draft's subject, not a covering report's prose.
fn names_the_subject<'a>(line: impl Fn(usize) -> &'a Line, p: usize) -> bool {
    p > 0 && is_document_type(&line(p - 1).text) && is_title_body(line(p))
}

/// Where a draft without a title certainly starts: an opening clause or a preambular
/// paragraph followed by more of the draft, or a verb line. What follows an opening clause
/// is its preamble even when its first words are no participle the lexicon knows ("The
/// Parties to this Agreement," / "Being Parties to the Convention,"), when it reads as a
/// preambular paragraph: its opening words set apart, or its sentence ending in a comma.
fn is_anchor(lines: &[Line], content: &[usize], p: usize) -> bool {
    let line = &lines[content[p]];
    if line.is_wrapped() {
        return false;
    }
    let body = lexical(&line.body);
    if lexicon::operative_verb_line(body) {
        return true;
    }
    let opening_clause = lexicon::opening_clause(body);
    if !opening_clause && lexicon::preambular_opener(body).is_none() {
        return false;
    }
    // The next paragraph, past the lines wrapped from this one.
    let Some(next) = (p + 1..content.len()).find(|&q| !lines[content[q]].is_wrapped()) else {
        return false;
    };
    let first = &lines[content[next]];
    first.marker.is_some()
        || starts_paragraph(&first.body)
        || (opening_clause && reads_preambular(lines, &content[next..]))
}

/// Whether the paragraph starting at the first of `content` reads as a preambular paragraph
/// of a draft: its opening words set apart in italics or bold, or its last line (past the
/// lines wrapped from the first) ending in a comma.
fn reads_preambular(lines: &[Line], content: &[usize]) -> bool {
    let first = &lines[content[0]];
    let wrapped = content[1..].iter().take_while(|&&i| lines[i].is_wrapped()).count();
    let last = &lines[content[wrapped]];
    !first.heading && (first.emphasis.is_some() || last.text.ends_with(','))
}

/// Steps back from the anchor over paragraphs numbered just before it ("1." before an anchor
/// "2. RECOGNIZING" that was not itself recognized).
fn numbered_run_start(lines: &[Line], content: &[usize], anchor: usize) -> usize {
    let number = |p: usize| match lines[content[p]].marker {
        Some(Marker { token: Token::Arabic(n), .. }) => Some(n),
        _ => None,
    };
    let mut first = anchor;
    while first > 0 {
        match (number(first - 1), number(first)) {
            (Some(before), Some(n)) if before + 1 == n => first -= 1,
            _ => break,
        }
    }
    first
}

/// Words a title opens with.
const TITLE_WORDS: &[&str] = &[
    "draft",
    "proposed draft",
    "revised draft",
    "declaration",
    "resolution",
    "decision",
    "charter",
    "plan of action",
    "convention",
    "agreement",
    "treaty",
    "protocol",
    "statute",
    "convención",
    "acuerdo",
    "tratado",
    "protocolo",
    "estatuto",
    "accord",
    "traité",
    "protocole",
    "statut",
    "convenção",
    "convencao",
    "acordo",
    "proyecto",
    "declaración",
    "declaracion",
    "resolución",
    "resolucion",
    "projet",
    "déclaration",
    "résolution",
    "projeto",
    "declaração",
    "declaracao",
    "resolução",
    "resolucao",
];

/// "DRAFT DECLARATION OF SAN SALVADOR", "Draft resolution": a title's first line.
pub(super) fn is_title(line: &Line) -> bool {
    let text = &line.text;
    line.marker.is_none()
        && line.words() <= 25
        && !text.ends_with(['.', ';', ','])
        && text.starts_with(char::is_uppercase)
        && TITLE_WORDS.iter().any(|word| starts_with_word_ci(text, word).is_some())
}

/// The most lines of a title between an adopted resolution's number and its opening clause.
const MAX_TITLE_LINES: usize = 6;

/// "Resolution adopted by the General Assembly", "Decision adopted by …": the heading of an
/// adopted text, which names no subject.
fn adopted_heading(text: &str) -> bool {
    [
        "resolution adopted by",
        "decision adopted by",
        "resolución aprobada por",
        "résolution adoptée par",
    ]
    .iter()
    .any(|heading| starts_with_word_ci(text, heading).is_some())
}

/// The lines after an adopted resolution's number ("73/3.") up to its opening clause: its
/// title, which a UN document also runs at the head of its pages, so never a running head.
pub(super) fn adopted_title_lines(lines: &[Line]) -> Vec<usize> {
    let Some(number) = lines.iter().position(|l| is_resolution_number(&l.text)) else {
        return Vec::new();
    };
    let after = lines.iter().enumerate().skip(number + 1).filter(|(_, l)| !l.text.is_empty());
    after
        .take_while(|(_, l)| !lexicon::opening_clause(&l.text))
        .take(MAX_TITLE_LINES)
        .map(|(i, _)| i)
        .collect()
}

/// "73/8.", "S-30/1.", "72/279.": the number of an adopted resolution on a line of its own.
fn is_resolution_number(text: &str) -> bool {
    let Some((session, number)) = text.strip_suffix('.').and_then(|t| t.split_once('/')) else {
        return false;
    };
    let session = session.trim_start_matches(|c: char| c.is_ascii_uppercase() || c == '-');
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    digits(session) && digits(number)
}

/// Names of documents that say what a text is but not what it is about.
const DOCUMENT_TYPES: &[&str] = &[
    "draft resolution",
    "draft declaration",
    "draft decision",
    "proyecto de resolución",
    "proyecto de resolucion",
    "proyecto de declaración",
    "proyecto de declaracion",
    "projet de résolution",
    "projet de déclaration",
    "projeto de resolução",
    "projeto de declaração",
];

/// Words that introduce who submits a document: "Draft resolution submitted by the Chair".
const SUBMITTED: &[&str] =
    &["submitted", "presented", "proposed", "presentado", "presentada", "présenté", "apresentado"];

/// "DRAFT RESOLUTION", "Proposed draft resolution", "Draft resolution submitted by the Chair",
/// "Draft decision -/CMA.6": a title line that names no subject.
fn is_document_type(text: &str) -> bool {
    let text = ["proposed ", "revised ", "new "]
        .iter()
        .find_map(|word| starts_with_ci(text, word))
        .unwrap_or(text);
    DOCUMENT_TYPES.iter().any(|kind| {
        starts_with_word_ci(text, kind).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.is_empty()
                || SUBMITTED.iter().any(|w| starts_with_word_ci(rest, w).is_some())
                || symbol_in(rest).as_deref() == Some(rest)
        })
    })
}

/// Words that, with a number, head an adopted text over its subject.
const NUMBERED_TYPES: &[&str] = &[
    "resolution",
    "decision",
    "résolution",
    "décision",
    "resolución",
    "decisión",
    "resolução",
    "decisão",
];

/// A title's subject, past the type and number of the text it heads: "Forum on Minority
/// Issues" in "Resolution 6/15. Forum on Minority Issues".
fn subject(title: &str) -> &str {
    let after_type = NUMBERED_TYPES.iter().find_map(|word| starts_with_word_ci(title, word));
    let numbered =
        after_type.and_then(|rest| rest.trim_start().split_once(". ")).filter(|(number, _)| {
            number.contains(|c: char| c.is_ascii_digit()) && !number.contains(' ')
        });
    match numbered {
        Some((_, rest)) if !rest.trim().is_empty() => rest.trim(),
        _ => title,
    }
}

/// The subject of a document after its type: "Sustainable mountain development".
fn is_title_body(line: &Line) -> bool {
    let text = &line.text;
    line.marker.is_none()
        && line.words() <= 20
        && text.starts_with(char::is_uppercase)
        && !text.ends_with(['.', ';', ',', ':'])
        && symbol_in(text).is_none()
        && body_name(text).is_none()
        && !starts_paragraph(text)
        && !lexicon::opening_clause(text)
}

/// A UN document's distribution line: "Distr.: General", "Distr.: Limited", "Distr. GENERAL".
fn is_distribution_line(text: &str) -> bool {
    starts_with_ci(text, "distr.").is_some()
}

/// The heading of a preamble, which follows a title in capitals without being part of it.
pub(super) const PREAMBLE_HEADINGS: &[&str] = &["preamble", "preámbulo", "préambule", "preâmbulo"];

/// "ON CITIZEN SECURITY IN THE AMERICAS" after "DRAFT DECLARATION OF SAN SALVADOR"; a
/// heading of its own (Markdown's `## TÍTULO I`) is not the title going on.
fn is_title_continuation(line: &Line, caps: bool) -> bool {
    let text = &line.text;
    let shape = line.marker.is_none()
        && line.words() <= 20
        && !text.ends_with(['.', ';', ',', ':'])
        && if caps {
            !text.chars().any(char::is_lowercase)
        } else {
            text.starts_with(char::is_lowercase)
        };
    shape
        && !line.heading
        && !PREAMBLE_HEADINGS.contains(&text.to_lowercase().as_str())
        && !text.starts_with('(')
        && symbol_in(text).is_none()
        && body_name(text).is_none()
        && !starts_paragraph(text)
        && !lexicon::opening_clause(text)
}

/// The most lines of a title that runs on to the opening clause: a COP draft decision's title
/// names the meeting, the agreement and the subject over eight lines.
const MAX_TITLE_RUN: usize = 9;

/// A line of a title running on to the opening clause: words, not a sentence, a note, a
/// symbol or a paragraph.
fn runs_on(line: &Line) -> bool {
    let text = &line.text;
    line.marker.is_none()
        && line.words() <= 20
        && !text.ends_with(['.', ';', ':'])
        && !line.heading
        && !text.starts_with(['(', '['])
        && !PREAMBLE_HEADINGS.contains(&text.to_lowercase().as_str())
        && symbol_in(text).is_none()
        && body_name(text).is_none()
        && !starts_paragraph(text)
        && !lexicon::opening_clause(text)
}

/// A line of a title block or document header: a status line, a symbol, a date, "Original:
/// Spanish", "(Presented by …)"; never a heading, which opens the text's body.
fn is_front_line(line: &Line) -> bool {
    let text = &line.text;
    if line.marker.is_some() || line.heading {
        return false;
    }
    if text.starts_with('(') && text.ends_with(')') {
        return true;
    }
    line.words() <= 12
        && !text.ends_with([';', ','])
        && !starts_paragraph(text)
        && !lexicon::opening_clause(text)
}

/// A paragraph certainly starts here: a participle, an operative verb, a verb line.
pub(super) fn starts_paragraph(text: &str) -> bool {
    let words = lexical(text);
    lexicon::preambular_opener(words).is_some()
        || lexicon::operative_verb_line(words)
        || lexicon::operative_opener(words).is_some()
}

/// The words of a paragraph for the lexicon: an opening bracket does not hide its opener.
pub(super) fn lexical(text: &str) -> &str {
    text.trim_start_matches(['[', ' '])
}

/// Skips everything before the first paragraph and reads the title block into `meta`.
pub(super) fn read_front(
    lines: &[Line],
    content: &[usize],
    start: &DraftStart,
    meta: &mut NegotiationMeta,
    skipped: &mut Vec<SkippedLine>,
) {
    let before = &content[..start.block];
    let block = &content[start.block..start.paragraphs];
    // A report or letter has running text; a document header has short lines, and a UN
    // document's header ("Distr.: General") long ones too where its agenda item's title wraps.
    let header = before.iter().any(|&i| is_distribution_line(&lines[i].text));
    let long_lines = before.iter().filter(|&&i| lines[i].words() >= 8).count();
    let long = long_lines >= 2 && !header;
    let numbered = start.title.is_empty() && numbered_title(lines, before.iter()).is_some();
    let reason = if !numbered && (long || before.iter().any(|&i| lines[i].is_prose())) {
        SkipReason::CoveringReport
    } else {
        SkipReason::TitleBlock
    };
    skipped.extend(before.iter().map(|&i| lines[i].skipped(reason)));
    skipped.extend(block.iter().map(|&i| lines[i].skipped(SkipReason::TitleBlock)));
    let first_line = content.get(start.paragraphs).map_or(lines.len(), |&i| i);
    skipped.extend(lines[..first_line].iter().filter_map(|l| l.junk.map(|r| l.skipped(r))));

    if !start.title.is_empty() {
        let parts: Vec<&str> =
            start.title.iter().map(|&p| lines[content[p]].text.as_str()).collect();
        meta.title = title_case(subject(&parts.join(" ")));
    } else if let Some((symbol, title)) = numbered_title(lines, before.iter().chain(block)) {
        meta.symbol = symbol;
        meta.title = title;
    }
    read_header_fields(lines, block, before, first_line, meta);
}

/// The title of an adopted resolution headed by its number, over one line or more:
/// "WHA66.13 Status of collection of assessed contributions, including …" / "Constitution";
/// its number and its title. The title ends at the opening clause or a line ending a clause.
fn numbered_title<'a>(
    lines: &[Line],
    mut front: impl Iterator<Item = &'a usize>,
) -> Option<(String, String)> {
    let first = &lines[*front.next()?];
    let (number, rest) = first.text.split_once(' ')?;
    let digits = number.trim_start_matches(|c: char| c.is_ascii_uppercase());
    let resolution_number = (2..=6).contains(&(number.len() - digits.len()))
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.');
    if !resolution_number || !rest.starts_with(char::is_uppercase) {
        return None;
    }
    let more = front
        .map(|&i| &lines[i])
        .take_while(|l| !l.text.ends_with([',', ';']) && !opens_with_body(&l.text));
    let title: Vec<&str> = std::iter::once(rest).chain(more.map(|l| l.text.as_str())).collect();
    Some((number.to_string(), title.join(" ")))
}

/// Whether a line opens with the opening clause, maybe glued to the first paragraph by the
/// extraction: "The Sixty-sixth World Health Assembly, Having considered …".
fn opens_with_body(text: &str) -> bool {
    text.split_once(',').is_some_and(|(head, _)| lexicon::opening_clause(&format!("{head},")))
}

/// Reads the symbol, body and session from the title block and the header before it.
fn read_header_fields(
    lines: &[Line],
    block: &[usize],
    before: &[usize],
    first_line: usize,
    meta: &mut NegotiationMeta,
) {
    for &i in block {
        read_document_status(meta, &lines[i].text);
    }
    // The title block first, then the short lines of a header before it.
    let furniture =
        lines[..first_line].iter().filter(|l| l.junk == Some(SkipReason::PageFurniture));
    let header =
        block.iter().chain(before).map(|&i| &lines[i]).filter(|l| !l.is_prose()).chain(furniture);
    let cells: Vec<&str> = header.flat_map(|l| l.source.split('\t').map(str::trim)).collect();
    let symbols: Vec<String> = cells.iter().filter_map(|cell| symbol_in(cell)).collect();
    // A symbol standing alone names the document; one inside a sentence cites another (the
    // draft's "[without reference to a Main Committee (A/73/L.6)]").
    let alone = cells.iter().filter(|cell| symbol_in(cell).as_deref() == Some(cell.trim()));
    let standing = alone.filter_map(|cell| symbol_in(cell)).find(|s| s.contains(char::is_numeric));
    let numbered = standing
        .as_ref()
        .or_else(|| symbols.iter().find(|s| s.contains(|c: char| c.is_ascii_digit())));
    if let Some(symbol) = numbered.or(symbols.first()).filter(|_| meta.symbol.is_empty()) {
        meta.symbol = symbol.clone();
    }
    if let Some(body) = cells.iter().find_map(|cell| body_name(cell)) {
        meta.body = body;
    }
    if let Some(session) = cells.iter().find_map(|cell| session_name(cell)) {
        meta.session = session;
    }
}

/// Reads a document's status line, "(ad referendum of the delegation of Mexico)", into `meta`;
/// anything else is left alone.
pub(in crate::import) fn read_document_status(meta: &mut NegotiationMeta, line: &str) {
    let (rest, annotations) = take_annotations(line);
    if rest.is_empty() {
        whole_text_ad_referendum(meta, &annotations);
    }
}

/// Adds the delegations of document-level ad referendum annotations to `meta`.
pub(super) fn whole_text_ad_referendum(meta: &mut NegotiationMeta, annotations: &[Annotation]) {
    for annotation in annotations {
        if let Annotation::AdReferendum(delegations) = annotation {
            for delegation in delegations {
                if !meta.whole_text_ad_referendum.contains(delegation) {
                    meta.whole_text_ad_referendum.push(delegation.clone());
                }
            }
        }
    }
}

/// The first document symbol in a line: "AG/doc.5200/11", "OEA/Ser.P", "A/RES/65/1",
/// "CP/doc.4567/11 rev. 1", "AG/RES. 2735 (XLII-O/12)".
pub(super) fn symbol_in(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    fn bare(word: &str) -> &str {
        word.trim_end_matches('*').trim_matches(['(', ')', ',', ';', '"'])
    }
    let at = words.iter().position(|w| is_symbol(bare(w)))?;
    let mut symbol = bare(words[at]).to_string();
    let mut rest = &words[at + 1..];
    if symbol.ends_with('.') {
        if let Some(number) = rest.first().filter(|w| w.bytes().all(|b| b.is_ascii_digit())) {
            symbol = format!("{symbol} {number}");
            rest = &rest[1..];
            if let Some(session) = rest.first().and_then(|w| session_in_parentheses(w)) {
                symbol = format!("{symbol} {session}");
                rest = &rest[1..];
            }
        }
    }
    if let [revision, number, ..] = rest {
        let revision_word =
            ["rev.", "corr.", "add."].iter().any(|r| revision.eq_ignore_ascii_case(r));
        let number = number.trim_end_matches([',', ';', ')']);
        if revision_word && !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
            symbol = format!("{symbol} {revision} {number}");
        }
    }
    Some(symbol)
}

/// The session an OAS resolution's number carries, in parentheses: "(XLII-O/12)", "(1700/09)".
fn session_in_parentheses(word: &str) -> Option<&str> {
    let session = word.trim_end_matches([',', ';', '.']);
    let inner = session.strip_prefix('(')?.strip_suffix(')')?;
    (inner.contains('/') && inner.chars().all(|c| c.is_ascii_alphanumeric() || "/-".contains(c)))
        .then_some(session)
}

/// Segments joined by "/", the first in capitals: "AG/doc.5200/11", "OEA/Ser.P"; or a dash
/// for a decision's number not yet given, then the body's: "-/CMA.6", "-/CP.29".
fn is_symbol(word: &str) -> bool {
    let mut segments = word.split('/');
    let first = segments.next().unwrap_or_default();
    let rest: Vec<&str> = segments.collect();
    let unnumbered =
        first == "-" && rest.first().is_some_and(|s| s.starts_with(char::is_uppercase));
    (unnumbered
        || ((1..=6).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_uppercase())))
        && !rest.is_empty()
        && rest.iter().all(|s| {
            !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        })
}

/// Bodies whose name may head a document, in the four languages of the OAS.
const BODIES: &[&str] = &[
    "General Assembly",
    "Permanent Council",
    "Inter-American Council for Integral Development",
    "Security Council",
    "Human Rights Council",
    "Economic and Social Council",
    "Asamblea General",
    "Consejo Permanente",
    "Assemblée générale",
    "Conseil permanent",
    "Assembleia Geral",
    "Conselho Permanente",
];

/// "GENERAL ASSEMBLY" → "General Assembly".
fn body_name(text: &str) -> Option<String> {
    let text = text.trim();
    BODIES.iter().find(|body| body.to_lowercase() == text.to_lowercase()).map(|b| b.to_string())
}

/// "FORTY-FIRST REGULAR SESSION" → "Forty-first regular session".
fn session_name(text: &str) -> Option<String> {
    let text = normalize(text);
    let lower = text.to_lowercase();
    let session = ["session", "sesiones", "período", "sessão"].iter().any(|w| lower.contains(w));
    let kind = ["regular", "special", "ordinari", "extraordinari", "ordinaire"]
        .iter()
        .any(|w| lower.contains(w));
    if !session || !(kind || lower.ends_with(" session")) || text.split(' ').count() > 8 {
        return None;
    }
    if text.chars().any(char::is_lowercase) {
        return Some(text);
    }
    let mut chars = lower.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect())
}

/// Words kept in lower case inside a title.
const SMALL_WORDS: &[&str] = &[
    "a", "among", "an", "and", "as", "at", "between", "but", "by", "for", "from", "in", "into",
    "nor", "of", "on", "or", "over", "the", "through", "to", "toward", "towards", "under", "upon",
    "via", "with", "within", "without", "al", "con", "de", "del", "el", "en", "la", "las", "los",
    "para", "por", "sobre", "y", "e", "o", "u", "à", "au", "aux", "des", "du", "et", "le", "les",
    "pour", "sur", "da", "das", "do", "dos", "em", "na", "nas", "no", "nos",
];

/// Acronyms kept in capitals inside a title.
const ACRONYMS: &[&str] = &[
    "OAS", "OEA", "UN", "ONU", "CICAD", "CICTE", "CIDI", "CIM", "MISPA", "REMJA", "IACHR", "CIDH",
    "PAHO", "OPS", "ECLAC", "CEPAL", "IDB", "BID", "CARICOM", "MERCOSUR", "SICA", "CELAC", "HIV",
    "AIDS", "VIH", "SIDA", "ICT", "TIC", "NGO", "ONG", "SDG", "ODS",
];

/// A title in capitals as a chair writes it: "DRAFT DECLARATION OF SAN SALVADOR ON CITIZEN
/// SECURITY IN THE AMERICAS" → "Draft Declaration of San Salvador on Citizen Security in the
/// Americas". A title already in mixed case is kept.
pub(super) fn title_case(title: &str) -> String {
    let title = normalize(title);
    if title.chars().any(char::is_lowercase) {
        return title;
    }
    let mut words: Vec<String> = Vec::new();
    for word in title.split(' ') {
        let core = word.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = word.to_lowercase();
        let starts = words.last().is_none_or(|previous| previous.ends_with(':'));
        let keep = ACRONYMS.contains(&core)
            || (core.len() > 1 && roman_value(core, true).is_some())
            || (word.starts_with('(') && core.len() <= 6 && !core.is_empty());
        words.push(if keep {
            word.to_string()
        } else if !starts && SMALL_WORDS.contains(&core.to_lowercase().as_str()) {
            lower
        } else {
            capitalize(&lower)
        });
    }
    words.join(" ")
}

/// Capitals at the start of each part of a word: "inter-american" → "Inter-American",
/// "l'assemblée" → "L'Assemblée", "states’" → "States’".
fn capitalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut start = true;
    let mut letters_in_part = 0;
    for c in word.chars() {
        if start && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            start = false;
            letters_in_part = 1;
            continue;
        }
        out.push(c);
        if c.is_alphabetic() {
            letters_in_part += 1;
        } else {
            let elided = matches!(c, '\'' | '’') && letters_in_part == 1;
            start |= elided || c == '-' || c == '/';
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_un_document_header_is_a_title_block_though_its_agenda_item_wraps() {
        let text = "A/79/L.55\n\nUnited Nations\nGeneral Assembly\nDistr.: Limited\n\
            Agenda item 75 (c)\nOceans and the law of the sea: Agreement under the United\n\
            Nations Convention on the Law of the Sea on the Conservation and Sustainable\n\
            Australia and Belize: draft resolution\n\nAgreement on marine biological diversity\n\
            The General Assembly,\nRecalling its resolution 78/272,\n1. Decides to act.\n";
        let draft = crate::import::import_text(text).unwrap();
        let reasons: Vec<SkipReason> = draft.skipped.iter().map(|s| s.reason).collect();
        assert!(reasons.iter().all(|r| *r != SkipReason::CoveringReport), "{reasons:?}");
    }

    #[test]
    fn a_text_that_is_no_draft_is_titled_by_its_heading_and_keeps_its_first_paragraph() {
        let text = "# Aviso de tarifas 2020\n\nCiudad de México, 3 de marzo de 2020\n\
            Tarifas del servicio público\n\
            De conformidad con el artículo 5 del Reglamento, se comunica a los usuarios\n\
            que la tarifa del servicio, correspondiente al año 2020, es:\n\
            1.25 pesos / kWh\n\
            Dicha tarifa se aplicará a los contratos vigentes\n\
            tomando en cuenta que este valor considera la inflación del año anterior.\n";
        let draft = crate::import::import_text(text).unwrap();
        assert_eq!(draft.meta.title, "Aviso de tarifas 2020");
        let first: Vec<usize> = draft.paragraphs.iter().map(|p| p.line).collect();
        assert_eq!(first, [5, 7, 8]);
        assert!(draft.skipped.iter().all(|s| s.reason == SkipReason::TitleBlock));
    }

    #[test]
    fn a_title_in_capitals_runs_over_five_lines_but_not_into_the_preamble_heading() {
        let text = "ACUERDO EN EL MARCO DE LA CONVENCIÓN DE LAS\n\
            NACIONES UNIDAS SOBRE EL DERECHO DEL MAR RELATIVO\n\
            A LA CONSERVACIÓN Y EL USO SOSTENIBLE DE\n\
            LA DIVERSIDAD BIOLÓGICA MARINA DE LAS ZONAS\n\
            SITUADAS FUERA DE LA JURISDICCIÓN NACIONAL\nPREÁMBULO\n\
            Las Partes en el presente Acuerdo,\nRecordando la Convención,\n\
            Han convenido en lo siguiente:\nArtículo 1\nEl Acuerdo se aplica.\n";
        let draft = crate::import::import_text(text).unwrap();
        assert!(draft.meta.title.starts_with("Acuerdo en el Marco"), "{}", draft.meta.title);
        assert!(
            draft.meta.title.ends_with("Fuera de la Jurisdicción Nacional"),
            "{}",
            draft.meta.title
        );
    }

    #[test]
    fn title_case_as_a_chair_writes_it() {
        for (caps, title) in [
            (
                "DRAFT DECLARATION OF PANAMA ON THE OCEANS",
                "Draft Declaration of Panama on the Oceans",
            ),
            (
                "DRAFT RESOLUTION: THE INTER-AMERICAN PROGRAM",
                "Draft Resolution: The Inter-American Program",
            ),
            (
                "SUPPORT FOR THE WORK OF CICAD AND THE OAS",
                "Support for the Work of CICAD and the OAS",
            ),
            ("PLAN OF ACTION (MISPA II)", "Plan of Action (MISPA II)"),
            ("DÉCLARATION DE L'ASSEMBLÉE", "Déclaration de L'Assemblée"),
            ("THE STATES’ COMMITMENT", "The States’ Commitment"),
            ("Draft resolution on oceans", "Draft resolution on oceans"),
        ] {
            assert_eq!(title_case(caps), title);
        }
    }

    #[test]
    fn an_adopted_resolution_is_titled_by_the_lines_after_its_number() {
        let text = "A/RES/73/8\n\nResolution adopted by the General Assembly\non 1 November 2018\n\
            [without reference to a Main Committee (A/73/L.3)]\n\n73/8.\n\n\
            Necessity of ending the embargo\nImposed on Cuba\nThe General Assembly,\n\
            Recalling its resolutions,\n1. Decides to act.\n";
        let draft = crate::import::import_text(text).unwrap();
        assert_eq!(draft.meta.title, "Necessity of ending the embargo Imposed on Cuba");
        assert_eq!(draft.meta.symbol, "A/RES/73/8");
        assert!(is_resolution_number("S-30/1."));
        assert!(!is_resolution_number("73/8"));
    }

    #[test]
    fn a_title_headed_by_a_resolutions_number_is_its_subject() {
        assert_eq!(
            subject("Resolution 6/15. Forum on Minority Issues"),
            "Forum on Minority Issues"
        );
        assert_eq!(subject("Décision 2/CP.1. Examen des engagements"), "Examen des engagements");
        for whole in [
            "Resolution on Forum Issues. Annex",
            "Resolution 6/15.",
            "Decision making in 2 steps. A",
        ] {
            assert_eq!(subject(whole), whole);
        }
    }

    #[test]
    fn a_draft_decision_not_yet_numbered_is_titled_by_its_long_subject() {
        let text = "Draft decision -/CP.29\n\
            Matters relating to the arrangements for the review of the adequacy of the \
            financial mechanism under the Convention\n\
            The Conference of the Parties,\n\
            Recalling decision 1/CP.21,\n\
            1. Decides to continue the review at its next session;\n";
        let draft = crate::import::import_text(text).unwrap();
        assert_eq!(draft.meta.symbol, "-/CP.29");
        assert!(draft.meta.title.starts_with("Matters relating to the arrangements"));
        assert!(draft.skipped.iter().all(|s| s.reason == SkipReason::TitleBlock));
    }

    #[test]
    fn symbols() {
        assert_eq!(symbol_in("OEA/Ser.G CP/doc.4567/11").as_deref(), Some("OEA/Ser.G"));
        assert_eq!(symbol_in("A/RES/65/1").as_deref(), Some("A/RES/65/1"));
        assert_eq!(symbol_in("A/78/L.102*").as_deref(), Some("A/78/L.102"));
        assert_eq!(
            symbol_in("AG/RES. 2735 (XLII-O/12)").as_deref(),
            Some("AG/RES. 2735 (XLII-O/12)")
        );
        assert_eq!(symbol_in("CP/RES. 953 (1700/09),").as_deref(), Some("CP/RES. 953 (1700/09)"));
        assert_eq!(symbol_in("AG/RES. 1 (see annex)").as_deref(), Some("AG/RES. 1"));
        assert_eq!(symbol_in("and/or the like"), None);
        assert_eq!(symbol_in("1/2 of the budget"), None);
        assert_eq!(symbol_in("Draft decision -/CMA.6").as_deref(), Some("-/CMA.6"));
        assert_eq!(symbol_in("a - / b"), None);
    }
}
