#!/usr/bin/env bash
# Memory of devenv validate and plan over ~1 GB of seed data, generated here (never committed).
# Usage: bench/seed-memory/run.sh [MEGABYTES] (default 1024). Needs a built target/classes (mvn compile)
# and GNU time (/usr/bin/time). Prints one Markdown table row per command.
set -euo pipefail
# Every run reads the whole file: the check cache (.devenv/cache) would answer plan from validate's run.
export DEVENV_CACHE=off
cd "$(dirname "$0")/../.."
mb=${1:-1024}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# ~1 KB per message, one JSON object a line
python3 - "$work/messages.ndjson" "$mb" <<'PY'
import sys, json
path, mb = sys.argv[1], int(sys.argv[2])
pad = "x" * 960
line = None
with open(path, "w") as f:
    written, i = 0, 0
    while written < mb * 1024 * 1024:
        line = json.dumps({"body": {"n": i, "pad": pad}}) + "\n"
        f.write(line); written += len(line); i += 1
PY
mkdir -p "$work/profiles"
cat > "$work/profiles/default.yaml" <<YAML
name: seed-memory
aws:
  queues:
    - name: bench-queue
seed:
  queues:
    - queue: bench-queue
      from: ../messages.ndjson
YAML
cp=$(mvn -o -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
size=$(du -m "$work/messages.ndjson" | cut -f1)
lines=$(wc -l < "$work/messages.ndjson")
for cmd in validate plan; do
  /usr/bin/time -f "%M %e" -o "$work/time" java -Xmx256m -cp "target/classes:$cp" io.devenv.cli.Main \
    --project-dir "$work" "$cmd" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  read -r rss secs < "$work/time"
  echo "| $(date -u +%F) | $cmd | ${size} MB, ${lines} messages | -Xmx256m | $((rss / 1024)) MB | ${secs} s |"
done
