//! Any text parsed for brackets: groups inside the text and in order, or an error that
//! validation agrees with; never a panic.
#![no_main]

use drafts::brackets;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let chars = text.chars().count();
    let parsed = brackets::parse(text);
    assert_eq!(parsed.is_ok(), brackets::validate(text).is_ok());
    assert_eq!(parsed.is_ok(), brackets::count(text).is_ok());
    if let Ok(groups) = parsed {
        let mut previous_end = 0;
        for group in &groups {
            assert!(previous_end <= group.start && group.start < group.end && group.end <= chars);
            previous_end = group.end;
        }
        assert_eq!(groups.is_empty(), !text.contains('['));
    }
});
