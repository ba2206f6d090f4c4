import XCTest

@testable import HeraldBench

final class ReportTests: XCTestCase {
    func testPercentilesOfAUniformSpread() {
        var histogram = LatencyHistogram()
        for micros in 1...1_000 { histogram.record(nanoseconds: UInt64(micros) * 1_000) }
        let summary = histogram.summary
        XCTAssertEqual(summary.count, 1_000)
        XCTAssertEqual(summary.p50, 500)
        XCTAssertEqual(summary.p90, 900)
        XCTAssertEqual(summary.p99, 990)
        XCTAssertEqual(summary.p999, 999)
        XCTAssertEqual(summary.max, 1_000)
    }

    func testEmptyHistogramAndMergedHistograms() {
        XCTAssertEqual(LatencyHistogram().summary, LatencySummary(count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0))
        var first = LatencyHistogram()
        var second = LatencyHistogram()
        first.record(nanoseconds: 10_000)
        second.record(nanoseconds: 20_000_000)
        first.add(second)
        XCTAssertEqual(first.summary.count, 2)
        XCTAssertEqual(first.summary.p50, 10)
        XCTAssertEqual(first.summary.max, 20_000)
    }

    func testLatencyAndTableText() {
        XCTAssertEqual(Figures.latency(micros: 850), "850 us")
        XCTAssertEqual(Figures.latency(micros: 12_340), "12.34 ms")
        XCTAssertEqual(Figures.latency(micros: 1_234_000), "1.234 s")
        XCTAssertEqual(Figures.elapsed(3.2), "[   3s]")
        var table = TextTable(header: ["name", "n"])
        table.add(["a", "100"])
        table.add(["longer", "7"])
        XCTAssertEqual(table.render(indent: ""), "name      n\na       100\nlonger    7")
    }

    func testBatchesCoverEveryMessageOnce() {
        let settings = NotificationSettings(
            endpoint: "http://127.0.0.1:1", project: "p", subscribers: 1, messages: 25, batch: 10, producers: 1,
            bodySize: 0, timeoutSeconds: 1, receiverPort: 0
        )
        XCTAssertEqual(settings.batchCount, 3)
        XCTAssertEqual((0..<settings.batchCount).map(settings.seqs(ofBatch:)), [0..<10, 10..<20, 20..<25])
    }
}
