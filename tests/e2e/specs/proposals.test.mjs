// Delegations at the table, in the real window: the chair saves a copy of the file for
// Canada; Canada amends paragraphs in delegation mode (the text stays, proposals appear under the
// paragraphs) and exports its proposals; at the chair's desk Mexico's amendment is taken from the
// floor, Canada's file is imported, the compilation shows both with their conflict, the chair
// accepts one amendment (the text changes) and turns the competing ones into alternatives
// [A / B]. Importing the same file again adds nothing. Steps share state and run in order.

import assert from "node:assert/strict";
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  eventually,
  FILES,
  fileMenu,
  Key,
  lastToast,
  launch,
  paragraph,
  paragraphId,
  PROPOSALS,
  proposalsShown,
  readParagraph,
  readZipEntry,
  retype,
  screenshot,
  tid,
  tids,
  until,
} from "../lib/app.mjs";

const OP3 = "That cooperation among states sharing river basins should be strengthened, with full respect for national sovereignty.";
const OP3_CANADA = "That cooperation among states sharing transboundary river basins should be strengthened, with full respect for national sovereignty.";
const OP4 = "Encourage the participation of indigenous peoples and local communities in water governance.";
const OP4_CANADA = "Encourage the participation of indigenous peoples and Afro-descendant communities in water governance.";
const OP4_MEXICO = "Encourage the participation of indigenous peoples and rural communities in water governance.";
const SECRET = "CONFIDENTIAL: the United States will oppose; do not show";
const CAPITAL = "Capital: accept 'transboundary' only";
const SCRIPT_TEXT = '<img src=x onerror="window.__accordXss=1"> <script>window.__accordXss=2</script>';

let browser;
let chairFile;
let exported;

async function amend(words, text) {
  const id = await paragraphId(browser, words);
  const before = (await readParagraph(browser, id)).text;
  const shown = await paragraph(browser, id).$('[data-testid="paragraph-text"]');
  await shown.scrollIntoView({ block: "center" });
  await shown.doubleClick();
  const editor = await tid(browser, "paragraph-editor");
  await editor.waitForDisplayed();
  await retype(browser, editor, text);
  await browser.keys(Key.Enter);
  await until(browser, async () => !(await tid(browser, "paragraph-editor").isExisting()), "the editor did not close");
  return { id, before };
}

/** The suggestions shown under a paragraph: delegation, state and the words inserted and deleted. */
async function suggestions(id) {
  return browser.execute((pid) => {
    const row = document.querySelector(`[data-testid="paragraph"][data-id="${pid}"]`);
    return [...(row?.querySelectorAll('[data-testid="suggestion"]') ?? [])].map((s) => ({
      delegation: s.getAttribute("data-delegation"),
      state: s.getAttribute("data-state"),
      inserted: [...s.querySelectorAll("ins.diff-ins")].map((e) => e.textContent.trim()),
      deleted: [...s.querySelectorAll("del.diff-del")].map((e) => e.textContent.trim()),
    }));
  }, id);
}

/** Selects the paragraph holding `words` and writes `text` as this desk's private note on it. */
async function writeNote(words, text) {
  const id = await paragraphId(browser, words);
  await paragraph(browser, id).$('[data-testid="paragraph-text"]').click();
  const notes = await tid(browser, "notes");
  await notes.waitForDisplayed();
  await notes.setValue(text);
  await paragraph(browser, id).$('[data-testid="paragraph-text"]').click();
  return id;
}

async function chooseDelegation(name) {
  await tid(browser, "choose-delegation-filter").setValue(name);
  await browser.$(`[data-testid="choose-delegation-option"][data-name="${name}"] input`).click();
  await tid(browser, "choose-delegation-submit").click();
}

describe("delegations at the table", () => {
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    // The next spec's File ▸ Import proposals must not read this file again.
    if (PROPOSALS) rmSync(PROPOSALS, { force: true });
  });

  it("the chair saves a copy of the file for Canada", async () => {
    assert.ok(FILES && PROPOSALS, "run the tests through tests/e2e/run.sh");
    browser = await launch();
    chairFile = await tid(browser, "file-name").getAttribute("data-path");
    await writeNote("sharing river basins", SECRET);
    await fileMenu(browser, "menu-delegation-copy");
    await chooseDelegation("Canada");
    assert.match(await lastToast(browser, "info", /Copy saved for Canada/), /Copy saved for Canada/);
    assert.equal(await tid(browser, "delegation-banner").isExisting(), false, "the chair's window stays at the chair's desk");
  });

  it("Canada amends two paragraphs in its copy: the text stays, proposals appear under them", async () => {
    const copy = readdirSync(FILES).find((f) => f.endsWith("-canada.accord"));
    assert.ok(copy, `no copy for Canada in ${readdirSync(FILES)}`);
    assert.ok(!readFileSync(join(FILES, copy)).includes("United States will oppose"), "the chair's note is not in the copy's bytes");
    await browser.deleteSession();
    browser = await launch([join(FILES, copy)]);
    const banner = await tid(browser, "delegation-banner");
    await banner.waitForDisplayed();
    assert.match(await banner.getText(), /Delegation mode — Canada: your changes are proposals to the chair/);
    assert.equal(await tid(browser, "banner-chair-desk").isExisting(), false, "a circulated copy has no way to the chair's desk");
    const noted = await writeNote("sharing river basins", CAPITAL);
    await paragraph(browser, noted).$('[data-testid="paragraph-text"]').click();
    await eventually(browser, () => tid(browser, "notes").getProperty("value"), CAPITAL, "Canada's own note, and none of the chair's");

    const op3 = await amend("sharing river basins", OP3_CANADA);
    await eventually(browser, async () => (await suggestions(op3.id)).length, 1, "suggestions under OP3");
    assert.equal((await readParagraph(browser, op3.id)).text, OP3, "the text itself does not change");
    assert.deepEqual(await suggestions(op3.id), [{ delegation: "Canada", state: "open", inserted: ["transboundary"], deleted: [] }]);

    const op4 = await amend("local communities", OP4_CANADA);
    await eventually(browser, async () => (await suggestions(op4.id)).length, 1, "suggestions under OP4");
    assert.equal((await readParagraph(browser, op4.id)).text, OP4);

    // A comment written as HTML stays characters.
    await paragraph(browser, op4.id).$('[data-testid="status-button"]').scrollIntoView({ block: "center" });
    await paragraph(browser, op4.id).$('[data-testid="status-button"]').click();
    await tid(browser, "propose-comment").click();
    await tid(browser, "comment-text").setValue(SCRIPT_TEXT);
    await tid(browser, "comment-submit").click();
    await eventually(browser, async () => (await suggestions(op4.id)).length, 2, "the comment under OP4");
    await paragraph(browser, op3.id).$('[data-testid="paragraph-text"]').click();
    await screenshot(browser, "proposals-delegation.png");
  });

  it("Canada withdraws its comment in the Proposals view and brings it back with Ctrl+Z", async () => {
    await browser.keys([Key.Control, "4"]);
    await tid(browser, "proposals-view").waitForDisplayed();
    const withdraw = '[data-testid="proposal"][data-type="comment"] [data-testid="proposal-withdraw"]';
    await browser.$(withdraw).click();
    assert.match(await lastToast(browser, "info", /Proposal withdrawn/), /Proposal withdrawn/);
    await until(browser, async () => !(await browser.$(withdraw).isExisting()), "the comment is still open");
    await browser.keys([Key.Control, "z"]);
    await until(browser, async () => browser.$(withdraw).isExisting(), "the withdrawal was not undone");
    await browser.keys([Key.Control, "1"]);
  });

  it("Canada exports the text with its proposals for its capital, as its own tracked changes", async () => {
    await fileMenu(browser, "menu-export");
    await tid(browser, "export-kind-with_proposals").click();
    await tid(browser, "export-format-docx").click();
    await tid(browser, "export-submit").click();
    const done = await tid(browser, "export-done");
    await done.waitForExist({ timeout: 30_000, timeoutMsg: "the export did not finish" });
    const xml = readZipEntry(await done.getAttribute("data-path"), "word/document.xml");
    const authors = [...xml.matchAll(/<w:(?:ins|del) [^>]*w:author="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(authors.length > 0 && authors.every((a) => a === "Canada"), `authors: ${authors}`);
    assert.ok(xml.includes("transboundary"), "Canada's words are in the text");
    await tid(browser, "export-close").click();
  });

  it("Canada exports its proposals", async () => {
    await tid(browser, "banner-export-proposals").click();
    assert.match(await lastToast(browser, "info", /Proposals exported/), /Proposals exported/);
    const name = readdirSync(FILES).find((f) => f.startsWith("Canada proposals - ") && f.endsWith(".json"));
    assert.ok(name, `no proposals file in ${readdirSync(FILES)}`);
    exported = join(FILES, name);
    const file = JSON.parse(readFileSync(exported, "utf8"));
    assert.equal(file.format, "accord-proposals");
    assert.equal(file.delegation, "Canada");
    assert.deepEqual(file.proposals.map((p) => p.change.type), ["amend", "amend", "comment"]);
    assert.ok(!readFileSync(exported, "utf8").includes("Capital:"), "private notes never travel");
    copyFileSync(exported, PROPOSALS);
  });

  it("at the chair's desk, Mexico's amendment is taken from the floor", async () => {
    await browser.deleteSession();
    browser = await launch([chairFile]);
    await fileMenu(browser, "menu-work-as");
    await chooseDelegation("Mexico");
    await tid(browser, "delegation-banner").waitForDisplayed();
    const op4 = await amend("local communities", OP4_MEXICO);
    await eventually(browser, async () => (await suggestions(op4.id)).map((s) => s.delegation), ["Mexico"], "Mexico's suggestion");
    await tid(browser, "banner-chair-desk").click();
    await until(browser, async () => !(await tid(browser, "delegation-banner").isExisting()), "still in delegation mode");
  });

  it("imports Canada's proposals and shows the compilation with the conflict", async () => {
    await fileMenu(browser, "menu-import-proposals");
    assert.match(await lastToast(browser, "info", /3 new proposals from Canada/), /3 new proposals from Canada/);
    await tid(browser, "proposals-view").waitForDisplayed();
    const counts = await tid(browser, "proposals-counts");
    assert.equal(await counts.getText(), "4 open proposals from 2 delegations · 2 in conflict · 0 outdated");
    const shown = await proposalsShown(browser);
    assert.deepEqual(
      shown.map((p) => [p.paragraph, p.delegation, p.conflicts]),
      [
        ["OP3", "Canada", ""],
        ["OP4", "Canada", "conflicts with Mexico"],
        ["OP4", "Canada", ""],
        ["OP4", "Mexico", "conflicts with Canada"],
      ],
    );
    const injected = await browser.execute(() => ({
      img: document.querySelectorAll('[data-testid="proposals-view"] img').length,
      flag: window.__accordXss ?? null,
    }));
    assert.deepEqual(injected, { img: 0, flag: null });
    await screenshot(browser, "proposals-compilation.png");
  });

  it("accepts Canada's amendment: the paragraph's text changes", async () => {
    const [canada] = await proposalsShown(browser);
    await browser.$(`[data-testid="proposal"][data-proposal="${canada.id}"] [data-testid="proposal-accept"]`).click();
    await until(browser, async () => !(await proposalsShown(browser)).some((p) => p.id === canada.id), "the accepted proposal is still open");
    await tid(browser, "tab-text").click();
    const id = await paragraphId(browser, "transboundary river basins");
    assert.equal((await readParagraph(browser, id)).text, OP3_CANADA);
    assert.deepEqual(await suggestions(id), []);
  });

  it("importing the same file again adds nothing", async () => {
    await fileMenu(browser, "menu-import-proposals");
    assert.match(await lastToast(browser, "info", /Nothing new.*already imported/), /Nothing new.*already imported/);
    assert.equal(await tid(browser, "proposals-counts").getAttribute("data-open"), "3");
  });

  it("refuses Canada's file rewritten to speak for Mexico: the signature names the sender", async () => {
    const file = JSON.parse(readFileSync(exported, "utf8"));
    file.delegation = "Mexico";
    for (const p of file.proposals) {
      p.delegation = "Mexico";
      p.id = p.id.replace(/^.{8}/, "0badf00d");
    }
    writeFileSync(PROPOSALS, JSON.stringify(file));
    await fileMenu(browser, "menu-import-proposals");
    const error = await lastToast(browser, "error");
    assert.match(error, /cannot be shown to come from Mexico/);
    assert.equal(await tid(browser, "proposals-counts").getAttribute("data-open"), "3", "nothing imported");
    copyFileSync(exported, PROPOSALS);
  });

  it("turns the competing amendments into alternatives [A / B]", async () => {
    const conflicting = (await proposalsShown(browser)).filter((p) => p.conflicts);
    assert.equal(conflicting.length, 2);
    for (const p of conflicting) await browser.$(`[data-testid="proposal"][data-proposal="${p.id}"] [data-testid="proposal-tick"]`).click();
    await tid(browser, "alternatives-keep-current").click();
    await screenshot(browser, "proposals-alternatives.png");
    await tid(browser, "alternatives-submit").click();
    await until(browser, async () => (await proposalsShown(browser)).filter((p) => p.conflicts).length === 0, "the conflict is still open");
    await tid(browser, "tab-text").click();
    const id = await paragraphId(browser, "indigenous peoples");
    const op4 = await readParagraph(browser, id);
    assert.equal(op4.brackets.length, 1, `brackets in ${op4.text}`);
    assert.equal(op4.brackets[0], "[local / Afro-descendant / rural]", "the current words first, then each proposal's");
    await paragraph(browser, id).$('[data-testid="paragraph-text"]').click();
    await screenshot(browser, "proposals-chair.png");
  });
});
