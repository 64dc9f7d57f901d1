// The keyboard map, shown by the shortcut sheet (?) and implemented in App.svelte's handler.

export interface Shortcut {
  keys: string[];
  what: string;
  /** The chair's alone: off in delegation mode, where the delegation proposes instead. */
  chairOnly?: boolean;
}

export const SHORTCUTS: { group: string; items: Shortcut[] }[] = [
  {
    group: "Moving around",
    items: [
      { keys: ["↑", "↓"], what: "Select the previous / next paragraph" },
      { keys: ["Ctrl+1"], what: "The text" },
      { keys: ["Ctrl+2"], what: "Compare rounds" },
      { keys: ["Ctrl+3"], what: "Dashboard" },
      { keys: ["Ctrl+4"], what: "Proposals" },
      { keys: ["Ctrl+F"], what: "Find in the text" },
      { keys: ["Esc"], what: "Cancel editing, close a dialog" },
      { keys: ["?"], what: "This sheet" },
    ],
  },
  {
    group: "Editing",
    items: [
      { keys: ["Enter", "F2"], what: "Edit the selected paragraph (Enter saves, Esc cancels)" },
      { keys: ["Ctrl+Enter"], what: "Insert a paragraph after" },
      { keys: ["Ctrl+Shift+Enter"], what: "Insert a paragraph before" },
      { keys: ["Alt+↑", "Alt+↓"], what: "Move the paragraph up / down", chairOnly: true },
      { keys: ["Delete"], what: "Delete the paragraph" },
      { keys: ["Ctrl+K"], what: "Change the paragraph's kind" },
      { keys: ["Ctrl+B"], what: "Bracket the selected words" },
      { keys: ["Ctrl+Z"], what: "Undo" },
      { keys: ["Ctrl+Shift+Z", "Ctrl+Y"], what: "Redo" },
    ],
  },
  {
    group: "Status",
    items: [
      { keys: ["Alt+1"], what: "Agreed", chairOnly: true },
      { keys: ["Alt+2"], what: "Agreed ad referendum of…", chairOnly: true },
      { keys: ["Alt+3"], what: "Bracketed", chairOnly: true },
      { keys: ["Alt+4"], what: "Pending", chairOnly: true },
      { keys: ["Alt+5"], what: "Proposed", chairOnly: true },
    ],
  },
  {
    group: "Files and rounds",
    items: [
      { keys: ["Ctrl+N"], what: "New negotiation" },
      { keys: ["Ctrl+O"], what: "Open a negotiation" },
      { keys: ["Ctrl+Shift+S"], what: "Save a copy as…" },
      { keys: ["Ctrl+I"], what: "Import a draft (text, Word, Akoma Ntoso)" },
      { keys: ["Ctrl+E"], what: "Export…" },
      { keys: ["Ctrl+P"], what: "Print the clean or working text…" },
      { keys: ["Ctrl+Shift+R"], what: "Close the round", chairOnly: true },
    ],
  },
];
