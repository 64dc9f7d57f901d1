import { execFileSync } from "node:child_process";
// Helpers for driving the real Accord window through tauri-driver (WebDriver).
// Elements are found by their stable data-testid attributes.

import { mkdirSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import { Key, remote } from "webdriverio";

export { Key };

const APP = process.env.ACCORD_APP;
const PORT = Number(process.env.E2E_PORT ?? 4444);
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? new URL("../screenshots", import.meta.url).pathname;
export const WORK = process.env.E2E_WORK ?? "";
/** Where the app writes new negotiations and exports (test seam, set by run.sh). */
export const FILES = process.env.ACCORD_E2E_DIR ?? "";
/** The file File ▸ Import reads instead of asking (test seam, set by run.sh). */
export const IMPORT = process.env.ACCORD_E2E_IMPORT ?? "";
/** The files File ▸ Import proposals reads instead of asking, those of them that exist (test seam,
 * set by run.sh): a spec places only the ones it imports, and removes them when done. */
const PROPOSALS_SEAM = (process.env.ACCORD_E2E_PROPOSALS ?? "").split(delimiter).filter(Boolean);
/** Where a spec places a delegation's proposals file for File ▸ Import proposals. */
export const PROPOSALS = PROPOSALS_SEAM.find((p) => p.endsWith(".json")) ?? "";
/** Where a spec places a Word file sent back with tracked changes for File ▸ Import proposals. */
export const RETURNED_WORD = PROPOSALS_SEAM.find((p) => p.endsWith(".docx")) ?? "";
/** The repository's root. */
export const REPO = fileURLToPath(new URL("../../..", import.meta.url));
/** The corpus of real drafts in the repository. */
export const CORPUS = join(REPO, "tests", "corpus");

/** Launches the app (a new WebDriver session); `args` are passed to the binary. */
export async function launch(args = []) {
  if (!APP) throw new Error("ACCORD_APP is not set: run the tests through tests/e2e/run.sh");
  const browser = await remote({
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "warn",
    connectionRetryCount: 1,
    waitforTimeout: 10_000,
    capabilities: { "tauri:options": { application: APP, args } },
  });
  // The UI is ready once the session has loaded (file title or the welcome card).
  try {
    await browser.waitUntil(
      async () => (await browser.$('[data-testid="file-title"]').isExisting()) || (await browser.$('[data-testid="welcome"]').isExisting()),
      { timeout: 15_000, timeoutMsg: "the window did not show a negotiation" },
    );
  } catch (e) {
    const page = await browser.execute(() => document.body?.innerText.slice(0, 400)).catch((err) => String(err));
    await browser.saveScreenshot(join(SCREENSHOTS, "launch-failure.png")).catch(() => {});
    await browser.deleteSession().catch(() => {});
    throw new Error(`${e.message}; the page reads: ${JSON.stringify(page)}`);
  }
  return browser;
}

/** Chromium, headless, through the chromedriver run.sh started: a delegate's browser. */
export async function chromium() {
  const port = Number(process.env.E2E_CHROMEDRIVER_PORT || 0);
  if (!port) throw new Error("chromedriver is not running: run .ci/setup, then tests/e2e/run.sh");
  return remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "warn",
    capabilities: {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: "/usr/bin/chromium",
        args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--window-size=1280,800"],
      },
    },
  });
}

/** The element with `data-testid=id` (optionally inside `scope`). */
export function tid(scope, id) {
  return scope.$(`[data-testid="${id}"]`);
}

export function tids(scope, id) {
  return scope.$$(`[data-testid="${id}"]`);
}

/** The id of the paragraph whose text contains `words`, in the text view. */
export async function paragraphId(browser, words) {
  let id = null;
  await browser.waitUntil(
    async () => {
      id = await browser.execute((w) => {
        for (const el of document.querySelectorAll('[data-testid="paragraph"]')) {
          const text = el.querySelector('[data-testid="paragraph-text"]')?.textContent ?? "";
          if (text.includes(w)) return el.getAttribute("data-id");
        }
        return null;
      }, words);
      return id !== null;
    },
    { timeout: 10_000, timeoutMsg: `no paragraph reads "${words}"` },
  );
  return id;
}

export function paragraph(browser, id) {
  return browser.$(`[data-testid="paragraph"][data-id="${id}"]`);
}

/** What a paragraph shows: label, status, ad-referendum delegations, text, bracketed words. */
export async function readParagraph(browser, id) {
  return browser.execute((pid) => {
    const el = document.querySelector(`[data-testid="paragraph"][data-id="${pid}"]`);
    if (!el) return null;
    const badge = el.querySelector('[data-testid="status-badge"]');
    return {
      label: el.getAttribute("data-label"),
      kind: el.getAttribute("data-kind"),
      number: el.getAttribute("data-number"),
      status: el.getAttribute("data-status"),
      delegations: badge?.getAttribute("data-delegations") ?? null,
      badge: badge?.textContent?.trim() ?? "",
      text: el.querySelector('[data-testid="paragraph-text"]')?.textContent ?? "",
      brackets: [...el.querySelectorAll('[data-testid="bracket"]')].map((b) => b.textContent),
    };
  }, id);
}

/** The paragraphs of the text view in order, as readParagraph gives them. */
export async function readText(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="paragraph"]')].map((el) => ({
      id: el.getAttribute("data-id"),
      label: el.getAttribute("data-label"),
      kind: el.getAttribute("data-kind"),
      number: el.getAttribute("data-number"),
      status: el.getAttribute("data-status"),
      delegations: el.querySelector('[data-testid="status-badge"]')?.getAttribute("data-delegations") ?? null,
      text: el.querySelector('[data-testid="paragraph-text"]')?.textContent ?? "",
      brackets: [...el.querySelectorAll('[data-testid="bracket"]')].map((b) => b.textContent),
    })),
  );
}

/** Selects `words` inside a paragraph's rendered text, as a user dragging the mouse would. */
export async function selectWords(browser, id, words) {
  const ok = await browser.execute(
    (pid, w) => {
      const root = document.querySelector(`[data-testid="paragraph"][data-id="${pid}"] [data-testid="paragraph-text"]`);
      if (!root) return false;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const i = node.data.indexOf(w);
        if (i >= 0) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + w.length);
          const sel = window.getSelection();
          sel.removeAllRanges();
          sel.addRange(range);
          return true;
        }
      }
      return false;
    },
    id,
    words,
  );
  if (!ok) throw new Error(`could not select "${words}"`);
}

/** Waits until `fn` returns a truthy value, and returns it. */
export async function until(browser, fn, message, timeout = 10_000) {
  let value;
  await browser.waitUntil(
    async () => {
      value = await fn();
      return Boolean(value);
    },
    { timeout, timeoutMsg: message },
  );
  return value;
}

/** Waits until `read()` equals `expected` (deep), failing with the last value read. */
export async function eventually(browser, read, expected, what, timeout = 10_000) {
  let last;
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  try {
    await browser.waitUntil(async () => same((last = await read()), expected), { timeout, interval: 100 });
  } catch {
    const notices = await browser
      .execute(() => [...document.querySelectorAll('[data-testid^="toast-"]')].map((t) => t.textContent.trim()))
      .catch(() => []);
    const shown = notices.length ? `; notices: ${notices.join(" | ")}` : "";
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, still ${JSON.stringify(last)}${shown}`);
  }
}

/** A negative check made over a window, not at one instant after a fixed pause: waits until `read()`
 * equals `expected` (deep), then reads it again every 50 ms for `ms` and fails as soon as it
 * differs, naming the value that appeared and when. */
export async function stays(browser, read, expected, what, ms = 1_000, timeout = 10_000) {
  await eventually(browser, read, expected, what, timeout);
  const started = Date.now();
  while (Date.now() - started < ms) {
    const now = await read();
    if (JSON.stringify(now) !== JSON.stringify(expected)) {
      throw new Error(`${what}: was ${JSON.stringify(expected)}, became ${JSON.stringify(now)} after ${Date.now() - started} ms`);
    }
    await browser.pause(50);
  }
}

/** Replaces the whole content of a focused text field by typing, without WebDriver's clear (which blurs). */
export async function retype(browser, element, text) {
  await element.click();
  await browser.keys([Key.Ctrl, "a"]);
  await browser.keys(Key.Backspace);
  await element.addValue(text);
}

export async function screenshot(browser, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Notices fade by themselves; dismiss them so they do not cover the view.
  await browser.execute(() => document.querySelectorAll('[data-testid^="toast-"] button').forEach((b) => b.click()));
  // Let fonts load and a frame paint before capturing.
  await browser.executeAsync((done) => {
    document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  });
  await browser.pause(250);
  // The X server's picture of the window, not WebDriver's snapshot: in WebKit's non-composited mode
  // (the app's default) WebKitWebDriver's snapshot of some views never returns.
  execFileSync("import", ["-window", "root", join(SCREENSHOTS, name)]);
}

/** Runs a File menu item by its test id. */
export async function fileMenu(browser, item) {
  await tid(browser, "file-menu").click();
  await tid(browser, item).click();
}

/** Picks an option of a <select> by value, as a user would, and tells the UI it changed. */
export async function choose(browser, element, value) {
  await browser.execute(
    (el, v) => {
      el.value = v;
      el.dispatchEvent(new Event("change", { bubbles: true }));
    },
    element,
    value,
  );
}

/** The text of one entry of a zip archive (a .docx is one), or null when it has none. */
export function readZipEntry(file, name) {
  const zip = readFileSync(file);
  // The end-of-central-directory record closes the archive (no comment in our files).
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${file} is not a zip archive`);
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const [method, size, nameLength] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 20), zip.readUInt16LE(at + 28)];
    if (zip.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 0 ? data : inflateRawSync(data)).toString("utf8");
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return null;
}

/** The text of the latest toast of a kind ("info", "error"), once one is shown; with `expected`, once
 * the latest one matches it (or after 10 s, for the assertion to show what was there). */
export async function lastToast(browser, kind, expected) {
  await browser.$(`[data-testid="toast-${kind}"]`).waitForDisplayed();
  const last = async () => {
    const all = await browser.execute(
      (k) => [...document.querySelectorAll(`[data-testid="toast-${k}"]`)].map((t) => t.textContent.trim()),
      kind,
    );
    return all[all.length - 1];
  };
  // A toast of the action before may still be on screen: wait a while for the expected one.
  if (expected) await browser.waitUntil(async () => expected.test(await last()), { timeout: 10_000 }).catch(() => {});
  return last();
}

/** The proposals the Proposals view shows: who, on which paragraph, the words marked, conflicts. */
export async function proposalsShown(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="proposal"]')].map((p) => ({
      id: p.getAttribute("data-proposal"),
      delegation: p.getAttribute("data-delegation"),
      state: p.getAttribute("data-state"),
      paragraph: p.closest('[data-testid="proposal-entry"]')?.getAttribute("data-label"),
      conflicts: p.querySelector('[data-testid="proposal-conflicts"]')?.textContent.trim() ?? "",
      inserted: [...p.querySelectorAll("ins.diff-ins")].map((e) => e.textContent.trim()),
      deleted: [...p.querySelectorAll("del.diff-del")].map((e) => e.textContent.trim()),
    })),
  );
}

/** Selects a paragraph by clicking its text; resolves once the inspector shows it. */
export async function select(browser, id) {
  await paragraph(browser, id).$('[data-testid="paragraph-text"]').click();
  await eventually(browser, () => tid(browser, "inspector-label").getProperty("textContent"), (await readParagraph(browser, id)).label, "selected label");
}

/** Adds a paragraph of `kind` at the end with the "Add at the end" buttons; returns its id. */
export async function addParagraph(browser, kind, text) {
  await tid(browser, `add-${kind}`).click();
  const editor = await tid(browser, "paragraph-editor");
  await editor.waitForDisplayed();
  await editor.setValue(text);
  await browser.keys(Key.Enter);
  return paragraphId(browser, text.slice(0, 40));
}

/** Edits a paragraph's text in place (double-click, retype, Enter) and waits for it. */
export async function editText(browser, id, text) {
  await paragraph(browser, id).$('[data-testid="paragraph-text"]').doubleClick();
  const editor = await tid(browser, "paragraph-editor");
  await editor.waitForDisplayed();
  await retype(browser, editor, text);
  await browser.keys(Key.Enter);
  await eventually(browser, async () => (await readParagraph(browser, id))?.text, text, `text of ${id}`);
}
