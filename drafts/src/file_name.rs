//! Safe file names from what people type: titles, document symbols, delegation names, round
//! labels. One rule for every name Accord proposes: the exports' suggested names, the app's save
//! dialogs (proposals files, new negotiations, restored backups).
//!
//! A safe stem holds letters (with their accents), digits, `.`, `-` and single spaces only, so
//! no path separator, control, bidi or other invisible formatting character, nor a character
//! Windows refuses (`< > : " / \ | ? *`) survives. It never starts with a dot (a hidden file) or a
//! hyphen (an option to a command line), never ends with a dot, hyphen or space (Windows drops
//! them), is never empty and never a Windows device name (`CON`, `NUL`, `COM1`…), alone or
//! before an extension: "CON" becomes "CON-file". It is at most [`MAX_CHARS`] characters and [`MAX_BYTES`] bytes long, so
//! with Accord's own suffix (" compare rounds 12-13.docx") it stays far under the 255 bytes file
//! systems allow.

/// The longest stem, in characters.
pub const MAX_CHARS: usize = 60;
/// The longest stem, in UTF-8 bytes.
pub const MAX_BYTES: usize = 180;
/// The longest slug ([`slug`]), in characters.
const MAX_SLUG_CHARS: usize = 48;

/// The names Windows keeps for devices, whatever the case and whatever extension follows.
const DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "com¹", "com²", "com³", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6",
    "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³",
];

/// A file-name stem readable as typed: "AG/doc.5200/11" → "AG-doc.5200-11", "Canada proposals -
/// rev.1" stays as it is. Every other character becomes "-" (a run of them one "-", dropped at
/// the ends of a word); whitespace becomes one space. `fallback` (itself safe) is returned when
/// nothing is left.
pub fn safe_stem(name: &str, fallback: &str) -> String {
    // Each word as pieces: a kept char, or `None` for a run of replaced chars.
    let mut words: Vec<Vec<Option<char>>> = Vec::new();
    let mut word: Vec<Option<char>> = Vec::new();
    for c in name.chars() {
        if c.is_whitespace() && !c.is_control() {
            words.push(std::mem::take(&mut word));
        } else if kept(c, word.last().copied().flatten()) {
            word.push(Some(c));
        } else if word.last() != Some(&None) {
            word.push(None);
        }
    }
    words.push(word);
    let words: Vec<String> = words
        .iter()
        .map(|pieces| {
            let first = pieces.iter().position(Option::is_some);
            let last = pieces.iter().rposition(Option::is_some);
            match (first, last) {
                (Some(first), Some(last)) => {
                    pieces[first..=last].iter().map(|p| p.unwrap_or('-')).collect()
                }
                _ => String::new(),
            }
        })
        .filter(|w: &String| !w.is_empty())
        .collect();
    finish(&words.join(" "), fallback)
}

/// A lower-case, hyphenated stem of whole words from a title, for a new file:
/// "Draft Declaration of San José" → "draft-declaration-of-san-josé"; "negotiation" when no
/// letter or digit is left.
pub fn slug(title: &str) -> String {
    let lower: String = title
        .chars()
        .flat_map(|c| {
            let keep = c.is_alphanumeric();
            c.to_lowercase().filter(move |_| keep).chain((!keep).then_some('-'))
        })
        .collect();
    let mut stem = String::new();
    for word in lower.split('-').filter(|w| !w.is_empty()) {
        let length = stem.chars().count();
        if length > 0 && length + 1 + word.chars().count() > MAX_SLUG_CHARS {
            break;
        }
        if length > 0 {
            stem.push('-');
        }
        stem.push_str(word);
    }
    finish(&stem, "negotiation")
}

/// Whether `c` stays in a name: letters, digits, "." and "-", and the combining accents of a
/// letter typed decomposed ("e" + U+0301).
fn kept(c: char, previous: Option<char>) -> bool {
    let combining = matches!(u32::from(c),
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F);
    c.is_alphanumeric() || matches!(c, '.' | '-') || (combining && previous.is_some())
}

/// The length limits, the ends, the fallback and the device names.
fn finish(stem: &str, fallback: &str) -> String {
    let mut end = 0;
    for (count, (at, c)) in stem.char_indices().enumerate() {
        if count == MAX_CHARS || at + c.len_utf8() > MAX_BYTES {
            break;
        }
        end = at + c.len_utf8();
    }
    let mut cut = &stem[..end];
    // Cut between words when the limit fell inside one and a word ends in the second half.
    if end < stem.len() && !stem[end..].starts_with(' ') {
        if let Some(space) = cut.rfind(' ').filter(|&space| space > end / 2) {
            cut = &cut[..space];
        }
    }
    let trimmed = cut.trim_matches(|c: char| c == '.' || c == '-' || c.is_whitespace());
    let stem = if trimmed.is_empty() { fallback } else { trimmed };
    // "CON", "con.tar", "Nul .x": the part before the first dot names a device.
    let device_end = stem.find('.').unwrap_or(stem.len());
    let device = stem[..device_end].trim_end().to_lowercase();
    if DEVICE_NAMES.contains(&device.as_str()) {
        let at = stem[..device_end].trim_end().len();
        format!("{}-file{}", &stem[..at], &stem[at..])
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What every stem must be, whatever it was made from.
    fn assert_safe(stem: &str) {
        assert!(!stem.is_empty());
        assert!(stem.chars().count() <= MAX_CHARS && stem.len() <= MAX_BYTES, "{stem:?}");
        for c in stem.chars() {
            let accent = ('\u{300}'..='\u{36f}').contains(&c);
            assert!(c.is_alphanumeric() || accent || matches!(c, '.' | '-' | ' '), "{stem:?}");
        }
        assert!(!stem.starts_with(['.', '-', ' ']) && !stem.ends_with(['.', '-', ' ']), "{stem:?}");
        assert!(!stem.contains("  "), "{stem:?}");
        let device = stem.split('.').next().unwrap().trim_end().to_lowercase();
        assert!(!DEVICE_NAMES.contains(&device.as_str()), "{stem:?}");
    }

    #[test]
    fn readable_names_stay_as_typed() {
        assert_eq!(safe_stem("Canada proposals - rev.1", "x"), "Canada proposals - rev.1");
        assert_eq!(safe_stem("AG/doc.5200/11", "x"), "AG-doc.5200-11");
        assert_eq!(
            safe_stem("Côte d'Ivoire proposals - 5/6 May", "x"),
            "Côte d-Ivoire proposals - 5-6 May"
        );
        assert_eq!(safe_stem("Jose\u{301} Martí", "x"), "Jose\u{301} Martí");
        assert_eq!(safe_stem("Déclaration\u{a0}de  Lima", "x"), "Déclaration de Lima");
    }

    #[test]
    fn path_separators_and_reserved_characters_go() {
        assert_eq!(safe_stem("A/B\\C: <D>", "x"), "A-B-C D");
        assert_eq!(safe_stem("../../etc/passwd", "x"), "etc-passwd");
        assert_eq!(safe_stem("..\\..\\Windows\\win.ini", "x"), "Windows-win.ini");
        assert_eq!(safe_stem(".hidden", "x"), "hidden");
        assert_eq!(safe_stem("-rf", "x"), "rf");
        assert_eq!(safe_stem("trailing dots...", "x"), "trailing dots");
        assert_eq!(safe_stem("  / \\ : * ? \" < > |  ", "negotiation"), "negotiation");
        assert_eq!(safe_stem("", "negotiation"), "negotiation");
    }

    #[test]
    fn control_and_bidi_characters_go() {
        assert_eq!(
            safe_stem("Tab\there\nand\u{0}nul\u{202e}gpj.exe", "x"),
            "Tab-here-and-nul-gpj.exe"
        );
        for bidi in ['\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}']
            .into_iter()
            .chain(['\u{2067}', '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}'])
        {
            assert_eq!(safe_stem(&format!("Canada{bidi} proposals"), "x"), "Canada proposals");
            assert_eq!(safe_stem(&format!("rev{bidi}1"), "x"), "rev-1");
            assert_eq!(safe_stem(&format!("{bidi}"), "x"), "x");
        }
        for invisible in ['\u{200b}', '\u{feff}', '\u{7f}', '\u{85}', '\u{2028}', '\u{1b}'] {
            assert_safe(&safe_stem(&format!("a{invisible}b"), "x"));
        }
    }

    #[test]
    fn windows_device_names_are_never_proposed() {
        assert_eq!(safe_stem("CON", "x"), "CON-file");
        assert_eq!(safe_stem("nul.tar", "x"), "nul-file.tar");
        assert_eq!(safe_stem("Com1 .x", "x"), "Com1-file .x");
        assert_eq!(safe_stem("LPT²", "x"), "LPT²-file");
        assert_eq!(safe_stem("CON clean", "x"), "CON clean");
        assert_eq!(safe_stem("console", "x"), "console");
        assert_eq!(slug("Con"), "con-file");
        assert_eq!(slug("AUX"), "aux-file");
    }

    #[test]
    fn long_names_are_cut_between_words() {
        let long = "Draft resolution on the strengthening of the coordination of emergency \
                    humanitarian assistance of the United Nations";
        let stem = safe_stem(long, "x");
        assert_eq!(stem, "Draft resolution on the strengthening of the coordination of");
        assert_safe(&stem);
        let wide = "𝒜".repeat(100);
        let stem = safe_stem(&wide, "x");
        assert_eq!(stem.len(), MAX_BYTES);
        assert_safe(&stem);
        assert_safe(&safe_stem(&"é".repeat(500), "x"));
        assert_safe(&safe_stem(&format!("{} .", "a".repeat(59)), "x"));
    }

    #[test]
    fn slugs_are_lower_case_whole_words() {
        assert_eq!(slug("Draft Declaration of San José"), "draft-declaration-of-san-josé");
        assert_eq!(slug("  ¿?  "), "negotiation");
        assert_eq!(
            slug("Draft Declaration of Puerto Claro on Digital Inclusion in the Americas"),
            "draft-declaration-of-puerto-claro-on-digital"
        );
        assert_eq!(slug("A\\B: <C>\u{202e}"), "a-b-c");
    }

    #[test]
    fn every_stem_is_safe() {
        let nasty = [
            "",
            ".",
            "..",
            "...",
            " ",
            "-",
            "--x--",
            "CON",
            "con.txt",
            "prn ",
            "a/b",
            "a\\b",
            "a:b",
            "\u{0}",
            "\u{202e}",
            "\u{200f}.",
            "ﬁle",
            "x\u{301}",
            "\u{301}x",
            "😀",
            "名前/ファイル",
            "العربية\u{200f}",
            "Ωμέγα",
        ];
        for name in nasty {
            assert_safe(&safe_stem(name, "negotiation"));
            assert_safe(&slug(name));
        }
    }
}
