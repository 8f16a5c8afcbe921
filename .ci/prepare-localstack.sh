#!/usr/bin/env bash
# Install LocalStack community 4.14.0 (devenv's default emulator, pinned with every dependency in
# localstack-requirements.txt) into a venv on pyenv's CPython 3.13, pre-install the Kinesis engine
# it would otherwise fetch with npm on first use, write a launcher, check that it starts and answers
# /_localstack/health, and print the launcher's path.
#
# stdout: exactly one line, the absolute path of the launcher, so that
#   DEVENV_TEST_LOCALSTACK=$(bash .ci/prepare-localstack.sh)
# works. Everything else goes to stderr.
#
# The launcher runs `python -m localstack.runtime.main` as a host process. The caller sets
# GATEWAY_LISTEN=127.0.0.1:PORT and FILESYSTEM_ROOT=DIR (state, init hooks under
# DIR/etc/localstack/init); the launcher sets what a host process needs (no Docker, no DNS server,
# no certificate download, no analytics) and links the pre-installed packages into DIR.
#
# Idempotent: when the venv holds the pinned set it only runs the start check (~3 s).
#
# Env:
#   DEVENV_CI_CACHE        base directory (default $HOME/.cache/devenv-ci)
#   DEVENV_PYTHON313       the CPython 3.13 to build the venv with (default pyenv's 3.13.0)
set -euo pipefail

log() { echo "[prepare-localstack] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/health-lib.sh"
REQS=$HERE/localstack-requirements.txt
CACHE=${DEVENV_CI_CACHE:-$HOME/.cache/devenv-ci}
VENV=$CACHE/localstack-venv
# Packages LocalStack installs at run time (Kinesis' kinesis-local), installed here once: the
# launcher links this directory as LocalStack's static_libs ($FILESYSTEM_ROOT/usr/lib/localstack).
STATIC=$VENV/static-libs
LAUNCHER=$VENV/bin/devenv-localstack
start=$SECONDS

[ -f "$REQS" ] || die "missing $REQS"

pick_python() {
    local p
    for p in "${DEVENV_PYTHON313:-}" "${PYENV_ROOT:-$HOME/.pyenv}/versions/3.13.0/bin/python3" "$(command -v python3.13 || true)"; do
        [ -n "$p" ] && [ -x "$p" ] && "$p" -c 'import sys, venv; assert sys.version_info[:2] == (3, 13)' 2>/dev/null \
            && { echo "$p"; return; }
    done
    return 1
}

# The launcher's text is part of the stamp: a change to it redoes the venv.
launcher_text() {
    cat <<EOF
#!/bin/sh
# LocalStack as a host process, written by devenv's .ci/prepare-localstack.sh.
# Caller sets GATEWAY_LISTEN=127.0.0.1:PORT and FILESYSTEM_ROOT=DIR.
set -e
: "\${FILESYSTEM_ROOT:?set FILESYSTEM_ROOT to a directory for LocalStack's files}"
: "\${GATEWAY_LISTEN:?set GATEWAY_LISTEN=127.0.0.1:PORT}"
mkdir -p "\$FILESYSTEM_ROOT/usr/lib"
[ -e "\$FILESYSTEM_ROOT/usr/lib/localstack" ] || ln -s "$STATIC" "\$FILESYSTEM_ROOT/usr/lib/localstack"
export OVERRIDE_IN_DOCKER=0 DNS_ADDRESS=0 SKIP_SSL_CERT_DOWNLOAD=1 DISABLE_EVENTS=1
exec "$VENV/bin/python" -m localstack.runtime.main "\$@"
EOF
}

stamp=$( { sha256sum <"$REQS"; launcher_text; } | sha256sum | cut -d' ' -f1)
if [ -f "$VENV/.devenv-ci-stamp" ] && [ "$(cat "$VENV/.devenv-ci-stamp")" = "$stamp" ]; then
    log "venv $VENV is current"
else
    py=$(pick_python) || die "no CPython 3.13 found (LocalStack 4.14.0 needs it): install it with pyenv (pyenv install 3.13.0) or set DEVENV_PYTHON313"
    command -v node >/dev/null || die "node is not on the PATH: LocalStack's Kinesis runs on Node.js (apt-get install nodejs npm)"
    command -v npm >/dev/null || die "npm is not on the PATH: LocalStack installs its Kinesis engine with npm (apt-get install npm)"
    log "creating $VENV with $py ($("$py" --version 2>&1))"
    t0=$SECONDS
    # The stamp is written last: an interrupted install never looks current and is redone.
    rm -rf "$VENV"
    mkdir -p "$CACHE"
    "$py" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQS" >&2 \
        || { rm -rf "$VENV"; die "pip install -r $REQS failed"; }
    "$VENV/bin/python" -m pip check --disable-pip-version-check >&2 || { rm -rf "$VENV"; die "pip check failed"; }
    log "installed $(grep -c '==' "$REQS") pinned packages in $((SECONDS - t0))s"
    # lpm installs into static_libs, under FILESYSTEM_ROOT: a scratch root, then keep only the libs.
    t0=$SECONDS
    root=$(mktemp -d)
    FILESYSTEM_ROOT=$root OVERRIDE_IN_DOCKER=0 "$VENV/bin/python" -m localstack.cli.lpm install kinesis-mock >&2 \
        || { rm -rf "$VENV" "$root"; die "installing LocalStack's kinesis-mock package (npm kinesis-local) failed"; }
    mv "$root/usr/lib/localstack" "$STATIC"
    rm -rf "$root"
    log "pre-installed $(ls "$STATIC" | tr '\n' ' ')in $((SECONDS - t0))s"
    launcher_text >"$LAUNCHER"
    chmod 755 "$LAUNCHER"
    echo "$stamp" >"$VENV/.devenv-ci-stamp"
fi
[ -x "$LAUNCHER" ] || die "$LAUNCHER missing"

# Start check: a free loopback port and a scratch FILESYSTEM_ROOT, stopped by its own pid.
port=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
tmp=$(mktemp -d)
GATEWAY_LISTEN=127.0.0.1:$port FILESYSTEM_ROOT=$tmp "$LAUNCHER" >"$tmp.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp" "$tmp.log"; }
trap cleanup EXIT
body=$(await_health "$VENV/bin/python" "$port" /_localstack/health "$pid" "$tmp.log" localstack 60)
version=$(printf '%s' "$body" | "$VENV/bin/python" -c 'import json,sys; print(json.load(sys.stdin)["version"])')
[ "$version" = 4.14.0 ] || die "localstack answered version $version, expected 4.14.0"
log "localstack $version answered /_localstack/health on 127.0.0.1:$port; ready in $((SECONDS - start))s"
echo "$LAUNCHER"
