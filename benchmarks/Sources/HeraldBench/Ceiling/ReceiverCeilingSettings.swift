/// The parameters of a ``ReceiverCeiling`` run.
struct ReceiverCeilingSettings: Sendable {
    /// Receiver paths `/s0` … notified for every message.
    var subscribers: Int
    /// Messages whose notifications are sent (one POST per message and subscriber).
    var messages: Int
    /// Concurrent connections (and sending tasks).
    var connections: Int
    /// Bytes of each message body's JSON inside the notification.
    var bodySize: Int
    /// Seconds the run may take.
    var timeoutSeconds: Int
}
