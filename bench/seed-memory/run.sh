#!/usr/bin/env bash
# Memory and time of devenv validate and plan over ~1 GB of seed data, and of up and seed loading
# ~1 GB into a MiniStack process on 127.0.0.1; the data is generated here (never committed).
# Usage: bench/seed-memory/run.sh [MEGABYTES] (default 1024; SEED_MB=... for up/seed, default the
# same, SEED_MB=0 skips them). Needs a built target/classes (mvn compile), GNU time (/usr/bin/time)
# and, for up/seed, MiniStack ($DEVENV_MINISTACK or ~/.cache/devenv-ci/venv/bin/ministack).
# Prints one Markdown table row per command, and the load average before and after.
set -euo pipefail
# Every run reads the whole file: the check cache (.devenv/cache) would answer plan from validate's run.
export DEVENV_CACHE=off
cd "$(dirname "$0")/../.."
mb=${1:-1024}
seed_mb=${SEED_MB:-$mb}
heap=${HEAP:--Xmx256m}
work=$(mktemp -d)
em_pid=
trap '[[ -n "$em_pid" ]] && { kill "$em_pid" 2>/dev/null || true; wait "$em_pid" 2>/dev/null || true; }; rm -rf "$work"' EXIT

# ~1 KB per message, one JSON object a line
python3 - "$work/messages.ndjson" "$mb" <<'PY'
import sys, json
path, mb = sys.argv[1], int(sys.argv[2])
pad = "x" * 960
with open(path, "w") as f:
    written, i = 0, 0
    while written < mb * 1024 * 1024:
        line = json.dumps({"body": {"n": i, "pad": pad}}) + "\n"
        f.write(line); written += len(line); i += 1
PY
mkdir -p "$work/check/profiles"
cat > "$work/check/profiles/default.yaml" <<YAML
name: seed-memory
aws:
  queues:
    - name: bench-queue
seed:
  queues:
    - queue: bench-queue
      from: ../../messages.ndjson
YAML
cp=$(mvn -o -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure() { # label, data description, devenv arguments...
  local label=$1 data=$2; shift 2
  /usr/bin/time -f "%M %e" -o "$work/time" java "$heap" -cp "target/classes:$cp" io.devenv.cli.Main "$@" \
    > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  read -r rss secs < "$work/time"
  echo "| $(date -u +%F) | $label | $data | $heap | $((rss / 1024)) MB | ${secs} s |"
}
size=$(du -m "$work/messages.ndjson" | cut -f1)
lines=$(wc -l < "$work/messages.ndjson")
for cmd in validate plan; do
  measure "$cmd" "${size} MB, ${lines} messages" --project-dir "$work/check" "$cmd"
done
rm -f "$work/messages.ndjson"
[[ "$seed_mb" -gt 0 ]] || exit 0

# up and seed: half the data a standard queue's messages (~200 KB), half a table's items (~100 KB),
# so that MiniStack's own speed does not make the run hours long.
python3 - "$work" "$seed_mb" <<'PY'
import sys, json
work, mb = sys.argv[1], int(sys.argv[2])
half = mb * 1024 * 1024 // 2
with open(work + "/queue.ndjson", "w") as f:
    written, i = 0, 0
    while written < half:
        line = json.dumps({"body": "%d:%s" % (i, "m" * 200 * 1024)}) + "\n"
        f.write(line); written += len(line); i += 1
with open(work + "/table.ndjson", "w") as f:
    written, i = 0, 0
    while written < half:
        line = json.dumps({"id": "k-%d" % i, "n": i, "pad": "i" * 100 * 1024}) + "\n"
        f.write(line); written += len(line); i += 1
PY
mkdir -p "$work/load/profiles"
cat > "$work/load/profiles/default.yaml" <<YAML
name: seed-memory-load
kubernetes:
  enabled: false
aws:
  queues:
    - name: bench-load
  tables:
    - name: bench-items
      partitionKey: { name: id, type: S }
seed:
  queues:
    - { queue: bench-load, from: ../../queue.ndjson }
  tables:
    - { table: bench-items, from: ../../table.ndjson }
YAML
ministack=${DEVENV_MINISTACK:-${DEVENV_TEST_MINISTACK_BIN:-$HOME/.cache/devenv-ci/venv/bin/ministack}}
[[ -x "$ministack" ]] || { echo "MiniStack is not installed: pip install ministack (or set DEVENV_MINISTACK)" >&2; exit 2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
BIND_HOST=127.0.0.1 GATEWAY_PORT=$port TMPDIR=$work LOG_LEVEL=WARNING "$ministack" > "$work/emulator.log" 2>&1 &
em_pid=$!
for _ in $(seq 1 300); do curl -sf "$endpoint/_ministack/health" > /dev/null && break; sleep 0.2; done
data="$(( ($(stat -c %s "$work/queue.ndjson") + $(stat -c %s "$work/table.ndjson")) / 1048576 )) MB,\
 $(wc -l < "$work/queue.ndjson") messages + $(wc -l < "$work/table.ndjson") items"
ext=(--engine external --aws-endpoint "$endpoint")
measure "up (load)" "$data" --project-dir "$work/load" up --detach "${ext[@]}"
grep -E "seed (queue|table)" "$work/out" >&2
measure "seed (nothing to load)" "$data" --project-dir "$work/load" seed "${ext[@]}"
measure "seed --reset (load again)" "$data" --project-dir "$work/load" seed --reset "${ext[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
