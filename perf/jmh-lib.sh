#!/usr/bin/env bash
# What the JMH scripts of perf/ share (sourced by perf/logparse-formats.sh and perf/logparse-filters.sh): the JDK,
# building the benchmarks (Maven profile "bench", which adds perf/jmh to the reactor), running one of their main
# classes, and the line that names the machine (perf/machine.sh).

# shellcheck source=perf/machine.sh
. "$ROOT/perf/machine.sh"

JAVA_HOME=$("$ROOT/platform" java)
export JAVA_HOME
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# jmh_main CLASS ARGS...: builds the benchmarks and runs io.vigil.perf.CLASS with ARGS (its log on stderr dropped).
jmh_main() {
    local main=$1 classpath
    shift
    (cd "$ROOT" && ./mvnw -B -q -Pbench -pl perf/jmh -am package -DskipTests) >&2
    classpath="$ROOT/perf/jmh/target/vigil-perf-jmh.jar:$(printf '%s:' "$ROOT"/perf/jmh/target/libs/*.jar)"
    "$JAVA_HOME/bin/java" -cp "$classpath" "io.vigil.perf.$main" "$@" 2>/dev/null
}

jmh_machine() {
    machine_line "$JAVA_HOME" "; load average before the run: $LOAD_BEFORE"
}
