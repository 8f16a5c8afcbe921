#!/usr/bin/env bash
# Benchmark: `devenv up` when nothing changed (the no-op), through ./devenv as a user runs it, for
# the sample platform's AWS part (.ci/profiles/aws-local.yaml: 15 resources, 5 seed targets):
#   - Docker engine, local image devenv-test/ministack:local: cold up (after down) and no-op up;
#   - external engine against a MiniStack host process on 127.0.0.1: cold (fresh emulator) and no-op;
#   - the anchor: `docker-compose up -d` on a running one-service stack of the same image;
#   - `devenv validate` and `devenv plan` on the sample platform (profiles/default.yaml).
# Medians of N rounds (wall time, date +%s.%N around each command); every run checked to exit 0.
# Usage: bench/noop/run.sh [rounds=7]   (needs Docker, the image (.ci/build-ministack-image.sh),
# MiniStack (.ci/prepare-emulators.sh); installs Debian's docker-compose if missing: bench only).
# Prints a Markdown table for docs/benchmarks.md on stdout; each measurement on stderr.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
rounds=${1:-7}
cold_rounds=${COLD_ROUNDS:-3}
export TESTCONTAINERS_RYUK_DISABLED=true
# As a user runs it: devenv needs no TESTCONTAINERS_HOST_OVERRIDE, even where /.dockerenv exists
# (it tells Testcontainers the host address itself); one set in the caller's shell is kept.
profile=.ci/profiles/aws-local.yaml
work=$(mktemp -d)
ms_pid=
cleanup() {
  ./devenv down -p "$profile" >/dev/null 2>&1 || true
  docker-compose -p devenv-bench-anchor -f bench/noop/compose.yaml down -t 1 >/dev/null 2>&1 || true
  [[ -n "$ms_pid" ]] && kill "$ms_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

log() { echo "[bench/noop] $*" >&2; }
# Seconds one command takes; fails the bench if the command fails.
timed() {
  local s e
  s=$(date +%s.%N)
  if ! "$@" >"$work/last.log" 2>&1; then cat "$work/last.log" >&2; log "FAILED: $*"; exit 1; fi
  e=$(date +%s.%N)
  awk -v a="$s" -v b="$e" 'BEGIN { printf "%.3f\n", b - a }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s–%s", lo, hi }'; }
series() { # name, count, command...
  local name=$1 n=$2; shift 2
  : >"$work/$name"
  for ((i = 1; i <= n; i++)); do
    t=$(timed "$@"); echo "$t" >>"$work/$name"; log "$name $i/$n: ${t}s"
  done
}
stat() { echo "$(median <"$work/$1") s ($(range <"$work/$1"))"; }
ratio() { awk -v a="$(median <"$work/$1")" -v b="$(median <"$work/$2")" 'BEGIN { printf "%.2f", a / b }'; }

command -v docker-compose >/dev/null || { log "installing Debian's docker-compose (bench only)"; apt-get install -y -qq docker-compose >&2; }
ministack=$(bash .ci/prepare-emulators.sh)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# The jar and each command's class archive, made before anything is timed.
source bench/archives.sh
./devenv --version >/dev/null
./devenv validate >/dev/null
./devenv plan >/dev/null
await_archives other validate plan

series validate "$rounds" ./devenv validate
series plan "$rounds" ./devenv plan

# Docker engine: cold (after down), then no-ops.
./devenv up -p "$profile" --detach >/dev/null 2>&1 && ./devenv up -p "$profile" --detach >/dev/null 2>&1 # the up archive
await_archives up down
: >"$work/docker-cold"
for ((i = 1; i <= cold_rounds; i++)); do
  ./devenv down -p "$profile" >/dev/null
  t=$(timed ./devenv up -p "$profile" --detach); echo "$t" >>"$work/docker-cold"; log "docker-cold $i/$cold_rounds: ${t}s"
done
series docker-noop "$rounds" ./devenv up -p "$profile" --detach
series docker-verify 3 ./devenv up -p "$profile" --detach --verify
./devenv up -p "$profile" --detach --timings 2>"$work/timings.txt" >/dev/null
./devenv down -p "$profile" >/dev/null

# External engine against a MiniStack host process: each cold round on a fresh, empty emulator.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_ministack() {
  mkdir -p "$work/ms"
  (cd "$work/ms" && BIND_HOST=127.0.0.1 GATEWAY_PORT=$port TMPDIR="$work/ms" LOG_LEVEL=WARNING exec "$ministack" >>"$work/ms/log" 2>&1) &
  ms_pid=$!
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/_ministack/health" >/dev/null && return; sleep 0.1; done
  log "MiniStack did not start"; exit 1
}
ext=(--project-dir "$work/ext" up -p "$root/$profile" --detach --engine external --aws-endpoint "http://127.0.0.1:$port")
mkdir -p "$work/ext"
: >"$work/ext-cold"
for ((i = 1; i <= cold_rounds; i++)); do
  [[ -n "$ms_pid" ]] && { kill "$ms_pid"; wait "$ms_pid" 2>/dev/null || true; }
  start_ministack
  t=$(timed ./devenv "${ext[@]}"); echo "$t" >>"$work/ext-cold"; log "ext-cold $i/$cold_rounds: ${t}s"
done
series ext-noop "$rounds" ./devenv "${ext[@]}"

# The anchor: docker-compose up -d on the same image, already running.
compose=(docker-compose -p devenv-bench-anchor -f bench/noop/compose.yaml)
t=$(timed "${compose[@]}" up -d); log "compose cold: ${t}s"
series compose-noop "$rounds" "${compose[@]}" up -d
"${compose[@]}" down -t 1 >/dev/null 2>&1

cat <<TABLE
Run $(date -u +%Y-%m-%d), $rounds rounds (cold: $cold_rounds), load average $load_before before and $(cut -d' ' -f1-3 /proc/loadavg) after.

| measurement | median (min–max) | ratio |
|---|---|---|
| \`devenv validate\` (sample platform) | $(stat validate) | |
| \`devenv plan\` (sample platform) | $(stat plan) | |
| Docker engine: cold \`up\` (after \`down\`) | $(stat docker-cold) | |
| Docker engine: no-op \`up\` (stamp) | $(stat docker-noop) | $(ratio docker-noop docker-cold) × cold; $(ratio docker-noop compose-noop) × docker-compose |
| Docker engine: \`up --verify\` (every resource and seed checked) | $(stat docker-verify) | $(ratio docker-verify docker-cold) × cold |
| external engine (MiniStack process): cold \`up\` | $(stat ext-cold) | |
| external engine: no-op \`up\` (stamp) | $(stat ext-noop) | $(ratio ext-noop ext-cold) × cold; $(ratio ext-noop compose-noop) × docker-compose |
| anchor: \`docker-compose up -d\`, stack running | $(stat compose-noop) | 1 |

No-op \`up --timings\` of the Docker engine, last round:

\`\`\`
$(cat "$work/timings.txt" | grep -A30 '^timings')
\`\`\`
TABLE
