import Shared
import StorageNode
import XCTest

final class DeleteTests: StoreTestCase {
    let unknownClaim = "0123456789abcdef0123456789abcdef"

    private func exists(_ id: String) async throws -> Bool {
        try await !store.getMessages(queue, ids: [id]).isEmpty
    }

    func testNonexistentMessageDeletesSucceed() async throws {
        try await post(["keep"])
        let missing = "ffffffffffffffffffffffffffffffff"
        try await store.deleteMessage(queue, id: missing, claimID: nil)
        try await store.deleteMessage(queue, id: missing, claimID: unknownClaim)
        try await store.deleteMessage(queue, id: missing, claimID: "malformed")
        try await store.deleteMessage(queue, id: "garbage", claimID: nil)
        let stats = try await store.stats(queue)
        XCTAssertEqual(stats.total, 1)
    }

    func testUnclaimedMessage() async throws {
        let ids = try await post(["a"])
        await assertThrows(.messageNotClaimed) {
            try await self.store.deleteMessage(self.queue, id: ids[0], claimID: self.unknownClaim)
        }
        await assertThrows(.claimDoesNotExist) {
            try await self.store.deleteMessage(self.queue, id: ids[0], claimID: "not-hex")
        }
        let stillThere = try await exists(ids[0])
        XCTAssertTrue(stillThere)
        try await store.deleteMessage(queue, id: ids[0], claimID: nil)
        let gone = try await exists(ids[0])
        XCTAssertFalse(gone)
    }

    func testClaimedMessage() async throws {
        let ids = try await post(["a", "b"])
        let mine = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1))
        let theirs = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1))
        await assertThrows(.messageClaimed) {
            try await self.store.deleteMessage(self.queue, id: ids[0], claimID: nil)
        }
        await assertThrows(.messageClaimed) {
            try await self.store.deleteMessage(self.queue, id: ids[0], claimID: theirs.claimID)
        }
        await assertThrows(.claimDoesNotExist) {
            try await self.store.deleteMessage(self.queue, id: ids[0], claimID: self.unknownClaim)
        }
        await assertThrows(.claimDoesNotExist) {
            try await self.store.deleteMessage(self.queue, id: ids[0], claimID: "MALFORMED")
        }
        let stillThere = try await exists(ids[0])
        XCTAssertTrue(stillThere)
        try await store.deleteMessage(queue, id: ids[0], claimID: mine.claimID)
        let gone = try await exists(ids[0])
        XCTAssertFalse(gone)
    }

    func testClaimOfAnotherQueueDoesNotExistHere() async throws {
        let ids = try await post(["a"])
        let other = QueueRef(project: queue.project, name: "other")
        try await post(["b"], to: other)
        let foreign = try await XCTUnwrapAsync(try await store.createClaim(other, ttl: 60, grace: 60, limit: 1))
        _ = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1)
        await assertThrows(.claimDoesNotExist) {
            try await self.store.deleteMessage(self.queue, id: ids[0], claimID: foreign.claimID)
        }
    }

    func testExpiredClaimCannotDelete() async throws {
        let ids = try await post(["a"])
        let claim = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1))
        clock.advance(seconds: 61)
        await assertThrows(.messageNotClaimed) {
            try await self.store.deleteMessage(self.queue, id: ids[0], claimID: claim.claimID)
        }
        try await store.deleteMessage(queue, id: ids[0], claimID: nil)
        let gone = try await exists(ids[0])
        XCTAssertFalse(gone)
    }

    func testBulkDeleteWithoutClaimIDsIgnoresClaims() async throws {
        let ids = try await post(["a", "b", "c"])
        _ = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1)
        try await store.deleteMessages(queue, ids: [ids[0], ids[1], "unknown"], claimIDs: nil)
        let left = try await list(includeClaimed: true)
        XCTAssertEqual(left.messages.map(\.id), [ids[2]])
    }

    func testBulkDeleteWithClaimIDsRequiresEveryMessageHeld() async throws {
        let ids = try await post(["a", "b", "c"])
        let first = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1))
        let second = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1))

        await assertThrows(.claimMismatch) {
            try await self.store.deleteMessages(self.queue, ids: [ids[0], ids[2]], claimIDs: [first.claimID])
        }
        await assertThrows(.claimMismatch) {
            try await self.store.deleteMessages(self.queue, ids: [ids[0], ids[1]], claimIDs: [first.claimID])
        }
        let untouched = try await store.stats(queue)
        XCTAssertEqual(untouched.total, 3)

        let missing = "ffffffffffffffffffffffffffffffff"
        try await store.deleteMessages(
            queue, ids: [ids[0], ids[1], missing], claimIDs: [first.claimID, second.claimID]
        )
        let left = try await list(includeClaimed: true)
        XCTAssertEqual(left.messages.map(\.id), [ids[2]])
    }
}
