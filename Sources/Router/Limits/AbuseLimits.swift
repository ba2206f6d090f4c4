/// Limits that protect the router from abusive or broken clients: request rates, queue quotas,
/// request-line and header sizes, and slow connections. The library defaults switch the rate
/// limit and the queue quota off and keep generous transport bounds.
public struct AbuseLimits: Sendable, Equatable {
    /// Sustained requests per second each project may make; `0` switches rate limiting off.
    public var rateLimitPerProject: Double = 0
    /// How many requests a project may make at once above the sustained rate (the bucket size);
    /// `0` takes the rate rounded up (at least 1).
    public var rateLimitBurst = 0
    /// Most queues a project may own (topics are counted separately, with the same bound);
    /// `0` means unlimited.
    public var maxQueuesPerProject = 0
    /// Longest request target (path and query) in bytes; longer ones answer 414.
    public var maxURLLength = 8_192
    /// Largest total of header names and values in bytes; larger header sections answer 431.
    public var maxHeaderBytes = 16_384
    /// How long a connection may go without receiving a request part (the request head, a body
    /// chunk) while it is not waiting for an answer: bounds idle keep-alive connections and the
    /// time a client may take to send its headers. `nil` keeps connections open indefinitely.
    public var idleTimeout: Duration? = .seconds(60)
    /// How long a client may take from the request head to the end of its body; `nil` for no bound.
    public var bodyReadTimeout: Duration? = .seconds(60)

    /// The library defaults: no rate limit, no queue quota, 8 KiB URLs, 16 KiB of headers,
    /// 60 s idle and body read timeouts.
    public init() {}

    /// The bucket size actually used: `rateLimitBurst`, or the rate rounded up (at least 1).
    public var effectiveBurst: Int {
        if rateLimitBurst > 0 { return rateLimitBurst }
        return max(1, Int(rateLimitPerProject.rounded(.up)))
    }

    /// A timeout given in seconds on the command line: `0` (or less) means none.
    public static func timeout(seconds: Double) -> Duration? {
        guard seconds > 0, seconds.isFinite else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// Why these limits cannot be used, or `nil` when they can.
    public var problem: String? {
        if !rateLimitPerProject.isFinite || rateLimitPerProject < 0 { return "the rate limit must be 0 or a positive number" }
        if rateLimitBurst < 0 { return "the rate limit burst must not be negative" }
        if maxQueuesPerProject < 0 { return "the queue quota must not be negative" }
        if maxURLLength < 64 { return "the URL length limit must be at least 64 bytes" }
        if maxHeaderBytes < 1_024 { return "the header size limit must be at least 1024 bytes" }
        if let idleTimeout, idleTimeout <= .zero { return "the idle timeout must be positive" }
        if let bodyReadTimeout, bodyReadTimeout <= .zero { return "the body read timeout must be positive" }
        return nil
    }
}
