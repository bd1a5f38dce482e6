#!/usr/bin/env bash
# Builds Vigil's images on the engine that DOCKER_HOST points at (`./platform images` runs this):
#   - the jars with ./mvnw when one is missing or older than its sources, and the health check with javac;
#   - then deploy/docker/Dockerfile once per image, with the classic builder (DOCKER_BUILDKIT=0: Debian's Docker 20.10
#     has no BuildKit; nothing in the Dockerfile needs it).
#
#   deploy/docker/build-images.sh [IMAGE...]   IMAGE: gateway, health-service, logparse-service (the default: all three)
#                                              or trace-collector (the compose test's stand-in for Jaeger)
#   deploy/docker/build-images.sh --context-only [IMAGE...]
#                                              only what the Dockerfile copies (jars, health check), no engine needed:
#                                              for other builders (CI's Buildx)
#
# Base image: VIGIL_BASE=registry (the default) builds on the Dockerfile's pinned Temurin JRE, pulled from Docker Hub;
# VIGIL_BASE=local builds on vigil/jre:local, made first by deploy/docker/local-image.sh when the engine lacks it (no
# registry needed: that is how CI builds). VIGIL_BASE_IMAGE=NAME builds on any other image with java on its PATH
# (a mirror of Temurin's, say). Tag: VIGIL_VERSION (dev). Prints each image's size and the time taken.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
readonly TAG=${VIGIL_VERSION:-dev}
readonly LOCAL_BASE=vigil/jre:local
readonly HEALTHCHECK_DIR=$ROOT/target/docker/healthcheck

die() {
    echo "build-images: $*" >&2
    exit 1
}

# module_of IMAGE: the Maven module (directory) that builds it.
module_of() {
    case "$1" in
        gateway | health-service | logparse-service) echo "$1" ;;
        trace-collector) echo "tests/trace-collector" ;;
        *) die "unknown image '$1' (expected: gateway, health-service, logparse-service, trace-collector)" ;;
    esac
}

port_of() {
    case "$1" in
        gateway) echo 8080 ;;
        health-service) echo 8081 ;;
        logparse-service) echo 8082 ;;
        trace-collector) echo 16686 ;;
    esac
}

# Builds the modules of the given images when a jar is missing or anything it is built from is newer.
build_jars() {
    local image module jar stale=() modules=()
    for image in "$@"; do
        module=$(module_of "$image")
        modules+=("$module")
        jar=$ROOT/$module/target/$image.jar
        if [[ ! -f "$jar" ]] || [[ -n "$(find "$ROOT/pom.xml" "$ROOT/common" "$ROOT/$module" \
                \( -path '*/target' -o -path '*/.cifuzz-corpus' \) -prune -o -type f -newer "$jar" -print -quit)" ]]; then
            stale+=("$module")
        fi
    done
    [[ ${#stale[@]} -gt 0 ]] || return 0
    echo "building the jars of: ${stale[*]}"
    (IFS=,; "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" -pl "${stale[*]}" -am package -DskipTests -Dcheckstyle.skip -Djacoco.skip)
    # The jar plugin leaves a jar untouched when its classes did not change: mark each as built now.
    for module in "${stale[@]}"; do
        touch "$ROOT/$module/target/"*.jar
    done
}

build_healthcheck() {
    local source=$ROOT/deploy/docker/HealthCheck.java
    if [[ ! -f "$HEALTHCHECK_DIR/HealthCheck.class" || "$source" -nt "$HEALTHCHECK_DIR/HealthCheck.class" ]]; then
        mkdir -p "$HEALTHCHECK_DIR"
        "$JAVA_HOME/bin/javac" --release 21 -Xlint:all -Werror -d "$HEALTHCHECK_DIR" "$source"
    fi
}

# The --build-arg for the base image (none: the Dockerfile's default), after making the local base if needed.
base_arguments() {
    if [[ -n "${VIGIL_BASE_IMAGE:-}" ]]; then
        echo "--build-arg BASE_IMAGE=$VIGIL_BASE_IMAGE"
        return
    fi
    case "${VIGIL_BASE:-registry}" in
        registry) ;;
        local)
            if ! docker image inspect "$LOCAL_BASE" >/dev/null 2>&1; then
                "$ROOT/deploy/docker/local-image.sh" jre "$LOCAL_BASE" >&2
            fi
            echo "--build-arg BASE_IMAGE=$LOCAL_BASE"
            ;;
        *) die "VIGIL_BASE must be registry or local, not '$VIGIL_BASE'" ;;
    esac
}

main() {
    local context_only="" images image started total_started base revision version size output
    if [[ "${1:-}" == --context-only ]]; then
        context_only=1
        shift
    fi
    images=("$@")
    [[ ${#images[@]} -gt 0 ]] || images=(logparse-service health-service gateway)
    for image in "${images[@]}"; do
        module_of "$image" >/dev/null
    done
    if [[ -z "$context_only" ]]; then
        command -v docker >/dev/null || die "the docker CLI is not installed (apt-get install docker.io)"
        docker version --format '{{.Server.Version}}' >/dev/null 2>&1 ||
            die "no Docker engine answers at ${DOCKER_HOST:-the default socket} (start one, or set DOCKER_HOST)"
    fi
    JAVA_HOME=$("$ROOT/platform" java)
    export JAVA_HOME
    total_started=$(date +%s%N)
    build_jars "${images[@]}"
    build_healthcheck
    [[ -z "$context_only" ]] || return 0
    base=$(base_arguments)
    revision=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
    [[ -z "$(git -C "$ROOT" status --porcelain 2>/dev/null)" ]] || revision="$revision-dirty"
    version=$(sed -n '0,/<\/parent>/d; s:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -n1)
    for image in "${images[@]}"; do
        started=$(date +%s%N)
        # Word splitting of $base is intended: it is either empty or one "--build-arg NAME=VALUE" pair. The output
        # (and newer CLIs' notice that the classic builder is deprecated) is shown only when the build fails.
        # shellcheck disable=SC2086
        if ! output=$(DOCKER_BUILDKIT=0 docker build -f "$ROOT/deploy/docker/Dockerfile" $base \
            --build-arg "SERVICE=$image" --build-arg "MODULE=$(module_of "$image")" \
            --build-arg "SERVICE_PORT=$(port_of "$image")" --build-arg "VERSION=$version" \
            --build-arg "REVISION=$revision" -t "vigil/$image:$TAG" "$ROOT" 2>&1); then
            echo "$output" >&2
            die "docker build of vigil/$image:$TAG failed"
        fi
        size=$(docker image inspect -f '{{.Size}}' "vigil/$image:$TAG")
        printf '  %-30s %4d MB  built in %.1f s\n' "vigil/$image:$TAG" $((size / 1000000)) \
            "$((($(date +%s%N) - started) / 1000000))e-3"
    done
    base=${base#--build-arg BASE_IMAGE=}
    printf 'images built in %.1f s (base: %s)\n' "$((($(date +%s%N) - total_started) / 1000000))e-3" \
        "${base:-the Dockerfile default, $(sed -n 's/^ARG BASE_IMAGE=//p' "$ROOT/deploy/docker/Dockerfile")}"
}

main "$@"
