import Shared

/// Validation of a `_retry_policy` object (spec §5.4); missing fields take their defaults.
enum RetryPolicyValidation {
    static let integerFields: [(name: String, defaultValue: Int64)] = [
        ("retries_with_no_delay", 3), ("minimum_delay_retries", 3), ("minimum_delay", 5), ("maximum_delay", 30),
        ("maximum_delay_retries", 3),
    ]
    static let backoffFunctions: Set<String> = ["linear", "arithmetic", "geometric", "exponential"]

    /// Throws a 400 "Invalid API request" when the policy is not acceptable.
    static func validate(_ policy: JSONValue) throws(APIError) {
        guard case .object = policy else { throw .invalidAPIRequest("_retry_policy must be an object.") }
        var values: [String: Int64] = [:]
        for (name, defaultValue) in integerFields {
            switch policy[name] {
            case nil: values[name] = defaultValue
            case .int(let number)?: values[name] = number
            default: throw .invalidAPIRequest("_retry_policy.\(name) must be an integer.")
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
