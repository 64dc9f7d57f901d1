// Language versions, as a secretariat officer keeps them: the Spanish Paris Agreement brought in
// from a file beside the English original (its alignment shown and corrected before writing),
// then, once an operative paragraph of the original changed in the next round, exactly that
// paragraph shows as stale side by side with what changed, the filter "stale or missing in
// Spanish" finds it, a missing paragraph is typed in, and the Dashboard says what the Spanish
// version lacks.

import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { choose, CORPUS, eventually, FILES, IMPORT, launch, retype, screenshot, tid, tids } from "../lib/app.mjs";

const ENGLISH = join(CORPUS, "real", "unfccc-2015-paris-agreement-12dec-en.md");
const SPANISH = join(CORPUS, "real", "unfccc-2015-paris-agreement-es.md");
const cli = (...args) => execFileSync(process.env.ACCORD_CLI, args).toString();

let browser;

/** The right-hand states of the rows shown, by label. */
async function rightStates() {
  return browser.execute(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="parallel-paragraph"]')].map((el) => [el.dataset.label, el.dataset.rightState]),
    ),
  );
}

describe("language versions", () => {
  after(async () => {
    await browser?.deleteSession().catch(() => {});
  });

  it("imports the Spanish text with its alignment corrected before writing", async () => {
    const file = join(FILES, "paris-import.accord");
    cli("import", ENGLISH, "-o", file);
    browser = await launch([file]);
    await tid(browser, "tab-languages").click();
    await tid(browser, "no-languages").waitForExist();
    await choose(browser, await tid(browser, "language-add-choice"), "es");
    await tid(browser, "language-add").click();
    await eventually(browser, async () => (await tid(browser, "language-right").getValue()), "es", "Spanish kept");
    copyFileSync(SPANISH, IMPORT);
    await tid(browser, "translation-import").click();
    const summary = tid(browser, "translation-plan-summary");
    await eventually(browser, () => summary.isExisting(), true, "the alignment shown");
    assert.match(await summary.getText(), /^216 of 217 paragraphs matched automatically/);
    await screenshot(browser, "languages-import-plan.png");
    const rows = await tids(browser, "translation-plan-row");
    const last = rows[rows.length - 1];
    await choose(browser, await last.$('[data-testid="translation-plan-choice"]'), "");
    await eventually(browser, async () => (await summary.getText()).split(" ")[0], "215", "the correction replanned");
    await tid(browser, "translation-plan-write").click();
    await tid(browser, "translation-plan").waitForExist({ reverse: true });
    await eventually(
      browser,
      async () => Object.values(await rightStates()).filter((s) => s === "current").length,
      215,
      "215 paragraphs translated",
    );
  });

  it("shows exactly the edited paragraph stale, filters it, and counts on the Dashboard", async () => {
    const file = join(FILES, "paris-stale.accord");
    cli("import", ENGLISH, "-o", file);
    cli("language", "add", file, "--lang", "es");
    cli("language", "import", file, SPANISH, "--lang", "es");
    cli("close-round", file);
    const show = JSON.parse(cli("show", file, "--json"));
    const op20 = show.paragraphs.find((p) => p.label === "OP20");
    cli("edit", file, "OP20", `${op20.text} (as amended)`, "--reopen", "amended in round 2");
    await browser?.deleteSession().catch(() => {});
    browser = await launch([file]);
    await tid(browser, "tab-languages").click();
    await tid(browser, "parallel-paragraph").waitForExist();
    const states = await rightStates();
    assert.equal(states.OP20, "stale");
    assert.deepEqual(Object.entries(states).filter(([, s]) => s === "stale").map(([l]) => l), ["OP20"]);
    const missing = Object.entries(states).filter(([, s]) => s === "missing").map(([l]) => l);
    assert.equal(missing.length, 1, "the heading the Spanish text lacks");
    await tid(browser, "only-stale-missing").click();
    await eventually(browser, async () => Object.keys(await rightStates()).sort().join(), ["OP20", missing[0]].sort().join(), "the filter");
    const changes = await browser.$('[data-label="OP20"] [data-testid="original-changes"]');
    assert.match(await changes.getText(), /as amended/);
    await screenshot(browser, "languages-side-by-side-stale.png");

    const row = await browser.$(`[data-label="${missing[0]}"]`);
    await row.$('[data-testid="translation-edit"]').click();
    await retype(browser, await tid(browser, "translation-input"), "#### Artículo 14");
    await tid(browser, "translation-save").click();
    await eventually(browser, async () => Object.keys(await rightStates()).join(), "OP20", "only OP20 left in the filter");

    await tid(browser, "tab-dashboard").click();
    const sentence = tid(browser, "language-sentence");
    await sentence.waitForExist();
    assert.equal(await sentence.getText(), "The Spanish version lacks 1 paragraph changed in Round 2.");
    await screenshot(browser, "languages-dashboard.png");
  });
});
