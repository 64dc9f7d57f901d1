//! PDF through LibreOffice: the `.docx` is converted by `soffice --headless --convert-to pdf`.
//!
//! Why LibreOffice: the PDF is then the very document delegations open in Word — same styles,
//! footnotes at the foot of the page, tracked changes drawn as Word draws them — with no second
//! layout engine to keep in step. It is an optional tool: without it every other format still
//! works and a PDF export fails with `tool_missing`, naming the Debian package to install.
//!
//! Each conversion runs in its own temporary directory with its own LibreOffice profile
//! (`-env:UserInstallation`), so parallel conversions (tests, several windows) never share a
//! profile lock, and is killed after [`TIMEOUT`].

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Error, Result};

/// The longest a conversion may take; a first start of LibreOffice takes a few seconds.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(120);

/// The Debian package that provides a headless LibreOffice Writer.
const PACKAGE: &str = "libreoffice-writer-nogui";

/// Where LibreOffice installs itself outside PATH on macOS and Windows.
const INSTALL_LOCATIONS: [&str; 3] = [
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
];

/// Finds LibreOffice: `soffice` or `libreoffice` on PATH, then its usual install locations.
pub(crate) fn find_soffice() -> Option<PathBuf> {
    find_in(std::env::var_os("PATH").as_deref(), &INSTALL_LOCATIONS)
}

fn find_in(path: Option<&std::ffi::OsStr>, locations: &[&str]) -> Option<PathBuf> {
    let names = ["soffice", "libreoffice", "soffice.exe"];
    let on_path = path
        .into_iter()
        .flat_map(std::env::split_paths)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)).collect::<Vec<_>>());
    on_path.chain(locations.iter().map(PathBuf::from)).find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// Converts a `.docx` to PDF.
pub(crate) fn convert(docx: &[u8]) -> Result<Vec<u8>> {
    convert_with(find_soffice(), docx)
}

fn convert_with(soffice: Option<PathBuf>, docx: &[u8]) -> Result<Vec<u8>> {
    let soffice = soffice.ok_or_else(|| Error::ToolMissing {
        tool: "LibreOffice (soffice)".into(),
        package: PACKAGE.into(),
    })?;
    let work = tempfile::Builder::new().prefix("accord-pdf-").tempdir()?;
    let input = work.path().join("export.docx");
    std::fs::write(&input, docx)?;
    let profile = work.path().join("profile");
    let out_dir = work.path().join("out");
    std::fs::create_dir(&out_dir)?;
    // Its messages go to a file: a pipe nobody reads while waiting could fill and stall it.
    let log_path = work.path().join("soffice.log");
    let log = std::fs::File::create(&log_path)?;
    let mut child = Command::new(&soffice)
        .arg(format!("-env:UserInstallation={}", file_url(&profile)))
        .args(["--headless", "--invisible", "--nologo", "--norestore", "--nodefault"])
        .args(["--convert-to", "pdf:writer_pdf_Export", "--outdir"])
        .arg(&out_dir)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::from(log.try_clone()?))
        .stderr(Stdio::from(log))
        .spawn()
        .map_err(|e| Error::Export(format!("could not start {}: {e}", soffice.display())))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            child.kill().ok();
            child.wait().ok();
            return Err(Error::Export(format!(
                "LibreOffice did not finish converting to PDF within {} seconds",
                TIMEOUT.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let pdf = out_dir.join("export.pdf");
    match std::fs::read(&pdf) {
        Ok(bytes) if status.success() && bytes.starts_with(b"%PDF") => Ok(bytes),
        _ => {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            let detail = log.split_whitespace().collect::<Vec<_>>().join(" ");
            Err(Error::Export(format!(
                "LibreOffice could not convert the document to PDF ({status}){}",
                if detail.is_empty() { String::new() } else { format!(": {detail}") }
            )))
        }
    }
}

/// A `file://` URL of an absolute path, with the characters URLs reserve escaped.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            other => url.push_str(&format!("%{other:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_libreoffice_a_pdf_export_names_the_package_to_install() {
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(find_in(Some(empty.path().as_os_str()), &[]), None);
        let error = convert_with(None, b"PK").unwrap_err();
        assert_eq!(error.code(), "tool_missing");
        assert!(error.to_string().contains("libreoffice-writer-nogui"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn libreoffice_is_found_on_path() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let soffice = dir.path().join("soffice");
        std::fs::write(&soffice, "#!/bin/sh\n").unwrap();
        assert_eq!(find_in(Some(dir.path().as_os_str()), &[]), None, "not executable");
        std::fs::set_permissions(&soffice, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(find_in(Some(dir.path().as_os_str()), &[]), Some(soffice));
    }

    #[test]
    fn profile_urls_escape_spaces() {
        assert_eq!(file_url(Path::new("/tmp/a b/profile")), "file:///tmp/a%20b/profile");
    }
}
