import Foundation
import GRDB
import Shared
import StorageNode
import XCTest

/// A store file written before subscriptions (schema v2) upgrades in place and keeps its data.
final class SchemaUpgradeTests: XCTestCase {
    func testVersion2FileGainsSubscriptionsAndKeepsMessages() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        let now: Int64 = 1_700_000_000_000

        let old = try DatabaseQueue(path: path)
        try await old.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1-queues-messages-claims'), ('v2-encrypted-bodies');
                CREATE TABLE queues (
                    project TEXT NOT NULL, name TEXT NOT NULL, metadata BLOB NOT NULL,
                    default_message_ttl INTEGER, max_messages_post_size INTEGER, default_message_delay INTEGER,
                    dead_letter_queue TEXT, dead_letter_queue_messages_ttl INTEGER, max_claim_count INTEGER,
                    enable_encrypt_messages INTEGER, created INTEGER NOT NULL, PRIMARY KEY (project, name)
                ) WITHOUT ROWID;
                CREATE TABLE messages (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, project TEXT NOT NULL,
                    queue TEXT NOT NULL, body BLOB NOT NULL, ttl INTEGER NOT NULL, created INTEGER NOT NULL,
                    expires INTEGER NOT NULL, visible_at INTEGER NOT NULL, client_id TEXT NOT NULL, checksum TEXT,
                    claim_id TEXT, claim_expires INTEGER NOT NULL DEFAULT 0, claim_count INTEGER NOT NULL DEFAULT 0,
                    encrypted INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE claims (
                    id TEXT NOT NULL PRIMARY KEY, project TEXT NOT NULL, queue TEXT NOT NULL, ttl INTEGER NOT NULL,
                    grace INTEGER NOT NULL, updated INTEGER NOT NULL, expires INTEGER NOT NULL
                ) WITHOUT ROWID;
                """)
            try db.execute(
                sql: "INSERT INTO queues (project, name, metadata, created) VALUES ('p', 'old', ?, ?)",
                arguments: [Data("{}".utf8), now]
            )
            try db.execute(sql: """
                INSERT INTO messages (id, project, queue, body, ttl, created, expires, visible_at, client_id)
                VALUES ('0123456789abcdef0123456789abcdef', 'p', 'old', ?, 300, ?, ?, ?, 'c')
                """, arguments: [Data(#""kept""#.utf8), now, now + 300_000, now])
        }
        try old.close()

        let clock = ManualClock(startMillis: now)
        let store = try SQLiteQueueStore(path: path, clock: clock)
        defer { try? store.close() }
        let queue = QueueRef(project: "p", name: "old")
        let page = try await store.listMessages(queue, query: MessageListQuery(
            marker: nil, limit: 10, clientID: "r", echo: true, includeClaimed: true, includeDelayed: true
        ))
        XCTAssertEqual(page.messages.map(\.id), ["0123456789abcdef0123456789abcdef"])
        XCTAssertEqual(page.messages.first?.body, Array(#""kept""#.utf8))

        let created = try await store.createSubscription(queue, NewSubscription(subscriber: "http://a.example", ttl: 60, options: Array("{}".utf8)))
        let ids = try await store.postMessages(queue, clientID: "c", messages: [NewMessage(body: Array("1".utf8))], requestSize: 1)
        let due = try await store.dueNotifications(limit: 10)
        XCTAssertEqual(due.map(\.subscriptionID), [created.id])
        XCTAssertEqual(ids.count, 1)
    }
}
