// Word files from delegations, in the real window: a delegation that does not use Accord
// sends the circulated .docx back with Word tracked changes by "Jane Roe". File ▸ Import proposals
// asks who Jane Roe speaks for (Mexico), her replacement becomes Mexico's proposal with the words
// marked, the chair accepts it and the text changes; importing the file again asks nothing and adds
// nothing (the file remembers the author). In delegation mode the chair's shortcuts do nothing and
// exporting no proposals says so. Steps share state and run in order.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import {
  choose,
  eventually,
  FILES,
  fileMenu,
  Key,
  lastToast,
  launch,
  paragraph,
  paragraphId,
  proposalsShown,
  readParagraph,
  readZipEntry,
  RETURNED_WORD,
  screenshot,
  stays,
  tid,
  until,
  WORK,
} from "../lib/app.mjs";

const CLI = process.env.ACCORD_CLI ?? "";
const OP1 = "Their commitment to strengthen national policies for the integrated management of water resources.";
const OP1_MEXICO = OP1.replace("strengthen", "reinforce");

/** Jane Roe's replacement of "strengthen" by "reinforce", as Word tracks it, inside OP1's run. */
const REVISION = 'w:author="Jane Roe" w:date="2026-05-04T10:00:00Z"';
const TRACKED =
  `</w:t></w:r><w:del w:id="901" ${REVISION}><w:r><w:delText>strengthen</w:delText></w:r></w:del>` +
  `<w:ins w:id="902" ${REVISION}><w:r><w:t>reinforce</w:t></w:r></w:ins>` +
  '<w:r><w:t xml:space="preserve"> national policies';

/** Copies a zip archive, its part `name` replaced by the file `content` (python3's zipfile). */
function rezip(source, target, name, content) {
  const script = `
import sys, zipfile
source, target, name, content = sys.argv[1:5]
with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        zout.writestr(item, open(content, "rb").read() if item.filename == name else zin.read(item))
`;
  execFileSync("python3", ["-c", script, source, target, name, content]);
}

let browser;
let file;

describe("Word files from delegations", () => {
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    if (RETURNED_WORD) rmSync(RETURNED_WORD, { force: true });
  });

  it("a delegation sends the circulated Word file back with Jane Roe's tracked changes", () => {
    assert.ok(FILES && RETURNED_WORD && CLI, "run the tests through tests/e2e/run.sh");
    file = join(FILES, "word-proposals.accord");
    execFileSync(CLI, ["sample", file]);
    const circulated = join(WORK, "circulated.docx");
    execFileSync(CLI, ["export", file, "--kind", "clean", "-o", circulated]);
    const xml = readZipEntry(circulated, "word/document.xml");
    assert.ok(xml.includes("strengthen national policies"), "OP1 is in the circulated text");
    const document = join(WORK, "returned-document.xml");
    writeFileSync(document, xml.replace("strengthen national policies", TRACKED));
    rezip(circulated, RETURNED_WORD, "word/document.xml", document);
    assert.match(readZipEntry(RETURNED_WORD, "word/document.xml"), /w:author="Jane Roe"/);
  });

  it("File ▸ Import proposals asks who Jane Roe speaks for", async () => {
    browser = await launch([file]);
    await fileMenu(browser, "menu-import-proposals");
    const dialog = await tid(browser, "word-authors-dialog");
    await dialog.waitForDisplayed();
    assert.equal(await tid(browser, "word-authors-file").getText(), "returned.docx");
    const authors = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="word-author"]')].map((a) => a.getAttribute("data-author")),
    );
    assert.deepEqual(authors, ["Jane Roe"]);
    assert.equal(await tid(browser, "word-authors-submit").isEnabled(), false, "Import waits for a delegation");
    await choose(browser, await browser.$('[data-author="Jane Roe"] [data-testid="word-author-delegation"]'), "Mexico");
    await until(browser, () => tid(browser, "word-authors-submit").isEnabled(), "Import stays disabled");
    await screenshot(browser, "word-authors.png");
  });

  it("Jane Roe's replacement becomes Mexico's proposal, the words marked", async () => {
    await tid(browser, "word-authors-submit").click();
    assert.match(await lastToast(browser, "info", /1 new proposal from Mexico.*returned\.docx/), /1 new proposal from Mexico.*returned\.docx/);
    await tid(browser, "proposals-view").waitForDisplayed();
    const shown = async () =>
      (await proposalsShown(browser)).map(({ delegation, paragraph, inserted, deleted }) => ({ delegation, paragraph, inserted, deleted }));
    await eventually(
      browser,
      shown,
      [{ delegation: "Mexico", paragraph: "OP1", inserted: ["reinforce"], deleted: ["strengthen"] }],
      "Mexico's proposal on OP1",
    );
    assert.equal(await tid(browser, "proposals-counts").getAttribute("data-open"), "1");
    await screenshot(browser, "word-compilation.png");
  });

  it("accepting it changes the text", async () => {
    const [mexico] = await proposalsShown(browser);
    await browser.$(`[data-testid="proposal"][data-proposal="${mexico.id}"] [data-testid="proposal-accept"]`).click();
    await until(browser, async () => (await proposalsShown(browser)).length === 0, "the accepted proposal is still open");
    await tid(browser, "tab-text").click();
    const id = await paragraphId(browser, "national policies");
    assert.equal((await readParagraph(browser, id)).text, OP1_MEXICO);
  });

  it("importing the same file again asks nothing and adds nothing", async () => {
    await fileMenu(browser, "menu-import-proposals");
    assert.match(await lastToast(browser, "info", /Nothing new.*Mexico.*already imported/), /Nothing new.*Mexico.*already imported/);
    assert.equal(await tid(browser, "word-authors-dialog").isExisting(), false, "Jane Roe is remembered");
    assert.equal(await tid(browser, "proposals-counts").getAttribute("data-open"), "0");
  });

  it("in delegation mode the chair's shortcuts do nothing and no proposals means nothing to send", async () => {
    await fileMenu(browser, "menu-work-as");
    await tid(browser, "choose-delegation-filter").setValue("Canada");
    await browser.$('[data-testid="choose-delegation-option"][data-name="Canada"] input').click();
    await tid(browser, "choose-delegation-submit").click();
    await tid(browser, "tab-text").click();
    await tid(browser, "delegation-banner").waitForDisplayed();
    const id = await paragraphId(browser, "early warning systems");
    await paragraph(browser, id).$('[data-testid="paragraph-text"]').click();
    const before = await readParagraph(browser, id);
    await browser.keys([Key.Alt, "1"]);
    await browser.keys([Key.Alt, Key.ArrowUp]);
    await stays(
      browser,
      async () => ({ paragraph: await readParagraph(browser, id), error: await tid(browser, "toast-error").isExisting() }),
      { paragraph: before, error: false },
      "Alt+1 and Alt+↑ in delegation mode (the paragraph must stay as it was, the core not asked)",
    );

    await browser.keys(Key.Escape);
    await browser.keys("?");
    const sheet = await tid(browser, "shortcut-sheet");
    await sheet.waitForDisplayed();
    const shown = await sheet.getText();
    assert.doesNotMatch(shown, /Alt\+1|Alt\+↑/);
    assert.ok(await tid(browser, "shortcuts-delegation-note").isDisplayed());
    await browser.keys(Key.Escape);

    const written = readdirSync(FILES);
    await tid(browser, "banner-export-proposals").click();
    assert.match(await lastToast(browser, "error", /You have no open proposals to send/), /You have no open proposals to send/);
    assert.deepEqual(readdirSync(FILES), written, "no file is written");
  });
});
