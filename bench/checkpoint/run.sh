#!/usr/bin/env bash
# Restores a checkpoint of ITEMS DynamoDB items, OBJECTS S3 objects and MESSAGES SQS messages in a
# MiniStack started here on 127.0.0.1, and compares it with a full re-provision + seed and with
# the emulator's limit for loading the same data (bench/aws-seed's measurement). See README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ITEMS=${ITEMS:-10000}
OBJECTS=${OBJECTS:-1000}
MESSAGES=${MESSAGES:-1000}
PARALLELISM=${PARALLELISM:-32}
RUNS=${RUNS:-3}
build="$root/target-bench"

echo "== build"
mvn -B -q ${MVN_OFFLINE:+-o} -f "$root/pom.xml" package -DskipTests -DbuildDir=target-bench
rm -rf "$build/checkpoint-bench-classes"
javac -d "$build/checkpoint-bench-classes" -cp "$build/devenv.jar:$build/lib/*" \
  $(find "$root/bench/aws-seed/src" "$here/src" -name '*.java')
cp="$build/checkpoint-bench-classes:$build/devenv.jar:$build/lib/*"
seedbench() { java -cp "$cp" io.devenv.bench.SeedBenchmark "$@"; }
bench() { java -cp "$cp" io.devenv.bench.CheckpointBenchmark "$@"; }

ministack=${DEVENV_MINISTACK:-${DEVENV_TEST_MINISTACK_BIN:-}}
if [[ -z "$ministack" ]]; then
  if [[ -x "$HOME/.cache/devenv-ci/venv/bin/ministack" ]]; then ministack="$HOME/.cache/devenv-ci/venv/bin/ministack"
  else ministack=$(command -v ministack || true); fi
fi
[[ -x "$ministack" ]] || { echo "MiniStack is not installed: pip install ministack (or set DEVENV_MINISTACK)" >&2; exit 2; }

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
BIND_HOST=127.0.0.1 GATEWAY_PORT=$port TMPDIR=$work LOG_LEVEL=WARNING "$ministack" > "$work/ministack.log" 2>&1 &
ms_pid=$!
trap 'kill $ms_pid 2>/dev/null || true; wait $ms_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "$endpoint/_ministack/health" > /dev/null && break; sleep 0.2; done
curl -sf "$endpoint/_ministack/health" > /dev/null || { echo "MiniStack did not start"; cat "$work/ministack.log"; exit 1; }
result() { awk '/^RESULT/ {print $3}' <<< "$1"; }
best() { sort -n | head -1; }

echo "== generate $ITEMS items, $OBJECTS objects, $MESSAGES messages; seed them; save the checkpoint"
seedbench generate "$work/data" "$ITEMS" "$OBJECTS" "$MESSAGES"
curl -sf -X POST "$endpoint/_ministack/reset" > /dev/null
seedbench provision "$endpoint" "$work/data"
seedbench devenv "$endpoint" "$work/data" "$PARALLELISM" 2>/dev/null
out=$(bench save "$endpoint" "$work/data" "$work/project"); echo "$out"
save=$(result "$out")

restores=(); reprovisions=(); ceilings=()
for run in $(seq 1 "$RUNS"); do
  echo "== run $run: (a) restore after changes"
  bench dirty "$endpoint" "$work/data"
  out=$(bench restore "$endpoint" "$work/data" "$work/project" "$PARALLELISM" 2>"$work/restore.log"); echo "$out"
  restores+=("$(result "$out")")
  seedbench verify "$endpoint" "$work/data"

  echo "== run $run: (b) full re-provision + seed from an emptied emulator"
  out=$(bench reprovision "$endpoint" "$work/data" "$PARALLELISM" 2>/dev/null); echo "$out"
  reprovisions+=("$(result "$out")")
  seedbench verify "$endpoint" "$work/data"

  echo "== run $run: (c) the emulator's limit (bench/aws-seed's (d), 32 threads)"
  curl -sf -X POST "$endpoint/_ministack/reset" > /dev/null
  seedbench provision "$endpoint" "$work/data"
  out=$(seedbench ceiling "$endpoint" "$work/data" 32); echo "$out"
  ceilings+=("$(result "$out")")
  seedbench verify "$endpoint" "$work/data"
  # Back to the checkpoint's state for the next run's restore.
  seedbench devenv "$endpoint" "$work/data" "$PARALLELISM" > /dev/null 2>&1 || true
  bench restore "$endpoint" "$work/data" "$work/project" "$PARALLELISM" > /dev/null 2>&1
done
echo "== restore progress of the last timed run"; cat "$work/restore.log"

r=$(printf '%s\n' "${restores[@]}" | best); p=$(printf '%s\n' "${reprovisions[@]}" | best); c=$(printf '%s\n' "${ceilings[@]}" | best)
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
echo
echo "== results ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $ITEMS items, $OBJECTS objects, $MESSAGES messages; best of $RUNS)"
printf '%-46s %9s\n' "way" "seconds"
printf '%-46s %9s\n' "save" "$(ratio "$save" 1000)"
printf '%-46s %9s   all: %s\n' "(a) checkpoint restore" "$(ratio "$r" 1000)" "${restores[*]}"
printf '%-46s %9s   all: %s\n' "(b) re-provision + seed (emulator start excluded)" "$(ratio "$p" 1000)" "${reprovisions[*]}"
printf '%-46s %9s   all: %s\n' "(c) emulator limit, loading only" "$(ratio "$c" 1000)" "${ceilings[*]}"
echo "restore / limit: $(ratio "$r" "$c")x   re-provision / restore: $(ratio "$p" "$r")x"
