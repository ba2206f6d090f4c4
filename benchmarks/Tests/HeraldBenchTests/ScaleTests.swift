import Foundation
import XCTest

@testable import HeraldBench

final class ScaleTests: XCTestCase {
    func testResidentMemoryIsReadFromTheStatusTextInKilobytes() {
        let status = "Name:\therald-node\nVmPeak:\t  900000 kB\nVmRSS:\t   41236 kB\nRssAnon:\t  30000 kB\n"
        XCTAssertEqual(ProcessMemory.residentBytes(inStatus: status), 41_236 * 1024)
        XCTAssertNil(ProcessMemory.residentBytes(inStatus: "Name:\tkthreadd\n"))
    }

    func testResidentMemoryOfThisProcessIsReadable() throws {
        let bytes = try XCTUnwrap(ProcessMemory.residentBytes(of: getpid()))
        XCTAssertGreaterThan(bytes, 1_048_576)
        XCTAssertNil(ProcessMemory.residentBytes(of: Int32.max))
    }

    func testWatchedProcessArguments() {
        XCTAssertEqual(WatchedProcess(argument: "node1=1234")?.label, "node1")
        XCTAssertEqual(WatchedProcess(argument: "node1=1234")?.pid, 1234)
        XCTAssertEqual(WatchedProcess(argument: "77")?.label, "pid77")
        XCTAssertNil(WatchedProcess(argument: "node1=abc"))
        XCTAssertNil(WatchedProcess(argument: "node1=-5"))
    }

    func testRunPassesWithinTwiceTheEmptyStoresLatencyAndTheMemoryBudget() {
        let result = makeResult(laterPostP99: 3_900, laterResident: 100 * 1_048_576)
        XCTAssertEqual(result.failures, [])
        XCTAssertTrue(result.passed)
        XCTAssertEqual(result.residentGrowth(of: "node1"), 60 * 1_048_576)
        XCTAssertTrue(result.render().contains("RESULT: ok"))
    }

    func testSlowerThanTwiceTheEmptyStoreFails() {
        let result = makeResult(laterPostP99: 4_100, laterResident: 100 * 1_048_576)
        XCTAssertFalse(result.passed)
        XCTAssertEqual(result.failures, ["1000000 messages queued: post p99 is 2.05x the empty store's"])
    }

    func testMemoryGrowthOverTheBudgetFails() {
        let result = makeResult(laterPostP99: 2_000, laterResident: 300 * 1_048_576)
        XCTAssertEqual(result.failures, ["node1: resident memory grew by 260.0 MB"])
        XCTAssertEqual(result.json()["passed"], .bool(false))
    }

    private func makeResult(laterPostP99: UInt64, laterResident: UInt64) -> ScaleResult {
        func summary(_ p50: UInt64, _ p99: UInt64) -> LatencySummary {
            LatencySummary(count: 100, p50: p50, p90: p99, p99: p99, p999: p99, max: p99)
        }
        let settings = ScaleSettings(
            endpoint: "http://127.0.0.1:1", project: "p", authToken: nil, messages: 1_000_000, fillBatch: 100,
            queues: 100_000, workers: 8, probeCycles: 100, bodySize: 256,
            watched: [WatchedProcess(argument: "node1=1")!], requestTimeoutSeconds: 60,
            residentGrowthBudget: 128 * 1_048_576)
        let empty = ScalePhase(
            name: "empty store", queuedMessages: 0, queues: 1, post: summary(1_000, 2_000), claim: summary(1_000, 2_000),
            delete: summary(1_000, 2_000), resident: [("node1", 50 * 1_048_576)], errors: 0)
        let full = ScalePhase(
            name: "1000000 messages queued", queuedMessages: 1_000_000, queues: 1, post: summary(1_100, laterPostP99),
            claim: summary(1_200, 2_500), delete: summary(1_000, 9_000), resident: [("node1", laterResident)], errors: 0)
        return ScaleResult(
            settings: settings, phases: [empty, full], startResident: [("node1", 40 * 1_048_576)], fillErrors: 0,
            queueErrors: 0)
    }
}
