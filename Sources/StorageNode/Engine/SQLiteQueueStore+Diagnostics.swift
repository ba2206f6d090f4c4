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

    /// The journal mode (`"wal"`) and `synchronous` level (2 = FULL) of the writer connection,
    /// which together make every returned write durable.
    public func durabilitySettings() async throws -> (journalMode: String, synchronous: Int) {
        try await mapStoreErrors {
            try await pool.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
                let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
                return (mode, synchronous)
            }
        }
    }
}
