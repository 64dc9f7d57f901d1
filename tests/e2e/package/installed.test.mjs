// The installed package (run by .ci/package-smoke, not by the default suite): the app opens the
// negotiation named on its command line, as the desktop entry's Exec line passes a double-clicked
// file, and the packaged CLI wrote that file.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CORPUS, launch, screenshot, tid, WORK } from "../lib/app.mjs";

let browser;

describe("the installed package", () => {
  after(async () => {
    await browser?.deleteSession().catch(() => {});
  });

  it("opens the negotiation given on the command line", async () => {
    const file = join(WORK, "san-salvador.accord");
    execFileSync(process.env.ACCORD_CLI, ["import", join(CORPUS, "san-salvador-2011.txt"), "-o", file]);
    browser = await launch([file]);
    assert.equal(await tid(browser, "file-name").getAttribute("data-path"), file);
    assert.match(await tid(browser, "doc-title").getText(), /CITIZEN SECURITY/i);
    await screenshot(browser, "installed-app.png");
  });
});
