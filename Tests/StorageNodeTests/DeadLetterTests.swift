import Shared
import StorageNode
import XCTest

final class DeadLetterTests: StoreTestCase {
    var deadLetters: QueueRef { QueueRef(project: queue.project, name: "dead") }

    private func configure(messagesTTL: Int?) async throws {
        let settings = QueueSettings(deadLetterQueue: "dead", deadLetterQueueMessagesTTL: messagesTTL, maxClaimCount: 2)
        _ = try await store.createQueue(queue, metadata: metadata(settings))
    }

    /// Claims and releases the message once; returns how many messages the claim took.
    private func claimAndRelease() async throws -> Int {
        guard let claim = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5) else { return 0 }
        try await store.deleteClaim(queue, id: claim.claimID)
        return claim.messages.count
    }

    func testMessageMovesAfterMaxClaimCount() async throws {
        try await configure(messagesTTL: 120)
        _ = try await store.createQueue(deadLetters, metadata: .empty)
        let ids = try await post(["poison"], ttl: 3600)
        let firstClaim = try await claimAndRelease()
        let secondClaim = try await claimAndRelease()
        XCTAssertEqual(firstClaim, 1)
        XCTAssertEqual(secondClaim, 1)
        clock.advance(seconds: 5)

        let third = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5)
        XCTAssertNil(third, "every selected message was moved")
        let source = try await store.stats(queue)
        XCTAssertEqual(source.total, 0)

        let moved = try await list(deadLetters)
        XCTAssertEqual(moved.messages.map(\.id), ids)
        let message = try XCTUnwrap(moved.messages.first)
        XCTAssertEqual(message.ttl, 120)
        XCTAssertNil(message.claimID)
        XCTAssertEqual(message.age, 5)
        XCTAssertEqual(bodies(moved.messages), ["\"poison\""])

        clock.advance(seconds: 120)
        let expired = try await list(deadLetters)
        XCTAssertEqual(expired.messages, [], "the DLQ ttl sets a new expiry from the move")
    }

    func testMovedMessageKeepsExpiryWithoutDeadLetterTTLAndResetsCount() async throws {
        try await configure(messagesTTL: nil)
        _ = try await store.createQueue(deadLetters, metadata: .empty)
        try await post(["poison"], ttl: 600)
        _ = try await claimAndRelease()
        _ = try await claimAndRelease()
        let third = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5)
        XCTAssertNil(third)
        let popped = try await store.popMessages(deadLetters, limit: 5)
        XCTAssertEqual(popped.count, 1)
        XCTAssertEqual(popped.first?.ttl, 600)
        XCTAssertEqual(popped.first?.claimCount, 0)
    }

    func testClaimReturnsOnlyMessagesNotMoved() async throws {
        try await configure(messagesTTL: nil)
        let old = try await post(["old"])
        _ = try await claimAndRelease()
        _ = try await claimAndRelease()
        let fresh = try await post(["fresh"])
        let claim = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5)
        XCTAssertEqual(claim?.messages.map(\.id), fresh)
        XCTAssertEqual(claim?.messages.first?.claimCount, 1)

        let invisible = try await list(deadLetters)
        XCTAssertEqual(invisible.messages, [], "a DLQ that was never created lists nothing")
        _ = try await store.createQueue(deadLetters, metadata: .empty)
        let visible = try await list(deadLetters)
        XCTAssertEqual(visible.messages.map(\.id), old)
    }

    func testMovedMessageIsAppendedAfterExistingDeadLetters() async throws {
        try await configure(messagesTTL: nil)
        _ = try await store.createQueue(deadLetters, metadata: .empty)
        let poison = try await post(["poison"])
        let earlier = try await post(["already-dead"], to: deadLetters)
        let firstPage = try await list(deadLetters)
        let marker = try XCTUnwrap(firstPage.messages.last?.sequence)
        _ = try await claimAndRelease()
        _ = try await claimAndRelease()
        _ = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5)
        XCTAssertEqual(firstPage.messages.map(\.id), earlier)
        let nextPage = try await list(deadLetters, marker: marker)
        XCTAssertEqual(nextPage.messages.map(\.id), poison, "paging after the marker still finds the moved message")
    }
}
