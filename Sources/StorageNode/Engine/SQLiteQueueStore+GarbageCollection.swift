import GRDB
import Shared

extension SQLiteQueueStore {
    /// Rows removed per garbage-collection transaction, so the writer is never blocked for long.
    static let garbageBatchSize = 5000

    /// Deletes expired messages, lapsed claims, expired subscriptions (with their outbox rows) and
    /// the expired tombstones of queues that moved away, and clears the claim markers of messages whose claim lapsed. Returns the number of rows removed.
    public func collectGarbage() async throws -> Int {
        var removed = 0
        while true {
            let batch = Self.garbageBatchSize
            let (messages, claims) = try await write { db, now in
                let messages = try MessageRecord.deleteExpired(db, now: now, batch: batch)
                let claims = try ClaimRecord.deleteExpired(db, now: now, batch: batch)
                if messages < batch && claims < batch {
                    _ = try MessageRecord.clearLapsedClaims(db, now: now)
                }
                return (messages, claims)
            }
            metrics.messagesExpired.increment(by: messages)
            removed += messages + claims
            let (subscriptions, tombstones) = try await write { db, now in
                let subscriptions = try SubscriptionRecord.deleteExpired(db, now: now, batch: batch)
                return (subscriptions, try FenceRecord.deleteExpiredTombstones(db, now: now))
            }
            removed += subscriptions
            fences.removeTombstones(tombstones)
            if messages < batch && claims < batch { return removed }
            await Task.yield()
        }
    }

    /// Runs ``collectGarbage()`` every `interval` until the task is cancelled. Failures are
    /// logged and the loop goes on.
    public func runGarbageCollection(every interval: Duration) async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                return
            }
            do {
                let removed = try await collectGarbage()
                if removed > 0 {
                    logger.debug("garbage collected", metadata: ["rows": "\(removed)"])
                }
            } catch {
                logger.warning("garbage collection failed", metadata: ["error": "\(error)"])
            }
        }
    }
}
