#!/usr/bin/env bash
# Log-analysis benchmark: Vigil's logparse (HTTP API direct and through the gateway, and the CLI) against a one-pass
# mawk summary, DuckDB (in-process, its CSV reader and GROUP BYs) and GoAccess on the same generated combined-format
# logs, in one run. Prints a markdown table, the ratios to the peers, the CPU one POST costs (and the time and CPU of
# Helidon receiving the same body and nothing else, perf/BodyDrain.java), whether the peers' counts agree with
# logparse's, and the machine it ran on.
#
# Usage: perf/logparse-bench.sh [--log-lines N] [--big-lines N] [--runs R]
#   --log-lines  lines of the main dataset (default 1000000)
#   --big-lines  lines of the large dataset for the memory-flatness rows (default 10000000; 0 skips it)
#   --runs       runs per row; the median is reported (default 3)
# Ports: the stack it starts listens on LOGPARSE_BENCH_GATEWAY_PORT (default 38080) and the next two, perf/BodyDrain.java
# the one after; they must be free.
# Needs: a JDK >= 21 (found by ./platform), curl, mawk, python3; installs goaccess with apt-get when missing; fetches
# DuckDB's JDBC driver (org.duckdb:duckdb_jdbc, a jar with the native library inside) from Maven Central once.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=perf/machine.sh
. "$ROOT/perf/machine.sh"
LINES=1000000
BIG_LINES=10000000
RUNS=3
DUCKDB_VERSION=1.1.3
while [[ $# -gt 0 ]]; do
    case "$1" in
        --log-lines) LINES=$2; shift 2 ;;
        --big-lines) BIG_LINES=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        *) echo "usage: $0 [--log-lines N] [--big-lines N] [--runs R]" >&2; exit 2 ;;
    esac
done

DATA="$ROOT/target/perf-data"
TOOLS="$ROOT/target/perf-tools"
WORK=$(mktemp -d)
CORES=$(nproc)
export VIGIL_RUN_DIR="$ROOT/target/perf-run"
# shellcheck source=tests/port-block.sh
. "$ROOT/tests/port-block.sh"
use_port_block "${LOGPARSE_BENCH_GATEWAY_PORT:-38080}"
# The large dataset is bigger than the default 1 GiB body limit (logparse.max-body-bytes).
export LOGPARSE_MAX_dash_BODY_dash_BYTES=$((8 << 30))
JAVA_HOME=$("$ROOT/platform" java)
trap '[[ ! -f "$WORK/drain.pid" ]] || kill "$(<"$WORK/drain.pid")" 2>/dev/null; "$ROOT/platform" down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

install() {
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 || sudo apt-get install -y -qq --no-install-recommends "$@"
}

ensure_tools() {
    [[ -x /usr/bin/time ]] || install time
    command -v goaccess >/dev/null || install goaccess
    command -v mawk >/dev/null || { echo "mawk is missing (apt-get install mawk)" >&2; exit 1; }
    DUCKDB_JAR="$TOOLS/duckdb_jdbc-$DUCKDB_VERSION.jar"
    if [[ ! -s "$DUCKDB_JAR" ]]; then
        (cd "$ROOT" && JAVA_HOME=$JAVA_HOME ./mvnw -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
            -Dartifact="org.duckdb:duckdb_jdbc:$DUCKDB_VERSION" -DoutputDirectory="$TOOLS") >&2
    fi
}

ensure_ports_free() {
    local port
    for port in "$GATEWAY_PORT" "$HEALTH_PORT" "$LOGPARSE_PORT" $((LOGPARSE_PORT + 1)); do
        if ss -ltnH "sport = :$port" | grep -q .; then
            echo "port $port is in use; set LOGPARSE_BENCH_GATEWAY_PORT to a free block of four ports" >&2
            exit 1
        fi
    done
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

# time_cmd CMD...: runs the command RUNS times; prints "median-seconds max-rss-kb".
time_cmd() {
    local i times=() rss=0 line
    for ((i = 0; i < RUNS; i++)); do
        /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >"$WORK/out" 2>/dev/null
        line=$(tail -n1 "$WORK/time")
        times+=("${line% *}")
        ((${line#* } > rss)) && rss=${line#* }
    done
    echo "$(printf '%s\n' "${times[@]}" | median) $rss"
}

# row NAME FILE SECONDS RSS_KB CORES: one line of the table.
row() {
    local name=$1 file=$2 seconds=$3 rss_kb=$4 cores=$5 lines bytes
    lines=$(wc -l <"$file")
    bytes=$(stat -c %s "$file")
    awk -v n="$name" -v d="$(basename "$file")" -v s="$seconds" -v r="$rss_kb" -v l="$lines" -v b="$bytes" -v c="$cores" 'BEGIN {
        printf "| %s | %s (%.0f MB) | %.3f | %.0f | %.0f | %s | %.0f | %.0f | %s |\n", n, d, b / 1e6, s, b / 1e6 / s, l / s, c,
            b / 1e6 / s / c, l / s / c, (r == "-" ? "-" : sprintf("%.0f", r / 1024))
    }'
}

# POSTs a file to an analyze endpoint RUNS times: prints "median-wall-seconds median-server-seconds"; the last
# summary is left in $WORK/summary.json.
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

# cpu_per_post URL FILE PID: POSTs the file RUNS times; prints "median-curl-cpu-seconds median-server-cpu-seconds", the
# CPU (user + system) the sender and the server process PID each used for one POST.
cpu_per_post() {
    local url=$1 file=$2 pid=$3 i before after curls=() servers=()
    for ((i = 0; i < RUNS; i++)); do
        before=$(process_cpu_ticks "$pid")
        /usr/bin/time -f '%U %S' -o "$WORK/time" curl -sS --fail -o /dev/null -H 'Content-Type: text/plain' \
            -X POST -T "$file" "$url" || return 1
        after=$(process_cpu_ticks "$pid")
        curls+=("$(awk '{ printf "%.2f\n", $1 + $2 }' "$WORK/time")")
        servers+=("$(awk -v t="$(getconf CLK_TCK)" -v d=$((after - before)) 'BEGIN { printf "%.2f\n", d / t }')")
    done
    echo "$(printf '%s\n' "${curls[@]}" | median) $(printf '%s\n' "${servers[@]}" | median)"
}

# process_cpu_ticks PID: user + system CPU of a process so far, in clock ticks.
process_cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# The body-read floor: perf/BodyDrain.java (Helidon reading the body and nothing else) on the port after logparse's;
# prints its PID once it listens.
start_body_drain() {
    local port=$((LOGPARSE_PORT + 1)) tries=300
    "$JAVA_HOME/bin/java" -cp "$ROOT/logparse-service/target/libs/*" "$ROOT/perf/BodyDrain.java" "$port" \
        >"$WORK/drain.log" 2>&1 &
    echo "$!" >"$WORK/drain.pid"
    until grep -q 'listening' "$WORK/drain.log"; do
        ((--tries > 0)) || { echo "perf/BodyDrain.java did not start (see $WORK/drain.log)" >&2; return 1; }
        sleep 0.1
    done
    cat "$WORK/drain.pid"
}

process_rss_kb() {
    awk '/VmHWM/ { print $2 }' "/proc/$(<"$VIGIL_RUN_DIR/$1.pid")/status"
}

# DuckDB RUNS times: prints "median-query-seconds median-wall-seconds max-rss-kb"; the last result in $WORK/duckdb.json.
duckdb_runs() {
    local i queries=() walls=() rss=0 line
    for ((i = 0; i < RUNS; i++)); do
        /usr/bin/time -f '%e %M' -o "$WORK/time" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
            -cp "$DUCKDB_JAR" "$ROOT/perf/DuckDbSummary.java" --threads 2 "$1" >"$WORK/duckdb.json" 2>/dev/null
        queries+=("$(grep -o '"elapsedMs": [0-9]*' "$WORK/duckdb.json" | tr -dc '0-9' | awk '{ print $1 / 1000 }')")
        line=$(tail -n1 "$WORK/time")
        walls+=("${line% *}")
        ((${line#* } > rss)) && rss=${line#* }
    done
    echo "$(printf '%s\n' "${queries[@]}" | median) $(printf '%s\n' "${walls[@]}" | median) $rss"
}

# Whether DuckDB's counts are logparse's: requests, bytes, unique clients, statuses, methods and every top list.
counts_agree() {
    python3 - "$1" "$2" <<'PY'
import json, sys
vigil = json.load(open(sys.argv[1]))["http"]
duck = json.load(open(sys.argv[2]))
pairs = {"status": vigil["statuses"], "method": vigil["methods"]}
same = vigil["requests"] == duck["requests"] and vigil["bytesSent"] == duck["bytesSent"] \
    and vigil["uniqueClients"] == duck["uniqueClients"]
for name, counts in pairs.items():
    same &= counts == {row["value"]: row["count"] for row in duck[name]}
for name, key in (("path", "topPaths"), ("client", "topClients"), ("agent", "topUserAgents"), ("referer", "topReferrers")):
    same &= [[r["value"], r["count"]] for r in vigil[key]] == [[r["value"], r["count"]] for r in duck[name]]
print("yes" if same else "NO")
PY
}

ensure_tools
ensure_ports_free
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
MAIN=$(dataset "$LINES")
BIG=""
[[ "$BIG_LINES" -gt 0 ]] && BIG=$(dataset "$BIG_LINES")
"$ROOT/platform" up >/dev/null
# Warm-up of the fresh JVMs (logparse, and the gateway's relay path); not measured.
post_analyze "http://127.0.0.1:$LOGPARSE_PORT/v1/analyze" "$MAIN" >/dev/null
post_analyze "http://127.0.0.1:$GATEWAY_PORT/api/v1/logs/analyze" "$MAIN" >/dev/null 2>&1 || true

echo "| benchmark | dataset | runtime (s) | MB/s | lines/s | cores | MB/s per core | lines/s per core | max RSS (MB) |"
echo "|---|---|---|---|---|---|---|---|---|"

read -r gateway_wall _ <<<"$(post_analyze "http://127.0.0.1:$GATEWAY_PORT/api/v1/logs/analyze" "$MAIN" 2>/dev/null || echo "- -")"
if [[ "$gateway_wall" != "-" ]]; then
    row "POST /api/v1/logs/analyze via gateway (wall, curl)" "$MAIN" "$gateway_wall" "-" "$CORES"
fi
read -r direct_wall server <<<"$(post_analyze "http://127.0.0.1:$LOGPARSE_PORT/v1/analyze" "$MAIN")"
cp "$WORK/summary.json" "$WORK/vigil.json"
row "POST /v1/analyze direct to logparse (wall, curl)" "$MAIN" "$direct_wall" "$(process_rss_kb logparse-service)" "$CORES"
row "logparse server side (elapsedMs in the response)" "$MAIN" "$server" "-" "$CORES"
if [[ -n "$BIG" ]]; then
    read -r wall _ <<<"$(RUNS=1 post_analyze "http://127.0.0.1:$LOGPARSE_PORT/v1/analyze" "$BIG")"
    row "POST /v1/analyze direct to logparse (wall, curl)" "$BIG" "$wall" "$(process_rss_kb logparse-service)" "$CORES"
fi
read -r curl_cpu service_cpu <<<"$(cpu_per_post "http://127.0.0.1:$LOGPARSE_PORT/v1/analyze" "$MAIN" \
    "$(<"$VIGIL_RUN_DIR/logparse-service.pid")")"
"$ROOT/platform" down >/dev/null
drain_pid=$(start_body_drain)
cpu_per_post "http://127.0.0.1:$((LOGPARSE_PORT + 1))/drain" "$MAIN" "$drain_pid" >/dev/null # warm-up
read -r drain_curl_cpu drain_cpu <<<"$(cpu_per_post "http://127.0.0.1:$((LOGPARSE_PORT + 1))/drain" "$MAIN" "$drain_pid")"
read -r drain_wall _ <<<"$(post_analyze "http://127.0.0.1:$((LOGPARSE_PORT + 1))/drain" "$MAIN")"
kill "$drain_pid"
rm -f "$WORK/drain.pid"

"$ROOT/logparse" analyze "$MAIN" --json >/dev/null # writes the CLI's AOT cache (or CDS archive); not measured
read -r cli rss <<<"$(time_cmd "$ROOT/logparse" analyze "$MAIN" --json)"
row "logparse CLI (JVM start included)" "$MAIN" "$cli" "$rss" "$CORES"
if [[ -n "$BIG" ]]; then
    read -r seconds rss <<<"$(RUNS=1 time_cmd "$ROOT/logparse" analyze "$BIG" --json)"
    row "logparse CLI (JVM start included)" "$BIG" "$seconds" "$rss" "$CORES"
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
read -r mawk rss <<<"$(time_cmd mawk -f "$WORK/summary.awk" "$MAIN")"
row "mawk one-pass summary (requests, statuses, bytes, top paths)" "$MAIN" "$mawk" "$rss" 1
read -r duck duck_wall rss <<<"$(duckdb_runs "$MAIN")"
row "DuckDB $DUCKDB_VERSION in-process, 2 threads (query time: CSV reader + GROUP BYs)" "$MAIN" "$duck" "-" 2
row "DuckDB $DUCKDB_VERSION, whole process (JVM start, native library, query)" "$MAIN" "$duck_wall" "$rss" 2
read -r goaccess rss <<<"$(RUNS=1 time_cmd goaccess "$MAIN" --log-format=COMBINED --no-progress -o "$WORK/report.json")"
row "GoAccess $(goaccess --version | awk 'NR == 1 { sub(/\.$/, "", $NF); print $NF }') (--log-format=COMBINED -o report.json; 1 run)" "$MAIN" "$goaccess" "$rss" 1

echo
echo "Vigil against the peers, in this run (how many times longer the peer took; target in brackets):"
echo
echo "| peer | peer (s) | ÷ logparse direct ($direct_wall s) | ÷ logparse server side ($server s) | ÷ logparse CLI ($cli s) |"
echo "|---|---|---|---|---|"
for peer in "mawk one-pass summary (>= 2.5x):$mawk" "DuckDB query time (>= 5x):$duck" "GoAccess (>= 50x):$goaccess"; do
    awk -v n="${peer%%:*}" -v p="${peer##*:}" -v d="$direct_wall" -v s="$server" -v c="$cli" 'BEGIN {
        printf "| %s | %.3f | %.1fx | %.1fx | %.1fx |\n", n, p, p / d, p / s, p / c
    }'
done
echo
echo "CPU of one POST of $(basename "$MAIN") direct to logparse (user + system, median of $RUNS; the run's cores can give"\
    "$CORES CPU-seconds per second):"
echo
echo "| who | CPU (s) |"
echo "|---|---|"
echo "| curl sending the body | $curl_cpu |"
echo "| logparse-service reading and analysing it | $service_cpu |"
echo "| Helidon reading the same body and nothing else (perf/BodyDrain.java; curl: $drain_curl_cpu s) | $drain_cpu |"
echo
awk -v c="$curl_cpu" -v s="$service_cpu" -v d="$drain_cpu" -v n="$CORES" -v w="$direct_wall" 'BEGIN {
    printf "So the direct POST needs %.2f CPU-seconds, at least %.3f s of wall time on %d cores (measured: %.3f s);", c + s,
        (c + s) / n, n, w
    printf " all but %.2f of the service'"'"'s share is beyond reading the body (parsing, counting, collecting).\n", d
}'
echo
echo "The body alone, received by Helidon and nothing else (perf/BodyDrain.java), took $(printf %.3f "$drain_wall") s of wall time per POST"\
    "(median of $RUNS); Helidon 4.1.2 reads a body 8 KiB per system call (PlainSocket's fixed buffer), whatever the"\
    "socket's buffers."
echo
echo "DuckDB's counts (requests, bytes, unique clients, statuses, methods, the four top-10 lists) equal logparse's:" \
    "$(counts_agree "$WORK/vigil.json" "$WORK/duckdb.json")."
echo
machine_line "$JAVA_HOME" "; load average before the run: $LOAD_BEFORE;\
 runs per row: $RUNS (median), big dataset and GoAccess: 1 run"
