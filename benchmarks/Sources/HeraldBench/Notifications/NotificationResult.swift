/// The figures of one notification benchmark run, as a text report and as JSON.
struct NotificationResult: Sendable {
    /// The parameters of the run.
    var settings: NotificationSettings
    /// The queue the run used (deleted at the end).
    var queue: String
    /// The message POSTs.
    var posts: OperationStats.Snapshot
    /// What the receiver saw.
    var deliveries: DeliveryLedger.Snapshot
    /// True when the run stopped at the timeout.
    var timedOut: Bool

    /// Notifications a complete run delivers: messages × subscribers.
    var expected: Int { settings.messages * settings.subscribers }
    /// (subscriber, message) pairs never delivered, unposted messages included.
    var missing: Int { max(0, expected - deliveries.unique) }
    /// Failed POSTs plus requests to the receiver that were not understood.
    var errors: Int { posts.failed + deliveries.malformed }
    /// True when nothing is missing and nothing failed.
    var passed: Bool { missing == 0 && errors == 0 }

    /// Messages posted per second, from the first POST's start to the last POST's end.
    var postRate: Double { Figures.rate(posts.items, seconds: posts.seconds) }
    /// Seconds from the first POST's start to the last delivery.
    var deliverySeconds: Double { MonotonicClock.seconds(from: posts.firstStart, to: deliveries.lastArrival) }
    /// Distinct notifications delivered per second over ``deliverySeconds``.
    var deliveryRate: Double { Figures.rate(deliveries.unique, seconds: deliverySeconds) }

    /// The first error to show: a failed POST, else a malformed delivery.
    var firstError: String? { posts.firstFailure ?? deliveries.firstMalformed }
}
