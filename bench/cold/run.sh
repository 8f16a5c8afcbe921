#!/usr/bin/env bash
# Benchmark: where a cold `devenv up` goes, phase by phase, against what the emulator itself needs:
#   (a) cold `./devenv up --detach --output json` after `down` (the per-phase timings from its JSON);
#   (b) the emulator's own time to healthy: `docker run` of the same image, its health endpoint polled;
#   (c) provisioning + seeding at the emulator's limit: the writes devenv sends for the profile,
#       recorded once, replayed to a fresh container from 8, 16 and 32 threads (best kept);
# target: (a) ≤ 1.2 × ((b) + (c)). Medians of N rounds; every command checked to exit 0.
# Usage: bench/cold/run.sh [rounds=5] [profile=.ci/profiles/aws-local.yaml]  (needs Docker and the image
# devenv-test/ministack:local from .ci/build-ministack-image.sh). Markdown for docs/benchmarks.md on stdout.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here="$root/bench/cold"
cd "$root"
rounds=${1:-5}
profile=${2:-.ci/profiles/aws-local.yaml}
image=${IMAGE:-devenv-test/ministack:local}
health=${HEALTH_PATH:-/_ministack/health}
export HEALTH_PATH=$health
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=${TESTCONTAINERS_HOST_OVERRIDE:-localhost}
work=$(mktemp -d)
# The bench's own containers carry this label: run_emulator runs in a subshell, so cleanup finds them by it.
mark="devenv-bench-cold=$$"
cleanup() {
  ./devenv down -p "$profile" >/dev/null 2>&1 || true
  docker ps -aq --filter "label=$mark" | xargs -r docker rm -f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "[bench/cold] $*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s–%s", lo, hi }'; }
stat() { echo "$(median <"$work/$1") s ($(range <"$work/$1"))"; }

# Starts the image on a free loopback port; prints "id port" once the health endpoint answers.
run_emulator() {
  local id port
  id=$(docker run -d --rm --label "$mark" -p 127.0.0.1::4566 "$image")
  port=$(docker port "$id" 4566/tcp | head -1 | sed 's/.*://')
  for _ in $(seq 1 1200); do
    curl -sf -o /dev/null "http://127.0.0.1:$port$health" && { echo "$id $port"; return; }
    sleep 0.05
  done
  log "the emulator did not answer $health within 60 s"; docker logs "$id" >&2; exit 1
}

log "build: the jar, the class archive and the benchmark's classes"
./devenv --version >/dev/null
./devenv validate -p "$profile" >/dev/null
rm -rf "$work/classes"
javac -d "$work/classes" -cp "target/devenv.jar:target/lib/*" $(find "$here/src" -name '*.java')
cp="$work/classes:$here/resources:target/devenv.jar:target/lib/*"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# (b) the emulator's own time to healthy
: >"$work/healthy"
for ((i = 1; i <= rounds; i++)); do
  s=$(now); read -r id _ < <(run_emulator); e=$(now)
  t=$(secs "$s" "$e"); echo "$t" >>"$work/healthy"; log "emulator healthy $i/$rounds: ${t}s"
  docker rm -f "$id" >/dev/null
done

# (c) the limit: record devenv's writes once, replay them to fresh containers
read -r id port < <(run_emulator)
java -cp "$cp" io.devenv.bench.ColdBenchmark record "http://127.0.0.1:$port" "$profile" "$work/requests.json" | tee "$work/record.txt" >&2
docker rm -f "$id" >/dev/null
: >"$work/limit"
for threads in ${LIMIT_THREADS:-8 16 32}; do
  read -r id port < <(run_emulator)
  out=$(java -cp "$cp" io.devenv.bench.ColdBenchmark replay "http://127.0.0.1:$port" "$work/requests.json" "$threads")
  log "$out"
  awk '/^RESULT/ { printf "%.3f\n", $3 / 1000 }' <<<"$out" >>"$work/limit"
  echo "$threads $(awk '/^RESULT/ { print $3 }' <<<"$out")" >>"$work/limit-by-threads"
  docker rm -f "$id" >/dev/null
done
best_limit=$(sort -n "$work/limit" | head -1)
requests="$(grep -o '[0-9]* requests' <<<"$out"): $(grep -o '[0-9]* for resources' <<<"$out"), $(grep -o '[0-9]* for seeds' <<<"$out")"

# (a) cold up through the launcher, as a user runs it
source bench/archives.sh
./devenv up -p "$profile" --detach >/dev/null 2>&1 # the up class archive
./devenv down -p "$profile" >/dev/null 2>&1 # and down's
await_archives up down
: >"$work/cold"
for ((i = 1; i <= rounds; i++)); do
  ./devenv down -p "$profile" >/dev/null
  s=$(now)
  if ! ./devenv up -p "$profile" --detach --output json --timings >"$work/up-$i.json" 2>"$work/up-$i.err"; then
    cat "$work/up-$i.err" >&2; log "FAILED: cold up"; exit 1
  fi
  e=$(now); t=$(secs "$s" "$e"); echo "$t" >>"$work/cold"; log "cold up $i/$rounds: ${t}s"
done
./devenv down -p "$profile" >/dev/null
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Per phase: the median start and duration of each phase over the rounds, from up's JSON.
phases=$(python3 - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
seen = {}
for i in range(1, rounds + 1):
    doc = json.load(open(f"{work}/up-{i}.json"))
    for p in doc["timings"]["phases"]:
        seen.setdefault(p["phase"], []).append((p["startSeconds"], p["seconds"]))
for name, values in sorted(seen.items(), key=lambda kv: statistics.median(v[0] for v in kv[1])):
    print(f"| {name} | {statistics.median(v[0] for v in values):.2f} s | {statistics.median(v[1] for v in values):.2f} s |")
PY
)
healthy=$(median <"$work/healthy")
cold=$(median <"$work/cold")
budget=$(awk -v h="$healthy" -v l="$best_limit" 'BEGIN { printf "%.3f", h + l }')
ratio=$(awk -v c="$cold" -v b="$budget" 'BEGIN { printf "%.2f", c / b }')

cat <<TABLE
Run $(date -u +%Y-%m-%d), profile \`$profile\`, image \`$image\`, $rounds rounds, load average $load_before before and $load_after after.

| measurement | median (min–max) |
|---|---|
| (a) cold \`./devenv up --detach\` (after \`down\`) | $(stat cold) |
| (b) the emulator's own time to healthy (\`docker run\` → \`$health\` answers) | $(stat healthy) |
| (c) provisioning + seeding at the emulator's limit ($requests; best of $(awk '{ printf "%s%s threads %.3f s", (NR > 1 ? ", " : ""), $1, $2 / 1000 }' "$work/limit-by-threads")) | $best_limit s |
| (b) + (c) | $budget s |
| **(a) / ((b) + (c))** | **$ratio** (target ≤ 1.2) |

$(grep -o "devenv's provision+seed.*" "$work/record.txt" | sed 's/^/Recorded in one JVM (clients cold): /')

Where the cold \`up\`'s time went, per phase (medians over the rounds, from \`up --output json\`; phases overlap):

| phase | starts at | takes |
|---|---|---|
$phases
TABLE
