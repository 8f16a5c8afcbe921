#!/usr/bin/env bash
# Seeds ITEMS DynamoDB items, OBJECTS S3 objects and MESSAGES SQS messages into a fresh MiniStack
# (or EMULATOR=localstack; started here on 127.0.0.1), four ways, and prints how long each took.
# See README.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ITEMS=${ITEMS:-10000}
OBJECTS=${OBJECTS:-1000}
MESSAGES=${MESSAGES:-1000}
PARALLELISM=${PARALLELISM:-32}
WAYS=${WAYS:-devenv naive awscli ceiling}
want() { [[ " $WAYS " == *" $1 "* ]]; }
build="$root/target-bench"

echo "== build"
mvn -B -q ${MVN_OFFLINE:+-o} -f "$root/pom.xml" package -DskipTests -DbuildDir=target-bench
rm -rf "$build/bench-classes"
javac -d "$build/bench-classes" -cp "$build/devenv.jar:$build/lib/*" $(find "$here/src" -name '*.java')
cp="$build/bench-classes:$build/devenv.jar:$build/lib/*"
bench() { java -cp "$cp" io.devenv.bench.SeedBenchmark "$@"; }

# EMULATOR=localstack runs the same against LocalStack 4.14.0 (.ci/prepare-localstack.sh), which
# cannot serve DynamoDB here: run it with ITEMS=0. It has no reset endpoint: each way restarts it.
EMULATOR=${EMULATOR:-ministack}
awscli=${AWS_CLI:-/usr/bin/aws}
if want awscli; then [[ -x "$awscli" ]] || { echo "Debian's awscli is not installed: apt-get install awscli (or set AWS_CLI)" >&2; exit 2; }; fi

work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
if [[ "$EMULATOR" == localstack ]]; then
  localstack=${DEVENV_LOCALSTACK:-${DEVENV_TEST_LOCALSTACK:-$HOME/.cache/devenv-ci/localstack-venv/bin/devenv-localstack}}
  [[ -x "$localstack" ]] || { echo "LocalStack is not installed: bash .ci/prepare-localstack.sh (or set DEVENV_LOCALSTACK)" >&2; exit 2; }
  [[ "$ITEMS" == 0 ]] || { echo "LocalStack cannot serve DynamoDB here: run with ITEMS=0" >&2; exit 2; }
  health=/_localstack/health
  start_emulator() {
    rm -rf "$work/ls-root"
    GATEWAY_LISTEN=127.0.0.1:$port FILESYSTEM_ROOT=$work/ls-root LS_LOG=warn "$localstack" > "$work/emulator.log" 2>&1 &
    em_pid=$!
  }
  reset_emulator() { kill $em_pid; wait $em_pid 2>/dev/null || true; start_emulator; wait_emulator; }
else
  ministack=${DEVENV_MINISTACK:-${DEVENV_TEST_MINISTACK_BIN:-}}
  if [[ -z "$ministack" ]]; then
    if [[ -x "$HOME/.cache/devenv-ci/venv/bin/ministack" ]]; then ministack="$HOME/.cache/devenv-ci/venv/bin/ministack"
    else ministack=$(command -v ministack || true); fi
  fi
  [[ -x "$ministack" ]] || { echo "MiniStack is not installed: pip install ministack (or set DEVENV_MINISTACK)" >&2; exit 2; }
  health=/_ministack/health
  start_emulator() {
    BIND_HOST=127.0.0.1 GATEWAY_PORT=$port TMPDIR=$work LOG_LEVEL=WARNING "$ministack" > "$work/emulator.log" 2>&1 &
    em_pid=$!
  }
  reset_emulator() { curl -sf -X POST "$endpoint/_ministack/reset" > /dev/null; }
fi
wait_emulator() {
  for _ in $(seq 1 300); do curl -sf "$endpoint$health" > /dev/null && return; sleep 0.2; done
  echo "$EMULATOR did not start"; cat "$work/emulator.log"; exit 1
}
start_emulator
trap 'kill $em_pid 2>/dev/null || true; wait $em_pid 2>/dev/null || true; rm -rf "$work"' EXIT
wait_emulator

echo "== generate $ITEMS items, $OBJECTS objects, $MESSAGES messages"
bench generate "$work/data" "$ITEMS" "$OBJECTS" "$MESSAGES"

# Every way starts from an emptied emulator with the same bucket, table and queue.
fresh() { reset_emulator; bench provision "$endpoint" "$work/data"; }
declare -A ms

if want devenv; then
echo "== (a) devenv"
fresh
out=$(bench devenv "$endpoint" "$work/data" "$PARALLELISM"); echo "$out"
ms[devenv]=$(awk '/^RESULT/ {print $3}' <<< "$out")
bench verify "$endpoint" "$work/data"
out=$(bench devenv "$endpoint" "$work/data" "$PARALLELISM" 2>/dev/null); echo "second run: $out"
ms[devenv_again]=$(awk '/^RESULT/ {print $3}' <<< "$out")
fresh
out=$(bench devenv-warm "$endpoint" "$work/data" "$PARALLELISM" 2>/dev/null); echo "warm clients: $out"
ms[devenv_warm]=$(awk '/^RESULT/ {print $3}' <<< "$out")
bench verify "$endpoint" "$work/data"
fi

if want naive; then
echo "== (b) naive sequential SDK loop"
fresh
out=$(bench naive "$endpoint" "$work/data"); echo "$out"
ms[naive]=$(awk '/^RESULT/ {print $3}' <<< "$out")
bench verify "$endpoint" "$work/data"
fi

if want awscli; then
echo "== (c) AWS CLI batch commands ($("$awscli" --version 2>&1 | cut -d' ' -f1))"
fresh
start=$(date +%s%N)
AWS_CLI="$awscli" "$here/awscli-seed.sh" "$endpoint" "$work/data"
ms[awscli]=$(( ($(date +%s%N) - start) / 1000000 ))
echo "RESULT awscli ${ms[awscli]}"
bench verify "$endpoint" "$work/data"
fi

if want ceiling; then
echo "== (d) the emulator's limit: the same batched requests, prepared in advance, N threads"
best=""
for threads in ${CEILING_THREADS:-8 16 32}; do
  fresh
  out=$(bench ceiling "$endpoint" "$work/data" "$threads"); echo "$out"
  bench verify "$endpoint" "$work/data"
  t=$(awk '/^RESULT/ {print $3}' <<< "$out")
  if [[ -z "$best" || "$t" -lt "$best" ]]; then best=$t; fi
done
ms[ceiling]=$best
fi

ratio() { python3 -c "print(f'{$1/$2:.1f}')"; }
line() { # label, key
  if [[ -n "${ms[$2]:-}" ]]; then
    if [[ -n "${ms[devenv]:-}" && "$2" != devenv && "$2" != devenv_again && "$2" != devenv_warm ]]; then vs="$(ratio ${ms[$2]} ${ms[devenv]})x"; else vs="-"; fi
    printf '%-44s %10s %12s\n' "$1" "$(ratio ${ms[$2]} 1000)" "$vs"
  fi
}
echo
echo "== results on $EMULATOR ($(nproc) cores; $ITEMS items, $OBJECTS objects, $MESSAGES messages)"
printf '%-44s %10s %12s\n' "way" "seconds" "vs devenv"
line "(a) devenv (parallelism $PARALLELISM)" devenv
line "(a') devenv again (everything unchanged)" devenv_again
line "(a'') devenv, SDK clients warmed first" devenv_warm
line "(b) naive sequential SDK loop" naive
line "(c) AWS CLI batch commands" awscli
line "(d) emulator limit (best of threads)" ceiling
