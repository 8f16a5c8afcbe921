#!/usr/bin/env bash
# Benchmark: cold and warm `up` of the AWS part on the Docker engine with the local MiniStack image.
# Usage: bench/up/run.sh [rounds] [profile.yaml]    (from anywhere; needs Docker and the image)
# Prints a Markdown table for docs/benchmarks.md on stdout, one line per round on stderr.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
export TESTCONTAINERS_RYUK_DISABLED=${TESTCONTAINERS_RYUK_DISABLED:-true}
out=target-bench
mvn -B -q -o -DbuildDir="$out" -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$out/classpath.txt" >&2
exec java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$out/classes:$(cat "$out/classpath.txt")" \
  bench/up/UpBench.java "${1:-5}" "${2:-bench/up/aws-ministack.yaml}"
