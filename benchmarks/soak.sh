#!/usr/bin/env bash
# The soak scenario (`make soak`): builds Herald, starts a local cluster (two storage nodes,
# one router, data in a fresh temporary directory) and keeps a steady, paced load on it for
# SOAK_MINUTES (10 by default) in segments of SOAK_SEGMENT seconds: every segment is one
# `herald-bench load` run (4 queues, 4 producers, 4 consumers claiming 10) at SOAK_RATE
# messages per second. After each segment it samples the resident memory (VmRSS) and the open
# file descriptors of every process, and keeps the segment's throughput and latencies.
# At the end it prints the samples and judges them: it fails when a request failed, when a
# process's memory or descriptors grew after the warm-up, or when latency crept up.
#
#   benchmarks/soak.sh
#   SOAK_MINUTES=2 SOAK_RATE=1000 benchmarks/soak.sh
#
# Environment (all optional): SOAK_MINUTES (10), SOAK_SEGMENT (60 s), SOAK_RATE (2000 msg/s),
# SOAK_JSON (write the samples and the verdict to this file), plus HERALD_BUILD (release by
# default), HERALD_SKIP_BUILD and the rest of benchmarks/lib/cluster.sh.
# The verdict: memory flat when the last sample is at most 10 % + 16 MB above the sample after
# the second segment; descriptors flat when at most 4 more; no latency creep when the median
# p99 of post and claim over the last three segments is at most 1.5x + 2 ms the median over
# segments 2 to 4.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib/cluster.sh"

MINUTES="${SOAK_MINUTES:-10}"
SEGMENT="${SOAK_SEGMENT:-60}"
RATE="${SOAK_RATE:-2000}"
SEGMENTS=$((MINUTES * 60 / SEGMENT))
((SEGMENTS >= 5)) || { echo "SOAK_MINUTES * 60 / SOAK_SEGMENT must be at least 5 segments" >&2; exit 2; }
((SEGMENT >= 10)) || { echo "SOAK_SEGMENT must be at least 10 seconds" >&2; exit 2; }

cluster_prepare herald-bench
cluster_start soak

declare -A PIDS=()
for node in node1 node2; do
    PIDS[$node]="$(pgrep -f -- "--data $DATA/$node/" | head -n 1 || true)"
done
PIDS[router]="$(pgrep -f -- "--catalog $DATA/" | head -n 1 || true)"
for name in node1 node2 router; do
    [[ -n "${PIDS[$name]}" ]] || { echo "==> cannot find the $name process" >&2; cluster_show_logs; exit 1; }
done

SAMPLES="$DATA/soak-samples.tsv"
printf 'segment\tprocess\trss_kb\tfds\n' >"$SAMPLES"
# Appends one line per process: its VmRSS (kB) and its open descriptors.
sample() {
    local segment="$1" name pid rss fds
    for name in node1 node2 router; do
        pid="${PIDS[$name]}"
        [[ -d "/proc/$pid" ]] || { echo "==> $name (pid $pid) is gone" >&2; cluster_show_logs; exit 1; }
        rss="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")"
        fds="$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)"
        printf '%s\t%s\t%s\t%s\n' "$segment" "$name" "$rss" "$fds" >>"$SAMPLES"
    done
}

echo "==> soak: $SEGMENTS segments of ${SEGMENT}s at $RATE msg/s"
sample 0
for ((segment = 1; segment <= SEGMENTS; segment++)); do
    cluster_run $((SEGMENT + 60)) "$BIN/herald-bench" load --endpoint "$URL" \
        --queues 4 --producers 4 --consumers 4 --batch 10 --claim 10 --rate "$RATE" \
        --warmup 3 --duration $((SEGMENT - 3)) --json "$DATA/soak-segment-$segment.json" >"$DATA/soak-segment-$segment.log" 2>&1
    if ((BENCH_STATUS != 0)); then
        echo "==> segment $segment failed (exit status $BENCH_STATUS)" >&2
        tail -n 30 "$DATA/soak-segment-$segment.log" >&2
        cluster_show_logs
        exit 1
    fi
    sample "$segment"
    echo "==> segment $segment/$SEGMENTS done"
done

python3 "$HERE/lib/soak_verdict.py" "$SAMPLES" "$DATA" "$SEGMENTS" "$RATE" "${SOAK_JSON:-}"
