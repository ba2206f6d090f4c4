import Shared

/// One notification of the durable outbox waiting for delivery: a posted message for one live
/// subscription, with what the dispatcher needs to deliver it.
public struct PendingNotification: Sendable, Equatable {
    /// The outbox row; pass it to `completeNotification(seq:)` / `rescheduleNotification(seq:due:attempts:)`.
    public var seq: Int64
    public var subscriptionID: String
    /// The queue (or topic, see ``TopicNamespace``) the message was posted to.
    public var queue: QueueRef
    /// `http(s)://…` or `mailto:…`.
    public var subscriber: String
    /// The subscription options as compact JSON object bytes.
    public var options: [UInt8]
    /// Whether the subscriber confirmed.
    public var confirmed: Bool
    /// The notification JSON: `id`, `href`, `body`, `ttl`, `queue_name`, `Message_Type`.
    public var payload: [UInt8]
    /// Delivery attempts made so far.
    public var attempts: Int
    /// When the next attempt is due (ms since the epoch).
    public var due: Int64

    public init(
        seq: Int64, subscriptionID: String, queue: QueueRef, subscriber: String, options: [UInt8], confirmed: Bool,
        payload: [UInt8], attempts: Int, due: Int64
    ) {
        self.seq = seq
        self.subscriptionID = subscriptionID
        self.queue = queue
        self.subscriber = subscriber
        self.options = options
        self.confirmed = confirmed
        self.payload = payload
        self.attempts = attempts
        self.due = due
    }
}
