#!/usr/bin/env bash
# Sourced by the benchmarks of perf/: the line that names the machine a run measured, so that numbers from different
# machines are never compared unknowingly. ./platform bench also heads each block with the machine
# (perf/bench_results.py); this line travels with a script's output when it runs on its own.

# machine_line JAVA_HOME [MORE]: "Machine: cores, CPU, memory, Java" and MORE (tool versions, load average) after it.
machine_line() {
    local java_home=$1 more=${2:-}
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),\
 $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo),\
 $("$java_home/bin/java" -version 2>&1 | head -n1)$more"
}
