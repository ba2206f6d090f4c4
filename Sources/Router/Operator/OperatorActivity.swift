import Synchronization

/// Cumulative counts of the message traffic that went through this router since it started:
/// messages posted, claimed and deleted. Each counter is one relaxed atomic add on the request
/// path (no lock). The operator page turns the difference between two snapshots into rates.
public final class OperatorActivity: Sendable {
    /// The counters at one moment, with the router's uptime at that moment.
    public struct Snapshot: Sendable, Equatable {
        /// Messages accepted by `POST .../messages`.
        public var posted: Int
        /// Messages handed out by `POST .../claims`.
        public var claimed: Int
        /// Messages deleted by id (one or a list of ids, as requested) or popped.
        public var deleted: Int
        /// Milliseconds since the router started (monotonic), when the counters were read.
        public var uptimeMillis: Int64
    }

    private let posted = Atomic<Int>(0)
    private let claimed = Atomic<Int>(0)
    private let deleted = Atomic<Int>(0)
    private let started = ContinuousClock.now

    public init() {}

    /// Counts `count` messages posted.
    func recordPosted(_ count: Int) {
        posted.wrappingAdd(count, ordering: .relaxed)
    }

    /// Counts `count` messages claimed.
    func recordClaimed(_ count: Int) {
        claimed.wrappingAdd(count, ordering: .relaxed)
    }

    /// Counts `count` messages deleted (by id or by pop).
    func recordDeleted(_ count: Int) {
        deleted.wrappingAdd(count, ordering: .relaxed)
    }

    /// The counters now.
    public func snapshot() -> Snapshot {
        Snapshot(
            posted: posted.load(ordering: .relaxed), claimed: claimed.load(ordering: .relaxed),
            deleted: deleted.load(ordering: .relaxed), uptimeMillis: (ContinuousClock.now - started).wholeMilliseconds)
    }
}
