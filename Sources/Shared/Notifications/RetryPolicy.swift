/// The retry schedule of a notification delivery (spec §5.3, §5.4).
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts made right after the first one, with no wait.
    public var retriesWithNoDelay: Int
    /// Attempts made after waiting `minimumDelay` each.
    public var minimumDelayRetries: Int
    /// Seconds; the start of the backoff curve.
    public var minimumDelay: Int
    /// Seconds; the end of the backoff curve.
    public var maximumDelay: Int
    /// Attempts made after waiting `maximumDelay` each, once the backoff is over.
    public var maximumDelayRetries: Int
    /// The curve between `minimumDelay` and `maximumDelay`.
    public var backoffFunction: BackoffFunction
    /// When set on either policy, the queue's policy wins over the subscription's.
    public var ignoreSubscriptionOverride: Bool

    /// Largest retry count per phase the node accepts, so a policy cannot schedule unbounded work.
    public static let maximumRetries = 1_000
    /// Largest delay in seconds the node accepts (one day).
    public static let maximumDelaySeconds = 86_400
    /// The integer fields of a policy and the largest value each accepts (the smallest is 0).
    public static let integerFieldLimits: [String: Int] = [
        "retries_with_no_delay": maximumRetries, "minimum_delay_retries": maximumRetries,
        "minimum_delay": maximumDelaySeconds, "maximum_delay": maximumDelaySeconds,
        "maximum_delay_retries": maximumRetries,
    ]

    /// The documented defaults: 3 immediate, 3 × 5 s, linear 5…25 s, 3 × 30 s.
    public static let defaults = RetryPolicy(
        retriesWithNoDelay: 3, minimumDelayRetries: 3, minimumDelay: 5, maximumDelay: 30,
        maximumDelayRetries: 3, backoffFunction: .linear, ignoreSubscriptionOverride: false)

    /// A policy from explicit values; not validated (use `init(parsing:)` for stored input).
    public init(
        retriesWithNoDelay: Int, minimumDelayRetries: Int, minimumDelay: Int, maximumDelay: Int,
        maximumDelayRetries: Int, backoffFunction: BackoffFunction, ignoreSubscriptionOverride: Bool
    ) {
        self.retriesWithNoDelay = retriesWithNoDelay
        self.minimumDelayRetries = minimumDelayRetries
        self.minimumDelay = minimumDelay
        self.maximumDelay = maximumDelay
        self.maximumDelayRetries = maximumDelayRetries
        self.backoffFunction = backoffFunction
        self.ignoreSubscriptionOverride = ignoreSubscriptionOverride
    }

    /// Parses a `_retry_policy` object; missing fields take their defaults.
    public init(parsing policy: JSONValue) throws(RetryPolicyError) {
        guard case .object = policy else { throw .notAnObject }
        let defaults = Self.defaults
        retriesWithNoDelay = try Self.integer(policy, "retries_with_no_delay", default: defaults.retriesWithNoDelay)
        minimumDelayRetries = try Self.integer(policy, "minimum_delay_retries", default: defaults.minimumDelayRetries)
        minimumDelay = try Self.integer(policy, "minimum_delay", default: defaults.minimumDelay)
        maximumDelay = try Self.integer(policy, "maximum_delay", default: defaults.maximumDelay)
        maximumDelayRetries = try Self.integer(policy, "maximum_delay_retries", default: defaults.maximumDelayRetries)
        switch policy["retry_backoff_function"] {
        case nil: backoffFunction = defaults.backoffFunction
        case .string(let name)?:
            guard let function = BackoffFunction(rawValue: name) else { throw .unknownBackoffFunction }
            backoffFunction = function
        default: throw .unknownBackoffFunction
        }
        switch policy["ignore_subscription_override"] {
        case nil: ignoreSubscriptionOverride = false
        case .bool(let flag)?: ignoreSubscriptionOverride = flag
        default: throw .notABoolean(field: "ignore_subscription_override")
        }
        guard minimumDelay >= 1 else { throw .minimumDelayTooSmall }
        guard maximumDelay - minimumDelay >= 2 * BackoffFunction.step else { throw .delayRangeTooNarrow }
    }

    /// The policy that governs a subscription's deliveries (spec §5.4, "Which policy applies").
    ///
    /// - Parameters:
    ///   - subscriptionPolicy: `options._retry_policy` of the subscription, if any.
    ///   - queuePolicy: `_retry_policy` of the queue's metadata, if any.
    /// - Returns: the queue policy when either sets `ignore_subscription_override`; otherwise the
    ///   subscription policy when it is a non-empty object, else the queue policy, else the defaults.
    public static func effective(
        subscriptionPolicy: JSONValue?, queuePolicy: JSONValue?
    ) throws(RetryPolicyError) -> RetryPolicy {
        let subscription = try subscriptionPolicy.map { (value) throws(RetryPolicyError) in
            try RetryPolicy(parsing: value)
        }
        let queue = try queuePolicy.map { (value) throws(RetryPolicyError) in try RetryPolicy(parsing: value) }
        if subscription?.ignoreSubscriptionOverride == true || queue?.ignoreSubscriptionOverride == true {
            return queue ?? defaults
        }
        if let subscription, !Self.isEmptyObject(subscriptionPolicy) { return subscription }
        return queue ?? defaults
    }

    /// `effective(subscriptionPolicy:queuePolicy:)` from a subscription's whole `options`
    /// and a queue's whole metadata.
    public static func effective(
        subscriptionOptions: JSONValue, queueMetadata: JSONValue
    ) throws(RetryPolicyError) -> RetryPolicy {
        try effective(
            subscriptionPolicy: subscriptionOptions["_retry_policy"], queuePolicy: queueMetadata["_retry_policy"])
    }

    private static func isEmptyObject(_ value: JSONValue?) -> Bool {
        if case .object(let members)? = value { return members.isEmpty }
        return false
    }

    private static func integer(_ policy: JSONValue, _ field: String, default defaultValue: Int) throws(RetryPolicyError) -> Int {
        let limit = integerFieldLimits[field] ?? 0
        switch policy[field] {
        case nil: return defaultValue
        case .int(let number)?:
            guard number >= 0, number <= Int64(limit) else { throw .outOfRange(field: field, limit: limit) }
            return Int(number)
        default: throw .notAnInteger(field: field)
        }
    }
}
