#!/usr/bin/env bash
# Access log benchmark: what the access log costs the gateway. One logparse-service (its own access log off) behind
# the gateway; the gateway is started once per mode, access log off, json to a file, combined to a file, and
# measured with wrk (small GET /api/v1/logs/formats, keep-alive); the modes take turns for BENCH_ROUNDS rounds, so
# drift on a shared machine spreads over all of them. Prints requests/s and p50/p99 per mode and round, the median
# ratio of each mode to "off", and the lines written and dropped (vigil_access_log_dropped_total).
# Usage: perf/access-log-bench.sh   (BENCH_DURATION=10s BENCH_WARMUP=5s BENCH_CONNECTIONS=64 BENCH_THREADS=1
#                                    BENCH_ROUNDS=3 ACCESS_BENCH_PORT=28190: the gateway; logparse on the port + 2)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly GATEWAY_PORT=${ACCESS_BENCH_PORT:-28190}
readonly LOGPARSE_PORT=$((GATEWAY_PORT + 2))
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-1}
ROUNDS=${BENCH_ROUNDS:-3}
readonly MODES=(off json combined)
TMP=$(mktemp -d)
logparse_pid=""
gateway_pid=""

cleanup() {
    local pid
    for pid in "$gateway_pid" "$logparse_pid"; do
        [[ -z "$pid" ]] || kill "$pid" 2>/dev/null || true
    done
    for pid in "$gateway_pid" "$logparse_pid"; do
        [[ -z "$pid" ]] || wait "$pid" 2>/dev/null || true
    done
    rm -rf "$TMP"
}
trap cleanup EXIT

die() {
    echo "access-log-bench: $*" >&2
    exit 1
}

wait_ready() {
    local port=$1 tries=300
    until curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/observe/health/ready" 2>/dev/null; do
        ((--tries > 0)) || die "nothing ready on port $port (logs in $TMP)"
        sleep 0.1
    done
}

start_logparse() {
    SERVER_HOST=127.0.0.1 SERVER_PORT=$LOGPARSE_PORT LOG_LEVEL=warn ACCESS_dash_LOG_FORMAT=off \
        "$JAVA_HOME/bin/java" -jar "$ROOT/logparse-service/target/logparse-service.jar" >"$TMP/logparse.log" 2>&1 &
    logparse_pid=$!
    wait_ready "$LOGPARSE_PORT"
}

# start_gateway MODE: the gateway with its access log in MODE, written to a file in the temporary directory.
start_gateway() {
    SERVER_HOST=127.0.0.1 SERVER_PORT=$GATEWAY_PORT LOG_LEVEL=warn GATEWAY_AUTH_MODE=none \
        GATEWAY_RATE_dash_LIMIT_REQUESTS_dash_PER_dash_SECOND=100000000 GATEWAY_RATE_dash_LIMIT_BURST=100000000 \
        GATEWAY_UPSTREAMS_LOGPARSE_ENDPOINTS="http://127.0.0.1:$LOGPARSE_PORT" \
        GATEWAY_UPSTREAMS_HEALTH_ENDPOINTS=http://127.0.0.1:9 \
        ACCESS_dash_LOG_FORMAT="$1" ACCESS_dash_LOG_OUTPUT="$TMP/gateway-$1.access.log" \
        "$JAVA_HOME/bin/java" -jar "$ROOT/gateway/target/gateway.jar" >"$TMP/gateway-$1.log" 2>&1 &
    gateway_pid=$!
    wait_ready "$GATEWAY_PORT"
}

stop_gateway() {
    kill "$gateway_pid"
    wait "$gateway_pid" || true
    gateway_pid=""
}

# measure DURATION -> "rps p50_ms p99_ms errors"
measure() {
    local output
    output=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --latency "http://127.0.0.1:$GATEWAY_PORT/api/v1/logs/formats")
    echo "$output" >>"$TMP/wrk.log"
    awk '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
            if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
            return v
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        $1 == "Requests/sec:" { rps = $2 }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { errors += 1 }
        END { printf "%.0f %.3f %.3f %d\n", rps, p50, p99, errors }
    ' <<<"$output"
}

dropped() {
    curl -fsS "http://127.0.0.1:$GATEWAY_PORT/observe/metrics" |
        awk '/^vigil_access_log_dropped_total/ { sum += $NF } END { printf "%d", sum }'
}

main() {
    command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
    JAVA_HOME=$("$ROOT/platform" java)
    export JAVA_HOME
    [[ -f "$ROOT/gateway/target/gateway.jar" && -f "$ROOT/logparse-service/target/logparse-service.jar" ]] ||
        (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dcheckstyle.skip -Djacoco.skip package -pl common,logparse-service,gateway)
    start_logparse
    local round mode rps p50 p99 errors lines drops
    local -A ratios=()
    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up each), small GET through the gateway" \
        "to one logparse-service; the gateway restarted per mode, modes in turn for $ROUNDS rounds"
    echo
    echo "| round | access log | requests/s | p50 (ms) | p99 (ms) | errors | lines written | dropped |"
    echo "|---|---|---|---|---|---|---|---|"
    for ((round = 1; round <= ROUNDS; round++)); do
        local -A off_rps=()
        for mode in "${MODES[@]}"; do
            start_gateway "$mode"
            measure "$WARMUP" >/dev/null
            read -r rps p50 p99 errors < <(measure "$DURATION")
            drops=$(dropped)
            stop_gateway
            lines=0
            [[ ! -f "$TMP/gateway-$mode.access.log" ]] || lines=$(wc -l <"$TMP/gateway-$mode.access.log")
            rm -f "$TMP/gateway-$mode.access.log"*
            echo "| $round | $mode | $rps | $p50 | $p99 | $errors | $lines | $drops |"
            [[ "$mode" != off ]] || off_rps[$round]=$rps
            [[ "$mode" == off ]] || ratios[$mode]+="$(awk -v a="$rps" -v b="${off_rps[$round]}" 'BEGIN { printf "%.3f", a / b }') "
        done
    done
    echo
    for mode in "${MODES[@]:1}"; do
        # shellcheck disable=SC2086 # the ratios are separate words on purpose
        echo "$mode / off requests/s: median $(printf '%s\n' ${ratios[$mode]} | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }') (rounds: ${ratios[$mode]% })"
    done
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), \
$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1), \
load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
}

main "$@"
