// A long list renders only the rows on screen (and OVERSCAN px either side), between two spacers
// whose heights come from the rows' measured heights (estimated until a row has been shown).
// Shorter lists render every row. Used by the text view and the comparison view; the owner calls
// `attach` from an effect with the element holding the rows, and `measure` after the rows it shows
// have rendered.

import { untrack } from "svelte";

const WINDOW_FROM = 80;
const OVERSCAN = 900;

export class RowWindow<T> {
  /** Scroll position relative to the top of the list, and the scroller's height. */
  scrolled = $state(0);
  viewport = $state(typeof window === "undefined" ? 800 : window.innerHeight);
  #measured = $state(0);
  #heights = new Map<string, number>();
  #scroller: HTMLElement | null = null;
  #container: HTMLElement | null = null;

  #items: () => T[] = () => [];
  #key: (item: T) => string = () => "";
  #estimate: (item: T) => number = () => 0;
  #pinned: () => string | null = () => null;

  /**
   * `items` is read in a derivation: the list follows the state it reads. The row whose key
   * `pinned` gives (the one being edited) stays rendered wherever it is.
   */
  constructor(
    items: () => T[],
    key: (item: T) => string,
    estimate: (item: T) => number,
    pinned: () => string | null = () => null,
  ) {
    this.#items = items;
    this.#key = key;
    this.#estimate = estimate;
    this.#pinned = pinned;
  }

  readonly list = $derived(this.#items());
  readonly windowed = $derived(this.list.length > WINDOW_FROM);
  readonly offsets = $derived.by(() => {
    void this.#measured;
    const o = new Float64Array(this.list.length + 1);
    for (let i = 0; i < this.list.length; i++) o[i + 1] = o[i] + (this.#heights.get(this.#key(this.list[i])) ?? this.#estimate(this.list[i]));
    return o;
  });
  readonly range = $derived.by(() => {
    if (!this.windowed) return { start: 0, end: this.list.length };
    let start = this.#indexAt(this.scrolled - OVERSCAN);
    let end = Math.min(this.list.length, this.#indexAt(this.scrolled + this.viewport + OVERSCAN) + 1);
    const pinned = this.#pinned();
    const at = pinned ? this.list.findIndex((item) => this.#key(item) === pinned) : -1;
    if (at >= 0) {
      start = Math.min(start, at);
      end = Math.max(end, at + 1);
    }
    return { start, end };
  });
  readonly shown = $derived(this.windowed ? this.list.slice(this.range.start, this.range.end) : this.list);
  /** The spacers' heights above and below the rows shown. */
  readonly above = $derived(this.offsets[this.range.start]);
  readonly below = $derived(this.offsets[this.list.length] - this.offsets[this.range.end]);

  /** The first index whose row ends below `y`. */
  #indexAt(y: number) {
    let lo = 0;
    let hi = this.list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.offsets[mid + 1] <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Where the list's top stands in its scroller's content. */
  #listTop(scroller: HTMLElement, container: HTMLElement) {
    return container.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop;
  }

  #onScroll = () => {
    const scroller = this.#scroller;
    const container = this.#container;
    if (!scroller || !container) return;
    this.scrolled = scroller.scrollTop - this.#listTop(scroller, container);
    this.viewport = scroller.clientHeight;
  };

  /** Scrolls the row with `key` a third of the way down the view when it is not rendered, so
   * that it renders and can bring itself into view. */
  reveal(key: string) {
    const scroller = this.#scroller;
    const container = this.#container;
    if (!this.windowed || !scroller || !container) return;
    const i = this.list.findIndex((item) => this.#key(item) === key);
    if (i >= 0 && (i < this.range.start || i >= this.range.end)) {
      scroller.scrollTop = this.#listTop(scroller, container) + this.offsets[i] - this.viewport / 3;
      this.#onScroll();
    }
  }

  /** Follows the scrolling ancestor of `container`; returns the function that stops. */
  attach(container: HTMLElement) {
    let el: HTMLElement | null = container.parentElement;
    while (el && !/(auto|scroll)/.test(getComputedStyle(el).overflowY)) el = el.parentElement;
    if (!el) return () => {};
    const scroller = el;
    this.#container = container;
    this.#scroller = scroller;
    scroller.addEventListener("scroll", this.#onScroll, { passive: true });
    const resize = new ResizeObserver(this.#onScroll);
    resize.observe(scroller);
    this.#onScroll();
    return () => {
      scroller.removeEventListener("scroll", this.#onScroll);
      resize.disconnect();
      this.#scroller = this.#container = null;
    };
  }

  /** Forgets the measured heights (the rows' layout changed). */
  forget() {
    this.#heights.clear();
    untrack(() => this.#measured++);
  }

  /** Remembers the heights of `rows` (top to next top), each keyed by its data-id. */
  measure(rows: ArrayLike<HTMLElement>) {
    let changed = false;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k];
      const next = rows[k + 1];
      const h = next ? next.offsetTop - row.offsetTop : row.offsetHeight + 1;
      const id = row.dataset.id ?? "";
      if (Math.abs((this.#heights.get(id) ?? -1) - h) > 0.5) {
        this.#heights.set(id, h);
        changed = true;
      }
    }
    if (changed) untrack(() => this.#measured++);
  }
}
