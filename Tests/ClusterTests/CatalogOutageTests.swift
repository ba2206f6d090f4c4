import Foundation
import XCTest

/// The shared PostgreSQL catalog stopped under load and started again: requests that need the
/// catalog answer 503 with `Retry-After` (never hang, never 500), the router reconnects by
/// itself once the server is back, and no acknowledged message is lost. Stops and starts the
/// private server of `make test` (`$HERALD_TEST_POSTGRES_SERVER_SCRIPT`); skipped on an
/// external server, which a test must not stop.
final class CatalogOutageTests: ClusterTestCase {
    private nonisolated(unsafe) var database: PostgresTestDatabase?

    /// Longer than the router's queue → pool cache (5 s), so lookups reach the stopped catalog.
    private static let outage: Duration = .seconds(7)
    /// The longest any answer may take during the outage: a catalog wait is bounded.
    private static let longestAnswer: Duration = .seconds(12)

    override func clusterConfiguration() async throws -> ClusterConfiguration {
        guard ProcessInfo.processInfo.environment["HERALD_TEST_POSTGRES_SERVER_SCRIPT"] != nil else {
            throw XCTSkip("HERALD_TEST_POSTGRES_SERVER_SCRIPT is not set (make test sets it for its private PostgreSQL)")
        }
        let database = try PostgresTestDatabase.create()
        self.database = database
        return ClusterConfiguration(catalog: database.url)
    }

    override func tearDown() async throws {
        _ = try? Self.server("start")
        try await super.tearDown()
        database?.drop()
        database = nil
    }

    func testACatalogRestartUnderLoadAnswers503ThenRecoversAndLosesNothing() async throws {
        let client = try await makeClient()
        expectStatus(201, try await client.put("/v2/queues/ledger", body: "{}"))
        let ledger = AcknowledgementLedger()
        let stop = StopFlag()
        async let answers = Self.produce(into: "ledger", client: client, ledger: ledger, until: stop)

        try await Task.sleep(for: .milliseconds(500))
        XCTAssertTrue(try Self.server("stop"), "the catalog server stopped")
        try await Task.sleep(for: Self.outage)
        let created = try await client.put("/v2/queues/newcomer", body: "{}")
        XCTAssertEqual(created.status, 503, "a new queue needs the catalog: \(created)")
        XCTAssertNotNil(created.header("Retry-After"))
        XCTAssertTrue(try Self.server("start"), "the catalog server started again")
        let restarted = ContinuousClock.now
        _ = try await client.eventually(
            timeout: .seconds(30), "the router to use the catalog again",
            request: { try await $0.put("/v2/queues/newcomer", body: "{}") }, until: { $0.status == 201 || $0.status == 204 })
        let recovery = ContinuousClock.now - restarted
        try await Task.sleep(for: .milliseconds(500))
        stop.raise()
        let (statuses, slowest) = await answers

        let acknowledged = await ledger.acknowledged["ledger"] ?? [:]
        print("catalog outage: answers \(statuses), slowest \(slowest), recovered \(recovery) after the restart")
        XCTAssertEqual(Set(statuses.keys).subtracting([201, 503]), [], "only 201 or 503 during the outage")
        // Once an operation found the server unreachable the next ones give up after 1 s, not 10 s.
        XCTAssertGreaterThanOrEqual(statuses[503] ?? 0, 3, "the outage answered 503 quickly once the cache expired")
        XCTAssertLessThan(slowest, Self.longestAnswer, "no request hung on the stopped catalog")
        try await assertStored(acknowledged, in: "ledger", client: client)
        try await assertDrainedOnce(acknowledged, from: "ledger", client: client)
    }

    /// Posts batches of 5 numbered messages until `stop`; returns the count of each status and
    /// the slowest answer.
    private static func produce(
        into queue: String, client: HeraldClient, ledger: AcknowledgementLedger, until stop: StopFlag
    ) async -> (statuses: [Int: Int], slowest: Duration) {
        var statuses: [Int: Int] = [:]
        var slowest = Duration.zero
        var next = 0
        while !stop.isRaised {
            let items = (next..<(next + 5)).map { #"{"body": {"n": \#($0)}}"# }
            let started = ContinuousClock.now
            guard let response = try? await client.post(
                "/v2/queues/\(queue)/messages", body: #"{"messages": [\#(items.joined(separator: ", "))]}"#)
            else {
                statuses[0, default: 0] += 1
                continue
            }
            slowest = max(slowest, ContinuousClock.now - started)
            statuses[response.status, default: 0] += 1
            if response.status == 201 {
                let hrefs = (try? response.json()["resources"]?.array?.compactMap(\.string)) ?? []
                for (offset, href) in hrefs.enumerated() {
                    await ledger.record(queue: queue, id: String(href.split(separator: "/").last ?? ""), number: next + offset)
                }
                next += 5
            } else {
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        return (statuses, slowest)
    }

    /// Runs the private server's script with `command` (`stop`, `start`); `true` on success.
    private static func server(_ command: String) throws -> Bool {
        guard let script = ProcessInfo.processInfo.environment["HERALD_TEST_POSTGRES_SERVER_SCRIPT"] else { return false }
        // Without the URL variable the script manages its own server instead of deferring to it.
        var environment = ProcessInfo.processInfo.environment
        environment[PostgresTestDatabase.environmentVariable] = nil
        return try CommandRun.run(script, [command], environment: environment).succeeded
    }
}
