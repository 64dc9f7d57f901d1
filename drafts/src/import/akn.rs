//! Akoma Ntoso (OASIS LegalDocML) documents, read into a structured draft.
//!
//! An Akoma Ntoso document says its structure, so it is read as it stands rather than
//! recognized. Two readings:
//!
//! - **A file Accord exported** (its `<proprietary>` holds an `accord:negotiation`): the
//!   `accord:paragraphs` list is authoritative and gives every paragraph in document order with
//!   its kind, status, ad referendum delegations, proposers, number, parent and footnotes; the
//!   text is that of the paragraph's element in the body (`eId`), its footnote marks left out.
//!   The negotiation gives the title, symbol, body, session, language, house style and the
//!   delegations for which the whole text is ad referendum. Everything a draft holds comes back;
//!   what is not part of a draft (deleted paragraphs, the roster, the rounds, the chair's notes,
//!   working labels) is not imported. See `crate::export` for the structure written.
//! - **Any other Akoma Ntoso document**: the preface gives the title (`docTitle`, else
//!   `longTitle`), the symbol (`docNumber`, else the work's `FRBRnumber`) and the status line
//!   (`docStatus`); in the preamble, a `formula` before the preambular paragraphs is the opening
//!   clause and one after them the verb line, the recitals' `intro` ("Whereas:") a heading,
//!   while `container`, `recital`, `citation` and `p` are preambular paragraphs; in the body,
//!   `division`, `chapter`, `part` and the like are section headings, and so is an `article`
//!   (or any paragraph element) with a `heading` or holding only numbered paragraphs, as the
//!   text readers read "Article 1" over its heading; `paragraph`, `point` and the like are
//!   operative paragraphs (their `num` kept), nested ones sub-paragraphs, a paragraph with no
//!   words of its own taking those of its list's opening subparagraph. Statuses come from
//!   annotations and brackets as in a text; `authorialNote`s are footnotes; italic participles
//!   make the house style UN.
//!
//! [`ImportedParagraph::line`] is the line of the file where the paragraph's element starts.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::classify::{
    footnote, house_style, language, normalize, parse_marker, read_document_status, read_status,
    warnings, Emphasis,
};
use super::{
    check_size, Confidence, ImportError, ImportedDraft, ImportedParagraph, ImportedStatus,
};
use crate::model::{Footnote, HouseStyle, NegotiationMeta, ParagraphKind};

/// The namespace of Accord's proprietary metadata.
const ACCORD_NS: &str = "urn:accord:akn:1";

/// Deeper nesting than this is not read (no draft nests so deep).
const MAX_NESTING: usize = 64;

/// Reads a draft from the bytes of an Akoma Ntoso XML file (UTF-8).
///
/// Fails on an empty input, on XML that is not well formed (or declares a DTD), on a document
/// that is not Akoma Ntoso, on an export whose metadata contradicts its body, on more than
/// [`MAX_BYTES`](super::MAX_BYTES), and when the document holds no paragraph.
pub fn import_akn(bytes: &[u8]) -> Result<ImportedDraft, ImportError> {
    check_size(bytes.len())?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let xml = std::str::from_utf8(bytes)
        .map_err(|_| malformed("the XML is not UTF-8 text".to_string()))?;
    if xml.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let document = Document::parse(xml).map_err(|e| malformed(format!("invalid XML: {e}")))?;
    let root = document.root_element();
    if root.tag_name().name() != "akomaNtoso" {
        return Err(ImportError::NotAkomaNtoso);
    }
    let text = root.children().find(Node::is_element).ok_or(ImportError::NoDraftFound)?;
    let draft = match text.descendants().find(|n| is_accord(*n, "negotiation")) {
        Some(negotiation) => exported(&document, text, negotiation)?,
        None => generic(&document, text),
    };
    if draft.paragraphs.is_empty() {
        return Err(ImportError::NoDraftFound);
    }
    Ok(draft)
}

/// Whether the start of a file (its first kilobytes) opens an XML document whose root element
/// is `akomaNtoso`, with or without a prefix.
pub(super) fn starts_akoma_ntoso(head: &str) -> bool {
    let mut rest = head.trim_start();
    // The XML declaration, processing instructions, comments and a document type come first.
    loop {
        let skipped = if rest.starts_with("<?") {
            rest.find("?>").map(|end| &rest[end + 2..])
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|end| &rest[end + 3..])
        } else if rest.starts_with("<!") {
            rest.find('>').map(|end| &rest[end + 1..])
        } else {
            break;
        };
        match skipped {
            Some(after) => rest = after.trim_start(),
            None => return false,
        }
    }
    let Some(tag) = rest.strip_prefix('<') else {
        return false;
    };
    let name = tag.split(|c: char| c.is_whitespace() || c == '>' || c == '/').next();
    name.is_some_and(|name| name.rsplit(':').next() == Some("akomaNtoso"))
}

fn malformed(detail: String) -> ImportError {
    ImportError::Malformed { detail }
}

/// Whether `node` is Accord's proprietary element `name`.
fn is_accord(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() == Some(ACCORD_NS)
}

/// Whether `node` is the Akoma Ntoso element `name` (any version of the namespace).
fn is(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace() != Some(ACCORD_NS)
}

/// The first child element `name` of `node`.
fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|n| is(*n, name))
}

/// The line of the file where `node` starts.
fn line_of(document: &Document, node: Node) -> usize {
    usize::try_from(document.text_pos_at(node.range().start).row).unwrap_or(0)
}

/// The element that holds the words of a paragraph element: its `p`, the `p` of its `content`
/// or `intro`, or its `heading`.
fn words_of<'a, 'input>(element: Node<'a, 'input>) -> Option<Node<'a, 'input>> {
    child(element, "p")
        .or_else(|| {
            let block = child(element, "content").or_else(|| child(element, "intro"))?;
            child(block, "p").or(Some(block))
        })
        .or_else(|| child(element, "heading"))
}

/// The text of an element, the footnotes (`authorialNote`) inside it left out.
fn text_of(node: Node) -> String {
    let mut text = String::new();
    let mut stack: Vec<Node> = node.children().rev().collect();
    while let Some(node) = stack.pop() {
        if node.is_text() {
            text.push_str(node.text().unwrap_or_default());
        } else if !is(node, "authorialNote") {
            stack.extend(node.children().rev());
        }
    }
    text
}

/// The footnotes (`authorialNote`) inside an element.
fn notes_of(node: Node) -> Vec<Footnote> {
    node.descendants().filter(|n| is(*n, "authorialNote")).map(|n| footnote(&text_of(n))).collect()
}

/// How the words of a paragraph open: in italics (`<i>`) or bold (`<b>`).
fn emphasis_of(words: Node) -> Option<Emphasis> {
    let first = words
        .children()
        .find(|n| !(n.is_text() && n.text().is_some_and(|t| t.trim().is_empty())))?;
    if is(first, "i") {
        Some(Emphasis::Italic)
    } else if is(first, "b") {
        Some(Emphasis::Bold)
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// Files Accord exported

/// The title block Accord wrote into its metadata.
fn exported_meta(negotiation: Node) -> NegotiationMeta {
    let attribute = |name: &str| negotiation.attribute(name).unwrap_or_default().to_string();
    let whole = negotiation.children().find(|n| is_accord(*n, "wholeTextAdReferendum"));
    NegotiationMeta {
        title: attribute("title"),
        symbol: attribute("symbol"),
        body: attribute("body"),
        session: attribute("session"),
        language: attribute("language"),
        house_style: match negotiation.attribute("houseStyle") {
            Some("un") => HouseStyle::Un,
            _ => HouseStyle::Oas,
        },
        whole_text_ad_referendum: whole.map(delegations).unwrap_or_default(),
    }
}

/// A paragraph's status as Accord wrote it; none for a deleted paragraph, which is not imported.
fn exported_status(entry: Node) -> Result<Option<ImportedStatus>, String> {
    Ok(Some(match entry.attribute("status").unwrap_or_default() {
        "deleted" => return Ok(None),
        "agreed" => ImportedStatus::Agreed,
        "ad_referendum" => ImportedStatus::AdReferendum {
            delegations: entry
                .children()
                .find(|n| is_accord(*n, "adReferendum"))
                .map(delegations)
                .unwrap_or_default(),
        },
        "bracketed" => ImportedStatus::Bracketed,
        "pending" => ImportedStatus::Pending,
        "proposed" => ImportedStatus::Proposed,
        other => return Err(format!("unknown status \"{other}\"")),
    }))
}

/// Reads a file Accord exported, by its proprietary metadata.
fn exported(
    document: &Document,
    text: Node,
    negotiation: Node,
) -> Result<ImportedDraft, ImportError> {
    let meta = exported_meta(negotiation);
    let elements: HashMap<&str, Node> = text
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().namespace() != Some(ACCORD_NS))
        .filter_map(|n| n.attribute("eId").map(|id| (id, n)))
        .collect();
    let list = negotiation.children().find(|n| is_accord(*n, "paragraphs"));
    let mut paragraphs: Vec<ImportedParagraph> = Vec::new();
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    for entry in list.iter().flat_map(|l| l.children()).filter(|n| is_accord(*n, "paragraph")) {
        let id = entry.attribute("id").unwrap_or_default();
        let invalid = |what: &str| malformed(format!("paragraph {id} in the metadata: {what}"));
        let Some(status) = exported_status(entry).map_err(|e| invalid(&e))? else {
            continue;
        };
        let kind = entry.attribute("kind").unwrap_or_default();
        let kind = ParagraphKind::parse(kind)
            .ok_or_else(|| invalid(&format!("unknown kind \"{kind}\"")))?;
        let eid = entry.attribute("eId").ok_or_else(|| invalid("no eId"))?;
        let element = elements
            .get(eid)
            .copied()
            .ok_or_else(|| invalid(&format!("no element {eid} in the text")))?;
        let words = words_of(element).ok_or_else(|| invalid(&format!("{eid} has no text")))?;
        let accord_text = |name: &'static str| {
            entry.children().filter(move |n| is_accord(*n, name)).map(|n| text_of(n))
        };
        let footnotes = entry
            .children()
            .filter(|n| is_accord(*n, "footnote"))
            .map(|n| Footnote {
                delegation: n.attribute("delegation").map(str::to_string),
                text: text_of(n),
            })
            .collect();
        index_of.insert(id, paragraphs.len());
        paragraphs.push(ImportedParagraph {
            kind,
            text: text_of(words),
            status,
            proposers: accord_text("proposer").collect(),
            source_number: entry.attribute("number").map(str::to_string),
            parent: entry.attribute("parent").and_then(|parent| index_of.get(parent).copied()),
            line: line_of(document, element),
            footnotes,
            reason: "its kind as the Akoma Ntoso file Accord exported says it".into(),
            confidence: Confidence::Sure,
        });
    }
    let warnings = warnings(&paragraphs);
    Ok(ImportedDraft { meta, paragraphs, skipped: Vec::new(), warnings })
}

/// The names of the `accord:delegation` children of `node`.
fn delegations(node: Node) -> Vec<String> {
    node.children().filter(|n| is_accord(*n, "delegation")).map(text_of).collect()
}

// ---------------------------------------------------------------------------------------------
// Other Akoma Ntoso documents

/// Elements of the body read as paragraphs: operative at the top, sub-paragraphs below.
const HIERARCHY: &[&str] = &[
    "paragraph",
    "subparagraph",
    "article",
    "section",
    "subsection",
    "clause",
    "subclause",
    "point",
    "item",
    "indent",
    "alinea",
    "rule",
    "subrule",
];

/// Elements of the body read as section headings with the paragraphs inside them.
const DIVISIONS: &[&str] = &[
    "division",
    "subdivision",
    "chapter",
    "subchapter",
    "part",
    "subpart",
    "title",
    "subtitle",
    "book",
    "tome",
];

/// Wrappers whose children are read as if they stood in their place.
const WRAPPERS: &[&str] = &["recitals", "citations", "blockList", "list", "hcontainer", "wrap"];

/// Paragraphs read from a document's structure, with the emphasis of their opening words.
struct Structure<'d> {
    document: &'d Document<'d>,
    paragraphs: Vec<ImportedParagraph>,
    emphasis: Vec<Option<Emphasis>>,
    /// Preambular paragraphs seen: a formula after them is the verb line.
    preambular: bool,
}

impl<'d> Structure<'d> {
    /// Adds a paragraph whose words are in `words`, standing at `element` (its line) with
    /// `number`. Empty paragraphs are left out, but for a numbered section heading ("Article
    /// 8" with no heading). Returns its index.
    fn add(
        &mut self,
        kind: ParagraphKind,
        element: Node,
        number: Option<String>,
        words: Option<Node>,
        parent: Option<usize>,
    ) -> Option<usize> {
        let words_text = words.map(|words| normalize(&text_of(words))).unwrap_or_default();
        let (text, status, proposers) = read_status(&words_text);
        let numbered_heading = kind == ParagraphKind::SectionHeading && number.is_some();
        if text.is_empty() && !numbered_heading {
            return None;
        }
        let line = line_of(self.document, element);
        self.paragraphs.push(ImportedParagraph {
            kind,
            text,
            status,
            proposers,
            source_number: number,
            parent,
            line,
            footnotes: words.map(notes_of).unwrap_or_default(),
            reason: "its kind as the Akoma Ntoso markup says it".into(),
            confidence: Confidence::Sure,
        });
        self.emphasis.push(words.and_then(emphasis_of));
        Some(self.paragraphs.len() - 1)
    }

    /// The preamble: opening clause, preambular paragraphs (headed by the recitals' intro,
    /// "Whereas:"), verb line.
    fn preamble(&mut self, node: Node, depth: usize) {
        if depth > MAX_NESTING {
            return;
        }
        for element in node.children().filter(Node::is_element) {
            let name = element.tag_name().name();
            if is(element, "formula") {
                let kind = match element.attribute("name") {
                    Some("verbLine") => ParagraphKind::VerbLine,
                    Some("openingClause") => ParagraphKind::OpeningClause,
                    _ if self.preambular => ParagraphKind::VerbLine,
                    _ => ParagraphKind::OpeningClause,
                };
                if let Some(words) = words_of(element) {
                    self.add(kind, element, None, Some(words), None);
                }
            } else if is(element, "intro") {
                let words = words_of(element).unwrap_or(element);
                self.add(ParagraphKind::SectionHeading, element, None, Some(words), None);
            } else if ["container", "recital", "citation", "p"].iter().any(|n| is(element, n)) {
                self.preambular = true;
                let words = if name == "p" { Some(element) } else { words_of(element) };
                let number = number_of(element);
                let added = words.and_then(|w| {
                    self.add(ParagraphKind::Preambular, element, number, Some(w), None)
                });
                if let Some(list) = element.children().find(|n| WRAPPERS.iter().any(|w| is(*n, w)))
                {
                    self.paragraphs_in(list, None, added, depth + 1);
                }
            } else if WRAPPERS.iter().any(|w| is(element, w)) {
                self.preamble(element, depth + 1);
            }
        }
    }

    /// The body: section headings, operative paragraphs and their sub-paragraphs.
    fn body(&mut self, node: Node, depth: usize) {
        if depth > MAX_NESTING {
            return;
        }
        for element in node.children().filter(Node::is_element) {
            if heads_a_section(element) {
                let heading = child(element, "heading");
                let number = number_of(element);
                self.add(ParagraphKind::SectionHeading, element, number, heading, None);
                self.body(element, depth + 1);
            } else if HIERARCHY.iter().any(|h| is(element, h)) {
                self.paragraph(element, None, depth + 1);
            } else if is(element, "formula") {
                if let Some(words) = words_of(element) {
                    self.add(ParagraphKind::VerbLine, element, None, Some(words), None);
                }
            } else if is(element, "p") {
                self.add(ParagraphKind::Operative, element, None, Some(element), None);
            } else if WRAPPERS.iter().any(|w| is(element, w)) {
                self.body(element, depth + 1);
            }
        }
    }

    /// A paragraph element under the paragraph `parent` (none at the top), and the paragraphs
    /// inside it. An element with no words of its own takes those of the list's opening
    /// subparagraph ("This Directive lays down common rules on the following:"); a further
    /// subparagraph, unnumbered, is an operative paragraph of its own, or a sub-paragraph when
    /// its words open with a number ("(a) inform …").
    fn paragraph(&mut self, element: Node, parent: Option<usize>, depth: usize) {
        if depth > MAX_NESTING {
            return;
        }
        let kind =
            if parent.is_some() { ParagraphKind::SubParagraph } else { ParagraphKind::Operative };
        let intro = words_of(element).is_none().then(|| list_intro(element)).flatten();
        let added = match (words_of(element), intro) {
            (Some(words), _) if parent.is_some() && is_further_subparagraph(element) => {
                self.further_subparagraph(element, words, parent)
            }
            (Some(words), _) => self.add(kind, element, number_of(element), Some(words), parent),
            (None, Some(intro)) => {
                let words = words_of(intro).unwrap_or(intro);
                self.add(kind, intro, number_of(element), Some(words), parent)
            }
            (None, None) => None,
        };
        self.paragraphs_in(element, intro, added.or(parent), depth + 1);
    }

    /// A further subparagraph of a paragraph: a sub-paragraph of `parent` when its words open
    /// with a number, else an operative paragraph of its own.
    fn further_subparagraph(
        &mut self,
        element: Node,
        words: Node,
        parent: Option<usize>,
    ) -> Option<usize> {
        let text = normalize(&text_of(words));
        let Some(number) = parse_marker(&text).and_then(|(m, _)| m.written().map(str::to_string))
        else {
            return self.add(ParagraphKind::Operative, element, None, Some(words), None);
        };
        let kind = ParagraphKind::SubParagraph;
        let added = self.add(kind, element, Some(number), Some(words), parent)?;
        let paragraph = &mut self.paragraphs[added];
        let rest = parse_marker(&paragraph.text).map(|(_, rest)| rest.trim_start().to_string());
        paragraph.text = rest.unwrap_or_default();
        Some(added)
    }

    /// The paragraph elements inside `node` (through lists and wrappers), but for `skipped`
    /// (the intro already read), each under the paragraph `parent`.
    fn paragraphs_in(
        &mut self,
        node: Node,
        skipped: Option<Node>,
        parent: Option<usize>,
        depth: usize,
    ) {
        if depth > MAX_NESTING {
            return;
        }
        for element in node.children().filter(|n| n.is_element() && Some(*n) != skipped) {
            if HIERARCHY.iter().any(|h| is(element, h)) {
                self.paragraph(element, parent, depth + 1);
            } else if WRAPPERS.iter().any(|w| is(element, w)) {
                self.paragraphs_in(element, skipped, parent, depth + 1);
            }
        }
    }
}

/// The number of a paragraph element (`num`), without its closing period.
fn number_of(element: Node) -> Option<String> {
    child(element, "num")
        .map(|num| normalize(&text_of(num)))
        .map(|num| num.strip_suffix('.').unwrap_or(&num).to_string())
        .filter(|num| !num.is_empty())
}

/// Whether an element of the body heads a section: a division ("chapter"), a paragraph
/// element with a heading ("Article 1" / "Subject matter and scope"), or one with no words of
/// its own whose first paragraph is numbered ("Article 8" / "1. Where …").
fn heads_a_section(element: Node) -> bool {
    if DIVISIONS.iter().any(|d| is(element, d)) {
        return true;
    }
    if !HIERARCHY.iter().any(|h| is(element, h)) {
        return false;
    }
    let first_numbered = || first_paragraph(element).is_some_and(|p| number_of(p).is_some());
    child(element, "heading").is_some()
        || (words_of(element).is_none() && number_of(element).is_some() && first_numbered())
}

/// The first paragraph element inside `node`, through lists and wrappers.
fn first_paragraph<'a, 'input>(node: Node<'a, 'input>) -> Option<Node<'a, 'input>> {
    node.children().filter(Node::is_element).find_map(|element| {
        if HIERARCHY.iter().any(|h| is(element, h)) || is(element, "intro") {
            Some(element)
        } else if WRAPPERS.iter().any(|w| is(element, w)) {
            first_paragraph(element)
        } else {
            None
        }
    })
}

/// The opening of a list that gives a paragraph element its words: an `intro`, or an
/// unnumbered first subparagraph.
fn list_intro<'a, 'input>(element: Node<'a, 'input>) -> Option<Node<'a, 'input>> {
    first_paragraph(element).filter(|first| {
        is(*first, "intro") || (is(*first, "subparagraph") && number_of(*first).is_none())
    })
}

/// Whether a paragraph element is an unnumbered subparagraph that goes on after its
/// paragraph's first words.
fn is_further_subparagraph(element: Node) -> bool {
    is(element, "subparagraph") && number_of(element).is_none()
}

/// Languages by their ISO 639-2 code in `FRBRlanguage`.
const LANGUAGES: &[(&str, &str)] =
    &[("eng", "English"), ("spa", "Spanish"), ("fra", "French"), ("por", "Portuguese")];

/// The number the metadata gives the work (`FRBRWork`'s `FRBRnumber`): "COM(2025) 162".
fn work_number(text: Node) -> Option<String> {
    let work = text.descendants().find(|n| is(*n, "FRBRWork"))?;
    let number = child(work, "FRBRnumber")?.attribute("value")?;
    Some(normalize(number)).filter(|number| !number.is_empty())
}

/// Reads any Akoma Ntoso document by its structure.
fn generic<'d>(document: &'d Document<'d>, text: Node) -> ImportedDraft {
    let mut meta = NegotiationMeta::default();
    let mut structure =
        Structure { document, paragraphs: Vec::new(), emphasis: Vec::new(), preambular: false };
    let mut titles: (Option<String>, Option<String>) = (None, None);
    for part in text.children().filter(Node::is_element) {
        if is(part, "preface") {
            for element in part.descendants().filter(Node::is_element) {
                let words = || normalize(&text_of(element));
                match element.tag_name().name() {
                    "docTitle" => titles.0 = Some(words()),
                    "longTitle" => titles.1 = Some(words()),
                    "docNumber" => meta.symbol = words(),
                    "docStatus" => read_document_status(&mut meta, &words()),
                    _ => {}
                }
            }
        } else if is(part, "preamble") {
            structure.preamble(part, 0);
        } else if ["mainBody", "body", "mainContent", "content"].iter().any(|b| is(part, b)) {
            structure.body(part, 0);
        }
    }
    if let Some(title) = titles.0.or(titles.1).filter(|title| !title.is_empty()) {
        meta.title = title;
    }
    if meta.symbol.is_empty() {
        meta.symbol = work_number(text).unwrap_or_default();
    }
    let code =
        text.descendants().find(|n| is(*n, "FRBRlanguage")).and_then(|n| n.attribute("language"));
    let named = LANGUAGES.iter().find(|(c, _)| Some(*c) == code).map(|(_, name)| *name);
    meta.language = named.unwrap_or_else(|| language(&structure.paragraphs)).to_string();
    meta.house_style = house_style(&structure.paragraphs, &structure.emphasis);
    let warnings = warnings(&structure.paragraphs);
    ImportedDraft { meta, paragraphs: structure.paragraphs, skipped: Vec::new(), warnings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{export, ExportFormat, ExportKind, ExportOptions};
    use crate::import::testing::corpus;
    use crate::import::{import_text, ImportFormat, MAX_BYTES};
    use crate::Store;

    /// What a round trip keeps of a paragraph: all but where it stood and its number.
    fn kept(paragraph: &ImportedParagraph) -> ImportedParagraph {
        ImportedParagraph {
            line: 0,
            source_number: None,
            reason: String::new(),
            confidence: Confidence::Sure,
            ..paragraph.clone()
        }
    }

    /// The draft stored as a negotiation, exported as Akoma Ntoso and imported back.
    fn round_trip(draft: &ImportedDraft) -> (ImportedDraft, String) {
        let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = folder.path().join("negotiation.accord");
        let store = Store::create_from_import(&path, draft).unwrap_or_else(|e| panic!("{e}"));
        let options = ExportOptions::default();
        let xml = export(&store, &ExportKind::Clean, ExportFormat::Akn, &options)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(ImportFormat::detect(&xml), ImportFormat::AkomaNtoso);
        let back = import_akn(&xml).unwrap_or_else(|e| panic!("{e}"));
        (back, String::from_utf8_lossy(&xml).into_owned())
    }

    fn assert_same(back: &ImportedDraft, draft: &ImportedDraft) {
        assert_eq!(back.meta, draft.meta);
        assert_eq!(back.paragraphs.len(), draft.paragraphs.len());
        for (b, d) in back.paragraphs.iter().zip(&draft.paragraphs) {
            assert_eq!(kept(b), kept(d));
        }
    }

    #[test]
    fn san_salvador_survives_a_round_trip() {
        let draft = import_text(&corpus("san-salvador-2011.txt")).unwrap_or_else(|e| panic!("{e}"));
        let (back, xml) = round_trip(&draft);
        assert_same(&back, &draft);
        assert_eq!(back.meta.whole_text_ad_referendum, ["Mexico"]);
        let lines: Vec<&str> = xml.lines().collect();
        for paragraph in &back.paragraphs {
            assert!(lines[paragraph.line - 1].contains("eId="), "{}", paragraph.line);
        }
    }

    #[test]
    fn statuses_footnotes_and_structure_survive_a_round_trip() {
        let source = "Draft resolution\n\nQuiet skies over the oceans\n\nThe General Assembly,\n\n\
                      Recalling its earlier work on quiet skies,\n\n\
                      Noting with concern the noise over the oceans,\n\n\
                      I. GENERAL PRINCIPLES\n\n1. Decides to convene a meeting on:\n(a) ports;\n\
                      (b) railways, in particular:\n(i) freight;\n(ii) passengers;\n\
                      2. Requests the Council to report back; (Pending)\n\
                      3. [Decides to fund the meeting from the regular budget;]\n\
                      4. Thanks the host country; (Proposed by Canada and Chile)\n\
                      5. Decides to remain seized of the matter. (ad referendum of the \
                      delegation of Brazil)\n";
        let mut draft = import_text(source).unwrap_or_else(|e| panic!("{e}"));
        draft.meta.symbol = "A/C.9/99/L.1".into();
        draft.meta.session = "Ninety-ninth session".into();
        draft.paragraphs[6].footnotes = vec![Footnote {
            delegation: Some("Canada".into()),
            text: "Canada will confirm the venue.".into(),
        }];
        assert_eq!(draft.meta.house_style, HouseStyle::Un);
        let (back, xml) = round_trip(&draft);
        assert_same(&back, &draft);
        assert!(xml.contains("<i>"), "the UN style's italics are written");
        let statuses: Vec<&ImportedStatus> =
            back.paragraphs[9..].iter().map(|p| &p.status).collect();
        assert_eq!(
            statuses,
            [
                &ImportedStatus::Pending,
                &ImportedStatus::Bracketed,
                &ImportedStatus::Proposed,
                &ImportedStatus::AdReferendum { delegations: vec!["Brazil".into()] },
            ]
        );
        assert_eq!(back.paragraphs[11].proposers, ["Canada", "Chile"]);
        assert_eq!(back.paragraphs[7].parent, Some(6));
        assert_eq!(back.paragraphs[6].footnotes, draft.paragraphs[6].footnotes);
    }

    #[test]
    fn other_akoma_ntoso_documents_are_read_by_their_structure() {
        let xml = r##"<?xml version="1.0" encoding="UTF-8"?>
<!-- written by another tool -->
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="resolution">
    <meta><identification source="#x"><FRBRExpression><FRBRlanguage language="spa"/></FRBRExpression></identification></meta>
    <preface>
      <p><docNumber>AG/RES. 9999 (XLIX-O/19)</docNumber></p>
      <p><docTitle>Quiet skies over the oceans</docTitle></p>
      <p><docStatus>(ad referendum of the delegation of Peru)</docStatus></p>
    </preface>
    <preamble>
      <formula name="enactingFormula"><p>THE GENERAL ASSEMBLY,</p></formula>
      <recitals>
        <recital><p><i>RECALLING</i> its earlier work;<authorialNote marker="1"><p>The delegation of Chile reserves its position.</p></authorialNote></p></recital>
        <recital><p>[NOTING the report;]</p></recital>
      </recitals>
      <formula name="enactingFormula"><p>RESOLVES:</p></formula>
    </preamble>
    <mainBody>
      <chapter><heading>Principles</heading>
        <paragraph><num>1.</num><intro><p>To convene a meeting on:</p></intro>
          <subparagraph><num>(a)</num><content><p>ports; (Pending)</p></content></subparagraph>
        </paragraph>
        <paragraph><num>2.</num><content><p>To report back. (Proposed by Canada)</p></content></paragraph>
      </chapter>
    </mainBody>
  </statement>
</akomaNtoso>"##;
        let draft = import_akn(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        use ParagraphKind::{
            OpeningClause, Operative, Preambular, SectionHeading, SubParagraph, VerbLine,
        };
        let kinds: Vec<ParagraphKind> = draft.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                OpeningClause,
                Preambular,
                Preambular,
                VerbLine,
                SectionHeading,
                Operative,
                SubParagraph,
                Operative
            ]
        );
        let p = &draft.paragraphs;
        assert_eq!(p[1].text, "RECALLING its earlier work;");
        assert_eq!(p[1].footnotes[0].delegation.as_deref(), Some("Chile"));
        assert_eq!(p[2].status, ImportedStatus::Bracketed);
        assert_eq!((p[6].parent, p[6].source_number.as_deref()), (Some(5), Some("(a)")));
        assert_eq!((p[6].text.as_str(), &p[6].status), ("ports;", &ImportedStatus::Pending));
        assert_eq!(p[7].proposers, ["Canada"]);
        assert_eq!(p[5].source_number.as_deref(), Some("1"));
        assert_eq!(draft.meta.title, "Quiet skies over the oceans");
        assert_eq!(draft.meta.symbol, "AG/RES. 9999 (XLIX-O/19)");
        assert_eq!(draft.meta.whole_text_ad_referendum, ["Peru"]);
        assert_eq!(draft.meta.language, "Spanish");
        assert_eq!(draft.meta.house_style, HouseStyle::Oas);
        assert_eq!(p[1].line, 14);
    }

    #[test]
    fn articles_head_sections_and_lists_give_their_paragraph_its_words() {
        let xml = r##"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><bill>
  <meta><identification><FRBRWork><FRBRnumber value="COM(2031) 7"/></FRBRWork></identification></meta>
  <preface><longTitle><p>Proposal for a <docType>REGULATION</docType> on quiet skies</p></longTitle></preface>
  <preamble>
    <formula name="actingEntity"><p>THE COUNCIL,</p></formula>
    <recitals><intro><p>Whereas:</p></intro><recital><num>(1)</num><p>Skies are loud.</p></recital></recitals>
    <formula name="enactingFormula"><p>HAS ADOPTED THIS REGULATION:</p></formula>
  </preamble>
  <body>
    <article><num>Article 1</num><heading>Scope</heading>
      <paragraph><num>1.</num><list>
        <subparagraph><content><p>This Regulation covers:</p></content></subparagraph>
        <point><num>(a)</num><list>
          <subparagraph><content><p>aircraft that:</p></content></subparagraph>
          <point><num>(i)</num><content><p>fly low;</p></content></point>
        </list></point>
      </list></paragraph>
      <paragraph><num>2.</num>
        <subparagraph><content><p>Member States shall:</p></content></subparagraph>
        <subparagraph><content><p>(a) report;</p></content></subparagraph>
        <subparagraph><content><p>It applies from [date of entry into force + 2 years].</p></content></subparagraph>
      </paragraph>
    </article>
    <article><num>Article 2</num>
      <paragraph><num>1.</num><content><p>This Regulation enters into force.</p></content></paragraph>
    </article>
  </body>
</bill></akomaNtoso>"##;
        let draft = import_akn(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(draft.meta.title, "Proposal for a REGULATION on quiet skies");
        assert_eq!(draft.meta.symbol, "COM(2031) 7");
        let read: Vec<(&str, Option<&str>, Option<usize>, &str)> = draft
            .paragraphs
            .iter()
            .map(|p| (p.kind.as_str(), p.source_number.as_deref(), p.parent, p.text.as_str()))
            .collect();
        assert_eq!(
            read,
            [
                ("opening_clause", None, None, "THE COUNCIL,"),
                ("section_heading", None, None, "Whereas:"),
                ("preambular", Some("(1)"), None, "Skies are loud."),
                ("verb_line", None, None, "HAS ADOPTED THIS REGULATION:"),
                ("section_heading", Some("Article 1"), None, "Scope"),
                ("operative", Some("1"), None, "This Regulation covers:"),
                ("sub_paragraph", Some("(a)"), Some(5), "aircraft that:"),
                ("sub_paragraph", Some("(i)"), Some(6), "fly low;"),
                ("operative", Some("2"), None, "Member States shall:"),
                ("sub_paragraph", Some("(a)"), Some(8), "report;"),
                ("operative", None, None, "It applies from [date of entry into force + 2 years]."),
                ("section_heading", Some("Article 2"), None, ""),
                ("operative", Some("1"), None, "This Regulation enters into force."),
            ]
        );
        assert_eq!(draft.paragraphs[10].status, ImportedStatus::Agreed);
    }

    #[test]
    fn detection_of_the_root() {
        assert!(starts_akoma_ntoso("<?xml version=\"1.0\"?>\n<akomaNtoso xmlns=\"x\">"));
        assert!(starts_akoma_ntoso("<!-- c --><!DOCTYPE a><akn:akomaNtoso>"));
        assert!(!starts_akoma_ntoso("<html><akomaNtoso/></html>"));
        assert!(!starts_akoma_ntoso("RECALLING <akomaNtoso>"));
        assert!(!starts_akoma_ntoso("<?xml version=\"1.0\""));
    }

    #[test]
    fn bad_input_gives_clear_errors() {
        assert_eq!(import_akn(b""), Err(ImportError::Empty));
        assert_eq!(import_akn(b"  \n"), Err(ImportError::Empty));
        assert_eq!(import_akn(b"<html><body/></html>"), Err(ImportError::NotAkomaNtoso));
        let damaged =
            |bytes: &[u8]| matches!(import_akn(bytes), Err(ImportError::Malformed { .. }));
        assert!(damaged(b"<akomaNtoso><statement>"));
        assert!(damaged(b"RECALLING the charter;"));
        assert!(damaged(b"\xFF\xFE<\x00a\x00"));
        assert!(damaged(b"<!DOCTYPE a [<!ENTITY x \"y\">]><akomaNtoso/>"));
        assert_eq!(import_akn(b"<akomaNtoso/>"), Err(ImportError::NoDraftFound));
        let empty = b"<akomaNtoso><statement><mainBody><paragraph><content><p/></content>\
                      </paragraph></mainBody></statement></akomaNtoso>";
        assert_eq!(import_akn(empty), Err(ImportError::NoDraftFound));
        let huge = vec![b' '; 50_000_001];
        assert_eq!(
            import_akn(&huge),
            Err(ImportError::TooLarge { bytes: 50_000_001, limit: MAX_BYTES })
        );
        let dangling = format!(
            r#"<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" xmlns:accord="{ACCORD_NS}"><statement><meta><proprietary><accord:negotiation><accord:paragraphs><accord:paragraph id="p1" kind="operative" status="agreed" eId="para_9"/></accord:paragraphs></accord:negotiation></proprietary></meta></statement></akomaNtoso>"#
        );
        let Err(ImportError::Malformed { detail }) = import_akn(dangling.as_bytes()) else {
            panic!("a paragraph without its element must be refused");
        };
        assert_eq!(detail, "paragraph p1 in the metadata: no element para_9 in the text");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let depth = 5000;
        let xml = format!(
            "<akomaNtoso><statement><mainBody>{}<paragraph><content><p>To meet.</p></content></paragraph>{}</mainBody></statement></akomaNtoso>",
            "<division>".repeat(depth),
            "</division>".repeat(depth)
        );
        assert_eq!(import_akn(xml.as_bytes()), Err(ImportError::NoDraftFound));
    }
}
