/// Why a `_retry_policy` object (spec §5.4) cannot be used for delivery; the description is
/// the 400 answer of the API that refuses it.
public enum RetryPolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The policy is not a JSON object.
    case notAnObject
    /// An integer field holds something other than an integer.
    case notAnInteger(field: String)
    /// An integer field is negative or above the limit the node accepts.
    case outOfRange(field: String, limit: Int)
    /// `retry_backoff_function` is not one of the four known names.
    case unknownBackoffFunction
    /// `ignore_subscription_override` is not a boolean.
    case notABoolean(field: String)
    /// `minimum_delay` is below one second (the backoff formulas divide by it).
    case minimumDelayTooSmall
    /// `maximum_delay` does not exceed `minimum_delay` by at least two backoff steps.
    case delayRangeTooNarrow

    public var description: String {
        switch self {
        case .notAnObject: "_retry_policy must be an object."
        case .notAnInteger(let field):
            "_retry_policy.\(field) must be an integer between 0 and \(RetryPolicy.integerFieldLimits[field] ?? 0)."
        case .outOfRange(let field, let limit): "_retry_policy.\(field) must be an integer between 0 and \(limit)."
        case .unknownBackoffFunction:
            "_retry_policy.retry_backoff_function must be one of linear, arithmetic, geometric, exponential."
        case .notABoolean(let field): "_retry_policy.\(field) must be a boolean."
        case .minimumDelayTooSmall: "_retry_policy.minimum_delay must be at least 1."
        case .delayRangeTooNarrow: "_retry_policy.maximum_delay must exceed minimum_delay by at least 10 seconds."
        }
    }
}
