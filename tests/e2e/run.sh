#!/usr/bin/env bash
# End-to-end tests of the real Accord window.
#
# Builds the UI (ui/dist) and the app binary (`cargo build -p accord-app`, honouring
# CARGO_TARGET_DIR), starts a private Xvfb display and tauri-driver (which starts WebKitWebDriver),
# and runs the webdriverio specs with node's test runner. Screenshots go to tests/e2e/screenshots/.
# Every process started here is ended by its PID (process group) on exit.
#
# Needs: xvfb, webkit2gtk-driver (WebKitWebDriver), chromium and chromium-driver, tauri-driver (looked up in $ACCORD_TOOLS/bin,
# $HOME/.cache/accord/tools/bin, then PATH), node >= 20.19. `.ci/setup` installs them.
# Options (environment): E2E_SKIP_BUILD=1 reuses the built UI and binary; E2E_KEEP=1 keeps the
# temporary folder (app data, negotiation files, logs) for inspection; E2E_SPECS="specs/a.test.mjs …"
# runs only those specs.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$E2E_DIR/../.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
# E2E_PROFILE=release runs the release build of the app (the perf spec's figures for BENCHMARKS.md).
PROFILE="${E2E_PROFILE:-debug}"
case "$PROFILE" in debug) PROFILE_FLAG=() ;; release) PROFILE_FLAG=(--release) ;; *) echo "e2e: E2E_PROFILE is debug or release" >&2; exit 2 ;; esac
# E2E_APP / E2E_CLI: run an installed build instead (the package smoke test, .ci/package-smoke).
APP="${E2E_APP:-$TARGET_DIR/$PROFILE/accord-app}"
CLI="${E2E_CLI:-$TARGET_DIR/debug/accord}"

log() { printf 'e2e: %s\n' "$*" >&2; }

# ---- tools ------------------------------------------------------------------------------------
find_driver() {
  local c
  for c in "${ACCORD_TOOLS:+$ACCORD_TOOLS/bin/tauri-driver}" "$HOME/.cache/accord/tools/bin/tauri-driver" \
    "/root/.cache/accord/tools/bin/tauri-driver"; do
    if [ -n "$c" ] && [ -x "$c" ]; then echo "$c"; return 0; fi
  done
  command -v tauri-driver || return 1
}
TAURI_DRIVER="$(find_driver)" || { log "tauri-driver not found (run .ci/setup)"; exit 1; }
command -v Xvfb >/dev/null || { log "Xvfb not found (apt-get install xvfb)"; exit 1; }
command -v WebKitWebDriver >/dev/null || { log "WebKitWebDriver not found (apt-get install webkit2gtk-driver)"; exit 1; }

# ---- build ------------------------------------------------------------------------------------
if [ "${E2E_SKIP_BUILD:-0}" != 1 ]; then
  log "building the UI"
  (
    cd "$ROOT/ui"
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      npm ci --no-audit --no-fund --loglevel=error
    fi
    npm run build --silent >/dev/null
  )
  log "building the app"
  (cd "$ROOT" && cargo build -p accord-app "${PROFILE_FLAG[@]}" --quiet && cargo build -p drafts --bin accord --quiet)
fi
[ -x "$APP" ] || { log "no app binary at $APP"; exit 1; }
if [ ! -d "$E2E_DIR/node_modules" ] || [ "$E2E_DIR/package-lock.json" -nt "$E2E_DIR/node_modules/.package-lock.json" ]; then
  # --ignore-scripts: webdriverio's optional driver packages would try to download drivers.
  (cd "$E2E_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi

# ---- processes --------------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/accord-e2e.XXXXXX")"
PIDS=()
cleanup() {
  local status=$? pid
  for pid in "${PIDS[@]}"; do
    # Each was started with setsid: its PID is its process group, which holds its children
    # (WebKitWebDriver and the app under tauri-driver).
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if [ "${E2E_KEEP:-0}" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_display() {
  local n
  for n in $(seq 99 160); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then echo "$n"; return 0; fi
  done
  return 1
}
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

DISPLAY_NUM="$(free_display)" || { log "no free X display"; exit 1; }
setsid Xvfb ":$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 </dev/null &
PIDS+=($!)
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] && break; sleep 0.1; done
[ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] || { log "Xvfb did not start"; cat "$WORK/xvfb.log" >&2; exit 1; }
export DISPLAY=":$DISPLAY_NUM"

# The app's data, config and files live in the temporary folder: the user's own are never touched.
mkdir -p "$WORK/data" "$WORK/config" "$WORK/cache" "$WORK/files"
export XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config" XDG_CACHE_HOME="$WORK/cache"
# Test seams: "New negotiation", "Create negotiation" (import) and "Export" write into this
# folder instead of showing the native save dialog, and File ▸ Import reads ACCORD_E2E_IMPORT
# instead of showing the open dialog (the specs write the draft to import there first);
# File ▸ Import proposals reads those of ACCORD_E2E_PROPOSALS (a path list) that exist, so a spec
# places only the files it imports: a proposals file, a Word file sent back with tracked changes.
mkdir -p "$WORK/import"
export ACCORD_E2E_DIR="$WORK/files" ACCORD_E2E_IMPORT="$WORK/import/draft.txt"
export ACCORD_E2E_PROPOSALS="$WORK/import/proposals.json:$WORK/import/returned.docx"
unset ACCORD_FILE
# No desktop message bus: an Accord the user runs must not receive the tests' launches (the
# windows spec starts its own bus).
unset DBUS_SESSION_BUS_ADDRESS

PORT="$(free_port)"
NATIVE_PORT="$(free_port)"
while [ "$NATIVE_PORT" = "$PORT" ]; do NATIVE_PORT="$(free_port)"; done
setsid "$TAURI_DRIVER" --port "$PORT" --native-port "$NATIVE_PORT" >"$WORK/tauri-driver.log" 2>&1 </dev/null &
PIDS+=($!)
for _ in $(seq 1 100); do
  node -e 'require("net").connect(+process.argv[1],"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))' "$PORT" && break
  sleep 0.1
done

# The live session's spec opens a join link in a real browser: Chromium, headless, through
# chromedriver (apt: chromium, chromium-driver; .ci/setup installs them).
CHROMEDRIVER_PORT=""
if command -v chromedriver >/dev/null; then
  CHROMEDRIVER_PORT="$(free_port)"
  setsid chromedriver --port="$CHROMEDRIVER_PORT" --allowed-ips=127.0.0.1 >"$WORK/chromedriver.log" 2>&1 </dev/null &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    node -e 'require("net").connect(+process.argv[1],"127.0.0.1").on("connect",()=>process.exit(0)).on("error",()=>process.exit(1))' "$CHROMEDRIVER_PORT" && break
    sleep 0.1
  done
fi

# ---- tests ------------------------------------------------------------------------------------
mkdir -p "$E2E_DIR/screenshots"
log "display :$DISPLAY_NUM, tauri-driver on $PORT (native $NATIVE_PORT), app $APP"
cd "$E2E_DIR"
set +e
ACCORD_APP="$APP" ACCORD_CLI="$CLI" E2E_PORT="$PORT" E2E_CHROMEDRIVER_PORT="$CHROMEDRIVER_PORT" E2E_SCREENSHOTS="$E2E_DIR/screenshots" E2E_WORK="$WORK" \
  node --test --test-concurrency=1 ${E2E_SPECS:-specs/}
status=$?
set -e
if [ "$status" -ne 0 ]; then
  log "tests failed; tauri-driver log:"
  tail -n 40 "$WORK/tauri-driver.log" >&2 || true
fi
exit "$status"
