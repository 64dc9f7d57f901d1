//! Any bytes read as a text file, and as a paste: an error or a consistent draft, never a panic.
#![no_main]

use drafts::import::{import_bytes, import_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(draft) = import_bytes(data) {
        for (i, paragraph) in draft.paragraphs.iter().enumerate() {
            assert!(!paragraph.text.is_empty());
            assert!(paragraph.parent.is_none_or(|parent| parent < i));
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = import_text(text);
    }
});
