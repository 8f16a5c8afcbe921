#!/usr/bin/env bash
# Benchmark: `devenv validate` and `devenv plan` on the sample platform (profiles/default.yaml), through
# ./devenv as a user runs them, no Docker needed:
#   - warm: the check cache (.devenv/cache) holds every seed file's and the manifests' results;
#   - cold checks: DEVENV_CACHE=off, every seed file read, every manifest parsed, charts rendered by Helm
#     (what the first run after a change costs);
#   - the floor: `./devenv --version` (JVM, class archive, command line; no command work).
# Medians of N rounds of wall time, and of user+sys CPU time (steadier on a busy machine).
# Usage: bench/validate/run.sh [rounds=11]. Prints a Markdown table for docs/benchmarks.md on stdout.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
rounds=${1:-11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log() { echo "[bench/validate] $*" >&2; }

# "wall cpu" of one command, which must exit 0.
timed() {
  local t
  TIMEFORMAT='%R %U %S'
  if ! t=$( { time "$@" >"$work/last.log" 2>&1; } 2>&1 ); then cat "$work/last.log" >&2; log "FAILED: $*"; exit 1; fi
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' <<<"$t"
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s–%s", lo, hi }'; }
series() { # name, command...
  local name=$1; shift
  : >"$work/$name"
  for ((i = 1; i <= rounds; i++)); do
    t=$(timed "$@"); echo "$t" >>"$work/$name"; log "$name $i/$rounds: $t"
  done
}
stat() { echo "$(cut -d' ' -f1 <"$work/$1" | median) s ($(cut -d' ' -f1 <"$work/$1" | range)) | $(cut -d' ' -f2 <"$work/$1" | median) s"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# The jar, each command's class archive and the cache, made before anything is timed.
source bench/archives.sh
./devenv --version >/dev/null
for c in validate plan; do ./devenv "$c" >/dev/null; ./devenv "$c" >/dev/null; done
await_archives other validate plan

series floor ./devenv --version
series validate ./devenv validate
series plan ./devenv plan
series validate-cold env DEVENV_CACHE=off ./devenv validate
series plan-cold env DEVENV_CACHE=off ./devenv plan

cat <<TABLE
Run $(date -u +%Y-%m-%d), $rounds rounds, $(nproc) cores, load average $load_before before and $(cut -d' ' -f1-3 /proc/loadavg) after.

| measurement (sample platform, through ./devenv) | wall median (min–max) | CPU median (user+sys) |
|---|---|---|
| \`devenv validate\`, cache warm | $(stat validate) |
| \`devenv plan\`, cache warm | $(stat plan) |
| \`devenv validate\`, every file read (\`DEVENV_CACHE=off\`) | $(stat validate-cold) |
| \`devenv plan\`, every file read (\`DEVENV_CACHE=off\`) | $(stat plan-cold) |
| floor: \`devenv --version\` | $(stat floor) |
TABLE
