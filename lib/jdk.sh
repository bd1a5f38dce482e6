#!/usr/bin/env bash
# What ./platform and ./logparse both need to know of a JDK, without starting it (a JVM start costs about 0.1 s).
# Sourced; defines functions only.

# java_feature_version VERSION: the feature number of a Java version string ("25.0.3" -> 25, "1.8.0_402" -> 8).
java_feature_version() {
    local version=${1#1.}
    echo "${version%%[.+\"-]*}"
}

# release_java_version HOME: the feature version named by HOME/release, or nothing without the file or the line. Read
# with read, not grep: ./logparse asks on every start, and each extra process costs milliseconds.
release_java_version() {
    local line=""
    [[ -f "$1/release" ]] || return 0
    while IFS= read -r line && [[ $line != JAVA_VERSION=* ]]; do :; done <"$1/release"
    [[ $line == JAVA_VERSION=* ]] || return 0
    line=${line#JAVA_VERSION=\"}
    java_feature_version "$line"
}
