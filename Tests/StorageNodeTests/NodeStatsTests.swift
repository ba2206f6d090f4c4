import Shared
import StorageNode
import XCTest

/// Node-wide counts over every project and queue of one store.
final class NodeStatsTests: StoreTestCase {
    func testEmptyNodeCountsNothing() async throws {
        let stats = try await store.nodeStats()
        XCTAssertEqual(stats, .empty)
    }

    func testCountsQueuesAndFreeAndClaimedMessagesAcrossProjects() async throws {
        let other = QueueRef(project: "project-b", name: "mail")
        _ = try await store.createQueue(queue, metadata: .empty)
        _ = try await store.createQueue(other, metadata: .empty)
        _ = try await store.createQueue(QueueRef(project: "project-b", name: "idle"), metadata: .empty)
        try await post(["a", "b", "c"])
        try await post(["d", "e"], to: other)
        _ = try await store.createClaim(queue, ttl: 60, grace: 0, limit: 2)

        let stats = try await store.nodeStats()
        XCTAssertEqual(stats.queues, 3)
        XCTAssertEqual(stats.messages.free, 3)
        XCTAssertEqual(stats.messages.claimed, 2)
        XCTAssertEqual(stats.messages.total, 5)
    }

    func testExpiredMessagesAndClaimsAreNotCounted() async throws {
        _ = try await store.createQueue(queue, metadata: .empty)
        try await post(["long-1", "long-2"], ttl: 3600)
        try await post(["short"], ttl: 60)
        _ = try await store.createClaim(queue, ttl: 120, grace: 0, limit: 2)

        let claimed = try await store.nodeStats()
        XCTAssertEqual(claimed.messages, NodeStats.MessageCounts(free: 1, claimed: 2))

        clock.advance(seconds: 61)
        let shortExpired = try await store.nodeStats()
        XCTAssertEqual(shortExpired.messages, NodeStats.MessageCounts(free: 0, claimed: 2), "the 60 s message expired")

        clock.advance(seconds: 120)
        let claimExpired = try await store.nodeStats()
        XCTAssertEqual(claimExpired.messages, NodeStats.MessageCounts(free: 2, claimed: 0), "the claim lapsed")
        XCTAssertEqual(claimExpired.queues, 1)
    }

    func testDeletedQueueLeavesTheCounts() async throws {
        try await post(["x", "y"])
        let before = try await store.nodeStats()
        XCTAssertEqual(before.messages.total, 2)
        try await store.deleteQueue(queue)
        let after = try await store.nodeStats()
        XCTAssertEqual(after, .empty)
    }
}
