import Foundation
import Shared
import StorageNode
import XCTest

final class DurabilityAndGarbageTests: StoreTestCase {
    func testReopenedStoreHasEveryPostedMessage() async throws {
        var posted: [String] = []
        for index in 0..<50 {
            posted += try await post(["m\(index)"])
        }
        _ = try await store.createQueue(queue, metadata: metadata(QueueSettings(defaultMessageTTL: 100)))
        try store.close()

        store = try SQLiteQueueStore(path: storePath, clock: clock)
        var seen: [StoredMessage] = []
        var marker: Int64?
        while true {
            let page = try await list(marker: marker, limit: 20)
            guard let last = page.messages.last else { break }
            seen += page.messages
            marker = last.sequence
        }
        XCTAssertEqual(seen.map(\.id), posted)
        XCTAssertEqual(bodies(seen), (0..<50).map { "\"m\($0)\"" })

        let newer = try await post(["after-reopen"])
        let tail = try await list(marker: marker)
        XCTAssertEqual(tail.messages.map(\.id), newer, "sequences keep increasing after a reopen")
    }

    func testWritesAreFsyncedInWALMode() async throws {
        let settings = try await store.durabilitySettings()
        XCTAssertEqual(settings.journalMode, "wal")
        XCTAssertEqual(settings.synchronous, 2, "synchronous = FULL")
    }

    func testOpeningCreatesMissingDirectoriesAndRejectsUnusablePaths() throws {
        XCTAssertTrue(FileManager.default.fileExists(atPath: storePath))
        let blocker = directory.appendingPathComponent("file")
        XCTAssertTrue(FileManager.default.createFile(atPath: blocker.path, contents: Data("x".utf8)))
        XCTAssertThrowsError(try SQLiteQueueStore(path: blocker.appendingPathComponent("store.sqlite").path)) { error in
            guard case .unavailable = error as? StorageError else {
                return XCTFail("expected .unavailable, got \(error)")
            }
        }
    }

    func testClosedStoreReportsUnavailable() async throws {
        try store.close()
        await assertThrows(.unavailable("")) {
            do {
                try await self.store.ping()
            } catch StorageError.unavailable {
                throw StorageError.unavailable("")
            }
        }
    }

    func testGarbageCollectionRemovesExpiredMessagesAndClaims() async throws {
        let short = try await post(["short"], ttl: 60)
        let long = try await post(["long"], ttl: 3600)
        let claim = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 60, grace: 60, limit: 5))
        XCTAssertEqual(claim.messages.map(\.ttl), [60, 3600])

        let nothingYet = try await store.collectGarbage()
        XCTAssertEqual(nothingYet, 0)

        clock.advance(seconds: 61)
        let removed = try await store.collectGarbage()
        XCTAssertEqual(removed, 2, "one expired message and one lapsed claim")
        let rows = try await store.storedRowCounts()
        XCTAssertEqual(rows.messages, 1)
        XCTAssertEqual(rows.claims, 0)
        let again = try await store.collectGarbage()
        XCTAssertEqual(again, 0)

        let remaining = try await store.getMessages(queue, ids: short + long)
        XCTAssertEqual(remaining.map(\.id), long)
        XCTAssertNil(remaining.first?.claimID)
        await assertThrows(.messageNotClaimed) {
            try await self.store.deleteMessage(self.queue, id: long[0], claimID: claim.claimID)
        }
    }

    func testGarbageCollectionLoopRunsUntilCancelled() async throws {
        try await post(["short"], ttl: 60)
        clock.advance(seconds: 61)
        let store = self.store!
        let loop = Task { await store.runGarbageCollection(every: .milliseconds(5)) }
        var collected = false
        for _ in 0..<400 where !collected {
            try await Task.sleep(for: .milliseconds(10))
            collected = try await store.storedRowCounts().messages == 0
        }
        loop.cancel()
        await loop.value
        XCTAssertTrue(collected)
    }
}
