#!/usr/bin/env bash
# Load smoke test: a few seconds of Locust (perf/run-load.sh, smoke profile) with a handful of users against
# a stack started with ./platform up on its own ports. Passes only when Locust exits 0, no request failed
# and enough requests ran to mean something.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
export LOAD_GATEWAY_PORT=${LOAD_SMOKE_GATEWAY_PORT:-19080}
export VIGIL_RUN_DIR="$ROOT/target/load-smoke/run"
readonly OUT="$ROOT/target/load-smoke"
readonly DURATION=${LOAD_SMOKE_DURATION:-5s} USERS=${LOAD_SMOKE_USERS:-4} MIN_REQUESTS=20

command -v locust >/dev/null || {
    echo "load-smoke: locust is not installed (apt-get install python3-locust); .ci/run installs it" >&2
    [[ -z "${CI:-}" ]] || exit 1
    echo "load smoke: 0 passed, 0 failed, 1 skipped"
    exit 0
}

echo "load smoke test ($USERS users, $DURATION, gateway port $LOAD_GATEWAY_PORT)"
status=0
"$ROOT/perf/run-load.sh" --profile smoke --users "$USERS" --duration "$DURATION" --out "$OUT" >"$OUT.md" || status=$?
sed 's/^/    | /' "$OUT.md"
if [[ $status -eq 0 ]] && python3 "$ROOT/perf/load_summary.py" --require-requests "$MIN_REQUESTS" \
        --require-no-failures "$OUT/smoke" >/dev/null; then
    echo "  ok   Locust smoke: exit 0, no failed request, at least $MIN_REQUESTS requests"
    echo "load smoke: 1 passed, 0 failed"
else
    echo "  FAIL Locust smoke (exit status $status)"
    echo "load smoke: 0 passed, 1 failed"
    exit 1
fi
