import Shared
import XCTest

@testable import HeraldBench

/// The figures, report and JSON document of a `load` run, from made-up counters.
final class LoadResultTests: XCTestCase {
    private func settings(stop: LoadSettings.Stop = .duration(seconds: 10)) -> LoadSettings {
        LoadSettings(
            endpoint: "http://127.0.0.1:8888", project: "p", authToken: nil, queues: 4, producers: 4, batch: 10,
            consumers: 4, claim: 10, claimTTL: 60, claimGrace: 60, observers: 0, bodySize: 256, stop: stop,
            warmupSeconds: 5, rate: 0, requestTimeoutSeconds: 30, keepQueues: false
        )
    }

    private func result(stop: LoadSettings.Stop = .duration(seconds: 10), claimFailure: Bool = false) -> LoadResult {
        let stats = LoadStats(measureStart: 0)
        for index in 0..<100 {
            let start = UInt64(index) * 100_000_000
            stats.succeeded(.post, items: 10, start: start, end: start + UInt64(index + 1) * 100_000)
        }
        for index in 0..<50 {
            let start = UInt64(index) * 200_000_000
            stats.succeeded(.claim, items: 10, start: start, end: start + 2_000_000)
            stats.succeeded(.delete, items: 10, start: start, end: start + 3_000_000)
            stats.succeeded(.claimEmpty, items: 0, start: start, end: start + 1_000_000)
        }
        if claimFailure { stats.failed(.claim, "POST claims: HTTP 503: {}", timedOut: false, start: 1, end: 2) }
        return LoadResult(
            settings: settings(stop: stop), queues: ["q-0", "q-1"], date: "2026-11-24T12:00:00Z", seconds: 10,
            productionSeconds: 10, consumptionSeconds: 5, operations: stats.snapshots(), totals: stats.current,
            completed: true
        )
    }

    func testRatesAndCounts() {
        let result = result()
        XCTAssertEqual(result.produced, 1_000)
        XCTAssertEqual(result.consumed, 500)
        XCTAssertEqual(result.requests, 250)
        XCTAssertEqual(result.producedPerSecond, 100)
        XCTAssertEqual(result.consumedPerSecond, 100)
        XCTAssertEqual(result.requestsPerSecond, 25)
        XCTAssertEqual(result.backlog, 500)
        XCTAssertTrue(result.passed)
        XCTAssertFalse(self.result(claimFailure: true).passed)
    }

    func testJSONHoldsTheAgreedKeys() throws {
        let document = try JSONValue.parse(result(claimFailure: true).json().serialized())
        XCTAssertEqual(document["endpoint"], .string("http://127.0.0.1:8888"))
        XCTAssertEqual(document["date"], .string("2026-11-24T12:00:00Z"))
        XCTAssertEqual(document["duration_seconds"], .double(10))
        XCTAssertEqual(document["produced_per_second"], .double(100))
        XCTAssertEqual(document["consumed_per_second"], .double(100))
        XCTAssertEqual(document["requests_per_second"], .double(25.1))
        XCTAssertEqual(document["errors"], .int(1))
        XCTAssertEqual(document["first_errors"]?["claim"], .string("POST claims: HTTP 503: {}"))
        XCTAssertEqual(document["settings"]?["producers"], .int(4))
        XCTAssertEqual(document["settings"]?["duration_seconds"], .int(10))
        XCTAssertEqual(document["settings"]?["messages"], .null)
        for key in ["post", "claim", "claim_empty", "delete", "list"] {
            let latency = document["latency_ms"]?[key]
            for field in ["p50", "p90", "p99", "p999", "max", "count"] {
                XCTAssertNotNil(latency?[field], "latency_ms.\(key).\(field)")
            }
        }
        XCTAssertEqual(document["latency_ms"]?["post"]?["count"], .int(100))
        XCTAssertEqual(document["latency_ms"]?["post"]?["max"], .double(10))
        XCTAssertEqual(document["latency_ms"]?["claim"]?["errors"], .int(1))
        XCTAssertEqual(document["passed"], .bool(false))
    }

    func testMessagesModeSettingsAndReport() throws {
        let result = result(stop: .messages(count: 1_000, timeoutSeconds: 60))
        let document = try JSONValue.parse(result.json().serialized())
        XCTAssertEqual(document["settings"]?["messages"], .int(1_000))
        XCTAssertEqual(document["settings"]?["duration_seconds"], .null)
        XCTAssertEqual(document["settings"]?["timeout_seconds"], .int(60))
        let report = result.render()
        XCTAssertTrue(report.contains("produced      100.0 msg/s (1000 messages in 10.00 s)"), report)
        XCTAssertTrue(report.contains("1000 messages, unpaced"), report)
        XCTAssertTrue(report.hasSuffix("RESULT: ok"), report)
    }

    func testProgressLine() {
        let line = LoadProgress.line(
            current: LoadStats.Totals(produced: 2_000, consumed: 1_500, errors: 2),
            previous: LoadStats.Totals(produced: 1_000, consumed: 1_000, errors: 1), elapsed: 3, interval: 0.5,
            warmingUp: true
        )
        XCTAssertEqual(line, "[   3s] produced 2000.0 msg/s  consumed 1000.0 msg/s  total 2000/1500  errors 2  (warm-up)")
    }
}
