"""Tests of compare_table.py (run: python3 -m unittest discover -s benchmarks/zaqar)."""

import json
import os
import tempfile
import unittest

import compare_table


def result(produced, consumed, requests, post_p99, errors=0):
    return {
        "produced_per_second": produced,
        "consumed_per_second": consumed,
        "requests_per_second": requests,
        "errors": errors,
        "latency_ms": {
            "post": {"p50": post_p99 / 2, "p90": post_p99, "p99": post_p99, "p999": post_p99,
                     "max": post_p99, "count": 10},
            "claim": {"p50": 1.0, "p90": 2.0, "p99": 3.0, "p999": 4.0, "max": 5.0, "count": 10},
            "delete": {"p50": 1.0, "p90": 2.0, "p99": 4.0, "p999": 4.0, "max": 5.0, "count": 10},
        },
    }


def row(lines, title):
    matches = [line for line in lines if line.startswith(title)]
    assert len(matches) == 1, (title, lines)
    return matches[0].split()


class CompareTableTests(unittest.TestCase):
    def test_ratios_are_reference_over_each_run(self):
        lines = compare_table.render([
            ("Herald", result(4000, 3900, 800, 10.0)),
            ("Zaqar", result(1000, 1300, 400, 40.0, errors=2)),
        ])
        self.assertEqual(row(lines, "produced msg/s")[-2:], ["1,000", "4.00x"])
        self.assertEqual(row(lines, "consumed msg/s")[-2:], ["1,300", "3.00x"])
        self.assertEqual(row(lines, "requests/s")[-2:], ["400", "2.00x"])
        self.assertEqual(row(lines, "post p99 ms")[-3:], ["10.00", "40.00", "0.25x"])
        self.assertEqual(row(lines, "errors")[-2:], ["2", "-"])

    def test_missing_run_and_missing_keys_show_dashes(self):
        partial = {"produced_per_second": 500, "latency_ms": {"post": {"p99": "n/a"}}}
        lines = compare_table.render([
            ("Herald", result(1000, 1000, 200, 5.0)),
            ("Zaqar", None),
            ("Other", partial),
        ])
        produced = row(lines, "produced msg/s")
        self.assertEqual(produced[-4:], ["-", "-", "500", "2.00x"])
        self.assertEqual(row(lines, "post p99 ms")[-4:], ["-", "-", "-", "-"])

    def test_every_column_of_a_row_is_aligned(self):
        lines = compare_table.render([
            ("Herald", result(123456, 1, 2, 3.0)),
            ("Zaqar (fsync always)", result(7, 8, 9, 10.0)),
        ])
        self.assertEqual(len({len(line) for line in lines[:2]}), 1)
        self.assertTrue(set(lines[1]) <= {"-", " "})

    def test_load_reads_a_file_and_tolerates_garbage(self):
        with tempfile.TemporaryDirectory() as directory:
            good = os.path.join(directory, "good.json")
            bad = os.path.join(directory, "bad.json")
            with open(good, "w", encoding="utf-8") as handle:
                json.dump(result(1, 2, 3, 4.0), handle)
            with open(bad, "w", encoding="utf-8") as handle:
                handle.write("{not json")
            self.assertEqual(compare_table.load(good)["requests_per_second"], 3)
            self.assertIsNone(compare_table.load(bad))
            self.assertIsNone(compare_table.load(os.path.join(directory, "absent.json")))


if __name__ == "__main__":
    unittest.main()
