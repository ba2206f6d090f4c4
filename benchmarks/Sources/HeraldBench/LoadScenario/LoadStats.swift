import NIOConcurrencyHelpers

/// Everything a `load` run counts: per-operation figures of the measured part (requests that
/// started after the warm-up) and running totals of the whole run for progress lines and for
/// knowing when consumers have drained the queues.
final class LoadStats: Sendable {
    /// Totals over the whole run, warm-up included.
    struct Totals: Sendable, Equatable {
        /// Messages posted successfully.
        var produced = 0
        /// Messages deleted after a claim.
        var consumed = 0
        /// Failed requests of every kind.
        var errors = 0
    }

    /// The monotonic time the measured part starts.
    let measureStart: UInt64
    private let operations: [OperationStats]
    private let totals = NIOLockedValueBox(Totals())

    /// Empty counters for a run whose measured part starts at `measureStart`.
    init(measureStart: UInt64) {
        self.measureStart = measureStart
        operations = LoadOperation.allCases.map { _ in OperationStats() }
    }

    /// Records a successful request of `operation` that carried `items` messages.
    func succeeded(_ operation: LoadOperation, items: Int, start: UInt64, end: UInt64) {
        switch operation {
        case .post: totals.withLockedValue { $0.produced += items }
        case .delete: totals.withLockedValue { $0.consumed += items }
        case .claim, .claimEmpty, .list: break
        }
        if start >= measureStart { operations[operation.rawValue].succeeded(items: items, start: start, end: end) }
    }

    /// Records a failed request of `operation`.
    func failed(_ operation: LoadOperation, _ reason: String, timedOut: Bool, start: UInt64, end: UInt64) {
        totals.withLockedValue { $0.errors += 1 }
        if start >= measureStart {
            operations[operation.rawValue].failed(reason, timedOut: timedOut, start: start, end: end)
        }
    }

    /// The totals of the whole run so far.
    var current: Totals {
        totals.withLockedValue { $0 }
    }

    /// The measured figures of every operation, indexed by ``LoadOperation/rawValue``.
    func snapshots() -> [OperationStats.Snapshot] {
        operations.map { $0.snapshot() }
    }
}
