#!/usr/bin/env bash
# Shared by the test scripts (sourced, not run): `check NAME COMMAND...` runs one check, prints an ok or
# FAIL line and counts it in $passed / $failed, which the calling script reports.

# shellcheck disable=SC2034 # the counters are read by the scripts that source this file
passed=0
failed=0

check() {
    local name=$1
    shift
    if "$@"; then
        echo "  ok   $name"
        passed=$((passed + 1))
    else
        echo "  FAIL $name"
        failed=$((failed + 1))
    fi
}
