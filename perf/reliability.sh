#!/usr/bin/env bash
# Soak variant of the reliability suite for ./platform bench: every scenario with its load held N times longer
# (default 5) and the big log N x 10M lines; prints the results table (markdown) for perf/RESULTS.md.
# Usage: perf/reliability.sh [soak]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
SOAK=${1:-5}
"$ROOT/tests/reliability-test.sh" --soak "$SOAK" >&2
cat "$ROOT/target/reliability/results.md"
