#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer) of logparse-service's @FuzzTest methods, each for the maxDuration in its
# annotation, for ./platform bench. In ./platform test the same tests only replay their committed inputs. A finding
# fails the run and leaves its input under logparse-service/src/test/resources/.../<Test>Inputs/<method>/ (commit it:
# it becomes a regression test). Prints a markdown table: test, runs, seconds, coverage, corpus, finding.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly ROOT
readonly TESTS=(
    "format.FormatParsersFuzzTest#everyFormatTakesAnyLine"
    "format.FormatParsersFuzzTest#detectionTakesAnyBytes"
    "RequestLimitsFuzzTest#queryParametersAreAcceptedOrA400"
    "RequestLimitsFuzzTest#anyBodyWithinAnyLimitsIsAResultOrAClientProblem"
)
JAVA_HOME=$("$ROOT/platform" java)
export JAVA_HOME
OUT="$ROOT/target/fuzz"
mkdir -p "$OUT"
failed=0

echo "| fuzz test | runs | seconds | coverage (edges) | corpus | finding |"
echo "|---|---|---|---|---|---|"
for test in "${TESTS[@]}"; do
    log="$OUT/${test//[#.]/_}.log"
    status=0
    (cd "$ROOT" && JAZZER_FUZZ=1 ./mvnw -B -q test -pl logparse-service -am -Dtest="io.vigil.logparse.$test" \
        -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dcheckstyle.skip=true) >"$log" 2>&1 || status=$?
    done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n1 || true)
    stats=$(grep -E '^#[0-9]+' "$log" | tail -n1 || true)
    runs=$(awk '{ print $2 }' <<<"$done_line")
    seconds=$(awk '{ print $5 }' <<<"$done_line")
    coverage=$(grep -oE 'cov: [0-9]+' <<<"$stats" | tr -dc '0-9')
    corpus=$(grep -oE 'corp: [0-9]+' <<<"$stats" | tr -dc '0-9')
    finding="none"
    if [[ $status -ne 0 ]]; then
        finding="FAILED (exit $status; $log)"
        failed=1
    fi
    echo "| $test | ${runs:--} | ${seconds:--} | ${coverage:--} | ${corpus:--} | $finding |"
done
echo
echo "Jazzer 0.24.0 (jazzer-junit), JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1 | cut -d'"' -f2); each test runs for the maxDuration of its @FuzzTest."
exit "$failed"
