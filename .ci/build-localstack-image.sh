#!/usr/bin/env bash
# Build the Docker image localstack/localstack:4.14.0 — devenv's default emulator, under the tag its
# default preset names — without any image registry, so `devenv up` runs the default path here.
#
# The image is made from what prepare-localstack.sh already installed on the host: a Debian root
# filesystem from the machine's apt sources (mmdebstrap: the runtime libraries CPython needs, and
# Debian's nodejs for LocalStack's Kinesis engine), the CPython 3.13 that venv was made with, copied
# to the same absolute path (its binary finds libpython there), the venv with the pinned LocalStack
# set copied to /opt/localstack (it runs with `python -m`, so no script's shebang matters), and the
# pre-installed kinesis-local as LocalStack's static libs (/usr/lib/localstack). `docker import`
# sets the entrypoint /usr/local/bin/docker-entrypoint.sh (where the official image has it), which
# execs `python -m localstack.runtime.main`, on 0.0.0.0:4566.
#
# What it cannot do: serve DynamoDB (LocalStack downloads DynamoDB Local and Java at first use from
# hosts these machines cannot reach). The label io.devenv.aws.unavailable-services says so, and
# devenv's preflight reads it.
#
# Idempotent: skipped when the image carries the same recipe stamp (label devenv.ci.stamp).
# Env: IMAGE (default localstack/localstack:4.14.0), FORCE=1, KEEP_WORKDIR=1 (debugging).
set -euo pipefail

log() { echo "[build-localstack-image] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=image-lib.sh
. "$HERE/image-lib.sh"
REQS=$HERE/localstack-requirements.txt
IMAGE=${IMAGE:-localstack/localstack:4.14.0}
SUITE=bookworm
RECIPE=1   # bump when the steps below change in a way that changes the image
# Runtime libraries of pyenv's CPython build (ssl, sqlite3, ctypes, uuid, bz2, lzma, readline, curses, expat);
# tzdata: LocalStack's S3 loads ZoneInfo("GMT") at import, and a missing zone hides every plugin.
PY_LIBS=libssl3,libsqlite3-0,libffi8,libuuid1,libbz2-1.0,liblzma5,libreadline8,libncursesw6,libtinfo6,zlib1g,libexpat1,libgdbm6
start=$SECONDS

bash "$HERE/prepare-docker.sh"
launcher=$(bash "$HERE/prepare-localstack.sh")
venv=$(dirname "$(dirname "$launcher")")
base=$("$venv/bin/python" -c 'import sys; print(sys.base_prefix)')
pyver=$("$venv/bin/python" -c 'import platform; print(platform.python_version())')
version=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("localstack-core"))')
stamp="r$RECIPE-$(cat "$REQS" "${BASH_SOURCE[0]}" | sha256sum | cut -c1-16)-py$pyver"

if image_is_current "$IMAGE" "$stamp"; then
    log "$IMAGE is current (localstack $version, stamp $stamp); nothing to do"
    exit 0
fi
ensure_mmdebstrap

work=$(mktemp -d /var/tmp/devenv-localstack-image.XXXXXX)
if [ "${KEEP_WORKDIR:-0}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi
export DEVENV_PY_BASE=$base DEVENV_LS_VENV=$venv
# Where the official image's entrypoint is: Testcontainers' LocalStack module (devenv's localstack
# preset) replaces the entrypoint with a script that ends in `exec /usr/local/bin/docker-entrypoint.sh`.
printf '%s\n' '#!/bin/sh' \
    "# LocalStack's runtime, as the official image's entrypoint starts it (made by devenv's .ci/build-localstack-image.sh)." \
    'exec /opt/localstack/bin/python -m localstack.runtime.main "$@"' >"$work/docker-entrypoint.sh"

log "building Debian $SUITE root filesystem + CPython $pyver ($base) + LocalStack $version venv"
t0=$SECONDS
# Copied with tar so that excluded parts (CPython's own tests, static library, pip) never land.
mmdebstrap "${MMDEBSTRAP_COMMON[@]}" \
    --include="ca-certificates,tzdata,nodejs,$PY_LIBS" \
    --customize-hook='mkdir -p "$1$DEVENV_PY_BASE" "$1/opt/localstack" "$1/usr/lib/localstack"' \
    --customize-hook='tar -C "$DEVENV_PY_BASE" --exclude=./lib/python3.13/test --exclude="./lib/python3.13/config-*" --exclude=./lib/libpython3.13.a --exclude=./lib/python3.13/site-packages/pip -cf - . | tar -C "$1$DEVENV_PY_BASE" -xf -' \
    --customize-hook='tar -C "$DEVENV_LS_VENV" --exclude=./static-libs --exclude=./bin/devenv-localstack --exclude=./.devenv-ci-stamp --exclude="./lib/python3.13/site-packages/pip" -cf - . | tar -C "$1/opt/localstack" -xf -' \
    --customize-hook='tar -C "$DEVENV_LS_VENV/static-libs" -cf - . | tar -C "$1/usr/lib/localstack" -xf -' \
    --customize-hook='chroot "$1" $CLEANENV /opt/localstack/bin/python -c "import ssl, sqlite3, ctypes, uuid, bz2, lzma, zoneinfo, localstack.runtime.main; zoneinfo.ZoneInfo(\"GMT\"); import localstack.aws.components"' \
    --customize-hook='chroot "$1" $CLEANENV node --version' \
    --customize-hook="upload $work/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh" \
    --customize-hook='chmod 755 "$1/usr/local/bin/docker-entrypoint.sh"' \
    --customize-hook='rm -rf "$1/root/.cache" "$1"/var/cache/debconf/*-old "$1"/var/lib/dpkg/*-old' \
    "$SUITE" "$work/rootfs.tar" >"$work/mmdebstrap.log" 2>&1 \
    || { tail -n 40 "$work/mmdebstrap.log" >&2; die "mmdebstrap failed"; }
log "root filesystem: $(du -h "$work/rootfs.tar" | cut -f1) in $((SECONDS - t0))s"

# The official image's settings that matter here: no DNS server, no certificate download, no
# analytics events (nothing to reach); state under /var/lib/localstack, init hooks under
# /etc/localstack/init as in the official image.
t0=$SECONDS
tmp_tag="localstack/localstack:building-$$"
docker import \
    --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
    --change 'EXPOSE 4566' \
    --change 'ENV PATH=/opt/localstack/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV PYTHONUNBUFFERED=1' \
    --change 'ENV GATEWAY_LISTEN=0.0.0.0:4566' \
    --change 'ENV DNS_ADDRESS=0' \
    --change 'ENV SKIP_SSL_CERT_DOWNLOAD=1' \
    --change 'ENV DISABLE_EVENTS=1' \
    --change 'WORKDIR /' \
    --change "LABEL devenv.ci.stamp=$stamp" \
    --change 'LABEL io.devenv.aws.unavailable-services=dynamodb' \
    --change 'LABEL io.devenv.aws.unavailable-reason="this image was built without a registry: LocalStack downloads DynamoDB Local and Java at first use, from hosts it cannot reach"' \
    --change "LABEL org.opencontainers.image.title=localstack" \
    --change "LABEL org.opencontainers.image.version=$version" \
    --change "LABEL org.opencontainers.image.description=\"LocalStack $version (community, PyPI) on Debian $SUITE with CPython $pyver, made by devenv .ci/build-localstack-image.sh\"" \
    "$work/rootfs.tar" "$tmp_tag" >/dev/null || die "docker import failed"
log "imported in $((SECONDS - t0))s"

# Smoke test: the entrypoint must serve the health endpoint on the published port (≤ 60 s).
smoke_and_tag "$tmp_tag" "$IMAGE" 4566 /_localstack/health 240
log "built $IMAGE (localstack $version, $(image_size "$IMAGE")) in $((SECONDS - start))s"
