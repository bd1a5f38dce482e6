#!/usr/bin/env bash
# Offline validation of the repository's YAML and GitHub configuration, then proof that it catches breakage:
#   yamllint on every YAML file (.yamllint.yml), action-validator (schema) and actionlint (expressions,
#   contexts, labels) on every workflow, a structural check of dependabot.yml; then the same validators on
#   tests/fixtures/workflows/, where each broken fixture must be rejected by the validators its first line
#   names (and only those) and the good one must pass all.
# The npm validators live in .ci/lint (package.json + package-lock.json); they are installed with 'npm ci'
# when missing or out of date. '--install' only installs them (what .ci/run calls).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly LINT_DIR="$ROOT/.ci/lint"
readonly FIXTURES="$ROOT/tests/fixtures/workflows"
# shellcheck source=tests/check-lib.sh
. "$ROOT/tests/check-lib.sh"

die() {
    echo "workflow-lint: $*" >&2
    exit 1
}

# npm ci when node_modules is missing or was installed from another lock file.
install_npm_tools() {
    local stamp="$LINT_DIR/node_modules/.installed-from-lock"
    command -v npm >/dev/null || die "node and npm are needed for the workflow validators (apt-get install nodejs npm)"
    if [[ -f "$stamp" ]] && cmp -s "$stamp" "$LINT_DIR/package-lock.json"; then
        return 0
    fi
    echo "   installing the workflow validators (npm ci in .ci/lint)"
    (cd "$LINT_DIR" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$LINT_DIR/package-lock.json" "$stamp"
}

# The Python that has PyYAML: Debian's, where yamllint comes from, when present.
python_with_yaml() {
    local python
    for python in /usr/bin/python3 python3; do
        if command -v "$python" >/dev/null && "$python" -c 'import yaml' 2>/dev/null; then
            echo "$python"
            return 0
        fi
    done
    die "no python3 with PyYAML (apt-get install python3-yaml)"
}

yaml_files() {
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git -C "$ROOT" ls-files --cached --others --exclude-standard -- '*.yml' '*.yaml' |
            while IFS= read -r file; do [[ -f "$ROOT/$file" ]] && echo "$file"; done
    else
        (cd "$ROOT" && find . \( -name target -o -name node_modules -o -name .git \) -prune -o \
            -type f \( -name '*.yml' -o -name '*.yaml' \) -print | sed 's|^\./||')
    fi
}

run_yamllint() {
    (cd "$ROOT" && yamllint -c "$ROOT/.yamllint.yml" -f parsable "$@")
}

run_workflow_check() {
    node "$LINT_DIR/check-workflows.mjs" "$@"
}

indent() {
    sed 's/^/    | /'
}

test_every_yaml_file_passes_yamllint() {
    local files=()
    mapfile -t files < <(yaml_files)
    [[ ${#files[@]} -gt 0 ]] || return 1
    run_yamllint "${files[@]}" | indent
}

test_every_workflow_passes_both_validators() {
    local files=("$ROOT"/.github/workflows/*.yml)
    [[ -f "${files[0]}" ]] || return 1
    run_workflow_check "${files[@]}" | indent
}

test_dependabot_configuration_is_valid() {
    "$(python_with_yaml)" "$LINT_DIR/check-dependabot.py" "$ROOT/.github/dependabot.yml" | indent
}

# Runs every validator once over all fixtures; validator_rejects then reads the problems each reported.
validate_fixtures() {
    FIXTURE_REPORT=$(mktemp)
    trap 'rm -f "$FIXTURE_REPORT"' EXIT
    {
        run_yamllint "$FIXTURES"/*.yaml-fixture | sed 's/$/ [yamllint]/' || true
        run_workflow_check "$FIXTURES"/*.yaml-fixture || true
    } >"$FIXTURE_REPORT" 2>&1
}

# validator_rejects NAME FILE: whether that validator reported a problem in the file.
validator_rejects() {
    local validator=$1 file=$2
    grep -F -- "$file" "$FIXTURE_REPORT" | grep -q -E "\[${validator}[] ]"
}

# The first line of a fixture names the validators that must reject it ("# expect: a b") or "pass".
test_fixture_is_judged_as_expected() {
    local file=$1 expected validator ok=0
    expected=$(head -n1 "$file" | sed -n 's/^# expect: *//p')
    [[ -n "$expected" ]] || { echo "    no '# expect:' line in $file" >&2; return 1; }
    for validator in yamllint action-validator actionlint; do
        if [[ " $expected " == *" $validator "* ]]; then
            validator_rejects "$validator" "$file" || { echo "    $validator accepted $(basename "$file")" >&2; ok=1; }
        else
            ! validator_rejects "$validator" "$file" || { echo "    $validator rejected $(basename "$file")" >&2; ok=1; }
        fi
    done
    return $ok
}

# The same command that checks the real workflows fails on each broken fixture: a broken workflow fails the run.
test_broken_workflows_fail_the_check() {
    local file
    for file in "$FIXTURES"/broken-*.yaml-fixture; do
        if run_workflow_check "$file" >/dev/null 2>&1 && run_yamllint "$file" >/dev/null 2>&1; then
            echo "    $(basename "$file") passed every validator" >&2
            return 1
        fi
    done
}

main() {
    install_npm_tools
    [[ "${1:-}" != "--install" ]] || return 0
    command -v yamllint >/dev/null || die "yamllint is not installed (apt-get install yamllint); .ci/run installs it"
    command -v node >/dev/null || die "node is not installed"

    echo "workflow and YAML validation (offline)"
    check "every YAML file passes yamllint (.yamllint.yml)" test_every_yaml_file_passes_yamllint
    check "every workflow passes action-validator and actionlint" test_every_workflow_passes_both_validators
    check ".github/dependabot.yml is a valid Dependabot configuration" test_dependabot_configuration_is_valid
    local fixture
    validate_fixtures
    for fixture in "$FIXTURES"/*.yaml-fixture; do
        check "fixture $(basename "$fixture"): $(head -n1 "$fixture" | sed 's/^# //')" test_fixture_is_judged_as_expected "$fixture"
    done
    check "each broken fixture fails the workflow check" test_broken_workflows_fail_the_check
    echo "workflow lint: $passed passed, $failed failed"
    [[ $failed -eq 0 ]]
}

main "$@"
