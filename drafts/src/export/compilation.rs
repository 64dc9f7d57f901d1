//! The compilation of proposals laid out: each paragraph that has proposals, as it stands, and
//! under it every proposal with its delegation, the words it inserts and deletes (Word tracked
//! changes authored by the delegation in `.docx`), where it stands, and who supports or opposes it.

use super::sheet::{self, capitalized, Block, Mark, Segment, Sheet, SheetKind, Whole, Working};
use super::Context;
use crate::diff::{SpanOp, TextSpan};
use crate::model::{join_and, ParagraphKind, StatusKind};
use crate::proposals::{ProposalChange, ProposalState};
use crate::store::{Compilation, CompiledProposal, Standing};

/// Lays out the compilation of the open round.
pub(crate) fn sheet(context: &Context, compilation: &Compilation) -> Sheet {
    let document = &context.document;
    let style = document.negotiation.house_style;
    let mut blocks = Vec::new();
    for entry in &compilation.entries {
        let (kind, depth) = match &entry.paragraph {
            Some(p) => {
                let paragraph = &p.paragraph;
                blocks.push(Block {
                    kind: paragraph.kind,
                    depth: p.depth,
                    number: sheet::printed_number(p).map(Segment::plain).into_iter().collect(),
                    text: sheet::styled(&paragraph.text, paragraph.kind, style, true, Mark::Same),
                    annotation: Vec::new(),
                    footnotes: Vec::new(),
                    whole: Whole::Same,
                    struck: paragraph.status.kind() == StatusKind::Deleted,
                    working: Some(sheet::working(paragraph, context)),
                    remarks: Vec::new(),
                    author: None,
                    id: None,
                });
                (paragraph.kind, p.depth)
            }
            None => (ParagraphKind::Operative, 0),
        };
        let mut ordered: Vec<&CompiledProposal> = entry.proposals.iter().collect();
        ordered.sort_by_key(|p| p.record.state != ProposalState::Open);
        for proposal in ordered {
            blocks.push(proposal_block(proposal, compilation, kind, depth));
        }
    }
    let mut intro = vec![overview(compilation)];
    if !compilation.entries.is_empty() {
        intro.push(
            "Under each paragraph, every proposal shows the paragraph as the delegation would \
             have it, the words it inserts and deletes marked as changes."
                .to_string(),
        );
    }
    let mut subtitle: Vec<String> = document.negotiation.status_line().into_iter().collect();
    subtitle.push(format!("Compilation of proposals — {}", sheet::round_name(&document.round)));
    Sheet {
        kind: SheetKind::Annotated,
        blocks,
        subtitle,
        intro,
        revision: Some(sheet::Revision {
            author: "Compilation".to_string(),
            date: document.round.date,
        }),
        ..sheet::frame(context, &document.round)
    }
}

/// "5 open proposals from Canada, Mexico and Peru; 2 in conflict; 1 no longer applies."
fn overview(compilation: &Compilation) -> String {
    if compilation.entries.is_empty() {
        return "No proposals have been received.".to_string();
    }
    let open = match compilation.open {
        1 => "1 open proposal".to_string(),
        n => format!("{n} open proposals"),
    };
    let mut parts = vec![format!("{open} from {}", join_and(&compilation.delegations))];
    if compilation.conflicts > 0 {
        parts.push(format!("{} in conflict", compilation.conflicts));
    }
    match compilation.outdated {
        0 => {}
        1 => parts.push("1 no longer applies".to_string()),
        n => parts.push(format!("{n} no longer apply")),
    }
    format!("{}.", parts.join("; "))
}

fn proposal_block(
    compiled: &CompiledProposal,
    compilation: &Compilation,
    kind: ParagraphKind,
    depth: u8,
) -> Block {
    let record = &compiled.record;
    let proposal = &record.proposal;
    let text: Vec<Segment> = match &compiled.proposed_text {
        Some(_) => marked(&compiled.spans),
        None => vec![Segment::plain(capitalized(&compiled.summary))],
    };
    let mut standing = match (&compiled.standing, record.state) {
        (Standing::Applies, _) => "Proposal".to_string(),
        (Standing::Rebased, _) => {
            format!("Proposal made on round {}, carried onto this text", proposal.round)
        }
        (Standing::Outdated { .. }, _) => "Proposal that no longer applies".to_string(),
        (Standing::Decided, state) => match record.decided_round {
            Some(round) => format!("Proposal {} in round {round}", state.as_str()),
            None => format!("Proposal {}", state.as_str()),
        },
    };
    if !compiled.conflicts_with.is_empty() {
        let rivals: Vec<String> = compiled
            .conflicts_with
            .iter()
            .filter_map(|id| delegation_of(compilation, *id))
            .collect();
        standing.push_str(&format!("; in conflict with {}", join_and(&rivals)));
    }
    let mut details = Vec::new();
    if compiled.proposed_text.is_some() {
        details.push(capitalized(&compiled.summary));
    }
    if let Standing::Outdated { reason } = &compiled.standing {
        details.push(capitalized(reason));
    }
    if !record.supporters.is_empty() {
        details.push(format!("Supported by {}", join_and(&record.supporters)));
    }
    if !record.opponents.is_empty() {
        details.push(format!("Opposed by {}", join_and(&record.opponents)));
    }
    if !proposal.note.is_empty() {
        details.push(format!("Explanation: {}", proposal.note));
    }
    if !record.decision_note.is_empty() {
        details.push(format!("Chair: {}", record.decision_note));
    }
    Block {
        kind,
        depth,
        // An empty number keeps the proposal's text aligned with the paragraph's.
        number: vec![Segment::plain("")],
        text,
        annotation: Vec::new(),
        footnotes: Vec::new(),
        whole: Whole::Same,
        struck: false,
        working: Some(Working {
            label: proposal.delegation.clone(),
            status: StatusKind::Proposed,
            status_text: standing,
            details,
        }),
        remarks: Vec::new(),
        author: Some(proposal.delegation.clone()),
        id: None,
    }
}

fn delegation_of(compilation: &Compilation, id: crate::proposals::ProposalId) -> Option<String> {
    compilation
        .entries
        .iter()
        .flat_map(|e| &e.proposals)
        .find(|p| p.record.proposal.id == id)
        .map(|p| p.record.proposal.delegation.clone())
}

/// Word spans as segments marked inserted and deleted (Word tracked changes in `.docx`).
fn marked(spans: &[TextSpan]) -> Vec<Segment> {
    spans
        .iter()
        .map(|span| {
            let mark = match span.op {
                SpanOp::Equal => Mark::Same,
                SpanOp::Insert => Mark::Inserted,
                SpanOp::Delete => Mark::Deleted,
            };
            Segment { text: span.text.clone(), look: sheet::Look { mark, ..Default::default() } }
        })
        .collect()
}

/// The working text of the open round with `delegation`'s open proposals in it: amendments as
/// its tracked changes, new paragraphs inserted and paragraphs it would delete deleted (authored
/// by it), its other requests and comments as remarks; statuses as the working text's notes.
pub(crate) fn with_proposals(
    context: &Context,
    compilation: &Compilation,
    delegation: &str,
) -> Sheet {
    let ours: Vec<&CompiledProposal> = compilation
        .entries
        .iter()
        .flat_map(|e| &e.proposals)
        .filter(|p| p.record.proposal.delegation == delegation)
        .filter(|p| p.record.state == ProposalState::Open)
        .collect();
    let base = sheet::annotated(context);
    let mut blocks = Vec::new();
    for mut block in base.blocks {
        let id = block.id;
        for proposal in
            ours.iter().filter(|p| id.is_some() && p.record.proposal.change.paragraph() == id)
        {
            apply_to(&mut block, proposal, delegation);
        }
        let depth = block.depth;
        blocks.push(block);
        for proposal in &ours {
            if let ProposalChange::Insert { kind, text, after, .. } =
                &proposal.record.proposal.change
            {
                if *after == id {
                    blocks.push(inserted(*kind, depth, text, delegation));
                }
            }
        }
    }
    let mut subtitle: Vec<String> =
        context.document.negotiation.status_line().into_iter().collect();
    subtitle.push(format!(
        "Working text with the proposals of {delegation} — {}",
        sheet::round_name(&context.document.round)
    ));
    let count = match ours.len() {
        1 => "1 open proposal".to_string(),
        n => format!("{n} open proposals"),
    };
    Sheet {
        blocks,
        subtitle,
        intro: vec![format!(
            "{delegation}'s {count} shown in the text as changes; the statuses are the chair's."
        )],
        revision: Some(sheet::Revision {
            author: delegation.to_string(),
            date: context.document.round.date,
        }),
        ..base
    }
}

/// Puts one proposal of the delegation into the paragraph's block.
fn apply_to(block: &mut Block, proposal: &CompiledProposal, delegation: &str) {
    match &proposal.record.proposal.change {
        ProposalChange::Amend { .. } | ProposalChange::Bracket { .. }
            if proposal.proposed_text.is_some() =>
        {
            block.text = marked(&proposal.spans);
            block.author = Some(delegation.to_string());
        }
        ProposalChange::Delete { .. } => {
            block.whole = Whole::Deleted;
            for segment in &mut block.text {
                segment.look.mark = Mark::Deleted;
            }
            block.author = Some(delegation.to_string());
        }
        ProposalChange::Insert { .. } => {}
        ProposalChange::Comment { text, .. } => block.remarks.push(format!("{delegation}: {text}")),
        _ => block.remarks.push(format!("{delegation}: {}", capitalized(&proposal.summary))),
    }
}

/// A paragraph the delegation proposes, inserted whole.
fn inserted(kind: ParagraphKind, depth: u8, text: &str, delegation: &str) -> Block {
    Block {
        id: None,
        kind,
        depth,
        number: vec![Segment::plain("")],
        text: vec![Segment {
            text: text.to_string(),
            look: sheet::Look { mark: Mark::Inserted, ..Default::default() },
        }],
        annotation: Vec::new(),
        footnotes: Vec::new(),
        whole: Whole::Inserted,
        struck: false,
        working: Some(Working {
            label: "new".to_string(),
            status: StatusKind::Proposed,
            status_text: format!("Proposed by {delegation}"),
            details: Vec::new(),
        }),
        remarks: Vec::new(),
        author: Some(delegation.to_string()),
    }
}
