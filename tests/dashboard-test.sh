#!/usr/bin/env bash
# Browser test of the web dashboard the gateway serves at /: the stack started with ./platform up on its own ports
# and run directory, with API keys required (as in production) and health-service refreshing every second; then
# node --test in tests/dashboard/: unit tests of the pages' formatting helpers and the browser test, Debian's
# Chromium driven headless by playwright-core (never a downloaded browser). Screenshots and the generated logs go to
# target/dashboard-test/. Needs chromium, node and npm (.ci/run installs them); in CI a missing one fails.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly TOOLS="$ROOT/tests/dashboard"
readonly OUT="$ROOT/target/dashboard-test"
readonly CHROMIUM=${DASHBOARD_CHROMIUM:-/usr/bin/chromium}
# A key for this test only; the gateway holds its SHA-256.
readonly KEY="vigil-dashboard-test-key"
export VIGIL_RUN_DIR="$OUT/run"
# shellcheck source=tests/port-block.sh
. "$ROOT/tests/port-block.sh"
use_port_block "${DASHBOARD_TEST_GATEWAY_PORT:-17080}"

skip() {
    echo "dashboard-test: $1" >&2
    [[ -z "${CI:-}" ]] || exit 1
    echo "dashboard: 0 passed, 0 failed, 1 skipped"
    exit 0
}

install_node_tools() {
    if [[ ! -d "$TOOLS/node_modules/playwright-core" ]] \
        || [[ "$TOOLS/package-lock.json" -nt "$TOOLS/node_modules/.package-lock.json" ]]; then
        (cd "$TOOLS" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    fi
}

start_stack() {
    local digest
    digest=$(printf %s "$KEY" | sha256sum | cut -d' ' -f1)
    GATEWAY_AUTH_MODE=api-key GATEWAY_AUTH_KEYS_0_ID=dashboard-test GATEWAY_AUTH_KEYS_0_SHA256="$digest" \
        HEALTH_REFRESH_dash_INTERVAL=PT1S \
        "$ROOT/platform" up >"$OUT/platform-up.log" 2>&1 || {
        cat "$OUT/platform-up.log" >&2
        exit 1
    }
}

stop_stack() {
    "$ROOT/platform" down >/dev/null 2>&1 || true
}

main() {
    [[ -x "$CHROMIUM" ]] || skip "no browser at $CHROMIUM (apt-get install --no-install-recommends chromium)"
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        skip "node and npm are needed (apt-get install nodejs npm)"
    fi
    mkdir -p "$OUT"
    install_node_tools
    trap stop_stack EXIT
    start_stack
    echo "dashboard test: Chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}'), gateway :$GATEWAY_PORT (API keys on)"
    (cd "$TOOLS" && DASHBOARD_URL="http://127.0.0.1:$GATEWAY_PORT" DASHBOARD_API_KEY="$KEY" DASHBOARD_RUN_DIR="$VIGIL_RUN_DIR" \
        DASHBOARD_OUT="$OUT" DASHBOARD_CHROMIUM="$CHROMIUM" \
        node --test --test-reporter=spec --test-concurrency=1 format.test.mjs dashboard.test.mjs)
    echo "   screenshots: ${OUT#"$ROOT"/}/*.png"
}

main "$@"
