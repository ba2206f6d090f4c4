#!/usr/bin/env bash
# Measures webhook notification throughput of a local Herald cluster: builds Herald, starts
# deploy/local-cluster.sh (two storage nodes and one router, every process on 127.0.0.1 and
# on free ports, data in a fresh temporary directory), runs `herald-bench notifications`
# against it and stops the cluster again, whatever happens (Ctrl-C included).
#
#   benchmarks/notification-throughput.sh [herald-bench notifications options...]
#   HERALD_BUILD=debug benchmarks/notification-throughput.sh --messages 2000
#
# Environment (all optional):
#   HERALD_BUILD            release (default) | debug
#   HERALD_SKIP_BUILD       1 = use the binaries already in .build/<build>
#   HERALD_NODE_ARGS        extra herald-node flags, e.g. "--gc-interval 5"
#   HERALD_ROUTER_ARGS      extra herald-router flags
#   BENCH_READY_TIMEOUT     seconds to wait for the cluster (default 60)
#   BENCH_KEEP_DATA         1 = keep the temporary data directory (stores and logs)
#
# The exit status is herald-bench's: 0 when every notification arrived and nothing failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${HERALD_BUILD:-release}"
READY_TIMEOUT="${BENCH_READY_TIMEOUT:-60}"
# local-cluster.sh gives each process this long to stop before killing it.
STOP_TIMEOUT=10

case "$BUILD" in
    debug | release) ;;
    *) echo "HERALD_BUILD must be 'debug' or 'release' (got '$BUILD')" >&2; exit 2 ;;
esac

# The bench's own --timeout bounds its run; allow a minute more for set-up and clean-up.
BENCH_TIMEOUT=120
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        --timeout) BENCH_TIMEOUT="${args[i + 1]:-$BENCH_TIMEOUT}" ;;
        --timeout=*) BENCH_TIMEOUT="${args[i]#--timeout=}" ;;
    esac
done
[[ "$BENCH_TIMEOUT" =~ ^[0-9]+$ ]] || { echo "--timeout must be a number of seconds" >&2; exit 2; }
RUN_LIMIT=$((BENCH_TIMEOUT + 60))

cd "$ROOT"
if [[ "${HERALD_SKIP_BUILD:-0}" != "1" ]]; then
    echo "==> building herald-node, herald-router and herald-bench ($BUILD)"
    for product in herald-node herald-router herald-bench; do
        swift build -c "$BUILD" --product "$product"
    done
fi
BIN="$(swift build -c "$BUILD" --show-bin-path)"
for exe in herald-node herald-router herald-bench; do
    [[ -x "$BIN/$exe" ]] || { echo "missing $BIN/$exe (build first)" >&2; exit 1; }
done

DATA="$(mktemp -d "${TMPDIR:-/tmp}/herald-notification-bench.XXXXXX")"
CLUSTER_PID=""
BENCH_PID=""

# Stops a benchmark still running (interrupted script), then the cluster (SIGTERM:
# local-cluster.sh stops its processes; SIGKILL for anything still there after the grace
# period), and removes the data directory.
stop_cluster() {
    local deadline
    if [[ -n "$BENCH_PID" ]] && kill -0 "$BENCH_PID" 2>/dev/null; then
        kill -TERM "$BENCH_PID" 2>/dev/null || true
        wait "$BENCH_PID" 2>/dev/null || true
    fi
    BENCH_PID=""
    if [[ -n "$CLUSTER_PID" ]] && kill -0 "$CLUSTER_PID" 2>/dev/null; then
        echo "==> stopping the cluster"
        kill -TERM "$CLUSTER_PID" 2>/dev/null || true
        deadline=$((SECONDS + 3 * STOP_TIMEOUT + 5))
        while kill -0 "$CLUSTER_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
        if kill -0 "$CLUSTER_PID" 2>/dev/null; then
            echo "==> the cluster did not stop in time, killing it" >&2
            pkill -KILL -P "$CLUSTER_PID" 2>/dev/null || true
            kill -KILL "$CLUSTER_PID" 2>/dev/null || true
        fi
        wait "$CLUSTER_PID" 2>/dev/null || true
    fi
    CLUSTER_PID=""
    if [[ "${BENCH_KEEP_DATA:-0}" == "1" ]]; then
        echo "==> data and logs kept in $DATA"
    else
        rm -rf "$DATA"
    fi
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_logs() {
    local log
    for log in "$DATA"/cluster.log "$DATA"/logs/*.log; do
        [[ -f "$log" ]] || continue
        echo "---- $log (last 20 lines)" >&2
        tail -n 20 "$log" >&2
    done
}

echo "==> starting a local cluster ($BUILD) in $DATA"
HERALD_BIN_DIR="$BIN" HERALD_DATA="$DATA" HERALD_HOST=127.0.0.1 \
    HERALD_PORT=0 HERALD_NODE1_PORT=0 HERALD_NODE2_PORT=0 HERALD_QUIET=1 \
    HERALD_READY_TIMEOUT="$READY_TIMEOUT" HERALD_STOP_TIMEOUT="$STOP_TIMEOUT" \
    bash "$ROOT/deploy/local-cluster.sh" >"$DATA/cluster.log" 2>&1 &
CLUSTER_PID=$!

deadline=$((SECONDS + READY_TIMEOUT + 5))
until [[ -s "$DATA/router.url" ]]; do
    if ! kill -0 "$CLUSTER_PID" 2>/dev/null; then
        echo "==> the cluster exited during start-up" >&2
        show_logs
        exit 1
    fi
    if ((SECONDS >= deadline)); then
        echo "==> the cluster was not ready after ${READY_TIMEOUT}s" >&2
        show_logs
        exit 1
    fi
    sleep 0.1
done
URL="$(cat "$DATA/router.url")"
echo "==> cluster ready: router $URL"

# In the background, so that a signal to this script is handled at once (bash runs traps
# only between commands, but interrupts `wait`).
timeout -k 10 "$RUN_LIMIT" "$BIN/herald-bench" notifications --endpoint "$URL" "$@" &
BENCH_PID=$!
set +e
wait "$BENCH_PID"
status=$?
set -e
BENCH_PID=""
case "$status" in
    0) echo "==> notification benchmark passed" ;;
    124 | 137) echo "==> herald-bench did not finish within ${RUN_LIMIT}s" >&2 ;;
    *) echo "==> notification benchmark failed (exit status $status)" >&2 ;;
esac
if ((status != 0)); then show_logs; fi
exit "$status"
