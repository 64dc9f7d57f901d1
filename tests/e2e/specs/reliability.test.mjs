// The reliability claims in the real window: the record's fingerprints verified from File ▸ Verify (and a file
// changed behind Accord's back named by its first altered round), the per-round backups listed
// and one restored as a new file, file names safe whatever the title, and acknowledged edits that
// survive the app being killed with SIGKILL right after the window showed them saved.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  addParagraph,
  editText,
  eventually,
  fileMenu,
  FILES,
  Key,
  launch,
  paragraph,
  readText,
  screenshot,
  select,
  tid,
  tids,
  until,
} from "../lib/app.mjs";

const APP = process.env.ACCORD_APP ?? "";
/** The `accord` CLI, built beside the app by run.sh. */
const CLI = process.env.ACCORD_CLI ?? join(dirname(APP), "accord");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Whether some process holds the file's writer lock. */
const locked = (path) => spawnSync("flock", ["--nonblock", "--exclusive", path, "true"]).status !== 0;

async function waitUnlocked(path) {
  for (let i = 0; i < 100 && locked(path); i++) await sleep(100);
  assert.ok(!locked(path), `${path} is still held by a writer`);
}

/** Runs sqlite3 on a file; returns its output (fails the test on an error). */
function sqlite(path, sql) {
  const run = spawnSync("sqlite3", [path, sql], { encoding: "utf8" });
  assert.equal(run.error, undefined, `sqlite3 could not run (install it: .ci/setup): ${run.error}`);
  assert.equal(run.status, 0, `sqlite3 failed: ${run.stderr}`);
  return run.stdout.trim();
}

async function newNegotiation(browser, title) {
  await browser.keys([Key.Ctrl, "n"]);
  await tid(browser, "meta-title").setValue(title);
  await tid(browser, "meta-submit").click();
  await eventually(browser, () => tid(browser, "file-title").getProperty("textContent"), title, "title of the open file");
  return tid(browser, "file-name").getAttribute("data-path");
}

/** Adds a paragraph at the end and waits until the window shows it saved; returns its id. */
async function closeRound(browser, label) {
  const before = (await tids(browser, "round-item")).length;
  await tid(browser, "close-round").click();
  await tid(browser, "round-label").setValue(label);
  await tid(browser, "close-round-submit").click();
  await until(browser, async () => (await tids(browser, "round-item")).length === before + 1, "the round did not close");
}

/** The rounds panel: [number, state, short fingerprint]. */
function readRounds(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-testid="round-item"]')].map((r) => [
      Number(r.dataset.round),
      r.dataset.state,
      r.querySelector('[data-testid="round-item-fingerprint"]')?.textContent.trim() ?? null,
    ]),
  );
}

/** What File ▸ Verify shows: the verdict and [round, short fingerprint, mark] per closed round. */
async function verify(browser) {
  await fileMenu(browser, "menu-verify");
  const verdict = await tid(browser, "verify-verdict");
  await verdict.waitForExist({ timeoutMsg: "the verification did not finish" });
  const shown = await browser.execute(() => {
    const v = document.querySelector('[data-testid="verify-verdict"]');
    return {
      intact: v.dataset.intact === "true",
      firstMismatch: v.dataset.firstMismatch ? Number(v.dataset.firstMismatch) : null,
      sentence: v.textContent.trim(),
      rounds: [...document.querySelectorAll('[data-testid="verify-round"]')].map((r) => [
        Number(r.dataset.round),
        r.querySelector('[data-testid="verify-fingerprint"]').textContent.trim(),
        r.querySelector('[data-testid="verify-mark"]').textContent.trim(),
      ]),
    };
  });
  return shown;
}

/** A file name with nothing that makes a path or an unsafe name. */
function assertSafeName(name) {
  assert.doesNotMatch(name, /[/\\:<>"|?*\u0000-\u001f]/, `unsafe characters in ${name}`);
  assert.ok(!name.startsWith("."), `hidden file name ${name}`);
}

describe("verifying the record, backups and restore, in the app", () => {
  // A title full of path separators and reserved characters: every file name made from it is safe.
  const TITLE = 'Record/Check\\Test: <Round> "one" | two?';
  const PP1 = "RECOGNIZING that the record of a negotiation is an official record;";
  const PP1_EDITED = "RECOGNIZING that the record of a negotiation is an official and verifiable record;";
  const OP1 = "To keep every closed round exactly as it was circulated.";
  let browser;
  let file;
  const ids = {};

  before(async () => {
    assert.ok(FILES, "run the tests through tests/e2e/run.sh");
    browser = await launch();
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
  });

  it("creates the negotiation under a safe file name whatever its title", async () => {
    file = await newNegotiation(browser, TITLE);
    assert.equal(dirname(file), FILES, "the file was not written in the chosen folder");
    assertSafeName(basename(file));
    assert.equal(basename(file), "record-check-test-round-one-two.accord");
  });

  it("closes two rounds; each closed round shows its short fingerprint", async () => {
    ids.PP1 = await addParagraph(browser, "preambular", PP1);
    ids.OP1 = await addParagraph(browser, "operative", OP1);
    await closeRound(browser, "Formal session, 5 May 2026");
    await editText(browser, ids.PP1, PP1_EDITED);
    await closeRound(browser, "Formal session, 12 May 2026");
    const rounds = await readRounds(browser);
    assert.deepEqual(rounds.map(([n, s]) => [n, s]), [[3, "open"], [2, "closed"], [1, "closed"]]);
    assert.equal(rounds[0][2], null, "the open round has no fingerprint");
    for (const [n, , fp] of rounds.slice(1)) assert.match(fp ?? "", /^[0-9a-f]{12}$/, `round ${n}'s fingerprint`);
    assert.notEqual(rounds[1][2], rounds[2][2]);
  });

  it("exports under a safe name in the chosen folder", async () => {
    await fileMenu(browser, "menu-export");
    await tid(browser, "export-dialog").waitForExist();
    await tid(browser, "export-kind-clean").click();
    await tid(browser, "export-format-txt").click();
    await tid(browser, "export-submit").click();
    const done = await tid(browser, "export-done");
    await done.waitForExist({ timeout: 30_000, timeoutMsg: "the export did not finish" });
    const path = await done.getAttribute("data-path");
    assert.equal(dirname(path), FILES);
    assertSafeName(basename(path));
    assert.equal(basename(path), "Record-Check-Test Round one two Round 3 clean.txt");
    const exported = readFileSync(path, "utf8").replace(/\s+/g, " ");
    assert.ok(exported.includes("an official and verifiable record"), exported);
    await browser.keys(Key.Escape);
  });

  it("verifies the record: every closed round ✓ with the fingerprint the rounds panel shows", async () => {
    const shown = await verify(browser);
    assert.equal(shown.intact, true, shown.sentence);
    const panel = (await readRounds(browser)).filter(([, s]) => s === "closed").map(([n, , fp]) => [n, fp, "✓"]);
    assert.deepEqual(shown.rounds, panel.reverse());
    await screenshot(browser, "verify.png");
    await tid(browser, "verify-ok").click();
  });

  it("lists the per-round backups and restores round 1's as a new file with round 1's text", async () => {
    await fileMenu(browser, "menu-backups");
    await tid(browser, "backups-dialog").waitForExist();
    const backups = await until(
      browser,
      async () => {
        const list = await browser.execute(() =>
          [...document.querySelectorAll('[data-testid="backup"]')].map((b) => [Number(b.dataset.round), Number(b.dataset.bytes)]),
        );
        return list.length ? list : null;
      },
      "no backup is listed",
    );
    assert.deepEqual(backups.map(([round]) => round), [2, 1]);
    for (const [round, bytes] of backups) assert.ok(bytes > 4096, `round ${round}'s backup is ${bytes} bytes`);
    await screenshot(browser, "backups.png");

    await browser.$('[data-testid="backup"][data-round="1"] [data-testid="backup-restore"]').click();
    const restored = join(FILES, "record-check-test-round-one-two-round-1.accord");
    await eventually(browser, () => tid(browser, "file-name").getAttribute("data-path"), restored, "the restored file is open");
    // Round 1 closed, round 2 open with round 1's text: the file as it stood when round 1 closed.
    await eventually(
      browser,
      async () => (await readRounds(browser)).map(([n, s]) => [n, s]),
      [[2, "open"], [1, "closed"]],
      "rounds of the restored file",
    );
    await eventually(browser, async () => (await readText(browser)).map((p) => p.text), [PP1, OP1], "text of the restored file");
    assert.ok(existsSync(file), "the original file is still there");
    const shown = await verify(browser);
    assert.equal(shown.intact, true, shown.sentence);
    assert.equal(shown.rounds.length, 1);
    await tid(browser, "verify-ok").click();
  });

  it("names round 1 once the file was changed behind Accord's back", async () => {
    await browser.deleteSession();
    browser = null;
    await waitUnlocked(file);
    sqlite(file, `DROP TRIGGER closed_version_update; UPDATE versions SET status='{"state":"bracketed"}' WHERE round=1;`);
    browser = await launch([file]);
    const shown = await verify(browser);
    assert.equal(shown.intact, false);
    assert.equal(shown.firstMismatch, 1, shown.sentence);
    assert.match(shown.sentence, /Round 1 no longer matches/);
    assert.deepEqual(shown.rounds.map(([n, , mark]) => [n, mark]), [[1, "✗"], [2, "✗"]]);
    await screenshot(browser, "verify-tampered.png");
    await tid(browser, "verify-ok").click();
  });
});

describe("acknowledged edits survive the app being killed (SIGKILL)", () => {
  const TITLE = "Crash safety in the window";
  let browser;
  let file;
  const ids = {};
  /** What the window must show after each relaunch: [id, text, status] in order, and the rounds. */
  let expected;
  const figures = { kills: 0, survived: 0, lost: 0 };

  /** The app process started for `path` (its command line names the binary and the file). */
  function appPids(path) {
    const run = spawnSync("pgrep", ["-f", `${APP} .*${path}`], { encoding: "utf8" });
    return run.stdout
      .split("\n")
      .filter(Boolean)
      .map(Number)
      .filter((pid) => {
        // pgrep matches its own pattern loosely: keep the process whose argv is the app and the file.
        try {
          const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
          return argv[0] === APP && argv.includes(path);
        } catch {
          return false;
        }
      });
  }

  function alive(pid) {
    try {
      return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
      return false;
    }
  }

  /** What the window shows now, in the shape of `expected`. */
  async function shown() {
    const text = (await readText(browser)).map((p) => [p.id, p.text, p.status]);
    const rounds = (await readRounds(browser)).map(([n, s]) => [n, s]);
    return { text, rounds };
  }

  /** Waits until the window shows `expected` and says "saved", kills the app with SIGKILL at
   * once, relaunches on the same file and checks that everything acknowledged is there. */
  async function killAndRelaunch(what) {
    await eventually(browser, shown, expected, `before the kill (${what})`);
    await eventually(browser, () => tid(browser, "save-state").getAttribute("data-state"), "saved", "the saved indicator");
    const pids = appPids(file);
    assert.equal(pids.length, 1, `expected one app process for ${file}, found ${pids}`);
    process.kill(pids[0], "SIGKILL");
    figures.kills++;
    for (let i = 0; i < 100 && alive(pids[0]); i++) await sleep(50);
    assert.ok(!alive(pids[0]), "the app outlived SIGKILL");
    // The session's window is gone; ending it may fail, which is expected.
    await Promise.race([browser.deleteSession().catch(() => {}), sleep(5_000)]);
    browser = await launch([file]);
    const after = await until(
      browser,
      async () => {
        const now = await shown();
        return now.text.length >= expected.text.length ? now : null;
      },
      `the relaunched window lacks paragraphs after killing it (${what})`,
    ).catch(() => shown());
    const lost = expected.text.filter((p) => !after.text.some((q) => JSON.stringify(q) === JSON.stringify(p))).length;
    figures.lost += lost;
    assert.deepEqual(after, expected, `after SIGKILL (${what})`);
    figures.survived++;
  }

  before(async () => {
    const first = await launch();
    file = await newNegotiation(first, TITLE);
    await first.deleteSession();
    await waitUnlocked(file);
    // Launched on the file, so that its process is told apart by its command line.
    browser = await launch([file]);
  });
  after(async () => {
    await browser?.deleteSession().catch(() => {});
  });

  it("keeps new paragraphs and a text edit", async () => {
    ids.PP1 = await addParagraph(browser, "preambular", "RECALLING the commitments made by member states;");
    ids.PP2 = await addParagraph(browser, "preambular", "NOTING the report of the Secretary General;");
    ids.OP1 = await addParagraph(browser, "operative", "To urge member states to keep their records safe.");
    ids.OP2 = await addParagraph(browser, "operative", "To request a report at the next regular session.");
    await editText(browser, ids.PP2, "NOTING WITH APPRECIATION the report of the Secretary General;");
    expected = {
      text: [
        [ids.PP1, "RECALLING the commitments made by member states;", "proposed"],
        [ids.PP2, "NOTING WITH APPRECIATION the report of the Secretary General;", "proposed"],
        [ids.OP1, "To urge member states to keep their records safe.", "proposed"],
        [ids.OP2, "To request a report at the next regular session.", "proposed"],
      ],
      rounds: [[1, "open"]],
    };
    await killAndRelaunch("text edit");
  });

  it("keeps the .accord file alone complete while the app is open: a copy of it holds the last edit", async () => {
    const revised = "To request a report at the next regular session, in all official languages.";
    await editText(browser, ids.OP2, revised);
    expected.text[3][1] = revised;
    await eventually(browser, shown, expected, "the edit shown");
    await eventually(browser, () => tid(browser, "save-state").getAttribute("data-state"), "saved", "the saved indicator");
    await sleep(1_000);
    const dir = mkdtempSync(join(tmpdir(), "accord-copy-"));
    try {
      // What a chair does when mailing the file: copy it alone, without SQLite's -wal beside it.
      const copy = join(dir, "mailed.accord");
      copyFileSync(file, copy);
      const run = spawnSync(CLI, ["show", copy, "--json"], { encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      assert.ok(run.stdout.includes(revised), "the copied file holds the edit acknowledged a second ago");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps a status change", async () => {
    await select(browser, ids.OP1);
    await browser.keys([Key.Alt, "1"]);
    expected.text[2][2] = "agreed";
    await killAndRelaunch("status change");
  });

  it("keeps a move", async () => {
    await select(browser, ids.PP2);
    await browser.keys([Key.Alt, Key.ArrowUp]);
    expected.text = [expected.text[1], expected.text[0], ...expected.text.slice(2)];
    await killAndRelaunch("move");
  });

  it("keeps a round close", async () => {
    await closeRound(browser, "Informal consultations, 2 June 2026");
    expected.rounds = [[2, "open"], [1, "closed"]];
    await killAndRelaunch("round close");
  });

  it("keeps a paragraph inserted and another deleted in the new round", async () => {
    ids.OP3 = await addParagraph(browser, "operative", "To decide to remain seized of the matter.");
    await select(browser, ids.OP2);
    await browser.keys(Key.Delete);
    await tid(browser, "delete-submit").click();
    // Deleted paragraphs are hidden from the text unless asked for.
    expected.text = [...expected.text.filter(([id]) => id !== ids.OP2), [ids.OP3, "To decide to remain seized of the matter.", "proposed"]];
    await killAndRelaunch("insert and delete");
  });

  it("leaves a sound file: integrity ok and the fingerprint chain verified", async (t) => {
    t.diagnostic(`app kills: ${figures.kills}, survived: ${figures.survived}, acknowledged edits lost: ${figures.lost}`);
    assert.equal(figures.kills, 5);
    assert.equal(figures.survived, 5);
    assert.equal(figures.lost, 0);
    const shownVerify = await verify(browser);
    assert.equal(shownVerify.intact, true, shownVerify.sentence);
    await tid(browser, "verify-ok").click();
    await browser.deleteSession();
    browser = null;
    await waitUnlocked(file);
    assert.equal(sqlite(file, "PRAGMA integrity_check;"), "ok");
    assert.ok(existsSync(CLI), `no accord CLI at ${CLI}`);
    const cli = spawnSync(CLI, ["verify", file], { encoding: "utf8" });
    assert.equal(cli.status, 0, cli.stderr);
    assert.match(cli.stdout, /1 closed rounds verified: the record is intact/);
    assert.ok(readdirSync(`${file}.backups`).includes("round-001.accord"), "no backup of round 1");
  });
});
