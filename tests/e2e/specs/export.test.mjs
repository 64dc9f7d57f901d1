// The export dialog, in the real window, on the sample negotiation: the clean text and the
// comparison of two rounds as Word documents (ACCORD_E2E_DIR stands in for the save dialog), and
// the refusal of a final export while paragraphs are not agreed, naming them.

import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { choose, FILES, fileMenu, launch, readText, readZipEntry, screenshot, tid, tids, until } from "../lib/app.mjs";

let browser;

/** Runs the open export dialog and waits for the file it wrote. */
async function runExport() {
  await tid(browser, "export-submit").click();
  const done = await tid(browser, "export-done");
  await done.waitForExist({ timeout: 30_000, timeoutMsg: "the export did not finish" });
  return done.getAttribute("data-path");
}

/** A Word document: a zip archive whose word/document.xml holds the text. */
function wordText(path) {
  assert.ok(existsSync(path), `${path} was not written`);
  assert.ok(statSync(path).size > 0, `${path} is empty`);
  assert.equal(readFileSync(path).subarray(0, 2).toString("latin1"), "PK", `${path} is not a zip archive`);
  const xml = readZipEntry(path, "word/document.xml");
  assert.ok(xml, `${path} has no word/document.xml`);
  return xml;
}

describe("exporting from the export dialog", () => {
  before(async () => {
    assert.ok(FILES, "run the tests through tests/e2e/run.sh");
    browser = await launch();
    await until(browser, async () => (await tids(browser, "round-item")).length >= 3, "the sample has no rounds");
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
  });

  it("exports the clean text as a Word document", async () => {
    const [first] = (await readText(browser)).filter((p) => p.kind === "preambular");
    await fileMenu(browser, "menu-export");
    await tid(browser, "export-dialog").waitForExist();
    await tid(browser, "export-kind-clean").click();
    await tid(browser, "export-format-docx").click();
    const path = await runExport();
    assert.match(path, /clean.*\.docx$/);
    const xml = wordText(path);
    const words = first.text.split(" ").slice(1, 6).join(" ");
    assert.ok(xml.includes(words), `the clean text lacks "${words}"`);
    await screenshot(browser, "export-dialog.png");
  });

  it("exports the comparison of rounds 1 and 2 as Word tracked changes", async () => {
    await tid(browser, "export-kind-compare").click();
    await choose(browser, await tid(browser, "export-to"), "2");
    await choose(browser, await tid(browser, "export-from"), "1");
    const path = await runExport();
    assert.match(path, /compare.*\.docx$/);
    const xml = wordText(path);
    assert.match(xml, /<w:(ins|del) /, "no tracked changes in the comparison");
  });

  it("shows its progress while LibreOffice makes a PDF", async () => {
    await tid(browser, "export-kind-clean").click();
    await tid(browser, "export-format-pdf").click();
    await tid(browser, "export-submit").click();
    const progress = await tid(browser, "export-progress");
    await progress.waitForExist({ timeoutMsg: "no progress shown" });
    assert.match(await progress.getText(), /Laying out|Writing|Choose/);
    const done = await tid(browser, "export-done");
    await done.waitForExist({ timeout: 120_000, timeoutMsg: "the PDF export did not finish" });
    const path = await done.getAttribute("data-path");
    assert.match(path, /\.pdf$/);
    assert.equal(readFileSync(path).subarray(0, 5).toString("latin1"), "%PDF-");
    await tid(browser, "export-format-docx").click();
  });

  it("refuses a final export while paragraphs are not agreed, naming them, and writes nothing", async () => {
    const open = (await readText(browser)).filter((p) => ["bracketed", "pending", "proposed"].includes(p.status));
    assert.ok(open.length > 0, "the sample has paragraphs that are not agreed");
    const files = readdirSync(FILES).sort();
    await tid(browser, "export-kind-clean").click();
    await tid(browser, "export-mode-final").click();
    await tid(browser, "export-submit").click();
    const error = await tid(browser, "export-error");
    await error.waitForExist({ timeout: 30_000, timeoutMsg: "the final export was not refused" });
    assert.equal(await error.getAttribute("data-code"), "export_refused");
    const message = await tid(browser, "export-error-message").getText();
    assert.match(message, /cannot export as the final text/);
    for (const p of open) assert.ok(message.includes(p.label), `the refusal does not name ${p.label}: ${message}`);
    assert.deepEqual(readdirSync(FILES).sort(), files, "a refused export wrote a file");
    await screenshot(browser, "export-refused.png");

    // The way out: the same text, explicitly as a draft.
    await tid(browser, "export-as-draft").click();
    const done = await tid(browser, "export-done");
    await done.waitForExist({ timeout: 30_000, timeoutMsg: "the draft export did not finish" });
    assert.match(wordText(await done.getAttribute("data-path")), /DRAFT/);
  });
});
