#!/usr/bin/env bash
# JMH benchmark of what logparse's filters cost: one worker parsing, filtering and counting the generated combined log
# (perf/jmh, FilterThroughputBenchmark) without filters, with filters that keep every record, with status=5xx and with
# a text search; each one's ratio to the unfiltered run of the same JMH run. Prints a markdown table and the machine.
#
# Usage: perf/logparse-filters.sh [--quick] [--ignore-lock]
#   --quick: fewer, shorter iterations; --ignore-lock: run while another JMH run holds /tmp/jmh.lock (a shared machine)
# Builds the benchmarks first (Maven profile "bench", which adds perf/jmh to the reactor).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=perf/jmh-lib.sh
. "$ROOT/perf/jmh-lib.sh"

jmh_main FilterBenchmarks "$@" | sed -n '/^Round 1/,$p'
echo
echo "Two rounds; per round one JMH fork per filter, one thread (one core), the filters one after the other; MB/s per CPU second"\
 "is the same work divided by the benchmark thread's CPU time (what a core does while it runs). The machine is shared"\
 "with other work: compare the ratios within this run, not the absolute numbers."
echo
jmh_machine
