//! Akoma Ntoso 3.0, following the UN profile (AKN4UN), with everything Akoma Ntoso cannot say
//! kept under `<proprietary>` so that an import of the file loses nothing.
//!
//! # The structure written (the contract with the Akoma Ntoso importer)
//!
//! Namespaces: `http://docs.oasis-open.org/legaldocml/ns/akn/3.0` (default) and
//! `urn:accord:akn:1` (prefix `accord`, only inside `<proprietary>`). UTF-8, indented with two
//! spaces; text nodes are never indented or wrapped, so the text of a `<p>` is exact.
//!
//! ```text
//! akomaNtoso
//! └─ statement name="declaration" | "resolution"   (by the title: "resolution" in it, or not)
//!    ├─ meta
//!    │  ├─ identification source="#accord"
//!    │  │  ├─ FRBRWork: FRBRthis, FRBRuri (/akn/{oas|un}/statement/{name}/{first round date}/{slug}),
//!    │  │  │            FRBRdate name="firstRound", FRBRauthor href="#body", FRBRcountry value="oas"|"un",
//!    │  │  │            FRBRnumber value=symbol (when there is one), FRBRname value=title
//!    │  │  ├─ FRBRExpression: …/{eng|spa|fra|por}@{round date}, FRBRdate name="round",
//!    │  │  │                  FRBRauthor, FRBRlanguage language="eng"…
//!    │  │  └─ FRBRManifestation: ….akn, FRBRdate name="export" (the round's date), FRBRauthor href="#accord"
//!    │  ├─ lifecycle source="#accord"
//!    │  │  └─ eventRef eId="evt_N" date="YYYY-MM-DD" source="#original" refersTo="#round_N"
//!    │  │     type="generation" (round 1) | "amendment" — one per round up to the exported one
//!    │  ├─ references source="#accord": original eId="original"; TLCOrganization eId="accord" and
//!    │  │  eId="body" (showAs = the body); TLCEvent eId="round_N" showAs = the round's label
//!    │  └─ proprietary source="#accord"
//!    │     └─ accord:negotiation id title symbol body session language houseStyle="oas"|"un"
//!    │        round=N [stage="draft"|"final"]
//!    │        ├─ accord:wholeTextAdReferendum > accord:delegation*   (text = a name)
//!    │        ├─ accord:delegations > accord:delegation kind="member"|"observer"   (the roster)
//!    │        ├─ accord:rounds > accord:round number label date state="open"|"closed"
//!    │        │                  [closedAt=RFC 3339] [fingerprint=hex]   (rounds 1..=N)
//!    │        └─ accord:paragraphs > accord:paragraph*   — EVERY paragraph of the round, deleted
//!    │           ones included, IN DOCUMENT ORDER (this order is authoritative), attributes:
//!    │           id (uuid), kind (snake_case ParagraphKind), label (working label),
//!    │           status (snake_case StatusKind), [number] (clean number as computed, "7", "(a)"),
//!    │           [parent] (uuid of the parent paragraph), [eId] (of its element in the body;
//!    │           absent for deleted paragraphs); children, each optional:
//!    │           ├─ accord:adReferendum since=RFC 3339 [deadline=RFC 3339] > accord:delegation+
//!    │           ├─ accord:proposer*            (text = a delegation)
//!    │           ├─ accord:notes                (text = the chair's notes, line breaks kept)
//!    │           ├─ accord:footnote* [delegation]   (text = the footnote: authoritative; the
//!    │           │                                   body's authorialNote is for display)
//!    │           └─ accord:text                 (deleted paragraphs only: their text)
//!    ├─ preface
//!    │  ├─ p class="symbol" > docNumber            (when there is a symbol)
//!    │  ├─ p class="title" > docTitle               (the title as written)
//!    │  ├─ p class="status" > docStatus            ("(ad referendum of the delegation of …)")
//!    │  ├─ p class="date" > docDate date="YYYY-MM-DD"
//!    │  └─ p class="stage" > docStage               ("Draft" or "Final", when exported as such)
//!    ├─ preamble
//!    │  ├─ formula name="openingClause" eId="formula_N" > p
//!    │  ├─ container name="preambularParagraph" eId="preamble__container_N" > p
//!    │  │  [> blockList eId="…__list_1" > item eId="…__item_a" > num, p [, blockList …]]
//!    │  └─ formula name="verbLine" eId="formula_N" > p
//!    └─ mainBody
//!       ├─ paragraph eId="para_N" > num ("N."), content > p
//!       │  or, with sub-paragraphs: num, intro > p, subparagraph eId="para_N__subpara_a" > num
//!       │  ("(a)"), content > p  |  num, intro > p, subparagraph … (nested to any depth)
//!       └─ division eId="dvs_N" > heading, then the paragraphs up to the next heading
//!          (content > p, empty, when none follows)
//! ```
//!
//! The text of a paragraph is the text of its `<p>` with every `<authorialNote>` left out; it
//! is the stored text exactly (brackets and their attributions included), the UN style's
//! italics (`crate::style`: the opening clause, the participle, the operative verb) being
//! `<i>`. Elements of the preamble and the body are placed by kind (opening clause, preambular
//! paragraphs and verb line in the preamble), so an unusual order shows only in
//! `accord:paragraphs`. A sub-paragraph sits inside the paragraph above it whose depth is one
//! less, as in the printed text.

use std::collections::HashSet;
use std::fmt::Write;

use chrono::NaiveDate;

use super::Context;
use crate::model::{
    AdReferendum, DelegationKind, HouseStyle, NumberedParagraph, ParagraphKind, RoundState, Status,
    StatusKind,
};

/// The Akoma Ntoso 3.0 namespace.
pub(crate) const AKN_NS: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
/// The namespace of Accord's proprietary metadata.
pub(crate) const ACCORD_NS: &str = "urn:accord:akn:1";

/// Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A tiny indenting XML writer.
struct Xml {
    out: String,
    depth: usize,
}

impl Xml {
    fn start_tag(name: &str, attrs: &[(&str, &str)]) -> String {
        let mut tag = format!("<{name}");
        for (key, value) in attrs {
            let _ = write!(tag, " {key}=\"{}\"", escape(value));
        }
        tag
    }

    fn line(&mut self, content: &str) {
        let _ = writeln!(self.out, "{}{content}", "  ".repeat(self.depth));
    }

    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let tag = Self::start_tag(name, attrs);
        self.line(&format!("{tag}>"));
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.line(&format!("</{name}>"));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let tag = Self::start_tag(name, attrs);
        self.line(&format!("{tag}/>"));
    }

    /// An element holding escaped text.
    fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.mixed(name, attrs, &escape(text));
    }

    /// An element holding already-escaped mixed content.
    fn mixed(&mut self, name: &str, attrs: &[(&str, &str)], content: &str) {
        let tag = Self::start_tag(name, attrs);
        self.line(&format!("{tag}>{content}</{name}>"));
    }
}

/// The FRBR identity of the exported expression.
struct Identity {
    /// "declaration" or "resolution".
    name: &'static str,
    /// "oas" or "un", after the house style.
    country: &'static str,
    work: String,
    expression: String,
    language: &'static str,
    first_date: NaiveDate,
}

impl Identity {
    fn of(context: &Context) -> Self {
        let negotiation = &context.document.negotiation;
        let round = &context.document.round;
        let title = negotiation.title.to_lowercase();
        let name = if title.contains("resolution") { "resolution" } else { "declaration" };
        let country = match negotiation.house_style {
            HouseStyle::Oas => "oas",
            HouseStyle::Un => "un",
        };
        let first_date = context.rounds.first().map_or(round.date, |r| r.date);
        let symbol = negotiation.symbol.trim();
        let name_slug = slug(if symbol.is_empty() { &negotiation.title } else { symbol });
        let language = language3(&negotiation.language);
        let work = format!("/akn/{country}/statement/{name}/{}/{name_slug}", day(first_date));
        let expression = format!("{work}/{language}@{}", day(round.date));
        Self { name, country, work, expression, language, first_date }
    }
}

/// The round's text as Akoma Ntoso.
pub(crate) fn write(context: &Context) -> String {
    let id = Identity::of(context);
    let mut xml = Xml { out: String::new(), depth: 0 };
    xml.line(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    xml.open("akomaNtoso", &[("xmlns", AKN_NS), ("xmlns:accord", ACCORD_NS)]);
    xml.open("statement", &[("name", id.name)]);
    let tree = Tree::of(&context.document.paragraphs);
    let eids = tree.eids();
    xml.open("meta", &[]);
    identification(&mut xml, context, &id);
    lifecycle(&mut xml, context);
    references(&mut xml, context, &id);
    let paragraph_eids: Vec<Option<&str>> =
        tree.node_of.iter().map(|node| node.map(|i| eids[i].as_str())).collect();
    proprietary(&mut xml, context, &paragraph_eids);
    xml.close("meta");
    preface(&mut xml, context);
    let mut notes = 0;
    preamble(&mut xml, context, &tree, &eids, &mut notes);
    main_body(&mut xml, context, &tree, &eids, &mut notes);
    xml.close("statement");
    xml.close("akomaNtoso");
    xml.out
}

/// The FRBR work, expression and manifestation.
fn identification(xml: &mut Xml, context: &Context, id: &Identity) {
    let negotiation = &context.document.negotiation;
    let round_date = day(context.document.round.date);
    let (work, expression) = (&id.work, &id.expression);
    xml.open("identification", &[("source", "#accord")]);
    xml.open("FRBRWork", &[]);
    xml.empty("FRBRthis", &[("value", &format!("{work}/!main"))]);
    xml.empty("FRBRuri", &[("value", work)]);
    xml.empty("FRBRdate", &[("date", &day(id.first_date)), ("name", "firstRound")]);
    xml.empty("FRBRauthor", &[("href", "#body")]);
    xml.empty("FRBRcountry", &[("value", id.country)]);
    if !negotiation.symbol.trim().is_empty() {
        xml.empty("FRBRnumber", &[("value", negotiation.symbol.trim())]);
    }
    xml.empty("FRBRname", &[("value", negotiation.title.trim())]);
    xml.close("FRBRWork");
    xml.open("FRBRExpression", &[]);
    xml.empty("FRBRthis", &[("value", &format!("{expression}/!main"))]);
    xml.empty("FRBRuri", &[("value", expression)]);
    xml.empty("FRBRdate", &[("date", &round_date), ("name", "round")]);
    xml.empty("FRBRauthor", &[("href", "#body")]);
    xml.empty("FRBRlanguage", &[("language", id.language)]);
    xml.close("FRBRExpression");
    xml.open("FRBRManifestation", &[]);
    xml.empty("FRBRthis", &[("value", &format!("{expression}/!main.xml"))]);
    xml.empty("FRBRuri", &[("value", &format!("{expression}.akn"))]);
    xml.empty("FRBRdate", &[("date", &round_date), ("name", "export")]);
    xml.empty("FRBRauthor", &[("href", "#accord")]);
    xml.close("FRBRManifestation");
    xml.close("identification");
}

/// One event per round: the first generates the text, the others amend it.
fn lifecycle(xml: &mut Xml, context: &Context) {
    xml.open("lifecycle", &[("source", "#accord")]);
    for (i, r) in context.rounds.iter().enumerate() {
        let event = if i == 0 { "generation" } else { "amendment" };
        let (eid, refers) = (format!("evt_{}", r.number), format!("#round_{}", r.number));
        let date = day(r.date);
        let attrs = [
            ("eId", eid.as_str()),
            ("date", &date),
            ("source", "#original"),
            ("refersTo", &refers),
            ("type", event),
        ];
        xml.empty("eventRef", &attrs);
    }
    xml.close("lifecycle");
}

/// The original, Accord and the negotiating body, and each round as an event.
fn references(xml: &mut Xml, context: &Context, id: &Identity) {
    let negotiation = &context.document.negotiation;
    xml.open("references", &[("source", "#accord")]);
    let original =
        [("eId", "original"), ("href", id.work.as_str()), ("showAs", negotiation.title.trim())];
    xml.empty("original", &original);
    let accord =
        [("eId", "accord"), ("href", "/ontology/organization/accord"), ("showAs", "Accord")];
    xml.empty("TLCOrganization", &accord);
    let body =
        if negotiation.body.trim().is_empty() { "Unnamed body" } else { negotiation.body.trim() };
    let href = format!("/ontology/organization/{}/{}", id.country, slug(body));
    xml.empty("TLCOrganization", &[("eId", "body"), ("href", &href), ("showAs", body)]);
    for r in &context.rounds {
        let eid = format!("round_{}", r.number);
        let href = format!("/ontology/event/accord/round_{}", r.number);
        xml.empty("TLCEvent", &[("eId", &eid), ("href", &href), ("showAs", r.label.trim())]);
    }
    xml.close("references");
}

/// The symbol, title, status line, date and stage (draft or final).
fn preface(xml: &mut Xml, context: &Context) {
    let negotiation = &context.document.negotiation;
    let round = &context.document.round;
    xml.open("preface", &[]);
    if !negotiation.symbol.trim().is_empty() {
        let number = format!("<docNumber>{}</docNumber>", escape(negotiation.symbol.trim()));
        xml.mixed("p", &[("class", "symbol")], &number);
    }
    let title = format!("<docTitle>{}</docTitle>", escape(negotiation.title.trim()));
    xml.mixed("p", &[("class", "title")], &title);
    if let Some(line) = negotiation.status_line() {
        xml.mixed(
            "p",
            &[("class", "status")],
            &format!("<docStatus>{}</docStatus>", escape(&line)),
        );
    }
    let long_date = escape(&super::sheet::long_date(round.date));
    let date = format!("<docDate date=\"{}\">{long_date}</docDate>", day(round.date));
    xml.mixed("p", &[("class", "date")], &date);
    let stage = match (context.options.draft_mark, context.options.final_text) {
        (true, _) => Some("Draft"),
        (_, true) => Some("Final"),
        _ => None,
    };
    if let Some(stage) = stage {
        xml.mixed("p", &[("class", "stage")], &format!("<docStage>{stage}</docStage>"));
    }
    xml.close("preface");
}

/// The opening clause, preambular paragraphs and verb line, when there are any.
fn preamble(xml: &mut Xml, context: &Context, tree: &Tree, eids: &[String], notes: &mut usize) {
    let style = context.document.negotiation.house_style;
    let kind = |i: usize| tree.nodes[i].paragraph.paragraph.kind;
    let preamble: Vec<usize> =
        tree.roots.iter().copied().filter(|&i| in_preamble(kind(i))).collect();
    if preamble.is_empty() {
        return;
    }
    xml.open("preamble", &[]);
    for i in preamble {
        let node = &tree.nodes[i];
        let eid = &eids[i];
        let (element, name) = match kind(i) {
            ParagraphKind::OpeningClause => ("formula", "openingClause"),
            ParagraphKind::VerbLine => ("formula", "verbLine"),
            _ => ("container", "preambularParagraph"),
        };
        xml.open(element, &[("name", name), ("eId", eid)]);
        xml.mixed("p", &[], &inline(node.paragraph, style, notes));
        block_list(xml, tree, eids, &node.children, eid, style, notes);
        xml.close(element);
    }
    xml.close("preamble");
}

/// The operative part: sections as divisions holding the paragraphs up to the next heading.
fn main_body(xml: &mut Xml, context: &Context, tree: &Tree, eids: &[String], notes: &mut usize) {
    let style = context.document.negotiation.house_style;
    let kind = |i: usize| tree.nodes[i].paragraph.paragraph.kind;
    let body: Vec<usize> = tree.roots.iter().copied().filter(|&i| !in_preamble(kind(i))).collect();
    xml.open("mainBody", &[]);
    let mut k = 0;
    while k < body.len() {
        let i = body[k];
        k += 1;
        if kind(i) != ParagraphKind::SectionHeading {
            hierarchy(xml, tree, eids, i, style, notes);
            continue;
        }
        let mut members = tree.nodes[i].children.clone();
        while k < body.len() && kind(body[k]) != ParagraphKind::SectionHeading {
            members.push(body[k]);
            k += 1;
        }
        division(xml, tree, eids, i, &members, style, notes);
    }
    if body.is_empty() {
        // mainBody may not be empty: an explicit empty paragraph says the text has none yet.
        xml.open("paragraph", &[("eId", "para_0")]);
        empty_content(xml);
        xml.close("paragraph");
    }
    xml.close("mainBody");
}

/// A section: its heading and its paragraphs.
fn division(
    xml: &mut Xml,
    tree: &Tree,
    eids: &[String],
    heading: usize,
    members: &[usize],
    style: HouseStyle,
    notes: &mut usize,
) {
    xml.open("division", &[("eId", &eids[heading])]);
    xml.mixed("heading", &[], &inline(tree.nodes[heading].paragraph, style, notes));
    if members.is_empty() {
        empty_content(xml);
    }
    for &m in members {
        hierarchy(xml, tree, eids, m, style, notes);
    }
    xml.close("division");
}

fn empty_content(xml: &mut Xml) {
    xml.open("content", &[]);
    xml.empty("p", &[]);
    xml.close("content");
}

fn in_preamble(kind: ParagraphKind) -> bool {
    matches!(
        kind,
        ParagraphKind::OpeningClause | ParagraphKind::Preambular | ParagraphKind::VerbLine
    )
}

/// A paragraph (or orphan sub-paragraph) of the body and its sub-paragraphs.
fn hierarchy(
    xml: &mut Xml,
    tree: &Tree<'_>,
    eids: &[String],
    i: usize,
    style: HouseStyle,
    notes: &mut usize,
) {
    let node = &tree.nodes[i];
    let element = if node.paragraph.paragraph.kind == ParagraphKind::SubParagraph
        && eids[i].contains("__subpara_")
    {
        "subparagraph"
    } else {
        "paragraph"
    };
    xml.open(element, &[("eId", &eids[i])]);
    if let Some(number) = super::sheet::printed_number(node.paragraph) {
        xml.text("num", &[], &number);
    }
    let text = inline(node.paragraph, style, notes);
    if node.children.is_empty() {
        xml.open("content", &[]);
        xml.mixed("p", &[], &text);
        xml.close("content");
    } else {
        xml.open("intro", &[]);
        xml.mixed("p", &[], &text);
        xml.close("intro");
        for &child in &node.children {
            hierarchy(xml, tree, eids, child, style, notes);
        }
    }
    xml.close(element);
}

/// Sub-paragraphs of a preamble element, as a list.
fn block_list(
    xml: &mut Xml,
    tree: &Tree<'_>,
    eids: &[String],
    children: &[usize],
    parent: &str,
    style: HouseStyle,
    notes: &mut usize,
) {
    if children.is_empty() {
        return;
    }
    xml.open("blockList", &[("eId", &format!("{parent}__list_1"))]);
    for &child in children {
        let node = &tree.nodes[child];
        xml.open("item", &[("eId", &eids[child])]);
        if let Some(number) = super::sheet::printed_number(node.paragraph) {
            xml.text("num", &[], &number);
        }
        xml.mixed("p", &[], &inline(node.paragraph, style, notes));
        block_list(xml, tree, eids, &node.children, &eids[child], style, notes);
        xml.close("item");
    }
    xml.close("blockList");
}

/// The escaped text of a paragraph with the house style's italics (`crate::style`, as on screen
/// and in every export; the text itself stays as stored, capitals are not applied) and its
/// footnotes.
fn inline(p: &NumberedParagraph, style: HouseStyle, notes: &mut usize) -> String {
    let text = &p.paragraph.text;
    let chars: Vec<char> = text.chars().collect();
    let part = |range: std::ops::Range<usize>| escape(&chars[range].iter().collect::<String>());
    let mut italic = vec![false; chars.len()];
    for range in crate::style::ranges(text, p.paragraph.kind, style) {
        italic[range.start..range.end].fill(range.italic);
    }
    let mut out = String::new();
    let mut at = 0;
    while at < chars.len() {
        let end = (at..chars.len()).find(|&i| italic[i] != italic[at]).unwrap_or(chars.len());
        if italic[at] {
            let _ = write!(out, "<i>{}</i>", part(at..end));
        } else {
            out.push_str(&part(at..end));
        }
        at = end;
    }
    for note in &p.paragraph.footnotes {
        *notes += 1;
        let _ = write!(
            out,
            "<authorialNote marker=\"{n}\" placement=\"bottom\" eId=\"authorialNote_{n}\"><p>{}</p></authorialNote>",
            escape(note.text.trim()),
            n = *notes
        );
    }
    out
}

/// Accord's metadata: the negotiation, its rounds and every paragraph's status.
fn proprietary(xml: &mut Xml, context: &Context, eids: &[Option<&str>]) {
    let document = &context.document;
    let n = &document.negotiation;
    let style = match n.house_style {
        HouseStyle::Oas => "oas",
        HouseStyle::Un => "un",
    };
    let round = document.round.number.to_string();
    let id = n.id.to_string();
    let mut attrs: Vec<(&str, &str)> = vec![
        ("id", &id),
        ("title", n.title.as_str()),
        ("symbol", n.symbol.as_str()),
        ("body", n.body.as_str()),
        ("session", n.session.as_str()),
        ("language", n.language.as_str()),
        ("houseStyle", style),
        ("round", &round),
    ];
    if context.options.draft_mark {
        attrs.push(("stage", "draft"));
    } else if context.options.final_text {
        attrs.push(("stage", "final"));
    }
    xml.open("proprietary", &[("source", "#accord")]);
    xml.open("accord:negotiation", &attrs);
    if !n.whole_text_ad_referendum.is_empty() {
        xml.open("accord:wholeTextAdReferendum", &[]);
        for d in &n.whole_text_ad_referendum {
            xml.text("accord:delegation", &[], d);
        }
        xml.close("accord:wholeTextAdReferendum");
    }
    roster(xml, context);
    rounds(xml, context);
    xml.open("accord:paragraphs", &[]);
    for (p, eid) in document.paragraphs.iter().zip(eids) {
        paragraph_facts(xml, p, *eid);
    }
    xml.close("accord:paragraphs");
    xml.close("accord:negotiation");
    xml.close("proprietary");
}

fn roster(xml: &mut Xml, context: &Context) {
    xml.open("accord:delegations", &[]);
    for d in &context.roster {
        let kind = match d.kind {
            DelegationKind::Member => "member",
            DelegationKind::Observer => "observer",
        };
        xml.text("accord:delegation", &[("kind", kind)], &d.name);
    }
    xml.close("accord:delegations");
}

fn rounds(xml: &mut Xml, context: &Context) {
    xml.open("accord:rounds", &[]);
    for r in &context.rounds {
        let number = r.number.to_string();
        let date = day(r.date);
        let closed = r.closed_at.map(|t| t.to_rfc3339());
        let state = match r.state {
            RoundState::Open => "open",
            RoundState::Closed => "closed",
        };
        let mut attrs: Vec<(&str, &str)> = vec![
            ("number", &number),
            ("label", r.label.as_str()),
            ("date", &date),
            ("state", state),
        ];
        if let Some(closed) = &closed {
            attrs.push(("closedAt", closed));
        }
        if let Some(fingerprint) = &r.fingerprint {
            attrs.push(("fingerprint", fingerprint));
        }
        xml.empty("accord:round", &attrs);
    }
    xml.close("accord:rounds");
}

/// What Accord knows of a paragraph beyond its text: ids, kind, label, status and its details.
fn paragraph_facts(xml: &mut Xml, p: &NumberedParagraph, eid: Option<&str>) {
    let paragraph = &p.paragraph;
    let id = paragraph.id.to_string();
    let parent = paragraph.parent.map(|id| id.to_string());
    let mut attrs: Vec<(&str, &str)> = vec![
        ("id", &id),
        ("kind", paragraph.kind.as_str()),
        ("label", paragraph.label.as_str()),
        ("status", paragraph.status.kind().as_str()),
    ];
    if let Some(number) = &p.number {
        attrs.push(("number", number));
    }
    if let Some(parent) = &parent {
        attrs.push(("parent", parent));
    }
    if let Some(eid) = eid {
        attrs.push(("eId", eid));
    }
    let deleted = paragraph.status.kind() == StatusKind::Deleted;
    let has_children = matches!(paragraph.status, Status::AdReferendum(_))
        || !paragraph.proposers.is_empty()
        || !paragraph.notes.is_empty()
        || !paragraph.footnotes.is_empty()
        || deleted;
    if !has_children {
        xml.empty("accord:paragraph", &attrs);
        return;
    }
    xml.open("accord:paragraph", &attrs);
    if let Status::AdReferendum(a) = &paragraph.status {
        ad_referendum(xml, a);
    }
    for proposer in &paragraph.proposers {
        xml.text("accord:proposer", &[], proposer);
    }
    if !paragraph.notes.is_empty() {
        xml.text("accord:notes", &[], &paragraph.notes);
    }
    for note in &paragraph.footnotes {
        let attrs: Vec<(&str, &str)> =
            note.delegation.as_deref().map(|d| ("delegation", d)).into_iter().collect();
        xml.text("accord:footnote", &attrs, &note.text);
    }
    if deleted {
        xml.text("accord:text", &[], &paragraph.text);
    }
    xml.close("accord:paragraph");
}

fn ad_referendum(xml: &mut Xml, a: &AdReferendum) {
    let since = a.since.to_rfc3339();
    let deadline = a.deadline.map(|d| d.to_rfc3339());
    let mut attrs: Vec<(&str, &str)> = vec![("since", &since)];
    if let Some(deadline) = &deadline {
        attrs.push(("deadline", deadline));
    }
    xml.open("accord:adReferendum", &attrs);
    for d in &a.delegations {
        xml.text("accord:delegation", &[], d);
    }
    xml.close("accord:adReferendum");
}

/// The live paragraphs as a tree: top-level paragraphs with their sub-paragraphs.
struct Tree<'a> {
    nodes: Vec<Node<'a>>,
    roots: Vec<usize>,
    /// For each paragraph of the document, its node (none for deleted paragraphs).
    node_of: Vec<Option<usize>>,
}

struct Node<'a> {
    paragraph: &'a NumberedParagraph,
    children: Vec<usize>,
}

impl<'a> Tree<'a> {
    fn of(paragraphs: &'a [NumberedParagraph]) -> Tree<'a> {
        let mut tree = Tree { nodes: Vec::new(), roots: Vec::new(), node_of: Vec::new() };
        // Open nodes, with their depth, from the outermost.
        let mut stack: Vec<(u8, usize)> = Vec::new();
        for p in paragraphs {
            if p.paragraph.status.kind() == StatusKind::Deleted {
                tree.node_of.push(None);
                continue;
            }
            let index = tree.nodes.len();
            tree.nodes.push(Node { paragraph: p, children: Vec::new() });
            tree.node_of.push(Some(index));
            if p.paragraph.kind == ParagraphKind::SubParagraph {
                let depth = p.depth.max(1);
                while stack.last().is_some_and(|&(d, _)| d >= depth) {
                    stack.pop();
                }
                match stack.last() {
                    Some(&(_, parent)) => tree.nodes[parent].children.push(index),
                    None => tree.roots.push(index),
                }
                stack.push((depth, index));
            } else {
                tree.roots.push(index);
                stack.clear();
                stack.push((0, index));
            }
        }
        tree
    }

    /// The eId of every node (by node index), unique in the document.
    fn eids(&self) -> Vec<String> {
        let mut eids = vec![String::new(); self.nodes.len()];
        let mut used: HashSet<String> = HashSet::new();
        let mut unique = |base: String| {
            let mut candidate = base.clone();
            let mut n = 2;
            while !used.insert(candidate.clone()) {
                candidate = format!("{base}_{n}");
                n += 1;
            }
            candidate
        };
        let mut formulas = 0;
        let mut divisions = 0;
        let mut orphans = 0;
        for &root in &self.roots {
            let p = self.nodes[root].paragraph;
            let number = p.number.clone().unwrap_or_default();
            let base = match p.paragraph.kind {
                ParagraphKind::OpeningClause | ParagraphKind::VerbLine => {
                    formulas += 1;
                    format!("formula_{formulas}")
                }
                ParagraphKind::Preambular => format!("preamble__container_{number}"),
                ParagraphKind::Operative => format!("para_{number}"),
                ParagraphKind::SectionHeading => {
                    divisions += 1;
                    format!("dvs_{divisions}")
                }
                ParagraphKind::SubParagraph => {
                    orphans += 1;
                    format!("para_{}", token(&number, orphans))
                }
            };
            eids[root] = unique(base);
            let in_list = in_preamble(p.paragraph.kind);
            // (child, parent), depth first in document order.
            let mut pending: Vec<(usize, usize)> =
                self.nodes[root].children.iter().rev().map(|&c| (c, root)).collect();
            while let Some((child, parent)) = pending.pop() {
                let number = self.nodes[child].paragraph.number.clone().unwrap_or_default();
                let base = if in_list {
                    format!("{}__list_1__item_{}", eids[parent], token(&number, child))
                } else {
                    format!("{}__subpara_{}", eids[parent], token(&number, child))
                };
                eids[child] = unique(base);
                pending.extend(self.nodes[child].children.iter().rev().map(|&c| (c, child)));
            }
        }
        eids
    }
}

/// The eId token of a number: "(a)" → "a", "ii." → "ii"; a fallback when there is none.
fn token(number: &str, fallback: usize) -> String {
    let token: String = number.chars().filter(|c| c.is_alphanumeric()).collect();
    if token.is_empty() {
        fallback.to_string()
    } else {
        token
    }
}

/// "2011-04-27".
fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A lowercase, dash-separated identifier for URIs: "AG/doc.5200/11" → "ag-doc-5200-11".
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(80).collect();
    if out.is_empty() {
        "untitled".into()
    } else {
        out.trim_end_matches('-').to_string()
    }
}

/// ISO 639-2 code of a working language: "English" → "eng".
fn language3(language: &str) -> &'static str {
    match super::language_code(language) {
        "es" => "spa",
        "fr" => "fra",
        "pt" => "por",
        _ => "eng",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_languages() {
        assert_eq!(slug("AG/doc.5200/11"), "ag-doc-5200-11");
        assert_eq!(
            slug("  Draft Declaration of San Salvador  "),
            "draft-declaration-of-san-salvador"
        );
        assert_eq!(slug("///"), "untitled");
        assert_eq!(language3("Spanish"), "spa");
        assert_eq!(language3("English"), "eng");
    }

    #[test]
    fn xml_escaping_drops_forbidden_characters() {
        assert_eq!(escape("a < b & \"c\"\u{1}"), "a &lt; b &amp; &quot;c&quot;");
    }
}
