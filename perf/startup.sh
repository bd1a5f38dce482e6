#!/usr/bin/env bash
# Start-up benchmark: how long ./platform up takes from launching the three JVMs until all are
# ready, and each service's own "ready ... in N ms" (JVM uptime when its server was listening).
# Usage: perf/startup.sh [runs]   (default 5; prints a markdown table and the machine it ran on)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=perf/machine.sh
. "$ROOT/perf/machine.sh"
RUNS=${1:-5}
export VIGIL_RUN_DIR="$ROOT/target/perf-startup"
# shellcheck source=tests/port-block.sh
. "$ROOT/tests/port-block.sh"
use_port_block 28080
trap '"$ROOT/platform" down >/dev/null 2>&1 || true' EXIT

ready_ms() {
    grep -o "\"$1 ready on [^\"]* in [0-9]* ms" "$VIGIL_RUN_DIR/$1.log" | grep -o 'in [0-9]* ms' | tr -dc '0-9'
}

"$ROOT/platform" up >/dev/null # builds when needed; not measured
"$ROOT/platform" down >/dev/null

echo "| run | stack ready (ms) | gateway (ms) | health-service (ms) | logparse-service (ms) |"
echo "|---|---|---|---|---|"
for run in $(seq "$RUNS"); do
    stack=$("$ROOT/platform" up | grep -o 'up in [0-9]* ms' | tr -dc '0-9')
    echo "| $run | $stack | $(ready_ms gateway) | $(ready_ms health-service) | $(ready_ms logparse-service) |"
    "$ROOT/platform" down >/dev/null
done
echo
machine_line "$("$ROOT/platform" java)"
