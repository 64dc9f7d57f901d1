//! Case-insensitive matching of words and phrases in a paragraph's text.

/// The rest of `text` after `prefix`, compared without regard to case.
pub(super) fn starts_with_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let mut chars = text.chars();
    for expected in prefix.chars() {
        let found = chars.next()?;
        if !found.to_lowercase().eq(expected.to_lowercase()) {
            return None;
        }
    }
    Some(chars.as_str())
}

/// Like [`starts_with_ci`], but `word` must end at a word boundary.
pub(super) fn starts_with_word_ci<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    starts_with_ci(text, word).filter(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// The part of `text` before `suffix`, compared without regard to case.
pub(super) fn ends_with_ci<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let count = suffix.chars().count();
    let start = text.char_indices().rev().nth(count.checked_sub(1)?)?.0;
    starts_with_ci(&text[start..], suffix).filter(|rest| rest.is_empty()).map(|_| &text[..start])
}

/// Byte range of the first case-insensitive occurrence of `needle` in `text`.
pub(super) fn find_ci(text: &str, needle: &str) -> Option<(usize, usize)> {
    text.char_indices().find_map(|(i, _)| {
        starts_with_ci(&text[i..], needle).map(|rest| (i, text.len() - rest.len()))
    })
}
