import Shared
import StorageNode
import XCTest

final class QueueLifecycleTests: StoreTestCase {
    func testCreateKeepsFirstMetadataAndReturnsItVerbatim() async throws {
        let first = metadata(QueueSettings(defaultMessageTTL: 120, maxClaimCount: 3), json: #"{"a": 1, "_default_message_ttl":120}"#)
        let created = try await store.createQueue(queue, metadata: first)
        XCTAssertTrue(created)
        let again = try await store.createQueue(queue, metadata: metadata(QueueSettings()))
        XCTAssertFalse(again)
        let stored = try await store.queueMetadata(queue)
        XCTAssertEqual(stored, first)
    }

    func testSetMetadataReplacesAndRequiresQueue() async throws {
        await assertThrows(.queueNotFound) {
            try await self.store.setQueueMetadata(self.queue, metadata: self.metadata(QueueSettings()))
        }
        _ = try await store.createQueue(queue, metadata: .empty)
        let replacement = metadata(
            QueueSettings(
                defaultMessageTTL: 100, maxMessagesPostSize: 10, defaultMessageDelay: 5, deadLetterQueue: "dlq",
                deadLetterQueueMessagesTTL: 300, maxClaimCount: 2, enableEncryptMessages: true
            ),
            json: #"{"x":[1,2]}"#
        )
        try await store.setQueueMetadata(queue, metadata: replacement)
        let stored = try await store.queueMetadata(queue)
        XCTAssertEqual(stored, replacement)
    }

    func testMissingQueueReadsAsAbsentOrEmpty() async throws {
        let metadata = try await store.queueMetadata(queue)
        XCTAssertNil(metadata)
        let stats = try await store.stats(queue)
        XCTAssertEqual(stats, .empty)
        let page = try await list()
        XCTAssertEqual(page.messages, [])
        let claim = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5)
        XCTAssertNil(claim)
        let popped = try await store.popMessages(queue, limit: 5)
        XCTAssertEqual(popped, [])
        try await store.deleteQueue(queue)
        try await store.purge(queue, messages: true, subscriptions: true)
        try await store.deleteMessage(queue, id: "0123456789abcdef0123456789abcdef", claimID: nil)
        try await store.deleteClaim(queue, id: "0123456789abcdef0123456789abcdef")
        try await store.ping()
    }

    func testPostCreatesQueueLazilyWithEmptyMetadata() async throws {
        try await post(["a"])
        let stored = try await store.queueMetadata(queue)
        XCTAssertEqual(stored, .empty)
    }

    func testQueuesAreScopedByProject() async throws {
        let other = QueueRef(project: "project-b", name: queue.name)
        try await post(["mine"])
        try await post(["theirs"], to: other)
        let mine = try await list()
        XCTAssertEqual(bodies(mine.messages), ["\"mine\""])
        try await store.deleteQueue(other)
        let stillMine = try await list()
        XCTAssertEqual(stillMine.messages.count, 1)
    }

    func testDeleteQueueRemovesMessagesAndClaims() async throws {
        try await post(["a", "b"])
        let claim = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1)
        let claimID = try XCTUnwrap(claim?.claimID)
        try await store.deleteQueue(queue)
        let metadata = try await store.queueMetadata(queue)
        XCTAssertNil(metadata)
        _ = try await store.createQueue(queue, metadata: .empty)
        let page = try await list(includeClaimed: true)
        XCTAssertEqual(page.messages, [])
        let info = try await store.getClaim(queue, id: claimID)
        XCTAssertNil(info)
        let rows = try await store.storedRowCounts()
        XCTAssertEqual(rows.messages, 0)
        XCTAssertEqual(rows.claims, 0)
    }

    func testStatsCountFreeClaimedAndEndpoints() async throws {
        let first = try await post(["a", "b"])
        clock.advance(seconds: 5)
        let last = try await post(["c"])
        clock.advance(seconds: 2)
        _ = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1)
        let stats = try await store.stats(queue)
        XCTAssertEqual(stats.free, 2)
        XCTAssertEqual(stats.claimed, 1)
        XCTAssertEqual(stats.total, 3)
        XCTAssertEqual(stats.oldest?.id, first[0])
        XCTAssertEqual(stats.oldest?.age, 7)
        XCTAssertEqual(stats.newest?.id, last[0])
        XCTAssertEqual(stats.newest?.age, 2)
        XCTAssertEqual(stats.newest?.createdMillis, clock.nowMillis() - 2000)
    }

    func testStatsCountDelayedAsFree() async throws {
        _ = try await store.createQueue(queue, metadata: metadata(QueueSettings(defaultMessageDelay: 30)))
        try await post(["later"])
        let stats = try await store.stats(queue)
        XCTAssertEqual(stats.free, 1)
        XCTAssertEqual(stats.claimed, 0)
    }

    func testPurgeDeletesClaimedDelayedAndFreeMessages() async throws {
        _ = try await store.createQueue(queue, metadata: metadata(QueueSettings(defaultMessageDelay: 30)))
        try await post(["delayed"])
        try await post(["now"], delay: 0)
        let claim = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5)
        XCTAssertEqual(claim?.messages.count, 1)
        try await store.purge(queue, messages: false, subscriptions: true)
        let before = try await store.stats(queue)
        XCTAssertEqual(before.total, 2)
        try await store.purge(queue, messages: true, subscriptions: false)
        let after = try await store.stats(queue)
        XCTAssertEqual(after, .empty)
        let info = try await store.getClaim(queue, id: try XCTUnwrap(claim?.claimID))
        XCTAssertNil(info)
        let metadata = try await store.queueMetadata(queue)
        XCTAssertNotNil(metadata, "purge keeps the queue")
    }
}
