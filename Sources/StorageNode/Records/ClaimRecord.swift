import GRDB
import Shared

/// One row of the `claims` table.
struct ClaimRecord: Sendable {
    var id: String
    var ttl: Int
    var grace: Int
    /// When the claim was created or last updated (ms).
    var updated: Int64
    /// When the claim lapses (ms).
    var expires: Int64

    /// The claim `id` of `queue` if it is live at `now`.
    static func live(_ db: Database, _ queue: QueueRef, id: String, now: Int64) throws -> ClaimRecord? {
        let statement = try db.cachedStatement(sql: """
            SELECT id, ttl, grace, updated, expires FROM claims
            WHERE id = ? AND project = ? AND queue = ? AND expires > ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [id, queue.project, queue.name, now]) else { return nil }
        return ClaimRecord(id: row[0], ttl: row[1], grace: row[2], updated: row[3], expires: row[4])
    }

    /// Stores a new claim of `queue`.
    static func insert(_ db: Database, _ queue: QueueRef, claim: ClaimRecord) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO claims (id, project, queue, ttl, grace, updated, expires) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            claim.id, queue.project, queue.name, claim.ttl, claim.grace, claim.updated, claim.expires,
        ])
    }

    /// Renews the claim with a new ttl/grace, counted from `now`.
    static func renew(_ db: Database, id: String, ttl: Int, grace: Int, now: Int64, expires: Int64) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE claims SET ttl = ?, grace = ?, updated = ?, expires = ? WHERE id = ?
            """)
        try statement.execute(arguments: [ttl, grace, now, expires, id])
    }

    /// Removes one claim row of `queue`.
    static func delete(_ db: Database, _ queue: QueueRef, id: String) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM claims WHERE id = ? AND project = ? AND queue = ?")
        try statement.execute(arguments: [id, queue.project, queue.name])
    }

    /// Removes every claim of `queue`.
    static func deleteAll(_ db: Database, _ queue: QueueRef) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM claims WHERE project = ? AND queue = ?")
        try statement.execute(arguments: [queue.project, queue.name])
    }

    /// Removes up to `batch` claims that lapsed at or before `now`; returns how many were removed.
    static func deleteExpired(_ db: Database, now: Int64, batch: Int) throws -> Int {
        let statement = try db.cachedStatement(sql: """
            DELETE FROM claims WHERE id IN (SELECT id FROM claims WHERE expires <= ? LIMIT ?)
            """)
        try statement.execute(arguments: [now, batch])
        return db.changesCount
    }
}
