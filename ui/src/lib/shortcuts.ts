// The keyboard map: one table that App.svelte's key handler runs and the shortcut sheet (?) shows,
// so that a key cannot work without being listed, nor be listed without working.

import { api } from "./api";
import { app } from "./app.svelte";
import { SETTABLE } from "./labels";
import { selectionOffsets } from "./text";

/** A key press as the bindings read it. */
export interface Press {
  e: KeyboardEvent;
  ctrl: boolean;
  /** `e.key`, lower case when it is one character. */
  key: string;
  /** The digit row by position (layout-independent), else the digit typed; "" for others. */
  digit: string;
}

/** Where a binding works: while typing in a field too, anywhere else, or in the text view only. */
export type Scope = "always" | "outside_fields" | "text";

export interface Shortcut {
  keys: string[];
  what: string;
  scope: Scope;
  /** The chair's alone: in delegation mode the key says so instead. */
  chairOnly?: boolean;
  matches: (p: Press) => boolean;
  run: (p: Press) => void;
}

const ctrlKey = (key: string, shift = false) => (p: Press) => p.ctrl && p.e.shiftKey === shift && p.key === key;
const plain = (...keys: string[]) => (p: Press) => !p.ctrl && !p.e.altKey && keys.includes(p.e.key);
const tabs = ["text", "compare", "dashboard", "proposals", "languages"] as const;

/** Runs a chair's action, or says in delegation mode that it is the chair's. */
function chairs(what: string, run: () => void) {
  if (app.acting) app.chairsAlone(what);
  else run();
}

function status(n: number): Shortcut {
  const choice = SETTABLE[n - 1];
  return {
    keys: [`Alt+${n}`],
    what: n === 2 ? "Agreed ad referendum of…" : (choice?.label ?? ""),
    scope: "text",
    chairOnly: true,
    matches: (p) => p.e.altKey && !p.ctrl && p.digit === String(n),
    run: () => chairs("Statuses are set", () => app.selectedId && choice && app.setStatus(app.selectedId, choice.state)),
  };
}

export const SHORTCUTS: { group: string; items: Shortcut[] }[] = [
  {
    group: "Moving around",
    items: [
      {
        keys: ["↑", "↓", "k", "j"],
        what: "Select the previous / next paragraph",
        scope: "text",
        matches: (p) => !p.ctrl && !p.e.altKey && ["ArrowUp", "ArrowDown", "k", "j"].includes(p.e.key),
        run: (p) => app.step(p.e.key === "ArrowUp" || p.e.key === "k" ? -1 : 1),
      },
      ...tabs.map(
        (tab, i): Shortcut => ({
          keys: [`Ctrl+${i + 1}`],
          what: ["The text", "Compare rounds", "Dashboard", "Proposals", "Languages"][i],
          scope: "always",
          matches: (p) => p.ctrl && !p.e.altKey && p.digit === String(i + 1),
          run: () => (app.tab = tab),
        }),
      ),
      {
        keys: ["Ctrl+F"],
        what: "Find in the text (Enter / Shift+Enter step through what it finds)",
        scope: "always",
        matches: ctrlKey("f"),
        run: () => {
          app.tab = "text";
          document.getElementById("find-search")?.focus();
        },
      },
      { keys: ["Esc"], what: "Cancel editing, close a dialog", scope: "text", matches: plain("Escape"), run: () => app.select(null) },
      { keys: ["?"], what: "This sheet", scope: "outside_fields", matches: (p) => p.e.key === "?", run: () => (app.modal = { type: "shortcuts" }) },
    ],
  },
  {
    group: "Editing",
    items: [
      {
        keys: ["Enter", "F2"],
        what: "Edit the selected paragraph (Enter saves, Esc cancels)",
        scope: "text",
        matches: plain("Enter", "F2"),
        run: () => app.selectedId && app.startEdit(app.selectedId),
      },
      {
        keys: ["Ctrl+Enter"],
        what: "Insert a paragraph after",
        scope: "text",
        matches: (p) => p.ctrl && !p.e.shiftKey && p.e.key === "Enter",
        run: () => (app.selectedId ? app.startInsert("after", app.selectedId) : app.startInsert("end", null)),
      },
      {
        keys: ["Ctrl+Shift+Enter"],
        what: "Insert a paragraph before",
        scope: "text",
        matches: (p) => p.ctrl && p.e.shiftKey && p.e.key === "Enter",
        run: () => (app.selectedId ? app.startInsert("before", app.selectedId) : app.startInsert("end", null)),
      },
      {
        keys: ["Alt+↑", "Alt+↓"],
        what: "Move the paragraph up / down",
        scope: "text",
        chairOnly: true,
        matches: (p) => p.e.altKey && (p.e.key === "ArrowUp" || p.e.key === "ArrowDown"),
        run: (p) => chairs("Paragraphs are moved", () => app.selectedId && app.moveBy(app.selectedId, p.e.key === "ArrowUp" ? -1 : 1)),
      },
      {
        keys: ["Delete"],
        what: "Delete the paragraph",
        scope: "text",
        matches: plain("Delete"),
        run: () => {
          const p = app.selected;
          if (p && !app.readOnly && p.status.state !== "deleted") app.modal = { type: "delete", id: p.id, label: p.label };
        },
      },
      {
        keys: ["Ctrl+K"],
        what: "Change the paragraph's kind",
        scope: "text",
        matches: ctrlKey("k"),
        run: () => document.getElementById("inspector-kind")?.focus(),
      },
      {
        keys: ["Ctrl+B"],
        what: "Bracket the selected words",
        scope: "text",
        matches: ctrlKey("b"),
        run: () => !app.readOnly && bracketSelection(),
      },
      { keys: ["Ctrl+Z"], what: "Undo", scope: "outside_fields", matches: ctrlKey("z"), run: () => app.undo() },
      {
        keys: ["Ctrl+Shift+Z", "Ctrl+Y"],
        what: "Redo",
        scope: "outside_fields",
        matches: (p) => ctrlKey("z", true)(p) || ctrlKey("y")(p),
        run: () => app.redo(),
      },
    ],
  },
  { group: "Status", items: [1, 2, 3, 4, 5].map(status) },
  {
    group: "Files and rounds",
    items: [
      { keys: ["Ctrl+N"], what: "New negotiation", scope: "always", matches: ctrlKey("n"), run: () => (app.modal = { type: "new" }) },
      { keys: ["Ctrl+O"], what: "Open a negotiation", scope: "always", matches: ctrlKey("o"), run: () => app.switchTo(api.openNegotiation()) },
      { keys: ["Ctrl+Shift+S"], what: "Save a copy as…", scope: "always", matches: ctrlKey("s", true), run: () => app.switchTo(api.saveAs()) },
      { keys: ["Ctrl+I"], what: "Import a draft (text, Word, Akoma Ntoso)", scope: "always", matches: ctrlKey("i"), run: () => app.startImport() },
      { keys: ["Ctrl+E"], what: "Export…", scope: "always", matches: ctrlKey("e"), run: () => (app.modal = { type: "export" }) },
      {
        keys: ["Ctrl+P"],
        what: "Print the clean or working text…",
        scope: "always",
        matches: ctrlKey("p"),
        run: () => (app.modal = { type: "export", print: true }),
      },
      {
        keys: ["Ctrl+Shift+R"],
        what: "Close the round",
        scope: "always",
        chairOnly: true,
        matches: ctrlKey("r", true),
        run: () => chairs("Rounds are closed", () => !app.fileReadOnly && (app.modal = { type: "close_round" })),
      },
    ],
  },
];

/** The binding a key press in `scope` calls for, if any. */
export function binding(p: Press, inField: boolean): Shortcut | undefined {
  const allowed = (s: Shortcut) =>
    s.scope === "always" || (!inField && (s.scope === "outside_fields" || app.tab === "text"));
  return SHORTCUTS.flatMap((g) => g.items).find((s) => allowed(s) && s.matches(p));
}

/** Ctrl+B outside an editor: bracket the words selected in a paragraph's text. */
function bracketSelection() {
  const sel = window.getSelection();
  const node = sel?.anchorNode;
  const el = (node instanceof Element ? node : node?.parentElement)?.closest<HTMLElement>("[data-testid=paragraph]");
  const textEl = el?.querySelector<HTMLElement>("[data-testid=paragraph-text]");
  const id = el?.dataset.id;
  const range = textEl ? selectionOffsets(textEl) : null;
  if (!id || !textEl || !range) {
    app.info("Select words first", "Select words in a paragraph, then press Ctrl+B.");
    return;
  }
  const words = Array.from(textEl.textContent ?? "").slice(range.start, range.end).join("");
  app.select(id);
  app.modal = { type: "bracket", id, start: range.start, end: range.end, words };
}
