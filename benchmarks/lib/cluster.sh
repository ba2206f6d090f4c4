# Shared by the benchmark scripts (source it, do not run it): builds Herald, starts
# deploy/local-cluster.sh in the background (two storage nodes and one router, every process
# on 127.0.0.1 and on free ports, data and logs in a fresh temporary directory), runs one
# benchmark command against it and stops the cluster again, whatever happens (Ctrl-C included).
#
#   source "$ROOT/benchmarks/lib/cluster.sh"
#   cluster_prepare herald-bench        # validate HERALD_BUILD, build, set BIN
#   cluster_start load                  # start the cluster, set URL (traps stop it on exit)
#   cluster_run 120 "$BIN/herald-bench" load --endpoint "$URL"   # sets BENCH_STATUS
#
# Environment (all optional):
#   HERALD_BUILD            release (default) | debug
#   HERALD_SKIP_BUILD       1 = use the binaries already in .build/<build>
#   HERALD_NODE_ARGS        extra herald-node flags, e.g. "--gc-interval 5"
#   HERALD_ROUTER_ARGS      extra herald-router flags
#   BENCH_READY_TIMEOUT     seconds to wait for the cluster (default 60)
#   BENCH_KEEP_DATA         1 = keep the temporary data directory (stores and logs)

CLUSTER_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${HERALD_BUILD:-release}"
READY_TIMEOUT="${BENCH_READY_TIMEOUT:-60}"
# local-cluster.sh gives each process this long to stop before killing it.
STOP_TIMEOUT=10
BIN=""
DATA=""
URL=""
CLUSTER_PID=""
BENCH_PID=""
BENCH_STATUS=""

# Validates HERALD_BUILD, builds herald-node, herald-router and the given extra products
# (unless HERALD_SKIP_BUILD=1) and sets BIN to the directory holding them.
cluster_prepare() {
    local product exe
    case "$BUILD" in
        debug | release) ;;
        *) echo "HERALD_BUILD must be 'debug' or 'release' (got '$BUILD')" >&2; exit 2 ;;
    esac
    cd "$CLUSTER_ROOT"
    if [[ "${HERALD_SKIP_BUILD:-0}" != "1" ]]; then
        echo "==> building herald-node, herald-router $* ($BUILD)"
        for product in herald-node herald-router "$@"; do
            swift build -c "$BUILD" --product "$product"
        done
    fi
    BIN="$(swift build -c "$BUILD" --show-bin-path)"
    for exe in herald-node herald-router "$@"; do
        [[ -x "$BIN/$exe" ]] || { echo "missing $BIN/$exe (build first)" >&2; exit 1; }
    done
}

# Stops a benchmark still running (interrupted script), then the cluster (SIGTERM:
# local-cluster.sh stops its processes; SIGKILL for anything still there after the grace
# period), and removes the data directory unless BENCH_KEEP_DATA=1.
cluster_stop() {
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
    if [[ -n "$DATA" && -d "$DATA" ]]; then
        if [[ "${BENCH_KEEP_DATA:-0}" == "1" ]]; then
            echo "==> data and logs kept in $DATA"
        else
            rm -rf "$DATA"
        fi
    fi
}

# Prints the tail of the cluster's logs to stderr.
cluster_show_logs() {
    local log
    for log in "$DATA"/cluster.log "$DATA"/logs/*.log; do
        [[ -f "$log" ]] || continue
        echo "---- $log (last 20 lines)" >&2
        tail -n 20 "$log" >&2
    done
}

# Starts the cluster in a fresh temporary directory named after $1, waits until the router
# is ready and sets URL to its base URL; exits (with the logs shown) when it does not come up.
# Installs the traps that stop it when the script ends.
cluster_start() {
    local deadline
    trap cluster_stop EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    DATA="$(mktemp -d "${TMPDIR:-/tmp}/herald-$1-bench.XXXXXX")"
    echo "==> starting a local cluster ($BUILD) in $DATA"
    HERALD_BIN_DIR="$BIN" HERALD_DATA="$DATA" HERALD_HOST=127.0.0.1 \
        HERALD_PORT=0 HERALD_NODE1_PORT=0 HERALD_NODE2_PORT=0 HERALD_QUIET=1 \
        HERALD_READY_TIMEOUT="$READY_TIMEOUT" HERALD_STOP_TIMEOUT="$STOP_TIMEOUT" \
        bash "$CLUSTER_ROOT/deploy/local-cluster.sh" >"$DATA/cluster.log" 2>&1 &
    CLUSTER_PID=$!
    deadline=$((SECONDS + READY_TIMEOUT + 5))
    until [[ -s "$DATA/router.url" ]]; do
        if ! kill -0 "$CLUSTER_PID" 2>/dev/null; then
            echo "==> the cluster exited during start-up" >&2
            cluster_show_logs
            exit 1
        fi
        if ((SECONDS >= deadline)); then
            echo "==> the cluster was not ready after ${READY_TIMEOUT}s" >&2
            cluster_show_logs
            exit 1
        fi
        sleep 0.1
    done
    URL="$(cat "$DATA/router.url")"
    echo "==> cluster ready: router $URL"
}

# Runs the command "$2..." for at most $1 seconds and sets BENCH_STATUS to its exit status
# (124 or 137 when it had to be stopped). It runs in the background so that a signal to the
# script is handled at once (bash runs traps only between commands, but interrupts `wait`).
cluster_run() {
    local limit="$1"
    shift
    timeout -k 10 "$limit" "$@" &
    BENCH_PID=$!
    set +e
    wait "$BENCH_PID"
    BENCH_STATUS=$?
    set -e
    BENCH_PID=""
}
