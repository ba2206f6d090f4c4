import Foundation
import GRDB
import Shared

/// SQL access to the `outbox` table: one row per (subscription, message) notification still to
/// deliver, written in the transaction that stores the message, and one per confirmation request
/// or unsubscribe notice, written in the transaction that creates or unconfirms the subscription.
enum OutboxRecord {
    /// Appends one message notification due at `due`.
    static func insert(
        _ db: Database, subscriptionID: String, _ queue: QueueRef, messageID: String, payload: [UInt8], due: Int64
    ) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO outbox (subscription_id, project, queue, message_id, payload, due, attempts, kind)
            VALUES (?, ?, ?, ?, ?, ?, 0, 0)
            """)
        try statement.execute(arguments: [subscriptionID, queue.project, queue.name, messageID, Data(payload), due])
    }

    /// Appends a confirmation row of `kind` (not ``NotificationKind/message``) due at `due`: no
    /// message id and an empty payload, the body is built when it is delivered.
    static func insertConfirmation(
        _ db: Database, kind: NotificationKind, subscriptionID: String, _ queue: QueueRef, due: Int64
    ) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO outbox (subscription_id, project, queue, message_id, payload, due, attempts, kind)
            VALUES (?, ?, ?, '', X'', ?, 0, ?)
            """)
        try statement.execute(arguments: [subscriptionID, queue.project, queue.name, due, kind.rawValue])
    }

    /// Rows due at or before `now` of live subscriptions, oldest due first, at most `limit`, with
    /// the subscription's current subscriber, options, flag and expiry. A kind this version does
    /// not know reads as a message notification.
    static func due(_ db: Database, now: Int64, limit: Int) throws -> [PendingNotification] {
        let statement = try db.cachedStatement(sql: """
            SELECT o.seq, o.subscription_id, o.project, o.queue, s.subscriber, s.options, s.confirmed,
                   o.payload, o.attempts, o.due, o.kind, s.expires
            FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
            WHERE o.due <= ? AND s.expires > ?
            ORDER BY o.due, o.seq LIMIT ?
            """)
        return try Row.fetchAll(statement, arguments: [now, now, limit]).map { row in
            let options: Data = row[5]
            let payload: Data = row[7]
            let kind: Int = row[10]
            return PendingNotification(
                seq: row[0], kind: NotificationKind(rawValue: kind) ?? .message, subscriptionID: row[1],
                queue: QueueRef(project: row[2], name: row[3]), subscriber: row[4], options: [UInt8](options),
                confirmed: row[6], subscriptionExpires: row[11], payload: [UInt8](payload), attempts: row[8], due: row[9]
            )
        }
    }

    /// The earliest `due` of a row of a live subscription, or `nil` when nothing is pending.
    static func nextDue(_ db: Database, now: Int64) throws -> Int64? {
        let statement = try db.cachedStatement(sql: """
            SELECT MIN(o.due) FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id WHERE s.expires > ?
            """)
        return try Int64.fetchOne(statement, arguments: [now])
    }

    /// Deletes the row `seq`.
    static func delete(_ db: Database, seq: Int64) throws {
        try db.cachedStatement(sql: "DELETE FROM outbox WHERE seq = ?").execute(arguments: [seq])
    }

    /// Sets the next attempt time and the attempt count of row `seq`.
    static func reschedule(_ db: Database, seq: Int64, due: Int64, attempts: Int) throws {
        let statement = try db.cachedStatement(sql: "UPDATE outbox SET due = ?, attempts = ? WHERE seq = ?")
        try statement.execute(arguments: [due, attempts, seq])
    }

    /// Deletes every row of subscription `subscriptionID`; returns how many.
    @discardableResult
    static func deleteAll(_ db: Database, subscriptionID: String) throws -> Int {
        try db.cachedStatement(sql: "DELETE FROM outbox WHERE subscription_id = ?").execute(arguments: [subscriptionID])
        return db.changesCount
    }

    /// Deletes every row of `queue`.
    static func deleteAll(_ db: Database, _ queue: QueueRef) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM outbox WHERE project = ? AND queue = ?")
        try statement.execute(arguments: [queue.project, queue.name])
    }

    /// The number of rows (for tests and diagnostics).
    static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0
    }
}
