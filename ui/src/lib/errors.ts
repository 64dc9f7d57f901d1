// Readable messages for command errors. The UI decides by `code` (stable), never by message text;
// the message from the core is shown as the detail.

import type { AnyErrorCode } from "../bindings/AnyErrorCode";
import { ApiError, toApiError } from "./api";

export interface Notice {
  title: string;
  detail: string;
  code: AnyErrorCode;
}

/** A title for every code the core and the app can fail with: a new code without one does not compile. */
const TITLES: Record<AnyErrorCode, string> = {
  agreed_text_protected: "Agreed text is protected",
  brackets_remain: "Brackets remain in this paragraph",
  unbalanced_brackets: "The brackets do not balance",
  bracket: "Could not place the bracket",
  round_closed: "This round is closed",
  round_cannot_reopen: "The close stands",
  unknown_round: "No such round",
  unknown_language: "Not a language of this negotiation",
  unknown_paragraph: "The paragraph no longer exists",
  unknown_delegation: "Unknown delegation",
  duplicate_delegation: "Delegation already on the roster",
  no_delegations: "Name at least one delegation",
  not_ad_referendum: "Not agreed ad referendum",
  no_silence_procedure: "No silence procedure runs",
  silence_not_over: "The silence procedure is still running",
  in_use: "The file is open elsewhere",
  read_only: "The file is open read-only",
  tampered: "The file was changed outside Accord",
  not_a_negotiation: "Not an Accord file",
  newer_schema: "Made by a newer Accord",
  corrupt: "The file is damaged",
  migration: "Could not upgrade the file",
  database: "The file could not be written",
  io: "Could not read or write the file",
  invalid: "Not possible",
  // Delegations at the table
  delegation_mode: "This copy works for a delegation",
  circulated_copy: "This is a delegation's copy",
  own_export: "This is one of Accord's own exports",
  unverified_proposals: "The file's sender cannot be verified",
  unknown_proposal: "The proposal no longer exists",
  proposal_decided: "The proposal is already decided",
  proposals_file: "Not a proposals file",
  foreign_proposals: "Proposals for another negotiation",
  unmapped_authors: "Some Word authors speak for no delegation",
  not_awaiting_authors: "Import the Word file again",
  no_open_proposals: "You have no open proposals to send",
  // Import: nothing is written.
  empty: "The file is empty",
  binary: "Not a text document",
  too_large: "The file is too large",
  no_draft_found: "No draft found in the file",
  not_docx: "Not a Word document",
  not_akoma_ntoso: "Not an Akoma Ntoso document",
  malformed: "The file is damaged",
  unreadable: "The file cannot be read",
  no_text_layer: "The PDF holds no text",
  // Export
  export_refused: "Not ready to export as the final text",
  tool_missing: "A program is missing",
  export: "The export failed",
  no_file_open: "No negotiation is open",
  dialog: "The file dialog failed",
  not_recent: "Open it through the Open dialog",
  file_missing: "The file no longer exists",
  nothing_in_use: "Nothing to open read-only",
  no_backup: "No backup of that round",
  update_setting: "The update setting is not usable",
  update_failed: "The update failed",
  session_token: "The join link is not valid",
  join_link: "Not a join link",
  session_forbidden: "Not allowed in this session",
  rate_limited: "Too many messages at once",
  no_live_session: "No live session runs",
  internal: "Something went wrong",
};

export function describe(e: unknown): Notice {
  const err = toApiError(e);
  return { code: err.code, title: TITLES[err.code] ?? "Something went wrong", detail: err.message };
}

export function isCode(e: unknown, code: AnyErrorCode): boolean {
  return e instanceof ApiError && e.code === code;
}
