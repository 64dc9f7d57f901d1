// The desktop around the app, for specs that launch it as a desktop does (no WebDriver): a private
// message bus like a desktop session's, launches with exit codes, and the X server's own list of
// windows, read with xwininfo.

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";

/** A private session message bus; `stop()` ends it. */
export async function privateBus() {
  const daemon = spawn("dbus-daemon", ["--session", "--nofork", "--print-address"], { stdio: ["ignore", "pipe", "ignore"] });
  const address = await new Promise((resolve) => daemon.stdout.once("data", (d) => resolve(d.toString().trim())));
  return { address, stop: () => daemon.kill("SIGTERM") };
}

/** Runs `command` on `bus` (with `env` added); the child's `exited` resolves with its exit code. */
export function launchOn(bus, command, args, env = {}) {
  env = { ...process.env, ...env, DBUS_SESSION_BUS_ADDRESS: bus.address };
  const child = spawn(command, args, { env, stdio: "ignore" });
  child.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
  return child;
}

/** The files named by the X server's top-level Accord windows ("FILE.accord — Accord"), sorted. */
export function accordWindows() {
  const tree = execFileSync("xwininfo", ["-root", "-tree"]).toString();
  return [...new Set([...tree.matchAll(/"([^"]+\.accord) — Accord"/g)].map((m) => m[1]))].sort();
}

/** Waits until `read()` deep-equals `expected`, then asserts it. */
export async function waitFor(read, expected, what, timeout = 20_000) {
  const end = Date.now() + timeout;
  let seen;
  while (Date.now() < end) {
    seen = read();
    if (JSON.stringify(seen) === JSON.stringify(expected)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(seen, expected, what);
}

/** A screenshot of the whole X screen. */
export function screenshotScreen(path) {
  execFileSync("import", ["-window", "root", path]);
}
