import NIOConcurrencyHelpers

/// Concurrent producer tasks that share a numbered list of batches: each task takes the next
/// batch number not yet taken and posts it, until all are taken or the deadline has passed.
/// Taking numbers from one cursor keeps every producer busy even when requests differ in time.
struct BatchProducers: Sendable {
    /// The number of concurrent tasks (at least 1).
    var producers: Int
    /// Batches numbered `0..<batchCount` are posted.
    var batchCount: Int
    /// Monotonic nanoseconds after which no new batch is started.
    var deadline: UInt64

    /// Runs the producers; returns when every batch was posted or the deadline passed.
    ///
    /// - Parameter post: Posts batch number `n` (called once per number, from any task).
    func run(_ post: @escaping @Sendable (_ batch: Int) async -> Void) async {
        let cursor = NIOLockedValueBox(0)
        let batchCount = self.batchCount
        let deadline = self.deadline
        await withDiscardingTaskGroup { group in
            for _ in 0..<max(1, producers) {
                group.addTask {
                    while !Task.isCancelled, MonotonicClock.now() < deadline {
                        let batch = cursor.withLockedValue { next -> Int in
                            defer { next += 1 }
                            return next
                        }
                        guard batch < batchCount else { return }
                        await post(batch)
                    }
                }
            }
        }
    }
}
