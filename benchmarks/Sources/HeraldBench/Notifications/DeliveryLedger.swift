import NIOConcurrencyHelpers

/// Everything the receiver saw, shared by its connections: which (subscriber, message) pairs
/// arrived and how often, delivery latency, and requests that were not benchmark deliveries.
///
/// Subscribers are numbered `0..<subscribers` (path `/s<i>`), messages `0..<messages` (`body.seq`).
final class DeliveryLedger: Sendable {
    /// A consistent copy of the counters.
    struct Snapshot: Sendable {
        /// Distinct (subscriber, message) pairs delivered.
        var unique = 0
        /// Deliveries of a pair that had already arrived.
        var duplicates = 0
        /// Deliveries (duplicates included) per subscriber.
        var perSubscriber: [Int]
        /// Requests that were neither a benchmark delivery nor another notification type.
        var malformed = 0
        /// Why the first malformed request was not understood.
        var firstMalformed: String?
        /// Notifications of other types (e.g. subscription confirmations), counted apart.
        var otherNotifications = 0
        /// Post → arrival time of every delivery, duplicates included.
        var latency = LatencyHistogram()
        /// Monotonic time of the last delivery (0 before any).
        var lastArrival: UInt64 = 0
    }

    private struct State: Sendable {
        var snapshot: Snapshot
        /// Arrivals per pair, at `subscriber * messages + seq` (saturating at 255).
        var arrivals: [UInt8]
    }

    /// The number of subscribers.
    let subscribers: Int
    /// The number of messages.
    let messages: Int
    private let state: NIOLockedValueBox<State>

    /// An empty ledger for `subscribers` × `messages` deliveries.
    init(subscribers: Int, messages: Int) {
        self.subscribers = subscribers
        self.messages = messages
        state = NIOLockedValueBox(
            State(
                snapshot: Snapshot(perSubscriber: Array(repeating: 0, count: subscribers)),
                arrivals: Array(repeating: 0, count: subscribers * messages)
            )
        )
    }

    /// Records one request received at `arrival` (monotonic nanoseconds).
    ///
    /// - Parameters:
    ///   - subscriber: The subscriber number from the request path; nil when the path is not `/s<i>`.
    ///   - path: The request path, for the report of a malformed request.
    ///   - payload: What the body carried.
    ///   - arrival: When the request was complete.
    func record(subscriber: Int?, path: String, payload: DeliveryPayload, arrival: UInt64) {
        state.withLockedValue { state in
            switch payload {
            case .other:
                state.snapshot.otherNotifications += 1
            case .malformed(let reason):
                Self.malformed(&state.snapshot, "\(path): \(reason)")
            case .message(let seq, let sent):
                guard let subscriber, subscriber >= 0, subscriber < subscribers else {
                    Self.malformed(&state.snapshot, "delivery to unknown subscriber path \(path)")
                    return
                }
                guard seq < messages else {
                    Self.malformed(&state.snapshot, "\(path): seq \(seq) is not a message of this run")
                    return
                }
                let index = subscriber * messages + seq
                let seen = state.arrivals[index]
                if seen == 0 { state.snapshot.unique += 1 } else { state.snapshot.duplicates += 1 }
                if seen < UInt8.max { state.arrivals[index] = seen + 1 }
                state.snapshot.perSubscriber[subscriber] += 1
                state.snapshot.latency.record(nanoseconds: arrival > sent ? arrival - sent : 0)
                state.snapshot.lastArrival = max(state.snapshot.lastArrival, arrival)
            }
        }
    }

    /// Distinct deliveries so far (cheap; for waiting and progress lines).
    var unique: Int { state.withLockedValue { $0.snapshot.unique } }

    /// A copy of every counter.
    func snapshot() -> Snapshot {
        state.withLockedValue { $0.snapshot }
    }

    private static func malformed(_ snapshot: inout Snapshot, _ reason: String) {
        snapshot.malformed += 1
        if snapshot.firstMalformed == nil { snapshot.firstMalformed = reason }
    }
}
