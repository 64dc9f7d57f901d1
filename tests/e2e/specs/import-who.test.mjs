// A draft from another body, as a secretariat officer receives it: a World Health Assembly
// resolution in text extracted from its PDF (hard-wrapped lines, footnote numbers and notes at the
// page foot) previews with its symbol and title from the heading, the Assembly's opening clause,
// its preambular paragraphs and its numbered paragraphs with their "(1)" items nested under them;
// a text that is no draft (a government notice) previews under the importer's warning, and the
// chair's "Operative part starts here" re-reads its kinds.

import assert from "node:assert/strict";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CORPUS, fileMenu, IMPORT, launch, screenshot, tid } from "../lib/app.mjs";

let browser;

describe("importing a WHO resolution", () => {
  after(async () => {
    await browser?.deleteSession().catch(() => {});
  });

  it("previews WHA66.22 with its heading, opening clause and nested items", async () => {
    browser = await launch();
    copyFileSync(join(CORPUS, "real", "wha-2013-wha66-22-en.txt"), IMPORT);
    await fileMenu(browser, "menu-import");
    await tid(browser, "import-preview").waitForExist({ timeoutMsg: "no preview" });
    assert.equal(await tid(browser, "import-symbol").getValue(), "WHA66.22");
    assert.match(await tid(browser, "import-title").getValue(), /^Follow up of the report of the Consultative Expert Working Group/);
    const paragraphs = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="import-paragraph"]')].map((el) => ({
        kind: el.getAttribute("data-kind"),
        text: el.querySelector('[data-testid="import-text"]').value,
      })),
    );
    const kinds = paragraphs.map((p) => p.kind);
    assert.equal(kinds[0], "opening_clause");
    const verbs = paragraphs.filter((p) => p.kind === "operative").map((p) => p.text.split(" ")[0]);
    // The known miss of tests/corpus/real/expect (a page break splits the last item) aside.
    assert.deepEqual(verbs.slice(0, 4), ["ENDORSES", "URGES", "CALLS", "REQUESTS"]);
    assert.equal(kinds.filter((k) => k === "sub_paragraph").length, 17, "their (1), (2)… items");
    assert.equal(kinds.filter((k) => k === "verb_line").length, 0);
    assert.equal(await tid(browser, "import-warning").isExisting(), false, "a resolution reads as a draft");
    await screenshot(browser, "import-who.png");
  });

  it("warns, above the paragraphs, that a government notice does not read as a draft", async () => {
    await tid(browser, "import-cancel").click();
    copyFileSync(join(CORPUS, "real", "mx-2019-sener-aviso-factor-emision-es.md"), IMPORT);
    await fileMenu(browser, "menu-import");
    const warning = tid(browser, "import-warning");
    await warning.waitForExist({ timeoutMsg: "no warning" });
    assert.equal(await warning.getAttribute("data-code"), "not_a_draft");
    assert.match(await warning.getText(), /^This text does not read as a draft/);
    await screenshot(browser, "import-not-a-draft.png");
  });

  it("re-reads the draft when the chair says where the operative part starts", async () => {
    const paragraph = tid(browser, "import-paragraph");
    assert.equal(await paragraph.getAttribute("data-kind"), "preambular");
    await tid(browser, "import-operative-from").click();
    await browser.waitUntil(async () => (await paragraph.getAttribute("data-kind")) === "operative", {
      timeoutMsg: "the paragraph was not re-read as operative",
    });
    await screenshot(browser, "import-operative-from.png");
  });
});
