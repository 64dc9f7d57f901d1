//! Cross-crate tests: every integration test builds into this one binary.

mod cli;
mod closed_pipe;
mod crash;
mod export;
mod hostile;
mod languages;
mod live;
mod proposals;
mod real_texts;
mod san_salvador;
mod structure;
mod util;
