#!/usr/bin/env bash
# Access log benchmark: what the access log costs the gateway. One logparse-service (its own access log off) behind
# three gateways that differ only in their access log: off, json to a file, combined to a file. wrk (small GET
# /api/v1/logs/formats, keep-alive) loads one gateway at a time in short turns, the three in turn for BENCH_ROUNDS
# rounds, so that the drift of a shared machine falls on all three alike. Per turn it reads requests/s from wrk and
# the gateway's CPU time from /proc (user + system, the writer thread included); it prints the medians per mode and
# the ratio to "off" of each round's requests/s and CPU per request. At the end each access log must hold one line
# per request the gateway answered, minus the lines counted as dropped (vigil_access_log_dropped_total), give or
# take the requests still in flight when a turn ended.
# Usage: perf/access-log-bench.sh   (BENCH_DURATION=3s BENCH_WARMUP=10s BENCH_CONNECTIONS=32 BENCH_THREADS=1
#                                    BENCH_ROUNDS=10 ACCESS_BENCH_PORT=28190: the gateways on it and the next two,
#                                    logparse on the port + 5)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
# shellcheck source=perf/machine.sh
. "$ROOT/perf/machine.sh"
readonly BASE_PORT=${ACCESS_BENCH_PORT:-28190}
readonly LOGPARSE_PORT=$((BASE_PORT + 5))
DURATION=${BENCH_DURATION:-3s}
WARMUP=${BENCH_WARMUP:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-1}
ROUNDS=${BENCH_ROUNDS:-10}
readonly MODES=(off json combined)
TICKS=$(getconf CLK_TCK)
readonly TICKS
TMP=$(mktemp -d)
pids=()
declare -A gateway_pid=() gateway_port=()

cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$TMP"
}
trap cleanup EXIT

die() {
    echo "access-log-bench: $*" >&2
    exit 1
}

wait_ready() {
    local port=$1 tries=600
    until curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/observe/health/ready" 2>/dev/null; do
        ((--tries > 0)) || die "nothing ready on port $port (logs in $TMP)"
        sleep 0.1
    done
}

start_logparse() {
    SERVER_HOST=127.0.0.1 SERVER_PORT=$LOGPARSE_PORT LOG_LEVEL=warn ACCESS_dash_LOG_FORMAT=off \
        "$JAVA_HOME/bin/java" -jar "$ROOT/logparse-service/target/logparse-service.jar" >"$TMP/logparse.log" 2>&1 &
    pids+=($!)
    wait_ready "$LOGPARSE_PORT"
}

# start_gateway MODE PORT: a gateway with its access log in MODE, written to a file in the temporary directory.
start_gateway() {
    SERVER_HOST=127.0.0.1 SERVER_PORT=$2 LOG_LEVEL=warn GATEWAY_AUTH_MODE=none \
        GATEWAY_RATE_dash_LIMIT_REQUESTS_dash_PER_dash_SECOND=100000000 GATEWAY_RATE_dash_LIMIT_BURST=100000000 \
        GATEWAY_UPSTREAMS_LOGPARSE_ENDPOINTS="http://127.0.0.1:$LOGPARSE_PORT" \
        GATEWAY_UPSTREAMS_HEALTH_ENDPOINTS=http://127.0.0.1:9 \
        ACCESS_dash_LOG_FORMAT="$1" ACCESS_dash_LOG_OUTPUT="$TMP/gateway-$1.access.log" \
        "$JAVA_HOME/bin/java" -jar "$ROOT/gateway/target/gateway.jar" >"$TMP/gateway-$1.log" 2>&1 &
    pids+=($!)
    gateway_pid[$1]=$!
    gateway_port[$1]=$2
}

# cpu_ticks PID: user + system time of the process so far, in clock ticks.
cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# measure MODE DURATION -> "requests rps p50_ms p99_ms errors cpu_us_per_request"
measure() {
    local output before after
    before=$(cpu_ticks "${gateway_pid[$1]}")
    output=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --latency "http://127.0.0.1:${gateway_port[$1]}/api/v1/logs/formats")
    after=$(cpu_ticks "${gateway_pid[$1]}")
    echo "$output" >>"$TMP/wrk-$1.log"
    awk -v ticks=$((after - before)) -v hz="$TICKS" '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
            if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
            return v
        }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        $2 == "requests" && $3 == "in" { requests = $1 }
        $1 == "Requests/sec:" { rps = $2 }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { errors += 1 }
        END { printf "%d %.0f %.3f %.3f %d %.1f\n", requests, rps, p50, p99, errors, requests ? ticks / hz * 1e6 / requests : 0 }
    ' <<<"$output"
}

dropped() {
    curl -fsS "http://127.0.0.1:${gateway_port[$1]}/observe/metrics" |
        awk '/^vigil_access_log_dropped_total/ { sum += $NF } END { printf "%d", sum }'
}

# median FORMAT: the median of the numbers on stdin, one a line, printed with the printf FORMAT.
median() {
    sort -g | awk -v format="$1\n" '{ v[NR] = $1 } END { printf format, NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

main() {
    command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
    JAVA_HOME=$("$ROOT/platform" java)
    export JAVA_HOME
    [[ -f "$ROOT/gateway/target/gateway.jar" && -f "$ROOT/logparse-service/target/logparse-service.jar" ]] ||
        (cd "$ROOT" && ./mvnw -B -q -DskipTests -Dcheckstyle.skip -Djacoco.skip package -pl logparse-service,gateway -am)
    start_logparse
    local i mode round requests rps p99 errors cpu lines drops off_rps=0 off_cpu=0 slack
    for i in "${!MODES[@]}"; do
        start_gateway "${MODES[$i]}" $((BASE_PORT + i))
    done
    local -A served=() rps_of=() cpu_of=() p99_of=() errors_of=() rps_ratio=() cpu_ratio=()
    for mode in "${MODES[@]}"; do
        wait_ready "${gateway_port[$mode]}"
        read -r requests _ < <(measure "$mode" "$WARMUP")
        served[$mode]=$requests
    done
    for ((round = 1; round <= ROUNDS; round++)); do
        for mode in "${MODES[@]}"; do
            read -r requests rps _ p99 errors cpu < <(measure "$mode" "$DURATION")
            served[$mode]=$((served[$mode] + requests))
            rps_of[$mode]+="$rps "
            cpu_of[$mode]+="$cpu "
            p99_of[$mode]+="$p99 "
            errors_of[$mode]=$((${errors_of[$mode]:-0} + errors))
            if [[ "$mode" == off ]]; then
                off_rps=$rps
                off_cpu=$cpu
            else
                rps_ratio[$mode]+="$(awk -v a="$rps" -v b="$off_rps" 'BEGIN { printf "%.3f", a / b }') "
                cpu_ratio[$mode]+="$(awk -v a="$cpu" -v b="$off_cpu" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }') "
            fi
        done
    done
    echo "wrk -t$THREADS -c$CONNECTIONS --latency, small GET through a gateway to one logparse-service; three gateways" \
        "(access log off, json to a file, combined to a file) loaded in turn, $DURATION each, for $ROUNDS rounds after a" \
        "$WARMUP warm-up each. CPU is the gateway process's user + system time (/proc) per request, its access log" \
        "writer thread included. Medians over the rounds; ratios are per round, against the same round's \"off\"."
    echo
    echo "| access log | requests/s | p99 (ms) | gateway CPU per request (µs) | requests/s vs off | CPU per request vs off | errors | requests | lines written | dropped |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
    for mode in "${MODES[@]}"; do
        # The gateway has answered everything by now; closing it writes out its queue.
        drops=$(dropped "$mode")
        lines=0
        if [[ "$mode" != off ]]; then
            kill "${gateway_pid[$mode]}"
            wait "${gateway_pid[$mode]}" || true
            lines=$(cat "$TMP/gateway-$mode.access.log"* | wc -l)
            # wrk counts the requests it saw answered; those in flight when a turn ends may still be answered and logged.
            slack=$((CONNECTIONS * (ROUNDS + 1)))
            ((lines + drops >= served[$mode] && lines + drops <= served[$mode] + slack)) ||
                die "$mode: $lines lines written + $drops dropped, for ${served[$mode]} requests answered (+ <= $slack in flight)"
        fi
        # shellcheck disable=SC2086 # the values are separate words on purpose
        echo "| $mode | $(printf '%s\n' ${rps_of[$mode]} | median %.0f) | $(printf '%s\n' ${p99_of[$mode]} | median %.1f) |" \
            "$(printf '%s\n' ${cpu_of[$mode]} | median %.1f) |" \
            "$(printf '%s\n' ${rps_ratio[$mode]:-1} | median %.2f) |" \
            "$(printf '%s\n' ${cpu_ratio[$mode]:-1} | median %.2f) |" \
            "${errors_of[$mode]} | ${served[$mode]} | $lines | $drops |"
    done
    echo
    for mode in "${MODES[@]:1}"; do
        echo "$mode / off per round: requests/s ${rps_ratio[$mode]% }; CPU per request ${cpu_ratio[$mode]% }"
    done
    echo
    machine_line "$JAVA_HOME" ", load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
}

main "$@"
