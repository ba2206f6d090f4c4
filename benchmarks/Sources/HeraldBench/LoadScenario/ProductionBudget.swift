import NIOConcurrencyHelpers

/// How many messages producers may still post: in `--messages` mode, the count of the
/// measured part, handed out batch by batch; batches started during the warm-up are never
/// counted against it. Without a limit every batch is full.
final class ProductionBudget: Sendable {
    private let remaining: NIOLockedValueBox<Int?>

    /// A budget of `measuredMessages` after the warm-up; nil for no limit.
    init(measuredMessages: Int?) {
        remaining = NIOLockedValueBox(measuredMessages)
    }

    /// The size of the next batch of up to `batch` messages; nil when the budget is spent.
    ///
    /// - Parameter measured: False for a batch of the warm-up, which the limit ignores.
    func take(batch: Int, measured: Bool) -> Int? {
        let batch = max(batch, 1)
        guard measured else { return batch }
        return remaining.withLockedValue { remaining in
            guard let left = remaining else { return batch }
            guard left > 0 else { return nil }
            let count = min(batch, left)
            remaining = left - count
            return count
        }
    }

    /// True when the limit has been reached (never without a limit).
    var isSpent: Bool {
        remaining.withLockedValue { $0 == 0 }
    }
}
