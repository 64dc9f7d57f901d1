// A chair's whole flow, in the real window: create a negotiation, draft it, set statuses,
// bracket words, close rounds, edit and move, compare, read the dashboard, quit, relaunch, and find
// everything as it was. Plus: text is never run as HTML. Steps share one window and run in order.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  addParagraph,
  editText,
  eventually,
  Key,
  launch,
  paragraph,
  readParagraph,
  readText,
  retype,
  screenshot,
  select,
  selectWords,
  tid,
  tids,
  until,
} from "../lib/app.mjs";

const TITLE = "Draft Declaration of Puerto Claro on Digital Inclusion in the Americas";
const PP = [
  "RECOGNIZING that access to digital services is essential to full participation in public life;",
  "CONCERNED that the digital divide persists between and within member states;",
  "BEARING IN MIND the commitments made at previous regular sessions of the General Assembly;",
];
const OP = [
  "To urge member states to adopt national strategies for digital inclusion.",
  "To request the General Secretariat to prepare a regional report on connectivity.",
  "To instruct the Permanent Council to convene a special meeting on this matter.",
];
const PP2_EDITED = "CONCERNED that the digital divide persists between and within member states, particularly in rural areas;";
const OP3_EDITED = "To instruct the Permanent Council to hold a special session on this matter.";
const SCRIPT_TEXT = '<img src=x onerror="window.__accordXss=1"> <script>window.__accordXss=2</script>';

let browser;
const ids = {};
let filePath;
let before_quit;

async function statusOf(id) {
  return (await readParagraph(browser, id))?.status;
}

async function waitStatus(id, status) {
  await eventually(browser, () => statusOf(id), status, `status of ${id}`);
}

async function closeRound(label, date) {
  const before = (await tids(browser, "round-item")).length;
  await tid(browser, "close-round").click();
  await tid(browser, "round-label").setValue(label);
  // A date field's picker is native; set its value as the picker would.
  await browser.execute((d) => {
    const input = document.querySelector('[data-testid="round-date"]');
    input.value = d;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, date);
  await tid(browser, "close-round-submit").click();
  await until(browser, async () => (await tids(browser, "round-item")).length === before + 1, "the round did not close");
}

describe("a chair's negotiation, end to end", () => {
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
  });

  it("first run shows the sample negotiation with every status", async () => {
    await until(browser, async () => (await tids(browser, "paragraph")).length > 5, "the sample has no text");
    const statuses = new Set((await readText(browser)).map((p) => p.status));
    for (const s of ["agreed", "ad_referendum", "bracketed", "pending", "proposed"]) assert.ok(statuses.has(s), `sample lacks ${s}`);
    assert.ok((await tids(browser, "round-item")).length >= 3, "the sample has several rounds");
    await screenshot(browser, "sample.png");
  });

  it("creates a negotiation", async () => {
    await browser.keys([Key.Ctrl, "n"]);
    await tid(browser, "meta-title").setValue(TITLE);
    await tid(browser, "meta-symbol").setValue("AG/doc.9100/26");
    await tid(browser, "meta-session").setValue("Fifty-sixth regular session");
    await tid(browser, "meta-submit").click();
    await eventually(browser, () => tid(browser, "file-title").getProperty("textContent"), TITLE, "title of the open file");
    filePath = await tid(browser, "file-name").getAttribute("data-path");
    assert.match(filePath, /puerto-claro.*\.accord$/);
    assert.equal((await tids(browser, "paragraph")).length, 0);
    assert.equal((await tids(browser, "round-item")).length, 1);
  });

  it("adds three preambular and three operative paragraphs", async () => {
    for (const [i, text] of PP.entries()) ids[`PP${i + 1}`] = await addParagraph(browser, "preambular", text);
    for (const [i, text] of OP.entries()) ids[`OP${i + 1}`] = await addParagraph(browser, "operative", text);
    const text = await readText(browser);
    assert.deepEqual(text.map((p) => p.kind), ["preambular", "preambular", "preambular", "operative", "operative", "operative"]);
    assert.deepEqual(text.map((p) => p.label), ["PP1", "PP2", "PP3", "OP1", "OP2", "OP3"]);
    assert.deepEqual(text.map((p) => p.text), [...PP, ...OP]);
    // Operative paragraphs are numbered as printed; the opener of a preambular one is marked.
    const numbers = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="paragraph"][data-kind="operative"] [data-testid="paragraph-number"]')].map((n) => n.textContent),
    );
    assert.deepEqual(numbers, ["1.", "2.", "3."]);
    const opener = await paragraph(browser, ids.PP3).$('[data-testid="opener"]').getText();
    assert.equal(opener, "BEARING IN MIND");
  });

  it("sets one paragraph agreed, one ad referendum of two delegations, one bracketed with an inline bracket", async () => {
    // Agreed, from the keyboard.
    await select(browser, ids.PP1);
    await browser.keys([Key.Alt, "1"]);
    await waitStatus(ids.PP1, "agreed");

    // Ad referendum of Canada and Mexico, from the keyboard and the delegation picker.
    await select(browser, ids.OP1);
    await browser.keys([Key.Alt, "2"]);
    for (const name of ["Canada", "Mexico"]) {
      await tid(browser, "delegation-filter").setValue(name);
      await browser.$(`[data-testid="delegation-option"][data-name="${name}"] input`).click();
    }
    await tid(browser, "adref-submit").click();
    await waitStatus(ids.OP1, "ad_referendum");
    const op1 = await readParagraph(browser, ids.OP1);
    assert.equal(op1.delegations, "Canada, Mexico");
    assert.match(op1.badge, /Canada, Mexico/);

    // Bracket the selected words with Ctrl+B, then mark the paragraph bracketed from the status menu.
    await select(browser, ids.OP2);
    await selectWords(browser, ids.OP2, "a regional report");
    await browser.keys([Key.Ctrl, "b"]);
    assert.equal(await tid(browser, "bracket-words").getText(), "a regional report");
    await tid(browser, "delegation-filter").setValue("Brazil");
    await browser.$('[data-testid="delegation-option"][data-name="Brazil"] input').click();
    await tid(browser, "bracket-submit").click();
    await until(browser, async () => (await readParagraph(browser, ids.OP2)).brackets.length === 1, "no bracket appeared");
    await paragraph(browser, ids.OP2).$('[data-testid="status-button"]').click();
    await tid(browser, "status-option-bracketed").click();
    await waitStatus(ids.OP2, "bracketed");
    const op2 = await readParagraph(browser, ids.OP2);
    assert.match(op2.brackets[0], /^\[.*a regional report\]$/);
    assert.equal(await paragraph(browser, ids.OP2).$('[data-testid="bracket"]').getAttribute("data-holders"), "Brazil");

    // Agreeing a paragraph that still holds a bracket is refused with a readable message.
    await browser.keys([Key.Alt, "1"]);
    const toast = await tid(browser, "toast-error");
    await toast.waitForDisplayed();
    assert.equal(await toast.getAttribute("data-code"), "brackets_remain");
    assert.equal(await statusOf(ids.OP2), "bracketed");
  });

  it("closes round 1", async () => {
    await closeRound("Formal session, 5 May 2026", "2026-05-05");
    const rounds = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="round-item"]')].map((r) => [r.dataset.round, r.dataset.state]),
    );
    assert.deepEqual(rounds, [["2", "open"], ["1", "closed"]]);
  });

  it("edits two paragraphs and moves one", async () => {
    await editText(browser, ids.PP2, PP2_EDITED);
    await editText(browser, ids.OP3, OP3_EDITED);
    await select(browser, ids.OP3);
    await browser.keys([Key.Alt, Key.ArrowUp]);
    await until(
      browser,
      async () => (await readText(browser)).map((p) => p.id).join() === [ids.PP1, ids.PP2, ids.PP3, ids.OP1, ids.OP3, ids.OP2].join(),
      "OP3 did not move above OP2",
    );
    const op3 = await readParagraph(browser, ids.OP3);
    assert.equal(op3.label, "OP3", "working labels stay put within a round");
    assert.equal(op3.number, "3", "the text reads as the margin does");
  });

  it("closes round 2", async () => {
    await closeRound("Formal session, 12 May 2026", "2026-05-12");
    assert.equal((await tids(browser, "round-item")).length, 3);
  });

  it("shows the editor", async () => {
    await select(browser, ids.OP2);
    await screenshot(browser, "editor.png");
  });

  it("compares round 1 with round 2: insertion, deletion and the moved paragraph are marked", async () => {
    await tid(browser, "tab-compare").click();
    await tid(browser, "compare-from").selectByAttribute("value", "1");
    await tid(browser, "compare-to").selectByAttribute("value", "2");
    const moved = await until(
      browser,
      async () => {
        const rows = await browser.$$('[data-testid="diff-paragraph"][data-moved="true"]');
        return rows.length ? rows : null;
      },
      "no paragraph is marked as moved",
    );
    assert.equal(moved.length, 1);
    assert.equal(await moved[0].getAttribute("data-id"), ids.OP3);
    assert.ok(await moved[0].$('[data-testid="mark-moved"]').isDisplayed());

    const pp2 = await browser.$(`[data-testid="diff-paragraph"][data-id="${ids.PP2}"]`);
    assert.equal(await pp2.getAttribute("data-text-changed"), "true");
    const inserted = await pp2.$$("ins.diff-ins").map((e) => e.getText());
    assert.ok(inserted.join(" ").includes("particularly in rural areas"), `insertions: ${inserted}`);

    const op3 = await browser.$(`[data-testid="diff-paragraph"][data-id="${ids.OP3}"]`);
    const deleted = await op3.$$("del.diff-del").map((e) => e.getText());
    const insertedOp3 = await op3.$$("ins.diff-ins").map((e) => e.getText());
    assert.ok(deleted.join(" ").includes("convene"), `deletions: ${deleted}`);
    assert.ok(insertedOp3.join(" ").includes("hold"), `insertions: ${insertedOp3}`);
    // Within round 2 OP2 kept its label though OP3 moved above it: nothing was renumbered.
    assert.equal(await browser.$(`[data-testid="diff-paragraph"][data-id="${ids.OP2}"]`).getAttribute("data-renumbered"), "false");
    await screenshot(browser, "comparison.png");

    await tid(browser, "mode-side").click();
    assert.ok(await browser.$('[data-testid="diff-paragraph"] .body.old del.diff-del').isExisting());
    assert.ok(await browser.$('[data-testid="diff-paragraph"] .body.new ins.diff-ins').isExisting());
    await tid(browser, "mode-inline").click();
  });

  it("counts the statuses on the dashboard", async () => {
    await tid(browser, "tab-dashboard").click();
    const count = async (s) => Number(await tid(browser, `count-${s}`).getAttribute("data-count"));
    await until(browser, async () => (await tids(browser, "chart-bar")).length === 3, "the chart has no bar per round");
    assert.equal(await tid(browser, "count-total").$(".n").getText(), "6");
    assert.equal(await count("agreed"), 1);
    assert.equal(await count("ad_referendum"), 1);
    assert.equal(await count("bracketed"), 1);
    assert.equal(await count("pending"), 0);
    assert.equal(await count("proposed"), 3);
    assert.equal(await count("brackets"), 1);
    const pending = await browser.execute(() =>
      Object.fromEntries([...document.querySelectorAll('[data-testid="delegation-pending"]')].map((d) => [d.dataset.delegation, Number(d.dataset.count)])),
    );
    assert.equal(pending.Canada, 1);
    assert.equal(pending.Mexico, 1);
    assert.equal(pending.Brazil, 1);
    assert.ok((await tid(browser, "chair-sentence").getText()).length > 20);
    await screenshot(browser, "dashboard.png");
    await tid(browser, "tab-text").click();
  });

  it("shows text typed as HTML as characters and runs nothing", async () => {
    const id = await addParagraph(browser, "operative", SCRIPT_TEXT);
    const p = await readParagraph(browser, id);
    assert.equal(p.text, SCRIPT_TEXT);
    const injected = await browser.execute(() => ({
      img: document.querySelectorAll('[data-testid="paragraphs"] img').length,
      script: document.querySelectorAll('[data-testid="paragraphs"] script').length,
      flag: window.__accordXss ?? null,
    }));
    assert.deepEqual(injected, { img: 0, script: 0, flag: null });
    ids.SCRIPT = id;
  });

  it("quits, relaunches on the same file and finds everything as it was", async () => {
    before_quit = await readText(browser);
    await browser.deleteSession();
    browser = await launch([filePath]);
    assert.equal(await tid(browser, "file-title").getProperty("textContent"), TITLE);
    const rounds = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="round-item"]')].map((r) => [r.dataset.round, r.dataset.state]),
    );
    assert.deepEqual(rounds, [["3", "open"], ["2", "closed"], ["1", "closed"]]);
    const closed = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="round-item"][data-state="closed"]')].map((r) => [
        r.querySelector('[data-testid="round-item-label"]').textContent,
        r.querySelector('[data-testid="round-item-date"]').dataset.date,
      ]),
    );
    assert.deepEqual(closed, [["Formal session, 12 May 2026", "2026-05-12"], ["Formal session, 5 May 2026", "2026-05-05"]]);
    await until(browser, async () => (await tids(browser, "paragraph")).length === before_quit.length, "the text is incomplete");
    assert.deepEqual(await readText(browser), before_quit);
    const again = await readParagraph(browser, ids.SCRIPT);
    assert.equal(again.text, SCRIPT_TEXT);
    assert.equal(await browser.execute(() => window.__accordXss ?? null), null);

    // Closed rounds still read as they were closed.
    await browser.$('[data-testid="round-item"][data-round="1"]').click();
    await tid(browser, "readonly-banner").waitForDisplayed();
    const round1 = await readText(browser);
    const OP2_BRACKETED = "To request the General Secretariat to prepare [Brazil: a regional report] on connectivity.";
    assert.deepEqual(round1.map((p) => p.text), [...PP, OP[0], OP2_BRACKETED, OP[2]]);
    assert.deepEqual(round1.map((p) => p.status), ["agreed", "proposed", "proposed", "ad_referendum", "bracketed", "proposed"]);
    assert.equal(round1.find((p) => p.id === ids.OP1).delegations, "Canada, Mexico");
  });

  it("asks for a reason before reopening agreed text, and undoes it", async () => {
    await browser.$('[data-testid="round-item"][data-round="3"]').click();
    await until(browser, async () => !(await tid(browser, "readonly-banner").isExisting()), "still read-only");
    await editText(browser, ids.PP1, `${PP[0]}`); // unchanged text: nothing to ask
    await paragraph(browser, ids.PP1).$('[data-testid="paragraph-text"]').doubleClick();
    await retype(browser, await tid(browser, "paragraph-editor"), "RECOGNIZING that access to digital services is essential;");
    await browser.keys(Key.Enter);
    await tid(browser, "reopen-dialog").waitForDisplayed();
    await tid(browser, "reopen-reason").setValue("Delegation of Chile asked to shorten it");
    await tid(browser, "reopen-submit").click();
    await waitStatus(ids.PP1, "pending");
    await browser.keys([Key.Ctrl, "z"]);
    await waitStatus(ids.PP1, "agreed");
    assert.equal((await readParagraph(browser, ids.PP1)).text, PP[0]);
  });
});
