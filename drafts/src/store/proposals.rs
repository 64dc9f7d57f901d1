//! Delegations at the table: proposals kept in the file, exchanged as proposals files, compiled
//! per paragraph and decided by the chair.
//!
//! A copy of the file in *delegation mode* ([`Store::act_as`]) refuses direct changes to the text:
//! what the delegation does becomes its proposals, which it exports ([`Store::export_proposals`])
//! for the chair to import ([`Store::import_proposals`]). The chair sees them compiled
//! ([`Store::compilation`]) and accepts, rejects or turns competing ones into alternatives.

use std::collections::HashMap;

use chrono::Utc;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::paragraphs::reopen;
use super::rows::{self, Row};
use super::signing;
use super::steps::{StanceChange, Step};
use super::{chain, events, NewParagraph, Placement, Store};
use crate::brackets;
use crate::compilation::{self, ad_referendum_fits, fit};
pub use crate::compilation::{Compilation, CompilationEntry, CompiledProposal, Standing};
use crate::model::{
    AdReferendum, ParagraphId, ParagraphKind, Round, RoundState, Status, StatusKind,
};
use crate::proposals::{
    self as logic, Hunk, Proposal, ProposalChange, ProposalId, ProposalState, ProposalsFile,
    Stance, StanceRecord,
};
use crate::{Error, Result};

/// What a delegation asks for, in the terms of the text it sees now; the store records it as a
/// [`ProposalChange`] with the words it was made on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum ProposalRequest {
    /// The paragraph as the delegation would have it.
    Amend {
        paragraph: ParagraphId,
        text: String,
    },
    /// A new paragraph after `after` (at the end when none).
    Insert {
        kind: ParagraphKind,
        text: String,
        after: Option<ParagraphId>,
    },
    Delete {
        paragraph: ParagraphId,
    },
    /// Brackets around chars `start..end` of the paragraph's text; the whole paragraph when none.
    Bracket {
        paragraph: ParagraphId,
        range: Option<(usize, usize)>,
    },
    /// Place (true) or lift (false) the delegation's own ad referendum.
    AdReferendum {
        paragraph: ParagraphId,
        place: bool,
    },
    Comment {
        paragraph: Option<ParagraphId>,
        text: String,
    },
}

/// A proposal with where it stands in this file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalRecord {
    pub proposal: Proposal,
    pub state: ProposalState,
    /// Where it came from: "local", a proposals file's name, a Word file's name.
    pub origin: String,
    /// The round in which the chair decided it.
    pub decided_round: Option<u32>,
    pub decision_note: String,
    pub supporters: Vec<String>,
    pub opponents: Vec<String>,
}

/// What importing a proposals file (or a Word file) did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProposalsImport {
    pub delegations: Vec<String>,
    /// The round the proposals were made on.
    pub round: u32,
    /// Whether that round's text is exactly the one the delegation worked on.
    pub fingerprint_matches: bool,
    pub added: u32,
    /// Proposals already in the file (the same file imported twice adds nothing).
    pub already_present: u32,
    pub stances: u32,
    /// Open proposals the delegation has withdrawn since, now closed.
    pub withdrawn: u32,
    /// Paragraphs with changes that could not be matched to the text (Word files), with reasons.
    pub skipped: Vec<String>,
}

pub(super) const SETTING_ACTING: &str = "acting_delegation";
/// Set in a copy the chair circulated: the delegation it was made for, for good.
pub(super) const SETTING_CIRCULATED: &str = "circulated_for";
const LOCAL: &str = "local";

/// The delegation a file acts for, if it is in delegation mode.
pub(crate) fn acting(conn: &Connection) -> Result<Option<String>> {
    rows::setting(conn, SETTING_ACTING)
}

/// The delegation a circulated copy was made for, if the file is one.
fn circulated_for(conn: &Connection) -> Result<Option<String>> {
    rows::setting(conn, SETTING_CIRCULATED)
}

impl Store {
    /// The delegation this file is a circulated copy for, if it is one: such a copy stays in
    /// delegation mode for good.
    pub fn circulated_for(&self) -> Result<Option<String>> {
        circulated_for(&self.conn)
    }

    /// Refuses a delegation that is not on the roster (`unknown_delegation`).
    pub(crate) fn require_delegation(&self, name: &str) -> Result<()> {
        rows::require_delegation(&self.conn, name)
    }

    /// The delegation this copy of the file acts for (delegation mode), if any.
    pub fn acting_delegation(&self) -> Result<Option<String>> {
        acting(&self.conn)
    }

    /// Enters delegation mode for a delegation on the roster, or returns to the chair's desk.
    /// Refused in a circulated copy (`circulated_copy`): it stays its delegation's.
    pub fn act_as(&mut self, delegation: Option<&str>) -> Result<()> {
        let tx = self.conn.transaction()?;
        if let Some(owner) = circulated_for(&tx)? {
            if delegation != Some(owner.as_str()) {
                return Err(Error::CirculatedCopy { delegation: owner });
            }
        }
        let round = rows::open_round(&tx)?;
        match delegation {
            Some(name) => {
                rows::require_delegation(&tx, name)?;
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![SETTING_ACTING, name],
                )?;
                events::log(&tx, round.number, None, "delegation_mode", name)?;
            }
            None => {
                tx.execute("DELETE FROM settings WHERE key = ?1", [SETTING_ACTING])?;
                events::log(&tx, round.number, None, "chair_mode", "")?;
            }
        }
        tx.commit()?;
        self.undo.clear();
        Ok(())
    }

    /// Records a proposal of `delegation` on the open round's text. In delegation mode only the
    /// acting delegation proposes; at the chair's desk it records a proposal made from the floor.
    pub fn propose(
        &mut self,
        delegation: &str,
        request: ProposalRequest,
        note: &str,
    ) -> Result<ProposalId> {
        let id = ProposalId::new();
        self.propose_once(id, delegation, request, note)?;
        Ok(id)
    }

    /// Records a proposal under the id its sender chose, once: the same id sent again (a retry
    /// after a dropped connection) records nothing more and answers `false`. An id another
    /// delegation already used is refused, so no one can take over a proposal.
    pub fn propose_once(
        &mut self,
        id: ProposalId,
        delegation: &str,
        request: ProposalRequest,
        note: &str,
    ) -> Result<bool> {
        let tx = self.conn.transaction()?;
        require_voice(&tx, delegation)?;
        if let Some(owner) = proposer(&tx, id)? {
            if owner != delegation {
                return Err(Error::Invalid(format!("proposal {id} is not {delegation}'s")));
            }
            return Ok(false);
        }
        let round = rows::open_round(&tx)?;
        let all = rows::load(&tx, round.number)?;
        let change = change_for(&all, delegation, request)?;
        logic::validate(&change).map_err(Error::Invalid)?;
        let proposal = Proposal {
            id,
            delegation: delegation.to_string(),
            round: round.number,
            made_at: Utc::now(),
            change,
            note: note.trim().to_string(),
        };
        insert_proposal(&tx, &proposal, LOCAL)?;
        events::log(
            &tx,
            round.number,
            proposal.change.paragraph(),
            "proposed",
            &format!("{}: {}", delegation, proposal.change.describe()),
        )?;
        tx.commit()?;
        Ok(true)
    }

    /// Every proposal in the file, oldest first.
    pub fn proposals(&self) -> Result<Vec<ProposalRecord>> {
        let mut stmt = self.conn.prepare(&format!("{RECORD_COLUMNS} ORDER BY made_at, rowid"))?;
        let mut stances = stances(&self.conn)?;
        let rows = stmt.query_map([], record_columns)?;
        rows.map(|row| {
            let mut record = record_from(row?)?;
            let (supporters, opponents) = stances.remove(&record.proposal.id).unwrap_or_default();
            record.supporters = supporters;
            record.opponents = opponents;
            Ok(record)
        })
        .collect()
    }

    /// Finds a proposal by its id or the first characters of it (at least four, unambiguous).
    pub fn find_proposal(&self, reference: &str) -> Result<ProposalId> {
        let reference = reference.trim().to_lowercase();
        if let Ok(id) = reference.parse::<ProposalId>() {
            return load(&self.conn, id).map(|_| id);
        }
        let unknown = || Error::UnknownProposal(reference.clone());
        if reference.len() < 4 || !reference.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(unknown());
        }
        let mut stmt =
            self.conn.prepare("SELECT id FROM proposals WHERE id LIKE ?1 || '%' LIMIT 2")?;
        let found: Vec<String> =
            stmt.query_map([&reference], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        match found.as_slice() {
            [one] => {
                one.parse().map_err(|_| Error::Corrupt(format!("unreadable proposal id {one}")))
            }
            [] => Err(unknown()),
            _ => Err(Error::Invalid(format!(
                "{reference} names several proposals: give more of the id"
            ))),
        }
    }

    /// Withdraws an open proposal; only its own delegation does, in delegation mode or through
    /// the chair.
    pub fn withdraw_proposal(&mut self, id: ProposalId) -> Result<()> {
        let tx = self.conn.transaction()?;
        let round = rows::open_round(&tx)?;
        let (proposal, state) = load(&tx, id)?;
        require_voice(&tx, &proposal.delegation)?;
        require_open(id, state)?;
        set_state(&tx, id, ProposalState::Withdrawn, None, "")?;
        events::log(
            &tx,
            round.number,
            proposal.change.paragraph(),
            "proposal_withdrawn",
            &summary(&proposal),
        )?;
        tx.commit()?;
        let decisions = vec![(id, ProposalState::Withdrawn)];
        let step =
            Step::on_proposals("proposal_withdrawn", round.number, decisions, vec![], vec![]);
        self.undo.push(step);
        Ok(())
    }

    /// Records `delegation`'s support for or opposition to a proposal (none clears it).
    pub fn set_stance(
        &mut self,
        id: ProposalId,
        delegation: &str,
        stance: Option<Stance>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        require_voice(&tx, delegation)?;
        let round = rows::open_round(&tx)?;
        let (proposal, _) = load(&tx, id)?;
        if proposal.delegation == delegation {
            return Err(Error::Invalid(format!("{delegation} made this proposal")));
        }
        write_stance(&tx, id, delegation, stance)?;
        let detail = format!(
            "{delegation} {} {}",
            stance.map_or("withdraws its position on", |s| match s {
                Stance::Support => "supports",
                Stance::Oppose => "opposes",
            }),
            summary(&proposal)
        );
        events::log(&tx, round.number, proposal.change.paragraph(), "stance", &detail)?;
        tx.commit()?;
        Ok(())
    }

    /// The proposals file of `delegation`: its open proposals made in this file and the
    /// positions it took, tied to the open round and the fingerprint of its text. Fails with
    /// `no_open_proposals` when there is nothing to send.
    pub fn export_proposals(&self, delegation: &str) -> Result<ProposalsFile> {
        rows::require_delegation(&self.conn, delegation)?;
        let negotiation = self.negotiation()?;
        let round = rows::open_round(&self.conn)?;
        let previous = match round.number {
            1 => None,
            n => rows::round(&self.conn, n - 1)?.fingerprint,
        };
        let fingerprint = chain::fingerprint(&self.conn, &round, previous.as_deref())?;
        let records = self.proposals()?;
        let proposals: Vec<Proposal> = records
            .iter()
            .filter(|r| r.proposal.delegation == delegation)
            .filter(|r| r.origin == LOCAL && r.state == ProposalState::Open)
            .map(|r| r.proposal.clone())
            .collect();
        let stances: Vec<StanceRecord> = records
            .iter()
            .flat_map(|r| {
                let on = |stance, names: &Vec<String>| {
                    names.contains(&delegation.to_string()).then(|| StanceRecord {
                        proposal: r.proposal.id,
                        delegation: delegation.to_string(),
                        stance,
                    })
                };
                [on(Stance::Support, &r.supporters), on(Stance::Oppose, &r.opponents)]
            })
            .flatten()
            .collect();
        let withdrawn: Vec<ProposalId> = records
            .iter()
            .filter(|r| r.proposal.delegation == delegation)
            .filter(|r| r.state == ProposalState::Withdrawn)
            .map(|r| r.proposal.id)
            .collect();
        let cleared_stances = cleared_stances(&self.conn, delegation)?;
        if proposals.is_empty()
            && stances.is_empty()
            && withdrawn.is_empty()
            && cleared_stances.is_empty()
        {
            return Err(Error::NoOpenProposals { delegation: delegation.to_string() });
        }
        let mut file = ProposalsFile {
            format: ProposalsFile::FORMAT.to_string(),
            version: ProposalsFile::VERSION,
            negotiation: negotiation.id,
            title: negotiation.title,
            delegation: delegation.to_string(),
            round: round.number,
            round_label: round.label,
            fingerprint,
            exported_at: Utc::now(),
            proposals,
            stances,
            withdrawn,
            cleared_stances,
            signature: String::new(),
        };
        signing::sign(&self.conn, &mut file)?;
        Ok(file)
    }

    /// Imports a delegation's proposals file at the chair's desk. Proposals already in the file
    /// are left as they are, so importing the same file twice adds nothing.
    pub fn import_proposals(
        &mut self,
        file: &ProposalsFile,
        origin: &str,
    ) -> Result<ProposalsImport> {
        let negotiation = self.negotiation()?;
        let tx = self.chair_transaction()?;
        if file.negotiation != negotiation.id {
            return Err(Error::ForeignProposals { title: file.title.clone() });
        }
        rows::require_delegation(&tx, &file.delegation)?;
        signing::verify(&tx, file)?;
        let open = rows::open_round(&tx)?;
        if file.round > open.number {
            return Err(Error::ProposalsFile(format!(
                "it was made on round {}, which this file does not have yet",
                file.round
            )));
        }
        let base = rows::round(&tx, file.round)?;
        let fingerprint_matches = match base.state {
            RoundState::Closed => base.fingerprint.as_deref() == Some(file.fingerprint.as_str()),
            RoundState::Open => {
                let previous = match base.number {
                    1 => None,
                    n => rows::round(&tx, n - 1)?.fingerprint,
                };
                chain::fingerprint(&tx, &base, previous.as_deref())? == file.fingerprint
            }
        };
        let mut added = Vec::new();
        for proposal in &file.proposals {
            if insert_proposal(&tx, proposal, origin)? {
                added.push((proposal.clone(), origin.to_string()));
            }
        }
        let positions = record_positions(&tx, file)?;
        let withdrawn = apply_withdrawals(&tx, &open, file)?;
        let new = added.len() as u32;
        events::log(
            &tx,
            open.number,
            None,
            "proposals_imported",
            &format!("{origin}: {} from {} ({new} new)", file.proposals.len(), file.delegation),
        )?;
        tx.commit()?;
        let report = ProposalsImport {
            delegations: vec![file.delegation.clone()],
            round: file.round,
            fingerprint_matches,
            added: new,
            already_present: file.proposals.len() as u32 - new,
            stances: positions.len() as u32,
            withdrawn: withdrawn.len() as u32,
            skipped: Vec::new(),
        };
        let decisions = withdrawn.into_iter().map(|id| (id, ProposalState::Withdrawn)).collect();
        let step =
            Step::on_proposals("proposals_imported", open.number, decisions, added, positions);
        self.undo.push(step);
        Ok(report)
    }

    /// Every proposal beside the paragraph it is about, with where it stands on the open round's
    /// text and the open proposals it conflicts with.
    pub fn compilation(&self) -> Result<Compilation> {
        Ok(compilation::compile(&self.document(None)?, self.proposals()?))
    }

    /// Accepts an open proposal into the open round's text (a comment is noted). Accepting into an
    /// agreed paragraph reopens it, the acceptance being the reason. Undo reverts both.
    pub fn accept_proposal(&mut self, id: ProposalId) -> Result<()> {
        self.require_chair()?;
        let (proposal, state) = load(&self.conn, id)?;
        require_open(id, state)?;
        let depth = self.undo.depth();
        match proposal.change.clone() {
            ProposalChange::Comment { .. } => return self.note_comment(id, &proposal),
            ProposalChange::Insert { kind, text, after, .. } => {
                let placement = after.map_or(Placement::End, |id| Placement::After { id });
                let proposers = vec![proposal.delegation.clone()];
                let new = NewParagraph {
                    kind,
                    text,
                    parent: None,
                    placement,
                    alternative_to: None,
                    proposers,
                };
                self.insert_with(new, |conn, round| {
                    decide(conn, round, id, ProposalState::Accepted, "")
                })?;
            }
            ProposalChange::Bracket { paragraph, .. } => {
                self.accept_bracket(id, &proposal, paragraph)?
            }
            ProposalChange::Amend { paragraph, .. }
            | ProposalChange::Delete { paragraph, .. }
            | ProposalChange::AdReferendum { paragraph, .. } => {
                self.accept_change(id, &proposal, paragraph)?
            }
        }
        self.attach_decision(depth, id, ProposalState::Accepted);
        Ok(())
    }

    /// Accepts an amendment, a deletion or an ad referendum: the paragraph changes as asked
    /// (agreed words amended reopen the paragraph, the acceptance being the reason).
    fn accept_change(
        &mut self,
        id: ProposalId,
        proposal: &Proposal,
        paragraph: ParagraphId,
    ) -> Result<()> {
        let delegation = proposal.delegation.as_str();
        let reason = format!("to accept the proposal of {delegation}");
        self.change(paragraph, "proposal_accepted", |conn, round, p| {
            match &proposal.change {
                ProposalChange::Amend { .. } => {
                    let hunks = fitting_hunks(proposal, p)?;
                    reopen(conn, round, p, Some(&reason))?;
                    p.text = logic::apply(&p.text, &hunks);
                }
                ProposalChange::AdReferendum { place, .. } => {
                    fit(proposal, Some(p)).map_err(Error::Invalid)?;
                    p.status = ad_referendum_after(&p.status, delegation, *place);
                }
                _ => {
                    fit(proposal, Some(p)).map_err(Error::Invalid)?;
                    p.status = Status::Deleted;
                }
            }
            decide(conn, round, id, ProposalState::Accepted, "")?;
            Ok(summary(proposal))
        })
    }

    /// Accepts brackets: around the words asked for, held by the delegation, or around the whole
    /// paragraph.
    fn accept_bracket(
        &mut self,
        id: ProposalId,
        proposal: &Proposal,
        paragraph: ParagraphId,
    ) -> Result<()> {
        let delegation = proposal.delegation.clone();
        let reason = format!("to accept the proposal of {delegation}");
        let meta = (vec![delegation.clone()], format!("requested by {delegation}"));
        self.change_with_meta(paragraph, "proposal_accepted", Some(meta), |conn, round, p| {
            let hunks = fitting_hunks(proposal, p)?;
            reopen(conn, round, p, Some(&reason))?;
            match hunks.as_slice() {
                [h] if h.start < h.end => {
                    p.text = brackets::wrap(&p.text, h.start, h.end, &[delegation])
                        .map_err(|e| Error::Bracket(e.to_string()))?;
                    if p.status.kind() == StatusKind::Proposed {
                        p.status = Status::Pending;
                    }
                }
                _ => p.status = Status::Bracketed,
            }
            decide(conn, round, id, ProposalState::Accepted, "")?;
            Ok(summary(proposal))
        })
    }

    /// A comment is noted, not applied: decided and logged, with nothing to undo in the text.
    fn note_comment(&mut self, id: ProposalId, proposal: &Proposal) -> Result<()> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        decide(&tx, &round, id, ProposalState::Accepted, "noted")?;
        let paragraph = proposal.change.paragraph();
        events::log(&tx, round.number, paragraph, "proposal_noted", &summary(proposal))?;
        tx.commit()?;
        Ok(())
    }

    /// Rejects an open proposal, with the chair's reason.
    pub fn reject_proposal(&mut self, id: ProposalId, reason: &str) -> Result<()> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        let (proposal, state) = load(&tx, id)?;
        require_open(id, state)?;
        decide(&tx, &round, id, ProposalState::Rejected, reason.trim())?;
        events::log(
            &tx,
            round.number,
            proposal.change.paragraph(),
            "proposal_rejected",
            &summary(&proposal),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Puts a decided proposal back on the table.
    pub fn reopen_proposal(&mut self, id: ProposalId) -> Result<()> {
        let tx = self.chair_transaction()?;
        let round = rows::open_round(&tx)?;
        let (proposal, _) = load(&tx, id)?;
        set_state(&tx, id, ProposalState::Open, None, "")?;
        events::log(
            &tx,
            round.number,
            proposal.change.paragraph(),
            "proposal_reopened",
            &summary(&proposal),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Turns competing amendments of one paragraph into one inline bracket of alternatives
    /// `[A / B]` held by their delegations, with the current words as the first alternative when
    /// `keep_current`. Undo reverts it.
    pub fn bracket_proposals(&mut self, ids: &[ProposalId], keep_current: bool) -> Result<()> {
        self.require_chair()?;
        if ids.len() < 2 && !keep_current {
            return Err(Error::Invalid("alternatives need at least two proposals".into()));
        }
        let mut proposals = Vec::new();
        for id in ids {
            let (proposal, state) = load(&self.conn, *id)?;
            require_open(*id, state)?;
            if !amends(&proposal.change) {
                return Err(Error::Invalid(format!(
                    "only amendments become alternatives, not: {}",
                    proposal.change.describe()
                )));
            }
            proposals.push(proposal);
        }
        let paragraph = proposals.first().and_then(|p| p.change.paragraph()).ok_or_else(|| {
            Error::Invalid("choose the proposals to turn into alternatives".into())
        })?;
        if proposals.iter().any(|p| p.change.paragraph() != Some(paragraph)) {
            return Err(Error::Invalid("alternatives must be proposals on one paragraph".into()));
        }
        let mut holders: Vec<String> = Vec::new();
        for p in &proposals {
            if !holders.contains(&p.delegation) {
                holders.push(p.delegation.clone());
            }
        }
        let reason = format!("alternatives proposed by {}", crate::model::join_and(&holders));
        let depth = self.undo.depth();
        let meta = (holders, reason.clone());
        self.change_with_meta(paragraph, "proposals_bracketed", Some(meta), |conn, round, p| {
            let mut competing = Vec::new();
            for proposal in &proposals {
                competing.push(fitting_hunks(proposal, p)?);
            }
            let (text, ..) =
                logic::alternatives(&p.text, &competing, keep_current).ok_or_else(|| {
                    Error::Invalid("the proposals do not give distinct alternatives".into())
                })?;
            brackets::validate(&text)
                .map_err(|source| Error::Brackets { label: p.label.clone(), source })?;
            reopen(conn, round, p, Some(&reason))?;
            p.text = text;
            if p.status.kind() == StatusKind::Proposed {
                p.status = Status::Pending;
            }
            for proposal in &proposals {
                decide(conn, round, proposal.id, ProposalState::Bracketed, "")?;
            }
            Ok(reason.clone())
        })?;
        for proposal in &proposals {
            self.attach_decision(depth, proposal.id, ProposalState::Bracketed);
        }
        Ok(())
    }

    fn attach_decision(&mut self, depth: usize, id: ProposalId, state: ProposalState) {
        if self.undo.depth() > depth {
            self.undo.attach_decision(id, state);
        }
    }
}

/// Writes a decision (part of an undoable step when `state` is not open).
pub(crate) fn set_state(
    conn: &Connection,
    id: ProposalId,
    state: ProposalState,
    round: Option<u32>,
    note: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE proposals SET state = ?1, decided_round = ?2, decision_note = ?3 WHERE id = ?4",
        params![state.as_str(), round, note, id.to_string()],
    )?;
    Ok(())
}

fn decide(
    conn: &Connection,
    round: &Round,
    id: ProposalId,
    state: ProposalState,
    note: &str,
) -> Result<()> {
    set_state(conn, id, state, Some(round.number), note)
}

/// Fails unless `delegation` is on the roster and, in delegation mode, is the acting delegation:
/// a delegation's copy speaks only for it.
fn require_voice(conn: &Connection, delegation: &str) -> Result<()> {
    if let Some(acting) = acting(conn)? {
        if acting != delegation {
            return Err(Error::DelegationMode { delegation: acting });
        }
    }
    rows::require_delegation(conn, delegation)
}

/// The delegation that made proposal `id`, if the file holds it.
fn proposer(conn: &Connection, id: ProposalId) -> Result<Option<String>> {
    let found = conn
        .query_row("SELECT delegation FROM proposals WHERE id = ?1", [id.to_string()], |r| r.get(0))
        .optional()?;
    Ok(found)
}

fn require_open(id: ProposalId, state: ProposalState) -> Result<()> {
    match state {
        ProposalState::Open => Ok(()),
        decided => Err(Error::ProposalDecided { id: id.to_string(), state: decided.as_str() }),
    }
}

fn summary(p: &Proposal) -> String {
    let label = p.change.label();
    let on = if label.is_empty() { String::new() } else { format!("{label}, ") };
    format!("{on}{}: {}", p.delegation, p.change.describe())
}

fn amends(change: &ProposalChange) -> bool {
    matches!(change, ProposalChange::Amend { .. })
}

fn ad_referendum_after(status: &Status, delegation: &str, place: bool) -> Status {
    let mut names = match status {
        Status::AdReferendum(a) => a.delegations.clone(),
        _ => Vec::new(),
    };
    names.retain(|n| n != delegation);
    if place {
        names.push(delegation.to_string());
    }
    match (status, names.is_empty()) {
        (_, true) => Status::Agreed,
        (Status::AdReferendum(a), false) => {
            Status::AdReferendum(AdReferendum { delegations: names, ..a.clone() })
        }
        (_, false) => Status::AdReferendum(AdReferendum {
            delegations: names,
            since: Utc::now(),
            deadline: None,
        }),
    }
}

/// The hunks of a proposal on the paragraph as it stands (none for a whole-paragraph bracket),
/// or why it no longer fits.
fn fitting_hunks(proposal: &Proposal, p: &crate::model::Paragraph) -> Result<Vec<Hunk>> {
    fit(proposal, Some(p)).map(|(_, hunks)| hunks.unwrap_or_default()).map_err(Error::Invalid)
}

fn change_for(all: &[Row], delegation: &str, request: ProposalRequest) -> Result<ProposalChange> {
    let find = |id: ParagraphId| {
        all.iter()
            .map(|r| &r.paragraph)
            .find(|p| p.id == id && p.status.kind() != StatusKind::Deleted)
            .ok_or_else(|| Error::UnknownParagraph(id.to_string()))
    };
    Ok(match request {
        ProposalRequest::Amend { paragraph, text } => {
            let p = find(paragraph)?;
            let text = text.trim();
            brackets::validate(text)
                .map_err(|source| Error::Brackets { label: p.label.clone(), source })?;
            let hunks = logic::hunks(&p.text, text);
            if hunks.is_empty() {
                return Err(Error::Invalid(format!("the proposal leaves {} as it is", p.label)));
            }
            ProposalChange::Amend { paragraph, label: p.label.clone(), base: p.text.clone(), hunks }
        }
        ProposalRequest::Insert { kind, text, after } => {
            let text = text.trim().to_string();
            brackets::validate(&text)
                .map_err(|source| Error::Brackets { label: "the new paragraph".into(), source })?;
            let after_label = match after {
                Some(id) => find(id)?.label.clone(),
                None => String::new(),
            };
            ProposalChange::Insert { kind, text, after, after_label }
        }
        ProposalRequest::Delete { paragraph } => {
            let p = find(paragraph)?;
            ProposalChange::Delete { paragraph, label: p.label.clone(), base: p.text.clone() }
        }
        ProposalRequest::Bracket { paragraph, range } => {
            let p = find(paragraph)?;
            let len = p.text.chars().count();
            let (start, end) = range.unwrap_or((0, len));
            if start > end || end > len {
                return Err(Error::Invalid(format!(
                    "the words to bracket are outside {}",
                    p.label
                )));
            }
            ProposalChange::Bracket {
                paragraph,
                label: p.label.clone(),
                base: p.text.clone(),
                start,
                end,
            }
        }
        ProposalRequest::AdReferendum { paragraph, place } => {
            let p = find(paragraph)?;
            ad_referendum_fits(p, delegation, place).map_err(Error::Invalid)?;
            ProposalChange::AdReferendum { paragraph, label: p.label.clone(), place }
        }
        ProposalRequest::Comment { paragraph, text } => {
            let label = match paragraph {
                Some(id) => find(id)?.label.clone(),
                None => String::new(),
            };
            ProposalChange::Comment { paragraph, label, text: text.trim().to_string() }
        }
    })
}

/// Adds a proposal unless one with its id is there; says whether it was added.
pub(super) fn insert_proposal(conn: &Connection, p: &Proposal, origin: &str) -> Result<bool> {
    let added = conn.execute(
        "INSERT INTO proposals (id, delegation, round, made_at, change, note, paragraph_id, origin,
            state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open')
         ON CONFLICT (id) DO NOTHING",
        params![
            p.id.to_string(),
            p.delegation,
            p.round,
            p.made_at.to_rfc3339(),
            rows::to_json(&p.change),
            p.note,
            p.change.paragraph().map(|id| id.to_string()),
            origin,
        ],
    )?;
    Ok(added == 1)
}

/// Removes a proposal brought in by an import that is undone, with the positions on it.
pub(super) fn remove_proposal(conn: &Connection, id: ProposalId) -> Result<()> {
    conn.execute("DELETE FROM proposal_stances WHERE proposal_id = ?1", [id.to_string()])?;
    conn.execute("DELETE FROM cleared_stances WHERE proposal_id = ?1", [id.to_string()])?;
    conn.execute("DELETE FROM proposals WHERE id = ?1", [id.to_string()])?;
    Ok(())
}

/// `delegation`'s position on a proposal, if it takes one.
fn stance_of(conn: &Connection, id: ProposalId, delegation: &str) -> Result<Option<Stance>> {
    let stance: Option<String> = conn
        .query_row(
            "SELECT stance FROM proposal_stances WHERE proposal_id = ?1 AND delegation = ?2",
            params![id.to_string(), delegation],
            |r| r.get(0),
        )
        .optional()?;
    Ok(stance.as_deref().and_then(Stance::parse))
}

const RECORD_COLUMNS: &str = "SELECT id, delegation, round, made_at, change, note, origin, state,
    decided_round, decision_note FROM proposals";

type RecordColumns =
    (String, String, u32, String, String, String, String, String, Option<u32>, String);

fn record_columns(r: &rusqlite::Row<'_>) -> rusqlite::Result<RecordColumns> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

/// A proposal row as a record, without its stances.
fn record_from(columns: RecordColumns) -> Result<ProposalRecord> {
    let (id, delegation, round, made_at, change, note, origin, state, decided, decision) = columns;
    Ok(ProposalRecord {
        proposal: Proposal {
            id: id.parse().map_err(|_| Error::Corrupt(format!("unreadable proposal id {id}")))?,
            delegation,
            round,
            made_at: rows::parse_time(&made_at)?,
            change: rows::from_json(&change)?,
            note,
        },
        state: ProposalState::parse(&state)
            .ok_or_else(|| Error::Corrupt(format!("unknown proposal state {state}")))?,
        origin,
        decided_round: decided,
        decision_note: decision,
        supporters: Vec::new(),
        opponents: Vec::new(),
    })
}

fn load(conn: &Connection, id: ProposalId) -> Result<(Proposal, ProposalState)> {
    let columns = conn
        .query_row(&format!("{RECORD_COLUMNS} WHERE id = ?1"), [id.to_string()], record_columns)
        .optional()?
        .ok_or_else(|| Error::UnknownProposal(id.to_string()))?;
    let record = record_from(columns)?;
    Ok((record.proposal, record.state))
}

pub(super) fn write_stance(
    conn: &Connection,
    id: ProposalId,
    delegation: &str,
    stance: Option<Stance>,
) -> Result<()> {
    let key = params![id.to_string(), delegation];
    match stance {
        Some(stance) => {
            conn.execute(
                "INSERT INTO proposal_stances (proposal_id, delegation, stance) VALUES (?1, ?2, ?3)
                 ON CONFLICT (proposal_id, delegation) DO UPDATE SET stance = excluded.stance",
                params![id.to_string(), delegation, stance.as_str()],
            )?;
            conn.execute(
                "DELETE FROM cleared_stances WHERE proposal_id = ?1 AND delegation = ?2",
                key,
            )?;
        }
        None => {
            conn.execute(
                "DELETE FROM proposal_stances WHERE proposal_id = ?1 AND delegation = ?2",
                key,
            )?;
            // Remembered, so that the delegation's proposals file tells the chair.
            conn.execute(
                "INSERT OR IGNORE INTO cleared_stances (proposal_id, delegation) VALUES (?1, ?2)",
                key,
            )?;
        }
    }
    Ok(())
}

/// The proposals on which `delegation` withdrew its position in this file.
fn cleared_stances(conn: &Connection, delegation: &str) -> Result<Vec<ProposalId>> {
    let mut stmt = conn.prepare(
        "SELECT proposal_id FROM cleared_stances WHERE delegation = ?1 ORDER BY proposal_id",
    )?;
    let ids = stmt.query_map([delegation], |r| r.get::<_, String>(0))?;
    ids.map(|id| id?.parse().map_err(|_| Error::Corrupt("an unreadable proposal id".into())))
        .collect()
}

/// Records the positions a delegation's file takes on others' proposals, and those it withdrew;
/// returns each change made.
fn record_positions(conn: &Connection, file: &ProposalsFile) -> Result<Vec<StanceChange>> {
    let taken = file
        .stances
        .iter()
        .filter(|s| s.delegation == file.delegation)
        .map(|s| (s.proposal, Some(s.stance)));
    let cleared = file.cleared_stances.iter().map(|id| (*id, None));
    let mut changes = Vec::new();
    for (id, stance) in taken.chain(cleared) {
        if !load(conn, id).is_ok_and(|(p, _)| p.delegation != file.delegation) {
            continue;
        }
        let before = stance_of(conn, id, &file.delegation)?;
        write_stance(conn, id, &file.delegation, stance)?;
        changes.push((id, file.delegation.clone(), before, stance));
    }
    Ok(changes)
}

/// Closes the open proposals a delegation's file says it withdrew; returns them.
fn apply_withdrawals(
    conn: &Connection,
    open: &Round,
    file: &ProposalsFile,
) -> Result<Vec<ProposalId>> {
    let mut closed = Vec::new();
    for id in &file.withdrawn {
        let Ok((proposal, state)) = load(conn, *id) else { continue };
        if proposal.delegation != file.delegation || state != ProposalState::Open {
            continue;
        }
        set_state(conn, *id, ProposalState::Withdrawn, None, "")?;
        events::log(
            conn,
            open.number,
            proposal.change.paragraph(),
            "proposal_withdrawn",
            &summary(&proposal),
        )?;
        closed.push(*id);
    }
    Ok(closed)
}

/// A proposal's supporters and opponents.
type Positions = (Vec<String>, Vec<String>);

/// Supporters and opponents of every proposal that has any, in roster order.
fn stances(conn: &Connection) -> Result<HashMap<ProposalId, Positions>> {
    let mut stmt = conn.prepare(
        "SELECT s.proposal_id, s.delegation, s.stance FROM proposal_stances s
         LEFT JOIN delegations d ON d.name = s.delegation ORDER BY d.position, s.delegation",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })?;
    let mut out: HashMap<ProposalId, Positions> = HashMap::new();
    for row in rows {
        let (id, delegation, stance) = row?;
        let id: ProposalId =
            id.parse().map_err(|_| Error::Corrupt(format!("unreadable proposal id {id}")))?;
        let entry = out.entry(id).or_default();
        match Stance::parse(&stance) {
            Some(Stance::Support) => entry.0.push(delegation),
            Some(Stance::Oppose) => entry.1.push(delegation),
            None => return Err(Error::Corrupt(format!("unknown stance {stance}"))),
        }
    }
    Ok(out)
}
