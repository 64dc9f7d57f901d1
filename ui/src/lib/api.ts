// The one module that talks to the Rust shell. Every command is wrapped here with its argument
// and result types, which come only from the generated bindings (ui/src/bindings, written by ts-rs).
// Errors reject with an ApiError carrying the shell's stable `code`.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { About } from "../bindings/About";
import type { UpdateCheck } from "../bindings/UpdateCheck";
import type { Backup } from "../bindings/Backup";
import type { CloseRound } from "../bindings/CloseRound";
import type { Compilation } from "../bindings/Compilation";
import type { Delegation } from "../bindings/Delegation";
import type { DocumentView } from "../bindings/DocumentView";
import type { AnyErrorCode } from "../bindings/AnyErrorCode";
import type { ErrorPayload } from "../bindings/ErrorPayload";
import type { ExportedFile } from "../bindings/ExportedFile";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { ExportKind } from "../bindings/ExportKind";
import type { ExportOptions } from "../bindings/ExportOptions";
import type { ExportStage } from "../bindings/ExportStage";
import type { Footnote } from "../bindings/Footnote";
import type { ImportedDraft } from "../bindings/ImportedDraft";
import type { ImportHints } from "../bindings/ImportHints";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { JoinTarget } from "../bindings/JoinTarget";
import type { Language } from "../bindings/Language";
import type { LanguageStatus } from "../bindings/LanguageStatus";
import type { SideBySideView } from "../bindings/SideBySideView";
import type { TranslationCorrection } from "../bindings/TranslationCorrection";
import type { TranslationPlan } from "../bindings/TranslationPlan";
import type { LiveSession } from "../bindings/LiveSession";
import type { NegotiationMeta } from "../bindings/NegotiationMeta";
import type { NewParagraph } from "../bindings/NewParagraph";
import type { OpenFile } from "../bindings/OpenFile";
import type { ParagraphHistory } from "../bindings/ParagraphHistory";
import type { ParagraphId } from "../bindings/ParagraphId";
import type { ParagraphKind } from "../bindings/ParagraphKind";
import type { Placement } from "../bindings/Placement";
import type { ProposalId } from "../bindings/ProposalId";
import type { ProposalRecord } from "../bindings/ProposalRecord";
import type { ProposalRequest } from "../bindings/ProposalRequest";
import type { ProposalsFileImport } from "../bindings/ProposalsFileImport";
import type { Resolution } from "../bindings/Resolution";
import type { RevisionCorrection } from "../bindings/RevisionCorrection";
import type { RevisionImport } from "../bindings/RevisionImport";
import type { RevisionPlan } from "../bindings/RevisionPlan";
import type { Role } from "../bindings/Role";
import type { Round } from "../bindings/Round";
import type { RoundDiff } from "../bindings/RoundDiff";
import type { RoundProgress } from "../bindings/RoundProgress";
import type { Session } from "../bindings/Session";
import type { Stance } from "../bindings/Stance";
import type { StatusChange } from "../bindings/StatusChange";
import type { StatusSummary } from "../bindings/StatusSummary";
import type { UndoOutcome } from "../bindings/UndoOutcome";
import type { Verification } from "../bindings/Verification";
import type { Warning } from "../bindings/Warning";
import { busy } from "./busy.svelte";

/** A command's failure: `code` is stable (switch on it), `message` is for people. */
export class ApiError extends Error {
  readonly code: AnyErrorCode;
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = "ApiError";
    this.code = payload.code;
  }
}

/** Any rejection or `{ code, message }` payload as an ApiError (unknown shapes are `internal`). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const { code, message } = e as { code: unknown; message: unknown };
    return new ApiError({ code: String(code) as AnyErrorCode, message: String(message) });
  }
  return new ApiError({ code: "internal", message: e instanceof Error ? e.message : String(e) });
}

/** Invokes a command, tracking it for the progress indicator and normalizing its error. */
async function call<T>(command: string, args?: Record<string, unknown>, label?: string): Promise<T> {
  const done = busy.start(label ?? command);
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toApiError(e);
  } finally {
    done();
  }
}

/** Invokes a command that changes the file: counted in `busy.saving` until the file answered (an
 * edit is one transaction, committed before the command returns: answered means saved). */
async function write<T>(command: string, args?: Record<string, unknown>, label?: string): Promise<T> {
  const done = busy.write();
  try {
    return await call<T>(command, args, label);
  } finally {
    done();
  }
}

// Tauri maps a Rust argument `reopen_reason` to the JS key `reopenReason`; nested structs keep
// their serde field names (snake_case), as in the bindings.
export const api = {
  // Files
  session: () => call<Session>("session"),
  about: () => call<About>("about"),
  checkForUpdate: () => call<UpdateCheck>("check_for_update"),
  installUpdate: () => call<null>("install_update", undefined, "Installing the update"),
  newNegotiation: (meta: NegotiationMeta) =>
    call<OpenFile | null>("new_negotiation", { meta }, "Creating the negotiation"),
  openNegotiation: () => call<OpenFile | null>("open_negotiation", undefined, "Opening"),
  openRecent: (path: string) => call<OpenFile>("open_recent", { path }, "Opening"),
  openSample: () => call<OpenFile>("open_sample", undefined, "Opening the sample"),
  saveAs: () => call<OpenFile | null>("save_as", undefined, "Saving a copy"),
  openReadOnly: () => call<OpenFile>("open_read_only", undefined, "Opening read-only"),

  // Import and export
  importPreview: () => call<ImportPreview | null>("import_preview", undefined, "Reading the draft"),
  createFromImport: (draft: ImportedDraft) =>
    call<OpenFile | null>("create_from_import", { draft }, "Creating the negotiation"),
  planRevision: (draft: ImportedDraft, corrections: RevisionCorrection[]) =>
    call<RevisionPlan>("plan_revision", { draft, corrections }, "Matching the revision"),
  importRevision: (draft: ImportedDraft, corrections: RevisionCorrection[]) =>
    write<RevisionImport>("import_revision", { draft, corrections }, "Importing the revision"),
  rereadDraft: (draft: ImportedDraft, hints: ImportHints) =>
    call<ImportedDraft>("reread_draft", { draft, hints }, "Re-reading the draft"),
  shiftLevel: (draft: ImportedDraft, indexes: number[], deeper: boolean) =>
    call<ImportedDraft>("shift_level", { draft, indexes, deeper }, "Changing the levels"),
  readPasted: (text: string) => call<ImportPreview>("read_pasted", { text }, "Reading the pasted text"),
  insertImported: (draft: ImportedDraft, placement: Placement) =>
    write<ParagraphId[]>("insert_imported", { draft, placement }, "Inserting the paragraphs"),
  exportDocument: (kind: ExportKind, format: ExportFormat, options: ExportOptions) =>
    call<ExportedFile | null>("export_document", { kind, format, options }, "Exporting"),
  printDocument: (kind: ExportKind, options: ExportOptions) =>
    call<ExportedFile>("print_document", { kind, options }, "Preparing the print"),
  /** Calls `handler` with each stage of a running export until the returned function is called. */
  onExportProgress: (handler: (stage: ExportStage) => void): Promise<UnlistenFn> =>
    listen<ExportStage>("export-progress", (e) => handler(e.payload)),

  // Negotiation
  updateNegotiation: (meta: NegotiationMeta) => write<void>("update_negotiation", { meta }),
  delegations: () => call<Delegation[]>("delegations"),

  // Paragraphs
  document: (round: number | null) => call<DocumentView>("document", { round }, "Loading the text"),
  insertParagraph: (paragraph: NewParagraph) => write<ParagraphId>("insert_paragraph", { paragraph }),
  editText: (id: ParagraphId, text: string, reopenReason: string | null) =>
    write<void>("edit_text", { id, text, reopenReason }),
  setStatus: (id: ParagraphId, status: StatusChange) => write<void>("set_status", { id, status }),
  deleteParagraph: (id: ParagraphId, reason: string | null) => write<void>("delete_paragraph", { id, reason }),
  moveParagraph: (id: ParagraphId, placement: Placement) => write<void>("move_paragraph", { id, placement }),
  setKind: (id: ParagraphId, kind: ParagraphKind, parent: ParagraphId | null) =>
    write<void>("set_kind", { id, kind, parent }),
  setProposers: (id: ParagraphId, proposers: string[]) => write<void>("set_proposers", { id, proposers }),
  setNotes: (id: ParagraphId, notes: string) => write<void>("set_notes", { id, notes }),
  setFootnotes: (id: ParagraphId, footnotes: Footnote[]) => write<void>("set_footnotes", { id, footnotes }),
  bracketWords: (id: ParagraphId, start: number, end: number, holders: string[], reason: string) =>
    write<void>("bracket_words", { id, start, end, holders, reason }),
  resolveBracket: (id: ParagraphId, index: number, resolution: Resolution) =>
    write<void>("resolve_bracket", { id, index, resolution }),
  confirmSilence: (id: ParagraphId) => write<void>("confirm_silence", { id }),
  breakSilence: (id: ParagraphId, delegation: string) => write<void>("break_silence", { id, delegation }),

  // Delegations at the table: delegation mode, proposals, proposals files, the chair's decisions
  actingDelegation: () => call<string | null>("acting_delegation"),
  circulatedFor: () => call<string | null>("circulated_for"),
  /** Enters delegation mode for `delegation`, or returns to the chair's desk (null). */
  actAs: (delegation: string | null) => write<void>("act_as", { delegation }),
  /** Writes a copy of the file in delegation mode for `delegation`; its path, null if cancelled. */
  saveDelegationCopy: (delegation: string) =>
    call<string | null>("save_delegation_copy", { delegation }, "Saving a copy for the delegation"),
  propose: (delegation: string, request: ProposalRequest, note: string) =>
    write<ProposalId>("propose", { delegation, request, note }),
  proposals: () => call<ProposalRecord[]>("proposals"),
  withdrawProposal: (id: ProposalId) => write<void>("withdraw_proposal", { id }),
  setStance: (id: ProposalId, delegation: string, stance: Stance | null) =>
    write<void>("set_stance", { id, delegation, stance }),
  /** Writes the delegation's proposals file (save dialog); null if cancelled. */
  exportProposals: (delegation: string) =>
    call<ExportedFile | null>("export_proposals", { delegation }, "Exporting the proposals"),
  /** Imports the proposals files and returned Word files chosen in the open dialog; one outcome per
   * file (a Word file may need its authors mapped first), none if cancelled. */
  importProposals: () => write<ProposalsFileImport[]>("import_proposals", undefined, "Importing proposals"),
  /** Maps each Word author of a waiting Word file to a delegation (`[author, delegation]`), then
   * imports the file. */
  importWordFile: (fileName: string, authors: [string, string][]) =>
    write<ProposalsFileImport>("import_word_file", { fileName, authors }, "Importing the Word file"),
  compilation: () => call<Compilation>("compilation"),
  acceptProposal: (id: ProposalId) => write<void>("accept_proposal", { id }),
  rejectProposal: (id: ProposalId, reason: string) => write<void>("reject_proposal", { id, reason }),
  reopenProposal: (id: ProposalId) => write<void>("reopen_proposal", { id }),
  bracketProposals: (ids: ProposalId[], keepCurrent: boolean) =>
    write<void>("bracket_proposals", { ids, keepCurrent }),

  // The live session: the text on the room's screens, proposals back (links on `host`, the
  // address delegations reach; the listening address when null)
  startLiveSession: (listen: string, host: string | null) =>
    call<LiveSession>("start_live_session", { listen, host }, "Starting the live session"),
  revokeLiveLink: (role: Role, host: string | null) => call<LiveSession | null>("revoke_live_link", { role, host }),
  setLiveFocus: (paragraph: ParagraphId | null) => call<void>("set_live_focus", { paragraph }),
  stopLiveSession: () => call<void>("stop_live_session"),
  // A delegation joins another chair's session: the link is checked, then opened in a new window.
  joinLiveSession: (link: string) => call<JoinTarget>("join_live_session", { link }, "Opening the live session"),
  /** Calls `handler` each time a proposal from the room is in the file. */
  onLiveProposal: (handler: () => void): Promise<UnlistenFn> => listen<ProposalId>("live-proposal", () => handler()),

  // Rounds
  rounds: () => call<Round[]>("rounds"),
  closeRound: (close: CloseRound) => write<Round>("close_round", { close }, "Closing the round"),
  reopenRound: (reason: string) => write<Round>("reopen_round", { reason }, "Reopening the round"),
  reopenableRound: () => call<number | null>("reopenable_round"),
  diff: (from: number, to: number) => call<RoundDiff>("diff", { from, to }, "Comparing rounds"),
  history: (id: ParagraphId) => call<ParagraphHistory>("history", { id }),

  // Integrity: fingerprints of the closed rounds, per-round backups
  verify: () => call<Verification>("verify", undefined, "Verifying the record"),
  backups: () => call<Backup[]>("backups"),
  /** Restores round `round`'s backup as a new file (save dialog) and opens it; null if cancelled. */
  restoreBackup: (round: number) => call<OpenFile | null>("restore_backup", { round }, "Restoring the backup"),

  // Reports
  summary: (round: number | null) => call<StatusSummary>("summary", { round }),
  progress: () => call<RoundProgress[]>("progress"),
  checks: (round: number | null) => call<Warning[]>("checks", { round }),

  // Undo
  // Language versions
  languages: () => call<Language[]>("languages"),
  knownLanguages: () => call<Language[]>("known_languages"),
  addLanguage: (code: string) => write<Language>("add_language", { code }),
  setTranslation: (id: ParagraphId, code: string, text: string) => write<void>("set_translation", { id, code, text }),
  reviewTranslation: (id: ParagraphId, code: string) => write<void>("review_translation", { id, code }),
  languageStatuses: (round: number | null) => call<LanguageStatus[]>("language_statuses", { round }),
  sideBySide: (left: string, right: string, round: number | null) =>
    call<SideBySideView>("side_by_side", { left, right, round }, "Reading the languages"),
  planTranslation: (code: string, draft: ImportedDraft, corrections: TranslationCorrection[]) =>
    call<TranslationPlan>("plan_translation", { code, draft, corrections }, "Aligning the translation"),
  importTranslation: (code: string, draft: ImportedDraft, corrections: TranslationCorrection[]) =>
    write<TranslationPlan>("import_translation", { code, draft, corrections }, "Writing the translation"),

  undo: () => write<UndoOutcome>("undo"),
  redo: () => write<UndoOutcome>("redo"),
};
