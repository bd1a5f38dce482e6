#!/usr/bin/env bash
# The images and the compose stack on a real Docker engine, offline (./platform compose-test; a step of
# ./platform test):
#   1. starts a Docker engine of its own (dockerd, as root): data under target/compose-test/engine, its sockets
#      under a short /tmp path (unix socket paths are limited to 108 bytes), no iptables rules, no default bridge;
#      it is stopped at the end by its pid, and no other engine is touched;
#   2. builds the images on it, offline: `VIGIL_BASE=local ./platform images` (the local Debian base made first)
#      and the trace collector that stands in for Jaeger; where the stack has Redis, vigil/redis:local (Debian's);
#   3. docker-compose up -d of deploy/compose/docker-compose.yml with docker-compose.offline.yml (Jaeger's image
#      replaced, nothing else), the documented .env.example, and waits until every service is healthy;
#   4. checks: the system tests' API checks through the gateway container with the stack's API key; every
#      container non-root on a read-only root filesystem; one request is one trace at the collector, and a
#      caller's trace reaches all three services; `docker-compose stop` ends every service with exit 0 within its
#      grace period; `down -v` leaves nothing; each image alone (--read-only --tmpfs /tmp) answers
#      /observe/health/live and turns healthy by its own HEALTHCHECK;
#   5. prints what it measured: image build, up until healthy, stop, the whole test.
#
# Ports (127.0.0.1): COMPOSE_TEST_GATEWAY_PORT (28080) for the gateway, +1 for the collector's query API, +2..+4 for
# the images run alone. Where no engine can be started (not root; dockerd, docker-compose or mmdebstrap missing)
# it is skipped with the reason; in CI (CI=true) that fails, unless VIGIL_COMPOSE_TEST=off says it is not wanted.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly WORK=$ROOT/target/compose-test
readonly ENGINE_DIR=$WORK/engine
readonly PROJECT=vigil-compose-test
readonly API_KEY=vigil-local-dev-key
readonly GATEWAY_PORT=${COMPOSE_TEST_GATEWAY_PORT:-28080}
readonly COLLECTOR_PORT=$((GATEWAY_PORT + 1))
readonly GATEWAY=http://127.0.0.1:$GATEWAY_PORT
readonly COLLECTOR=http://127.0.0.1:$COLLECTOR_PORT
readonly UP_TIMEOUT=${COMPOSE_TEST_UP_TIMEOUT:-240}
readonly ALONE_NETWORK=vigil-compose-test-alone
COMPOSE=(docker-compose --project-name "$PROJECT" --env-file "$ROOT/deploy/compose/.env.example"
    -f "$ROOT/deploy/compose/docker-compose.yml" -f "$ROOT/deploy/compose/docker-compose.offline.yml")
readonly COMPOSE
# shellcheck source=tests/check-lib.sh
. "$ROOT/tests/check-lib.sh"

engine_pid=""
exec_root=""
stack_up=""
declare -A measured=()

die() {
    echo "compose-test: $*" >&2
    exit 1
}

skip() {
    if [[ -n "${CI:-}" ]]; then
        die "$1 (CI needs this test; set VIGIL_COMPOSE_TEST=off where no engine can run, and say why)"
    fi
    echo "   SKIPPED: $1"
    exit 0
}

now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

seconds_since() {
    local ms=$(($(now_ms) - $1))
    printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}

indent() {
    sed 's/^/    | /'
}

preconditions() {
    if [[ "${VIGIL_COMPOSE_TEST:-}" == off ]]; then
        echo "   SKIPPED: VIGIL_COMPOSE_TEST=off"
        exit 0
    fi
    [[ $(id -u) -eq 0 ]] || skip "starting a Docker engine needs root"
    command -v dockerd >/dev/null || skip "dockerd is not installed (apt-get install docker.io)"
    command -v docker >/dev/null || skip "the docker CLI is not installed (apt-get install docker.io)"
    command -v docker-compose >/dev/null || skip "docker-compose is not installed (apt-get install docker-compose)"
    command -v mmdebstrap >/dev/null || skip "mmdebstrap is not installed (apt-get install mmdebstrap)"
}

# A daemon left by an earlier run of this test that was killed: recognised by its pid file and its data root.
stop_leftover_engine() {
    local pid
    [[ -f "$ENGINE_DIR/dockerd.pid" ]] || return 0
    pid=$(<"$ENGINE_DIR/dockerd.pid")
    if [[ -n "$pid" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "--data-root $ENGINE_DIR/data"; then
        echo "   stopping the engine an earlier run left (pid $pid)"
        stop_pid "$pid"
    fi
    rm -f "$ENGINE_DIR/dockerd.pid"
}

stop_pid() {
    local pid=$1 deadline=$((SECONDS + 30))
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "   the engine (pid $pid) did not stop within 30 s; killing it" >&2
        kill -KILL "$pid" 2>/dev/null || true
    fi
}

start_engine() {
    local started deadline
    started=$(now_ms)
    mkdir -p "$ENGINE_DIR/data"
    stop_leftover_engine
    exec_root=$(mktemp -d /tmp/vigil-ct.XXXXXX)
    export DOCKER_HOST=unix://$exec_root/docker.sock
    # No iptables rules, no IP forwarding, no default bridge: nothing on the host that another engine also manages.
    # Compose's own network is a bridge that needs neither; published ports go through docker-proxy on 127.0.0.1.
    # Its own containerd namespaces, in case a system containerd is running and gets picked up.
    dockerd --data-root "$ENGINE_DIR/data" --exec-root "$exec_root" --pidfile "$ENGINE_DIR/dockerd.pid" \
        -H "$DOCKER_HOST" --iptables=false --ip-forward=false --bridge=none \
        --containerd-namespace "$PROJECT" --containerd-plugins-namespace "$PROJECT-plugins" \
        >"$ENGINE_DIR/dockerd.log" 2>&1 &
    engine_pid=$!
    deadline=$((SECONDS + 60))
    until docker version >/dev/null 2>&1; do
        if ! kill -0 "$engine_pid" 2>/dev/null; then
            tail -n 20 "$ENGINE_DIR/dockerd.log" >&2
            engine_pid=""
            die "the Docker engine exited while starting (log: $ENGINE_DIR/dockerd.log)"
        fi
        ((SECONDS < deadline)) || die "the Docker engine did not answer within 60 s (log: $ENGINE_DIR/dockerd.log)"
        sleep 0.2
    done
    measured[engine]=$(seconds_since "$started")
    echo "   engine: Docker $(docker version -f '{{.Server.Version}}'), pid $engine_pid, $DOCKER_HOST," \
        "$(docker info -f '{{.Driver}}, cgroup {{.CgroupDriver}}'), ready in ${measured[engine]} s"
}

cleanup() {
    local status=$?
    if [[ -n "$engine_pid" ]]; then
        if [[ -n "$stack_up" ]]; then
            "${COMPOSE[@]}" logs --no-color >"$WORK/compose.log" 2>&1 || true
            "${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
        fi
        docker ps -aq --filter "label=vigil.compose-test" | xargs -r docker rm -f >/dev/null 2>&1 || true
        docker network rm "$ALONE_NETWORK" >/dev/null 2>&1 || true
        stop_pid "$engine_pid"
        wait "$engine_pid" 2>/dev/null || true
    fi
    [[ -z "$exec_root" ]] || rm -rf "$exec_root" 2>/dev/null || true
    exit "$status"
}

build_images() {
    local started
    started=$(now_ms)
    # The three services as `VIGIL_BASE=local ./platform images` builds them, and the collector for Jaeger's place.
    VIGIL_BASE=local "$ROOT/deploy/docker/build-images.sh" logparse-service health-service gateway trace-collector | indent
    measured[images]=$(seconds_since "$started")
}

stack_images() {
    "${COMPOSE[@]}" config | sed -n 's/^    image: //p'
}

# Every image the stack names must be on the engine now, since nothing can be pulled offline: the local ones that
# deploy/docker/local-image.sh makes (vigil/redis:local where the stack has Redis) are made when missing.
make_local_images() {
    local image missing=() started
    started=$(now_ms)
    while read -r image; do
        docker image inspect "$image" >/dev/null 2>&1 && continue
        case "$image" in
            vigil/redis:local) "$ROOT/deploy/docker/local-image.sh" redis "$image" | indent ;;
            *) missing+=("$image") ;;
        esac
    done < <(stack_images)
    [[ ${#missing[@]} -eq 0 ]] ||
        die "not on the engine and not pullable offline: ${missing[*]} (docker-compose.offline.yml must replace them)"
    measured[images]=$(echo "${measured[images]} $(seconds_since "$started")" | awk '{ printf "%.1f", $1 + $2 }')
}

services() {
    "${COMPOSE[@]}" config --services
}

container_of() {
    "${COMPOSE[@]}" ps -q "$1"
}

# health SERVICE: healthy, starting, unhealthy, "none" (no health check) or the container's state when it stopped.
health() {
    docker inspect -f '{{if ne .State.Status "running"}}{{.State.Status}}{{else if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' \
        "$(container_of "$1")"
}

# This engine adds no iptables rules. Where bridged traffic goes through iptables and the FORWARD policy is DROP
# (another engine with iptables on sets it), its containers cannot reach each other: say so.
forwarding_hint() {
    if [[ "$(cat /proc/sys/net/bridge/bridge-nf-call-iptables 2>/dev/null)" == 1 ]] &&
        iptables -S FORWARD 2>/dev/null | grep -qx -- '-P FORWARD DROP'; then
        echo "   hint: the host's iptables FORWARD policy is DROP and bridged traffic passes iptables: containers of" \
            "this engine (which adds no rules) cannot reach each other"
    fi
}

up_until_healthy() {
    local started svc pending state
    started=$(now_ms)
    stack_up=1
    GATEWAY_HOST_PORT=$GATEWAY_PORT JAEGER_UI_HOST_PORT=$COLLECTOR_PORT "${COMPOSE[@]}" up -d 2>&1 | indent
    while true; do
        pending=()
        for svc in $(services); do
            state=$(health "$svc")
            case "$state" in
                healthy) ;;
                starting) pending+=("$svc") ;;
                none) die "$svc has no health check: the test cannot tell when it is ready" ;;
                *)
                    "${COMPOSE[@]}" logs --no-color --tail 30 "$svc" | indent >&2
                    die "$svc is $state"
                    ;;
            esac
        done
        [[ ${#pending[@]} -gt 0 ]] || break
        if (($(now_ms) - started > UP_TIMEOUT * 1000)); then
            "${COMPOSE[@]}" ps | indent >&2
            forwarding_hint >&2
            die "not healthy after ${UP_TIMEOUT} s: ${pending[*]}"
        fi
        sleep 0.5
    done
    measured[up]=$(seconds_since "$started")
    echo "   $(services | wc -l) services healthy ${measured[up]} s after 'up -d': $(services | paste -sd ' ')"
}

test_every_service_is_healthy() {
    local svc state result=0
    for svc in $(services); do
        state=$(health "$svc")
        echo "    $svc: $state ($(docker inspect -f '{{.Config.Image}}' "$(container_of "$svc")"))"
        [[ "$state" == healthy ]] || result=1
    done
    return $result
}

test_api_checks_pass_through_the_gateway_container() {
    SYSTEM_TEST_GATEWAY_URL=$GATEWAY SYSTEM_TEST_API_KEY=$API_KEY "$ROOT/tests/system-test.sh" 2>&1 | indent
    return "${PIPESTATUS[0]}"
}

# Configured non-root and read-only, and so at run time: the process's uid (docker exec id -u) is not 0, and
# writing to the root filesystem fails.
test_every_container_is_non_root_on_a_read_only_root() {
    local svc container user read_only uid written result=0
    for svc in $(services); do
        container=$(container_of "$svc")
        user=$(docker inspect -f '{{.Config.User}}' "$container")
        read_only=$(docker inspect -f '{{.HostConfig.ReadonlyRootfs}}' "$container")
        uid=$(docker exec "$container" id -u)
        if docker exec "$container" touch /written-by-the-test 2>/dev/null; then
            written=yes
        else
            written=no
        fi
        echo "    $svc: user '$user', uid $uid, read-only root $read_only, writing to / allowed: $written"
        [[ -n "$user" && "$uid" =~ ^[0-9]+$ && "$uid" -ne 0 && "$read_only" == true && "$written" == no ]] || result=1
    done
    return $result
}

# trace_has TRACE_ID PYTHON_CONDITION: waits (20 s) until the collector's /api/traces/TRACE_ID satisfies the
# condition, evaluated with `spans` (list of {service, name, id, parent}) and `op(service, name)` (that span).
trace_has() {
    local trace=$1 condition=$2 deadline=$((SECONDS + 20)) body
    while ((SECONDS < deadline)); do
        body=$(curl -sS --max-time 5 "$COLLECTOR/api/traces/$trace" || true)
        if python3 - "$condition" "$body" <<'EOF'; then
import json, sys
condition, body = " ".join(line.strip() for line in sys.argv[1].splitlines()), sys.argv[2]
try:
    trace = json.loads(body)["data"][0]
except (ValueError, KeyError, IndexError, TypeError):
    sys.exit(1)
services = {pid: p["serviceName"] for pid, p in trace["processes"].items()}
spans = [{"service": services[s["processID"]], "name": s["operationName"], "id": s["spanID"],
          "trace": s["traceID"],
          "parent": next((r["spanID"] for r in s["references"] if r["refType"] == "CHILD_OF"), None)}
         for s in trace["spans"]]
def op(service, name):
    return next((s for s in spans if s["service"] == service and s["name"] == name), {"id": None, "parent": None})
sys.exit(0 if eval(condition) else 1)
EOF
            echo "    trace $trace: $(trace_summary "$body")"
            return 0
        fi
        sleep 0.5
    done
    echo "    trace $trace not as expected within 20 s; the collector has: $(trace_summary "$body")" >&2
    return 1
}

# The spans of a trace by service, from the collector's answer.
trace_summary() {
    python3 -c 'import json, sys
try:
    t = json.loads(sys.argv[1])["data"][0]
except (ValueError, KeyError, IndexError, TypeError):
    sys.exit(print("no trace: " + sys.argv[1][:300]))
names = {pid: p["serviceName"] for pid, p in t["processes"].items()}
by = {}
for s in t["spans"]:
    by.setdefault(names[s["processID"]], []).append(s["operationName"])
print("; ".join("%s: %d spans (%s)" % (k, len(v), ", ".join(sorted(set(v)))) for k, v in sorted(by.items())))' "$1"
}

random_hex() {
    od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'
}

log_line() {
    printf '%s\n' '10.0.0.1 - - [14/Mar/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "curl/8"'
}

test_one_request_is_one_trace_across_gateway_and_logparse() {
    local trace
    trace=$(log_line | curl -sS --max-time 10 -o /dev/null -D - -H "Authorization: Bearer $API_KEY" \
        -H 'Content-Type: text/plain' --data-binary @- "$GATEWAY/api/v1/logs/analyze" |
        tr -d '\r' | sed -n 's/^[Xx]-[Tt]race-[Ii]d: //p')
    [[ "$trace" =~ ^[0-9a-f]{32}$ ]] || {
        echo "    no X-Trace-Id in the gateway's answer" >&2
        return 1
    }
    trace_has "$trace" 'op("gateway", "POST /api/v1/logs/analyze")["id"] and op("gateway", "POST /api/v1/logs/analyze")["parent"] is None
        and op("gateway", "logparse POST /v1/analyze")["parent"] == op("gateway", "POST /api/v1/logs/analyze")["id"]
        and op("logparse-service", "POST /v1/analyze")["parent"] == op("gateway", "logparse POST /v1/analyze")["id"]
        and op("logparse-service", "parse")["parent"] == op("logparse-service", "POST /v1/analyze")["id"]'
}

# No single request reaches all three services with spans (the gateway's own readiness probes of its upstreams
# are untraced at the upstream, by design): a caller's W3C trace carried by two requests, as a client would.
test_a_callers_trace_reaches_all_three_containers() {
    local trace caller header answer
    trace=$(random_hex 16)
    caller=$(random_hex 8)
    header="traceparent: 00-$trace-$caller-01"
    for answer in "$(log_line | curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $API_KEY" \
        -H "$header" -H 'Content-Type: text/plain' --data-binary @- "$GATEWAY/api/v1/logs/analyze")" \
        "$(curl -sS --max-time 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $API_KEY" -H "$header" \
            "$GATEWAY/api/v1/health/checks")"; do
        [[ "$answer" == 200 ]] || {
            echo "    the gateway answered $answer" >&2
            return 1
        }
    done
    trace_has "$trace" "{'gateway', 'logparse-service', 'health-service'} <= {s['service'] for s in spans}
        and op('gateway', 'POST /api/v1/logs/analyze')['parent'] == '$caller'
        and op('logparse-service', 'POST /v1/analyze')['parent'] == op('gateway', 'logparse POST /v1/analyze')['id']
        and op('gateway', 'GET /api/v1/health/checks')['parent'] == '$caller'
        and op('health-service', 'GET /v1/checks')['parent'] == op('gateway', 'health GET /v1/checks')['id']"
}

# SIGTERM to every container (compose's stop_signal), each given its stop_grace_period: exit 0 means each drained
# and ended by itself; SIGKILL at the end of the grace period would leave 137.
test_stop_ends_every_service_with_exit_0_within_its_grace_period() {
    local started svc container state result=0 containers=()
    for svc in $(services); do
        containers+=("$svc=$(container_of "$svc")")
    done
    started=$(now_ms)
    "${COMPOSE[@]}" stop 2>&1 | indent
    measured[stop]=$(seconds_since "$started")
    for svc in "${containers[@]}"; do
        container=${svc#*=}
        state=$(docker inspect -f '{{.State.Status}} exit {{.State.ExitCode}} oom {{.State.OOMKilled}}' "$container")
        echo "    ${svc%%=*}: $state, grace period $(docker inspect -f '{{with .Config.StopTimeout}}{{.}} s{{else}}10 s (the default){{end}}' "$container")"
        [[ "$state" == "exited exit 0 oom false" ]] || result=1
    done
    echo "    all stopped in ${measured[stop]} s"
    return $result
}

test_down_leaves_nothing_behind() {
    local left
    "${COMPOSE[@]}" down -v --remove-orphans 2>&1 | indent
    stack_up=""
    left=$(docker ps -aq --filter "label=com.docker.compose.project=$PROJECT")
    left+=$(docker network ls -q --filter "label=com.docker.compose.project=$PROJECT")
    left+=$(docker volume ls -q --filter "label=com.docker.compose.project=$PROJECT")
    left+=$(docker ps -aq)
    [[ -z "$left" ]] || {
        echo "    left behind: $left" >&2
        return 1
    }
}

# Each service image on its own, as the README shows it: read-only, a tmpfs on /tmp, one published port. The
# gateway refuses to start without API keys, so it gets the stack's key digest.
test_each_image_alone_answers_live_and_turns_healthy() {
    local svc port inner args name deadline state live result=0 i=0
    local -A names=()
    docker network create --label vigil.compose-test "$ALONE_NETWORK" >/dev/null
    for svc in logparse-service health-service gateway; do
        i=$((i + 1))
        port=$((GATEWAY_PORT + 1 + i))
        inner=$(docker image inspect -f '{{.Config.Env}}' "vigil/$svc:dev" | grep -o 'SERVER_PORT=[0-9]*' | cut -d= -f2)
        args=()
        [[ $svc != gateway ]] || args=(-e GATEWAY_AUTH_KEYS_0_ID=local-dev
            -e "GATEWAY_AUTH_KEYS_0_SHA256=$(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1)")
        name=vigil-alone-$svc
        # The engine warns that IP forwarding is off: nothing here needs it (a published port is docker-proxy on the
        # host talking to the container's bridge address), so the warning is shown only if the run fails.
        docker run -d --name "$name" --label vigil.compose-test --network "$ALONE_NETWORK" --read-only --tmpfs /tmp \
            -p "127.0.0.1:$port:$inner" "${args[@]}" "vigil/$svc:dev" >/dev/null 2>"$WORK/run.err" || {
            cat "$WORK/run.err" >&2
            return 1
        }
        names[$svc]=$port
    done
    for svc in logparse-service health-service gateway; do
        port=${names[$svc]}
        deadline=$((SECONDS + 90))
        live="" state=""
        while ((SECONDS < deadline)); do
            [[ -n "$live" ]] || live=$(curl -fsS --max-time 2 "http://127.0.0.1:$port/observe/health/live" 2>/dev/null || true)
            state=$(docker inspect -f '{{.State.Status}} {{.State.Health.Status}}' "vigil-alone-$svc")
            [[ -z "$live" || "$state" != "running healthy" ]] || break
            sleep 0.5
        done
        echo "    vigil/$svc:dev on 127.0.0.1:$port: live ${live:-(no answer)}; $state"
        [[ "$live" == *'"status":"UP"'* && "$state" == "running healthy" ]] || {
            docker logs --tail 20 "vigil-alone-$svc" 2>&1 | indent >&2
            result=1
        }
        docker rm -f "vigil-alone-$svc" >/dev/null
    done
    docker network rm "$ALONE_NETWORK" >/dev/null
    return $result
}

image_sizes() {
    local image
    for image in vigil/jre:local $(stack_images); do
        printf '%s %s MB, ' "$image" "$(docker image inspect -f '{{.Size}}' "$image" | awk '{ printf "%.0f", $1 / 1000000 }')"
    done | sed 's/, $//'
}

main() {
    local started
    started=$(now_ms)
    preconditions
    mkdir -p "$WORK"
    trap cleanup EXIT
    echo "compose test (gateway 127.0.0.1:$GATEWAY_PORT, collector 127.0.0.1:$COLLECTOR_PORT, work dir $WORK)"
    start_engine
    build_images
    make_local_images
    up_until_healthy
    check "every service of the stack is healthy" test_every_service_is_healthy
    check "the system tests' API checks pass through the gateway container, with the stack's key" \
        test_api_checks_pass_through_the_gateway_container
    check "every container runs as a non-root uid on a read-only root filesystem" \
        test_every_container_is_non_root_on_a_read_only_root
    check "one request through the gateway is one trace at the collector (gateway and logparse spans)" \
        test_one_request_is_one_trace_across_gateway_and_logparse
    check "a caller's trace reaches the collector with spans from all three service containers" \
        test_a_callers_trace_reaches_all_three_containers
    "${COMPOSE[@]}" logs --no-color >"$WORK/compose.log" 2>&1 || true
    check "docker-compose stop: every service exits 0 within its grace period" \
        test_stop_ends_every_service_with_exit_0_within_its_grace_period
    check "docker-compose down -v leaves no container, network or volume" test_down_leaves_nothing_behind
    check "each image alone, read-only with a tmpfs /tmp, answers /observe/health/live and is healthy" \
        test_each_image_alone_answers_live_and_turns_healthy
    echo "   image sizes: $(image_sizes)"
    echo "   measured: engine start ${measured[engine]} s, images ${measured[images]} s, up until healthy" \
        "${measured[up]} s, stop ${measured[stop]:-?} s, whole test $(seconds_since "$started") s (logs: $WORK)"
    echo "compose test: $passed passed, $failed failed"
    [[ $failed -eq 0 ]]
}

main "$@"
