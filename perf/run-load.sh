#!/usr/bin/env bash
# Load test: starts the stack with ./platform up on its own ports and run directory, runs Locust headless
# (perf/locustfile.py) for a set time and number of users, stops the stack, and prints a markdown summary
# (requests/s, failures, p50/p95/p99 per endpoint) from the CSV Locust leaves, read after it has exited.
#
# Usage: perf/run-load.sh [--profile P] [--users N] [--spawn-rate R] [--duration T] [--tags "t1 t2"]
#                         [--url URL] [--out DIR]
#   --profile     mixed (default; PlatformUser: the realistic mix through the gateway), analyze, parse,
#                 health, gateway (the three dedicated gateway classes together), smoke (SmokeUser: routes
#                 every build has, partly straight to logparse-service)
#   --users       concurrent users (default 20); --spawn-rate users started per second (default = users)
#   --duration    run time, Locust syntax: 30s, 2m (default 60s)
#   --tags        only tasks with these tags (analyze parse health formats small medium large gzip)
#   --url         test a stack that is already running at this gateway URL instead of starting one
#                 (logparse-service for the smoke profile: VIGIL_LOGPARSE_URL)
#   --out         where the CSV files go (default target/load)
# Ports of the stack it starts: LOAD_GATEWAY_PORT (28280; health and logparse the next two; below the
# ephemeral port range, so client sockets never hold them). The gateway's API key, when it needs one:
# VIGIL_API_KEY. Exit status: Locust's (1 when any request failed).
# Needs: Debian's python3-locust (apt-get install python3-locust), a JDK >= 21 (found by ./platform), curl.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
PROFILE=mixed
USERS=20
SPAWN_RATE=""
DURATION=60s
TAGS=""
URL=""
OUT="$ROOT/target/load"

usage() {
    sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --profile) PROFILE=$2; shift 2 ;;
        --users) USERS=$2; shift 2 ;;
        --spawn-rate) SPAWN_RATE=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --tags) TAGS=$2; shift 2 ;;
        --url) URL=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        *) usage ;;
    esac
done

case "$PROFILE" in
    mixed) CLASSES=(PlatformUser) ;;
    analyze) CLASSES=(AnalyzeUser) ;;
    parse) CLASSES=(ParseStreamUser) ;;
    health) CLASSES=(HealthPollUser) ;;
    gateway) CLASSES=(AnalyzeUser ParseStreamUser HealthPollUser) ;;
    smoke) CLASSES=(SmokeUser) ;;
    *) echo "run-load: unknown profile '$PROFILE' (expected: mixed, analyze, parse, health, gateway, smoke)" >&2; exit 2 ;;
esac

command -v locust >/dev/null || { echo "run-load: locust is not installed (apt-get install python3-locust)" >&2; exit 1; }

started_stack=""
stop_stack() {
    [[ -z "$started_stack" ]] || "$ROOT/platform" down >/dev/null 2>&1 || true
}
trap stop_stack EXIT

if [[ -z "$URL" ]]; then
    # shellcheck source=tests/port-block.sh
    . "$ROOT/tests/port-block.sh"
    use_port_block "${LOAD_GATEWAY_PORT:-28280}"
    export VIGIL_RUN_DIR=${VIGIL_RUN_DIR:-$ROOT/target/load-run}
    export VIGIL_LOGPARSE_URL="http://127.0.0.1:$LOGPARSE_PORT"
    URL="http://127.0.0.1:$GATEWAY_PORT"
    started_stack=1
    "$ROOT/platform" up >/dev/null
fi

mkdir -p "$OUT"
prefix="$OUT/$PROFILE"
rm -f "$prefix"_*.csv
tag_args=()
if [[ -n "$TAGS" ]]; then
    read -r -a tag_list <<<"$TAGS"
    tag_args=(--tags "${tag_list[@]}")
fi

echo "load: profile $PROFILE (${CLASSES[*]}), $USERS users, $DURATION against $URL" >&2
status=0
locust -f "$ROOT/perf/locustfile.py" --headless --only-summary --loglevel WARNING \
    --users "$USERS" --spawn-rate "${SPAWN_RATE:-$USERS}" --run-time "$DURATION" --stop-timeout 10 \
    --host "$URL" --csv "$prefix" "${tag_args[@]}" "${CLASSES[@]}" >"$prefix.log" 2>&1 || status=$?
stop_stack
started_stack=""

# Locust has exited: its CSV files are complete now.
python3 "$ROOT/perf/load_summary.py" --title "profile \`$PROFILE\` (${CLASSES[*]}), $USERS users, $DURATION" "$prefix"
if [[ $status -ne 0 ]]; then
    echo "load: locust exited with status $status (any failed request does that); its output ends with:" >&2
    tail -n 15 "$prefix.log" >&2
fi
exit "$status"
