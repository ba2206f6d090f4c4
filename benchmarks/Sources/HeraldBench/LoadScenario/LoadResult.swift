/// The figures of one `load` run, as a text report and as JSON.
struct LoadResult: Sendable {
    /// The parameters of the run.
    var settings: LoadSettings
    /// The queues the run used.
    var queues: [String]
    /// The start of the run, ISO 8601 in UTC.
    var date: String
    /// Seconds from the end of the warm-up to the end of the last request.
    var seconds: Double
    /// Seconds from the end of the warm-up to the end of the last measured POST.
    var productionSeconds: Double
    /// Seconds from the end of the warm-up to the end of the last measured bulk DELETE.
    var consumptionSeconds: Double
    /// The measured figures of every operation, indexed by ``LoadOperation/rawValue``.
    var operations: [OperationStats.Snapshot]
    /// The totals of the whole run, warm-up included.
    var totals: LoadStats.Totals
    /// Messages mode: true when producers posted the count before the timeout and consumers
    /// consumed everything posted. Always true in duration mode.
    var completed: Bool

    /// The measured figures of `operation`.
    subscript(_ operation: LoadOperation) -> OperationStats.Snapshot {
        operations[operation.rawValue]
    }

    /// Messages posted in the measured part.
    var produced: Int { self[.post].items }
    /// Messages consumed (deleted after a claim) in the measured part.
    var consumed: Int { self[.delete].items }
    /// Requests of every kind in the measured part, failed ones included.
    var requests: Int { operations.reduce(0) { $0 + $1.succeeded + $1.failed } }
    /// Failed requests in the measured part.
    var errors: Int { operations.reduce(0) { $0 + $1.failed } }
    /// Failed requests that got no answer in time, in the measured part.
    var timeouts: Int { operations.reduce(0) { $0 + $1.timeouts } }
    /// Posted messages not consumed at the end (whole run).
    var backlog: Int { max(0, totals.produced - totals.consumed) }

    /// Messages posted per second while producers were posting (the measured part in duration
    /// mode; until the last POST in messages mode).
    var producedPerSecond: Double { Figures.rate(produced, seconds: productionSeconds) }
    /// Messages consumed per second while consumers were consuming (the measured part in
    /// duration mode; until the last DELETE, the end of the drain, in messages mode).
    var consumedPerSecond: Double { Figures.rate(consumed, seconds: consumptionSeconds) }
    /// Requests per second of the measured part.
    var requestsPerSecond: Double { Figures.rate(requests, seconds: seconds) }

    /// True when no request of the whole run failed and, in messages mode, everything was
    /// produced and consumed.
    var passed: Bool { totals.errors == 0 && completed }

    /// The first failure of each operation that had one, in operation order.
    var firstErrors: [(operation: LoadOperation, text: String)] {
        LoadOperation.allCases.compactMap { operation in self[operation].firstFailure.map { (operation, $0) } }
    }
}
