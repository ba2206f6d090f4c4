import GRDB
import Shared

/// Rows of `queue_fences`: the queues this node keeps behind a fence while they move to
/// another pool (``QueueFences`` mirrors them in memory).
enum FenceRecord {
    /// How long the tombstone of a queue that left stays: well beyond how long a router trusts
    /// a cached placement, so none sends a request for it here unanswered.
    static let tombstoneLifetimeMillis: Int64 = 60_000

    /// Every fence in the store.
    static func all(_ db: Database) throws -> [QueueRef: QueueFences.State] {
        var fences: [QueueRef: QueueFences.State] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT project, name, state FROM queue_fences") {
            if let state = QueueFences.State(rawValue: row["state"]) {
                fences[QueueRef(project: row["project"], name: row["name"])] = state
            }
        }
        return fences
    }

    /// Records the fence of `queue`, or removes it with `nil`.
    static func set(_ db: Database, _ queue: QueueRef, _ state: QueueFences.State?, now: Int64) throws {
        if let state {
            try db.execute(
                sql: "INSERT OR REPLACE INTO queue_fences (project, name, state, since) VALUES (?, ?, ?, ?)",
                arguments: [queue.project, queue.name, state.rawValue, now])
        } else {
            try db.execute(
                sql: "DELETE FROM queue_fences WHERE project = ? AND name = ?", arguments: [queue.project, queue.name])
        }
    }

    /// Deletes the tombstones older than ``tombstoneLifetimeMillis``; returns their queues.
    static func deleteExpiredTombstones(_ db: Database, now: Int64) throws -> [QueueRef] {
        try Row.fetchAll(
            db, sql: "DELETE FROM queue_fences WHERE state = ? AND since < ? RETURNING project, name",
            arguments: [QueueFences.State.moved.rawValue, now - tombstoneLifetimeMillis]
        ).map { QueueRef(project: $0["project"], name: $0["name"]) }
    }
}
