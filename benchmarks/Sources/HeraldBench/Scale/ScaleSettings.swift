/// What one `herald-bench scale` run does.
struct ScaleSettings: Sendable {
    var endpoint: String
    var project: String
    var authToken: String?
    /// Messages queued in the one backlog queue before the second probe.
    var messages: Int
    /// Messages per POST while filling.
    var fillBatch: Int
    /// Empty queues created before the third probe.
    var queues: Int
    /// Concurrent requests while filling and creating queues.
    var workers: Int
    /// Post / claim / delete cycles of each probe, one at a time.
    var probeCycles: Int
    /// Bytes of each message body's JSON.
    var bodySize: Int
    /// Processes whose resident memory is reported (the storage nodes), with their labels.
    var watched: [WatchedProcess]
    /// The limit of one request, seconds.
    var requestTimeoutSeconds: Int
    /// The growth of a watched process's resident memory allowed over the run, bytes.
    var residentGrowthBudget: UInt64
}

/// A process whose resident memory a scenario reports.
struct WatchedProcess: Sendable, Equatable {
    var label: String
    var pid: Int32

    /// Parses `label=pid` or a bare pid (labelled `pid<pid>`).
    init?(argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        guard let pid = parts.last.flatMap({ Int32($0) }), pid > 0 else { return nil }
        self.pid = pid
        self.label = parts.count == 2 && !parts[0].isEmpty ? parts[0] : "pid\(pid)"
    }
}
