import XCTest

/// Acknowledged data survives `kill -9` of a storage node or of the router.
final class DurabilityTests: ClusterTestCase {
    private let queues = (0..<6).map { "durable-\($0)" }

    /// Posts 10 messages to each queue and returns the acknowledged ids per queue.
    private func seed(_ client: HeraldClient) async throws -> [String: [String]] {
        var acknowledged: [String: [String]] = [:]
        for (index, queue) in queues.enumerated() {
            let created = try await client.put("/v2/queues/\(queue)", body: #"{"owner": "\#(queue)"}"#)
            XCTAssertEqual(created.status, 201, "\(created)")
            acknowledged[queue] = try await postMessages(client, queue: queue, count: 10, start: index * 100)
        }
        return acknowledged
    }

    /// Asserts that every acknowledged message is readable, retrying while the router
    /// reconnects to a restarted node.
    private func assertAllPresent(
        _ client: HeraldClient,
        _ acknowledged: [String: [String]],
        file: StaticString = #filePath,
        line: UInt = #line
    ) async throws {
        for (queue, ids) in acknowledged.sorted(by: { $0.key < $1.key }) {
            let response = try await client.eventually(
                "messages of \(queue)",
                request: { try await $0.get("/v2/queues/\(queue)/messages?ids=\(ids.joined(separator: ","))") },
                until: { $0.status == 200 }
            )
            let found = try response.json()["messages"]?.array?.compactMap { $0["id"]?.string } ?? []
            XCTAssertEqual(Set(found), Set(ids), "\(queue) lost acknowledged messages", file: file, line: line)
            let metadata = try await client.get("/v2/queues/\(queue)")
            XCTAssertEqual(try metadata.json()["owner"]?.string, queue, "\(metadata)", file: file, line: line)
        }
    }

    func testStorageNodeCrashLosesNoAcknowledgedMessage() async throws {
        let client = try await makeClient()
        let acknowledged = try await seed(client)
        let cluster = try cluster

        for node in 0..<HeraldCluster.nodeCount {
            await cluster.killNode(node)
            let down = try await client.eventually(
                "ping to report the dead node",
                request: { try await $0.get("/v2/ping") },
                until: { $0.status != 204 }
            )
            XCTAssertEqual(down.status, 503, "\(down)")

            try await cluster.restartNode(node)
            _ = try await client.eventually("router to reconnect", request: { try await $0.get("/v2/ping") }) {
                $0.status == 204
            }
            try await assertAllPresent(client, acknowledged)
        }

        // The restarted nodes accept new writes into the same queues.
        let more = try await postMessages(client, queue: "durable-0", count: 1, start: 999)
        XCTAssertEqual(more.count, 1)
    }

    func testRouterCrashKeepsDataAndCatalogMapping() async throws {
        let client = try await makeClient()
        let acknowledged = try await seed(client)
        let cluster = try cluster

        await cluster.killRouter()
        try await cluster.restartRouter()
        try await assertAllPresent(client, acknowledged)

        // The catalog still maps each queue to the node that holds its data: listings
        // return the same messages in order, and the queue list is unchanged.
        for (index, queue) in queues.enumerated() {
            let listing = try await client.get("/v2/queues/\(queue)/messages?echo=true&limit=20")
            XCTAssertEqual(try numbers(in: listing), Array((index * 100)..<(index * 100 + 10)), queue)
        }
        let listed = try await client.get("/v2/queues?limit=20")
        XCTAssertEqual(try listed.json()["queues"]?.array?.compactMap { $0["name"]?.string }, queues)
    }
}
