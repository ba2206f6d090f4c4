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

source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/cluster.sh"

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

cluster_prepare herald-bench
cluster_start notification
cluster_run "$RUN_LIMIT" "$BIN/herald-bench" notifications --endpoint "$URL" "$@"
case "$BENCH_STATUS" in
    0) echo "==> notification benchmark passed" ;;
    124 | 137) echo "==> herald-bench did not finish within ${RUN_LIMIT}s" >&2 ;;
    *) echo "==> notification benchmark failed (exit status $BENCH_STATUS)" >&2 ;;
esac
if ((BENCH_STATUS != 0)); then cluster_show_logs; fi
exit "$BENCH_STATUS"
