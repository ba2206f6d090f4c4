import GRDB
import Shared

extension MessageRecord {
    /// One listing page (spec §3.5): unexpired messages after `marker`, filtered by echo,
    /// claim and delay visibility, oldest first.
    static func page(
        _ db: Database, _ queue: QueueRef, marker: Int64, limit: Int, clientID: String,
        echo: Bool, includeClaimed: Bool, includeDelayed: Bool, now: Int64
    ) throws -> [MessageRecord] {
        let statement = try DirectStatement(db, sql: """
            SELECT \(columns) FROM messages
            WHERE project = ? AND queue = ? AND seq > ? AND expires > ?
              AND (? OR client_id <> ?)
              AND (? OR claim_id IS NULL OR claim_expires <= ?)
              AND (? OR visible_at <= ?)
            ORDER BY seq LIMIT ?
            """)
        try statement.bind(
            queue.project, queue.name, marker, now,
            echo, clientID,
            includeClaimed, now,
            includeDelayed, now,
            limit)
        return try fetchAll(statement)
    }

    /// The oldest messages a claim or pop may take: unexpired, not held by a live claim and,
    /// when `skipDelayed`, already visible.
    static func claimable(
        _ db: Database, _ queue: QueueRef, skipDelayed: Bool, limit: Int, now: Int64
    ) throws -> [MessageRecord] {
        let statement = try DirectStatement(db, sql: """
            SELECT \(columns) FROM messages
            WHERE project = ? AND queue = ? AND expires > ?
              AND (claim_id IS NULL OR claim_expires <= ?)
              AND (? OR visible_at <= ?)
            ORDER BY seq LIMIT ?
            """)
        try statement.bind(queue.project, queue.name, now, now, !skipDelayed, now, limit)
        return try fetchAll(statement)
    }

    /// The unexpired messages of `queue` among `ids` (well-formed ids only), in no particular order.
    static func alive(_ db: Database, _ queue: QueueRef, ids: [String], now: Int64) throws -> [MessageRecord] {
        var records: [MessageRecord] = []
        try forEachChunk(of: ids) { chunk in
            let statement = try DirectStatement(db, sql: aliveByIDsSQL(count: chunk.count))
            try statement.bind(chunk.map { $0 })
            try statement.bind([queue.project, queue.name, now], from: Int32(chunk.count) + 1)
            records += try fetchAll(statement)
        }
        return records
    }

    /// The look-up of messages by id. The unary `+` keeps SQLite from answering it with the
    /// `(project, queue, seq)` index, which it prefers without statistics when several ids are
    /// asked for, and which scans the whole queue instead of seeking each id.
    static func aliveByIDsSQL(count: Int) -> String {
        """
        SELECT \(columns) FROM messages
        WHERE id IN (\(databaseQuestionMarks(count: count))) AND +project = ? AND +queue = ? AND +expires > ?
        """
    }

    /// One unexpired message of `queue`, or `nil`.
    static func alive(_ db: Database, _ queue: QueueRef, id: String, now: Int64) throws -> MessageRecord? {
        try alive(db, queue, ids: [id], now: now).first
    }

    /// The unexpired messages a live claim holds, oldest first.
    static func held(_ db: Database, claimID: String, now: Int64) throws -> [MessageRecord] {
        let statement = try DirectStatement(db, sql: """
            SELECT \(columns) FROM messages
            WHERE claim_id = ? AND claim_expires > ? AND expires > ?
            ORDER BY seq
            """)
        try statement.bind(claimID, now, now)
        return try fetchAll(statement)
    }

    /// Free and claimed counts of the unexpired messages of `queue`.
    static func counts(_ db: Database, _ queue: QueueRef, now: Int64) throws -> (free: Int, claimed: Int) {
        let statement = try db.cachedStatement(sql: """
            SELECT COUNT(*), COALESCE(SUM(claim_id IS NOT NULL AND claim_expires > ?), 0)
            FROM messages WHERE project = ? AND queue = ? AND expires > ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [now, queue.project, queue.name, now]) else {
            return (0, 0)
        }
        let total: Int = row[0]
        let claimed: Int = row[1]
        return (total - claimed, claimed)
    }

    /// The id and posting time of the oldest (or newest) unexpired message of `queue`.
    static func endpoint(
        _ db: Database, _ queue: QueueRef, newest: Bool, now: Int64
    ) throws -> QueueStats.Endpoint? {
        let order = newest ? "DESC" : "ASC"
        let statement = try db.cachedStatement(sql: """
            SELECT id, created FROM messages WHERE project = ? AND queue = ? AND expires > ?
            ORDER BY seq \(order) LIMIT 1
            """)
        guard let row = try Row.fetchOne(statement, arguments: [queue.project, queue.name, now]) else { return nil }
        let created: Int64 = row[1]
        return QueueStats.Endpoint(id: row[0], age: StoreTime.age(since: created, now: now), createdMillis: created)
    }
}
