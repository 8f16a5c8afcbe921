# Sourced by the emulator preparation scripts: wait for an emulator's health endpoint on loopback.

# await_health PYTHON PORT PATH PID LOG NAME SECONDS: prints the health body once
# http://127.0.0.1:PORT/PATH answers; dies (showing LOG) when PID exits or SECONDS pass.
await_health() {
    local py=$1 port=$2 path=$3 pid=$4 logfile=$5 name=$6 limit=$7 t0=$SECONDS body
    until body=$("$py" - "$port" "$path" 2>/dev/null <<'PY'
import sys, urllib.request
print(urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}{sys.argv[2]}", timeout=2).read().decode())
PY
    ); do
        if ! kill -0 "$pid" 2>/dev/null; then cat "$logfile" >&2; die "$name exited at start"; fi
        if [ $((SECONDS - t0)) -ge "$limit" ]; then cat "$logfile" >&2; die "$name did not answer within ${limit}s"; fi
        sleep 0.2
    done
    printf '%s' "$body"
}
