extension RetryPolicy {
    /// The waits, in whole seconds, before each retry after the first attempt, in order:
    /// immediate phase (zeros), pre-backoff (`minimumDelay`), backoff curve, post-backoff (`maximumDelay`).
    /// Its count plus one is the worst-case number of attempts.
    public func delaySeconds() -> [Int] {
        Array(repeating: 0, count: max(0, retriesWithNoDelay))
            + Array(repeating: minimumDelay, count: max(0, minimumDelayRetries))
            + backoffFunction.delays(minimum: minimumDelay, maximum: maximumDelay)
            + Array(repeating: maximumDelay, count: max(0, maximumDelayRetries))
    }

    /// `delaySeconds()` as durations, ready for `Task.sleep(for:)`.
    public func delays() -> [Duration] {
        delaySeconds().map { .seconds($0) }
    }
}
