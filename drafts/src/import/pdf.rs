//! PDF drafts: their text layer, extracted by poppler's `pdftotext` (the reader found on every
//! Linux desktop and in the secretariats' own toolchains), then read as a text draft: the text
//! importer already rejoins the hard-wrapped lines of a PDF and skips its page furniture.

use std::io::{ErrorKind, Write};
use std::process::{Command, Stdio};

use super::{check_size, text, ImportError, ImportedDraft};

/// The Debian package that provides `pdftotext`.
const PACKAGE: &str = "poppler-utils";

/// Whether bytes are a PDF file.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// Reads a draft from a PDF's text layer; a PDF without one (a scan) is refused with a reason.
pub fn import_pdf(bytes: &[u8]) -> Result<ImportedDraft, ImportError> {
    check_size(bytes.len())?;
    if !is_pdf(bytes) {
        return Err(ImportError::Malformed { detail: "this is not a PDF file".into() });
    }
    let extracted = text_layer(bytes)?;
    if extracted.chars().filter(|c| c.is_alphanumeric()).count() < 20 {
        return Err(ImportError::NoTextLayer);
    }
    text::import_text(&extracted.replace('\u{c}', "\n\n"))
}

/// The PDF's text, in reading order, pages separated by form feeds.
fn text_layer(bytes: &[u8]) -> Result<String, ImportError> {
    let spawned = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-q", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(ImportError::ToolMissing {
                tool: "pdftotext".into(),
                package: PACKAGE.into(),
            })
        }
        Err(e) => return Err(ImportError::Unreadable { detail: e.to_string() }),
    };
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output =
        child.wait_with_output().map_err(|e| ImportError::Unreadable { detail: e.to_string() })?;
    // A reader that stops early closes the pipe; its exit status says what went wrong.
    writer.join().ok();
    if !output.status.success() {
        return Err(ImportError::Malformed {
            detail: "the PDF cannot be read (pdftotext found no readable document in it)".into(),
        });
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-page PDF with nothing drawn on it, as a scanner without OCR leaves the text layer.
    const BLANK: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
        2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n\
        3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n\
        trailer<</Root 1 0 R>>\n%%EOF\n";

    #[test]
    fn a_pdf_without_a_text_layer_is_refused_with_the_reason() {
        assert_eq!(import_pdf(BLANK), Err(ImportError::NoTextLayer));
        let message = ImportError::NoTextLayer.to_string();
        assert!(message.contains("no text layer"), "{message}");
    }

    #[test]
    fn bytes_that_are_not_a_pdf_are_refused() {
        assert!(matches!(
            import_pdf(b"%PDF-1.4 and then nothing"),
            Err(ImportError::Malformed { .. })
        ));
        assert!(matches!(import_pdf(b"plain text"), Err(ImportError::Malformed { .. })));
        assert!(!is_pdf(b"plain text") && is_pdf(BLANK));
    }
}
