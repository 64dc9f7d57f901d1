//! Cross-crate tests: every integration test builds into this one binary.

mod cli;
mod san_salvador;
mod util;
