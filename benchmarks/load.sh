#!/usr/bin/env bash
# Measures produce/claim/delete throughput of a local Herald cluster: builds Herald, starts
# deploy/local-cluster.sh (two storage nodes and one router on 127.0.0.1 and free ports,
# data in a fresh temporary directory), runs `herald-bench load` against it with every
# argument passed through, and stops the cluster again, whatever happens (Ctrl-C included).
#
#   benchmarks/load.sh [herald-bench load options...]
#   HERALD_BUILD=debug benchmarks/load.sh --duration 20 --json /tmp/load.json
#   benchmarks/load.sh --rate 2000 --duration 60      # latency at a fixed rate
#
# Environment (all optional): HERALD_BUILD (release by default | debug), HERALD_SKIP_BUILD,
# HERALD_NODE_ARGS, HERALD_ROUTER_ARGS, BENCH_READY_TIMEOUT, BENCH_KEEP_DATA — see
# benchmarks/lib/cluster.sh.
#
# The exit status is herald-bench's: 0 when no request failed (and, with --messages, every
# message was consumed).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib/cluster.sh"
source "$HERE/lib/load-limit.sh"

for arg in "$@"; do
    case "$arg" in
        --endpoint | --endpoint=*) echo "load.sh sets --endpoint itself (the local cluster's router)" >&2; exit 2 ;;
    esac
done
load_run_limit "$@"

cluster_prepare herald-bench
cluster_start load
cluster_run "$RUN_LIMIT" "$BIN/herald-bench" load --endpoint "$URL" "$@"
case "$BENCH_STATUS" in
    0) echo "==> load benchmark passed" ;;
    124 | 137) echo "==> herald-bench did not finish within ${RUN_LIMIT}s" >&2 ;;
    *) echo "==> load benchmark failed (exit status $BENCH_STATUS)" >&2 ;;
esac
if ((BENCH_STATUS != 0)); then cluster_show_logs; fi
exit "$BENCH_STATUS"
