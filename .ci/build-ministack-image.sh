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

if [ "${FORCE:-0}" != 1 ]; then
    have=$(docker image inspect --format '{{ index .Config.Labels "devenv.ci.stamp" }}' "$IMAGE" 2>/dev/null || true)
    if [ "$have" = "$stamp" ]; then
        log "$IMAGE is current (ministack $version, stamp $stamp); nothing to do"
        exit 0
    fi
    [ -n "$have" ] && log "$IMAGE exists with stamp '$have', want '$stamp': rebuilding"
fi

[ "$(id -u)" = 0 ] || die "must run as root (mmdebstrap root mode, chroot)"
if ! command -v mmdebstrap >/dev/null 2>&1; then
    log "installing mmdebstrap"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || die "apt-get update failed"
    apt-get install -y -qq mmdebstrap >/dev/null || die "apt-get install mmdebstrap failed"
fi

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
# Hooks run in the host's environment: give chroot'd commands a clean one (no host PIP_* settings).
export CLEANENV='env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8'
# essential variant + python3-venv: no apt, no docs/man/locales in the image. The merged-usr hook
# makes the merged /usr layout without the usrmerge package, which would pull in ~50 MB of perl.
mmdebstrap --quiet --variant=essential \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --include=python3,python3-venv,ca-certificates \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/lintian/*' \
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
cid=$(docker run -d --rm -p 127.0.0.1::4566 "$tmp_tag") || die "docker run $tmp_tag failed"
port=$(docker port "$cid" 4566/tcp | head -n1 | sed 's/.*://')
ok=0
for _ in $(seq 1 60); do
    if "$py" -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:$port/_ministack/health', timeout=2).status == 200 else 1)" 2>/dev/null; then ok=1; break; fi
    sleep 0.25
done
[ "$ok" = 1 ] || { docker logs "$cid" >&2 || true; docker rm -f "$cid" >/dev/null 2>&1 || true; docker rmi "$tmp_tag" >/dev/null 2>&1 || true; die "image did not answer /_ministack/health"; }
docker stop -t 10 "$cid" >/dev/null 2>&1 || true

old_id=$(docker image inspect --format '{{.Id}}' "$IMAGE" 2>/dev/null || true)
docker tag "$tmp_tag" "$IMAGE"
docker rmi "$tmp_tag" >/dev/null
# The image this one replaces (older pins or recipe) would linger untagged: remove it if unused.
if [ -n "$old_id" ] && [ "$old_id" != "$(docker image inspect --format '{{.Id}}' "$IMAGE")" ]; then
    docker rmi "$old_id" >/dev/null 2>&1 || log "note: previous image $old_id is still in use; left in place"
fi
log "built $IMAGE (ministack $version, $(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')) in $((SECONDS - start))s"
