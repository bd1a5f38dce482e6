#!/usr/bin/env bash
# System tests: start the stack the way a user does (./platform up), check it over HTTP with curl,
# stop it with SIGTERM (./platform down) and check that every service exited 0; then local replicas (two
# logparse instances, named, stopped and started one at a time), the caller's environment over the local
# profile, and ./platform from a path with spaces.
# Runs on its own ports (SYSTEM_TEST_GATEWAY_PORT: that port, the next two, and +10 for a second instance) and
# run directory, so a stack already running on 8080-8082 is left alone.
#
# With SYSTEM_TEST_GATEWAY_URL set, only the checks of the API run, through that gateway, which is already running
# (tests/compose-test.sh: the containers), with the key SYSTEM_TEST_API_KEY; nothing is started or stopped.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export VIGIL_RUN_DIR="$ROOT/target/system-test"
# shellcheck source=tests/port-block.sh
. "$ROOT/tests/port-block.sh"
use_port_block "${SYSTEM_TEST_GATEWAY_PORT:-18080}"
GATEWAY=${SYSTEM_TEST_GATEWAY_URL:-http://127.0.0.1:$GATEWAY_PORT}
# health-service's report: on its own port here, through the gateway when only the gateway is reachable.
HEALTH_REPORT=http://127.0.0.1:$HEALTH_PORT/v1/checks
[[ -z "${SYSTEM_TEST_GATEWAY_URL:-}" ]] || HEALTH_REPORT=$GATEWAY/api/v1/health/checks
AUTH=()
[[ -z "${SYSTEM_TEST_API_KEY:-}" ]] || AUTH=(-H "Authorization: Bearer $SYSTEM_TEST_API_KEY")
TMP=$(mktemp -d)
# shellcheck source=tests/check-lib.sh
. "$ROOT/tests/check-lib.sh"
listener_pid=""

platform() {
    "$ROOT/platform" "$@"
}

cleanup() {
    [[ -z "$listener_pid" ]] || kill "$listener_pid" 2>/dev/null || true
    [[ -n "${SYSTEM_TEST_GATEWAY_URL:-}" ]] || platform down >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT

# fetch URL [curl args...]: headers to $TMP/headers, body to $TMP/body, prints the status code.
fetch() {
    local url=$1
    shift
    curl -sS --max-time 10 -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' "${AUTH[@]}" "$@" "$url"
}

header() {
    grep -i "^$1:" "$TMP/headers" | head -n1 | cut -d' ' -f2- | tr -d '\r'
}

indent() {
    while IFS= read -r line; do
        echo "    | $line"
    done <<<"$1"
}

body_has() {
    grep -q -- "$1" "$TMP/body"
}

expect_up_to_fail() {
    local pattern=$1 output
    if output=$(platform up 2>&1); then
        echo "    ./platform up succeeded but should have failed" >&2
        return 1
    fi
    grep -q -- "$pattern" <<<"$output" || {
        echo "    ./platform up output did not match '$pattern':" >&2
        indent "$output" >&2
        return 1
    }
}

test_invalid_configuration_stops_start_up() {
    LOG_LEVEL=loud expect_up_to_fail 'invalid configuration: log.level = "loud" (expected: one of error, warn, info, debug, trace)'
}

test_the_gateway_refuses_to_start_without_api_keys_unless_told() {
    GATEWAY_AUTH_MODE=api-key expect_up_to_fail 'invalid configuration: gateway.auth.keys'
}

test_a_taken_port_is_reported() {
    python3 -c 'import socket,sys,time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); time.sleep(60)' "$GATEWAY_PORT" &
    listener_pid=$!
    local tries=50
    until (exec 3<>"/dev/tcp/127.0.0.1/$GATEWAY_PORT") 2>/dev/null || ((--tries == 0)); do
        sleep 0.1
    done
    expect_up_to_fail "port $GATEWAY_PORT for gateway is already in use"
    local result=$?
    kill "$listener_pid" 2>/dev/null || true
    wait "$listener_pid" 2>/dev/null || true
    listener_pid=""
    return $result
}

# "Up" means ready: platform health passes as soon as ./platform up returns, not a refresh interval later (health-service
# checks the gateway, which starts after it, again within a second or so, and up waits for its report to pass). 200 is
# pass or warn: on a loaded machine a check may answer slower than its warn-above.
test_up_starts_everything() {
    platform up || return 1
    if ! [[ $(fetch "$GATEWAY/api/v1/health") == 200 ]] || ! body_has '^{"status":"\(pass\|warn\)"'; then
        echo "    right after up: $(cat "$TMP/body")" >&2
        return 1
    fi
}

test_every_service_is_ready() {
    local port
    for port in "$GATEWAY_PORT" "$HEALTH_PORT" "$LOGPARSE_PORT"; do
        [[ $(fetch "http://127.0.0.1:$port/observe/health/ready") == 200 ]] && body_has '"status":"UP"' || return 1
    done
}

# health-service checks the other two services (on the ports ./platform gave them), disk and heap. After ./platform up
# they pass at once (test_up_starts_everything); the containers' health-service may still be catching up, so wait.
test_health_service_reports_the_stack() {
    local deadline=$((SECONDS + 20)) code
    until code=$(fetch "$HEALTH_REPORT") && [[ $code == 200 ]] && body_has '^{"status":"pass"'; do
        if ((SECONDS >= deadline)); then
            echo "    last answer: $code $(cat "$TMP/body")" >&2
            return 1
        fi
        sleep 0.5
    done
    [[ $(header Content-Type) == application/health+json* ]] &&
        body_has '"gateway:responseTime":\[{"componentType":"component","observedValue":' &&
        body_has '"logparse:responseTime"' &&
        body_has '"disk:freeSpace"' &&
        body_has '"heap:utilization"'
}

test_unknown_route_is_a_problem() {
    [[ $(fetch "$GATEWAY/api/v1/nothing-here") == 404 ]] &&
        [[ $(header Content-Type) == application/problem+json* ]] &&
        body_has '"status":404' &&
        body_has "\"requestId\":\"$(header X-Request-Id)\"" &&
        ! body_has 'Exception'
}

test_request_id_is_echoed_through_the_gateway() {
    [[ $(fetch "$GATEWAY/api/v1/logs/formats" -H 'X-Request-Id: system-test-42') == 200 ]] &&
        [[ $(header X-Request-Id) == system-test-42 ]] &&
        body_has '"formats":'
}

test_invalid_request_id_is_replaced() {
    fetch "$GATEWAY/api/v1/logs/formats" -H 'X-Request-Id: not valid!' >/dev/null &&
        [[ $(header X-Request-Id) =~ ^[0-9a-f-]{36}$ ]]
}

test_platform_health_is_health_json() {
    local status
    status=$(fetch "$GATEWAY/api/v1/health")
    [[ $status == 200 || $status == 503 ]] &&
        [[ $(header Content-Type) == application/health+json* ]] &&
        body_has '"logparse:readiness"'
}

test_openapi_document_is_served() {
    [[ $(fetch "$GATEWAY/openapi") == 200 ]] && body_has '^openapi: 3'
}

test_metrics_are_prometheus_text() {
    [[ $(fetch "$GATEWAY/observe/metrics") == 200 ]] &&
        [[ $(header Content-Type) == text/plain* ]] &&
        body_has '^# TYPE '
}

test_status_reports_running_and_ready() {
    [[ $(platform status | grep -c 'running (pid [0-9]*), ready') == 3 ]]
}

test_sigterm_drains_and_exits_zero() {
    local output
    output=$(platform down)
    indent "$output"
    [[ $(grep -c 'stopped (exit 0)' <<<"$output") == 3 ]] &&
        grep -q 'draining: readiness DOWN' "$VIGIL_RUN_DIR/gateway.log" &&
        grep -q '"msg":"gateway stopped"' "$VIGIL_RUN_DIR/gateway.log" &&
        [[ $(platform status | grep -c 'stopped (exit 0)') == 3 ]]
}

printf '%s\n' '10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "curl/8"' \
    '10.0.0.2 - - [14/Mar/2026:10:00:01 +0000] "GET /a HTTP/1.1" 404 0 "-" "curl/8"' >"$TMP/access.log"

# With LOGPARSE_REPLICAS=2, instance i of logparse-service listens on LOGPARSE_PORT + 10*(i-1).
LOGPARSE_2_PORT=$((LOGPARSE_PORT + 10))

# status_line NAME: the line ./platform status prints for a service or an instance.
status_line() {
    platform status | grep "^$1 "
}

test_up_starts_two_logparse_instances() {
    LOGPARSE_REPLICAS=2 platform up
}

test_status_names_each_instance() {
    local output
    output=$(platform status)
    indent "$output"
    grep -q '^logparse-service-1 *:'"$LOGPARSE_PORT"'  running (pid [0-9]*), ready$' <<<"$output" &&
        grep -q '^logparse-service-2 *:'"$LOGPARSE_2_PORT"'  running (pid [0-9]*), ready$' <<<"$output" &&
        grep -q '^health-service  *:'"$HEALTH_PORT"'  running' <<<"$output" &&
        grep -q '^gateway  *:'"$GATEWAY_PORT"'  running' <<<"$output" &&
        [[ $(wc -l <<<"$output") == 4 ]]
}

# analyses_on PORT: logparse-service on that port analyses the test log.
analyses_on() {
    [[ $(fetch "http://127.0.0.1:$1/v1/analyze" --data-binary "@$TMP/access.log") == 200 ]] && body_has '"requests":2'
}

test_both_instances_serve() {
    analyses_on "$LOGPARSE_PORT" && analyses_on "$LOGPARSE_2_PORT" &&
        [[ $(fetch "$GATEWAY/api/v1/logs/formats") == 200 ]] && body_has '"formats":'
}

# The gateway's environment as ./platform gave it (the gateway's own configuration is its business).
test_the_gateway_gets_every_instance_as_an_endpoint() {
    local environment
    environment=$(tr '\0' '\n' <"/proc/$(<"$VIGIL_RUN_DIR/gateway.pid")/environ")
    grep -qx "GATEWAY_UPSTREAMS_LOGPARSE_ENDPOINTS=http://127.0.0.1:$LOGPARSE_PORT,http://127.0.0.1:$LOGPARSE_2_PORT" \
        <<<"$environment" &&
        grep -qx "GATEWAY_UPSTREAMS_HEALTH_ENDPOINTS=http://127.0.0.1:$HEALTH_PORT" <<<"$environment"
}

test_one_instance_stops_alone() {
    local output
    output=$(platform down logparse-service-2)
    [[ "$output" == "logparse-service-2 stopped (exit 0)" ]] &&
        [[ $(status_line logparse-service-2) == *"stopped (exit 0)" ]] &&
        [[ $(status_line logparse-service-1) == *"running (pid "*"), ready" ]] &&
        [[ $(fetch "http://127.0.0.1:$LOGPARSE_2_PORT/observe/health/ready" 2>/dev/null) == 000 ]] &&
        analyses_on "$LOGPARSE_PORT" &&
        [[ $(fetch "$GATEWAY/api/v1/logs/formats") == 200 ]]
}

test_one_instance_starts_alone() {
    platform up logparse-service-2 >/dev/null &&
        [[ $(status_line logparse-service-2) == *"running (pid "*"), ready" ]] &&
        analyses_on "$LOGPARSE_2_PORT"
}

test_down_of_a_service_stops_all_its_instances() {
    local output
    output=$(platform down logparse-service)
    indent "$output"
    [[ $(grep -c '^logparse-service-[12] stopped (exit 0)$' <<<"$output") == 2 ]] &&
        [[ $(status_line gateway) == *"running (pid "*"), ready" ]] &&
        platform down >/dev/null
}

# The local profile's defaults (auth off, a rate limit of a million per second) give way to the caller's values;
# and one replica after a run with two is named as before.
test_the_callers_environment_wins() {
    local codes=""
    GATEWAY_RATE_dash_LIMIT_BURST=3 GATEWAY_RATE_dash_LIMIT_REQUESTS_dash_PER_dash_SECOND=1 platform up >/dev/null || return 1
    for _ in 1 2 3 4 5 6; do
        codes+="$(fetch "$GATEWAY/api/v1/logs/formats") "
    done
    echo "    answers: $codes"
    # A token comes back every second: on a slow machine one of the later calls may get it.
    [[ "$codes" == "200 200 200 "*429* ]] &&
        [[ $(platform status | grep -c '^\(logparse-service\|health-service\|gateway\) .*running (pid [0-9]*), ready$') == 3 ]] &&
        [[ $(platform status | wc -l) == 3 ]] &&
        platform down >/dev/null
}

# ./platform in a directory whose path has spaces (a copy of this tree's scripts, sources and built jars, with their
# times, so nothing is rebuilt): up, status and down work there, with its run directory inside it.
test_a_repository_path_with_spaces_works() {
    local copy="$TMP/a path with spaces/vigil" svc files=(platform lib pom.xml common/pom.xml common/src) output
    for svc in logparse-service health-service gateway; do
        files+=("$svc/pom.xml" "$svc/src" "$svc/target/$svc.jar" "$svc/target/libs")
        [[ ! -f "$ROOT/$svc/target/$svc.jsa" ]] || files+=("$svc/target/$svc.jsa")
    done
    mkdir -p "$copy"
    tar -C "$ROOT" -cf - "${files[@]}" | tar -C "$copy" -xf -
    output=$(env -u VIGIL_RUN_DIR "$copy/platform" up 2>&1) || {
        indent "$output"
        return 1
    }
    grep -q "log $copy/target/run/gateway.log" <<<"$output" &&
        [[ $(env -u VIGIL_RUN_DIR "$copy/platform" status | grep -c 'running (pid [0-9]*), ready') == 3 ]] &&
        [[ $(fetch "$GATEWAY/api/v1/logs/analyze" --data-binary "@$TMP/access.log") == 200 ]] &&
        [[ $(env -u VIGIL_RUN_DIR "$copy/platform" down | grep -c 'stopped (exit 0)') == 3 ]]
    local result=$?
    env -u VIGIL_RUN_DIR "$copy/platform" down >/dev/null 2>&1 || true
    return $result
}

test_logparse_cli_analyses_a_file() {
    local output
    output=$("$ROOT/logparse" analyze "$TMP/access.log") &&
        grep -q 'Format       combined (detected)' <<<"$output" &&
        grep -q 'Status       2xx 1, 3xx 0, 4xx 1, 5xx 0' <<<"$output" &&
        "$ROOT/logparse" analyze - --json <"$TMP/access.log" | grep -q '"uniqueClients": 2' || return 1
    # the exit status: 0 above, 1 for an input that cannot be read, 2 for wrong arguments
    local status=0
    "$ROOT/logparse" analyze "$TMP/no-such.log" >/dev/null 2>&1 || status=$?
    [[ $status == 1 ]] || return 1
    status=0
    "$ROOT/logparse" analyze "$TMP/access.log" --top nine >/dev/null 2>&1 || status=$?
    [[ $status == 2 ]]
}

test_analyze_through_the_gateway() {
    [[ $(fetch "$GATEWAY/api/v1/logs/analyze" --data-binary "@$TMP/access.log" -H 'Content-Type: text/plain') == 200 ]] &&
        body_has '"format":"combined"' &&
        body_has '"requests":2'
}

# Filters travel through the gateway as repeated query parameters; a bad one is a 400 naming it.
test_filtered_analyze_through_the_gateway() {
    [[ $(fetch "$GATEWAY/api/v1/logs/analyze?status=404&status=5xx" --data-binary "@$TMP/access.log") == 200 ]] &&
        body_has '"requests":1' &&
        body_has '"excluded":{"status":1},"matched":1' &&
        [[ $(fetch "$GATEWAY/api/v1/logs/analyze?status=7xx" --data-binary "@$TMP/access.log") == 400 ]] &&
        body_has '"parameter":"status"'
}

# The Prometheus rules (deploy/k8s/components/monitoring) use only metric names the running services publish: after
# traffic on every route kind, each name in each rule's expr is in a scrape of the three services, recorded by a rule,
# or published by kube-state-metrics or cAdvisor (tests/alert_metrics.py).
test_every_alert_metric_is_published() {
    fetch "$GATEWAY/api/v1/logs/formats" >/dev/null &&
        fetch "$GATEWAY/api/v1/logs/analyze" --data-binary "@$TMP/access.log" >/dev/null &&
        fetch "$GATEWAY/api/v1/health/checks" >/dev/null &&
        fetch "$GATEWAY/api/v1/health" >/dev/null &&
        python3 "$ROOT/tests/alert_metrics.py" "$ROOT/deploy/k8s/components/monitoring/prometheusrule.yaml" \
            "$GATEWAY/observe/metrics" "http://127.0.0.1:$HEALTH_PORT/observe/metrics" \
            "http://127.0.0.1:$LOGPARSE_PORT/observe/metrics" | while IFS= read -r line; do echo "    $line"; done
}

# wait_for_line FILE TEXT: the access log FILE gets a line with TEXT within 10 s (lines are written asynchronously).
wait_for_line() {
    local tries=100
    until grep -q -- "$2" "$1" 2>/dev/null; do
        ((--tries > 0)) || return 1
        sleep 0.1
    done
}

# A request through the gateway is a line in the gateway's and in logparse's access log (target/run/), and
# ./logparse reads the gateway's access log: every line parsed, as json.
test_access_logs_are_written_and_read_by_logparse() {
    local analysis lines
    [[ $(fetch "$GATEWAY/api/v1/logs/formats" -H 'X-Request-Id: system-access-1') == 200 ]] &&
        wait_for_line "$VIGIL_RUN_DIR/gateway.access.log" '"http.request.id":"system-access-1"' &&
        wait_for_line "$VIGIL_RUN_DIR/logparse-service.access.log" '"http.request.id":"system-access-1"' || return 1
    lines=$(wc -l <"$VIGIL_RUN_DIR/gateway.access.log")
    analysis=$("$ROOT/logparse" analyze "$VIGIL_RUN_DIR/gateway.access.log" --json) || return 1
    indent "$(grep -E '"(format|parsed|malformed|requests)"' <<<"$analysis")"
    grep -q '"format": "json"' <<<"$analysis" &&
        grep -q "\"parsed\": $lines," <<<"$analysis" &&
        grep -q '"malformed": 0' <<<"$analysis" &&
        grep -q "\"requests\": $lines," <<<"$analysis" &&
        ! grep -q '/observe/' "$VIGIL_RUN_DIR/gateway.access.log"
}

# The checks of the API, through the gateway only: also what runs against the containers.
api_checks() {
    check "health-service reports the stack as application/health+json" test_health_service_reports_the_stack
    check "an unknown route is a problem+json 404 with the request id" test_unknown_route_is_a_problem
    check "X-Request-Id is echoed through the gateway" test_request_id_is_echoed_through_the_gateway
    check "an invalid X-Request-Id is replaced by a generated one" test_invalid_request_id_is_replaced
    check "platform health is application/health+json" test_platform_health_is_health_json
    check "the OpenAPI document is served" test_openapi_document_is_served
    check "metrics are Prometheus text" test_metrics_are_prometheus_text
    check "a log posted to the gateway is analysed by logparse" test_analyze_through_the_gateway
    check "filters narrow an analysis through the gateway" test_filtered_analyze_through_the_gateway
}

if [[ -n "${SYSTEM_TEST_GATEWAY_URL:-}" ]]; then
    echo "system tests: the API checks against the gateway at $GATEWAY"
    api_checks
    echo "system tests: $passed passed, $failed failed"
    [[ $failed -eq 0 ]]
    exit
fi

echo "system tests (ports $GATEWAY_PORT-$LOGPARSE_PORT and $LOGPARSE_2_PORT, run dir $VIGIL_RUN_DIR)"
check "invalid configuration stops start-up with one line naming the key" test_invalid_configuration_stops_start_up
check "the gateway refuses to start without API keys unless auth is off" \
    test_the_gateway_refuses_to_start_without_api_keys_unless_told
check "a taken port is reported by ./platform up" test_a_taken_port_is_reported
check "./platform up starts all three services, and platform health passes when it returns" test_up_starts_everything
check "every service reports ready" test_every_service_is_ready
api_checks
check "./logparse analyses a file and standard input, exit statuses 0, 1, 2" test_logparse_cli_analyses_a_file
check "access logs are written to target/run/ and ./logparse reads them" test_access_logs_are_written_and_read_by_logparse
check "every metric the Prometheus rules use is published by the running stack" test_every_alert_metric_is_published
check "./platform status shows every service running and ready" test_status_reports_running_and_ready
check "SIGTERM drains every service and each exits 0" test_sigterm_drains_and_exits_zero
check "LOGPARSE_REPLICAS=2 ./platform up starts two logparse instances" test_up_starts_two_logparse_instances
check "./platform status names the instances logparse-service-1 and -2" test_status_names_each_instance
check "both instances analyse a log, the gateway serves" test_both_instances_serve
check "the gateway gets both instances as endpoints" test_the_gateway_gets_every_instance_as_an_endpoint
check "./platform down logparse-service-2 stops that instance only" test_one_instance_stops_alone
check "./platform up logparse-service-2 starts it again" test_one_instance_starts_alone
check "./platform down logparse-service stops both instances" test_down_of_a_service_stops_all_its_instances
check "the caller's environment wins over the local profile (rate limit)" test_the_callers_environment_wins
check "./platform works from a path with spaces" test_a_repository_path_with_spaces_works

echo "system tests: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
