import Dispatch
import GRDB
import Shared
import Synchronization

/// Coalesces the store's concurrent writes into shared write transactions: one fsync for a
/// whole group.
///
/// Every write of the store (posts, claims, deletes, delivery outcomes, …) goes through here.
/// Writes that arrive while a group is being committed wait for the next one, so under load each
/// commit carries everything that queued up meanwhile (at most `maxGroupSize` writes), while a
/// lone write commits at once. Each write runs in its own savepoint: one that throws is rolled
/// back and fails alone, the rest of its group still commits. A write is reported successful
/// only once its group's transaction has committed, fsync included.
///
/// Groups are committed by one loop on a serial dispatch queue that runs the transaction on its
/// own thread (GRDB's synchronous write), so a group costs no task switches: submitting is a
/// lock and, when the loop is idle, one wake-up; finishing resumes each waiting caller.
final class GroupCommitter: Sendable {
    private struct Waiting {
        var writes: [any GroupedWrite] = []
        var isDraining = false
    }

    private let pool: DatabasePool
    private let clock: any WallClock
    private let maxGroupSize: Int
    private let queue = DispatchQueue(label: "herald.storage-node.group-commit")
    private let waiting = Mutex(Waiting())

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
    ///   transaction as a `StorageError` (`.storageFull` when the disk is full, else `.unavailable`).
    func submit<T: Sendable>(_ body: @escaping @Sendable (Database, Int64) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let write = PendingWrite(body: body, continuation: continuation)
            let startsLoop = waiting.withLock { waiting in
                waiting.writes.append(write)
                guard !waiting.isDraining else { return false }
                waiting.isDraining = true
                return true
            }
            if startsLoop {
                queue.async { self.drain() }
            }
        }
    }

    /// Commits groups until no write is waiting.
    private func drain() {
        while let group = nextGroup() {
            commit(group)
        }
    }

    /// Commits `group` and finishes each of its writes.
    ///
    /// SQLite may roll a whole transaction back when a statement fails with SQLITE_FULL (full
    /// disk) or an I/O error, not just that statement's savepoint. The write that caused it then
    /// fails alone and the rest of the group runs again in a new transaction, so a write that
    /// does not fit never takes the others down with it (and none runs outside a transaction).
    private func commit(_ group: [any GroupedWrite]) {
        let clock = self.clock
        var pending = group
        while !pending.isEmpty {
            var rolledBackAt: Int?
            do {
                try pool.write { db in
                    let now = clock.nowMillis()
                    for (index, write) in pending.enumerated() {
                        write.apply(db, now: now)
                        guard db.isInsideTransaction else {
                            rolledBackAt = index
                            throw write.failure ?? StorageError.unavailable("transaction rolled back")
                        }
                    }
                }
                for write in pending { write.finish(groupFailure: nil) }
                return
            } catch {
                guard let index = rolledBackAt else {
                    let failure = StoreFailure.storageError(error)
                    for write in pending { write.finish(groupFailure: failure) }
                    return
                }
                pending.remove(at: index).finish(groupFailure: StoreFailure.storageError(error))
            }
        }
    }

    /// The next group to commit, or nil (and the loop marked idle) when none is waiting.
    private func nextGroup() -> [any GroupedWrite]? {
        waiting.withLock { waiting in
            guard !waiting.writes.isEmpty else {
                waiting.isDraining = false
                return nil
            }
            let group = Array(waiting.writes.prefix(maxGroupSize))
            waiting.writes.removeFirst(group.count)
            return group
        }
    }
}
