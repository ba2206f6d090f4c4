import Foundation
import GRDB
import Shared
import StorageNode
import XCTest

/// A store that runs out of space (`maxSizeBytes`, SQLite's `max_page_count`: the same
/// SQLITE_FULL a full disk gives): writes fail with `.storageFull`, everything stored before is
/// intact, and writes succeed again once deletes free space.
final class StoreFullTests: StoreTestCase {
    /// The store's size limit: a few hundred 1 KB messages fit.
    private static let limit: Int64 = 1 << 20

    override func setUpWithError() throws {
        try super.setUpWithError()
        try store.close()
        store = try SQLiteQueueStore(path: storePath, clock: clock, maxSizeBytes: Self.limit)
    }

    /// A 1 KB JSON string body that names its number.
    private func largeBody(_ number: Int) -> [UInt8] {
        Array("\"\(number):\(String(repeating: "x", count: 1000))\"".utf8)
    }

    /// Posts batches of 10 until the store refuses one; returns every acknowledged id with its number.
    private func fill() async throws -> [String: Int] {
        var acknowledged: [String: Int] = [:]
        for batch in 0..<1000 {
            let numbers = (batch * 10)..<(batch * 10 + 10)
            do {
                let ids = try await store.postMessages(
                    queue, clientID: "filler", messages: numbers.map { NewMessage(body: largeBody($0)) }, requestSize: 100)
                for (id, number) in zip(ids, numbers) { acknowledged[id] = number }
            } catch let error as StorageError {
                guard case .storageFull = error else { throw error }
                return acknowledged
            }
        }
        XCTFail("the store never filled up")
        return acknowledged
    }

    private func assertIntact(_ acknowledged: [String: Int], file: StaticString = #filePath, line: UInt = #line) async throws {
        let ids = Array(acknowledged.keys)
        var found: [String: [UInt8]] = [:]
        for start in stride(from: 0, to: ids.count, by: 100) {
            let chunk = Array(ids[start..<min(start + 100, ids.count)])
            for message in try await store.getMessages(queue, ids: chunk) { found[message.id] = message.body }
        }
        XCTAssertEqual(found.count, ids.count, "every acknowledged message is still stored", file: file, line: line)
        let altered = acknowledged.filter { found[$0.key] != nil && found[$0.key] != largeBody($0.value) }
        XCTAssertEqual(altered.count, 0, "bodies are unchanged", file: file, line: line)
    }

    func testAFullStoreRefusesPostsKeepsWhatItHasAndServesAgainAfterDeletes() async throws {
        let acknowledged = try await fill()
        XCTAssertGreaterThan(acknowledged.count, 100, "the limit leaves room for messages")

        await assertThrows(.storageFull("the node's disk, or its store size limit, is full")) {
            _ = try await self.store.postMessages(
                self.queue, clientID: "filler", messages: (0..<10).map { NewMessage(body: self.largeBody(-$0)) },
                requestSize: 100)
        }
        try await assertIntact(acknowledged)
        let stats = try await store.stats(queue)
        XCTAssertEqual(stats.free, acknowledged.count)

        // Deleting needs no new pages; the freed ones take new posts.
        let victims = Array(acknowledged.keys.sorted().prefix(200))
        for start in stride(from: 0, to: victims.count, by: 20) {
            try await store.deleteMessages(queue, ids: Array(victims[start..<(start + 20)]), claimIDs: nil)
        }
        let again = try await store.postMessages(
            queue, clientID: "filler", messages: (0..<10).map { NewMessage(body: largeBody(100_000 + $0)) }, requestSize: 100)
        XCTAssertEqual(again.count, 10, "posts succeed again once space is freed")
        var remaining = acknowledged
        for id in victims { remaining[id] = nil }
        try await assertIntact(remaining)

        try store.close()
        store = nil
        let check = try await DatabaseQueue(path: storePath).read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }
        XCTAssertEqual(check, "ok")
    }

    func testConcurrentPostsAtTheLimitEitherCommitOrFailWhole() async throws {
        _ = try await fill()
        for _ in 0..<5 {
            let victims = try await list(limit: 20).messages.map(\.id)
            try await store.deleteMessages(queue, ids: victims, claimIDs: nil)
        }
        // 60 concurrent posts of 3 messages (about 180 KB) for the 100 KB just freed: some
        // fit, the rest fail alone.
        let store = self.store!
        let queue = self.queue
        let outcomes = await withTaskGroup(of: (Int, Result<[String], StorageError>).self) { group in
            for index in 0..<60 {
                group.addTask {
                    let numbers = (index * 3)..<(index * 3 + 3)
                    do {
                        let messages = numbers.map { number in
                            NewMessage(body: Array("\"\(number + 500_000):\(String(repeating: "x", count: 1000))\"".utf8))
                        }
                        return (index, .success(try await store.postMessages(queue, clientID: "c", messages: messages, requestSize: 100)))
                    } catch {
                        return (index, .failure(error as? StorageError ?? .unavailable("\(error)")))
                    }
                }
            }
            var all: [Int: Result<[String], StorageError>] = [:]
            for await (index, outcome) in group { all[index] = outcome }
            return all
        }
        var stored: [String: Int] = [:]
        var full = 0
        for (index, outcome) in outcomes {
            switch outcome {
            case .success(let ids):
                XCTAssertEqual(ids.count, 3)
                for (offset, id) in ids.enumerated() { stored[id] = index * 3 + offset + 500_000 }
            case .failure(.storageFull): full += 1
            case .failure(let error): XCTFail("unexpected \(error)")
            }
        }
        print("posts at the limit: \(stored.count / 3) stored, \(full) refused as storage full")
        XCTAssertGreaterThan(stored.count, 0, "the freed room took posts")
        XCTAssertGreaterThan(full, 0, "the rest were refused as storage full")
        try await assertIntact(stored)
    }
}
