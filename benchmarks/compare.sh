#!/usr/bin/env bash
# Herald vs real OpenStack Zaqar on this machine, same workload, one run: builds Herald,
# starts a local Herald cluster (deploy/local-cluster.sh: two storage nodes and one noauth
# router on free 127.0.0.1 ports, data in a temporary directory), runs `herald-bench load`
# against it and stops it; then starts Zaqar 23 with its redis store under gunicorn
# (benchmarks/zaqar/run.sh, installed by benchmarks/zaqar/setup.sh) and runs the identical
# command against it, by default twice: redis with an fsync before every reply (the
# counterpart of Herald's fsync per commit) and redis without persistence. Prints a table
# of the figures with Herald's ratio to each Zaqar run, and keeps the JSON results.
#
#   benchmarks/compare.sh [--duration S] [--warmup S] [--zaqar-durability always|none|both]
#                         [--output DIR] [other herald-bench load options...]
#   HERALD_BUILD=debug benchmarks/compare.sh --duration 15
#
# Workload (identical for every endpoint): 4 queues, 4 producers posting batches of 10
# messages with 256-byte bodies, 4 consumers claiming up to 10 and deleting them with one
# bulk delete, unpaced; --warmup 5 s, then --duration 30 s measured. Further options go to
# herald-bench load unchanged for every run (e.g. --rate 2000, --observers 1).
#
# Environment (all optional):
#   HERALD_BUILD           release (default) | debug
#   HERALD_SKIP_BUILD      1 = use the binaries already in .build/<build>
#   HERALD_NODE_ARGS       extra herald-node flags
#   HERALD_ROUTER_ARGS     extra herald-router flags
#   BENCH_READY_TIMEOUT    seconds to wait for each endpoint (default 60)
#   HERALD_ZAQAR_HOME, ZAQAR_WORKERS, ZAQAR_THREADS: see benchmarks/zaqar/run.sh
#
# Output directory (default: a new ${TMPDIR:-/tmp}/herald-compare-<date>-<time>): herald.json,
# zaqar-fsync-always.json, zaqar-no-fsync.json (herald-bench load --json), the console output
# of each run (*.txt), environment.txt (date, machine, versions, settings) and summary.txt
# (the table). Exit status 0 when every run finished without errors.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ZAQAR_DIR="$ROOT/benchmarks/zaqar"
BUILD="${HERALD_BUILD:-release}"
READY_TIMEOUT="${BENCH_READY_TIMEOUT:-60}"
STOP_TIMEOUT=10
DURATION=30
WARMUP=5
DURABILITY=both
OUTPUT=""
EXTRA=()

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

while (($# > 0)); do
    case "$1" in
        --duration) DURATION="${2:?--duration needs seconds}"; shift 2 ;;
        --duration=*) DURATION="${1#*=}"; shift ;;
        --warmup) WARMUP="${2:?--warmup needs seconds}"; shift 2 ;;
        --warmup=*) WARMUP="${1#*=}"; shift ;;
        --zaqar-durability) DURABILITY="${2:?--zaqar-durability needs a value}"; shift 2 ;;
        --zaqar-durability=*) DURABILITY="${1#*=}"; shift ;;
        --output) OUTPUT="${2:?--output needs a directory}"; shift 2 ;;
        --output=*) OUTPUT="${1#*=}"; shift ;;
        --endpoint* | --json* | --messages*)
            echo "compare.sh sets $1 itself (and measures by --duration)" >&2; exit 2 ;;
        -h | --help) usage; exit 0 ;;
        *) EXTRA+=("$1"); shift ;;
    esac
done
case "$BUILD" in
    debug | release) ;;
    *) echo "HERALD_BUILD must be 'debug' or 'release' (got '$BUILD')" >&2; exit 2 ;;
esac
case "$DURABILITY" in
    always) ZAQAR_MODES=(always) ;;
    none) ZAQAR_MODES=(none) ;;
    both) ZAQAR_MODES=(always none) ;;
    *) echo "--zaqar-durability must be always, none or both (got '$DURABILITY')" >&2; exit 2 ;;
esac
for number in "$DURATION" "$WARMUP" "$READY_TIMEOUT"; do
    [[ "$number" =~ ^[0-9]+$ ]] || { echo "not a number of seconds: '$number'" >&2; exit 2; }
done
((DURATION >= 1)) || { echo "--duration must be at least 1" >&2; exit 2; }
# One load run: warm-up, measured part, then room for the last requests (herald-bench's
# default request timeout is 30 s), queue set-up and clean-up.
RUN_LIMIT=$((WARMUP + DURATION + 120))

WORKLOAD=(--queues 4 --producers 4 --batch 10 --consumers 4 --claim 10 --body-size 256
    --duration "$DURATION" --warmup "$WARMUP")

cd "$ROOT"
OUTPUT="${OUTPUT:-${TMPDIR:-/tmp}/herald-compare-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUTPUT"
OUTPUT="$(cd "$OUTPUT" && pwd)"

# ---- builds and installs (before anything is measured)
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
"$BIN/herald-bench" load --help >/dev/null 2>&1 ||
    { echo "$BIN/herald-bench has no 'load' command (rebuild herald-bench)" >&2; exit 1; }

echo "==> installing Zaqar if needed (benchmarks/zaqar/setup.sh)"
bash "$ZAQAR_DIR/setup.sh"
ZAQAR_HOME="${HERALD_ZAQAR_HOME:-$HOME/.cache/herald-zaqar}"
PYTHON="$ZAQAR_HOME/venv/bin/python"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/herald-compare-work.XXXXXX")"
SERVER_PID=""
BENCH_PID=""

# stop_server: stops a load run still going, then the endpoint's supervisor script
# (local-cluster.sh or run.sh: SIGTERM makes it stop its processes; SIGKILL for anything
# still there after the grace period).
stop_server() {
    local deadline
    if [[ -n "$BENCH_PID" ]] && kill -0 "$BENCH_PID" 2>/dev/null; then
        kill -TERM "$BENCH_PID" 2>/dev/null || true
        wait "$BENCH_PID" 2>/dev/null || true
    fi
    BENCH_PID=""
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        deadline=$((SECONDS + 3 * STOP_TIMEOUT + 5))
        while kill -0 "$SERVER_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "==> the endpoint did not stop in time, killing it" >&2
            pkill -KILL -P "$SERVER_PID" 2>/dev/null || true
            kill -KILL "$SERVER_PID" 2>/dev/null || true
        fi
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}
cleanup() {
    stop_server
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# show_logs <dir>: the tail of every log in it (after a failure).
show_logs() {
    local log
    for log in "$1"/*.log "$1"/logs/*.log; do
        [[ -f "$log" ]] || continue
        echo "---- $log (last 20 lines)" >&2
        tail -n 20 "$log" >&2
    done
}

# wait_for_url <file> <dir>: waits until the supervisor wrote the endpoint's URL.
wait_for_url() {
    local file="$1" dir="$2" deadline=$((SECONDS + READY_TIMEOUT + 30))
    until [[ -s "$file" ]]; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "==> the endpoint exited during start-up" >&2
            show_logs "$dir"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            echo "==> the endpoint was not ready in time" >&2
            show_logs "$dir"
            return 1
        fi
        sleep 0.1
    done
}

# measure <name> <url>: checks the endpoint with smoke.sh, then runs the workload against
# it; the result goes to $OUTPUT/<name>.json and the console output to $OUTPUT/<name>.txt.
# Returns herald-bench's exit status.
measure() {
    local name="$1" url="$2" status
    bash "$ZAQAR_DIR/smoke.sh" "$url" >"$OUTPUT/$name.smoke.txt" 2>&1 || {
        echo "==> $name failed the smoke check:" >&2
        cat "$OUTPUT/$name.smoke.txt" >&2
        return 1
    }
    echo "==> $name: herald-bench load ${WORKLOAD[*]} ${EXTRA[*]} (${WARMUP}s + ${DURATION}s)"
    # In the background, so that a signal to this script is handled at once.
    timeout -k 10 "$RUN_LIMIT" "$BIN/herald-bench" load --endpoint "$url" "${WORKLOAD[@]}" \
        ${EXTRA[@]+"${EXTRA[@]}"} --json "$OUTPUT/$name.json" > >(tee "$OUTPUT/$name.txt") 2>&1 &
    BENCH_PID=$!
    set +e
    wait "$BENCH_PID"
    status=$?
    set -e
    BENCH_PID=""
    case "$status" in
        0) ;;
        124 | 137) echo "==> $name: herald-bench did not finish within ${RUN_LIMIT}s" >&2 ;;
        *) echo "==> $name: herald-bench exited with status $status" >&2 ;;
    esac
    return "$status"
}

{
    echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "herald: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown) ($BUILD build)"
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(free -g | awk '/^Mem:/ {print $2 " GiB"}') RAM, $(uname -sr)"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "swift: $(swift --version 2>/dev/null | head -n1)"
    echo "zaqar: $("$PYTHON" -c 'import importlib.metadata as m, platform; print(m.version("zaqar"), "on Python", platform.python_version(), "| gunicorn", m.version("gunicorn"), "| redis-py", m.version("redis"))')"
    echo "redis-server: $(redis-server --version | cut -d' ' -f3 | cut -d= -f2)"
    echo "zaqar server: gunicorn ${ZAQAR_WORKERS:-2} workers x ${ZAQAR_THREADS:-4} threads, redis store, no auth, no pooling"
    echo "herald server: deploy/local-cluster.sh (1 router --auth noauth, 2 storage nodes, SQLite WAL synchronous=FULL)"
    echo "workload: herald-bench load ${WORKLOAD[*]} ${EXTRA[*]}"
} >"$OUTPUT/environment.txt"
cat "$OUTPUT/environment.txt"

failures=0

# ---- Herald
HERALD_DATA_DIR="$WORK/herald"
mkdir -p "$HERALD_DATA_DIR"
echo "==> starting a Herald cluster ($BUILD)"
HERALD_BIN_DIR="$BIN" HERALD_DATA="$HERALD_DATA_DIR" HERALD_HOST=127.0.0.1 \
    HERALD_PORT=0 HERALD_NODE1_PORT=0 HERALD_NODE2_PORT=0 HERALD_QUIET=1 HERALD_AUTH=noauth \
    HERALD_READY_TIMEOUT="$READY_TIMEOUT" HERALD_STOP_TIMEOUT="$STOP_TIMEOUT" \
    bash "$ROOT/deploy/local-cluster.sh" >"$HERALD_DATA_DIR/cluster.log" 2>&1 &
SERVER_PID=$!
wait_for_url "$HERALD_DATA_DIR/router.url" "$HERALD_DATA_DIR"
url="$(cat "$HERALD_DATA_DIR/router.url")"
echo "==> Herald ready: $url"
measure herald "$url" || { failures=$((failures + 1)); show_logs "$HERALD_DATA_DIR"; }
echo "==> stopping Herald"
stop_server

# ---- Zaqar, once per redis durability
labels=("Herald=$OUTPUT/herald.json")
for mode in "${ZAQAR_MODES[@]}"; do
    case "$mode" in
        always) name=zaqar-fsync-always label="Zaqar (fsync always)" ;;
        none) name=zaqar-no-fsync label="Zaqar (no fsync)" ;;
    esac
    labels+=("$label=$OUTPUT/$name.json")
    dir="$WORK/$name"
    mkdir -p "$dir"
    echo "==> starting Zaqar (redis durability: $mode)"
    ZAQAR_DATA="$dir" ZAQAR_SKIP_SETUP=1 ZAQAR_QUIET=1 ZAQAR_REDIS_FSYNC="$mode" \
        ZAQAR_READY_TIMEOUT="$READY_TIMEOUT" ZAQAR_STOP_TIMEOUT="$STOP_TIMEOUT" \
        bash "$ZAQAR_DIR/run.sh" >"$dir/run.log" 2>&1 &
    SERVER_PID=$!
    wait_for_url "$dir/zaqar.url" "$dir"
    url="$(cat "$dir/zaqar.url")"
    echo "==> Zaqar ready: $url"
    measure "$name" "$url" || { failures=$((failures + 1)); show_logs "$dir"; }
    echo "==> stopping Zaqar"
    stop_server
done

echo
echo "==> Herald vs Zaqar ($BUILD Herald; ${WARMUP}s warm-up + ${DURATION}s measured each)"
"$PYTHON" "$ZAQAR_DIR/compare_table.py" "${labels[@]}" | tee "$OUTPUT/summary.txt"
echo "==> results in $OUTPUT"
if ((failures > 0)); then
    echo "==> $failures run(s) failed or reported errors (see above)" >&2
    exit 1
fi
