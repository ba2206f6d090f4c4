import GRDB
import Shared

/// Coalesces the store's concurrent writes into shared write transactions: one fsync for a
/// whole group.
///
/// Every write of the store (posts, claims, deletes, delivery outcomes, …) goes through here.
/// Writes that arrive while a group is being committed wait for the next one, so under load each
/// commit carries everything that queued up meanwhile (at most `maxGroupSize` writes), while a
/// lone write commits at once. Each write runs in its own savepoint: one that throws is rolled
/// back and fails alone, the rest of its group still commits. A write is reported successful
/// only once its group's transaction has committed, fsync included.
actor GroupCommitter {
    private let pool: DatabasePool
    private let clock: any WallClock
    private let maxGroupSize: Int
    private var waiting: [any GroupedWrite] = []
    private var isDraining = false

    /// - Parameters:
    ///   - pool: The database whose single writer connection commits the groups.
    ///   - clock: The time every write of a group sees as `now`.
    ///   - maxGroupSize: The most writes committed in one transaction.
    init(pool: DatabasePool, clock: any WallClock, maxGroupSize: Int = 256) {
        self.pool = pool
        self.clock = clock
        self.maxGroupSize = max(1, maxGroupSize)
    }

    /// Queues `body` for the next group and returns its result once the group is durable.
    /// `body` gets the database inside the group's transaction and the group's time (ms).
    /// - Throws: What `body` threw (its changes are rolled back), or the failure of the group's
    ///   transaction as `StorageError.unavailable`.
    func submit<T: Sendable>(_ body: @escaping @Sendable (Database, Int64) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(PendingWrite(body: body, continuation: continuation))
            if !isDraining {
                isDraining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(maxGroupSize))
            waiting.removeFirst(group.count)
            let clock = self.clock
            do {
                try await pool.write { db in
                    let now = clock.nowMillis()
                    for write in group { write.apply(db, now: now) }
                }
                for write in group { write.finish(groupFailure: nil) }
            } catch {
                let failure = error as? StorageError ?? .unavailable("store failure: \(error)")
                for write in group { write.finish(groupFailure: failure) }
            }
        }
        isDraining = false
    }
}
