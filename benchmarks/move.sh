#!/usr/bin/env bash
# Moves queues between pools while they are under load: starts the local cluster (two storage
# nodes, one router), runs `herald-bench load` against it (every argument passed through), and
# in the middle of the measured part moves each of the run's queues to the other pool with
# `herald queues move`, printing how long each queue was frozen. The load's own report follows:
# its failed-request count says whether clients saw errors, and with --messages it checks that
# every message produced was consumed.
#
#   benchmarks/move.sh --duration 20
#   benchmarks/move.sh --messages 200000 --rate 5000
#   MOVE_AFTER=8 benchmarks/move.sh --duration 30      # seconds of load before the moves
#
# Environment (all optional): MOVE_AFTER (default: a third of --duration, else 5 s, after the
# warm-up), and those of benchmarks/lib/cluster.sh (HERALD_BUILD, HERALD_SKIP_BUILD, ...).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib/cluster.sh"
source "$HERE/lib/load-limit.sh"

duration="" warmup=5
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[$i]}" in
        --endpoint | --endpoint=*) echo "move.sh sets --endpoint itself (the local cluster's router)" >&2; exit 2 ;;
        --duration) duration="${args[$((i + 1))]:-}" ;;
        --duration=*) duration="${args[$i]#--duration=}" ;;
        --warmup) warmup="${args[$((i + 1))]:-}" ;;
        --warmup=*) warmup="${args[$i]#--warmup=}" ;;
    esac
done
if [[ -n "${MOVE_AFTER:-}" ]]; then
    after="$MOVE_AFTER"
elif [[ -n "$duration" ]]; then
    after=$((duration / 3))
else
    after=5
fi
load_run_limit "$@"

cluster_prepare herald-bench herald
cluster_start move
export HERALD_URL="$URL" HERALD_PROJECT=herald-bench
OUT="$DATA/load.out"

timeout -k 10 "$RUN_LIMIT" "$BIN/herald-bench" load --endpoint "$URL" "$@" >"$OUT" 2>&1 &
BENCH_PID=$!

# The run's queues, from the line "==> URL: queues PREFIX-0...N".
deadline=$((SECONDS + 60))
until grep -q ': queues bench-load-' "$OUT" 2>/dev/null; do
    if ! kill -0 "$BENCH_PID" 2>/dev/null || ((SECONDS >= deadline)); then
        cat "$OUT" >&2
        echo "==> the load did not start" >&2
        exit 1
    fi
    sleep 0.1
done
line="$(grep ': queues bench-load-' "$OUT" | head -1)"
prefix="$(sed -E 's/.*queues (bench-load-[0-9a-f]+)-0\.\.\.([0-9]+).*/\1/' <<<"$line")"
last="$(sed -E 's/.*queues (bench-load-[0-9a-f]+)-0\.\.\.([0-9]+).*/\2/' <<<"$line")"
sleep $((warmup + after))

echo "==> moving ${prefix}-0...${last} to the other pool under load"
moves=0
for ((q = 0; q <= last; q++)); do
    queue="${prefix}-${q}"
    pool="$("$BIN/herald" queues where "$queue" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["pool"])')"
    target="node1"
    [[ "$pool" == "node1" ]] && target="node2"
    answer="$("$BIN/herald" queues move "$queue" --to "$target" --json)"
    python3 -c '
import json, sys
a = json.loads(sys.argv[1])
print("    %s: %s -> %s, %d messages, frozen %d ms" % (a["queue"], a["moved_from"], a["pool"], a["messages"], a["frozen_ms"]))
' "$answer"
    moves=$((moves + 1))
done

set +e
wait "$BENCH_PID"
BENCH_STATUS=$?
set -e
BENCH_PID=""
cat "$OUT"
echo "==> $moves queue(s) moved during the load"
if ((BENCH_STATUS != 0)); then
    echo "==> load failed (exit status $BENCH_STATUS)" >&2
    cluster_show_logs
fi
exit "$BENCH_STATUS"
