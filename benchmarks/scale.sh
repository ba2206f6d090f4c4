#!/usr/bin/env bash
# The memory/scale scenario: builds Herald, starts a local cluster (two storage nodes, one
# router, data in a fresh temporary directory), runs `herald-bench scale` against it with the
# resident memory of the two storage nodes and the router watched, and stops the cluster
# again, whatever happens.
# By default it queues 1,000,000 messages in one queue (so in one node) and then creates
# 100,000 queues; every argument is passed through to `herald-bench scale`.
#
#   benchmarks/scale.sh
#   benchmarks/scale.sh --messages 200000 --queues 20000 --json /tmp/scale.json
#
# Environment (all optional): HERALD_BUILD (release by default | debug), HERALD_SKIP_BUILD,
# HERALD_NODE_ARGS, HERALD_ROUTER_ARGS, BENCH_READY_TIMEOUT, BENCH_KEEP_DATA,
# SCALE_RUN_LIMIT (seconds the run may take, default 3600) — see benchmarks/lib/cluster.sh.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib/cluster.sh"

for arg in "$@"; do
    case "$arg" in
        --endpoint | --endpoint=* | --watch | --watch=*)
            echo "scale.sh sets --endpoint and --watch itself (the local cluster's router and nodes)" >&2
            exit 2 ;;
    esac
done

cluster_prepare herald-bench
cluster_start scale
watch=()
for node in node1 node2; do
    pid="$(pgrep -f -- "--data $DATA/$node/" | head -n 1 || true)"
    [[ -n "$pid" ]] || { echo "==> cannot find the $node process" >&2; cluster_show_logs; exit 1; }
    watch+=(--watch "$node=$pid")
done
router_pid="$(pgrep -f -- "--catalog $DATA/" | head -n 1 || true)"
if [[ -n "$router_pid" ]]; then watch+=(--watch "router=$router_pid"); fi
cluster_run "${SCALE_RUN_LIMIT:-3600}" "$BIN/herald-bench" scale --endpoint "$URL" "${watch[@]}" "$@"
case "$BENCH_STATUS" in
    0) echo "==> scale benchmark passed" ;;
    124 | 137) echo "==> herald-bench did not finish within ${SCALE_RUN_LIMIT:-3600}s" >&2 ;;
    *) echo "==> scale benchmark failed (exit status $BENCH_STATUS)" >&2 ;;
esac
if ((BENCH_STATUS != 0)); then cluster_show_logs; fi
exit "$BENCH_STATUS"
