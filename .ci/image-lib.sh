# Functions shared by the registry-free image builds (build-ministack-image.sh,
# build-localstack-image.sh). Sourced, not run. Callers define log() and die().

# image_is_current IMAGE STAMP: true when IMAGE exists with label devenv.ci.stamp=STAMP (and
# FORCE is not 1); says why it rebuilds otherwise.
image_is_current() {
    local image=$1 stamp=$2 have
    [ "${FORCE:-0}" = 1 ] && return 1
    have=$(docker image inspect --format '{{ index .Config.Labels "devenv.ci.stamp" }}' "$image" 2>/dev/null || true)
    [ "$have" = "$stamp" ] && return 0
    [ -n "$have" ] && log "$image exists with stamp '$have', want '$stamp': rebuilding"
    return 1
}

# ensure_mmdebstrap: root, and mmdebstrap installed from Debian's packages.
ensure_mmdebstrap() {
    [ "$(id -u)" = 0 ] || die "must run as root (mmdebstrap root mode, chroot)"
    if ! command -v mmdebstrap >/dev/null 2>&1; then
        log "installing mmdebstrap"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null || die "apt-get update failed"
        apt-get install -y -qq mmdebstrap >/dev/null || die "apt-get install mmdebstrap failed"
    fi
}

# The mmdebstrap options both images share: the minimal 'essential' variant (no apt, no docs, man
# pages or locales) with a merged /usr made by hook, not by the usrmerge package (~50 MB of perl).
MMDEBSTRAP_COMMON=(
    --quiet --variant=essential
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr
    --dpkgopt='path-exclude=/usr/share/doc/*'
    --dpkgopt='path-exclude=/usr/share/man/*'
    --dpkgopt='path-exclude=/usr/share/info/*'
    --dpkgopt='path-exclude=/usr/share/locale/*'
    --dpkgopt='path-exclude=/usr/share/lintian/*'
)
# Hooks run in the host's environment: chroot'd commands get a clean one (no host PIP_* settings).
export CLEANENV='env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8'

# http_ok PORT PATH: the path answers 200 on 127.0.0.1:PORT (any python3 on the host).
http_ok() {
    python3 -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:$1$2', timeout=2).status == 200 else 1)" 2>/dev/null
}

# smoke_and_tag TMP_TAG IMAGE PORT HEALTH_PATH TRIES: run TMP_TAG with PORT published on loopback,
# wait (TRIES x 0.25 s) for HEALTH_PATH to answer 200, then tag it IMAGE, drop TMP_TAG and remove
# the image IMAGE pointed at before if nothing uses it. Fails (removing TMP_TAG) otherwise.
smoke_and_tag() {
    local tmp_tag=$1 image=$2 port=$3 health=$4 tries=$5 cid host_port ok=0 old_id
    cid=$(docker run -d --rm -p "127.0.0.1::$port" "$tmp_tag") || die "docker run $tmp_tag failed"
    host_port=$(docker port "$cid" "$port/tcp" | head -n1 | sed 's/.*://')
    for _ in $(seq 1 "$tries"); do
        if http_ok "$host_port" "$health"; then ok=1; break; fi
        sleep 0.25
    done
    if [ "$ok" != 1 ]; then
        docker logs "$cid" >&2 || true
        docker rm -f "$cid" >/dev/null 2>&1 || true
        docker rmi "$tmp_tag" >/dev/null 2>&1 || true
        die "image did not answer $health"
    fi
    docker stop -t 10 "$cid" >/dev/null 2>&1 || true

    old_id=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
    docker tag "$tmp_tag" "$image"
    docker rmi "$tmp_tag" >/dev/null
    # The image this one replaces (older pins or recipe) would linger untagged: remove it if unused.
    if [ -n "$old_id" ] && [ "$old_id" != "$(docker image inspect --format '{{.Id}}' "$image")" ]; then
        docker rmi "$old_id" >/dev/null 2>&1 || log "note: previous image $old_id is still in use; left in place"
    fi
}

# image_size IMAGE: e.g. "312 MB".
image_size() {
    docker image inspect --format '{{.Size}}' "$1" | awk '{printf "%.0f MB", $1/1e6}'
}
