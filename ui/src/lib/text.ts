// Turning a paragraph's text and its markup (from the shell) into segments to render as text
// nodes, and converting between the core's char offsets and the DOM's UTF-16 offsets.
// Nothing here parses brackets or recognizes participles: the core does, and sends offsets.

import type { Bracket } from "../bindings/Bracket";
import type { CharSpan } from "../bindings/CharSpan";
import type { ParagraphMarkup } from "../bindings/ParagraphMarkup";

export type Segment =
  | { kind: "text"; text: string }
  | { kind: "opener"; text: string }
  | { kind: "bracket"; index: number | null; holders: string[]; options: string[]; children: Segment[] };

/** Splits `text` into plain, opener and (nested) bracket segments. Offsets are in chars. */
export function segments(text: string, markup: ParagraphMarkup | undefined): Segment[] {
  const chars = Array.from(text);
  if (!markup) return chars.length ? [{ kind: "text", text }] : [];
  return build(chars, 0, chars.length, markup.brackets, markup.opener, true);
}

function build(
  chars: string[],
  start: number,
  end: number,
  groups: Bracket[],
  opener: CharSpan | null,
  topLevel: boolean,
): Segment[] {
  const out: Segment[] = [];
  let pos = start;
  groups.forEach((group, i) => {
    if (group.start > pos) out.push(...plain(chars, pos, group.start, opener));
    out.push({
      kind: "bracket",
      index: topLevel ? i : null,
      holders: group.holders,
      options: group.options,
      children: build(chars, group.start, group.end, group.nested, opener, false),
    });
    pos = group.end;
  });
  if (end > pos) out.push(...plain(chars, pos, end, opener));
  return out;
}

function plain(chars: string[], start: number, end: number, opener: CharSpan | null): Segment[] {
  const slice = (a: number, b: number) => chars.slice(a, b).join("");
  if (!opener || opener.end <= start || opener.start >= end) return [{ kind: "text", text: slice(start, end) }];
  const a = Math.max(start, opener.start);
  const b = Math.min(end, opener.end);
  const out: Segment[] = [];
  if (a > start) out.push({ kind: "text", text: slice(start, a) });
  out.push({ kind: "opener", text: slice(a, b) });
  if (end > b) out.push({ kind: "text", text: slice(b, end) });
  return out;
}

/** Char (code point) offset of a UTF-16 offset in `text`. */
export function charOffset(text: string, utf16: number): number {
  return Array.from(text.slice(0, utf16)).length;
}

/**
 * The selection inside `root` as char offsets of root's text content, or null when the
 * selection is empty or not inside `root`.
 */
export function selectionOffsets(root: HTMLElement): { start: number; end: number } | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const text = root.textContent ?? "";
  const before = (node: Node, offset: number) => {
    const r = document.createRange();
    r.selectNodeContents(root);
    r.setEnd(node, offset);
    return r.toString().length;
  };
  const a = before(range.startContainer, range.startOffset);
  const b = before(range.endContainer, range.endOffset);
  return { start: charOffset(text, Math.min(a, b)), end: charOffset(text, Math.max(a, b)) };
}
