// The live session with a real browser: the chair starts it from File ▸ Live session; Canada
// opens its join link in Chromium (headless, through chromedriver: nothing installed for the
// viewer), reads the text, follows the paragraph the chair selects, and sends an amendment that
// lands in the chair's Proposals view attributed to Canada. Screenshots of both sides. Steps share
// state and run in order.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { chromium, eventually, fileMenu, FILES, Key, lastToast, launch, paragraphId, proposalsShown, screenshot, SCREENSHOTS, select, tid, until } from "../lib/app.mjs";

const CHROMEDRIVER = Number(process.env.E2E_CHROMEDRIVER_PORT || 0);
const OP3_WORDS = "cooperation among states sharing river basins";

let app;
let chrome;
let canadaUrl;
let op3;

/** What Canada's browser shows: connection, paragraphs, the one under discussion, proposals. */
async function viewer() {
  return chrome.execute(() => ({
    connection: document.getElementById("connection").textContent,
    paragraphs: document.querySelectorAll(".paragraph").length,
    focus: document.querySelector(".paragraph.focus")?.id ?? null,
    proposals: [...document.querySelectorAll("#proposals li")].map((li) => li.textContent),
  }));
}

describe("the live session", () => {
  after(async () => {
    await chrome?.deleteSession().catch(() => {});
    await app?.deleteSession().catch(() => {});
  });

  it("starts from the window, on the address given, with a join link per delegation", async () => {
    assert.ok(CHROMEDRIVER, "chromedriver is not running: run .ci/setup, then tests/e2e/run.sh");
    // A sample of its own: the proposals made here stay out of the other specs' sample.
    const file = join(FILES, "live.accord");
    execFileSync(process.env.ACCORD_CLI, ["sample", file]);
    app = await launch([file]);
    await fileMenu(app, "menu-live");
    await tid(app, "live-listen").setValue("127.0.0.1:0");
    await tid(app, "live-start").click();
    await tid(app, "live-address").waitForDisplayed();
    canadaUrl = await until(
      app,
      () => app.execute(() => document.querySelector('[data-testid="live-link"][data-holder="Canada"] [data-testid="live-url"]')?.value),
      "no join link for Canada",
    );
    assert.match(canadaUrl, /^http:\/\/127\.0\.0\.1:\d+\/#[0-9a-f]{64}$/);
    await screenshot(app, "live-chair-links.png");
    await app.keys(Key.Escape);
  });

  it("shows Canada the text in a browser, following the paragraph the chair selects", async () => {
    chrome = await chromium();
    await chrome.url(canadaUrl);
    await until(chrome, async () => (await viewer()).connection === "live" && (await viewer()).paragraphs > 5, "the viewer did not go live");
    op3 = await paragraphId(app, OP3_WORDS);
    await select(app, op3);
    await eventually(chrome, async () => (await viewer()).focus, `p-${op3}`, "the paragraph under discussion in Canada's browser");
    // The viewer scrolls to it smoothly: let the scroll end before the picture.
    await chrome.pause(800);
    await chrome.saveScreenshot(join(SCREENSHOTS, "live-delegation-follows.png"));
  });

  it("brings Canada's amendment to the chair's Proposals view, attributed to Canada", async () => {
    await chrome.execute((id) => {
      const choice = document.getElementById("paragraph");
      choice.value = id;
      choice.dispatchEvent(new Event("change"));
    }, op3);
    const wording = await chrome.$("#wording");
    const text = await wording.getValue();
    assert.match(text, /sharing river basins/);
    await wording.setValue(text.replace("sharing river basins", "sharing transboundary river basins"));
    await chrome.$("#note").setValue("<b>as agreed in Lima</b>");
    await chrome.$("#send").click();
    await until(chrome, async () => (await viewer()).proposals.some((p) => p.startsWith("Canada") && p.includes("as agreed in Lima")), "Canada's proposal did not come back to the room");
    assert.equal(await chrome.execute(() => document.querySelector("#proposals b")), null, "the note is shown as text");

    await lastToast(app, "info", /proposal from the room/i);
    await tid(app, "tab-proposals").click();
    const shown = await until(app, async () => (await proposalsShown(app)).find((p) => p.delegation === "Canada"), "no proposal of Canada's in Proposals");
    assert.deepEqual(shown.inserted, ["transboundary"]);
    assert.equal(shown.state, "open");
    await screenshot(app, "live-chair-proposal.png");
    await chrome.saveScreenshot(join(SCREENSHOTS, "live-delegation-sent.png"));
  });
});
