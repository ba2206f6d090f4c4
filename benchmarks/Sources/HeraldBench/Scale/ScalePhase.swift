/// The figures of one probe: the store's size when it ran, the latencies it measured and the
/// watched processes' resident memory right after it.
struct ScalePhase: Sendable {
    /// What the store held, e.g. `empty store`, `1000000 messages queued`.
    var name: String
    /// Messages in the backlog queue during the probe.
    var queuedMessages: Int
    /// Queues of the project during the probe.
    var queues: Int
    var post: LatencySummary
    var claim: LatencySummary
    var delete: LatencySummary
    /// Resident bytes per watched process label, in ``ScaleSettings/watched`` order.
    var resident: [(label: String, bytes: UInt64?)]
    /// Requests of the probe that did not get the expected status.
    var errors: Int
}
