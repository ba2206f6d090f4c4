/// Per-project request rate limits (a ``TokenBucket`` per project). The buckets live in
/// independently locked shards, so concurrent requests of different projects rarely contend,
/// and memory stays bounded: a shard that reaches its bucket bound first forgets the buckets
/// that have refilled completely (which changes nothing), and only if that is not enough
/// forgets all of its buckets.
final class ProjectRateLimiter: Sendable {
    /// Number of independently locked shards by default.
    static let defaultShardCount = 16
    /// Most buckets one shard keeps.
    static let maxBucketsPerShard = 4_096

    let rate: Double
    let burst: Int
    private let maxBucketsPerShard: Int
    private let clock: @Sendable () -> Double
    private let shards: [Locked<[String: TokenBucket]>]

    /// - Parameters:
    ///   - rate: sustained requests per second of each project (positive).
    ///   - burst: requests a project may make at once (positive).
    ///   - shardCount: number of independently locked shards.
    ///   - maxBucketsPerShard: memory bound per shard.
    ///   - clock: monotonic seconds; tests inject their own.
    init(
        rate: Double, burst: Int, shardCount: Int = ProjectRateLimiter.defaultShardCount,
        maxBucketsPerShard: Int = ProjectRateLimiter.maxBucketsPerShard,
        clock: @escaping @Sendable () -> Double = ProjectRateLimiter.monotonicSeconds()
    ) {
        self.rate = rate
        self.burst = burst
        self.maxBucketsPerShard = max(1, maxBucketsPerShard)
        self.clock = clock
        self.shards = (0..<max(1, shardCount)).map { _ in Locked([:]) }
    }

    /// The limiter of `limits`, or `nil` when rate limiting is off.
    convenience init?(_ limits: AbuseLimits) {
        guard limits.rateLimitPerProject > 0 else { return nil }
        self.init(rate: limits.rateLimitPerProject, burst: limits.effectiveBurst)
    }

    /// Takes a token of `project`'s bucket.
    func decide(project: String) -> TokenBucket.Decision {
        let now = clock()
        let shard = shards[Int(UInt(bitPattern: project.hashValue) % UInt(shards.count))]
        return shard.withLock { buckets in
            if var bucket = buckets[project] {
                let decision = bucket.take(now: now)
                buckets[project] = bucket
                return decision
            }
            if buckets.count >= maxBucketsPerShard {
                buckets = buckets.filter { !$0.value.isFull(at: now) }
                if buckets.count >= maxBucketsPerShard { buckets.removeAll(keepingCapacity: true) }
            }
            var bucket = TokenBucket(rate: rate, capacity: burst, now: now)
            let decision = bucket.take(now: now)
            buckets[project] = bucket
            return decision
        }
    }

    /// Throws 429 with `Retry-After` when `project` has no token left.
    func admit(project: String) throws(APIError) {
        if case .limited(let seconds) = decide(project: project) {
            throw .tooManyRequests(retryAfter: seconds)
        }
    }

    /// How many buckets are held (for tests of the memory bound).
    var bucketCount: Int {
        shards.reduce(0) { $0 + $1.withLock { $0.count } }
    }

    /// Seconds elapsed on `ContinuousClock` since the call.
    static func monotonicSeconds() -> @Sendable () -> Double {
        let origin = ContinuousClock.now
        return {
            let elapsed = (ContinuousClock.now - origin).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        }
    }
}
