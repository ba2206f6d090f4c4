import Shared
import StorageNode
import XCTest

final class MessagePostListTests: StoreTestCase {
    func testPostReturnsOpaqueHexIdsInInputOrder() async throws {
        let ids = try await post(["a", "b", "c"])
        XCTAssertEqual(ids.count, 3)
        XCTAssertEqual(Set(ids).count, 3)
        for id in ids {
            XCTAssertEqual(id.count, 32)
            XCTAssertTrue(id.allSatisfy { "0123456789abcdef".contains($0) }, id)
        }
        let page = try await list()
        XCTAssertEqual(page.messages.map(\.id), ids)
        XCTAssertEqual(bodies(page.messages), ["\"a\"", "\"b\"", "\"c\""])
    }

    func testListingPagesWithMarkers() async throws {
        let ids = try await post(["1", "2", "3", "4", "5"])
        let first = try await list(limit: 2)
        XCTAssertEqual(first.messages.map(\.id), Array(ids[0..<2]))
        XCTAssertLessThan(first.messages[0].sequence, first.messages[1].sequence)
        let second = try await list(marker: first.messages.last?.sequence, limit: 2)
        XCTAssertEqual(second.messages.map(\.id), Array(ids[2..<4]))
        let third = try await list(marker: second.messages.last?.sequence, limit: 2)
        XCTAssertEqual(third.messages.map(\.id), [ids[4]])
        let empty = try await list(marker: third.messages.last?.sequence, limit: 2)
        XCTAssertEqual(empty.messages, [])
    }

    func testEchoHidesOwnMessagesUnlessRequested() async throws {
        try await post(["mine"], clientID: "me")
        try await post(["yours"], clientID: "you")
        let noEcho = try await list(clientID: "me")
        XCTAssertEqual(bodies(noEcho.messages), ["\"yours\""])
        let echo = try await list(clientID: "me", echo: true)
        XCTAssertEqual(bodies(echo.messages), ["\"mine\"", "\"yours\""])
    }

    func testIncludeClaimedShowsLiveClaimedMessagesWithTheirClaim() async throws {
        let ids = try await post(["a", "b"])
        let claim = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1)
        let hidden = try await list()
        XCTAssertEqual(hidden.messages.map(\.id), [ids[1]])
        let shown = try await list(includeClaimed: true)
        XCTAssertEqual(shown.messages.map(\.id), ids)
        XCTAssertEqual(shown.messages[0].claimID, claim?.claimID)
        XCTAssertNil(shown.messages[1].claimID)
    }

    func testTTLDefaultsMessageThenQueueThenService() async throws {
        try await post(["service"])
        let other = QueueRef(project: queue.project, name: "custom")
        _ = try await store.createQueue(other, metadata: metadata(QueueSettings(defaultMessageTTL: 120)))
        try await post(["queue"], to: other)
        try await post(["message"], to: other, ttl: 90)
        let service = try await list()
        XCTAssertEqual(service.messages.map(\.ttl), [3600])
        let custom = try await list(other)
        XCTAssertEqual(custom.messages.map(\.ttl), [120, 90])
    }

    func testMessagesExpireAfterTheirTTL() async throws {
        let ids = try await post(["short"], ttl: 60)
        try await post(["long"], ttl: 600)
        clock.advance(seconds: 59)
        let before = try await list()
        XCTAssertEqual(before.messages.count, 2)
        XCTAssertEqual(before.messages.first?.age, 59)
        clock.advance(seconds: 1)
        let after = try await list()
        XCTAssertEqual(bodies(after.messages), ["\"long\""])
        let byID = try await store.getMessages(queue, ids: ids)
        XCTAssertEqual(byID, [])
        let stats = try await store.stats(queue)
        XCTAssertEqual(stats.total, 1)
    }

    func testPostTooLargeStoresNothing() async throws {
        _ = try await store.createQueue(queue, metadata: metadata(QueueSettings(maxMessagesPostSize: 50)))
        await assertThrows(.postTooLarge(limit: 50)) {
            _ = try await self.store.postMessages(
                self.queue, clientID: "c", messages: [NewMessage(body: self.body("x"))], requestSize: 51
            )
        }
        let ids = try await store.postMessages(queue, clientID: "c", messages: [NewMessage(body: body("x"))], requestSize: 50)
        XCTAssertEqual(ids.count, 1)
        let stats = try await store.stats(queue)
        XCTAssertEqual(stats.total, 1)
    }

    func testChecksumAndBodyAreReturnedAsStored() async throws {
        let body = Array(#"{"event":"BackupStarted","n":[1,null]}"#.utf8)
        let ids = try await store.postMessages(
            queue, clientID: "c", messages: [NewMessage(body: body, checksum: "MD5:82eb2714b7c0237d373947c046cac78d"), NewMessage(body: Array("null".utf8))],
            requestSize: 10
        )
        let messages = try await store.getMessages(queue, ids: ids)
        XCTAssertEqual(messages.map(\.body), [body, Array("null".utf8)])
        XCTAssertEqual(messages.map(\.checksum), ["MD5:82eb2714b7c0237d373947c046cac78d", nil])
    }

    func testGetMessagesFollowsIdOrderSkipsUnknownAndIgnoresClaims() async throws {
        let ids = try await post(["a", "b", "c"], clientID: "reader")
        _ = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1)
        let wanted = [ids[2], "not-an-id", "ffffffffffffffffffffffffffffffff", ids[0], ids[2]]
        let messages = try await store.getMessages(queue, ids: wanted)
        XCTAssertEqual(messages.map(\.id), [ids[2], ids[0]])
        XCTAssertNotNil(messages[1].claimID)
        let otherQueue = try await store.getMessages(QueueRef(project: queue.project, name: "other"), ids: ids)
        XCTAssertEqual(otherQueue, [])
    }

    func testNonDelayedQueueIgnoresDelayAndForcesIncludeDelayed() async throws {
        let ids = try await post(["a"], delay: 600)
        let page = try await list(includeDelayed: false)
        XCTAssertTrue(page.includeDelayed)
        XCTAssertEqual(page.messages.map(\.id), ids)
        let claim = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5)
        XCTAssertEqual(claim?.messages.map(\.id), ids)
    }

    func testDelayedQueueHidesDelayedMessagesUntilVisible() async throws {
        _ = try await store.createQueue(queue, metadata: metadata(QueueSettings(defaultMessageDelay: 30)))
        let delayed = try await post(["default-delay"])
        let immediate = try await post(["no-delay"], delay: 0)
        let longer = try await post(["long-delay"], delay: 100)

        let visible = try await list()
        XCTAssertFalse(visible.includeDelayed)
        XCTAssertEqual(visible.messages.map(\.id), immediate)
        let all = try await list(includeDelayed: true)
        XCTAssertTrue(all.includeDelayed)
        XCTAssertEqual(all.messages.map(\.id), delayed + immediate + longer)

        let popped = try await store.popMessages(queue, limit: 5)
        XCTAssertEqual(popped.map(\.id), immediate)
        let nothing = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5)
        XCTAssertNil(nothing)

        clock.advance(seconds: 30)
        let later = try await list()
        XCTAssertEqual(later.messages.map(\.id), delayed)
        let claim = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5)
        XCTAssertEqual(claim?.messages.map(\.id), delayed)
        let byID = try await store.getMessages(queue, ids: longer)
        XCTAssertEqual(byID.map(\.id), longer, "get by id ignores delays")
    }

    func testPopTakesOldestUnclaimedAndRemovesThem() async throws {
        let ids = try await post(["1", "2", "3", "4"])
        let claim = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1)
        XCTAssertEqual(claim?.messages.map(\.id), [ids[0]])
        let popped = try await store.popMessages(queue, limit: 2)
        XCTAssertEqual(popped.map(\.id), [ids[1], ids[2]])
        XCTAssertTrue(popped.allSatisfy { $0.claimID == nil && $0.claimCount == 0 })
        let remaining = try await list(includeClaimed: true)
        XCTAssertEqual(remaining.messages.map(\.id), [ids[0], ids[3]])
        let rest = try await store.popMessages(queue, limit: 20)
        XCTAssertEqual(rest.map(\.id), [ids[3]])
        let none = try await store.popMessages(queue, limit: 20)
        XCTAssertEqual(none, [])
    }

    func testNonPositiveLimitsReturnNothing() async throws {
        try await post(["a"])
        let page = try await list(limit: 0)
        XCTAssertEqual(page.messages, [])
        let popped = try await store.popMessages(queue, limit: -1)
        XCTAssertEqual(popped, [])
        let claim = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 0)
        XCTAssertNil(claim)
    }
}
