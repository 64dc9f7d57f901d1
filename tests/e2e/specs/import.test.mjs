// The import preview, in the real window: File ▸ Import reads a draft (ACCORD_E2E_IMPORT stands in
// for the open dialog), bad input shows the importer's error and writes nothing, the San Salvador
// draft previews with its kinds, statuses and skipped lines, a kind is corrected, and "Create
// negotiation" writes round 1 and opens it. Steps share one window and run in order.

import assert from "node:assert/strict";
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { choose, CORPUS, eventually, FILES, fileMenu, IMPORT, launch, readText, screenshot, tid, tids, until } from "../lib/app.mjs";

const SAN_SALVADOR = join(CORPUS, "san-salvador-2011.txt");

let browser;

/** What the preview shows, paragraph by paragraph. */
async function readPreview() {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="import-paragraph"]')].map((el) => ({
      index: Number(el.getAttribute("data-index")),
      kind: el.getAttribute("data-kind"),
      status: el.getAttribute("data-status"),
      delegations: el.getAttribute("data-delegations"),
      text: el.querySelector('[data-testid="import-text"]').value,
    })),
  );
}

const count = (list, kind) => list.filter((p) => p.kind === kind).length;

describe("importing a draft through the preview", () => {
  before(async () => {
    assert.ok(IMPORT && FILES, "run the tests through tests/e2e/run.sh");
    browser = await launch();
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
  });

  it("refuses empty, binary and garbage files with a readable message and writes nothing", async () => {
    const cases = [
      ["an empty file", "", "empty"],
      ["a binary file", Buffer.from([0x25, 0x50, 0x44, 0x46, 0, 1, 2, 3, 0, 0xff, 0xfe, 0]), "binary"],
      ["text that is no draft", "lorem ipsum dolor sit amet\nconsectetur adipiscing elit\n", "no_draft_found"],
    ];
    const files = readdirSync(FILES).sort();
    for (const [what, content, code] of cases) {
      writeFileSync(IMPORT, content);
      await fileMenu(browser, "menu-import");
      const title = await tid(browser, "import-error-title");
      await title.waitForExist({ timeoutMsg: `no error shown for ${what}` });
      assert.equal(await title.getAttribute("data-code"), code, what);
      const message = await tid(browser, "import-error-message").getText();
      assert.match(message, /^cannot import: [a-z]/, `${what}: a sentence, not a code: ${message}`);
      await tid(browser, "import-error-ok").click();
      await until(browser, async () => !(await tid(browser, "import-error").isExisting()), "the error did not close");
      assert.equal(await tid(browser, "import-preview").isExisting(), false, `${what} opened a preview`);
    }
    assert.deepEqual(readdirSync(FILES).sort(), files, "bad input wrote a file");
  });

  it("previews the San Salvador draft: 28 preambular, 17 operative, the covering report skipped", async () => {
    copyFileSync(SAN_SALVADOR, IMPORT);
    await fileMenu(browser, "menu-import");
    await tid(browser, "import-preview").waitForExist({ timeoutMsg: "no preview" });
    const list = await readPreview();
    assert.equal(count(list, "preambular"), 28);
    assert.equal(count(list, "operative"), 17);
    assert.equal(count(list, "opening_clause"), 1);
    assert.equal(count(list, "verb_line"), 1);
    assert.equal(await tid(browser, "import-count-preambular").getAttribute("data-count"), "28");
    assert.equal(await tid(browser, "import-count-operative").getAttribute("data-count"), "17");
    assert.match(await tid(browser, "import-title").getValue(), /Declaration of San Salvador on Citizen Security/);
    assert.match(await tid(browser, "import-status-line").getText(), /ad referendum of the delegation of Mexico/);

    const op16 = list.filter((p) => p.kind === "operative")[15];
    assert.equal(op16.status, "ad_referendum");
    assert.equal(op16.delegations, "Canada");
    assert.ok(!/referendum/i.test(op16.text), `the annotation stays in the text: ${op16.text}`);

    // The chair's covering report comes first, skipped, in a collapsed group.
    const groups = await tids(browser, "import-skipped");
    assert.ok(groups.length >= 2, "skipped lines are shown in place");
    const first = groups[0];
    assert.match(await first.getAttribute("data-reasons"), /covering_report/);
    assert.ok(Number(await first.getAttribute("data-count")) >= 10, "the covering report is skipped whole");
    assert.equal(await first.getProperty("open"), false, "skipped lines start collapsed");
    const [firstParagraph] = await tids(browser, "import-paragraph");
    assert.ok((await first.getLocation("y")) < (await firstParagraph.getLocation("y")), "the report stands before the text");
    await screenshot(browser, "import-preview.png");
    await first.$("summary").click();
    await until(browser, async () => (await first.$$('[data-testid="skipped-line"]')).length > 0, "the group did not open");
    const reasons = await browser.execute(
      (el) => [...el.querySelectorAll('[data-testid="skipped-line"]')].map((l) => l.getAttribute("data-reason")),
      first,
    );
    assert.ok(reasons.includes("covering_report"), reasons.join(" "));
  });

  it("corrects a paragraph's kind in the preview", async () => {
    const last = (await tids(browser, "import-paragraph")).at(-1);
    assert.equal(await last.getAttribute("data-kind"), "operative");
    await choose(browser, await last.$('[data-testid="import-kind"]'), "sub_paragraph");
    await eventually(browser, () => last.getAttribute("data-kind"), "sub_paragraph", "kind of the last paragraph");
    await eventually(browser, () => tid(browser, "import-count-operative").getAttribute("data-count"), "16", "operative count");
  });

  it("creates the negotiation from the preview and opens it", async () => {
    await tid(browser, "import-create").click();
    await eventually(
      browser,
      async () => (await tid(browser, "file-title").getProperty("textContent")).includes("San Salvador"),
      true,
      "the new negotiation is open",
    );
    await until(browser, async () => (await tids(browser, "paragraph")).length >= 47, "the text did not load");
    const text = await readText(browser);
    const op16 = text.find((p) => p.label === "OP16");
    assert.ok(op16, `no OP16 among ${text.map((p) => p.label).join(" ")}`);
    assert.equal(op16.status, "ad_referendum");
    assert.equal(op16.delegations, "Canada");
    const badge = await browser.$('[data-testid="paragraph"][data-label="OP16"] [data-testid="status-badge"]').getText();
    assert.match(badge, /Canada/);
    assert.match(await tid(browser, "doc-status-line").getText(), /ad referendum of the delegation of Mexico/);
    assert.equal(count(text, "preambular"), 28);
    assert.equal(text.at(-1).kind, "sub_paragraph", "the corrected kind was written");
    const path = await tid(browser, "file-name").getAttribute("data-path");
    assert.ok(readdirSync(FILES).some((f) => path.endsWith(f)), `${path} is not in ACCORD_E2E_DIR`);
  });

  it("imports a revised draft as the open round's new text, keeping the paragraphs found again", async () => {
    const before = await readText(browser);
    const op3 = before.find((p) => p.label === "OP3");
    const revised = readFileSync(SAN_SALVADOR, "utf8")
      .replace("dealing with the causes of crime", "dealing with the root causes of crime")
      .replace("17. That they request", "17. That they welcome the offer of Peru to host the next meeting.\n18. That they request");
    writeFileSync(IMPORT, revised);
    await fileMenu(browser, "menu-import");
    await tid(browser, "import-preview").waitForExist({ timeoutMsg: "no preview for the revision" });
    await tid(browser, "import-as-revision").click();
    await until(
      browser,
      () =>
        browser.execute(() =>
          [...document.querySelectorAll('[data-testid="toast-info"]')].some((t) => /amended/.test(t.textContent)),
        ),
      "no report of the revision",
    );
    await until(browser, async () => !(await tid(browser, "import-preview").isExisting()), "the preview stayed open");
    const after = await readText(browser);
    const amended = after.find((p) => p.id === op3.id);
    assert.ok(amended, "OP3 kept its identity");
    assert.match(amended.text, /root causes/);
    assert.ok(after.some((p) => /offer of Peru/.test(p.text)), "the new paragraph is in the text");
  });
});
