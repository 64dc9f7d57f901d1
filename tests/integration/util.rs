//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The corpus of real negotiation texts in the repository (`tests/corpus`).
pub fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(name)
}

/// The `accord` CLI binary, built by `cargo build --bins` next to this test binary.
pub fn accord_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile> directory");
    let binary = profile_dir.join(format!("accord{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.is_file(),
        "{} is missing: build it first with `cargo build -p drafts --bins`",
        binary.display()
    );
    binary
}

/// Output of one CLI run.
pub struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the CLI with the given arguments.
pub fn accord(args: &[&str]) -> Run {
    let output = Command::new(accord_binary()).args(args).output().expect("run accord");
    Run {
        success: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Runs the CLI with `--json`, expects success and parses stdout.
pub fn accord_json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    let run = accord(&all);
    assert!(run.success, "accord {args:?} failed: {}", run.stderr);
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("accord {args:?}: {e}: {}", run.stdout))
}
