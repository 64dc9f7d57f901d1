// The installed package (run by .ci/package-smoke): a `.accord` file opened the way a desktop opens
// a double-clicked file — `xdg-open FILE.accord`, which finds Accord through the MIME type and the
// desktop entry the package installed — shows in an Accord window named by the file.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { CORPUS, SCREENSHOTS, WORK } from "../lib/app.mjs";
import { accordWindows, launchOn, privateBus, screenshotScreen, waitFor } from "../lib/desktop.mjs";

let bus;
/** xdg-utils as on a GNOME desktop: the type by the freedesktop rules (glob before content), through
 * gio. Without a desktop named, xdg-mime asks `file`, which sees only an SQLite database. */
const GNOME = { ...process.env, XDG_CURRENT_DESKTOP: "GNOME" };
const xdgMime = (...args) => execFileSync("xdg-mime", ["query", ...args], { env: GNOME }).toString().trim();

describe("a double-clicked negotiation", () => {
  after(() => {
    spawnSync("pkill", ["-f", "/usr/bin/accord-app"]);
    bus?.stop();
  });

  it("opens in the installed Accord through its MIME type", async () => {
    const file = join(WORK, "double-clicked.accord");
    execFileSync(process.env.ACCORD_CLI, ["import", join(CORPUS, "san-salvador-2011.txt"), "-o", file]);
    assert.equal(xdgMime("filetype", file), "application/x-accord");
    assert.equal(xdgMime("default", "application/x-accord"), "Accord.desktop");
    bus = await privateBus();
    launchOn(bus, "xdg-open", [file], { XDG_CURRENT_DESKTOP: "GNOME" });
    await waitFor(accordWindows, ["double-clicked.accord"], "xdg-open opened the file in Accord");
    await new Promise((r) => setTimeout(r, 2000));
    screenshotScreen(join(SCREENSHOTS, "xdg-open.png"));
  });
});
