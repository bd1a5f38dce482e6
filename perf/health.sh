#!/usr/bin/env bash
# health-service benchmark, whole process: health-service runs from its jar with checks of which one
# hangs (a TCP server that accepts and never answers), and wrk measures cached GET /v1/checks;
# then how long one refresh of 100 checks (99 answering, 1 hanging) takes, from the service's own
# vigil_health_refresh_duration_seconds metric.
# Usage: perf/health.sh [seconds]   (default 10 s of load per wrk run; prints markdown)
# Needs: wrk (apt-get install wrk), python3, curl, a JDK >= 21 (found by ./platform java).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=perf/machine.sh
. "$ROOT/perf/machine.sh"
DURATION=${1:-10}
PORT=${HEALTH_BENCH_PORT:-28181}
TMP=$(mktemp -d)
JAR="$ROOT/health-service/target/health-service.jar"
service_pid=""
hanging_pid=""

cleanup() {
    [[ -z "$service_pid" ]] || kill "$service_pid" 2>/dev/null || true
    [[ -z "$hanging_pid" ]] || kill "$hanging_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT

die() {
    echo "health.sh: $*" >&2
    exit 1
}

command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
JAVA_HOME=$("$ROOT/platform" java)
export JAVA_HOME
if [[ ! -f "$JAR" ]]; then
    (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dcheckstyle.skip -Djacoco.skip package -pl common,health-service)
fi

# A TCP server on loopback that accepts connections and never answers; stops by itself after 10 min.
start_hanging_server() {
    python3 - "$TMP/hanging.port" <<'PY' &
import socket, sys, threading, time
server = socket.socket()
server.bind(("127.0.0.1", 0))
server.listen(128)
with open(sys.argv[1], "w") as f:
    f.write(str(server.getsockname()[1]))
held = []
def accept():
    while True:
        held.append(server.accept()[0])
threading.Thread(target=accept, daemon=True).start()
time.sleep(600)
PY
    hanging_pid=$!
    local tries=100
    until [[ -s "$TMP/hanging.port" ]] || ((--tries == 0)); do
        sleep 0.05
    done
    [[ -s "$TMP/hanging.port" ]] || die "the hanging server did not start"
}

start_service() {
    VIGIL_CONFIG=$1 SERVER_PORT=$PORT LOG_FORMAT=text "$JAVA_HOME/bin/java" -jar "$JAR" >"$TMP/service.log" 2>&1 &
    service_pid=$!
    local deadline=$((SECONDS + 30))
    until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/observe/health/ready" 2>/dev/null; do
        ((SECONDS < deadline)) || die "health-service not ready after 30 s: $(tail -n 5 "$TMP/service.log")"
        sleep 0.1
    done
}

stop_service() {
    kill -TERM "$service_pid"
    wait "$service_pid" || true
    service_pid=""
}

# wrk_row NAME LOAD THREADS CONNECTIONS [SCRIPT]: one markdown row from a wrk run against cached
# GET /v1/checks; SCRIPT (a wrk Lua file) paces the requests.
wrk_row() {
    local name=$1 load=$2 threads=$3 connections=$4 script=${5:-} out
    out=$(wrk -t"$threads" -c"$connections" -d"${DURATION}s" --latency ${script:+-s "$script"} \
        "http://127.0.0.1:$PORT/v1/checks")
    awk -v name="$name" -v load="$load" -v c="$connections" '
        /^ +50%/ { p50 = $2 } /^ +90%/ { p90 = $2 } /^ +99%/ { p99 = $2 }
        /Latency +[0-9]/ { max = $4 }
        /Requests\/sec/ { rps = $2 }
        /Non-2xx/ { non2xx = $NF }
        END { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", name, load, c, rps, p50, p90, p99, max, non2xx + 0 }' <<<"$out"
}

metric() {
    curl -fsS "http://127.0.0.1:$PORT/observe/metrics" | awk -v name="$1" 'index($0, name) == 1 && !v { v = $NF } END { print v }'
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
start_hanging_server
hanging_port=$(<"$TMP/hanging.port")

# 1. The report with one hanging dependency, refreshed every second, under load.
cat >"$TMP/small.yaml" <<YAML
health:
  refresh-interval: PT1S
  checks:
    - {name: hanging, type: http, url: "http://127.0.0.1:$hanging_port/", timeout: PT1S, critical: false}
    - {name: self, type: http, url: "http://127.0.0.1:$PORT/observe/health/live"}
    - {name: disk, type: disk, path: /, min-free: 1MB}
    - {name: heap, type: heap, max-used-ratio: 0.99}
YAML
# 2. 100 checks: 99 answering (health-service's own liveness) and the hanging one, whose circuit is
# kept closed so that every refresh waits for it (an open circuit would skip it after 3 timeouts).
# large_config FILE ANSWERING [HANGING]
large_config() {
    local i
    {
        echo "health:"
        echo "  refresh-interval: PT2S"
        echo "  checks:"
        if [[ -n "${3:-}" ]]; then
            echo "    - {name: hanging, type: http, url: \"http://127.0.0.1:$3/\", timeout: PT1S, critical: false,"
            echo "       circuit-breaker: {failures: 100}}"
        fi
        for i in $(seq 1 "$2"); do
            echo "    - {name: self-$i, type: http, url: \"http://127.0.0.1:$PORT/observe/health/live\", timeout: PT1S}"
        done
    } >"$1"
}
large_config "$TMP/large.yaml" 99 "$hanging_port"
large_config "$TMP/answering.yaml" 100

# refresh_row NAME: mean refresh time over the refreshes of the next 12 s, with nothing else running.
refresh_row() {
    local count0 sum0 count1 sum1
    count0=$(metric 'vigil_health_refresh_duration_seconds_count')
    sum0=$(metric 'vigil_health_refresh_duration_seconds_sum')
    sleep 12
    count1=$(metric 'vigil_health_refresh_duration_seconds_count')
    sum1=$(metric 'vigil_health_refresh_duration_seconds_sum')
    awk -v name="$1" -v c0="$count0" -v c1="$count1" -v s0="$sum0" -v s1="$sum1" 'BEGIN {
        printf "| %s | %d | %.0f ms |\n", name, c1 - c0, 1000 * (s1 - s0) / (c1 - c0) }'
}

# Paced load: each connection waits 2 ms between its requests (about 500 requests/s per connection).
echo 'function delay() return 2 end' >"$TMP/paced.lua"

echo "### Cached GET /v1/checks with one hanging dependency (wrk, ${DURATION}s per row)"
echo
echo "| checks | load | connections | requests/s | p50 | p90 | p99 | max | non-2xx |"
echo "|---|---|---|---|---|---|---|---|---|"
start_service "$TMP/small.yaml"
wrk -t1 -c4 -d3s "http://127.0.0.1:$PORT/v1/checks" >/dev/null # warm-up, not reported
wrk_row "4 (1 hanging)" "paced" 1 8 "$TMP/paced.lua"
wrk_row "4 (1 hanging)" "saturating" 2 32
stop_service

start_service "$TMP/large.yaml"
wrk -t1 -c4 -d3s "http://127.0.0.1:$PORT/v1/checks" >/dev/null
wrk_row "100 (1 hanging)" "paced" 1 8 "$TMP/paced.lua"
wrk_row "100 (1 hanging)" "saturating" 2 32
echo
echo "### One refresh of 100 checks (timeout 1 s each, refresh every 2 s, no other load)"
echo
echo "| checks | refreshes measured | mean refresh time |"
echo "|---|---|---|"
refresh_row "99 answering + 1 hanging"
stop_service
start_service "$TMP/answering.yaml"
refresh_row "100 answering"
stop_service

echo
echo "Load average before and after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
machine_line "$JAVA_HOME" ", $(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2)"
