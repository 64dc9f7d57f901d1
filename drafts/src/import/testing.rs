//! What the importers' tests share: the corpus of real texts, a deterministic generator for
//! mutating inputs, and Word documents built part by part.

/// The corpus of real texts in the repository (`tests/corpus`).
pub(super) fn corpus(name: &str) -> String {
    let path = format!("{}/../tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// A tiny xorshift generator: deterministic mutations without a dependency.
pub(super) struct XorShift(pub u64);

impl XorShift {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }
}

/// The namespace declaration of WordprocessingML, as Word writes it.
pub(super) const W: &str =
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// A main document part holding `body`.
pub(super) fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A zip archive of the given parts (stored, for speed).
pub(super) fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, content) in parts {
        writer.start_file(*name, options).unwrap_or_else(|e| panic!("{e}"));
        writer.write_all(content.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    }
    writer.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
}

/// Each paragraph of a draft as its number (as the source wrote it) and its text.
pub(super) fn numbers_and_texts(draft: &super::ImportedDraft) -> Vec<(Option<&str>, &str)> {
    draft.paragraphs.iter().map(|p| (p.source_number.as_deref(), p.text.as_str())).collect()
}
