import NIOConcurrencyHelpers

/// The outcome counters of one kind of request (e.g. "post messages") across all tasks of a
/// run: requests, items they carried, failures with the first failure's text, request
/// latency, and the span from the first request's start to the last one's end.
final class OperationStats: Sendable {
    /// A consistent copy of the counters.
    struct Snapshot: Sendable {
        /// Requests answered with 2xx.
        var succeeded = 0
        /// Items (e.g. messages) carried by the successful requests.
        var items = 0
        /// Requests that failed: non-2xx answers and transport errors, timeouts included.
        var failed = 0
        /// The failed requests that got no complete answer in time.
        var timeouts = 0
        /// The first failure: status and body, or the transport error.
        var firstFailure: String?
        /// Latency of every request, failed ones included.
        var latency = LatencyHistogram()
        /// Monotonic start of the first request (0 before any).
        var firstStart: UInt64 = 0
        /// Monotonic end of the last request to finish (0 before any).
        var lastEnd: UInt64 = 0

        /// Seconds from the first start to the last end.
        var seconds: Double { MonotonicClock.seconds(from: firstStart, to: lastEnd) }
    }

    private let state = NIOLockedValueBox(Snapshot())

    /// Counters at zero.
    init() {}

    /// Records a successful request that carried `items` items.
    func succeeded(items: Int, start: UInt64, end: UInt64) {
        state.withLockedValue { state in
            state.succeeded += 1
            state.items += items
            Self.account(&state, start: start, end: end)
        }
    }

    /// Records a failed request; `reason` is kept if it is the first failure.
    func failed(_ reason: String, timedOut: Bool = false, start: UInt64, end: UInt64) {
        state.withLockedValue { state in
            state.failed += 1
            if timedOut { state.timeouts += 1 }
            if state.firstFailure == nil { state.firstFailure = reason }
            Self.account(&state, start: start, end: end)
        }
    }

    /// Items carried by successful requests so far (cheap; for progress lines).
    var items: Int { state.withLockedValue { $0.items } }

    /// A copy of every counter.
    func snapshot() -> Snapshot {
        state.withLockedValue { $0 }
    }

    private static func account(_ state: inout Snapshot, start: UInt64, end: UInt64) {
        state.latency.record(nanoseconds: end &- start)
        if state.firstStart == 0 || start < state.firstStart { state.firstStart = start }
        state.lastEnd = max(state.lastEnd, end)
    }
}
