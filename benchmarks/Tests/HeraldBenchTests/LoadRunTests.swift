import XCTest

@testable import HeraldBench

/// Whole `load` runs over real sockets against the canned server (no timing asserted).
final class LoadRunTests: XCTestCase {
    private func settings(endpoint: String, stop: LoadSettings.Stop, observers: Int = 1) -> LoadSettings {
        LoadSettings(
            endpoint: endpoint, project: "p", authToken: "t", queues: 3, producers: 2, batch: 5, consumers: 2,
            claim: 4, claimTTL: 60, claimGrace: 60, observers: observers, bodySize: 64, stop: stop, warmupSeconds: 0,
            rate: 0, requestTimeoutSeconds: 10, keepQueues: false
        )
    }

    func testMessagesRunPostsExactlyTheCountAndDrains() async throws {
        let server = try await CannedServer.start(
            host: "127.0.0.1", port: 0, responses: CannedResponses(batch: 5, claim: 4, bodySize: 64)
        )
        let endpoint = "http://127.0.0.1:\(server.port)"
        let result = try await LoadBenchmark(settings: settings(endpoint: endpoint, stop: .messages(count: 23, timeoutSeconds: 30))).run()
        XCTAssertEqual(result.produced, 23)
        XCTAssertEqual(result[.post].succeeded, 5, "four batches of 5 and one of 3")
        XCTAssertGreaterThanOrEqual(result.consumed, 23)
        XCTAssertEqual(result.errors, 0, result.firstErrors.map(\.text).joined(separator: "; "))
        XCTAssertTrue(result.completed)
        XCTAssertTrue(result.passed)
        XCTAssertEqual(result.queues.count, 3)
        try await server.close()
    }

    func testDurationRunCountsEveryOperation() async throws {
        let server = try await CannedServer.start(
            host: "127.0.0.1", port: 0, responses: CannedResponses(batch: 5, claim: 4, bodySize: 64)
        )
        let result = try await LoadBenchmark(
            settings: settings(endpoint: "http://127.0.0.1:\(server.port)", stop: .duration(seconds: 1))
        ).run()
        XCTAssertGreaterThan(result[.post].succeeded, 0)
        XCTAssertGreaterThan(result[.claim].succeeded, 0)
        XCTAssertEqual(result[.delete].items, result[.delete].succeeded * 4)
        XCTAssertGreaterThan(result[.list].succeeded, 0)
        XCTAssertEqual(result.errors, 0)
        try await server.close()
    }
}
