#!/usr/bin/env bash
# The reliability suite (tests/reliability/): backend loss, a stalled backend, graceful drain of each service, a
# rolling restart, hostile input and memory, against the real services started with ./platform up on their own
# ports (16180-16182) and run directory. Each scenario prints one line; the last line is 'reliability: N passed,
# N failed'. The results table goes to target/reliability/results.md (./platform bench reliability puts a longer
# run of it into perf/RESULTS.md).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
export VIGIL_RUN_DIR="$ROOT/target/reliability/run"
# shellcheck source=tests/port-block.sh
. "$ROOT/tests/port-block.sh"
use_port_block "${RELIABILITY_GATEWAY_PORT:-16180}"

cleanup() {
    "$ROOT/platform" down >/dev/null 2>&1 || true
}
trap cleanup EXIT

mkdir -p "$ROOT/target/reliability"
PYTHONDONTWRITEBYTECODE=1 python3 "$ROOT/tests/reliability/suite.py" --port "$GATEWAY_PORT" \
    --markdown "$ROOT/target/reliability/results.md" "$@"
