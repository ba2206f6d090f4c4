import GRDB
import Shared

/// One recorded delivery attempt of an outbox row, waiting for the next group commit.
enum OutboxUpdate: Sendable {
    /// The row was delivered or abandoned: delete it.
    case complete(seq: Int64)
    /// The attempt failed: the row is due again at `due` (ms) after `attempts` attempts.
    case reschedule(seq: Int64, due: Int64, attempts: Int)
}

/// The committer of delivery outcomes: a busy dispatcher records many per transaction.
typealias OutboxCommitter = GroupCommitter<OutboxUpdate, Void>

extension SQLiteQueueStore {
    /// Writes a group of delivery outcomes in one transaction (one fsync). Unknown rows (already
    /// deleted with their subscription) are not an error.
    static func outboxCommit(pool: DatabasePool) -> OutboxCommitter.Commit {
        { updates in
            do {
                try await pool.write { db in
                    for update in updates {
                        switch update {
                        case .complete(let seq):
                            try OutboxRecord.delete(db, seq: seq)
                        case .reschedule(let seq, let due, let attempts):
                            try OutboxRecord.reschedule(db, seq: seq, due: due, attempts: attempts)
                        }
                    }
                }
                return updates.map { _ in .success(()) }
            } catch {
                let failure = error as? StorageError ?? .unavailable("store failure: \(error)")
                return updates.map { _ in .failure(failure) }
            }
        }
    }
}
