import Foundation
import GRDB
import Shared
import StorageNode
import XCTest

/// Queues with `_enable_encrypt_messages` keep their bodies sealed on disk and open them on every read.
final class EncryptionTests: StoreTestCase {
    private let secret = "a-body-nobody-should-read-on-disk"

    private func enableEncryption() async throws {
        _ = try await store.createQueue(queue, metadata: metadata(QueueSettings(enableEncryptMessages: true)))
    }

    /// The raw `body` column of every message row, read straight from the SQLite file.
    private func rawBodies() throws -> [[UInt8]] {
        let reader = try DatabaseQueue(path: storePath, configuration: {
            var configuration = Configuration()
            configuration.readonly = true
            return configuration
        }())
        return try reader.read { db in try Data.fetchAll(db, sql: "SELECT body FROM messages ORDER BY seq").map { Array($0) } }
    }

    func testBodiesAreSealedAtRestAndOpenedOnEveryRead() async throws {
        try await enableEncryption()
        let ids = try await post([secret, "second"])

        let onDisk = try rawBodies()
        XCTAssertEqual(onDisk.count, 2)
        XCTAssertFalse(onDisk.contains(body(secret)), "the plaintext body must not be stored")
        XCTAssertNil(String(decoding: onDisk[0], as: UTF8.self).range(of: secret))
        XCTAssertEqual(onDisk[0].count, 12 + body(secret).count + 16, "nonce, ciphertext and tag")

        let both = ["\"\(secret)\"", "\"second\""]
        let listed = try await list().messages
        XCTAssertEqual(bodies(listed), both)
        let fetched = try await store.getMessages(queue, ids: ids)
        XCTAssertEqual(bodies(fetched), both)
        let created = try await store.createClaim(queue, ttl: 60, grace: 60, limit: 1)
        let claim = try XCTUnwrap(created)
        XCTAssertEqual(bodies(claim.messages), [both[0]])
        let claimInfo = try await store.getClaim(queue, id: claim.claimID)
        let held = try XCTUnwrap(claimInfo)
        XCTAssertEqual(bodies(held.messages), [both[0]])
        let popped = try await store.popMessages(queue, limit: 5)
        XCTAssertEqual(bodies(popped), [both[1]])
    }

    func testPlainQueuesStoreBodiesAsPosted() async throws {
        try await post([secret])
        XCTAssertEqual(try rawBodies(), [body(secret)])
    }

    func testWrongKeyFailsAsUnavailableAndLosesNothing() async throws {
        try await enableEncryption()
        try await post([secret])
        try store.close()
        store = try SQLiteQueueStore(path: storePath, clock: clock, cipher: MessageCipher(keyText: "another key"))
        await assertThrowsUnavailable { _ = try await self.list() }
        await assertThrowsUnavailable { _ = try await self.store.popMessages(self.queue, limit: 1) }
        XCTAssertEqual(try rawBodies().count, 1, "a failed pop must not delete the message")
    }

    private func assertThrowsUnavailable(_ operation: () async throws -> Void) async {
        do {
            try await operation()
            XCTFail("expected .unavailable")
        } catch StorageError.unavailable {
        } catch {
            XCTFail("expected .unavailable, got \(error)")
        }
    }
}
