# Sourced by the benchmarks: waits until the launcher's class archive of each named command
# (target/cds/<command>-<java binary>.jsa, built in the background after that command's first run
# since the build) is newer than the jar, so that no timed run pays for a missing archive or shares
# the machine with its dump. Gives up after 120 s per archive (timing then goes on without it).
await_archives() {
  local root name i found
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  for name in "$@"; do
    found=
    for ((i = 0; i < 1200; i++)); do
      found=$(find "$root/target/cds" -maxdepth 1 -name "$name-*.jsa" -size +0 -newer "$root/target/devenv.jar" 2>/dev/null | head -1)
      [[ -n "$found" ]] && break
      sleep 0.1
    done
    [[ -n "$found" ]] || echo "[bench] no class archive target/cds/$name-*.jsa after 120 s; timing without it" >&2
  done
}
