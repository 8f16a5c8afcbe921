#!/usr/bin/env bash
# Build a real Kubernetes control plane from the Go module proxy, with no image and no registry:
# kube-apiserver, kube-controller-manager, kube-scheduler (k8s.io/kubernetes consumed as a library),
# kine (etcd API over memory/sqlite, what k3s uses) and kwok (a simulated node).
#
# Binaries are cached by version under $DEVENV_KUBE_CACHE (default $HOME/.cache/devenv-kube/<version>);
# a cache that holds all five binaries and its stamp makes this a no-op (< 1 s).
#
# stdout: exactly one line, the directory holding the binaries. Everything else goes to stderr.
set -euo pipefail

K8S_VERSION=${K8S_VERSION:-1.37.2}
KINE_VERSION=${KINE_VERSION:-v0.17.5}
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
STAMP="k8s=$K8S_VERSION kine=$KINE_VERSION kwok=$KWOK_VERSION"
BASE=${DEVENV_KUBE_CACHE:-$HOME/.cache/devenv-kube}
OUT=$BASE/v$K8S_VERSION
log() { echo "[build-control-plane] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ -f "$OUT/.stamp" ] && [ "$(cat "$OUT/.stamp")" = "$STAMP" ]; then
    log "cached: $OUT"
    echo "$OUT"
    exit 0
fi
command -v go >/dev/null || die "go is not on PATH (Go >= 1.26 is needed to build k8s.io/kubernetes v$K8S_VERSION)"
command -v gcc >/dev/null || die "gcc is not on PATH (kine needs cgo for sqlite); apt-get install gcc"
start=$SECONDS
mkdir -p "$OUT/bin" "$BASE/src"
export GOFLAGS=-buildvcs=false
minor=${K8S_VERSION#*.}; minor=${minor%%.*}

# kine and kwok: plain go install into our bin.
for mod in "github.com/k3s-io/kine@$KINE_VERSION" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"; do
    name=${mod%@*}; name=${name##*/}
    if [ ! -x "$OUT/bin/$name" ]; then
        log "go install $mod"
        t=$SECONDS
        CGO_ENABLED=1 GOBIN="$OUT/bin" go install "$mod" >&2 || die "go install $mod failed"
        log "$name built in $((SECONDS - t))s"
    fi
done

# k8s.io/kubernetes as a library: the staging modules it lists at v0.0.0 are replaced by the
# published v0.<minor>.<patch> of the same module.
SRC=$BASE/src/k8s-$K8S_VERSION
mkdir -p "$SRC"
cd "$SRC"
# go.mod is written once and marked resolved; a run that failed half-way starts it again.
if [ ! -f .resolved ]; then
    rm -f go.mod go.sum
    cat >go.mod <<MOD
module devenv.local/controlplane

go 1.26.0
MOD
    cat >tools.go <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
GO
    log "resolving k8s.io/kubernetes v$K8S_VERSION"
    kmod=$(GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
    [ -f "$kmod" ] || die "cannot download k8s.io/kubernetes v$K8S_VERSION"
    # Exactly v0.0.0: k8s.io/utils and k8s.io/kube-openapi are listed at pseudo-versions v0.0.0-<date>-<hash>
    # and must keep them (they are real modules, not staging ones).
    staging=$(grep -E '^\s+k8s.io/[a-z0-9-]+ v0\.0\.0\s*$' "$kmod" | awk '{print $1}' | grep -v '^k8s.io/sample-' | sort -u)
    [ -n "$staging" ] || die "no staging modules found in $kmod"
    args=()
    for m in $staging; do args+=("-replace=$m=$m@v0.$minor.${K8S_VERSION##*.}"); done
    go mod edit -require="k8s.io/kubernetes@v$K8S_VERSION" "${args[@]}"
    GOFLAGS=-mod=mod go mod tidy -e >&2 || die "go mod tidy failed"
    touch .resolved
fi

V=v$K8S_VERSION
LDF="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    LDF="$LDF -X $pkg.gitVersion=$V -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
done
for cmd in kube-scheduler kube-controller-manager kube-apiserver; do
    if [ ! -x "$OUT/bin/$cmd" ]; then
        log "go build $cmd"
        t=$SECONDS
        go build -mod=mod -ldflags "$LDF" -o "$OUT/bin/$cmd.tmp" "k8s.io/kubernetes/cmd/$cmd" >&2 || die "go build $cmd failed"
        mv "$OUT/bin/$cmd.tmp" "$OUT/bin/$cmd"
        log "$cmd built in $((SECONDS - t))s"
    fi
done
# /version must say what was asked for (the ldflags above), or the tests would run against "v0.0.0-master".
said=$("$OUT/bin/kube-apiserver" --version 2>/dev/null || true)
[ "$said" = "Kubernetes $V" ] || die "kube-apiserver --version says '$said', not 'Kubernetes $V'"
echo "$STAMP" >"$OUT/.stamp"
log "control plane built in $((SECONDS - start))s: $OUT"
echo "$OUT"
