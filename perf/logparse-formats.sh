#!/usr/bin/env bash
# JMH benchmark of the logparse engine per format: one worker parsing and counting a generated log of each format
# (perf/jmh, FormatThroughputBenchmark), in MB/s and lines/s per core. Prints a markdown table and the machine.
#
# Usage: perf/logparse-formats.sh [--quick] [format...]   (default: every format; --quick: fewer, shorter iterations)
# Builds the benchmarks first (Maven profile "bench", which adds perf/jmh to the reactor).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA_HOME=$("$ROOT/platform" java)
export JAVA_HOME
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

(cd "$ROOT" && ./mvnw -B -q -Pbench -pl perf/jmh -am package -DskipTests) >&2
CLASSPATH="$ROOT/perf/jmh/target/vigil-perf-jmh.jar:$(printf '%s:' "$ROOT"/perf/jmh/target/libs/*.jar)"
"$JAVA_HOME/bin/java" -cp "$CLASSPATH" io.vigil.perf.FormatBenchmarks "$@" 2>/dev/null | sed -n '/^| format/,$p'
echo
echo "One JMH fork per format, one thread (one core); MB/s per core (wall) is JMH's score, MB/s per CPU second the"\
 "same work divided by the benchmark thread's CPU time (what a core does while it runs, on a shared machine)."
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),\
 $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo),\
 $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1); load average before the run: $LOAD_BEFORE"
