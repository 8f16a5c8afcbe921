#!/usr/bin/env bash
# Make sure a Docker engine answers on /var/run/docker.sock.
#
# CI machines are Debian 12, root, with no engine running and no image registry reachable.
# Debian's docker.io package installs and its dockerd runs there, so: install it when dockerd is
# missing, start it in the background when the socket does not answer, wait (bounded) until
# `docker info` works. Idempotent: returns in well under a second when the engine is already up.
#
# Env: DOCKERD_LOG (default /tmp/dockerd.log), DOCKER_WAIT_SECONDS (default 60).
set -euo pipefail

log() { echo "[prepare-docker] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

SOCK=/var/run/docker.sock
DOCKERD_LOG=${DOCKERD_LOG:-/tmp/dockerd.log}
WAIT=${DOCKER_WAIT_SECONDS:-60}
start=$SECONDS

engine_answers() {
    [ -S "$SOCK" ] && command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1
}

if engine_answers; then
    log "engine already answers on $SOCK ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
    exit 0
fi

[ "$(id -u)" = 0 ] || die "not root and no engine answers on $SOCK; start Docker yourself or run as root"

if ! command -v dockerd >/dev/null 2>&1; then
    log "dockerd missing: installing Debian's docker.io"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || die "apt-get update failed"
    apt-get install -y -qq docker.io >/tmp/prepare-docker-apt.log 2>&1 \
        || { tail -n 20 /tmp/prepare-docker-apt.log >&2; die "apt-get install docker.io failed (log: /tmp/prepare-docker-apt.log)"; }
    command -v dockerd >/dev/null 2>&1 || die "docker.io installed but dockerd is still not on PATH"
fi
command -v docker >/dev/null 2>&1 || die "no docker client on PATH (Debian's docker.io ships /usr/bin/docker)"

if pgrep -x dockerd >/dev/null 2>&1; then
    log "a dockerd process exists (pid $(pgrep -x dockerd | tr '\n' ' ')); waiting for it to answer"
else
    # A dockerd that died uncleanly leaves its pid file behind; a new one refuses to start then.
    if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid 2>/dev/null)" 2>/dev/null; then
        rm -f /var/run/docker.pid
    fi
    log "starting dockerd in the background (log: $DOCKERD_LOG)"
    # setsid: the daemon must outlive this script and the CI step that called it.
    setsid dockerd >"$DOCKERD_LOG" 2>&1 </dev/null &
fi

deadline=$((SECONDS + WAIT))
until engine_answers; do
    if [ "$SECONDS" -ge "$deadline" ]; then
        log "last lines of $DOCKERD_LOG:"
        tail -n 30 "$DOCKERD_LOG" >&2 2>/dev/null || true
        die "Docker engine did not answer on $SOCK within ${WAIT}s"
    fi
    if ! pgrep -x dockerd >/dev/null 2>&1; then
        tail -n 30 "$DOCKERD_LOG" >&2 2>/dev/null || true
        die "dockerd exited while starting (log: $DOCKERD_LOG)"
    fi
    sleep 0.5
done

log "engine up: server $(docker version --format '{{.Server.Version}}'), storage $(docker info --format '{{.Driver}}') after $((SECONDS - start))s"
