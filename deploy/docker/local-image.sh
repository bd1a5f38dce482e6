#!/usr/bin/env bash
# Makes an image without any registry, on the engine that DOCKER_HOST points at: a small Debian root filesystem
# from the Debian archive (mmdebstrap, packages unpacked without maintainer scripts: no shell package, no package
# manager; coreutils, whose `id` the compose test runs with docker exec), then `docker import`.
#
#   deploy/docker/local-image.sh jre [IMAGE]     vigil/jre:local, the offline base of deploy/docker/Dockerfile: a Java
#                                                runtime jlinked from this machine's JDK (the one `./platform java`
#                                                finds) with a JRE's modules, at /opt/java/openjdk and on PATH as in
#                                                Temurin's images (`VIGIL_BASE=local ./platform images` runs this)
#   deploy/docker/local-image.sh redis [IMAGE]   vigil/redis:local, Debian's redis-server and redis-cli, for the
#                                                compose stack offline (docker-compose.offline.yml)
#
# Needs mmdebstrap (apt-get install mmdebstrap; run as root, or where mmdebstrap's unshare mode works) and the
# docker CLI. Takes 30-90 s, most of it downloading 5-15 MB of Debian packages.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
readonly ROOT
readonly SUITE=bookworm
readonly MIRROR=http://deb.debian.org/debian
readonly SECURITY=http://deb.debian.org/debian-security
# A JRE's modules (what Temurin's JRE images hold): Java SE and the JDK's run-time modules, none of its tools
# (no compiler, jlink, jshell, jcmd or debugger agent).
readonly MODULES=java.se,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.localedata,\
jdk.management,jdk.management.agent,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.nio.mapmode,jdk.security.auth,\
jdk.security.jgss,jdk.unsupported,jdk.zipfs

die() {
    echo "local-image: $*" >&2
    exit 1
}

# rootfs DIR PACKAGES: the packages and their dependencies unpacked, trimmed, with users and a sticky /tmp.
rootfs() {
    local dir=$1 packages=$2
    echo "mmdebstrap: Debian $SUITE ($packages)"
    mmdebstrap --quiet --variant=extract --include="$packages" "$SUITE" "$dir" \
        "deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" "deb $SECURITY $SUITE-security main"
    # Out: documentation, locales, apt's and dpkg's state (no package manager runs here), the resolver files copied
    # from this machine (the engine mounts its own) and the device nodes (the engine gives every container its /dev).
    rm -rf "$dir"/usr/share/{doc,man,info,locale,i18n,lintian} "$dir"/var/{lib,cache}/apt "$dir"/etc/apt \
        "$dir"/var/lib/dpkg "$dir"/etc/dpkg "$dir"/etc/hostname "$dir"/etc/resolv.conf
    find "$dir/dev" -mindepth 1 -delete
    # In: what the maintainer scripts would have written.
    printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' \
        >"$dir/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
    mkdir -p "$dir/tmp"
    chmod 1777 "$dir/tmp"
}

# import DIR IMAGE CHANGE...: the directory as a one-layer image with the given Dockerfile instructions.
import() {
    local dir=$1 image=$2 change changes=()
    shift 2
    for change in "$@"; do
        changes+=(--change "$change")
    done
    echo "docker import: $image"
    tar --numeric-owner -C "$dir" -cf - . | docker import "${changes[@]}" - "$image" >/dev/null
}

make_jre() {
    local image=$1 java_home version
    java_home=$("$ROOT/platform" java)
    version=$("$java_home/bin/java" -version 2>&1 | head -n1 | tr -d '"')
    echo "jlink: a JRE from $java_home ($version)"
    "$java_home/bin/jlink" --add-modules "$MODULES" --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
        --generate-cds-archive --output "$WORK/jre" >/dev/null
    # The class-data archive for heaps over 32 GB (no compressed oops) is of no use under these containers' limits.
    rm -f "$WORK/jre/lib/server/classes_nocoops.jsa"
    rootfs "$WORK/rootfs" libc6,coreutils
    mkdir -p "$WORK/rootfs/opt/java"
    cp -a "$WORK/jre" "$WORK/rootfs/opt/java/openjdk"
    import "$WORK/rootfs" "$image" 'ENV JAVA_HOME=/opt/java/openjdk' \
        'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'ENV LANG=C.UTF-8' \
        "LABEL org.opencontainers.image.title=vigil-jre org.opencontainers.image.description=\"Debian $SUITE (libc6, coreutils) with a jlinked runtime: $version\""
}

# Runs as the user compose gives it; the command line (no persistence, memory bound) comes from compose too.
# redis-tools holds the server's binary; the redis-server package adds only a symlink to it, service files and
# adduser (with perl), so the symlink is made here instead.
make_redis() {
    local image=$1
    rootfs "$WORK/rootfs" redis-tools,coreutils
    ln -s redis-check-rdb "$WORK/rootfs/usr/bin/redis-server"
    mkdir -p "$WORK/rootfs/data"
    import "$WORK/rootfs" "$image" 'WORKDIR /data' 'EXPOSE 6379' \
        'CMD ["redis-server", "--save", "", "--appendonly", "no", "--protected-mode", "no"]' \
        "LABEL org.opencontainers.image.title=vigil-redis org.opencontainers.image.description=\"Debian $SUITE redis-server and redis-cli\""
}

main() {
    local kind=${1:-} image started
    case "$kind" in
        jre | redis) image=${2:-vigil/$kind:local} ;;
        *) die "usage: local-image.sh jre|redis [IMAGE]" ;;
    esac
    command -v mmdebstrap >/dev/null || die "mmdebstrap is not installed (apt-get install mmdebstrap)"
    command -v docker >/dev/null || die "the docker CLI is not installed (apt-get install docker.io)"
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/vigil-image.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    started=$SECONDS
    "make_$kind" "$image"
    echo "$image: $(docker image inspect -f '{{.Size}}' "$image" | awk '{ printf "%.0f MB", $1 / 1000000 }') in $((SECONDS - started)) s"
}

main "$@"
