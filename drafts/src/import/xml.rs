//! XML drafts in any vocabulary but Akoma Ntoso (the Office of the High Commissioner's UDHR
//! files, DocBook, a repository's own schema): the document's text with a paragraph break
//! around every element that holds text of its own (its inline children part of it), elements
//! holding only elements read through, the items of an ordered list (`orderedlist`, `ol`)
//! numbered as a reader sees them; then read as a text draft.

use roxmltree::{Document, Node};

use super::html::push_collapsed;
use super::{check_size, text, ImportError, ImportedDraft};

/// Elements whose children are numbered 1., 2., … when shown.
const ORDERED_LISTS: [&str; 2] = ["orderedlist", "ol"];

/// Whether the start of a file opens an XML document (its declaration).
pub fn is_xml(head: &str) -> bool {
    head.trim_start().starts_with("<?xml")
}

/// Reads a draft from an XML document of any vocabulary.
///
/// Fails on an empty input, on XML that is not well formed (or declares a DTD), on more than
/// [`MAX_BYTES`](super::MAX_BYTES), and when the text holds no draft.
pub fn import_xml(bytes: &[u8]) -> Result<ImportedDraft, ImportError> {
    check_size(bytes.len())?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let xml = std::str::from_utf8(bytes).map_err(|_| malformed("the XML is not UTF-8 text"))?;
    if xml.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let document = Document::parse(xml).map_err(|e| malformed(&format!("invalid XML: {e}")))?;
    let mut out = String::new();
    collect(document.root_element(), None, &mut out);
    text::import_text(&out)
}

fn malformed(detail: &str) -> ImportError {
    ImportError::Malformed { detail: detail.to_string() }
}

/// Appends an element's paragraphs, a blank line around each, `number` before the first.
fn collect(element: Node, mut number: Option<String>, out: &mut String) {
    let holds_text =
        element.children().any(|c| c.is_text() && !c.text().unwrap_or("").trim().is_empty());
    if holds_text {
        out.push_str("\n\n");
        out.push_str(&number.unwrap_or_default());
        for piece in element.descendants().filter(Node::is_text) {
            push_collapsed(out, piece.text().unwrap_or(""));
        }
        out.push_str("\n\n");
        return;
    }
    let ordered = ORDERED_LISTS.contains(&element.tag_name().name());
    for (i, child) in element.children().filter(Node::is_element).enumerate() {
        let item = if ordered { Some(format!("{}. ", i + 1)) } else { number.take() };
        collect(child, item, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::ImportFormat;
    use crate::model::ParagraphKind;

    #[test]
    fn an_xml_text_of_another_vocabulary_reads_as_its_paragraphs_with_list_numbers() {
        let xml = "<?xml version=\"1.0\"?>\n<resolution xmlns=\"urn:example\">\
            <title>Ocean governance</title><preamble><para>The General Assembly,</para>\
            <para><i>Recalling</i> its resolution\n 77/1,</para></preamble>\
            <body><orderedlist><listitem><para>Decides to convene a conference;</para></listitem>\
            <listitem><para>Requests a report.</para></listitem></orderedlist></body></resolution>";
        assert_eq!(ImportFormat::detect(xml.as_bytes()), ImportFormat::Xml);
        let draft = import_xml(xml.as_bytes()).unwrap();
        let read: Vec<(ParagraphKind, &str)> =
            draft.paragraphs.iter().map(|p| (p.kind, p.text.as_str())).collect();
        assert_eq!(
            read,
            [
                (ParagraphKind::OpeningClause, "The General Assembly,"),
                (ParagraphKind::Preambular, "Recalling its resolution 77/1,"),
                (ParagraphKind::Operative, "Decides to convene a conference;"),
                (ParagraphKind::Operative, "Requests a report."),
            ]
        );
        assert_eq!(draft.paragraphs[3].source_number.as_deref(), Some("2"));
        assert!(matches!(
            import_xml(b"<?xml version=\"1.0\"?><a>"),
            Err(ImportError::Malformed { .. })
        ));
    }
}
