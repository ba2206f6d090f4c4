import Shared
import XCTest

/// `nodeStats` over the wire: `RemoteQueueStore` → `RPCServer` → `SQLiteQueueStore`.
final class RPCNodeStatsTests: XCTestCase {
    func testNodeStatsTravelTheRPC() async throws {
        let node = try await startNode()
        let client = makeClient(node)

        let empty = try await client.nodeStats()
        XCTAssertEqual(empty, .empty)

        let jobs = QueueRef(project: "p1", name: "jobs")
        let mail = QueueRef(project: "p2", name: "mail")
        _ = try await client.postMessages(jobs, clientID: "c", messages: [NewMessage(body: Array("1".utf8)), NewMessage(body: Array("2".utf8))], requestSize: 10)
        _ = try await client.postMessages(mail, clientID: "c", messages: [NewMessage(body: Array("3".utf8))], requestSize: 10)
        _ = try await client.createClaim(jobs, ttl: 300, grace: 60, limit: 1)

        let remote = try await client.nodeStats()
        let local = try await node.store.nodeStats()
        XCTAssertEqual(remote, local)
        XCTAssertEqual(remote, NodeStats(queues: 2, messages: .init(free: 2, claimed: 1)))
    }
}
