#!/usr/bin/env bash
# JMH benchmark of the logparse engine per format: one worker parsing and counting a generated log of each format
# (perf/jmh, FormatThroughputBenchmark), in MB/s and lines/s per core. Prints a markdown table and the machine.
#
# Usage: perf/logparse-formats.sh [--quick] [format...]   (default: every format; --quick: fewer, shorter iterations)
# Builds the benchmarks first (Maven profile "bench", which adds perf/jmh to the reactor).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=perf/jmh-lib.sh
. "$ROOT/perf/jmh-lib.sh"

jmh_main FormatBenchmarks "$@" | sed -n '/^| format/,$p'
echo
echo "One JMH fork per format, one thread (one core); MB/s per core (wall) is JMH's score, MB/s per CPU second the"\
 "same work divided by the benchmark thread's CPU time (what a core does while it runs, on a shared machine)."
echo
jmh_machine
