#!/usr/bin/env bash
# Gateway benchmark: small GET straight to logparse-service, through the gateway (API key auth, rate
# limiting, metrics and fault tolerance all on), and through nginx (one worker, keep-alive upstream, least_conn) as
# the reference proxy, in one run on loopback, both proxies in front of the same BENCH_REPLICAS logparse instances
# (the direct target is the first). Prints requests/s and p50/p99 latency per target and the ratios, at full load
# and at half of the gateway's peak (paced). Installs wrk and nginx-light if missing.
# The full-load runs go in BENCH_ROUNDS rounds, each measuring direct, gateway and nginx in turn, and the table holds
# the medians: on this shared machine throughput drifts by 10-20% within minutes, and alternating keeps the drift out
# of the ratios. Each round's ratios are printed too.
# Usage: perf/gateway-bench.sh   (BENCH_DURATION=10s BENCH_WARMUP=30s BENCH_ROUNDS=5 BENCH_CONNECTIONS=64 BENCH_THREADS=1
#                                 BENCH_REPLICAS=2 BENCH_PORT=28180: the gateway's port; nginx takes the next, logparse
#                                 instance i the one after + 10*(i-1); BENCH_GATEWAY_OPTS: extra JVM options for the
#                                 gateway, e.g. a JFR recording)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
# shellcheck source=perf/machine.sh
. "$ROOT/perf/machine.sh"
GATEWAY_PORT=${BENCH_PORT:-28180}
readonly GATEWAY_PORT NGINX_PORT=$((GATEWAY_PORT + 1)) LOGPARSE_PORT=$((GATEWAY_PORT + 2))
DURATION=${BENCH_DURATION:-10s}
# Each target is measured in its steady state: on 2 shared cores the JVMs' compilers are still busy well after
# 10 s of load (the gateway's used 1.4-4.3 s of CPU in the 12 s after a 12 s warm-up), and nginx needs none.
WARMUP=${BENCH_WARMUP:-30s}
ROUNDS=${BENCH_ROUNDS:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-1}
REPLICAS=${BENCH_REPLICAS:-2}
readonly KEY="bench-key-$RANDOM$RANDOM"
TMP=$(mktemp -d)
pids=()

cleanup() {
    [[ ! -f "$TMP/nginx.pid" ]] || kill "$(<"$TMP/nginx.pid")" 2>/dev/null || true
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
    echo "gateway-bench: $*" >&2
    exit 1
}

ensure_tools() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
    command -v curl >/dev/null || missing+=(curl)
    if [[ ${#missing[@]} -gt 0 ]]; then
        local sudo=""
        [[ $(id -u) -eq 0 ]] || sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

nginx_bin() {
    command -v nginx || echo /usr/sbin/nginx
}

build_jars() {
    if [[ ! -f "$ROOT/gateway/target/gateway.jar" || ! -f "$ROOT/logparse-service/target/logparse-service.jar" ]]; then
        echo "building the jars ..." >&2
        (cd "$ROOT" && JAVA_HOME=$JAVA_HOME ./mvnw -B -q -DskipTests -Dcheckstyle.skip -Djacoco.skip package \
            -pl logparse-service,gateway -am)
    fi
}

wait_ready() {
    local port=$1 tries=200
    until curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/observe/health/ready" 2>/dev/null; do
        ((--tries > 0)) || die "nothing ready on port $port (logs in $TMP)"
        sleep 0.1
    done
}

# Instance i of logparse-service listens on LOGPARSE_PORT + 10 * (i - 1), as ./platform's replicas do.
logparse_port() {
    echo $((LOGPARSE_PORT + 10 * ($1 - 1)))
}

start_services() {
    local i endpoints="" servers=""
    for ((i = 1; i <= REPLICAS; i++)); do
        SERVER_HOST=127.0.0.1 SERVER_PORT=$(logparse_port "$i") LOG_LEVEL=warn ACCESS_dash_LOG_FORMAT=off \
            "$JAVA_HOME/bin/java" -jar "$ROOT/logparse-service/target/logparse-service.jar" >"$TMP/logparse-$i.log" 2>&1 &
        pids+=($!)
        endpoints+="${endpoints:+,}http://127.0.0.1:$(logparse_port "$i")"
        servers+="        server 127.0.0.1:$(logparse_port "$i");\n"
    done
    # The reference configuration with this run's port and upstream servers, balanced by least connections.
    sed -e "s|^        server 127.0.0.1:28182;|        least_conn;\n$servers|" \
        -e "s|listen 127.0.0.1:28181 |listen 127.0.0.1:$NGINX_PORT |" "$ROOT/perf/nginx-gateway.conf" >"$TMP/nginx.conf"
    cat >"$TMP/gateway.yaml" <<YAML
server: {host: 127.0.0.1, port: $GATEWAY_PORT}
gateway:
  upstreams:
    logparse: {endpoints: "$endpoints"}
    health: {endpoints: "http://127.0.0.1:9"}
  auth:
    mode: api-key
    keys: [{id: bench, sha256: $(printf %s "$KEY" | sha256sum | cut -d' ' -f1)}]
  rate-limit: {requests-per-second: 100000000, burst: 100000000}
log: {level: warn}
# No access log, as nginx's reference configuration (perf/access-log-bench.sh measures what it costs).
access-log: {format: "off"}
YAML
    local options=()
    read -r -a options <<<"${BENCH_GATEWAY_OPTS:-}"
    VIGIL_CONFIG="$TMP/gateway.yaml" "$JAVA_HOME/bin/java" "${options[@]}" -jar "$ROOT/gateway/target/gateway.jar" >"$TMP/gateway.log" 2>&1 &
    pids+=($!)
    "$(nginx_bin)" -p "$TMP" -e "$TMP/nginx-error.log" -c "$TMP/nginx.conf" -g "pid $TMP/nginx.pid;"
    for ((i = 1; i <= REPLICAS; i++)); do
        wait_ready "$(logparse_port "$i")"
    done
    wait_ready "$GATEWAY_PORT"
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GATEWAY_PORT/api/v1/logs/formats") == 401 ]] ||
        die "the gateway does not require the API key"
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $KEY" "http://127.0.0.1:$GATEWAY_PORT/api/v1/logs/formats") \
        == 200 ]] || die "the gateway does not answer with the API key"
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NGINX_PORT/api/v1/logs/formats") == 200 ]] ||
        die "nginx does not answer (see $TMP/nginx-error.log)"
}

url_of() {
    case "$1" in
        direct) echo "http://127.0.0.1:$LOGPARSE_PORT/v1/formats" ;;
        gateway) echo "http://127.0.0.1:$GATEWAY_PORT/api/v1/logs/formats" ;;
        nginx) echo "http://127.0.0.1:$NGINX_PORT/api/v1/logs/formats" ;;
    esac
}

# run TARGET DURATION PACE_MS -> "rps p50_ms p99_ms errors"
run() {
    local target=$1 duration=$2 pace=$3 key="" output
    [[ $target != gateway ]] || key=$KEY
    output=$(PACE_MS=$pace API_KEY=$key wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency \
        -s "$ROOT/perf/wrk-paced.lua" "$(url_of "$target")")
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

# An awk function: median(v, n) of v[1..n] (the lower middle one of an even count), sorting v in place.
readonly AWK_MEDIAN='
    function median(v, n,   i, j, x) {
        for (i = 2; i <= n; i++) {
            x = v[i]
            for (j = i - 1; j > 0 && v[j] > x; j--) v[j + 1] = v[j]
            v[j + 1] = x
        }
        return v[int((n + 1) / 2)]
    }'

# full_load_median TARGET: "rps p50 p99 errors" of TARGET over the rounds in $TMP/full-load (lines "round target rps
# p50 p99 errors"): the medians, errors summed.
full_load_median() {
    awk -v t="$1" "$AWK_MEDIAN"'
        $2 == t { n++; rps[n] = $3; p50[n] = $4; p99[n] = $5; errors += $6 }
        END { printf "%s %s %s %d\n", median(rps, n), median(p50, n), median(p99, n), errors }
    ' "$TMP/full-load"
}

# The gateway's throughput and p99 against nginx's, round by round: "MEDIAN_RPS_RATIO MEDIAN_P99_RATIO 0.81x/1.42x ...".
round_ratios() {
    awk "$AWK_MEDIAN"'
        { rps[$1, $2] = $3; p99[$1, $2] = $5; rounds = $1 }
        END {
            for (i = 1; i <= rounds; i++) {
                r[i] = rps[i, "gateway"] / rps[i, "nginx"]
                p[i] = p99[i, "gateway"] / p99[i, "nginx"]
                each = each sprintf(" %.2fx/%.2fx", r[i], p[i])
            }
            printf "%.2f %.2f%s\n", median(r, rounds), median(p, rounds), each
        }' "$TMP/full-load"
}

main() {
    ensure_tools
    JAVA_HOME=$("$ROOT/platform" java)
    export JAVA_HOME
    build_jars
    start_services
    local target
    for target in direct gateway nginx; do
        run "$target" "$WARMUP" 0 >/dev/null
    done
    local round
    for ((round = 1; round <= ROUNDS; round++)); do
        for target in direct gateway nginx; do
            echo "$round $target $(run "$target" "$DURATION" 0)" >>"$TMP/full-load"
        done
    done
    declare -A rps p50 p99 errors
    for target in direct gateway nginx; do
        read -r "rps[$target]" "p50[$target]" "p99[$target]" "errors[$target]" < <(full_load_median "$target")
    done
    local half pace
    half=$((rps[gateway] / 2))
    pace=$(awk -v c="$CONNECTIONS" -v r="$half" 'BEGIN { printf "%d", (r > 0 ? c * 1000 / r : 0) }')
    declare -A hrps hp50 hp99 herrors
    for target in direct gateway nginx; do
        read -r "hrps[$target]" "hp50[$target]" "hp99[$target]" "herrors[$target]" < <(run "$target" "$DURATION" "$pace")
    done

    echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency (after a $WARMUP warm-up each), small GET /formats," \
        "$REPLICAS logparse instance(s) behind each proxy; full load: median of $ROUNDS alternating rounds"
    echo
    echo "| target | requests/s | p50 (ms) | p99 (ms) | errors | paced at ~$half req/s: req/s | p50 (ms) | p99 (ms) |"
    echo "|---|---|---|---|---|---|---|---|"
    for target in direct gateway nginx; do
        echo "| $target | ${rps[$target]} | ${p50[$target]} | ${p99[$target]} | $((errors[$target] + herrors[$target])) |" \
            "${hrps[$target]} | ${hp50[$target]} | ${hp99[$target]} |"
    done
    echo
    local ratio p99_ratio each
    read -r ratio p99_ratio each <<<"$(round_ratios)"
    echo "gateway/nginx = ${ratio}x, p99 at full load ${p99_ratio}x (medians of the rounds' ratios; round by round: $each)"
    awk -v g="${rps[gateway]}" -v d="${rps[direct]}" -v gp="${hp99[gateway]}" -v dp="${hp99[direct]}" \
        'BEGIN { printf "gateway/direct = %.2fx   added p99 at half load = %.3f ms\n", g / d, gp - dp }'
    echo
    machine_line "$JAVA_HOME" ", $("$(nginx_bin)" -v 2>&1), $(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2)"
}

main "$@"
