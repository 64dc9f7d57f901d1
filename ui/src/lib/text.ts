// Turning a paragraph's text and its markup (from the shell) into segments to render as text
// nodes, and converting between the core's char offsets and the DOM's UTF-16 offsets.
// Nothing here parses brackets, recognizes participles or decides the house style: the core does,
// and sends offsets.

import type { Bracket } from "../bindings/Bracket";
import type { ParagraphMarkup } from "../bindings/ParagraphMarkup";
import type { StyledRange } from "../bindings/StyledRange";

export type Segment =
  | { kind: "text"; text: string }
  | { kind: "styled"; text: string; range: StyledRange }
  | { kind: "bracket"; index: number | null; holders: string[]; options: string[]; children: Segment[] };

/**
 * Splits `text` into plain, styled (the house style's ranges, shown through CSS classes) and
 * (nested) bracket segments. Offsets are in chars. The segments' texts joined are `text`.
 */
export function segments(text: string, markup: ParagraphMarkup | undefined): Segment[] {
  const chars = Array.from(text);
  if (!markup) return chars.length ? [{ kind: "text", text }] : [];
  return build(chars, 0, chars.length, markup.brackets, markup.styled, true);
}

function build(
  chars: string[],
  start: number,
  end: number,
  groups: Bracket[],
  styled: StyledRange[],
  topLevel: boolean,
): Segment[] {
  const out: Segment[] = [];
  let pos = start;
  groups.forEach((group, i) => {
    if (group.start > pos) out.push(...plain(chars, pos, group.start, styled));
    out.push({
      kind: "bracket",
      index: topLevel ? i : null,
      holders: group.holders,
      options: group.options,
      children: build(chars, group.start, group.end, group.nested, styled, false),
    });
    pos = group.end;
  });
  if (end > pos) out.push(...plain(chars, pos, end, styled));
  return out;
}

/** The chars from `start` to `end`, cut where the styled ranges (in order) begin and end. */
function plain(chars: string[], start: number, end: number, styled: StyledRange[]): Segment[] {
  const slice = (a: number, b: number) => chars.slice(a, b).join("");
  const out: Segment[] = [];
  let pos = start;
  for (const range of styled) {
    if (range.end <= pos || range.start >= end) continue;
    const a = Math.max(pos, range.start);
    const b = Math.min(end, range.end);
    if (a > pos) out.push({ kind: "text", text: slice(pos, a) });
    out.push({ kind: "styled", text: slice(a, b), range });
    pos = b;
  }
  if (end > pos) out.push({ kind: "text", text: slice(pos, end) });
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

/** A piece of text and whether it matches the words being found. */
export interface FoundPart {
  text: string;
  hit: boolean;
}

/** Splits `text` around every case-insensitive occurrence of `query` (none when it is blank). */
export function findParts(text: string, query: string): FoundPart[] {
  const q = query.trim().toLowerCase();
  if (!q) return [{ text, hit: false }];
  const lower = text.toLowerCase();
  const parts: FoundPart[] = [];
  let at = 0;
  for (let i = lower.indexOf(q); i >= 0 && q.length; i = lower.indexOf(q, i + q.length)) {
    if (i > at) parts.push({ text: text.slice(at, i), hit: false });
    parts.push({ text: text.slice(i, i + q.length), hit: true });
    at = i + q.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}
