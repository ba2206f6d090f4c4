/// The result of one notification delivery attempt (spec §5.3).
public enum DeliveryOutcome: Sendable, Equatable {
    /// The subscriber answered below 400: the notification is delivered.
    case delivered(status: Int)
    /// A connection error, a timeout, a 5xx or a 429: try again per the retry policy.
    case retry(reason: String)
    /// Any other 4xx, or a subscription that cannot be delivered to: final, do not retry.
    case failed(reason: String)
}
