/// A token bucket: holds up to `capacity` tokens, refills at `rate` tokens per second, and each
/// request takes one. Times are seconds on any monotonic clock, so tests can drive it directly.
struct TokenBucket: Sendable, Equatable {
    /// The answer to one request.
    enum Decision: Sendable, Equatable {
        /// A token was taken.
        case allowed
        /// No token is left; one will be after this many whole seconds (at least 1).
        case limited(retryAfter: Int)
    }

    /// Tokens added per second.
    let rate: Double
    /// Most tokens held (the burst).
    let capacity: Double
    /// Tokens held after the last update.
    private(set) var tokens: Double
    /// When `tokens` was last brought up to date.
    private(set) var updatedAt: Double

    /// A full bucket at `now`.
    init(rate: Double, capacity: Int, now: Double) {
        precondition(rate > 0 && capacity > 0, "a token bucket needs a positive rate and capacity")
        self.rate = rate
        self.capacity = Double(capacity)
        self.tokens = Double(capacity)
        self.updatedAt = now
    }

    /// Takes one token at `now` if there is one.
    mutating func take(now: Double) -> Decision {
        refill(now: now)
        if tokens >= 1 {
            tokens -= 1
            return .allowed
        }
        let wait = ((1 - tokens) / rate).rounded(.up)
        return .limited(retryAfter: max(1, Int(min(wait, Double(Int32.max)))))
    }

    /// True when the bucket would be full at `now`: forgetting it then changes nothing, since a
    /// new bucket starts full.
    func isFull(at now: Double) -> Bool {
        tokens + max(0, now - updatedAt) * rate >= capacity
    }

    private mutating func refill(now: Double) {
        let elapsed = now - updatedAt
        guard elapsed > 0 else { return }
        tokens = min(capacity, tokens + elapsed * rate)
        updatedAt = now
    }
}
