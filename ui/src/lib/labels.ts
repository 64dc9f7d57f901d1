// Words shown for kinds and statuses. The lists of values come from the bindings' unions.

import type { ParagraphKind } from "../bindings/ParagraphKind";
import type { ProposalState } from "../bindings/ProposalState";
import type { Standing } from "../bindings/Standing";
import type { Status } from "../bindings/Status";
import type { StatusKind } from "../bindings/StatusKind";

export const KINDS: { kind: ParagraphKind; label: string; short: string }[] = [
  { kind: "opening_clause", label: "Opening clause", short: "Opening" },
  { kind: "preambular", label: "Preambular paragraph", short: "PP" },
  { kind: "verb_line", label: "Operative verb line", short: "Verb line" },
  { kind: "operative", label: "Operative paragraph", short: "OP" },
  { kind: "section_heading", label: "Section heading", short: "Section" },
  { kind: "sub_paragraph", label: "Sub-paragraph", short: "Sub" },
];

export function kindLabel(kind: ParagraphKind): string {
  return KINDS.find((k) => k.kind === kind)?.label ?? kind;
}

/** Statuses a user can set, in shortcut order (Alt+1 … Alt+5). */
export const SETTABLE: { state: Exclude<StatusKind, "deleted">; label: string; key: string }[] = [
  { state: "agreed", label: "Agreed", key: "1" },
  { state: "ad_referendum", label: "Ad referendum…", key: "2" },
  { state: "bracketed", label: "Bracketed", key: "3" },
  { state: "pending", label: "Pending", key: "4" },
  { state: "proposed", label: "Proposed", key: "5" },
];

export const STATUS_LABEL: Record<StatusKind, string> = {
  agreed: "Agreed",
  ad_referendum: "Ad referendum",
  bracketed: "Bracketed",
  pending: "Pending",
  proposed: "Proposed",
  deleted: "Deleted",
};

/** The badge text: "Ad ref. Canada, Mexico" names the delegations. */
export function statusText(status: Status): string {
  if (status.state === "ad_referendum") {
    return `Ad ref. ${status.delegations.join(", ")}`;
  }
  return STATUS_LABEL[status.state];
}

/** Which kind a paragraph inserted after one of `kind` should be. */
export function nextKind(kind: ParagraphKind): ParagraphKind {
  switch (kind) {
    case "opening_clause":
      return "preambular";
    case "verb_line":
    case "section_heading":
      return "operative";
    default:
      return kind;
  }
}

export function formatDate(iso: string): string {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A fingerprint as exports print it (the core's `Round::short_fingerprint`): its first 12 hex digits. */
export function shortFingerprint(fingerprint: string | null): string {
  return fingerprint?.slice(0, 12) ?? "";
}

/** How a proposal's state reads. */
export const PROPOSAL_STATE_LABEL: Record<ProposalState, string> = {
  open: "Open",
  accepted: "Accepted",
  rejected: "Rejected",
  bracketed: "Turned into alternatives",
  withdrawn: "Withdrawn",
};

/** Where an open proposal stands on the current text, in words; empty when it simply applies. */
export function standingText(standing: Standing): string {
  switch (standing.standing) {
    case "rebased":
      return "made on an earlier text; still applies";
    case "outdated":
      return `outdated: ${standing.reason}`;
    default:
      return "";
  }
}

/** "Canada", "Canada and Mexico", "Canada, Chile and Mexico". */
export function joinAnd(names: string[]): string {
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
