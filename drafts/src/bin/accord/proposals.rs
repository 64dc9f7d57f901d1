//! The proposals commands: delegation mode, proposing, exchanging files, compiling, deciding.

use std::path::{Path, PathBuf};

use clap::Subcommand;

use drafts::model::ParagraphKind;
use drafts::proposals::{ProposalId, Stance};
use drafts::store::{Compilation, ProposalRequest, ProposalsImport, Standing};
use drafts::{Error, Store};

use super::{ok, print};

#[derive(Subcommand)]
pub enum ProposalCommand {
    /// Put a copy of the file in delegation mode (its changes become proposals), or --chair.
    ActAs {
        file: PathBuf,
        #[arg(required_unless_present = "chair")]
        delegation: Option<String>,
        #[arg(long, conflicts_with = "delegation")]
        chair: bool,
    },
    /// Save a copy of the file for a delegation, in delegation mode: the package to circulate.
    Circulate {
        file: PathBuf,
        #[arg(long = "for")]
        delegation: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Record a delegation's proposal on the open round's text.
    Propose {
        file: PathBuf,
        /// The proposing delegation.
        #[arg(long = "as")]
        delegation: String,
        /// The delegation's explanation.
        #[arg(long, default_value = "")]
        note: String,
        #[command(subcommand)]
        what: Ask,
    },
    /// The compilation: every proposal beside its paragraph, with conflicts.
    Proposals { file: PathBuf },
    /// Write a delegation's proposals file for the chair.
    ExportProposals {
        file: PathBuf,
        #[arg(long = "as")]
        delegation: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Import proposals files (.json) or Word files with tracked changes (.docx) at the chair's desk.
    ImportProposals {
        file: PathBuf,
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// A Word author and the delegation it speaks for: "Jane Roe=Canada" (remembered).
        #[arg(long = "author")]
        authors: Vec<String>,
    },
    /// Accept a proposal into the open round's text.
    Accept { file: PathBuf, proposal: String },
    /// Reject a proposal.
    Reject {
        file: PathBuf,
        proposal: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
    /// Put a decided proposal back on the table.
    ReopenProposal { file: PathBuf, proposal: String },
    /// Withdraw a delegation's own proposal.
    Withdraw { file: PathBuf, proposal: String },
    /// Turn competing proposals on one paragraph into an inline bracket [A / B].
    Alternatives {
        file: PathBuf,
        #[arg(required = true)]
        proposals: Vec<String>,
        /// Keep the current words as the first alternative.
        #[arg(long)]
        keep_current: bool,
    },
    /// Record a delegation's support for, or opposition to, a proposal (or clear it).
    Stance {
        file: PathBuf,
        proposal: String,
        #[arg(long)]
        delegation: String,
        /// support, oppose or none.
        #[arg(value_parser = stance)]
        stance: Position,
    },
}

/// What a delegation asks for.
#[derive(Subcommand)]
pub enum Ask {
    /// The paragraph as the delegation would have it.
    Amend { paragraph: String, text: String },
    /// A new paragraph.
    Insert {
        #[arg(long, default_value = "operative", value_parser = super::paragraph_kind)]
        kind: ParagraphKind,
        #[arg(long)]
        after: Option<String>,
        text: String,
    },
    /// Delete a paragraph.
    Delete { paragraph: String },
    /// Brackets around words of a paragraph (the first occurrence of --words), or all of it.
    Bracket {
        paragraph: String,
        #[arg(long)]
        words: Option<String>,
    },
    /// Agree ad referendum (or --lift it).
    AdRef {
        paragraph: String,
        #[arg(long)]
        lift: bool,
    },
    /// A comment on a paragraph or the whole text.
    Comment {
        #[arg(long)]
        paragraph: Option<String>,
        text: String,
    },
}

pub fn run(command: ProposalCommand, json: bool) -> drafts::Result<()> {
    match command {
        ProposalCommand::ActAs { file, delegation, chair } => {
            act_as(&file, if chair { None } else { delegation }, json)?
        }
        ProposalCommand::Circulate { file, delegation, output } => {
            Store::open(&file)?.circulate(&output, &delegation)?;
            let done =
                format!("wrote {}: {delegation}'s copy, in delegation mode", output.display());
            ok(json, done);
        }
        ProposalCommand::Propose { file, delegation, note, what } => {
            let mut store = Store::open(&file)?;
            let request = request(&store, what)?;
            let id = store.propose(&delegation, request, &note)?;
            print(json, &serde_json::json!({ "id": id }), |_| {
                format!("proposal {} of {delegation} recorded", short(&id.to_string()))
            });
        }
        ProposalCommand::Proposals { file } => {
            print(json, &Store::open_read_only(&file)?.compilation()?, render);
        }
        ProposalCommand::ExportProposals { file, delegation, output } => {
            export_proposals(&file, &delegation, &output, json)?
        }
        ProposalCommand::ImportProposals { file, inputs, authors } => {
            import_proposals(&file, &inputs, &authors, json)?
        }
        ProposalCommand::Accept { file, proposal } => {
            decide(&file, &proposal, json, |s, id| s.accept_proposal(id), "accepted proposal {}")?
        }
        ProposalCommand::Reject { file, proposal, reason } => {
            let reject = |s: &mut Store, id| s.reject_proposal(id, &reason);
            decide(&file, &proposal, json, reject, "rejected proposal {}")?
        }
        ProposalCommand::ReopenProposal { file, proposal } => {
            let reopen = |s: &mut Store, id| s.reopen_proposal(id);
            decide(&file, &proposal, json, reopen, "proposal {} is open again")?
        }
        ProposalCommand::Withdraw { file, proposal } => {
            decide(&file, &proposal, json, |s, id| s.withdraw_proposal(id), "withdrew proposal {}")?
        }
        ProposalCommand::Alternatives { file, proposals, keep_current } => {
            let mut store = Store::open(&file)?;
            let ids = proposals
                .iter()
                .map(|p| store.find_proposal(p))
                .collect::<drafts::Result<Vec<_>>>()?;
            store.bracket_proposals(&ids, keep_current)?;
            ok(json, format!("{} proposals turned into alternatives", ids.len()));
        }
        ProposalCommand::Stance { file, proposal, delegation, stance } => {
            let mut store = Store::open(&file)?;
            let id = store.find_proposal(&proposal)?;
            store.set_stance(id, &delegation, stance.0)?;
            ok(json, format!("recorded {delegation}'s position"));
        }
    }
    Ok(())
}

fn act_as(file: &Path, delegation: Option<String>, json: bool) -> drafts::Result<()> {
    Store::open(file)?.act_as(delegation.as_deref())?;
    let done = match delegation {
        Some(d) => format!("{} is now {d}'s copy: its changes are proposals", file.display()),
        None => format!("{} is back at the chair's desk", file.display()),
    };
    ok(json, done);
    Ok(())
}

/// A decision on one proposal: `done` names it, its `{}` the proposal's short id.
fn decide(
    file: &Path,
    proposal: &str,
    json: bool,
    decision: impl FnOnce(&mut Store, ProposalId) -> drafts::Result<()>,
    done: &str,
) -> drafts::Result<()> {
    let mut store = Store::open(file)?;
    let id = store.find_proposal(proposal)?;
    decision(&mut store, id)?;
    ok(json, done.replace("{}", short(&id.to_string())));
    Ok(())
}

fn export_proposals(
    file: &Path,
    delegation: &str,
    output: &Path,
    json: bool,
) -> drafts::Result<()> {
    let exported = Store::open_read_only(file)?.export_proposals(delegation)?;
    exported.write(output)?;
    let count = exported.proposals.len();
    print(json, &serde_json::json!({ "file": output, "proposals": count }), |_| {
        format!("wrote {count} proposals of {delegation} to {}", output.display())
    });
    Ok(())
}

fn import_proposals(
    file: &Path,
    inputs: &[PathBuf],
    authors: &[String],
    json: bool,
) -> drafts::Result<()> {
    let authors = author_mappings(authors)?;
    let mut store = Store::open(file)?;
    let reports = inputs
        .iter()
        .map(|input| store.import_returned(input, &authors))
        .collect::<drafts::Result<Vec<_>>>()?;
    print(json, &reports, |reports| {
        let lines = reports.iter().zip(inputs).map(|(r, input)| imported(r, input));
        lines.collect::<Vec<_>>().join("\n")
    });
    Ok(())
}

/// `--author "Word author=Delegation"` pairs.
fn author_mappings(authors: &[String]) -> drafts::Result<Vec<(String, String)>> {
    let pair = |mapping: &String| {
        let (author, delegation) = mapping.split_once('=').ok_or_else(|| {
            Error::Invalid(format!("--author takes \"Word author=Delegation\", not {mapping}"))
        })?;
        Ok((author.trim().to_string(), delegation.trim().to_string()))
    };
    authors.iter().map(pair).collect()
}

fn request(store: &Store, ask: Ask) -> drafts::Result<ProposalRequest> {
    Ok(match ask {
        Ask::Amend { paragraph, text } => {
            ProposalRequest::Amend { paragraph: store.find_paragraph(&paragraph)?, text }
        }
        Ask::Insert { kind, after, text } => ProposalRequest::Insert {
            kind,
            after: after.map(|a| store.find_paragraph(&a)).transpose()?,
            text,
        },
        Ask::Delete { paragraph } => {
            ProposalRequest::Delete { paragraph: store.find_paragraph(&paragraph)? }
        }
        Ask::Bracket { paragraph, words } => {
            let id = store.find_paragraph(&paragraph)?;
            let range = words.map(|words| store.find_words(id, &words)).transpose()?;
            ProposalRequest::Bracket { paragraph: id, range }
        }
        Ask::AdRef { paragraph, lift } => ProposalRequest::AdReferendum {
            paragraph: store.find_paragraph(&paragraph)?,
            place: !lift,
        },
        Ask::Comment { paragraph, text } => ProposalRequest::Comment {
            paragraph: paragraph.map(|p| store.find_paragraph(&p)).transpose()?,
            text,
        },
    })
}

fn short(id: &str) -> &str {
    &id[..8.min(id.len())]
}

fn imported(report: &ProposalsImport, input: &std::path::Path) -> String {
    let mut line = format!(
        "{}: {} new, {} already imported, {} withdrawn, {} positions, from {} (made on round {}{})",
        input.display(),
        report.added,
        report.already_present,
        report.withdrawn,
        report.stances,
        report.delegations.join(", "),
        report.round,
        if report.fingerprint_matches { "" } else { ", whose text has changed since" }
    );
    for skipped in &report.skipped {
        line.push_str(&format!("\n  skipped: {skipped}"));
    }
    line
}

fn render(compilation: &Compilation) -> String {
    let mut out = vec![format!(
        "Round {}: {} open proposals, {} in conflict, {} no longer apply",
        compilation.round.number, compilation.open, compilation.conflicts, compilation.outdated
    )];
    for entry in &compilation.entries {
        out.push(String::new());
        match &entry.paragraph {
            Some(p) => out.push(format!("{}  {}", entry.label, p.paragraph.text)),
            None => out.push(entry.label.clone()),
        }
        for c in &entry.proposals {
            let record = &c.record;
            let standing = match &c.standing {
                Standing::Applies => String::new(),
                Standing::Rebased => format!(" (made on round {})", record.proposal.round),
                Standing::Outdated { reason } => format!(" (no longer applies: {reason})"),
                Standing::Decided => format!(" ({})", record.state.as_str()),
            };
            out.push(format!(
                "  {}  {}: {}{standing}",
                short(&record.proposal.id.to_string()),
                record.proposal.delegation,
                c.summary
            ));
            if let Some(text) = &c.proposed_text {
                out.push(format!("            → {text}"));
            }
            if !c.conflicts_with.is_empty() {
                let ids: Vec<String> =
                    c.conflicts_with.iter().map(|id| short(&id.to_string()).to_string()).collect();
                out.push(format!("            in conflict with {}", ids.join(", ")));
            }
            for (word, names) in [("supported", &record.supporters), ("opposed", &record.opponents)]
            {
                if !names.is_empty() {
                    out.push(format!("            {word} by {}", names.join(", ")));
                }
            }
        }
    }
    out.join("\n")
}

/// A delegation's position on a proposal as the CLI takes it: a stance, or none to clear it.
#[derive(Clone, Copy)]
pub struct Position(Option<Stance>);

/// Reads "support", "oppose" or "none".
fn stance(s: &str) -> Result<Position, String> {
    match s {
        "none" => Ok(Position(None)),
        other => Stance::parse(other)
            .map(|s| Position(Some(s)))
            .ok_or_else(|| "use support, oppose or none".into()),
    }
}
