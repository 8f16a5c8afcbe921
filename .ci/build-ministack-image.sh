#!/usr/bin/env bash
# Build the Docker image devenv-test/ministack:local without any image registry.
#
# No registry is reachable on CI machines, so the image is made from Debian's packages and PyPI:
# mmdebstrap builds a minimal Debian root filesystem (python3 + venv) from the machine's own apt
# sources, MiniStack (pinned in ministack-requirements.txt) is installed into /opt/ministack from
# wheels downloaded on the host (the host's pip trusts the host's CA setup; the chroot needs no
# network), and `docker import` turns the tree into an image whose entrypoint serves MiniStack
# on 0.0.0.0:4566 inside the container.
#
# Idempotent: skipped when an image with the tag exists and carries the same recipe stamp
# (label devenv.ci.stamp); rebuilt when the pins or this recipe change. FORCE=1 rebuilds.
#
# Env: IMAGE (default devenv-test/ministack:local), FORCE=1, KEEP_WORKDIR=1 (debugging).
set -euo pipefail

log() { echo "[build-ministack-image] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=image-lib.sh
. "$HERE/image-lib.sh"
REQS=$HERE/ministack-requirements.txt
IMAGE=${IMAGE:-devenv-test/ministack:local}
SUITE=bookworm
RECIPE=3   # bump when the steps below change in a way that changes the image
start=$SECONDS

[ -f "$REQS" ] || die "missing $REQS"
version=$(sed -n 's/^ministack==\(.*\)$/\1/p' "$REQS")
[ -n "$version" ] || die "no ministack==VERSION line in $REQS"
stamp="r$RECIPE-$(sha256sum "$REQS" | cut -c1-16)"

bash "$HERE/prepare-docker.sh"

if image_is_current "$IMAGE" "$stamp"; then
    log "$IMAGE is current (ministack $version, stamp $stamp); nothing to do"
    exit 0
fi

ensure_mmdebstrap

case "$(uname -m)" in
    x86_64) plat=x86_64 ;;
    aarch64) plat=aarch64 ;;
    *) die "unsupported architecture $(uname -m)" ;;
esac

# Debian 12's python3 is 3.11: fetch wheels for exactly that interpreter and platform.
pip_host() {
    local p
    for p in /usr/bin/python3 python3; do
        "$p" -m pip --version >/dev/null 2>&1 && { echo "$p"; return; }
    done
    return 1
}
py=$(pip_host) || die "no python3 with pip on the host to download wheels"

work=$(mktemp -d /var/tmp/devenv-ministack-image.XXXXXX)
if [ "${KEEP_WORKDIR:-0}" != 1 ]; then trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/wheels"
cp "$REQS" "$work/wheels/requirements.txt"

log "downloading wheels for ministack $version (cp311, manylinux $plat)"
"$py" -m pip download -q --disable-pip-version-check --dest "$work/wheels" --no-deps \
    --only-binary=:all: --implementation cp --python-version 3.11 --abi cp311 \
    --platform "manylinux2014_$plat" --platform "manylinux_2_17_$plat" --platform "manylinux_2_28_$plat" \
    -r "$REQS" >&2 || die "pip download failed"

log "building Debian $SUITE root filesystem with mmdebstrap (machine's apt sources)"
t0=$SECONDS
mmdebstrap "${MMDEBSTRAP_COMMON[@]}" \
    --include=python3,python3-venv,ca-certificates \
    --customize-hook="copy-in $work/wheels /tmp" \
    --customize-hook='chroot "$1" $CLEANENV python3 -m venv /opt/ministack' \
    --customize-hook='chroot "$1" $CLEANENV /opt/ministack/bin/pip install -q --no-index --no-deps --find-links /tmp/wheels -r /tmp/wheels/requirements.txt' \
    --customize-hook='chroot "$1" $CLEANENV /opt/ministack/bin/python -c "import ministack.app"' \
    --customize-hook='chroot "$1" $CLEANENV /opt/ministack/bin/python -m pip uninstall -q -y pip setuptools' \
    --customize-hook='rm -rf "$1/tmp/wheels" "$1/root/.cache" "$1"/var/cache/debconf/*-old "$1"/var/lib/dpkg/*-old' \
    "$SUITE" "$work/rootfs.tar" >"$work/mmdebstrap.log" 2>&1 \
    || { tail -n 40 "$work/mmdebstrap.log" >&2; die "mmdebstrap failed"; }
log "root filesystem: $(du -h "$work/rootfs.tar" | cut -f1) in $((SECONDS - t0))s"

# Import under a temporary name, then tag: a failed import never leaves $IMAGE half made.
tmp_tag="devenv-test/ministack:building-$$"
docker import \
    --change 'ENTRYPOINT ["/opt/ministack/bin/ministack"]' \
    --change 'EXPOSE 4566' \
    --change 'ENV PATH=/opt/ministack/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'ENV PYTHONUNBUFFERED=1' \
    --change 'ENV GATEWAY_PORT=4566' \
    --change 'ENV BIND_HOST=0.0.0.0' \
    --change 'WORKDIR /' \
    --change "LABEL devenv.ci.stamp=$stamp" \
    --change "LABEL org.opencontainers.image.title=ministack" \
    --change "LABEL org.opencontainers.image.version=$version" \
    --change "LABEL org.opencontainers.image.description=\"MiniStack $version on Debian $SUITE, made by devenv .ci/build-ministack-image.sh\"" \
    "$work/rootfs.tar" "$tmp_tag" >/dev/null || die "docker import failed"

# Smoke test: the entrypoint must serve the health endpoint on the published port.
smoke_and_tag "$tmp_tag" "$IMAGE" 4566 /_ministack/health 60
log "built $IMAGE (ministack $version, $(image_size "$IMAGE")) in $((SECONDS - start))s"
