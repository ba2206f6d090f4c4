import Foundation
import XCTest

/// Base class of every cluster scenario: starts a fresh cluster (2 nodes + router, real
/// processes and sockets) before each test and always stops it afterwards, also when the
/// test fails. Subclasses override `routerFlags` to change the router configuration, or
/// `clusterConfiguration()` for more nodes, several routers or another catalog (it may throw
/// `XCTSkip`).
class ClusterTestCase: XCTestCase {
    /// Extra flags passed to `herald-router`.
    class var routerFlags: [String] { [] }

    /// The cluster each test of the class gets; by default two nodes, one router with `routerFlags`.
    func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(routerFlags: Self.routerFlags)
    }

    private nonisolated(unsafe) var runningCluster: HeraldCluster?

    override func setUp() async throws {
        try await super.setUp()
        continueAfterFailure = true
        runningCluster = try await HeraldCluster.start(try await clusterConfiguration())
    }

    override func tearDown() async throws {
        if let cluster = runningCluster {
            runningCluster = nil
            let failed = (testRun?.failureCount ?? 0) + (testRun?.unexpectedExceptionCount ?? 0) > 0
            if failed {
                print("=== cluster logs for \(name) ===\n\(await cluster.logs())")
            }
            await cluster.shutdown(removeFiles: !failed)
        }
        try await super.tearDown()
    }

    /// The cluster of the current test.
    var cluster: HeraldCluster {
        get throws {
            guard let runningCluster else { throw ClusterError.invalidRequest("cluster not started") }
            return runningCluster
        }
    }

    /// A client pointed at router `router` (0-based) with a fresh Client-ID and project `cluster-tests`.
    func makeClient(project: String = "cluster-tests", router: Int = 0) async throws -> HeraldClient {
        let cluster = try cluster
        var client = HeraldClient(host: cluster.host, port: await cluster.routerPorts[router])
        client.projectID = project
        return client
    }

    /// Asserts the status code of `response`, printing the body on mismatch.
    func expectStatus(
        _ expected: Int,
        _ response: HeraldResponse,
        _ message: String = "",
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        XCTAssertEqual(response.status, expected, "\(message) \(response)", file: file, line: line)
    }

    /// Builds a `{"messages": [...]}` body of `count` messages whose bodies are `{"n": i}`.
    func messagesBody(count: Int, ttl: Int? = nil, start: Int = 0) -> String {
        let items = (start..<(start + count)).map { index in
            if let ttl { return #"{"body": {"n": \#(index)}, "ttl": \#(ttl)}"# }
            return #"{"body": {"n": \#(index)}}"#
        }
        return #"{"messages": [\#(items.joined(separator: ", "))]}"#
    }

    /// Posts `count` messages and returns their ids (asserting a 201).
    @discardableResult
    func postMessages(
        _ client: HeraldClient,
        queue: String,
        count: Int,
        ttl: Int? = nil,
        start: Int = 0,
        file: StaticString = #filePath,
        line: UInt = #line
    ) async throws -> [String] {
        let response = try await client.post(
            "/v2/queues/\(queue)/messages",
            body: messagesBody(count: count, ttl: ttl, start: start)
        )
        XCTAssertEqual(response.status, 201, "\(response)", file: file, line: line)
        let resources = try response.json()["resources"]?.array ?? []
        XCTAssertEqual(resources.count, count, file: file, line: line)
        return resources.compactMap { $0.string?.split(separator: "/").last.map(String.init) }
    }

    /// The message bodies' `n` values of a list/claim response, in order.
    /// Creates `queue` on `pool` (`node1` or `node2`) by draining the other pool for the
    /// moment; needs a router in admin mode. The other pool keeps weight 0 afterwards.
    func createQueue(_ queue: String, on pool: String, client: HeraldClient) async throws {
        let other = pool == "node1" ? "node2" : "node1"
        expectStatus(200, try await client.adminPatch("/v2/pools/\(other)", body: #"{"weight": 0}"#))
        expectStatus(200, try await client.adminPatch("/v2/pools/\(pool)", body: #"{"weight": 100}"#))
        expectStatus(201, try await client.put("/v2/queues/\(queue)", body: "{}"))
        let placed = try await client.poolOf(queue: queue)
        XCTAssertEqual(placed, pool, "\(queue) placed on \(pool)")
    }

    func numbers(in response: HeraldResponse) throws -> [Int] {
        (try response.json()["messages"]?.array ?? []).compactMap { $0["body"]?["n"]?.int }
    }

    /// Reads every acknowledged message (id → the `n` of its body) back by id, 20 at a time,
    /// and asserts that none is missing and none has another `n`.
    func assertStored(_ messages: [String: Int], in queue: String, client: HeraldClient) async throws {
        let ids = messages.keys.sorted()
        var found: [String: Int] = [:]
        for start in stride(from: 0, to: ids.count, by: 20) {
            let chunk = ids[start..<min(start + 20, ids.count)].joined(separator: ",")
            let response = try await client.eventually(
                "messages of \(queue)", request: { try await $0.get("/v2/queues/\(queue)/messages?ids=\(chunk)") },
                until: { $0.status == 200 })
            for message in try response.json()["messages"]?.array ?? [] {
                if let id = message["id"]?.string, let number = message["body"]?["n"]?.int { found[id] = number }
            }
        }
        let lost = ids.filter { found[$0] == nil }
        XCTAssertEqual(lost.count, 0, "\(queue): \(lost.count) of \(ids.count) acknowledged messages lost")
        let altered = ids.filter { found[$0] != nil && found[$0] != messages[$0] }
        XCTAssertEqual(altered.count, 0, "\(queue): \(altered.count) messages came back with another body")
    }

    /// Drains `queue` with claims that outlive the test (TTL 300 s) and deletes what they
    /// deliver, then asserts that every acknowledged message (id → the `n` of its body) was
    /// delivered exactly once with its body: with no claim expiring, none may come twice.
    /// Messages whose post was never answered may be delivered too.
    func assertDrainedOnce(_ messages: [String: Int], from queue: String, client: HeraldClient) async throws {
        var deliveries: [String: [Int]] = [:]
        for _ in 0..<10_000 {
            let claim = try await client.eventually(
                "a claim on \(queue)", request: { try await $0.post("/v2/queues/\(queue)/claims?limit=20", body: #"{"ttl": 300, "grace": 60}"#) },
                until: { $0.status == 201 || $0.status == 204 })
            guard claim.status == 201 else { break }
            var ids: [String] = []
            for message in try claim.json()["messages"]?.array ?? [] {
                guard let href = message["href"]?.string, let path = href.split(separator: "?").first,
                      let id = path.split(separator: "/").last else { continue }
                ids.append(String(id))
                deliveries[String(id), default: []].append(message["body"]?["n"]?.int ?? -1)
            }
            let path = "/v2/queues/\(queue)/messages?ids=\(ids.joined(separator: ","))"
            let deleted = try await client.eventually(
                "deleting claimed messages of \(queue)", request: { try await $0.delete(path) },
                until: { $0.status == 204 })
            expectStatus(204, deleted)
        }
        let missing = messages.keys.filter { deliveries[$0] == nil }
        XCTAssertEqual(missing.count, 0, "\(queue): \(missing.count) of \(messages.count) acknowledged messages never delivered")
        let twice = deliveries.filter { $0.value.count > 1 }
        XCTAssertEqual(twice.count, 0, "\(queue): \(twice.count) messages delivered more than once without an expired claim")
        let altered = messages.filter { deliveries[$0.key] != nil && deliveries[$0.key]?.first != $0.value }
        XCTAssertEqual(altered.count, 0, "\(queue): \(altered.count) messages delivered with another body")
    }
}
