import GRDB
import Shared

extension SQLiteQueueStore {
    /// Counts the queues and the unexpired free and live-claimed messages of the whole node in one
    /// read transaction, so the numbers are consistent with each other.
    public func nodeStats() async throws -> NodeStats {
        try await read { db, now in
            let queues = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queues") ?? 0
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*), COALESCE(SUM(claim_id IS NOT NULL AND claim_expires > ?), 0)
                    FROM messages WHERE expires > ?
                    """,
                arguments: [now, now]
            )
            let total: Int = row?[0] ?? 0
            let claimed: Int = row?[1] ?? 0
            return NodeStats(queues: queues, messages: NodeStats.MessageCounts(free: total - claimed, claimed: claimed))
        }
    }
}
