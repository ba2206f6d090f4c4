import Shared

/// Validation of a `_retry_policy` object (spec §5.4); missing fields take their defaults.
/// The ranges are the ones the storage nodes accept when they deliver (`RetryPolicy(parsing:)`:
/// at most 1000 retries per phase, delays of at most one day), so a policy the API accepts is
/// never replaced by the defaults at delivery time.
enum RetryPolicyValidation {
    /// Largest retry count of a phase.
    static let maximumRetries: Int64 = 1_000
    /// Largest delay, in seconds (one day).
    static let maximumDelaySeconds: Int64 = 86_400

    static let integerFields: [(name: String, defaultValue: Int64, limit: Int64)] = [
        ("retries_with_no_delay", 3, maximumRetries), ("minimum_delay_retries", 3, maximumRetries),
        ("minimum_delay", 5, maximumDelaySeconds), ("maximum_delay", 30, maximumDelaySeconds),
        ("maximum_delay_retries", 3, maximumRetries),
    ]
    static let backoffFunctions: Set<String> = ["linear", "arithmetic", "geometric", "exponential"]

    /// Throws a 400 "Invalid API request" when the policy is not acceptable.
    static func validate(_ policy: JSONValue) throws(APIError) {
        guard case .object = policy else { throw .invalidAPIRequest("_retry_policy must be an object.") }
        var values: [String: Int64] = [:]
        for (name, defaultValue, limit) in integerFields {
            switch policy[name] {
            case nil: values[name] = defaultValue
            case .int(let number)? where (0...limit).contains(number): values[name] = number
            default: throw .invalidAPIRequest("_retry_policy.\(name) must be an integer between 0 and \(limit).")
            }
        }
        if let function = policy["retry_backoff_function"] {
            guard case .string(let name) = function, backoffFunctions.contains(name) else {
                throw .invalidAPIRequest(
                    "_retry_policy.retry_backoff_function must be one of linear, arithmetic, geometric, exponential.")
            }
        }
        switch policy["ignore_subscription_override"] {
        case nil, .bool?: break
        default: throw .invalidAPIRequest("_retry_policy.ignore_subscription_override must be a boolean.")
        }
        let minimum = values["minimum_delay"] ?? 5
        let maximum = values["maximum_delay"] ?? 30
        guard minimum >= 1 else { throw .invalidAPIRequest("_retry_policy.minimum_delay must be at least 1.") }
        guard maximum >= minimum, maximum - minimum >= 10 else {
            throw .invalidAPIRequest(
                "_retry_policy.maximum_delay must exceed minimum_delay by at least 10 seconds.")
        }
    }
}
