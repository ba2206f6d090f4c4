import NIOConcurrencyHelpers

/// When the tasks of a `load` run stop starting requests.
///
/// Duration mode: everything stops at the deadline. Messages mode: producers stop when the
/// budget is spent; consumers when production is over and every posted message has been
/// consumed; observers when producers and consumers are both done; all of them at the
/// deadline (the timeout) at the latest.
final class LoadRunControl: Sendable {
    private struct Flags {
        var productionDone = false
        var consumptionDone = false
    }

    /// The monotonic time after which no task starts a request.
    let deadline: UInt64
    /// True in messages mode: consumers and observers stop once the queues are drained.
    let stopsWhenDrained: Bool
    private let flags = NIOLockedValueBox(Flags())

    /// A control for a run with the given stop rule.
    init(deadline: UInt64, stopsWhenDrained: Bool) {
        self.deadline = deadline
        self.stopsWhenDrained = stopsWhenDrained
    }

    /// The control of `stop` for a run whose measured part starts at `measureStart`.
    convenience init(stop: LoadSettings.Stop, measureStart: UInt64) {
        switch stop {
        case .duration(let seconds):
            self.init(deadline: measureStart + UInt64(seconds) * 1_000_000_000, stopsWhenDrained: false)
        case .messages(_, let timeoutSeconds):
            self.init(deadline: measureStart + UInt64(timeoutSeconds) * 1_000_000_000, stopsWhenDrained: true)
        }
    }

    /// True while the deadline has not passed.
    var beforeDeadline: Bool { MonotonicClock.now() < deadline }

    /// Marks the producers as finished.
    func productionFinished() {
        flags.withLockedValue { $0.productionDone = true }
    }

    /// Marks the consumers as finished.
    func consumptionFinished() {
        flags.withLockedValue { $0.consumptionDone = true }
    }

    /// True while consumers should go on, given the run's totals so far.
    func consumersContinue(_ totals: LoadStats.Totals) -> Bool {
        guard beforeDeadline else { return false }
        guard stopsWhenDrained else { return true }
        return !(flags.withLockedValue { $0.productionDone } && totals.consumed >= totals.produced)
    }

    /// True while observers should go on.
    var observersContinue: Bool {
        guard beforeDeadline else { return false }
        guard stopsWhenDrained else { return true }
        return !flags.withLockedValue { $0.productionDone && $0.consumptionDone }
    }
}
