#!/usr/bin/env bash
# Offline validation of deploy/ that is not Java (the Kubernetes manifests and the Dockerfile are checked by the
# deploy-validation Maven module during ./mvnw verify):
#   - the compose file with docker-compose config -q, and a broken one that must be rejected;
#   - Terraform: every .tf parsed by @cdktf/hcl2json plus policy assertions (node --test in tests/deploy/),
#     broken fixtures included; terraform fmt -check when a terraform binary is installed.
# Needs docker-compose (Debian's, no engine), node and npm; .ci/run installs them. In CI a missing tool fails.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly TOOLS="$ROOT/tests/deploy"

die() {
    echo "deploy-validate: $*" >&2
    exit 1
}

# A tool that is missing fails in CI and is reported (and skipped) on a developer's machine.
need() {
    if command -v "$1" >/dev/null; then
        return 0
    fi
    [[ -z "${CI:-}" ]] || die "$1 is required in CI ($2)"
    echo "   SKIPPED: $1 is not installed ($2)" >&2
    return 1
}

validate_compose() {
    echo "-- compose: docker-compose config -q"
    need docker-compose "apt-get install --no-install-recommends docker-compose" || return 0
    docker-compose -f "$ROOT/deploy/compose/docker-compose.yml" config -q
    if docker-compose -f "$TOOLS/fixtures/compose/broken-compose.yml" config -q 2>/dev/null; then
        die "docker-compose accepted tests/deploy/fixtures/compose/broken-compose.yml, which is broken on purpose"
    fi
    echo "   deploy/compose/docker-compose.yml is valid; the broken fixture is rejected"
}

install_node_tools() {
    if [[ ! -d "$TOOLS/node_modules/@cdktf/hcl2json" ]] \
        || [[ "$TOOLS/package-lock.json" -nt "$TOOLS/node_modules/.package-lock.json" ]]; then
        (cd "$TOOLS" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
    fi
}

validate_terraform() {
    echo "-- terraform: HCL parsed by @cdktf/hcl2json, policy assertions (node --test)"
    need node "apt-get install nodejs npm" || return 0
    install_node_tools
    local report
    report=$(mktemp)
    if ! (cd "$TOOLS" && node --test --test-reporter=tap terraform-policy.test.mjs >"$report" 2>&1); then
        cat "$report" >&2
        rm -f "$report"
        die "the Terraform policy tests failed"
    fi
    echo "   node --test: $(grep -E '^# (pass|fail) ' "$report" | tr -d '#' | paste -sd, | sed 's/^ *//')"
    rm -f "$report"
    node "$TOOLS/terraform-policy.mjs" "$ROOT/deploy/terraform" | tail -n 1
    echo "-- terraform fmt -check"
    if command -v terraform >/dev/null; then
        # An unset or missing CLI config file only makes terraform print a warning.
        if [[ -n "${TF_CLI_CONFIG_FILE:-}" && ! -f "$TF_CLI_CONFIG_FILE" ]]; then
            unset TF_CLI_CONFIG_FILE
        fi
        terraform fmt -check -recursive -diff "$ROOT/deploy/terraform"
        echo "   formatted"
    else
        echo "   SKIPPED: no terraform binary (optional)"
    fi
}

main() {
    validate_compose
    validate_terraform
}

main "$@"
