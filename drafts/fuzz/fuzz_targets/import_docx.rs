//! Any bytes read as a Word document: an error or a consistent draft, never a panic. Seed the
//! corpus with real `.docx` files (fuzz/corpus/import_docx/) to get past the zip archive.
#![no_main]

use drafts::import::import_docx;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(draft) = import_docx(data) {
        for (i, paragraph) in draft.paragraphs.iter().enumerate() {
            assert!(!paragraph.text.is_empty());
            assert!(paragraph.parent.is_none_or(|parent| parent < i));
        }
    }
});
