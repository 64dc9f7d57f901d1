// The import preview, in the real window: File ▸ Import reads a draft (ACCORD_E2E_IMPORT stands in
// for the open dialog), bad input shows the importer's error and writes nothing, the San Salvador
// draft previews with its kinds, statuses and skipped lines, a kind is corrected, and "Create
// negotiation" writes round 1 and opens it; a revision with moved, split and new paragraphs is
// matched to the next round, shown, corrected and imported, and the comparison says "moved"; a COP
// decision shows why each paragraph was read so and which are unsure, is re-read on the chair's
// hint, and its paragraphs are moved over three levels before it is written; a real General
// Assembly resolution in PDF (A/RES/79/271) previews with its symbol, title and 14 paragraphs.
// Steps share one window and run in order.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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

/** The numbered lines from the one starting `first` to the one starting `last`, by line index. */
function numbered(lines, first, last) {
  const from = lines.findIndex((l) => l.startsWith(first));
  const to = lines.findIndex((l) => l.startsWith(last));
  assert.ok(from >= 0 && to > from, `no lines from "${first}" to "${last}"`);
  return lines.map((_, i) => i).filter((i) => i >= from && i <= to && /^\d+\. /.test(lines[i]));
}

/** Puts `bodies` back into the numbered lines `at`, each keeping its number. */
function renumber(lines, at, bodies) {
  at.forEach((i, k) => (lines[i] = lines[i].replace(/^(\d+\. ).*$/, `$1${bodies[k]}`)));
}

/** The San Salvador draft revised as a secretariat circulates it, renumbered: OP3 amended, PP19
 * moved before PP16, OP9 moved after OP11, OP7 split in two, a new paragraph on Peru's offer. */
function revisedWithMovesAndSplit(text) {
  const lines = text.replace("dealing with the causes of crime", "dealing with the root causes of crime").split("\n");
  const body = (i) => lines[i].replace(/^\d+\. /, "");
  const pp = numbered(lines, "16. RECOGNIZING", "19. REITERATING");
  renumber(lines, pp, [pp.at(-1), ...pp.slice(0, -1)].map(body));
  const op = numbered(lines, "7. The need to continue implementing", "11. Their commitment");
  const [op7, op8, op9, op10, op11] = op.map(body);
  const [head, tail] = op7.split(", in order to ensure ");
  renumber(lines, op, [`${head}.`, `The need to ensure ${tail}`, op8, op10, op11]);
  lines.splice(op.at(-1) + 1, 0, `12. ${op9}`);
  for (let i = op.at(-1) + 2; i < lines.length; i++) {
    lines[i] = lines[i].replace(/^(\d+)\. /, (_, n) => `${Number(n) + 1}. `);
  }
  const request = lines.findIndex((l) => l.startsWith("18. That they request"));
  lines.splice(request, 0, "18. That they welcome the offer of Peru to host the next meeting.");
  for (let i = request + 1; i < lines.length; i++) {
    lines[i] = lines[i].replace(/^(\d+)\. /, (_, n) => `${Number(n) + 1}. `);
  }
  return lines.join("\n");
}

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

  it("matches a revision by what it says: moved, split and new paragraphs shown before anything is written", async () => {
    await tid(browser, "close-round").click();
    await tid(browser, "close-round-dialog").waitForDisplayed();
    await tid(browser, "close-round-submit").click();
    await until(browser, async () => (await tids(browser, "round-item")).length === 2, "the round did not close");
    const before = await readText(browser);
    const byLabel = (label) => before.find((p) => p.label === label);
    const [op3, op7, op9, pp19] = ["OP3", "OP7", "OP9", "PP19"].map(byLabel);
    writeFileSync(IMPORT, revisedWithMovesAndSplit(readFileSync(SAN_SALVADOR, "utf8")));
    await fileMenu(browser, "menu-import");
    await tid(browser, "import-preview").waitForExist({ timeoutMsg: "no preview for the revision" });
    await tid(browser, "import-as-revision").click();
    await tid(browser, "revision-match").waitForExist({ timeoutMsg: "no matching of the revision" });
    const rows = async () => browser.execute(() => [...document.querySelectorAll('[data-testid="match-description"]')].map((d) => d.textContent));
    const described = await rows();
    assert.equal(described.filter((d) => /moved from/.test(d)).length, 2, described.join("\n"));
    assert.ok(described.includes("split from OP7"), described.join("\n"));
    assert.ok(described.includes("new"), "the offer of Peru is new");
    assert.match(await tid(browser, "match-counts").getText(), /2 moved, 1 added, 1 split off, 0 merged, 0 deleted/);
    const amended = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="match-row"]')]
        .filter((r) => r.querySelector('[data-testid="match-description"]').textContent.startsWith("OP3,"))
        .map((r) => [...r.querySelectorAll("ins.diff-ins")].map((i) => i.textContent.trim())),
    );
    assert.deepEqual(amended, [["root"]], "the amended words are shown in the matching");
    await screenshot(browser, "revision-match.png");

    // A wrong correction, undone: the chair marks the split part new, then puts it back.
    const split = described.indexOf("split from OP7");
    const pick = () => browser.$$('[data-testid="match-pick"]')[split];
    await (await pick()).selectByAttribute("value", "new");
    await until(browser, async () => (await rows())[split] === "new", "the correction was not applied");
    await (await pick()).selectByAttribute("value", "auto");
    await until(browser, async () => (await rows())[split] === "split from OP7", "the automatic match did not come back");

    await tid(browser, "match-import").click();
    await until(
      browser,
      () => browser.execute(() => [...document.querySelectorAll('[data-testid="toast-info"]')].some((t) => /2 moved/.test(t.textContent))),
      "no report of the revision",
    );
    await until(browser, async () => !(await tid(browser, "revision-match").isExisting()), "the matching stayed open");
    const after = await readText(browser);
    for (const p of [op3, op7, op9, pp19]) assert.ok(after.some((q) => q.id === p.id), `${p.label} kept its identity`);
    assert.match(after.find((p) => p.id === op3.id).text, /root causes/);
    const order = after.map((p) => p.id);
    assert.ok(order.indexOf(op9.id) > order.indexOf(byLabel("OP11").id), "OP9 now stands after OP11");

    await tid(browser, "tab-compare").click();
    await tid(browser, "compare-from").selectByAttribute("value", "1");
    await tid(browser, "compare-to").selectByAttribute("value", "2");
    await until(browser, async () => (await browser.$$('[data-testid="mark-moved"]').length) === 2, "two moves not shown");
    const added = await browser.$$('[data-testid="mark-added"]').map((m) => m.getText());
    assert.ok(added.includes("Added: split from OP7"), added.join(", "));
    await screenshot(browser, "revision-compared.png");
    await tid(browser, "tab-text").click();
  });

  it("reads a PDF draft through its text layer, and refuses a scan saying why", async () => {
    const work = join(FILES, "pdf");
    mkdirSync(work, { recursive: true });
    const file = join(work, "ss.accord");
    const pdf = join(work, "ss.pdf");
    execFileSync(process.env.ACCORD_CLI, ["import", SAN_SALVADOR, "-o", file]);
    execFileSync(process.env.ACCORD_CLI, ["export", file, "--output", pdf]);
    copyFileSync(pdf, IMPORT);
    await fileMenu(browser, "menu-import");
    await tid(browser, "import-preview").waitForExist({ timeoutMsg: "no preview of the PDF" });
    const read = await readPreview();
    assert.equal(count(read, "preambular"), 28);
    assert.equal(count(read, "operative"), 17);
    assert.match(read.find((p) => p.kind === "operative").text, /^That it is their priority/);
    await screenshot(browser, "import-pdf.png");
    await tid(browser, "import-cancel").click();

    writeFileSync(IMPORT, "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
    await fileMenu(browser, "menu-import");
    const title = await tid(browser, "import-error-title");
    await title.waitForDisplayed({ timeoutMsg: "no error for a scan" });
    assert.equal(await title.getAttribute("data-code"), "no_text_layer");
    assert.match(await tid(browser, "import-error-message").getText(), /no text layer/);
    assert.equal(await tid(browser, "import-preview").isExisting(), false, "a scan opened a preview");
    await tid(browser, "import-error-ok").click();
  });

  it("previews a General Assembly resolution as the UN publishes it in PDF", async () => {
    copyFileSync(join(CORPUS, "real", "unga-2025-a-res-79-271-en.pdf"), IMPORT);
    await fileMenu(browser, "menu-import");
    await tid(browser, "import-preview").waitForExist({ timeoutMsg: "no preview of A/RES/79/271" });
    const read = await readPreview();
    assert.deepEqual(
      [count(read, "opening_clause"), count(read, "preambular"), count(read, "operative"), read.length],
      [1, 4, 9, 14],
    );
    assert.equal(read[0].text, "The General Assembly,");
    assert.match(read.at(-1).text, /^Decides to include in the provisional agenda of its eightieth session/);
    assert.equal(await tid(browser, "import-symbol").getValue(), "A/RES/79/271");
    assert.match(await tid(browser, "import-title").getValue(), /^Agreement under the United Nations Convention on the Law of the Sea/);
    assert.equal(await tid(browser, "import-count-unsure").getAttribute("data-count"), "0");
    const notes = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="import-paragraph"]')].map((el) =>
        [...el.querySelectorAll('[data-testid="import-footnote"]')].map((n) => n.textContent),
      ),
    );
    assert.deepEqual(notes[1], [
      "United Nations, Treaty Series, vol. 1833, No. 31363.",
      "Resolutions 75/239 and 77/248 and decisions 74/543, 75/570, 76/564 and 77/556.",
    ]);
    assert.equal(notes.flat().length, 5, "the resolution's five footnotes, each under its paragraph");
    await tid(browser, "import-paragraph").scrollIntoView();
    await screenshot(browser, "import-real-pdf.png");
    await tid(browser, "import-cancel").click();
  });

  it("says why it read each paragraph, steps through the unsure ones, re-reads a decision on a hint and nests three levels", async () => {
    writeFileSync(
      IMPORT,
      "Draft decision -/CP.28\n\nThe Conference of the Parties,\n\nRecalling decision 7/CMA.3,\n\n" +
        "1. The work programme goes on:\n\n(a) in two parts;\n\n(b) over two years;\n\n" +
        "2. The secretariat reports;\n\n3. The budget is set for the biennium;\n",
    );
    await fileMenu(browser, "menu-import");
    await tid(browser, "import-preview").waitForExist({ timeoutMsg: "no preview of the decision" });
    const unsure = () => tid(browser, "import-count-unsure").getAttribute("data-count");
    assert.equal(await unsure(), "3", "the three numbered paragraphs read as preambular by position");
    const reasons = await browser.execute(() => [...document.querySelectorAll('[data-testid="import-reason"]')].map((r) => r.textContent));
    assert.equal(reasons[1], "opens with the participle ‘Recalling’");
    assert.match(reasons[2], /^Unsure: numbered ‘1’, no opening words recognised/);

    await tid(browser, "import-next-unsure").click();
    const focused = () => browser.execute(() => document.activeElement?.closest('[data-testid="import-paragraph"]')?.getAttribute("data-index"));
    await eventually(browser, focused, "2", "the first unsure paragraph has the focus");
    await tid(browser, "import-next-unsure").click();
    await eventually(browser, focused, "5", "the next unsure paragraph has the focus");
    await screenshot(browser, "import-unsure.png");

    await tid(browser, "import-hint-decision").click();
    await eventually(browser, unsure, "0", "unsure paragraphs after the hint");
    await eventually(browser, () => tid(browser, "import-count-operative").getAttribute("data-count"), "3", "operative count after the hint");

    const paragraph = (i) => browser.$(`[data-testid="import-paragraph"][data-index="${i}"]`);
    await (await paragraph(4)).$('[data-testid="import-tick"]').click();
    await tid(browser, "import-indent").click();
    await eventually(browser, async () => (await paragraph(4)).getAttribute("data-level"), "2", "(b) under (a)");
    await (await paragraph(6)).$('[data-testid="import-text"]').click();
    await browser.keys(["Alt", "ArrowRight"]);
    await eventually(browser, async () => (await paragraph(6)).getAttribute("data-level"), "1", "3. under 2. by Alt+→");
    await screenshot(browser, "import-hints.png");

    await tid(browser, "import-create").click();
    await until(browser, async () => (await tids(browser, "paragraph")).length >= 7, "the decision did not open");
    const text = await readText(browser);
    const labels = text.map((p) => p.label).join(" ");
    assert.deepEqual(
      text.map((p) => p.kind),
      ["opening_clause", "preambular", "operative", "sub_paragraph", "sub_paragraph", "operative", "sub_paragraph"],
      labels,
    );
    assert.notEqual(text[4].label, text[3].label.replace("(a)", "(b)"), `(b) was written a level deeper: ${labels}`);
  });
});
