"""Side-by-side table of `herald-bench load` results, with each run's ratio to the first.

    python3 compare_table.py Herald=herald.json "Zaqar (fsync always)"=zaqar.json ...

The first LABEL=FILE is the reference (Herald); every further run gets its figures and a
ratio column "reference / run": above 1 the reference has the higher figure. For throughput
(msg/s, requests/s) higher is better; for latency (p99, ms) lower is better. A run whose
file is missing or unreadable shows "-" (its failure is reported by compare.sh).

Reads the JSON keys of `herald-bench load --json`: produced_per_second,
consumed_per_second, requests_per_second, errors and latency_ms.<op>.p50/p99/count.
"""

import json
import sys

# (row title, path into the result, format, what is better; None = no ratio)
ROWS = [
    ("produced msg/s", ("produced_per_second",), "{:,.0f}", "higher"),
    ("consumed msg/s", ("consumed_per_second",), "{:,.0f}", "higher"),
    ("requests/s", ("requests_per_second",), "{:,.0f}", "higher"),
    ("post p50 ms", ("latency_ms", "post", "p50"), "{:,.2f}", "lower"),
    ("post p99 ms", ("latency_ms", "post", "p99"), "{:,.2f}", "lower"),
    ("claim p99 ms", ("latency_ms", "claim", "p99"), "{:,.2f}", "lower"),
    ("delete p99 ms", ("latency_ms", "delete", "p99"), "{:,.2f}", "lower"),
    ("errors", ("errors",), "{:,.0f}", None),
]


def load(path):
    """The parsed result file, or None when it is missing or not JSON."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def figure(result, keys):
    """The number at `keys` in `result`, or None."""
    value = result
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def ratio(reference, other):
    """reference / other as text ("-" when either is unknown or other is 0)."""
    if reference is None or other is None or other == 0:
        return "-"
    return "{:.2f}x".format(reference / other)


def render(runs):
    """The table for [(label, result or None), ...] as a list of lines."""
    reference_label, reference = runs[0]
    header = ["", reference_label]
    for label, _ in runs[1:]:
        header += [label, "ratio"]
    table = [header]
    for title, keys, fmt, better in ROWS:
        base = figure(reference, keys) if reference else None
        row = [f"{title} ({better} is better)" if better else title,
               "-" if base is None else fmt.format(base)]
        for _, result in runs[1:]:
            value = figure(result, keys) if result else None
            row += ["-" if value is None else fmt.format(value),
                    ratio(base, value) if better else "-"]
        table.append(row)
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = []
    for index, row in enumerate(table):
        cells = [row[0].ljust(widths[0])] + [cell.rjust(widths[i]) for i, cell in enumerate(row) if i > 0]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines.append(f"ratio = {reference_label} / the run on its left")
    return lines


def main(argv):
    if len(argv) < 2 or any("=" not in arg for arg in argv):
        sys.exit("usage: compare_table.py LABEL=FILE LABEL=FILE [LABEL=FILE...]")
    runs = []
    for arg in argv:
        label, path = arg.split("=", 1)
        runs.append((label, load(path)))
    print("\n".join(render(runs)))


if __name__ == "__main__":
    main(sys.argv[1:])
