#!/usr/bin/env bash
# Makes the offline base image of deploy/docker/Dockerfile on the engine that DOCKER_HOST points at, with no
# registry: a small Debian root filesystem from the Debian archive (mmdebstrap: glibc and coreutils, whose `id`
# the compose test runs with docker exec; no shell package, no package manager) and, at /opt/java/openjdk where
# Temurin's images keep theirs, a Java runtime jlinked from this machine's JDK (the one `./platform java` finds)
# with the modules of a JRE. Then `docker import`.
#
#   deploy/docker/local-base.sh [IMAGE]        (default vigil/jre:local; `VIGIL_BASE=local ./platform images` runs it)
#
# Needs mmdebstrap (apt-get install mmdebstrap; run as root, or where mmdebstrap's unshare mode works) and the
# docker CLI. Takes 30-60 s, most of it downloading about 10 MB of Debian packages.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
readonly IMAGE=${1:-vigil/jre:local}
readonly SUITE=bookworm
readonly MIRROR=http://deb.debian.org/debian
readonly SECURITY=http://deb.debian.org/debian-security
# A JRE's modules (what Temurin's JRE images hold): Java SE and the JDK's run-time modules, none of its tools
# (no compiler, jlink, jshell, jcmd or debugger agent).
readonly MODULES=java.se,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.localedata,\
jdk.management,jdk.management.agent,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.nio.mapmode,jdk.security.auth,\
jdk.security.jgss,jdk.unsupported,jdk.zipfs

die() {
    echo "local-base: $*" >&2
    exit 1
}

command -v mmdebstrap >/dev/null || die "mmdebstrap is not installed (apt-get install mmdebstrap)"
command -v docker >/dev/null || die "the docker CLI is not installed (apt-get install docker.io)"
JAVA_HOME=$("$ROOT/platform" java)
readonly JAVA_HOME
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vigil-base.XXXXXX")
readonly WORK
trap 'rm -rf "$WORK"' EXIT

started=$SECONDS
echo "jlink: a JRE from $JAVA_HOME ($("$JAVA_HOME/bin/java" -version 2>&1 | head -n1))"
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
    --generate-cds-archive --output "$WORK/jre" >/dev/null
# The class-data archive for heaps over 32 GB (no compressed oops) is of no use under these containers' limits.
rm -f "$WORK/jre/lib/server/classes_nocoops.jsa"

echo "mmdebstrap: Debian $SUITE (libc6, coreutils)"
# The extract variant unpacks the packages and their dependencies without running maintainer scripts: nothing in
# the image needs them. What those scripts would have written (passwd, group) is written below.
mmdebstrap --quiet --variant=extract --include=libc6,coreutils "$SUITE" "$WORK/rootfs" \
    "deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" "deb $SECURITY $SUITE-security main"

# Out: documentation, locales, apt's and dpkg's state (no package manager runs here), and the resolver files
# copied from this machine (the engine mounts its own). In: users, a sticky /tmp, the runtime.
rootfs=$WORK/rootfs
rm -rf "$rootfs"/usr/share/{doc,man,info,locale,i18n,lintian} "$rootfs"/var/{lib,cache}/apt "$rootfs"/etc/apt \
    "$rootfs"/var/lib/dpkg "$rootfs"/etc/dpkg "$rootfs"/etc/hostname "$rootfs"/etc/resolv.conf
# The device nodes mmdebstrap made: the engine gives every container its own /dev.
find "$rootfs/dev" -mindepth 1 -delete
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' \
    >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
mkdir -p "$rootfs/tmp" "$rootfs/opt/java"
chmod 1777 "$rootfs/tmp"
cp -a "$WORK/jre" "$rootfs/opt/java/openjdk"

echo "docker import: $IMAGE"
tar --numeric-owner -C "$rootfs" -cf - . | docker import \
    --change 'ENV JAVA_HOME=/opt/java/openjdk' \
    --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change "LABEL org.opencontainers.image.title=vigil-jre org.opencontainers.image.description=\"Debian $SUITE (libc6, coreutils) with a jlinked Java runtime from $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1 | tr -d '\"')\"" \
    - "$IMAGE" >/dev/null
echo "$IMAGE: $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%.0f MB", $1 / 1000000 }') in $((SECONDS - started)) s"
