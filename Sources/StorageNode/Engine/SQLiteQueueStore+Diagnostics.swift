import GRDB
import Shared

extension SQLiteQueueStore {
    /// Raw row counts of the message and claim tables, expired rows included (diagnostics and tests).
    public func storedRowCounts() async throws -> (messages: Int, claims: Int) {
        try await read { db, _ in
            let messages = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages") ?? 0
            let claims = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM claims") ?? 0
            return (messages, claims)
        }
    }
}
