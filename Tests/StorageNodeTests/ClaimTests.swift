import Shared
import StorageNode
import XCTest

final class ClaimTests: StoreTestCase {
    func testClaimTakesOldestFirstAndNeverTwice() async throws {
        let ids = try await post(["1", "2", "3"])
        let first = try await store.createClaim(queue, ttl: 100, grace: 60, limit: 2)
        let claim = try XCTUnwrap(first)
        XCTAssertEqual(claim.claimID.count, 32)
        XCTAssertEqual(claim.messages.map(\.id), Array(ids[0..<2]))
        XCTAssertTrue(claim.messages.allSatisfy { $0.claimID == claim.claimID })
        let second = try await store.createClaim(queue, ttl: 100, grace: 60, limit: 5)
        XCTAssertEqual(second?.messages.map(\.id), [ids[2]])
        XCTAssertNotEqual(second?.claimID, claim.claimID)
        let third = try await store.createClaim(queue, ttl: 100, grace: 60, limit: 5)
        XCTAssertNil(third)
    }

    func testGetClaimReportsTTLAgeAndHeldMessages() async throws {
        let ids = try await post(["1", "2"])
        let claim = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 100, grace: 60, limit: 5))
        clock.advance(seconds: 10)
        let info = try await XCTUnwrapAsync(try await store.getClaim(queue, id: claim.claimID))
        XCTAssertEqual(info.id, claim.claimID)
        XCTAssertEqual(info.ttl, 100)
        XCTAssertEqual(info.age, 10)
        XCTAssertEqual(info.messages.map(\.id), ids)

        try await store.deleteMessage(queue, id: ids[0], claimID: claim.claimID)
        let afterDelete = try await store.getClaim(queue, id: claim.claimID)
        XCTAssertEqual(afterDelete?.messages.map(\.id), [ids[1]])

        let otherQueue = try await store.getClaim(QueueRef(project: queue.project, name: "other"), id: claim.claimID)
        XCTAssertNil(otherQueue)
        let unknown = try await store.getClaim(queue, id: "ffffffffffffffffffffffffffffffff")
        XCTAssertNil(unknown)
        let malformed = try await store.getClaim(queue, id: "nope")
        XCTAssertNil(malformed)
    }

    func testClaimExpiryReleasesMessages() async throws {
        let ids = try await post(["1"])
        let claim = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5))
        clock.advance(seconds: 60)
        let info = try await store.getClaim(queue, id: claim.claimID)
        XCTAssertNil(info)
        await assertThrows(.claimNotFound) {
            try await self.store.updateClaim(self.queue, id: claim.claimID, ttl: 60, grace: 60)
        }
        let page = try await list()
        XCTAssertEqual(page.messages.map(\.id), ids)
        XCTAssertNil(page.messages[0].claimID)
        let again = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5)
        XCTAssertEqual(again?.messages.map(\.id), ids)
    }

    func testUpdateClaimRenewsFromNowAndResetsAge() async throws {
        try await post(["1"], ttl: 1000)
        let claim = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5))
        clock.advance(seconds: 50)
        try await store.updateClaim(queue, id: claim.claimID, ttl: 120, grace: 60)
        let info = try await XCTUnwrapAsync(try await store.getClaim(queue, id: claim.claimID))
        XCTAssertEqual(info.ttl, 120)
        XCTAssertEqual(info.age, 0)
        clock.advance(seconds: 100)
        let stillLive = try await store.getClaim(queue, id: claim.claimID)
        XCTAssertEqual(stillLive?.messages.count, 1, "new expiry is now + ttl, past the original 60 s")
        clock.advance(seconds: 20)
        let lapsed = try await store.getClaim(queue, id: claim.claimID)
        XCTAssertNil(lapsed)
        await assertThrows(.claimNotFound) {
            try await self.store.updateClaim(self.queue, id: "bad", ttl: 60, grace: 60)
        }
    }

    func testClaimExtendsShortLivedMessages() async throws {
        let short = try await post(["short"], ttl: 60)
        let long = try await post(["long"], ttl: 1000)
        let claim = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 100, grace: 30, limit: 5))
        XCTAssertEqual(claim.messages.map(\.ttl), [130, 1000])
        clock.advance(seconds: 120)
        let byID = try await store.getMessages(queue, ids: short + long)
        XCTAssertEqual(byID.map(\.id), short + long, "the short message outlives its original ttl")
        XCTAssertEqual(byID.first?.age, 120)
        clock.advance(seconds: 10)
        let after = try await store.getMessages(queue, ids: short)
        XCTAssertEqual(after, [])
    }

    func testUpdateClaimExtendsMessagesWithTheNewTTL() async throws {
        let ids = try await post(["m"], ttl: 200)
        let claim = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5))
        XCTAssertEqual(claim.messages.first?.ttl, 200)
        try await store.updateClaim(queue, id: claim.claimID, ttl: 300, grace: 50)
        let message = try await store.getMessages(queue, ids: ids).first
        XCTAssertEqual(message?.ttl, 350)
        XCTAssertEqual(message?.claimID, claim.claimID)
    }

    func testDeleteClaimReleasesMessages() async throws {
        let ids = try await post(["1", "2"])
        let claim = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5))
        let hidden = try await list()
        XCTAssertEqual(hidden.messages, [])
        try await store.deleteClaim(queue, id: claim.claimID)
        let visible = try await list()
        XCTAssertEqual(visible.messages.map(\.id), ids)
        XCTAssertTrue(visible.messages.allSatisfy { $0.claimID == nil })
        let info = try await store.getClaim(queue, id: claim.claimID)
        XCTAssertNil(info)
        try await store.deleteClaim(queue, id: claim.claimID)
        try await store.deleteClaim(queue, id: "not-a-claim")
    }

    func testClaimCountOnlyCountsWhileDeadLetteringIsConfigured() async throws {
        try await post(["m"])
        let plain = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1))
        XCTAssertEqual(plain.messages.first?.claimCount, 0)
        try await store.deleteClaim(queue, id: plain.claimID)
        try await store.setQueueMetadata(queue, metadata: metadata(QueueSettings(deadLetterQueue: "dead", maxClaimCount: 5)))
        let counted = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1))
        XCTAssertEqual(counted.messages.first?.claimCount, 1)
        try await store.updateClaim(queue, id: counted.claimID, ttl: 90, grace: 60)
        try await store.deleteClaim(queue, id: counted.claimID)
        let popped = try await store.popMessages(queue, limit: 1)
        XCTAssertEqual(popped.first?.claimCount, 1, "updates keep the counter")
    }

    func testConcurrentClaimsNeverShareAMessage() async throws {
        var posted: [String] = []
        for batch in 0..<10 {
            posted += try await post((0..<10).map { "m\(batch)-\($0)" })
        }
        let store = self.store!
        let queue = self.queue
        let claims = try await withThrowingTaskGroup(of: ClaimResult?.self) { group in
            for _ in 0..<8 {
                group.addTask { try await store.createClaim(queue, ttl: 60, grace: 60, limit: 20) }
            }
            var results: [ClaimResult] = []
            for try await result in group {
                if let result { results.append(result) }
            }
            return results
        }
        let claimedIDs = claims.flatMap { $0.messages.map(\.id) }
        XCTAssertEqual(claimedIDs.count, 100)
        XCTAssertEqual(Set(claimedIDs), Set(posted))
        XCTAssertEqual(Set(claims.map(\.claimID)).count, claims.count)
        for claim in claims {
            XCTAssertTrue(claim.messages.allSatisfy { $0.claimID == claim.claimID })
            let sequences = claim.messages.map(\.sequence)
            XCTAssertEqual(sequences, sequences.sorted())
        }
    }
}

/// `XCTUnwrap` for values produced by an async expression.
func XCTUnwrapAsync<T>(
    _ expression: @autoclosure () async throws -> T?, file: StaticString = #filePath, line: UInt = #line
) async throws -> T {
    let value = try await expression()
    return try XCTUnwrap(value, file: file, line: line)
}
