import Foundation
import GRDB
import Shared

/// SQL access to the `subscriptions` table. A row is live while `expires > now`; expired rows
/// are invisible to every read and removed by garbage collection.
enum SubscriptionRecord {
    /// The columns every subscription read selects, in the order ``subscription(_:source:now:)`` reads them.
    private static let columns = "id, subscriber, ttl, created, options, confirmed"

    /// The subscription of one selected row as the store returns it at `now`.
    private static func subscription(_ row: Row, source: String, now: Int64) -> Subscription {
        let options: Data = row[4]
        return Subscription(
            id: row[0], source: source, subscriber: row[1], ttl: row[2],
            age: StoreTime.age(since: row[3], now: now), options: [UInt8](options), confirmed: row[5]
        )
    }

    /// The live subscription `id` of `queue`, or `nil`.
    static func live(_ db: Database, _ queue: QueueRef, id: String, now: Int64) throws -> Subscription? {
        let statement = try db.cachedStatement(sql: """
            SELECT \(columns) FROM subscriptions
            WHERE id = ? AND project = ? AND queue = ? AND expires > ?
            """)
        return try Row.fetchOne(statement, arguments: [id, queue.project, queue.name, now])
            .map { subscription($0, source: queue.name, now: now) }
    }

    /// The row of `subscriber` on `queue` whatever its expiry: its id, whether it is live and confirmed.
    static func bySubscriber(
        _ db: Database, _ queue: QueueRef, subscriber: String, now: Int64
    ) throws -> (id: String, live: Bool, confirmed: Bool)? {
        let statement = try db.cachedStatement(sql: """
            SELECT id, expires > ?, confirmed FROM subscriptions WHERE project = ? AND queue = ? AND subscriber = ?
            """)
        return try Row.fetchOne(statement, arguments: [now, queue.project, queue.name, subscriber])
            .map { (id: $0[0], live: $0[1], confirmed: $0[2]) }
    }

    /// Live subscriptions of `queue` ordered by id, strictly after `marker`, at most `limit`.
    static func list(_ db: Database, _ queue: QueueRef, after marker: String?, limit: Int, now: Int64) throws -> [Subscription] {
        let statement = try db.cachedStatement(sql: """
            SELECT \(columns) FROM subscriptions
            WHERE project = ? AND queue = ? AND id > ? AND expires > ?
            ORDER BY id LIMIT ?
            """)
        return try Row.fetchAll(statement, arguments: [queue.project, queue.name, marker ?? "", now, limit])
            .map { subscription($0, source: queue.name, now: now) }
    }

    /// The ids of the live subscriptions of `queue` that get message notifications — only the
    /// confirmed ones when `confirmedOnly`: the one lookup the posting path makes.
    static func notifiedIDs(_ db: Database, _ queue: QueueRef, confirmedOnly: Bool, now: Int64) throws -> [String] {
        let statement = try db.cachedStatement(sql: """
            SELECT id FROM subscriptions WHERE project = ? AND queue = ? AND expires > ? AND (confirmed OR ?)
            """)
        return try String.fetchAll(statement, arguments: [queue.project, queue.name, now, !confirmedOnly])
    }

    /// Inserts a new unconfirmed subscription.
    static func insert(
        _ db: Database, _ queue: QueueRef, id: String, subscription: NewSubscription, now: Int64
    ) throws {
        let ttl = StoreTime.clampedSeconds(subscription.ttl)
        let statement = try db.cachedStatement(sql: """
            INSERT INTO subscriptions (id, project, queue, subscriber, ttl, created, expires, options, confirmed)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)
            """)
        try statement.execute(arguments: [
            id, queue.project, queue.name, subscription.subscriber, ttl, now,
            now + StoreTime.millis(seconds: ttl), Data(subscription.options),
        ])
    }

    /// Rewrites the fields of subscription `id` that are not `nil`; a new `ttl` comes with its `expires`.
    static func update(
        _ db: Database, id: String, subscriber: String?, ttl: (seconds: Int, expires: Int64)?, options: [UInt8]?
    ) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE subscriptions SET subscriber = COALESCE(?, subscriber), ttl = COALESCE(?, ttl),
                expires = COALESCE(?, expires), options = COALESCE(?, options)
            WHERE id = ?
            """)
        try statement.execute(arguments: [subscriber, ttl?.seconds, ttl?.expires, options.map { Data($0) }, id])
    }

    /// Sets the confirmation flag of a live subscription; returns `false` when there is none.
    static func confirm(_ db: Database, _ queue: QueueRef, id: String, confirmed: Bool, now: Int64) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            UPDATE subscriptions SET confirmed = ? WHERE id = ? AND project = ? AND queue = ? AND expires > ?
            """)
        try statement.execute(arguments: [confirmed, id, queue.project, queue.name, now])
        return db.changesCount > 0
    }

    /// Deletes subscription `id` of `queue` with its outbox rows.
    static func delete(_ db: Database, _ queue: QueueRef, id: String) throws {
        let owned = try db.cachedStatement(sql: "SELECT 1 FROM subscriptions WHERE id = ? AND project = ? AND queue = ?")
        guard try Int.fetchOne(owned, arguments: [id, queue.project, queue.name]) != nil else { return }
        try OutboxRecord.deleteAll(db, subscriptionID: id)
        try db.cachedStatement(sql: "DELETE FROM subscriptions WHERE id = ?").execute(arguments: [id])
    }

    /// Deletes every subscription of `queue` with the outbox rows of the queue.
    static func deleteAll(_ db: Database, _ queue: QueueRef) throws {
        try OutboxRecord.deleteAll(db, queue)
        let statement = try db.cachedStatement(sql: "DELETE FROM subscriptions WHERE project = ? AND queue = ?")
        try statement.execute(arguments: [queue.project, queue.name])
    }

    /// Deletes up to `batch` subscriptions that expired at or before `now`, with their outbox
    /// rows; returns how many rows went.
    static func deleteExpired(_ db: Database, now: Int64, batch: Int) throws -> Int {
        let expired = try String.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM subscriptions WHERE expires <= ? LIMIT ?"), arguments: [now, batch]
        )
        var removed = 0
        for id in expired {
            removed += try OutboxRecord.deleteAll(db, subscriptionID: id)
            try db.cachedStatement(sql: "DELETE FROM subscriptions WHERE id = ?").execute(arguments: [id])
            removed += db.changesCount
        }
        return removed
    }
}
