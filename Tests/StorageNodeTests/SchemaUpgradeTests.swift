import Foundation
import GRDB
import Shared
import StorageNode
import XCTest

/// Store files of older schemas upgrade in place and keep their data.
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
                """ + PreVersioningStoreFixture.v2Tables)
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

    func testVersion3OutboxRowsBecomeMessageNotifications() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.sqlite").path
        let now: Int64 = 1_700_000_000_000
        let payload = #"{"id":"m","queue_name":"old","Message_Type":"Notification"}"#

        // A v3 file: the tables as v3 wrote them, with one pending notification.
        let old = try DatabaseQueue(path: path)
        try await old.write { db in
            try db.execute(sql: PreVersioningStoreFixture.ddl + """
                ALTER TABLE outbox DROP COLUMN kind;
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations
                VALUES ('v1-queues-messages-claims'), ('v2-encrypted-bodies'), ('v3-subscriptions-outbox');
                INSERT INTO subscriptions (id, project, queue, subscriber, ttl, created, expires, options, confirmed)
                VALUES ('s1', 'p', 'old', 'http://a.example', 600, \(now), \(now + 600_000), X'7B7D', 1);
                INSERT INTO outbox (subscription_id, project, queue, message_id, payload, due, attempts)
                VALUES ('s1', 'p', 'old', 'm', ?, \(now), 2);
                """, arguments: [Data(payload.utf8)])
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(outbox)").map { $0["name"] as String }
            XCTAssertFalse(columns.contains("kind"), "the file is a v3 file")
        }
        try old.close()

        let store = try SQLiteQueueStore(path: path, clock: ManualClock(startMillis: now), requireConfirmation: true)
        defer { try? store.close() }
        let due = try await store.dueNotifications(limit: 10)
        XCTAssertEqual(due, [PendingNotification(
            seq: try XCTUnwrap(due.first?.seq), kind: .message, subscriptionID: "s1", queue: QueueRef(project: "p", name: "old"),
            subscriber: "http://a.example", options: Array("{}".utf8), confirmed: true, subscriptionExpires: now + 600_000,
            payload: Array(payload.utf8), attempts: 2, due: now
        )])
    }
}
