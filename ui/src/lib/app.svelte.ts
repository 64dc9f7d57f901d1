// The window's state and the actions the components call. Every edit goes through `api`, then the
// text is reloaded from the core: the core is the only source of truth (edits are saved at once).

import type { Compilation } from "../bindings/Compilation";
import type { CompiledProposal } from "../bindings/CompiledProposal";
import type { Delegation } from "../bindings/Delegation";
import type { DocumentView } from "../bindings/DocumentView";
import type { ImportedDraft } from "../bindings/ImportedDraft";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { LiveSession } from "../bindings/LiveSession";
import type { NumberedParagraph } from "../bindings/NumberedParagraph";
import type { OpenFile } from "../bindings/OpenFile";
import type { ParagraphKind } from "../bindings/ParagraphKind";
import type { ParagraphMarkup } from "../bindings/ParagraphMarkup";
import type { Placement } from "../bindings/Placement";
import type { ProposalRequest } from "../bindings/ProposalRequest";
import type { ProposalsFileImport } from "../bindings/ProposalsFileImport";
import type { Stance } from "../bindings/Stance";
import type { RecentFile } from "../bindings/RecentFile";
import type { RevisionCorrection } from "../bindings/RevisionCorrection";
import type { RevisionImport } from "../bindings/RevisionImport";
import type { RevisionPlan } from "../bindings/RevisionPlan";
import type { Role } from "../bindings/Role";
import type { Round } from "../bindings/Round";
import type { StatusChange } from "../bindings/StatusChange";
import type { StatusKind } from "../bindings/StatusKind";
import type { Warning } from "../bindings/Warning";
import { api } from "./api";
import { describe, isCode, type Notice } from "./errors";
import { nextKind } from "./labels";

export type Tab = "text" | "compare" | "dashboard" | "proposals" | "languages";

/** A revision matched to the open round, with the chair's corrections, before it is written. */
export type RevisionMatching = { draft: ImportedDraft; plan: RevisionPlan; corrections: RevisionCorrection[] };

/** What importing a revision did, in one line. */
export function revisionCounts(r: RevisionImport): string {
  const parts: [number, string][] = [
    [r.kept, "unchanged"],
    [r.amended, "amended"],
    [r.moved, "moved"],
    [r.added, "added"],
    [r.split, "split off"],
    [r.merged, "merged"],
    [r.deleted, "deleted"],
  ];
  return parts.map(([n, what]) => `${n} ${what}`).join(", ");
}

/** A returned Word file whose authors do not all speak for a delegation yet. */
export type AwaitingAuthors = Extract<ProposalsFileImport, { outcome: "needs_authors" }>;

/** A paragraph being written before it exists in the file. */
export interface Draft {
  kind: ParagraphKind;
  placement: Placement;
  parent: string | null;
  text: string;
}

/** The dialogs; one at a time. */
export type Modal =
  | { type: "new" }
  | { type: "meta" }
  | { type: "close_round" }
  /** Undo the last close, with a reason for the log. */
  | { type: "reopen_round"; round: number }
  | { type: "ad_referendum"; id: string }
  | { type: "bracket"; id: string; start: number; end: number; words: string }
  | { type: "reopen"; id: string; text: string; label: string }
  | { type: "delete"; id: string; label: string }
  | { type: "shortcuts" }
  /** Help ▸ About Accord: version, file format, licences. */
  | { type: "about" }
  /** File ▸ Export…; with `print`, File ▸ Print… (the export's PDF, opened to print). */
  | { type: "export"; print?: boolean }
  /** File ▸ Verify the record; File ▸ Backups (restore one as a new file). */
  | { type: "verify" }
  | { type: "backups" }
  /** A file is open in another window: offer to open it read-only. */
  | { type: "in_use"; detail: string }
  /** Choose a delegation: to work as it (delegation mode), or to save a copy of the file for it. */
  | { type: "choose_delegation"; purpose: "work_as" | "copy" }
  /** A delegation's comment on a paragraph (or the whole text when `id` is null). */
  | { type: "comment"; id: string | null; label: string }
  /** Who each author of a returned Word file speaks for, asked before the file is imported. */
  | { type: "word_authors"; file: AwaitingAuthors }
  /** The chair rejects a proposal, with a short reason. */
  | { type: "reject"; id: string; delegation: string; summary: string }
  /** File ▸ Live session: start it, hand out the join links, revoke, stop. */
  | { type: "live" }
  /** File ▸ Join a live session: a delegation opens the chair's session from its join link. */
  | { type: "join_live" }
  /** A draft could not be imported: the importer's message, nothing written. */
  | { type: "import_error"; code: string; title: string; detail: string };

/** The dialog of one type, with what it was opened with. */
export type ModalOf<T extends Modal["type"]> = Extract<Modal, { type: T }>;

export interface Toast {
  id: number;
  kind: "error" | "info";
  title: string;
  detail: string;
  code?: string;
}

export interface Filters {
  search: string;
  statuses: StatusKind[];
  delegation: string;
  showDeleted: boolean;
}

class App {
  file = $state<OpenFile | null>(null);
  recent = $state<RecentFile[]>([]);
  dialogsBypassed = $state(false);
  view = $state<DocumentView | null>(null);
  /** The drafting checks of the round shown. */
  warnings = $state<Warning[]>([]);
  /** A draft read from a file, under review before a negotiation is created from it. */
  importing = $state<ImportPreview | null>(null);
  rounds = $state<Round[]>([]);
  delegations = $state<Delegation[]>([]);
  /** The round shown in the text view; null = the open round. */
  viewingRound = $state<number | null>(null);
  tab = $state<Tab>("text");
  selectedId = $state<string | null>(null);
  /** The live session on the open file, while one runs. */
  live = $state<LiveSession | null>(null);
  editingId = $state<string | null>(null);
  draft = $state<Draft | null>(null);
  modal = $state<Modal | null>(null);
  toasts = $state<Toast[]>([]);
  /** The newcomer's greeting over the sample was put away for this session. */
  sampleGreeted = $state(false);
  /** Shows the numbers the clean text will print instead of the working ones ("8." for OP7bis). */
  cleanNumbers = $state(false);
  filters = $state<Filters>({ search: "", statuses: [], delegation: "", showDeleted: false });
  /** The delegation this file works for (delegation mode); null at the chair's desk. */
  acting = $state<string | null>(null);
  /** The delegation this file is a circulated copy for: it never becomes the chair's desk. */
  circulated = $state<string | null>(null);
  /** The proposals on the open round's text, per paragraph, with where each stands. */
  compilation = $state<Compilation | null>(null);
  /** Bumped after every change so views that load their own data (dashboard, comparison) reload. */
  revision = $state(0);
  #toastId = 0;
  /** Returned Word files still to ask about, after the one the authors dialog shows. */
  #awaitingAuthors: AwaitingAuthors[] = [];

  readonly paragraphs: NumberedParagraph[] = $derived(this.view?.document.paragraphs ?? []);
  readonly markup: Map<string, ParagraphMarkup> = $derived(
    new Map((this.view?.markup ?? []).map((m) => [m.id, m])),
  );
  /** The proposals shown under each paragraph of the open round: open ones, and in delegation
   * mode also the delegation's own decided ones (so it sees what became of them). */
  readonly suggestions: Map<string, CompiledProposal[]> = $derived.by(() => {
    const map = new Map<string, CompiledProposal[]>();
    if (this.viewingClosed) return map;
    for (const entry of this.compilation?.entries ?? []) {
      if (!entry.paragraph) continue;
      const shown = entry.proposals.filter(
        (c) => c.record.state === "open" || (c.record.proposal.delegation === this.acting && c.record.state !== "withdrawn"),
      );
      if (shown.length) map.set(entry.paragraph.id, shown);
    }
    return map;
  });
  readonly openRound: Round | undefined = $derived(this.rounds.find((r) => r.state === "open"));
  /** The file itself is open read-only (another window writes to it). */
  readonly fileReadOnly: boolean = $derived(this.file?.read_only ?? false);
  /** A closed round is shown: its text is frozen. */
  readonly viewingClosed: boolean = $derived(
    this.viewingRound !== null && this.viewingRound !== this.openRound?.number,
  );
  /** Nothing can be changed: a read-only file or a closed round. */
  readonly readOnly: boolean = $derived(this.fileReadOnly || this.viewingClosed);
  readonly selected: NumberedParagraph | undefined = $derived(
    this.paragraphs.find((p) => p.id === this.selectedId),
  );
  /** Paragraphs the find filters let through, in document order. */
  readonly visible: NumberedParagraph[] = $derived(this.paragraphs.filter((p) => this.#matches(p)));
  readonly filtering: boolean = $derived(
    this.filters.search.trim() !== "" || this.filters.statuses.length > 0 || this.filters.delegation !== "",
  );

  #matches(p: NumberedParagraph): boolean {
    const f = this.filters;
    if (p.status.state === "deleted" && !f.showDeleted && !f.statuses.includes("deleted")) return false;
    if (f.statuses.length && !f.statuses.includes(p.status.state)) return false;
    const q = f.search.trim().toLowerCase();
    if (q && !`${p.text} ${p.label} ${p.notes}`.toLowerCase().includes(q)) return false;
    if (f.delegation && !this.involves(p, f.delegation)) return false;
    return true;
  }

  /** Whether a delegation proposed, holds, awaits or reserved on a paragraph. */
  involves(p: NumberedParagraph, delegation: string): boolean {
    if (p.proposers.includes(delegation)) return true;
    if (p.status.state === "ad_referendum" && p.status.delegations.includes(delegation)) return true;
    if (p.footnotes.some((f) => f.delegation === delegation)) return true;
    const holds = (groups: { holders: string[]; nested: typeof groups }[]): boolean =>
      groups.some((g) => g.holders.includes(delegation) || holds(g.nested));
    return holds(this.markup.get(p.id)?.brackets ?? []);
  }

  // ---- loading -------------------------------------------------------------------------------

  async start() {
    try {
      const session = await api.session();
      this.file = session.file;
      this.recent = session.recent;
      this.dialogsBypassed = session.dialogs_bypassed;
      if (session.startup_error) this.fileError(session.startup_error);
      if (this.file) await this.reload();
    } catch (e) {
      this.error(e);
    }
    void api.onLiveProposal(() => this.#proposalFromTheRoom());
    void this.#announceUpdate();
  }

  /** A delegation's proposal arrived through the live session: it shows in Proposals at once. */
  async #proposalFromTheRoom() {
    await this.reload();
    this.info("A proposal from the room", "It is in Proposals, attributed to its delegation.");
  }

  /** Starts the live session on the open file, listening on `listen` only. */
  async startLive(listen: string, host: string | null) {
    try {
      this.live = await api.startLiveSession(listen, host);
      await api.setLiveFocus(this.selectedId);
    } catch (e) {
      this.error(e);
    }
  }

  async stopLive() {
    await this.act(() => api.stopLiveSession());
    this.live = null;
  }

  /** Revokes a delegation's (or the observers') links: their screens close. */
  async revokeLive(role: Role, host: string | null) {
    try {
      this.live = await api.revokeLiveLink(role, host);
    } catch (e) {
      this.error(e);
    }
  }

  /** Says once, at start, that IT's update server offers a newer Accord (off without a server). */
  async #announceUpdate() {
    const check = await api.checkForUpdate().catch(() => null);
    if (check?.available) this.info(`Accord ${check.available} is available`, "Help ▸ About Accord installs it.");
  }

  /** Reloads the text, rounds and roster from the core. */
  async reload() {
    if (!this.file) {
      this.view = null;
      return;
    }
    const [rounds, reopenable, delegations, acting, circulated, compilation] = await Promise.all([
      api.rounds(),
      api.reopenableRound(),
      api.delegations(),
      api.actingDelegation(),
      api.circulatedFor(),
      this.#loadCompilation(),
    ]);
    this.rounds = rounds;
    this.reopenable = reopenable;
    this.delegations = delegations;
    this.acting = acting;
    this.circulated = circulated;
    this.compilation = compilation;
    const open = rounds.find((r) => r.state === "open")?.number;
    if (this.viewingRound !== null && (this.viewingRound === open || !rounds.some((r) => r.number === this.viewingRound))) {
      this.viewingRound = null;
    }
    const [view, warnings] = await Promise.all([api.document(this.viewingRound), api.checks(this.viewingRound)]);
    this.view = view;
    this.warnings = warnings;
    if (this.selectedId && !this.view.document.paragraphs.some((p) => p.id === this.selectedId)) {
      this.selectedId = null;
    }
    this.revision++;
  }

  /** The compilation, read only when the file holds proposals (it reads the whole text again). */
  async #loadCompilation(): Promise<Compilation | null> {
    return (await api.proposals()).length ? api.compilation() : null;
  }

  async refreshFile() {
    const session = await api.session();
    this.file = session.file;
    this.recent = session.recent;
  }

  /** Runs an edit, then reloads; errors become toasts. Returns whether it succeeded. */
  async act(edit: () => Promise<unknown>): Promise<boolean> {
    try {
      await edit();
      await this.reload();
      await this.refreshFile();
      return true;
    } catch (e) {
      this.error(e);
      return false;
    }
  }

  /** Opens the file `file` resolves to; returns whether one was opened. */
  async switchTo(file: Promise<OpenFile | null>): Promise<boolean> {
    try {
      const opened = await file;
      if (!opened) return false;
      this.file = opened;
      this.live = null;
      this.viewingRound = null;
      this.selectedId = null;
      this.editingId = null;
      this.draft = null;
      this.tab = "text";
      await this.reload();
      await this.refreshFile();
      this.info(opened.read_only ? "Opened read-only" : "Opened", opened.title);
      return true;
    } catch (e) {
      this.fileError(e);
      return false;
    }
  }

  /** An error opening a file: one in use elsewhere may be opened read-only instead. */
  fileError(e: unknown) {
    const n = describe(e);
    if (n.code === "in_use") this.modal = { type: "in_use", detail: n.detail };
    else this.error(e);
  }

  // ---- import --------------------------------------------------------------------------------

  /** Reads a draft chosen in the open dialog into the preview; bad input shows why, writes nothing. */
  async startImport() {
    try {
      const preview = await api.importPreview();
      if (preview) {
        this.modal = null;
        this.importing = preview;
      }
    } catch (e) {
      const n = describe(e);
      this.modal = { type: "import_error", code: n.code, title: n.title, detail: n.detail };
    }
  }

  /** The round the last close froze, while nothing has happened since and it can be reopened. */
  reopenable = $state<number | null>(null);
  /** Where the paragraphs of a long paste go once reviewed; null when the preview is an import. */
  pasteAt = $state<Placement | null>(null);

  /** Splits a long paste into paragraphs through the import preview, to insert at `placement`. */
  async splitPaste(text: string, placement: Placement) {
    try {
      const preview = await api.readPasted(text);
      // Pasted text is new in the round: proposed, unless the paste itself marks statuses.
      if (preview.draft.paragraphs.every((p) => p.status.state === "agreed")) {
        for (const p of preview.draft.paragraphs) p.status = { state: "proposed" };
      }
      this.editingId = null;
      this.draft = null;
      this.pasteAt = placement;
      this.importing = preview;
    } catch (e) {
      this.error(e);
    }
  }

  /** Inserts the reviewed paragraphs of a paste where it was made. */
  async insertPasted(draft: ImportedDraft) {
    const at = this.pasteAt;
    if (!at) return;
    if (await this.act(() => api.insertImported(draft, at))) {
      this.closeImport();
      this.info(`${draft.paragraphs.length} paragraphs inserted`, "Ctrl+Z takes them out again.");
    }
  }

  /** Leaves the import preview without writing anything. */
  closeImport() {
    this.importing = null;
    this.pasteAt = null;
  }

  /** Creates a negotiation from the reviewed draft and opens it. */
  async createFromImport(draft: ImportedDraft) {
    if (await this.switchTo(api.createFromImport(draft))) this.importing = null;
  }

  /** The revision being matched to the open round, before it is written. */
  matching = $state<RevisionMatching | null>(null);

  /** Matches the reviewed draft to the open round's text and shows the matching to the chair. */
  async matchRevision(draft: ImportedDraft) {
    try {
      const plan = await api.planRevision(draft, []);
      this.matching = { draft, plan, corrections: [] };
    } catch (e) {
      this.error(e);
    }
  }

  /** Corrects the match of one paragraph of the revision (`of` null: new; undefined: automatic). */
  async correctMatch(index: number, of: string | null | undefined) {
    const m = this.matching;
    if (!m) return;
    const corrections = m.corrections.filter((c) => c.index !== index);
    if (of !== undefined) corrections.push({ index, of });
    try {
      this.matching = { ...m, plan: await api.planRevision(m.draft, corrections), corrections };
    } catch (e) {
      this.error(e);
    }
  }

  /** Takes the matched revision as the open round's new text; says what changed. */
  async importRevision() {
    const m = this.matching;
    if (!m) return;
    try {
      const r = await api.importRevision(m.draft, m.corrections);
      this.matching = null;
      this.importing = null;
      await this.reload();
      this.info("Revision imported into the open round", revisionCounts(r));
    } catch (e) {
      this.error(e);
    }
  }

  // ---- notices -------------------------------------------------------------------------------

  error(e: unknown) {
    const n: Notice = describe(e);
    this.#push({ kind: "error", title: n.title, detail: n.detail, code: n.code });
  }

  info(title: string, detail = "") {
    this.#push({ kind: "info", title, detail });
  }

  #push(t: Omit<Toast, "id">) {
    const toast = { ...t, id: ++this.#toastId };
    this.toasts = [...this.toasts.slice(-3), toast];
    setTimeout(() => this.dismiss(toast.id), t.kind === "error" ? 9000 : 3500);
  }

  dismiss(id: number) {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  // ---- paragraphs ----------------------------------------------------------------------------

  select(id: string | null) {
    this.selectedId = id;
  }

  /** Selects the paragraph `delta` places away among the visible ones. */
  step(delta: number) {
    const list = this.visible;
    if (!list.length) return;
    const i = list.findIndex((p) => p.id === this.selectedId);
    const next = i < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, i + delta));
    this.selectedId = list[next].id;
  }

  startEdit(id: string) {
    if (this.readOnly) return;
    this.selectedId = id;
    this.editingId = id;
  }

  async saveText(id: string, text: string) {
    const p = this.paragraphs.find((q) => q.id === id);
    if (!p) return;
    if (p.text === text) {
      this.editingId = null;
      return;
    }
    if (this.modal?.type === "reopen" && this.modal.id === id) return;
    if (this.acting) {
      if (await this.propose({ type: "amend", paragraph: id, text }, `Amendment to ${p.label}`)) this.editingId = null;
      return;
    }
    try {
      await api.editText(id, text, null);
      this.editingId = null;
      await this.reload();
      await this.refreshFile();
    } catch (e) {
      if (isCode(e, "agreed_text_protected")) {
        this.modal = { type: "reopen", id, text, label: p.label };
      } else {
        this.error(e);
      }
    }
  }

  async reopenAndSave(id: string, text: string, reason: string) {
    if (await this.act(() => api.editText(id, text, reason))) {
      this.editingId = null;
      this.modal = null;
    }
  }

  /** Opens a draft paragraph next to `id` (or at the end). */
  startInsert(where: "before" | "after" | "end", id: string | null, kind?: ParagraphKind) {
    if (this.readOnly) return;
    const ref = this.paragraphs.find((p) => p.id === id);
    const chosen = kind ?? (ref ? nextKind(ref.kind) : "preambular");
    const placement: Placement =
      where === "end" || !id ? { at: "end" } : where === "before" ? { at: "before", id } : { at: "after", id };
    const parent = chosen === "sub_paragraph" ? (ref?.kind === "sub_paragraph" ? ref.parent : (ref?.id ?? null)) : null;
    this.editingId = null;
    this.draft = { kind: chosen, placement, parent, text: "" };
  }

  async saveDraft(text: string) {
    const d = this.draft;
    if (!d) return;
    if (!text.trim()) {
      this.draft = null;
      return;
    }
    if (this.acting) {
      if (await this.propose({ type: "insert", kind: d.kind, text, after: this.#insertedAfter(d.placement) }, "New paragraph"))
        this.draft = null;
      return;
    }
    try {
      const id = await api.insertParagraph({
        kind: d.kind,
        text,
        parent: d.parent,
        placement: d.placement,
        alternative_to: null,
        proposers: [],
      });
      this.draft = null;
      this.selectedId = id;
      await this.reload();
      await this.refreshFile();
    } catch (e) {
      this.error(e);
    }
  }

  /** The paragraph a new paragraph placed at `placement` follows (null: at the start or the end). */
  #insertedAfter(placement: Placement): string | null {
    const list = this.paragraphs.filter((p) => p.status.state !== "deleted");
    if (placement.at === "after") return placement.id;
    if (placement.at === "before") return list[list.findIndex((p) => p.id === placement.id) - 1]?.id ?? null;
    return list[list.length - 1]?.id ?? null;
  }

  async setStatus(id: string, state: Exclude<StatusKind, "deleted">) {
    if (this.readOnly) return;
    if (state === "ad_referendum") {
      this.modal = { type: "ad_referendum", id };
      return;
    }
    await this.act(() => api.setStatus(id, { state } as StatusChange));
  }

  /** Moves the selected paragraph one place up or down among the paragraphs of the round. */
  async moveBy(id: string, delta: -1 | 1) {
    if (this.readOnly) return;
    const list = this.paragraphs.filter((p) => p.status.state !== "deleted");
    const i = list.findIndex((p) => p.id === id);
    const target = list[i + delta];
    if (i < 0 || !target) return;
    const placement: Placement = delta < 0 ? { at: "before", id: target.id } : { at: "after", id: target.id };
    await this.act(() => api.moveParagraph(id, placement));
  }

  // ---- delegations at the table ---------------------------------------------------------------

  /** Says, in a delegation's copy, that what a key asked for is done at the chair's desk. */
  chairsAlone(what: string) {
    this.info(
      `${what} at the chair's desk`,
      `In ${this.acting}'s copy, ask the chair through the status menu: "Ask the chair, for ${this.acting}…".`,
    );
  }

  /** Records a proposal of the acting delegation; says so. Returns whether it was recorded. */
  async propose(request: ProposalRequest, what: string, note = ""): Promise<boolean> {
    const delegation = this.acting;
    if (!delegation) return false;
    const ok = await this.act(() => api.propose(delegation, request, note));
    if (ok) this.info(`${what}: proposed by ${delegation}`, "The text is unchanged; the chair decides.");
    return ok;
  }

  /** Enters delegation mode (a delegation's name) or returns to the chair's desk (null). */
  async workAs(delegation: string | null) {
    this.editingId = null;
    this.draft = null;
    if (await this.act(() => api.actAs(delegation))) {
      this.info(delegation ? `Working as ${delegation}` : "Back at the chair's desk");
    }
  }

  /** Saves a copy of the file for a delegation to work on, in delegation mode; the window stays. */
  async saveDelegationCopy(delegation: string) {
    try {
      const path = await api.saveDelegationCopy(delegation);
      if (path) this.info(`Copy saved for ${delegation}`, path);
    } catch (e) {
      this.error(e);
    }
  }

  /** Writes the acting delegation's proposals file for the chair. */
  async exportProposals() {
    if (!this.acting) return;
    try {
      const file = await api.exportProposals(this.acting);
      if (file) this.info("Proposals exported", file.file_name);
    } catch (e) {
      this.error(e);
    }
  }

  /** Imports delegations' proposals files and returned Word files at the chair's desk and shows
   * the compilation; a Word file whose authors speak for no delegation yet asks who they speak for. */
  async importProposals() {
    this.#awaitingAuthors = [];
    try {
      this.#reportImports(await api.importProposals());
    } catch (e) {
      this.error(e);
    } finally {
      // The import is one undoable step: the file's undo state changes with it.
      await Promise.all([this.reload(), this.refreshFile()]).catch((e) => this.error(e));
    }
  }

  /** Imports a waiting Word file with the delegation each author speaks for (`[author, delegation]`). */
  async importWordFile(fileName: string, authors: [string, string][]) {
    this.modal = null;
    try {
      this.#reportImports([await api.importWordFile(fileName, authors)]);
    } catch (e) {
      this.error(e);
      this.#askAuthors();
    } finally {
      // The import is one undoable step: the file's undo state changes with it.
      await Promise.all([this.reload(), this.refreshFile()]).catch((e) => this.error(e));
    }
  }

  /** Leaves the Word file the authors dialog shows unimported, and asks about the next one. */
  skipWordFile() {
    this.modal = null;
    this.#askAuthors();
  }

  /** Tells what the imported files brought, then asks about the first Word file awaiting its authors. */
  #reportImports(outcomes: ProposalsFileImport[]) {
    const imported = outcomes.flatMap((o) => (o.outcome === "imported" ? [o] : []));
    this.#awaitingAuthors.push(...outcomes.flatMap((o) => (o.outcome === "needs_authors" ? [o] : [])));
    if (imported.length) {
      const reports = imported.map((o) => o.report);
      const files = imported.map((o) => o.file_name).join(", ");
      const added = reports.reduce((n, r) => n + r.added, 0);
      const present = reports.reduce((n, r) => n + r.already_present, 0);
      const withdrawn = reports.reduce((n, r) => n + r.withdrawn, 0);
      const positions = reports.reduce((n, r) => n + r.stances, 0);
      const skipped = reports.reduce((n, r) => n + r.skipped.length, 0);
      const from = [...new Set(reports.flatMap((r) => r.delegations))].join(", ");
      const stale = reports.some((r) => !r.fingerprint_matches);
      this.tab = "proposals";
      const unmatched = skipped
        ? `${skipped} changed paragraph${skipped === 1 ? "" : "s"} matched no paragraph of the text`
        : "";
      const also = [
        withdrawn ? `${withdrawn} withdrawn by ${from}` : "",
        positions ? `${positions} position${positions === 1 ? "" : "s"} on others' proposals recorded` : "",
      ].filter(Boolean);
      if (added) {
        const notes = [
          `From ${files}`,
          present ? `${present} already imported` : "",
          ...also,
          stale ? "some were made on an earlier text: check the ones marked outdated" : "",
          unmatched,
        ];
        this.info(`${added} new proposal${added === 1 ? "" : "s"} from ${from}`, notes.filter(Boolean).join("; "));
      } else if (also.length) {
        this.info(`No new proposals from ${from}`, `${also.join("; ")} (${files}).`);
      } else if (present) {
        this.info("Nothing new", `Every proposal from ${from} in ${files} was already imported.`);
      } else {
        this.info("No proposals found", unmatched ? `In ${files}, ${unmatched}.` : `${files} holds no proposals.`);
      }
    }
    this.#askAuthors();
  }

  #askAuthors() {
    const next = this.#awaitingAuthors.shift();
    if (next) this.modal = { type: "word_authors", file: next };
  }

  async acceptProposal(id: string) {
    if (await this.act(() => api.acceptProposal(id))) this.info("Proposal accepted", "Ctrl+Z undoes.");
  }

  async rejectProposal(id: string, reason: string) {
    if (await this.act(() => api.rejectProposal(id, reason))) this.modal = null;
  }

  async reopenProposal(id: string) {
    await this.act(() => api.reopenProposal(id));
  }

  /** Turns competing amendments into one bracket of alternatives [A / B]. */
  async bracketProposals(ids: string[], keepCurrent: boolean): Promise<boolean> {
    const ok = await this.act(() => api.bracketProposals(ids, keepCurrent));
    if (ok) this.info("Alternatives bracketed", "Ctrl+Z undoes.");
    return ok;
  }

  async withdrawProposal(id: string) {
    if (await this.act(() => api.withdrawProposal(id))) {
      this.info("Proposal withdrawn", "It reaches the chair with your next proposals file. Ctrl+Z brings it back.");
    }
  }

  /** The acting delegation supports or opposes another's proposal; the same stance again clears it. */
  async takeStance(id: string, stance: Stance, current: Stance | null) {
    const delegation = this.acting;
    if (!delegation) return;
    await this.act(() => api.setStance(id, delegation, current === stance ? null : stance));
  }

  async undo() {
    try {
      const out = await api.undo();
      await this.reload();
      await this.refreshFile();
      this.info(out.action ? `Undone: ${out.action.replaceAll("_", " ")}` : "Nothing to undo");
    } catch (e) {
      this.error(e);
    }
  }

  async redo() {
    try {
      const out = await api.redo();
      await this.reload();
      await this.refreshFile();
      this.info(out.action ? `Redone: ${out.action.replaceAll("_", " ")}` : "Nothing to redo");
    } catch (e) {
      this.error(e);
    }
  }
}

export const app = new App();

/** Whether a paragraph is agreed (or ad referendum): changing, bracketing or deleting it reopens
 * it, with a reason. */
export function needsReopening(id: string): boolean {
  const state = app.paragraphs.find((p) => p.id === id)?.status.state;
  return state === "agreed" || state === "ad_referendum";
}
