// The editor's tools on the sample negotiation: shortcut sheet, find, history, insert and delete
// with undo, resolving a bracket, proposers, footnotes and notes.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  eventually,
  Key,
  launch,
  paragraph,
  paragraphId,
  readParagraph,
  readText,
  screenshot,
  select,
  tid,
  tids,
  until,
} from "../lib/app.mjs";

let browser;

describe("editing tools on the sample negotiation", () => {
  before(async () => {
    browser = await launch();
    await until(browser, async () => (await tids(browser, "paragraph")).length > 5, "the sample has no text");
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
  });

  it("opens the shortcut sheet with ? and closes it with Escape", async () => {
    await browser.keys("?");
    await tid(browser, "shortcut-sheet").waitForDisplayed();
    assert.match(await tid(browser, "shortcut-sheet").getText(), /Bracket the selected words/);
    await browser.keys(Key.Escape);
    await tid(browser, "shortcut-sheet").waitForExist({ reverse: true });
  });

  it("finds paragraphs by status, by delegation and by words", async () => {
    const all = (await readText(browser)).length;
    await tid(browser, "filter-status-agreed").click();
    await until(browser, async () => (await readText(browser)).length < all, "the status filter did nothing");
    assert.ok((await readText(browser)).every((p) => p.status === "agreed"));
    await tid(browser, "filter-status-agreed").click();

    await tid(browser, "filter-delegation").selectByAttribute("value", "Canada");
    const canada = await until(browser, async () => {
      const list = await readText(browser);
      return list.length < all ? list : null;
    }, "the delegation filter did nothing");
    assert.ok(canada.length >= 1);
    assert.ok(canada.some((p) => (p.delegations ?? "").includes("Canada")));
    await tid(browser, "filter-delegation").selectByAttribute("value", "");

    await tid(browser, "find-search").setValue("water");
    const found = await until(browser, async () => {
      const list = await readText(browser);
      return list.length < all ? list : null;
    }, "search did nothing");
    assert.ok(found.every((p) => p.text.toLowerCase().includes("water")));
    assert.match(await tid(browser, "filter-note").getText(), new RegExp(`Showing ${found.length} of`));
    await tid(browser, "find-search").click();
    await browser.keys([Key.Ctrl, "a"]);
    await browser.keys(Key.Backspace);
    await eventually(browser, async () => (await readText(browser)).length, all, "paragraphs after clearing the search");
  });

  it("shows a paragraph's history across rounds", async () => {
    const id = await paragraphId(browser, "early warning");
    await select(browser, id);
    // The sample's OP2: pending in round 1, bracketed with an alternative in round 2, the same in
    // the open round 3 (rev.2), which shows no text of its own: it is the one above.
    const plain = "The importance of early warning systems for communities exposed to floods and droughts.";
    const bracketed = "The importance of [early warning systems / risk information systems] for communities exposed to floods and droughts.";
    const readHistory = () =>
      browser.execute(() =>
        [...document.querySelectorAll('[data-testid="history-entry"]')].map((e) => ({
          round: e.getAttribute("data-round"),
          roundLabel: e.querySelector(".rl")?.textContent.trim(),
          label: e.querySelector(".lbl")?.textContent.trim(),
          status: e.querySelector('[data-testid="status-badge"]')?.getAttribute("data-status"),
          changed: e.classList.contains("changed"),
          text: e.querySelector(".txt")?.textContent,
        })),
      )
      // WebDriver does not keep an object's key order: put it back, as `eventually` compares JSON.
      .then((entries) => entries.map(({ round, roundLabel, label, status, changed, text }) => ({ round, roundLabel, label, status, changed, text })));
    await eventually(
      browser,
      readHistory,
      [
        { round: "1", roundLabel: "Formal session, 12 January 2026", label: "OP2", status: "pending", changed: true, text: plain },
        { round: "2", roundLabel: "Formal session, 2 February 2026", label: "OP2", status: "bracketed", changed: true, text: bracketed },
        { round: "3", roundLabel: "rev.2", label: "OP2", status: "bracketed", changed: false, text: null },
      ],
      "the history of OP2",
    );
  });

  it("resolves a bracket by keeping one alternative, and undoes it", async () => {
    const id = await paragraphId(browser, "early warning");
    const before = await readParagraph(browser, id);
    assert.ok(before.brackets.length >= 1);
    await select(browser, id);
    await tid(browser, "keep-option").click();
    await until(browser, async () => (await readParagraph(browser, id)).brackets.length === before.brackets.length - 1, "the bracket stayed");
    assert.ok((await readParagraph(browser, id)).text.includes("early warning systems"));
    await tid(browser, "undo").click();
    await eventually(browser, async () => (await readParagraph(browser, id)).text, before.text, "text after undo");
  });

  it("inserts a paragraph after the selected one, deletes it, and undoes the deletion", async () => {
    const anchor = await paragraphId(browser, "early warning");
    await select(browser, anchor);
    await browser.keys([Key.Ctrl, Key.Enter]);
    const editor = await tid(browser, "paragraph-editor");
    await editor.waitForDisplayed();
    const text = "To encourage the exchange of hydrological data among neighbouring states.";
    await editor.setValue(text);
    await browser.keys(Key.Enter);
    const id = await paragraphId(browser, "hydrological data");
    const order = (await readText(browser)).map((p) => p.id);
    assert.equal(order.indexOf(id), order.indexOf(anchor) + 1);
    assert.match((await readParagraph(browser, id)).label, /bis$/);

    await select(browser, id);
    await browser.keys(Key.Delete);
    await tid(browser, "delete-submit").click();
    await until(browser, async () => !(await readText(browser)).some((p) => p.id === id), "the paragraph was not deleted");
    await browser.keys([Key.Ctrl, "z"]);
    await until(browser, async () => (await readText(browser)).some((p) => p.id === id), "undo did not restore it");
  });

  it("names proposers, adds a footnote and keeps the chair's notes", async () => {
    const id = await paragraphId(browser, "hydrological data");
    await select(browser, id);
    await tid(browser, "proposer-select").selectByAttribute("value", "Uruguay");
    await tid(browser, "proposer-add").click();
    await eventually(browser, () => paragraph(browser, id).$(".proposers").getProperty("textContent"), "Proposed by Uruguay", "proposers");

    await tid(browser, "footnote-text").setValue("Reservation: data sharing is voluntary.");
    await tid(browser, "footnote-add").click();
    await until(browser, async () => (await tids(browser, "footnote")).length === 1, "no footnote");
    assert.ok(await paragraph(browser, id).$("sup.fn-ref").isExisting());

    await tid(browser, "notes").setValue("Check with the Paraguay delegation.");
    await paragraph(browser, await paragraphId(browser, "early warning")).$('[data-testid="paragraph-text"]').click();
    await select(browser, id);
    await eventually(browser, () => tid(browser, "notes").getProperty("value"), "Check with the Paraguay delegation.", "notes");
  });

  it("shows drafting warnings for the selected paragraph and their count on the dashboard", async () => {
    await tid(browser, "tab-dashboard").click();
    const before = Number(await tid(browser, "count-warnings").getAttribute("data-count"));
    await tid(browser, "tab-text").click();
    await tid(browser, "add-preambular").click();
    const editor = await tid(browser, "paragraph-editor");
    await editor.waitForDisplayed();
    await editor.setValue("the member states will keep the rivers clean");
    await browser.keys(Key.Enter);
    const id = await paragraphId(browser, "keep the rivers clean");
    await select(browser, id);
    const codes = await until(browser, async () => {
      const list = await browser.execute(() =>
        [...document.querySelectorAll('[data-testid="paragraph-warning"]')].map((w) => w.getAttribute("data-code")),
      );
      return list.length ? list : null;
    }, "no drafting warning in the inspector");
    assert.ok(codes.includes("preambular_opening"), codes.join(" "));
    await screenshot(browser, "warnings.png");
    await tid(browser, "tab-dashboard").click();
    await eventually(browser, async () => Number(await tid(browser, "count-warnings").getAttribute("data-count")) > before, true, "warnings count");
    await tid(browser, "tab-text").click();
    await browser.keys([Key.Ctrl, "z"]);
    await until(browser, async () => !(await readText(browser)).some((p) => p.id === id), "undo did not remove it");
  });
});
