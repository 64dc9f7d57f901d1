//! Puts the parts `docx-rs` writes into the element order of the WordprocessingML schema
//! (ECMA-376): it writes, for instance, a paragraph's `w:rPr` before its `w:pStyle`, and the
//! page size before the footer reference. LibreOffice does not mind; Word reads property
//! elements in schema order and may drop one that comes out of turn, so every property list
//! Accord writes is reordered here, by the sequences below, before the parts are zipped.
//!
//! The rewrite keeps every byte of the source but the order of the children of the listed
//! elements (and a stray `w:type` attribute `docx-rs` adds to `w:gridCol`, which the schema
//! does not allow).

use roxmltree::{Document, Node};

use crate::{Error, Result};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// CT_PPr: paragraph properties.
#[rustfmt::skip]
const PARAGRAPH: &[&str] = &[
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
];

/// CT_ParaRPr and CT_RPr: run properties (a paragraph mark's revision marks first).
#[rustfmt::skip]
const RUN: &[&str] = &[
    "ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps",
    "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
    "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
    "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
    "eastAsianLayout", "specVanish", "oMath", "rPrChange",
];

/// CT_SectPr: headers and footers first, in any order among themselves.
#[rustfmt::skip]
const SECTION: &[&str] = &[
    "headerReference|footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
    "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
    "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
];

/// CT_TblPr: table properties.
#[rustfmt::skip]
const TABLE: &[&str] = &[
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
    "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
    "tblLook", "tblCaption", "tblDescription", "tblPrChange",
];

/// CT_TcPr: table cell properties.
#[rustfmt::skip]
const CELL: &[&str] = &[
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
    "cellMerge", "tcPrChange",
];

/// CT_Style: a style definition.
#[rustfmt::skip]
const STYLE: &[&str] = &[
    "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority",
    "semiHidden", "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose",
    "personalReply", "rsid", "pPr", "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
];

/// The schema sequence of an element's children, for the elements whose order is fixed here.
fn sequence(element: &str) -> Option<&'static [&'static str]> {
    match element {
        "pPr" => Some(PARAGRAPH),
        "rPr" => Some(RUN),
        "sectPr" => Some(SECTION),
        "tblPr" => Some(TABLE),
        "tcPr" => Some(CELL),
        "style" => Some(STYLE),
        _ => None,
    }
}

/// An element's place in a sequence; unknown elements keep their order, after the known ones.
fn rank(sequence: &[&str], name: &str) -> usize {
    sequence.iter().position(|entry| entry.split('|').any(|n| n == name)).unwrap_or(sequence.len())
}

/// Rewrites one XML part in schema order.
pub(crate) fn canonical(part: &[u8]) -> Result<Vec<u8>> {
    let source = std::str::from_utf8(part)
        .map_err(|e| Error::Export(format!("a .docx part is not UTF-8: {e}")))?;
    let document = Document::parse(source)
        .map_err(|e| Error::Export(format!("a .docx part is not well-formed XML: {e}")))?;
    let root = document.root_element();
    let mut out = String::with_capacity(source.len());
    out.push_str(&source[..root.range().start]);
    emit(source, root, &mut out);
    out.push_str(&source[root.range().end..]);
    Ok(out.into_bytes())
}

fn emit(source: &str, node: Node<'_, '_>, out: &mut String) {
    let range = node.range();
    let (Some(first), Some(last)) = (node.first_child(), node.last_child()) else {
        if node.has_tag_name((W, "gridCol")) {
            // CT_TblGridCol has w:w only.
            out.push_str(&source[range].replace(r#" w:type="dxa""#, ""));
        } else {
            out.push_str(&source[range]);
        }
        return;
    };
    out.push_str(&source[range.start..first.range().start]);
    let mut children: Vec<Node<'_, '_>> = node.children().collect();
    let in_w = node.tag_name().namespace() == Some(W);
    let only_elements = children.iter().all(|c| c.is_element());
    if let Some(sequence) = sequence(node.tag_name().name()).filter(|_| in_w && only_elements) {
        children.sort_by_key(|c| rank(sequence, c.tag_name().name()));
    }
    for child in children {
        emit(source, child, out);
    }
    out.push_str(&source[last.range().end..range.end]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_lists_are_put_in_schema_order() {
        let part = r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:rPr><w:sz w:val="24" /><w:ins w:id="1" /><w:rFonts w:ascii="X" /></w:rPr><w:pStyle w:val="Operative" /><w:jc w:val="both" /><w:keepNext /></w:pPr><w:r><w:t xml:space="preserve"> text </w:t></w:r></w:p><w:tblGrid><w:gridCol w:w="10" w:type="dxa" /></w:tblGrid></w:document>"#;
        let done = String::from_utf8(canonical(part.as_bytes()).unwrap()).unwrap();
        assert_eq!(
            done,
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Operative" /><w:keepNext /><w:jc w:val="both" /><w:rPr><w:ins w:id="1" /><w:rFonts w:ascii="X" /><w:sz w:val="24" /></w:rPr></w:pPr><w:r><w:t xml:space="preserve"> text </w:t></w:r></w:p><w:tblGrid><w:gridCol w:w="10" /></w:tblGrid></w:document>"#
        );
    }

    #[test]
    fn headers_and_footers_lead_a_section() {
        assert!(rank(SECTION, "footerReference") < rank(SECTION, "pgSz"));
        assert_eq!(rank(SECTION, "headerReference"), rank(SECTION, "footerReference"));
        assert_eq!(rank(PARAGRAPH, "unknownThing"), PARAGRAPH.len());
    }
}
