#!/usr/bin/env bash
# The load tool's own ceiling: starts `herald-bench canned-server` (fixed Zaqar answers, no
# storage) on 127.0.0.1 and a free port, runs `herald-bench load` against it with every
# argument passed through, and stops the server again. The figures say how fast this machine
# can drive requests with this tool; a server's figures must be far below them to mean
# anything.
#
#   benchmarks/load-ceiling.sh [herald-bench load options...]
#   HERALD_BUILD=debug benchmarks/load-ceiling.sh --duration 10
#
# Environment (all optional): HERALD_BUILD (release by default | debug), HERALD_SKIP_BUILD.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib/load-limit.sh"
BUILD="${HERALD_BUILD:-release}"
case "$BUILD" in
    debug | release) ;;
    *) echo "HERALD_BUILD must be 'debug' or 'release' (got '$BUILD')" >&2; exit 2 ;;
esac
for arg in "$@"; do
    case "$arg" in
        --endpoint | --endpoint=*) echo "load-ceiling.sh sets --endpoint itself (the canned server)" >&2; exit 2 ;;
    esac
done
load_run_limit "$@"
# The canned answers take the shape of the run's requests.
server_args=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        --batch | --claim | --body-size) server_args+=("${args[i]}" "${args[i + 1]:-}") ;;
        --batch=* | --claim=* | --body-size=*) server_args+=("${args[i]}") ;;
    esac
done

cd "$HERE/.."
if [[ "${HERALD_SKIP_BUILD:-0}" != "1" ]]; then
    echo "==> building herald-bench ($BUILD)"
    swift build -c "$BUILD" --product herald-bench
fi
BENCH="$(swift build -c "$BUILD" --show-bin-path)/herald-bench"
[[ -x "$BENCH" ]] || { echo "missing $BENCH (build first)" >&2; exit 1; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/herald-load-ceiling.XXXXXX")"
SERVER_PID=""
BENCH_PID=""
stop() {
    if [[ -n "$BENCH_PID" ]] && kill -0 "$BENCH_PID" 2>/dev/null; then
        kill -TERM "$BENCH_PID" 2>/dev/null || true
        wait "$BENCH_PID" 2>/dev/null || true
    fi
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$BENCH" canned-server --port 0 --port-file "$WORK/port" ${server_args[@]+"${server_args[@]}"} >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
    [[ -s "$WORK/port" ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.1
done
[[ -s "$WORK/port" ]] || { echo "==> the canned server did not start" >&2; exit 1; }
echo "==> canned server on http://127.0.0.1:$(cat "$WORK/port")"

timeout -k 10 "$RUN_LIMIT" "$BENCH" load --endpoint "http://127.0.0.1:$(cat "$WORK/port")" "$@" &
BENCH_PID=$!
set +e
wait "$BENCH_PID"
status=$?
set -e
BENCH_PID=""
exit "$status"
