// A double-click on a negotiation while Accord runs: the running Accord opens it in a new window
// (one process, one window per file), and a double-click on a file already open brings its window
// forward instead of a second writer. Checked in the real X display with the X server's own list
// of windows, with a private message bus like a desktop session's, so the single-instance hand-over
// runs exactly as on a desktop. No WebDriver: the launches are the desktop entry's Exec line.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CORPUS, SCREENSHOTS, WORK } from "../lib/app.mjs";
import { accordWindows, launchOn, privateBus, screenshotScreen, waitFor } from "../lib/desktop.mjs";

const APP = process.env.ACCORD_APP;
const CLI = process.env.ACCORD_CLI;
const first = join(WORK, "windows-rev1.accord");
const second = join(WORK, "windows-compilation.accord");
let bus;
let running;

describe("double-clicking negotiations while Accord runs", () => {
  before(async () => {
    bus = await privateBus();
    execFileSync(CLI, ["import", join(CORPUS, "san-salvador-2011.txt"), "-o", first]);
    execFileSync(CLI, ["new", second, "--title", "Compilation text on water security"]);
  });

  after(() => {
    running?.kill("SIGTERM");
    bus?.stop();
  });

  it("opens a second file in a new window of the running Accord", async () => {
    running = launchOn(bus, APP, [first]);
    await waitFor(accordWindows, ["windows-rev1.accord"], "the first window names its file");
    const handedOver = launchOn(bus, APP, [second]);
    assert.equal(await handedOver.exited, 0, "the second launch hands its file over and exits");
    await waitFor(accordWindows, ["windows-compilation.accord", "windows-rev1.accord"], "a window per file");
    await new Promise((r) => setTimeout(r, 1500));
    screenshotScreen(join(SCREENSHOTS, "two-windows.png"));
  });

  it("brings forward the window that has the file instead of opening it twice", async () => {
    const again = launchOn(bus, APP, [first]);
    assert.equal(await again.exited, 0);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(accordWindows(), ["windows-compilation.accord", "windows-rev1.accord"]);
    assert.equal(running.exitCode, null, "the running Accord still runs");
  });
});
