// The live session in the room's languages, and joined from Accord: the chair's file keeps a
// Spanish version; Canada, in Chromium (headless, through chromedriver), chooses Español under
// "Read in", reads the Spanish text (the original, marked, where none is made yet), and sees a
// paragraph marked out of date as soon as the chair edits its original, the comparison showing
// what the original gained beneath the Spanish; the choice survives a reload. Then Mexico's delegate, in Accord, pastes a broken link (the dialog says what is wrong)
// and then its own: the chair's text opens in a new Accord window. Steps share state and run in
// order.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { chromium, editText, eventually, fileMenu, FILES, Key, launch, paragraph, paragraphId, readParagraph, retype, screenshot, SCREENSHOTS, tid, until } from "../lib/app.mjs";
import { screenshotScreen } from "../lib/desktop.mjs";

const CHROMEDRIVER = Number(process.env.E2E_CHROMEDRIVER_PORT || 0);
const cli = (...args) => execFileSync(process.env.ACCORD_CLI, args).toString();
const OP3_ES = "Que la cooperación entre los estados que comparten cuencas fluviales debe fortalecerse.";
const OP4_ES = "Alentar la participación de los pueblos indígenas y las comunidades locales en la gobernanza del agua.";

let app;
let chrome;
const links = {};
let op3;
let op4;

/** What Canada's browser shows for paragraph `id`: its text, its translation tag, its language. */
async function row(id) {
  return chrome.execute((pid) => {
    const el = document.getElementById("p-" + pid);
    if (!el) return null;
    const body = el.querySelector(".body");
    const text = [...body.childNodes].filter((n) => !n.classList?.contains("footnote")).map((n) => n.textContent).join("");
    return { text, tag: el.querySelector(".translation")?.textContent ?? "", lang: body.lang };
  }, id);
}

/** The X server's titles of the live-session windows Accord opened. */
function sessionWindows() {
  const tree = execFileSync("xwininfo", ["-root", "-tree"]).toString();
  return [...new Set([...tree.matchAll(/"(Live session on [^"]+ — Accord)"/g)].map((m) => m[1]))];
}

describe("the live session in the room's languages, joined from Accord", () => {
  after(async () => {
    await chrome?.deleteSession().catch(() => {});
    await app?.deleteSession().catch(() => {});
  });

  it("starts on a file that keeps a Spanish version", async () => {
    assert.ok(CHROMEDRIVER, "chromedriver is not running: run .ci/setup, then tests/e2e/run.sh");
    const file = join(FILES, "live-languages.accord");
    cli("sample", file);
    cli("language", "add", file, "--lang", "es");
    cli("language", "set", file, "OP3", OP3_ES, "--lang", "es");
    cli("language", "set", file, "OP4", OP4_ES, "--lang", "es");
    app = await launch([file]);
    await fileMenu(app, "menu-live");
    await tid(app, "live-listen").setValue("127.0.0.1:0");
    await tid(app, "live-start").click();
    await tid(app, "live-address").waitForDisplayed();
    for (const holder of ["Canada", "Mexico"]) {
      links[holder] = await until(
        app,
        () => app.execute((h) => document.querySelector(`[data-testid="live-link"][data-holder="${h}"] [data-testid="live-url"]`)?.value, holder),
        `no join link for ${holder}`,
      );
    }
    await app.keys(Key.Escape);
    op3 = await paragraphId(app, "cooperation among states sharing river basins");
    op4 = await paragraphId(app, "Encourage the participation of indigenous peoples");
  });

  it("shows Canada the Spanish text once Español is chosen, the original marked where none is made", async () => {
    chrome = await chromium();
    await chrome.url(links.Canada);
    await until(chrome, async () => (await row(op3)) !== null, "the viewer showed no text");
    assert.match((await row(op3)).text, /cooperation among states/, "the original by default");
    const options = await chrome.execute(() => [...document.querySelectorAll("#language option")].map((o) => [o.value, o.textContent]));
    assert.deepEqual(options, [["", "English (original)"], ["es", "Español"]]);
    await chrome.$("#language").selectByAttribute("value", "es");
    await eventually(chrome, async () => (await row(op3))?.text, OP3_ES, "OP3 in Spanish");
    const note = await chrome.execute(() => document.getElementById("original-note").textContent);
    assert.equal(note, "Proposals amend the English original, the text the chair negotiates.");
    assert.deepEqual(await row(op4), { text: OP4_ES, tag: "", lang: "es" });
    const op1 = await paragraphId(app, "Their commitment to strengthen national policies");
    const untranslated = await row(op1);
    assert.equal(untranslated.tag, "not yet translated");
    assert.match(untranslated.text, /Their commitment to strengthen/);
  });

  it("marks a paragraph out of date in Canada's browser as soon as the chair edits its original", async () => {
    const before = (await readParagraph(app, op4)).text;
    await paragraph(app, op4).scrollIntoView({ block: "center" });
    await editText(app, op4, before.replace("water governance", "water governance at every level"));
    await eventually(chrome, async () => (await row(op4))?.tag, "translation out of date", "OP4 stale in the room");
    assert.equal((await row(op4)).text, OP4_ES, "the Spanish text stays until it is translated again");
    assert.equal((await row(op3)).tag, "", "OP3 is still current");
    await chrome.$("#compare").click();
    const inserted = () => chrome.execute((id) => [...document.querySelectorAll(`#p-${id} .footnote ins`)].map((e) => e.textContent).join(""), op4);
    await until(chrome, async () => /every level/.test(await inserted()), "the comparison does not show what the original gained");
    assert.equal((await row(op4)).text, OP4_ES, "beside the Spanish text, not instead of it");
    await chrome.execute((id) => document.getElementById("p-" + id).scrollIntoView({ block: "center" }), op4);
    await chrome.saveScreenshot(join(SCREENSHOTS, "live-delegation-spanish.png"));
    await chrome.refresh();
    await eventually(chrome, async () => (await row(op4))?.text, OP4_ES, "Spanish again after a reload: the choice is remembered");
  });

  it("opens Mexico's join link from Accord in a new window, after saying what is wrong with a broken one", async () => {
    await fileMenu(app, "menu-join-live");
    const field = await tid(app, "join-link");
    await retype(app, field, links.Mexico.slice(0, -10));
    await tid(app, "join-open").click();
    const problem = await tid(app, "join-problem");
    await problem.waitForDisplayed();
    assert.match(await problem.getText(), /token is cut short or altered/);
    await screenshot(app, "live-join-broken-link.png");
    await retype(app, field, links.Mexico);
    await tid(app, "join-open").click();
    await tid(app, "join-live-dialog").waitForExist({ reverse: true });
    const server = links.Mexico.split("/#")[0];
    await until(app, async () => sessionWindows().includes(`Live session on ${server} — Accord`), "no window on the chair's session");
    const main = await app.getWindowHandle();
    const viewer = (await app.getWindowHandles()).find((h) => h !== main);
    assert.ok(viewer, "the new window is a webview of its own");
    await app.switchToWindow(viewer);
    await eventually(app, () => app.execute(() => document.getElementById("who")?.textContent), "Mexico", "the new window joined as Mexico");
    await eventually(app, () => app.execute(() => document.getElementById("connection")?.textContent), "live", "the new window is live");
    const ipc = await app.executeAsync((done) => {
      const internals = window.__TAURI_INTERNALS__;
      if (!internals) return done("absent");
      internals.invoke("session").then(() => done("answered"), (e) => done(`refused: ${e}`));
    });
    assert.match(ipc, /^(absent|refused)/, "the served page reaches none of Accord's commands");
    await app.switchToWindow(main);
    await app.pause(1000);
    screenshotScreen(join(SCREENSHOTS, "live-join-from-accord.png"));
  });
});
