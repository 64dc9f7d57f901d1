//! OpenDocument text (`.odt`, as LibreOffice and many secretariats save): the paragraphs and
//! headings of `content.xml` in document order, footnote bodies left out, then read as a text
//! draft (the kinds, numbers and statuses are recognized from the words, as for a text file).

use roxmltree::{Document, Node};

use super::docx::Package;
use super::{text, ImportError, ImportedDraft, MAX_BYTES};

const TEXT_NS: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const MIMETYPE: &[u8] = b"mimetypeapplication/vnd.oasis.opendocument.text";

/// Whether bytes are an OpenDocument text: a zip archive whose first, stored entry names it.
pub fn is_odt(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && bytes[..bytes.len().min(200)].windows(MIMETYPE.len()).any(|w| w == MIMETYPE)
}

/// Reads a draft from an OpenDocument text.
pub fn import_odt(bytes: &[u8]) -> Result<ImportedDraft, ImportError> {
    let mut package = Package::open(bytes, MAX_BYTES)?;
    let content = package.part("content.xml")?.ok_or_else(|| ImportError::Malformed {
        detail: "the document has no content.xml".into(),
    })?;
    let xml = Document::parse(&content)
        .map_err(|e| ImportError::Malformed { detail: format!("content.xml: {e}") })?;
    let paragraphs: Vec<String> = xml
        .descendants()
        .filter(|n| is_text(n, "p") || is_text(n, "h"))
        .filter(|n| !n.ancestors().skip(1).any(|a| is_text(&a, "note") || is_text(&a, "p")))
        .map(|n| words(n).split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(ImportError::Empty);
    }
    text::import_text(&paragraphs.join("\n\n"))
}

fn is_text(node: &Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().namespace() == Some(TEXT_NS)
        && node.tag_name().name() == name
}

/// A paragraph's text: its runs, spaces and tabs, without the footnotes it cites.
fn words(paragraph: Node) -> String {
    let mut out = String::new();
    for child in paragraph.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or(""));
        } else if is_text(&child, "s") || is_text(&child, "tab") || is_text(&child, "line-break") {
            out.push(' ');
        } else if !is_text(&child, "note") {
            out.push_str(&words(child));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportFormat;

    #[test]
    fn an_opendocument_is_told_from_a_word_file_and_a_damaged_one_refused() {
        let damaged = [b"PK\x03\x04".as_slice(), &[0; 26], MIMETYPE].concat();
        assert!(is_odt(&damaged) && !is_odt(b"PK\x03\x04 a Word file"));
        assert_eq!(ImportFormat::detect(&damaged), ImportFormat::Odt);
        assert!(matches!(import_odt(&damaged), Err(ImportError::Malformed { .. })));
    }
}
