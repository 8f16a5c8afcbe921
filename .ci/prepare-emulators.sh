#!/usr/bin/env bash
# Install the MiniStack AWS emulator (pinned, see ministack-requirements.txt) into a venv at a fixed
# path, check that it starts and answers its health endpoint, and print the executable's path.
#
# stdout: exactly one line, the absolute path of the `ministack` executable, so that
#   DEVENV_TEST_MINISTACK_BIN=$(bash .ci/prepare-emulators.sh)
# works. Everything else goes to stderr.
#
# Idempotent: when the venv already holds the pinned set it only runs the start check (~1 s).
#
# Env:
#   DEVENV_CI_CACHE   base directory (default $HOME/.cache/devenv-ci); venv at $DEVENV_CI_CACHE/venv
#   WITH_MOTO=1       also install moto[server] (pinned) into $DEVENV_CI_CACHE/moto-venv; it is a
#                     second opinion only: ~60 packages, ~300 MB, ~50 s, and it needs nothing
#                     MiniStack lacks for devenv.
set -euo pipefail

log() { echo "[prepare-emulators] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/health-lib.sh"
REQS=$HERE/ministack-requirements.txt
CACHE=${DEVENV_CI_CACHE:-$HOME/.cache/devenv-ci}
VENV=$CACHE/venv
MOTO_SPEC='moto[server]==5.2.1'
MOTO_VENV=$CACHE/moto-venv
start=$SECONDS

[ -f "$REQS" ] || die "missing $REQS"

# Debian's interpreter: stable path, not subject to pyenv shims or a PYENV_VERSION in the caller.
pick_python() {
    local p
    for p in /usr/bin/python3 "$(command -v python3 || true)"; do
        [ -n "$p" ] && [ -x "$p" ] && "$p" -c 'import sys; assert sys.version_info >= (3, 10)' 2>/dev/null && { echo "$p"; return; }
    done
    return 1
}

ensure_venv_module() {
    local py=$1
    if ! "$py" -c 'import venv, ensurepip' 2>/dev/null; then
        [ "$(id -u)" = 0 ] || die "$py lacks venv/ensurepip; install python3-venv"
        log "installing python3-venv"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null && apt-get install -y -qq python3-venv >/dev/null \
            || die "apt-get install python3-venv failed"
    fi
}

# make_venv DIR STAMP PIP-ARGS...: (re)create DIR unless its stamp matches.
make_venv() {
    local dir=$1 stamp=$2; shift 2
    if [ -f "$dir/.devenv-ci-stamp" ] && [ "$(cat "$dir/.devenv-ci-stamp")" = "$stamp" ]; then
        log "venv $dir is current"
        return
    fi
    local py; py=$(pick_python) || die "no python3 >= 3.10 found"
    ensure_venv_module "$py"
    log "creating $dir with $py ($("$py" --version 2>&1))"
    # The stamp is written last: an interrupted install never looks current and is redone.
    rm -rf "$dir"
    mkdir -p "$(dirname "$dir")"
    "$py" -m venv "$dir"
    "$dir/bin/python" -m pip install -q --disable-pip-version-check "$@" >&2 \
        || { rm -rf "$dir"; die "pip install $* failed"; }
    echo "$stamp" >"$dir/.devenv-ci-stamp"
}

stamp=$(sha256sum "$REQS" | cut -d' ' -f1)
make_venv "$VENV" "$stamp" -r "$REQS"
BIN=$VENV/bin/ministack
[ -x "$BIN" ] || die "$BIN missing after install"

if [ "${WITH_MOTO:-0}" = 1 ]; then
    make_venv "$MOTO_VENV" "$MOTO_SPEC" "$MOTO_SPEC"
    [ -x "$MOTO_VENV/bin/moto_server" ] || die "moto_server missing in $MOTO_VENV"
    log "moto_server: $MOTO_VENV/bin/moto_server (start: moto_server -H 127.0.0.1 -p PORT)"
fi

# Start check: a private port and TMPDIR (MiniStack writes $TMPDIR/ministack-PORT.pid), bound to
# loopback, stopped by its own pid.
port=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
tmp=$(mktemp -d)
GATEWAY_PORT=$port BIND_HOST=127.0.0.1 TMPDIR=$tmp LOG_LEVEL=WARNING "$BIN" >"$tmp/ministack.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
body=$(await_health "$VENV/bin/python" "$port" /_ministack/health "$pid" "$tmp/ministack.log" ministack 30)
version=$(printf '%s' "$body" | "$VENV/bin/python" -c 'import json,sys; print(json.load(sys.stdin)["version"])')
log "ministack $version answered /_ministack/health on 127.0.0.1:$port; ready in $((SECONDS - start))s"
echo "$BIN"
