// Updates stay off until an IT department sets its own update server: without the setting Accord
// asks no server; with it (updates.json in the app's config folder) About and a notice at start
// name the newer version that server offers. The server is a real HTTP server on this machine's
// loopback serving the updater's JSON.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { eventually, fileMenu, Key, launch, lastToast, screenshot, tid } from "../lib/app.mjs";

const setting = join(process.env.XDG_CONFIG_HOME ?? "", "org.accord.desktop", "updates.json");
const requests = [];
let server;
let browser;

function release(port) {
  const platform = { signature: "unsigned: never installed by this test", url: `http://127.0.0.1:${port}/accord.deb` };
  return {
    version: "9.9.9",
    notes: "Language versions and the live session.",
    pub_date: "2026-12-01T00:00:00Z",
    platforms: { "linux-x86_64": platform, "linux-x86_64-deb": platform },
  };
}

async function aboutUpdates() {
  await fileMenu(browser, "menu-about");
  const row = tid(browser, "about-updates");
  await eventually(browser, async () => !/Checking/.test(await row.getText()), true, "the check ends");
  return row.getText();
}

describe("updates from the IT department's server", () => {
  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(release(server.address().port)));
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  });

  after(async () => {
    rmSync(setting, { force: true });
    await browser?.deleteSession().catch(() => {});
    server.close();
  });

  it("are off without a setting: About says so and no server is asked", async () => {
    browser = await launch();
    assert.match(await aboutUpdates(), /^Off: Accord asks no server/);
    assert.deepEqual(requests, []);
    await browser.keys(Key.Escape);
    await browser.deleteSession();
  });

  it("with IT's setting, the newer version is announced and offered in About", async () => {
    mkdirSync(join(setting, ".."), { recursive: true });
    const endpoint = `http://127.0.0.1:${server.address().port}/accord/{{target}}/{{arch}}/{{current_version}}`;
    writeFileSync(setting, JSON.stringify({ endpoint, pubkey: "dW50cnVzdGVkIGNvbW1lbnQ6IHRlc3Q=" }));
    browser = await launch();
    assert.match(await lastToast(browser, "info", /Accord 9\.9\.9 is available/), /Accord 9\.9\.9 is available/);
    const row = await aboutUpdates();
    assert.match(row, /Accord 9\.9\.9 is available from 127\.0\.0\.1:\d+\./);
    assert.ok(await tid(browser, "install-update").isDisplayed());
    const version = execFileSync(process.env.ACCORD_CLI, ["--version"]).toString().trim().split(" ")[1];
    assert.equal(requests[0], `/accord/linux/x86_64/${version}`, "the endpoint's variables are filled in");
    await screenshot(browser, "about-update.png");
  });
});
