// A double-click on a negotiation while Accord runs: the running Accord opens it in a new window
// (one process, one window per file), and a double-click on a file already open brings its window
// forward instead of a second writer. Checked in the real X display with the X server's own list
// of windows (xwininfo), with a private message bus like a desktop session's, so the single-instance
// hand-over runs exactly as on a desktop. No WebDriver: the launches are the desktop entry's Exec line.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CORPUS, SCREENSHOTS, WORK } from "../lib/app.mjs";

const APP = process.env.ACCORD_APP;
const CLI = process.env.ACCORD_CLI;
const first = join(WORK, "windows-rev1.accord");
const second = join(WORK, "windows-compilation.accord");
let bus;
let running;

/** The titles of the X server's top-level windows that name an Accord file. */
function accordWindows() {
  const tree = execFileSync("xwininfo", ["-root", "-tree"]).toString();
  return [...new Set([...tree.matchAll(/"([^"]+\.accord) — Accord"/g)].map((m) => m[1]))].sort();
}

async function waitFor(read, expected, what, timeout = 20_000) {
  const end = Date.now() + timeout;
  let seen;
  while (Date.now() < end) {
    seen = read();
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(seen, expected, what);
}

/** Launches the app as the desktop entry does; resolves with its exit code if it exits. */
function exec(file) {
  const child = spawn(APP, [file], { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address }, stdio: "ignore" });
  child.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return child;
}

describe("double-clicking negotiations while Accord runs", () => {
  before(async () => {
    const daemon = spawn("dbus-daemon", ["--session", "--nofork", "--print-address"], { stdio: ["ignore", "pipe", "ignore"] });
    const address = await new Promise((resolve) => daemon.stdout.once("data", (d) => resolve(d.toString().trim())));
    bus = { daemon, address };
    execFileSync(CLI, ["import", join(CORPUS, "san-salvador-2011.txt"), "-o", first]);
    execFileSync(CLI, ["new", second, "--title", "Compilation text on water security"]);
  });

  after(() => {
    running?.kill("SIGTERM");
    bus?.daemon.kill("SIGTERM");
  });

  it("opens a second file in a new window of the running Accord", async () => {
    running = exec(first);
    await waitFor(accordWindows, ["windows-rev1.accord"], "the first window names its file");
    const handedOver = exec(second);
    assert.equal(await handedOver.exited, 0, "the second launch hands its file over and exits");
    await waitFor(accordWindows, ["windows-compilation.accord", "windows-rev1.accord"], "a window per file");
    await new Promise((r) => setTimeout(r, 1500));
    execFileSync("import", ["-window", "root", join(SCREENSHOTS, "two-windows.png")]);
  });

  it("brings forward the window that has the file instead of opening it twice", async () => {
    const again = exec(first);
    assert.equal(await again.exited, 0);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(accordWindows(), ["windows-compilation.accord", "windows-rev1.accord"]);
    assert.equal(running.exitCode, null, "the running Accord still runs");
  });
});
