"""Prints the samples of a soak run (benchmarks/soak.sh) and judges them.

Arguments: the samples TSV, the data directory holding soak-segment-N.json, the number of
segments, the paced rate, and an optional JSON output path. Exits 1 when memory or file
descriptors grew after the warm-up or latency crept up (thresholds in benchmarks/soak.sh).
"""
import csv
import json
import statistics
import sys

samples_path, data, segments, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
json_path = sys.argv[5] if len(sys.argv) > 5 else ""

samples = {}
with open(samples_path) as handle:
    for row in csv.DictReader(handle, delimiter="\t"):
        samples.setdefault(row["process"], []).append((int(row["segment"]), int(row["rss_kb"]), int(row["fds"])))

runs = []
for segment in range(1, segments + 1):
    with open(f"{data}/soak-segment-{segment}.json") as handle:
        result = json.load(handle)
    latency = result["latency_ms"]
    runs.append({
        "segment": segment,
        "produced_per_second": result["produced_per_second"],
        "consumed_per_second": result["consumed_per_second"],
        "errors": result["errors"],
        "post_p50_ms": latency["post"]["p50"], "post_p99_ms": latency["post"]["p99"],
        "claim_p50_ms": latency["claim"]["p50"], "claim_p99_ms": latency["claim"]["p99"],
    })

print(f"\n{'seg':>3} {'prod/s':>8} {'cons/s':>8} {'post p50':>9} {'post p99':>9} {'claim p99':>10}  "
      + "  ".join(f"{name + ' MB':>9} {name + ' fd':>9}" for name in sorted(samples)))
for segment in range(0, segments + 1):
    run = runs[segment - 1] if segment else None
    figures = (f"{run['produced_per_second']:8.0f} {run['consumed_per_second']:8.0f} {run['post_p50_ms']:9.2f} "
               f"{run['post_p99_ms']:9.2f} {run['claim_p99_ms']:10.2f}") if run else f"{'start':>8} {'':>8} {'':>9} {'':>9} {'':>10}"
    per_process = "  ".join(f"{samples[name][segment][1] / 1024:9.1f} {samples[name][segment][2]:9d}" for name in sorted(samples))
    print(f"{segment:>3} {figures}  {per_process}")

verdict = {}
failures = []
for name, rows in sorted(samples.items()):
    warm_rss, last_rss = rows[2][1], rows[-1][1]
    warm_fds, last_fds = rows[2][2], rows[-1][2]
    peak_rss = max(row[1] for row in rows[2:])
    verdict[name] = {"warm_rss_mb": warm_rss / 1024, "last_rss_mb": last_rss / 1024, "peak_rss_mb": peak_rss / 1024,
                     "warm_fds": warm_fds, "last_fds": last_fds}
    if last_rss > warm_rss * 1.10 + 16 * 1024:
        failures.append(f"{name}: memory grew from {warm_rss / 1024:.1f} MB to {last_rss / 1024:.1f} MB")
    if last_fds > warm_fds + 4:
        failures.append(f"{name}: descriptors grew from {warm_fds} to {last_fds}")
for operation in ("post", "claim"):
    early = statistics.median(run[f"{operation}_p99_ms"] for run in runs[1:4])
    late = statistics.median(run[f"{operation}_p99_ms"] for run in runs[-3:])
    verdict[f"{operation}_p99_ms"] = {"early": early, "late": late}
    if late > early * 1.5 + 2:
        failures.append(f"{operation} p99 crept from {early:.2f} ms to {late:.2f} ms")
behind = [run["segment"] for run in runs if run["consumed_per_second"] < 0.9 * run["produced_per_second"]]
if behind:
    print(f"note: consumers fell behind the producers in segments {behind}: the machine is busier than "
          "the rate allows, so latencies include queueing; lower SOAK_RATE for a steady state")
errors = sum(run["errors"] for run in runs)
if errors:
    failures.append(f"{errors} requests failed")

print()
for name in sorted(samples):
    figures = verdict[name]
    print(f"{name}: RSS {figures['warm_rss_mb']:.1f} MB after warm-up, {figures['last_rss_mb']:.1f} MB at the end "
          f"(peak {figures['peak_rss_mb']:.1f} MB); descriptors {figures['warm_fds']} -> {figures['last_fds']}")
for operation in ("post", "claim"):
    figures = verdict[f"{operation}_p99_ms"]
    print(f"{operation} p99: {figures['early']:.2f} ms early, {figures['late']:.2f} ms late")
if json_path:
    with open(json_path, "w") as handle:
        json.dump({"rate": rate, "segments": runs, "samples": samples, "verdict": verdict, "failures": failures}, handle, indent=2)
if failures:
    print("==> soak FAILED: " + "; ".join(failures))
    sys.exit(1)
print(f"==> soak passed: {segments} segments at {rate:.0f} msg/s, memory, descriptors and latency flat, 0 errors")
