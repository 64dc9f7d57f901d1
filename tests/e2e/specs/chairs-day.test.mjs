// A chair's day without surprises, in the real window: one numbering (the margin, the text and the
// dashboard's sentence agree; the clean numbers only on request), Ctrl+B on agreed words reopens the
// paragraph with the bracket's reason, and a round closed by mistake is reopened.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  addParagraph,
  eventually,
  fileMenu,
  Key,
  launch,
  paragraph,
  paragraphId,
  readParagraph,
  readText,
  retype,
  screenshot,
  SCREENSHOTS,
  select,
  selectWords,
  tid,
  tids,
  until,
} from "../lib/app.mjs";

const OP = [
  "To urge member states to adopt national strategies for water security.",
  "To request the General Secretariat to prepare a regional report on drought.",
  "To instruct the Permanent Council to convene a special meeting on this matter.",
];
const INSERTED = "To encourage the exchange of hydrological data among neighbouring states.";

let browser;
const ids = {};

async function closeRound() {
  const before = (await tids(browser, "round-item")).length;
  await tid(browser, "close-round").click();
  await tid(browser, "close-round-dialog").waitForDisplayed();
  // Enter in the label field does not close the round: only the button does.
  await tid(browser, "round-label").click();
  await browser.keys(Key.Enter);
  assert.ok(await tid(browser, "close-round-dialog").isDisplayed(), "Enter closed the round at once");
  await tid(browser, "close-round-submit").click();
  await until(browser, async () => (await tids(browser, "round-item")).length === before + 1, "the round did not close");
}

/** The numbers beside the operative paragraphs' text, in order. */
async function numbersInText() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="paragraph"][data-kind="operative"] [data-testid="paragraph-number"]')].map((n) => n.textContent),
  );
}

describe("a chair's day without surprises", () => {
  before(async () => {
    browser = await launch();
    await until(browser, async () => (await tids(browser, "paragraph")).length > 5, "the sample did not open");
    await browser.keys([Key.Ctrl, "n"]);
    await tid(browser, "meta-title").setValue("Draft Declaration on Water Security in the Americas");
    await tid(browser, "meta-submit").click();
    await until(browser, async () => (await tids(browser, "paragraph")).length === 0, "the new negotiation is not empty");
    for (const [i, text] of OP.entries()) ids[`OP${i + 1}`] = await addParagraph(browser, "operative", text);
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
  });

  it("labels are born with their paragraph: an insertion in round 1 renumbers nothing", async () => {
    await select(browser, ids.OP1);
    await browser.keys([Key.Ctrl, Key.Enter]);
    const editor = await tid(browser, "paragraph-editor");
    await editor.waitForDisplayed();
    await editor.setValue(INSERTED);
    await browser.keys(Key.Enter);
    ids.OP1bis = await paragraphId(browser, "hydrological data");
    const text = await readText(browser);
    assert.deepEqual(text.map((p) => p.label), ["OP1", "OP1bis", "OP2", "OP3"]);
    // The text reads as the margin does.
    assert.deepEqual(await numbersInText(), ["1.", "1bis.", "2.", "3."]);
    // Nothing spills sideways at 1,280 px: a horizontal scroll bar would cover the add buttons.
    const [page, view] = await browser.execute(() => [document.documentElement.scrollWidth, innerWidth]);
    assert.ok(page <= view, `the page is ${page} px wide in a ${view} px window`);
  });

  it("shows the clean numbers only when asked, and says what they are", async () => {
    assert.ok(!(await tid(browser, "clean-numbers-note").isExisting()));
    await tid(browser, "clean-numbers").click();
    await eventually(browser, numbersInText, ["1.", "2.", "3.", "4."], "the clean numbers");
    assert.match(await tid(browser, "clean-numbers-note").getText(), /margin keeps the working labels/);
    await screenshot(browser, "clean-numbers.png");
    await tid(browser, "clean-numbers").click();
    await eventually(browser, numbersInText, ["1.", "1bis.", "2.", "3."], "the working numbers again");
  });

  it("the dashboard's sentence names paragraphs as the margin does", async () => {
    await select(browser, ids.OP2);
    await paragraph(browser, ids.OP2).$('[data-testid="status-button"]').click();
    await tid(browser, "status-option-ad_referendum").click();
    await tid(browser, "delegation-filter").setValue("Brazil");
    await browser.$('[data-testid="delegation-option"][data-name="Brazil"] input').click();
    await tid(browser, "adref-submit").click();
    await eventually(browser, async () => (await readParagraph(browser, ids.OP2))?.status, "ad_referendum", "status of OP2");
    await tid(browser, "tab-dashboard").click();
    const sentence = await tid(browser, "chair-sentence").getText();
    assert.match(sentence, /operative paragraph 2 \(Brazil\)/, sentence);
    assert.doesNotMatch(sentence, /operative paragraph 3 \(Brazil\)/);
    await tid(browser, "tab-text").click();
  });

  it("Ctrl+B on agreed words asks for the reopening reason and keeps it with the bracket", async () => {
    await select(browser, ids.OP3);
    await browser.keys([Key.Alt, "1"]);
    await eventually(browser, async () => (await readParagraph(browser, ids.OP3))?.status, "agreed", "OP3 agreed");
    await selectWords(browser, ids.OP3, "a special meeting");
    await browser.keys([Key.Ctrl, "b"]);
    await tid(browser, "bracket-reopens").waitForDisplayed();
    assert.match(await tid(browser, "bracket-reopens").getText(), /OP3 is agreed: bracketing its words reopens it/);
    assert.equal(await tid(browser, "bracket-submit").getText(), "Reopen and bracket");
    await tid(browser, "bracket-reason").setValue("Chile awaits instructions on the format");
    await tid(browser, "bracket-submit").click();
    await until(browser, async () => (await readParagraph(browser, ids.OP3)).brackets.length === 1, "no bracket appeared");
    assert.equal((await readParagraph(browser, ids.OP3)).status, "pending");
    await select(browser, ids.OP3);
    await eventually(
      browser,
      async () => (await tid(browser, "bracket-placed").isExisting()) && (await tid(browser, "bracket-placed").getText()),
      "Placed in round 1 — Chile awaits instructions on the format",
      "the bracket's reason in the inspector",
    );
    await screenshot(browser, "bracket-reason.png");
  });

  it("a round closed by mistake is reopened, as it was", async () => {
    await closeRound();
    await eventually(browser, async () => (await readText(browser)).map((p) => p.label), ["OP1", "OP2", "OP3", "OP4"], "labels renumbered");
    await tid(browser, "reopen-round").click();
    await tid(browser, "reopen-round-reason").setValue("closed by mistake before lunch");
    await tid(browser, "reopen-round-submit").click();
    await until(browser, async () => (await tids(browser, "round-item")).length === 1, "round 2 is still there");
    await eventually(browser, async () => (await readText(browser)).map((p) => p.label), ["OP1", "OP1bis", "OP2", "OP3"], "round 1's labels");
    assert.equal(await tid(browser, "round-item").getAttribute("data-state"), "open");
    await screenshot(browser, "round-reopened.png");
  });

  it("once something happens in the new round, the close stands", async () => {
    await closeRound();
    await tid(browser, "reopen-round").waitForDisplayed();
    await select(browser, ids.OP1);
    await browser.keys([Key.Alt, "1"]);
    await eventually(browser, async () => (await readParagraph(browser, ids.OP1))?.status, "agreed", "OP1 agreed");
    await tid(browser, "reopen-round").waitForExist({ reverse: true, timeoutMsg: "the close can still be undone after an edit" });
    assert.equal((await tids(browser, "round-item")).length, 2);
  });

  it("the comparison keeps bracket marks apart from the words: one clean change", async () => {
    const resolved = "To instruct the Permanent Council to convene a special high-level meeting on this matter.";
    await paragraph(browser, ids.OP3).$('[data-testid="paragraph-text"]').doubleClick();
    const editor = await tid(browser, "paragraph-editor");
    await editor.waitForDisplayed();
    await retype(browser, editor, resolved);
    await browser.keys(Key.Enter);
    await eventually(browser, async () => (await readParagraph(browser, ids.OP3))?.text, resolved, "the edited text");
    await tid(browser, "tab-compare").click();
    await tid(browser, "compare-from").selectByAttribute("value", "1");
    await tid(browser, "compare-to").selectByAttribute("value", "2");
    const row = `[data-testid="diff-paragraph"][data-id="${ids.OP3}"]`;
    await until(browser, async () => (await browser.$(row).getAttribute("data-text-changed")) === "true", "no change shown");
    const marked = async (selector) => (await browser.$(row).$$(selector).map((e) => e.getText())).map((t) => t.trim());
    assert.deepEqual(await marked("del.diff-del"), ["[", "]"]);
    assert.deepEqual(await marked("ins.diff-ins"), ["high-level"]);
    // Renumbering (OP1bis became OP2 at the close) is apart, off by default.
    assert.equal(await browser.$$('[data-testid="mark-renumbered"]').length, 0);
    await tid(browser, "show-renumbering").click();
    await until(browser, async () => (await browser.$$('[data-testid="mark-renumbered"]').length) > 0, "renumbering not shown on request");
    assert.match(await browser.$('[data-testid="mark-renumbered"]').getText(), /Renumbered OP\d\w* → OP\d/);
    await tid(browser, "show-renumbering").click();
    await screenshot(browser, "comparison-bracket.png");
    await tid(browser, "tab-text").click();
  });

  it("find marks the words and steps through the paragraphs that hold them", async () => {
    await tid(browser, "find-search").setValue("states");
    await eventually(browser, async () => (await readText(browser)).length, 2, "paragraphs found");
    const found = await browser.execute(() => [...document.querySelectorAll('[data-testid="found"]')].map((m) => m.textContent));
    assert.deepEqual(found, ["states", "states"]);
    await tid(browser, "find-search").click();
    await browser.keys(Key.Enter);
    await eventually(browser, () => tid(browser, "find-where").getText(), "1 of 2 paragraphs · Enter for the next, Shift+Enter the previous", "first hit");
    await browser.keys(Key.Enter);
    await until(browser, async () => (await tid(browser, "find-where").getText()).startsWith("2 of 2"), "Enter did not step");
    await browser.keys([Key.Shift, Key.Enter]);
    await until(browser, async () => (await tid(browser, "find-where").getText()).startsWith("1 of 2"), "Shift+Enter did not step back");
    await screenshot(browser, "find.png");
    await browser.keys(Key.Escape);
    await eventually(browser, async () => (await readText(browser)).length, 4, "every paragraph again");
  });

  it("a long paste is split into paragraphs through the import preview", async () => {
    const pasted = [
      "1. To encourage regional cooperation on aquifers.",
      "2. To invite observers to share their experience.",
      "3. To decide to review this matter at the next session.",
    ].join("\n\n");
    await paragraph(browser, ids.OP1).$('[data-testid="paragraph-text"]').doubleClick();
    const editor = await tid(browser, "paragraph-editor");
    await editor.waitForDisplayed();
    await browser.execute((text) => {
      const area = document.querySelector('[data-testid="paragraph-editor"]');
      const data = new DataTransfer();
      data.setData("text/plain", text);
      area.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, pasted);
    await tid(browser, "paste-offer").waitForDisplayed();
    assert.match(await tid(browser, "paste-offer").getText(), /You pasted 3 lines/);
    await tid(browser, "paste-split").click();
    await tid(browser, "import-preview").waitForDisplayed();
    const statuses = await browser.execute(() => [...document.querySelectorAll('[data-testid="import-paragraph"]')].map((p) => p.dataset.status));
    assert.deepEqual(statuses, ["proposed", "proposed", "proposed"]);
    await screenshot(browser, "paste-preview.png");
    await tid(browser, "import-insert-pasted").click();
    await tid(browser, "import-preview").waitForExist({ reverse: true });
    const text = await readText(browser);
    const at = text.findIndex((p) => p.id === ids.OP1);
    assert.deepEqual(text.slice(at, at + 4).map((p) => p.label), ["OP1", "OP1bis", "OP1ter", "OP1quater"]);
    assert.equal(text[at + 1].text, "To encourage regional cooperation on aquifers.");
  });

  it("Escape over typed words asks first, and agreed text is deleted only with a reason", async () => {
    const before = (await readParagraph(browser, ids.OP2)).text;
    await paragraph(browser, ids.OP2).$('[data-testid="paragraph-text"]').doubleClick();
    const editor = await tid(browser, "paragraph-editor");
    await editor.waitForDisplayed();
    await browser.keys([" ", "n", "o", "w"]);
    await browser.keys(Key.Escape);
    await tid(browser, "editor-discard-warning").waitForDisplayed();
    assert.ok(await tid(browser, "paragraph-editor").isExisting(), "the typing was thrown away at the first Escape");
    await browser.keys(Key.Escape);
    await tid(browser, "paragraph-editor").waitForExist({ reverse: true });
    assert.equal((await readParagraph(browser, ids.OP2)).text, before);

    await select(browser, ids.OP1);
    await browser.keys(Key.Delete);
    await tid(browser, "delete-reason").waitForDisplayed();
    await tid(browser, "delete-reason").setValue("merged into OP1bis");
    await tid(browser, "delete-submit").click();
    await until(browser, async () => !(await readText(browser)).some((p) => p.id === ids.OP1), "OP1 was not deleted");
  });

  it("Ctrl+P prints the clean text as the export lays it out", async () => {
    await browser.keys([Key.Ctrl, "p"]);
    await tid(browser, "export-dialog").waitForDisplayed();
    assert.equal(await tid(browser, "export-submit").getText(), "Print…");
    assert.ok(!(await tid(browser, "export-format-docx").isExisting()), "printing has no format to choose");
    await tid(browser, "export-kind-clean").click();
    await tid(browser, "export-submit").click();
    const done = await tid(browser, "export-done");
    await done.waitForExist({ timeout: 60_000, timeoutMsg: "the print was not prepared" });
    const pdf = await done.getAttribute("data-path");
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();
    assert.match(text, /To encourage regional cooperation on aquifers/);
    assert.doesNotMatch(text, /1bis|OP1ter/, "the clean text prints clean numbers");
    execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", pdf, join(SCREENSHOTS, "printed-page")]);
    await tid(browser, "export-close").click();
  });

  it("About names the version the CLI gives and the file format", async () => {
    await fileMenu(browser, "menu-about");
    await tid(browser, "about-version").waitForDisplayed();
    const cli = execFileSync(process.env.ACCORD_CLI, ["--version"]).toString().trim();
    assert.equal(`accord ${await tid(browser, "about-version").getText()}`, cli);
    assert.match(await tid(browser, "about-dialog").getText(), /last written by Accord \d/);
    await browser.keys(Key.Escape);
  });

  it("a dialog is the window's own modal: Tab stays inside, Escape closes it, focus goes back to its button", async () => {
    await browser.execute(() => document.querySelector('[data-testid="close-round"]').focus());
    await tid(browser, "close-round").click();
    const dialog = await tid(browser, "close-round-dialog");
    await dialog.waitForDisplayed();
    assert.ok(await browser.execute(() => document.querySelector("dialog").matches(":modal")), "not a modal <dialog>");
    await screenshot(browser, "dialog-close-round.png");
    for (let i = 0; i < 8; i++) {
      await browser.keys(Key.Tab);
      assert.ok(await browser.execute(() => !!document.activeElement?.closest("dialog")), `Tab ${i + 1} left the dialog`);
    }
    await browser.keys(Key.Escape);
    await until(browser, async () => !(await dialog.isExisting()), "Escape did not close the dialog");
    assert.equal(await browser.execute(() => document.activeElement?.dataset.testid), "close-round", "focus did not go back");
  });
});
