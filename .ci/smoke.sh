#!/usr/bin/env bash
# devenv as a user runs it, through the launcher: up (detached, with a CI report), status, env,
# up again (reused, unchanged by its stamp), up --verify (everything checked and up to date), down
# (nothing left). Uses the locally built MiniStack image, then the default preset on the locally
# built localstack/localstack:4.14.0, without Kubernetes (no k3s image can be pulled here).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=.ci/profiles/aws-local.yaml
report=target/devenv-smoke-report.xml
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
trap './devenv down -p "$profile" >/dev/null 2>&1 || true' EXIT

echo "-- ./devenv up --detach --wait"
./devenv up -p "$profile" --detach --wait --timeout 5m --report "$report"
grep -q '<testsuite name="devenv ci-aws-local"' "$report" || fail "$report is not a JUnit-XML report"
grep -q 'failures="0"' "$report" || fail "$report records failures"

echo "-- ./devenv status"
./devenv status -p "$profile"
./devenv status -p "$profile" --output json | grep -q '"running" : true' || fail "status does not say running"
./devenv status -p "$profile" --verify | grep -q 'every declared resource is there' || fail "status --verify found resources missing"

echo "-- eval \"\$(./devenv env)\""
eval "$(./devenv env)"
[[ "$AWS_ENDPOINT_URL" == http://127.0.0.1:* ]] || fail "AWS_ENDPOINT_URL is '$AWS_ENDPOINT_URL', not on 127.0.0.1"

echo "-- ./devenv up again: reused, unchanged by its convergence stamp"
second="$(./devenv up -p "$profile" --detach 2>&1)"
echo "$second"
grep -q 'reused' <<<"$second" || fail "the second up did not reuse the emulator"
grep -q 'unchanged since .* (stamp)' <<<"$second" || fail "the second up did not find its convergence stamp"

echo "-- ./devenv up --verify: every resource and seed checked, nothing written"
verified="$(./devenv up -p "$profile" --detach --verify 2>&1)"
echo "$verified"
grep -q '0 uploaded, 51 unchanged' <<<"$verified" || fail "up --verify seeded the bucket again"
grep -q 'verify: every resource and seed was as declared' <<<"$verified" || fail "up --verify found differences"

echo "-- ./devenv down"
./devenv down -p "$profile"
if ./devenv status -p "$profile" >/dev/null 2>&1; then fail "status still reports the environment after down"; fi
# This project's only: another checkout may run a profile of the same name.
mine=(--filter "label=io.devenv.profile=ci-aws-local" --filter "label=io.devenv.project-dir=$(pwd -P)")
left="$(docker ps -a "${mine[@]}" -q; docker network ls "${mine[@]}" -q)"
[[ -z "$left" ]] || fail "down left containers or networks: $left"

echo "-- the sample integration test's readiness report"
sample=target/devenv-reports/user-preferences-ci.xml
grep -q '<testsuite name="devenv user-preferences-ci"' "$sample" || fail "$sample is missing or not a JUnit-XML report"

echo "-- the default preset: LocalStack 4.14.0 from the locally built image, AWS without DynamoDB"
ls_profile=profiles/aws-no-dynamodb.yaml
ls_mine=(--filter "label=io.devenv.profile=vod-platform-aws-no-dynamodb" --filter "label=io.devenv.project-dir=$(pwd -P)")
trap './devenv down -p "$ls_profile" >/dev/null 2>&1 || true' EXIT
docker image inspect localstack/localstack:4.14.0 >/dev/null || fail "no localstack/localstack:4.14.0 image (.ci/build-localstack-image.sh)"
./devenv up -p "$ls_profile" --detach --wait --timeout 5m
[[ -n "$(docker ps "${ls_mine[@]}" --filter ancestor=localstack/localstack:4.14.0 -q)" ]] || fail "the emulator is not a localstack/localstack:4.14.0 container"
second="$(./devenv up -p "$ls_profile" --detach 2>&1)"
echo "$second"
grep -q 'reused' <<<"$second" || fail "the second up did not reuse the LocalStack emulator"
grep -q 'unchanged since .* (stamp)' <<<"$second" || fail "the second up on LocalStack did not find its convergence stamp"
./devenv down -p "$ls_profile"
left="$(docker ps -a "${ls_mine[@]}" -q; docker network ls "${ls_mine[@]}" -q)"
[[ -z "$left" ]] || fail "down left containers or networks: $left"
trap - EXIT

echo "-- the launcher's class archive: built after a command's first run, mapped by the next, picocli in it"
# The archive of a command (target/cds/<command>-*.jsa), once the background dump has made it.
await_archive() {
  local found=""
  for ((i = 0; i < 600; i++)); do
    found="$(find target/cds -name "$1-*.jsa" -newer target/devenv.jar 2>/dev/null | head -1)"
    [[ -n "$found" ]] && break
    sleep 0.1
  done
  [[ -n "$found" ]] || fail "no class archive target/cds/$1-*.jsa 60 s after $1 first succeeded"
  echo "$found"
}
archive="$(await_archive status)"
DEVENV_JAVA_OPTS="-Xlog:class+load=info:file=target/smoke-class-load.txt" ./devenv status -p "$profile" >/dev/null 2>&1 || true
grep -q 'picocli.CommandLine source: shared objects file' target/smoke-class-load.txt \
  || fail "status did not load picocli from its class archive $archive"

echo "-- a run that fails leaves no class archive; the next one that succeeds makes it"
rm -f target/cds/validate-*
if ./devenv validate -p target/no-such-profile.yaml >/dev/null 2>&1; then fail "validate of a missing profile succeeded"; fi
left="$(find target/cds -name 'validate-*' ! -name '*.lock')"
[[ -z "$left" ]] || fail "a failed validate left a class list or archive: $left"
./devenv validate -p "$profile" >/dev/null
await_archive validate >/dev/null

echo "smoke: devenv up, status, env, up again, down all worked as a user runs them, on MiniStack and on LocalStack (default preset)"
