import Foundation
import GRDB
import Shared

/// What the node's gauges show, read from the store in one go.
public struct StoreMetricsSnapshot: Sendable, Equatable {
    /// Queues stored on the node.
    public var queues: Int
    /// Unexpired messages stored on the node.
    public var messages: Int
    /// The queues with the most unexpired messages, most first (ties by project, then name),
    /// at most the number asked for.
    public var largestQueues: [(queue: QueueRef, messages: Int)]
    /// The size of the database file and its write-ahead log, in bytes.
    public var sizeBytes: Int64

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.queues == rhs.queues && lhs.messages == rhs.messages && lhs.sizeBytes == rhs.sizeBytes
            && lhs.largestQueues.elementsEqual(rhs.largestQueues) { $0.queue == $1.queue && $0.messages == $1.messages }
    }
}

extension SQLiteQueueStore {
    /// The counts the node's gauges show: queues and unexpired messages, the `maxQueues` queues
    /// holding most messages, and the file size. One read transaction; the per-queue count visits
    /// every unexpired message once, which is why it runs at scrape time only.
    public func metricsSnapshot(maxQueues: Int) async throws -> StoreMetricsSnapshot {
        let limit = max(0, maxQueues)
        var snapshot = try await read { db, now in
            let queues = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queues") ?? 0
            let messages = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM messages WHERE expires > ?", arguments: [now]) ?? 0
            var largest: [(queue: QueueRef, messages: Int)] = []
            if limit > 0 {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT project, queue, COUNT(*) AS stored FROM messages WHERE expires > ?
                        GROUP BY project, queue ORDER BY stored DESC, project, queue LIMIT ?
                        """,
                    arguments: [now, limit])
                largest = rows.map { row -> (queue: QueueRef, messages: Int) in
                    (queue: QueueRef(project: row["project"], name: row["queue"]), messages: row["stored"])
                }
            }
            return StoreMetricsSnapshot(queues: queues, messages: messages, largestQueues: largest, sizeBytes: 0)
        }
        snapshot.sizeBytes = Self.fileSize(pool.path) + Self.fileSize(pool.path + "-wal")
        return snapshot
    }

    /// The size of the file at `path`; 0 when it does not exist.
    private static func fileSize(_ path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
