//! Any bytes read as Akoma Ntoso: an error or a draft, never a panic.
#![no_main]

use drafts::import::import_akn;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(draft) = import_akn(data) {
        for (i, paragraph) in draft.paragraphs.iter().enumerate() {
            assert!(paragraph.parent.is_none_or(|parent| parent < i));
        }
    }
});
