// A file in use elsewhere (here: held by `flock`, as another Accord window holds it) is offered
// read-only; the window then reads, compares and exports it, with every editing control disabled.

import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { eventually, Key, launch, paragraph, readText, screenshot, stays, tid, tids, until } from "../lib/app.mjs";

let browser;
let holder;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Whether some process holds the file's writer lock. */
const locked = (path) => spawnSync("flock", ["--nonblock", "--exclusive", path, "true"]).status !== 0;

describe("a file in use elsewhere opens read-only", () => {
  before(async () => {
    // The sample's path, from a first window that then quits and lets go of it.
    const first = await launch();
    const path = await tid(first, "file-name").getAttribute("data-path");
    await first.deleteSession();
    for (let i = 0; i < 100 && locked(path); i++) await sleep(100);
    // Another program takes the file's writer lock, as another Accord window would.
    holder = spawn("flock", ["--exclusive", path, "sleep", "300"], { detached: true, stdio: "ignore" });
    for (let i = 0; i < 100 && !locked(path); i++) await sleep(100);
    assert.ok(locked(path), "flock did not take the lock");
    browser = await launch([path]);
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
    // flock and its sleep form their own process group (detached): end them together.
    if (holder?.pid) {
      try {
        process.kill(-holder.pid, "SIGTERM");
      } catch {}
    }
  });

  it("says the file is in use and offers to open it read-only", async () => {
    const dialog = await tid(browser, "in-use-dialog");
    await dialog.waitForExist({ timeout: 15_000, timeoutMsg: "no in-use dialog" });
    assert.match(await tid(browser, "in-use-message").getText(), /open in another Accord window or program/);
    await tid(browser, "in-use-read-only").click();
    await eventually(browser, () => tid(browser, "file-name").getAttribute("data-read-only"), "true", "read-only flag");
    await until(browser, async () => (await tids(browser, "paragraph")).length > 5, "the text did not load");
  });

  it("disables every editing control and shows a banner", async () => {
    assert.ok(await tid(browser, "file-readonly-banner").isExisting(), "no read-only banner");
    assert.equal(await tid(browser, "add-bar").isExisting(), false, "the add bar is offered");
    assert.equal(await tid(browser, "close-round").isEnabled(), false, "closing the round is offered");
    const [first] = await readText(browser);
    const row = paragraph(browser, first.id);
    assert.equal(await row.$('[data-testid="status-button"]').isEnabled(), false, "the status menu is offered");
    await row.$('[data-testid="paragraph-text"]').click();
    await tid(browser, "inspector-label").waitForExist();
    assert.equal(await tid(browser, "action-edit").isExisting(), false, "editing is offered");
    assert.equal(await tid(browser, "inspector-kind").isEnabled(), false, "the kind can be changed");
    // Shortcuts change nothing either.
    await browser.keys([Key.Alt, "4"]);
    await browser.keys(Key.Enter);
    await stays(
      browser,
      async () => ({ editor: await tid(browser, "paragraph-editor").isExisting(), status: (await readText(browser))[0].status }),
      { editor: false, status: first.status },
      "Alt+4 and Enter in a read-only file (the editor must stay closed, the status unchanged)",
    );
    await screenshot(browser, "read-only.png");
  });

  it("still exports", async () => {
    await browser.keys([Key.Ctrl, "e"]);
    await tid(browser, "export-format-txt").click();
    await tid(browser, "export-submit").click();
    const done = await tid(browser, "export-done");
    await done.waitForExist({ timeout: 30_000, timeoutMsg: "the export did not finish" });
    const written = readFileSync(await done.getAttribute("data-path"), "utf8").replace(/\s+/g, " ");
    const [first] = (await readText(browser)).filter((p) => p.kind === "preambular");
    assert.ok(written.includes(first.text.split(" ").slice(1, 6).join(" ")), "the export holds the text");
  });
});
