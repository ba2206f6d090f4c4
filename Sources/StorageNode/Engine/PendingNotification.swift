import Shared

/// One row of the durable outbox waiting for delivery to one live subscription: a posted
/// message, or a confirmation request or unsubscribe notice (see ``NotificationKind``), with
/// what the dispatcher needs to deliver it.
public struct PendingNotification: Sendable, Equatable {
    /// The outbox row; pass it to `completeNotification(seq:)` / `rescheduleNotification(seq:due:attempts:)`.
    public var seq: Int64
    /// What the row announces.
    public var kind: NotificationKind
    public var subscriptionID: String
    /// The queue (or topic, see ``TopicNamespace``) the subscription belongs to.
    public var queue: QueueRef
    /// `http(s)://…` or `mailto:…`.
    public var subscriber: String
    /// The subscription options as compact JSON object bytes.
    public var options: [UInt8]
    /// Whether the subscriber confirmed (read when the row is handed out).
    public var confirmed: Bool
    /// When the subscription expires (ms since the epoch): the expiry of its confirmation link.
    public var subscriptionExpires: Int64
    /// For ``NotificationKind/message`` rows the notification JSON (`id`, `href`, `body`, `ttl`,
    /// `delay` when the message was delayed, `queue_name`, `Message_Type`); empty for
    /// confirmation rows, whose body is built at delivery time.
    public var payload: [UInt8]
    /// Delivery attempts made so far.
    public var attempts: Int
    /// When the next attempt is due (ms since the epoch).
    public var due: Int64

    public init(
        seq: Int64, kind: NotificationKind = .message, subscriptionID: String, queue: QueueRef, subscriber: String,
        options: [UInt8], confirmed: Bool, subscriptionExpires: Int64, payload: [UInt8], attempts: Int, due: Int64
    ) {
        self.seq = seq
        self.kind = kind
        self.subscriptionID = subscriptionID
        self.queue = queue
        self.subscriber = subscriber
        self.options = options
        self.confirmed = confirmed
        self.subscriptionExpires = subscriptionExpires
        self.payload = payload
        self.attempts = attempts
        self.due = due
    }
}
