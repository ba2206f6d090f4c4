import GRDB
import Shared

extension SQLiteQueueStore {
    public func createQueue(_ queue: QueueRef, metadata: QueueMetadata) async throws -> Bool {
        try await write { db, now in
            try QueueRecord.insertIfMissing(db, queue, metadata: metadata, now: now)
        }
    }

    public func queueMetadata(_ queue: QueueRef) async throws -> QueueMetadata? {
        try await read { db, _ in try QueueRecord.metadata(db, queue) }
    }

    public func setQueueMetadata(_ queue: QueueRef, metadata: QueueMetadata) async throws {
        try await write { db, _ in
            guard try QueueRecord.update(db, queue, metadata: metadata) else { throw StorageError.queueNotFound }
        }
    }

    public func deleteQueue(_ queue: QueueRef) async throws {
        try await write { db, _ in
            try MessageRecord.deleteAll(db, queue)
            try ClaimRecord.deleteAll(db, queue)
            try SubscriptionRecord.deleteAll(db, queue)
            try QueueRecord.delete(db, queue)
        }
    }

    public func stats(_ queue: QueueRef) async throws -> QueueStats {
        try await read { db, now in
            guard try QueueRecord.settings(db, queue) != nil else { return .empty }
            let counts = try MessageRecord.counts(db, queue, now: now)
            guard counts.free + counts.claimed > 0 else { return .empty }
            return QueueStats(
                free: counts.free, claimed: counts.claimed,
                oldest: try MessageRecord.endpoint(db, queue, newest: false, now: now),
                newest: try MessageRecord.endpoint(db, queue, newest: true, now: now)
            )
        }
    }

    /// Deletes every message of the queue (claimed, delayed or not) with its claims when
    /// `messages`, and every subscription with its pending notifications when `subscriptions`.
    public func purge(_ queue: QueueRef, messages: Bool, subscriptions: Bool) async throws {
        guard messages || subscriptions else { return }
        try await write { db, _ in
            if messages {
                try MessageRecord.deleteAll(db, queue)
                try ClaimRecord.deleteAll(db, queue)
            }
            if subscriptions {
                try SubscriptionRecord.deleteAll(db, queue)
            }
        }
    }
}
