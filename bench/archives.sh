# Sourced by the benchmarks: waits until the launcher's class archive of each named command
# (target/cds/<command>-<java binary>.jsa, built in the background after that command's first run since the
# build) is newer than the jar, so that no timed run pays for a missing archive or shares the
# machine with its dump. Gives up after 120 s per archive (timing then goes on without it).
await_archives() {
  local root name archive i jvm_id
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  jvm_id="$(command stat -Lc '%i-%Y' "$(command -v java)" 2>/dev/null || echo any)" # as the launcher names them
  for name in "$@"; do
    archive="$root/target/cds/$name-$jvm_id.jsa"
    for ((i = 0; i < 1200; i++)); do
      [[ -s "$archive" && "$archive" -nt "$root/target/devenv.jar" ]] && break
      sleep 0.1
    done
    [[ -s "$archive" ]] || echo "[bench] no class archive $archive after 120 s; timing without it" >&2
  done
}
