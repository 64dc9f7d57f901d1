//! The two histories every operation is measured on, at one size: one made through the API
//! (`accord generate`) and one whose rounds were imported as text revisions, each with a few
//! delegations' proposals on its open round and every round's text written out for git.

use std::fmt;
use std::path::{Path, PathBuf};

use drafts::export::{export, ExportFormat, ExportKind, ExportOptions};
use drafts::generate::{generate, revisions, Shape};
use drafts::model::{Delegation, DelegationKind, ParagraphKind, StatusKind};
use drafts::store::ProposalRequest;
use drafts::Store;

use crate::measure::{plain_text, time};

/// Paragraphs × closed rounds, written "1000x100".
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub paragraphs: usize,
    pub rounds: u32,
}

impl Size {
    pub fn parse(text: &str) -> Option<Size> {
        let (paragraphs, rounds) = text.split_once(['x', '×'])?;
        Some(Size { paragraphs: paragraphs.parse().ok()?, rounds: rounds.parse().ok()? })
    }

    fn shape(self) -> Shape {
        Shape { paragraphs: self.paragraphs, rounds: self.rounds, ..Shape::LARGE }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} × {}", self.paragraphs, self.rounds)
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Made {
    Generated,
    Imported,
}

impl Made {
    pub fn name(self) -> &'static str {
        match self {
            Made::Generated => "generated",
            Made::Imported => "imported",
        }
    }
}

/// A negotiation file ready to be measured.
pub struct History {
    pub made: Made,
    pub file: PathBuf,
    /// The last closed round.
    pub last: u32,
    /// A live paragraph's label, for `history`.
    pub label: String,
    /// Round k's text as plain lines at index k - 1, the texts git is given.
    pub texts: Vec<PathBuf>,
    /// A text revision of the open round, for `import --into`.
    pub revision: PathBuf,
    /// How long making the history took (setup, not measured against a budget).
    pub setup_seconds: f64,
}

/// Makes `made` at `size` in `dir`.
pub fn make(dir: &Path, made: Made, size: Size) -> History {
    std::fs::create_dir_all(dir).expect("history folder");
    eprintln!("making the {} history at {size}…", made.name());
    let ((mut store, texts), took) = time(|| match made {
        Made::Generated => generated(dir, size),
        Made::Imported => imported(dir, size),
    });
    add_proposals(&mut store);
    let last = store.current_round().expect("open round").number - 1;
    let label = a_live_label(&store);
    let revision = dir.join("next-revision.txt");
    let text = export(&store, &ExportKind::Clean, ExportFormat::Txt, &ExportOptions::default())
        .expect("clean text");
    std::fs::write(&revision, text).expect("revision");
    let file = store.path().to_path_buf();
    History { made, file, last, label, texts, revision, setup_seconds: took.as_secs_f64() }
}

fn generated(dir: &Path, size: Size) -> (Store, Vec<PathBuf>) {
    let store = generate(&dir.join("negotiation.accord"), size.shape()).expect("generate");
    let last = store.current_round().expect("open round").number - 1;
    let texts = (1..=last)
        .map(|round| {
            let path = dir.join(format!("round-{round}.txt"));
            let text = plain_text(&store.document(Some(round)).expect("round"));
            std::fs::write(&path, text).expect("round text");
            path
        })
        .collect();
    (store, texts)
}

fn imported(dir: &Path, size: Size) -> (Store, Vec<PathBuf>) {
    let series = revisions::revisions(size.shape());
    let (store, score) = revisions::import_series(dir, &series).expect("import series");
    let changes = score.changes();
    eprintln!(
        "  changes read rightly: precision {:.2}%, recall {:.2}%",
        changes.precision() * 100.0,
        changes.recall() * 100.0
    );
    assert!(
        changes.precision() >= 0.99 && changes.recall() >= 0.99,
        "revisions' changes read with under 99% precision or recall: {score:#?}"
    );
    let texts = (0..series.len()).map(|k| dir.join(format!("rev{k}.txt"))).collect();
    (store, texts)
}

/// Three delegations' amendments on every 50th live paragraph: the compilation's material.
fn add_proposals(store: &mut Store) {
    let names = ["Canada", "Mexico", "Brazil"];
    let roster: Vec<String> =
        store.delegations().expect("roster").into_iter().map(|d| d.name).collect();
    for name in names.iter().filter(|n| !roster.iter().any(|r| r == *n)) {
        let delegation = Delegation { name: name.to_string(), kind: DelegationKind::Member };
        store.add_delegation(delegation).expect("delegation");
    }
    let document = store.document(None).expect("document");
    let targets: Vec<_> = document
        .paragraphs
        .iter()
        .filter(|p| p.paragraph.kind != ParagraphKind::VerbLine)
        .filter(|p| p.paragraph.status.kind() != StatusKind::Deleted)
        .step_by(50)
        .map(|p| (p.paragraph.id, p.paragraph.text.clone()))
        .collect();
    for (k, (paragraph, text)) in targets.into_iter().enumerate() {
        let text = format!("{} as proposed", text.trim_end_matches(['.', ';', ',']));
        let request = ProposalRequest::Amend { paragraph, text };
        store.propose(names[k % names.len()], request, "").expect("proposal");
    }
}

fn a_live_label(store: &Store) -> String {
    let document = store.document(None).expect("document");
    let mut live = document.paragraphs.iter().filter(|p| {
        p.paragraph.status.kind() != StatusKind::Deleted && !p.paragraph.label.is_empty()
    });
    live.nth(5).expect("a paragraph").paragraph.label.clone()
}
