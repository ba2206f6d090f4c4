import XCTest

/// Queues are spread over both storage nodes by the router's catalog.
final class PlacementTests: ClusterTestCase {
    func testTwentyQueuesLandOnBothNodes() async throws {
        let client = try await makeClient()
        let queues = (0..<20).map { String(format: "spread-%02d", $0) }
        for (index, queue) in queues.enumerated() {
            try await postMessages(client, queue: queue, count: 2, start: index * 10)
        }

        // Every queue answers with its own messages through the router.
        for (index, queue) in queues.enumerated() {
            let listing = try await client.get("/v2/queues/\(queue)/messages?echo=true")
            XCTAssertEqual(try numbers(in: listing), [index * 10, index * 10 + 1], queue)
        }
        let listed = try await client.get("/v2/queues?limit=20")
        let names = try listed.json()["queues"]?.array?.compactMap { $0["name"]?.string } ?? []
        XCTAssertEqual(names, queues)

        // Both nodes' SQLite files hold message rows (40 in total).
        let cluster = try cluster
        var perNode: [Int] = []
        for index in 0..<HeraldCluster.nodeCount {
            let file = cluster.nodeDatabase(index)
            let tables = try SQLiteInspector.tableNames(in: file)
            XCTAssertTrue(tables.contains { $0.lowercased().contains("message") }, "node\(index + 1) tables: \(tables)")
            perNode.append(try SQLiteInspector.rowCount(in: file, tablesContaining: "message"))
        }
        XCTAssertTrue(perNode.allSatisfy { $0 > 0 }, "messages per node: \(perNode)")
        XCTAssertGreaterThanOrEqual(perNode.reduce(0, +), 40, "messages per node: \(perNode)")
    }
}
