import GRDB
import Shared
import Synchronization

/// A write waiting in a ``GroupCommitter``, whatever its result type.
protocol GroupedWrite: Sendable {
    /// Runs the write in its own savepoint of the group's transaction and keeps its outcome.
    func apply(_ db: Database, now: Int64)
    /// Reports the kept outcome once the group committed (`groupFailure == nil`), or
    /// `groupFailure` when the group's transaction failed and nothing of it was kept.
    func finish(groupFailure: StorageError?)
    /// The error the write threw when it was applied, if it threw.
    var failure: (any Error)? { get }
}

/// One submitted write and the caller waiting for its result.
final class PendingWrite<T: Sendable>: GroupedWrite {
    private let body: @Sendable (Database, Int64) throws -> T
    private let continuation: CheckedContinuation<T, any Error>
    private let outcome = Mutex<Result<T, any Error>?>(nil)

    init(body: @escaping @Sendable (Database, Int64) throws -> T, continuation: CheckedContinuation<T, any Error>) {
        self.body = body
        self.continuation = continuation
    }

    func apply(_ db: Database, now: Int64) {
        let result: Result<T, any Error>
        do {
            var value: T?
            try db.inSavepoint {
                value = try body(db, now)
                return .commit
            }
            result = value.map { .success($0) } ?? .failure(StorageError.unavailable("write produced no result"))
        } catch {
            result = .failure(error)
        }
        outcome.withLock { $0 = result }
    }

    var failure: (any Error)? {
        guard case .failure(let error) = outcome.withLock({ $0 }) else { return nil }
        return error
    }

    func finish(groupFailure: StorageError?) {
        if let groupFailure {
            continuation.resume(throwing: groupFailure)
            return
        }
        let result = outcome.withLock { $0 } ?? .failure(StorageError.unavailable("write was never applied"))
        continuation.resume(with: result)
    }
}
