import GRDB
import Shared

/// What a node's diagnostics report says about its store.
public struct StoreSummary: Sendable, Equatable {
    /// The schema version the store is at.
    public var schemaVersion: Int
    /// Queues of every project.
    public var queues: Int
    /// Stored messages, expired ones not yet collected included.
    public var messages: Int
}

extension SQLiteQueueStore {
    /// The schema version and the queue and message counts (diagnostics).
    public func storageSummary() async throws -> StoreSummary {
        try await read { db, _ in
            StoreSummary(
                schemaVersion: try StoreSchema.status(db).foundVersion,
                queues: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queues") ?? 0,
                messages: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages") ?? 0)
        }
    }
}
