//! HTML drafts (a saved UN or OAS web page): the page's text with a paragraph break at every
//! block element, scripts, styles and navigation left out, then read as a text draft. Parsed by
//! html5ever through `scraper`, as browsers parse real-world markup.

use scraper::{ElementRef, Html, Node};

use super::{check_size, text, ImportError, ImportedDraft};

/// Elements that hold a paragraph of their own.
const BLOCKS: [&str; 19] = [
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "td",
    "th",
    "tr",
    "dd",
    "dt",
    "section",
    "article",
    "table",
];

/// Elements whose text is never part of the draft.
const LEFT_OUT: [&str; 7] = ["script", "style", "head", "noscript", "nav", "template", "button"];

/// Whether bytes look like an HTML page, an XHTML page's XML declaration before it.
pub fn is_html(head: &str) -> bool {
    let head = head.trim_start().to_ascii_lowercase();
    let declared = head.strip_prefix("<?xml").and_then(|rest| rest.split_once("?>"));
    let head = declared.map_or(head.as_str(), |(_, page)| page.trim_start());
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Reads a draft from an HTML page.
pub fn import_html(bytes: &[u8]) -> Result<ImportedDraft, ImportError> {
    check_size(bytes.len())?;
    let page = Html::parse_document(&String::from_utf8_lossy(bytes));
    let mut out = String::new();
    collect(page.root_element(), &mut out);
    text::import_text(&out)
}

/// Appends an element's text, a blank line around each block.
fn collect(element: ElementRef, out: &mut String) {
    let name = element.value().name();
    if LEFT_OUT.contains(&name) {
        return;
    }
    let block = BLOCKS.contains(&name);
    if block {
        out.push_str("\n\n");
    }
    for child in element.children() {
        match child.value() {
            Node::Text(t) => push_collapsed(out, t),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            Node::Element(_) => collect(ElementRef::wrap(child).expect("an element"), out),
            _ => {}
        }
    }
    if block {
        out.push_str("\n\n");
    }
}

/// Appends text with its runs of white space (line breaks of the source included) as one space.
pub(super) fn push_collapsed(out: &mut String, text: &str) {
    for c in text.chars() {
        if !c.is_whitespace() {
            out.push(c);
        } else if !out.ends_with(char::is_whitespace) {
            out.push(' ');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_page_reads_as_its_paragraphs_without_scripts_or_navigation() {
        let page =
            "<!DOCTYPE html><html><head><title>A/RES/1</title><script>var x = 1;</script></head>\
            <body><nav>Home | Documents</nav><h1>Draft resolution on ocean governance</h1>\
            <p>The General Assembly,</p><p><i>Recalling</i> its resolution 77/1 of\n 2022,</p>\
            <ol><li><p><i>Decides</i> to convene a conference;</p></li>\
            <li><i>Requests</i> the Secretary-General to report.</li></ol></body></html>";
        assert!(is_html(page));
        assert!(is_html("<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"));
        let draft = import_html(page.as_bytes()).unwrap();
        let texts: Vec<&str> = draft.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert!(texts.iter().all(|t| !t.contains("var x") && !t.contains("Home |")), "{texts:?}");
        assert!(texts.contains(&"Recalling its resolution 77/1 of 2022,"), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("Requests the Secretary-General")), "{texts:?}");
    }
}
