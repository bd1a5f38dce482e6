#!/usr/bin/env bash
# Log-analysis benchmark: Vigil's logparse (CLI and HTTP API) against GoAccess and a one-pass mawk
# summary on the same generated combined-format logs, in one run. Prints a markdown table and the
# machine it ran on.
#
# Usage: perf/logparse-bench.sh [--log-lines N] [--big-lines N] [--runs R]
#   --log-lines  lines of the main dataset (default 1000000)
#   --big-lines  lines of the large dataset for the memory-flatness rows (default 10000000; 0 skips it)
#   --runs       runs per row; the median is reported (default 3)
# Needs: a JDK >= 21 (found by ./platform), curl, mawk; installs goaccess with apt-get when missing.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LINES=1000000
BIG_LINES=10000000
RUNS=3
while [[ $# -gt 0 ]]; do
    case "$1" in
        --log-lines) LINES=$2; shift 2 ;;
        --big-lines) BIG_LINES=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        *) echo "usage: $0 [--log-lines N] [--big-lines N] [--runs R]" >&2; exit 2 ;;
    esac
done

DATA="$ROOT/target/perf-data"
WORK=$(mktemp -d)
export VIGIL_RUN_DIR="$ROOT/target/perf-run"
# shellcheck source=tests/port-block.sh
. "$ROOT/tests/port-block.sh"
use_port_block 38080
# The large dataset is bigger than the default 1 GiB body limit (logparse.max-body-bytes).
export LOGPARSE_MAX_dash_BODY_dash_BYTES=$((8 << 30))
JAVA_HOME=$("$ROOT/platform" java)
trap '"$ROOT/platform" down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

install() {
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 || sudo apt-get install -y -qq --no-install-recommends "$@"
}

ensure_tools() {
    [[ -x /usr/bin/time ]] || install time
    command -v goaccess >/dev/null || install goaccess
    command -v mawk >/dev/null || { echo "mawk is missing (apt-get install mawk)" >&2; exit 1; }
}

dataset() {
    local lines=$1 file="$DATA/combined-$1.log"
    if [[ ! -s "$file" ]]; then
        mkdir -p "$DATA"
        "$JAVA_HOME/bin/java" "$ROOT/perf/LogGenerator.java" --lines "$lines" --seed 42 >"$file.tmp"
        mv "$file.tmp" "$file"
    fi
    echo "$file"
}

median() {
    sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# time_cmd OUT CMD...: runs the command RUNS times; prints "median-seconds max-rss-kb".
time_cmd() {
    local i times=() rss=0 line
    for ((i = 0; i < RUNS; i++)); do
        /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >/dev/null 2>&1
        line=$(tail -n1 "$WORK/time")
        times+=("${line% *}")
        ((${line#* } > rss)) && rss=${line#* }
    done
    echo "$(printf '%s\n' "${times[@]}" | median) $rss"
}

row() {
    local name=$1 file=$2 seconds=$3 rss_kb=$4 lines bytes
    lines=$(wc -l <"$file")
    bytes=$(stat -c %s "$file")
    awk -v n="$name" -v d="$(basename "$file")" -v s="$seconds" -v r="$rss_kb" -v l="$lines" -v b="$bytes" 'BEGIN {
        printf "| %s | %s (%.0f MB) | %.3f | %.0f | %.0f | %s |\n", n, d, b / 1e6, s, b / 1e6 / s, l / s,
            (r == "-" ? "-" : sprintf("%.0f", r / 1024))
    }'
}

# POSTs a file to an analyze endpoint RUNS times: prints "median-wall-seconds median-server-seconds".
post_analyze() {
    local url=$1 file=$2 i walls=() servers=() out
    for ((i = 0; i < RUNS; i++)); do
        out=$(curl -sS --fail -o "$WORK/summary.json" -w '%{time_total}' -H 'Content-Type: text/plain' \
            -X POST -T "$file" "$url") || return 1
        walls+=("$out")
        servers+=("$(grep -o '"elapsedMs":[0-9]*' "$WORK/summary.json" | tr -dc '0-9' | awk '{ print $1 / 1000 }')")
    done
    echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${servers[@]}" | median)"
}

process_rss_kb() {
    awk '/VmHWM/ { print $2 }' "/proc/$(<"$VIGIL_RUN_DIR/$1.pid")/status"
}

ensure_tools
MAIN=$(dataset "$LINES")
BIG=""
[[ "$BIG_LINES" -gt 0 ]] && BIG=$(dataset "$BIG_LINES")
"$ROOT/platform" up >/dev/null
# Warm-up of the fresh JVMs (logparse, and the gateway's relay path); not measured.
post_analyze "http://127.0.0.1:$LOGPARSE_PORT/v1/analyze" "$MAIN" >/dev/null
post_analyze "http://127.0.0.1:$GATEWAY_PORT/api/v1/logs/analyze" "$MAIN" >/dev/null 2>&1 || true

echo "| benchmark | dataset | runtime (s) | throughput (MB/s) | lines/s | max RSS (MB) |"
echo "|---|---|---|---|---|---|"

read -r wall server <<<"$(post_analyze "http://127.0.0.1:$GATEWAY_PORT/api/v1/logs/analyze" "$MAIN" 2>/dev/null || echo "- -")"
if [[ "$wall" != "-" ]]; then
    row "POST /api/v1/logs/analyze via gateway (wall, curl)" "$MAIN" "$wall" "-"
fi
read -r wall server <<<"$(post_analyze "http://127.0.0.1:$LOGPARSE_PORT/v1/analyze" "$MAIN")"
row "POST /v1/analyze direct to logparse (wall, curl)" "$MAIN" "$wall" "$(process_rss_kb logparse-service)"
row "logparse server side (elapsedMs in the response)" "$MAIN" "$server" "-"
if [[ -n "$BIG" ]]; then
    read -r wall server <<<"$(RUNS=1 post_analyze "http://127.0.0.1:$LOGPARSE_PORT/v1/analyze" "$BIG")"
    row "POST /v1/analyze direct to logparse (wall, curl)" "$BIG" "$wall" "$(process_rss_kb logparse-service)"
fi
"$ROOT/platform" down >/dev/null

"$ROOT/logparse" analyze "$MAIN" --json >/dev/null # writes the CLI's class-data archive; not measured
read -r seconds rss <<<"$(time_cmd "$ROOT/logparse" analyze "$MAIN" --json)"
row "logparse CLI (JVM start included)" "$MAIN" "$seconds" "$rss"
if [[ -n "$BIG" ]]; then
    read -r seconds rss <<<"$(RUNS=1 time_cmd "$ROOT/logparse" analyze "$BIG" --json)"
    row "logparse CLI (JVM start included)" "$BIG" "$seconds" "$rss"
fi

# The simplest honest peer: one pass computing requests, status counts, bytes and top paths.
cat >"$WORK/summary.awk" <<'AWK'
{ requests++; status[$9]++; bytes += $10; path = $7; sub(/\?.*/, "", path); paths[path]++ }
END {
    printf "requests %d bytes %d\n", requests, bytes
    for (s in status) printf "status %s %d\n", s, status[s]
    for (p in paths) printf "%d %s\n", paths[p], p | "sort -rn | head -10"
}
AWK
read -r seconds rss <<<"$(time_cmd mawk -f "$WORK/summary.awk" "$MAIN")"
row "mawk one-pass summary (requests, statuses, bytes, top paths)" "$MAIN" "$seconds" "$rss"
read -r seconds rss <<<"$(RUNS=1 time_cmd goaccess "$MAIN" --log-format=COMBINED --no-progress -o "$WORK/report.json")"
row "GoAccess 1.7 (--log-format=COMBINED -o report.json; 1 run)" "$MAIN" "$seconds" "$rss"

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),\
 $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo),\
 $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1); runs per row: $RUNS (median), big dataset: 1 run"
