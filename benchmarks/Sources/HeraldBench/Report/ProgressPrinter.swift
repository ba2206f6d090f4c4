/// Prints one progress line per interval while a run goes on, from snapshots of its counters.
///
/// The caller supplies how to take a snapshot and how to turn the latest two snapshots into
/// a line, so every scenario prints its own figures (e.g. rates over the last interval).
struct ProgressPrinter<Snapshot: Sendable>: Sendable {
    /// Time between two lines.
    var interval: Duration = .seconds(1)
    /// Reads the counters now.
    var snapshot: @Sendable () -> Snapshot
    /// The line for `current`, given `previous` (one interval earlier), the seconds since
    /// start and the seconds between the two snapshots.
    var line: @Sendable (_ current: Snapshot, _ previous: Snapshot, _ elapsed: Double, _ interval: Double) -> String

    /// Prints a line every interval until the task is cancelled.
    func run() async {
        let clock = ContinuousClock()
        let start = clock.now
        var previous = snapshot()
        var previousTime = start
        while !Task.isCancelled {
            do {
                try await clock.sleep(until: previousTime.advanced(by: interval))
            } catch {
                return
            }
            let now = clock.now
            let current = snapshot()
            StandardStreams.line(line(current, previous, Self.seconds(now - start), Self.seconds(now - previousTime)))
            previous = current
            previousTime = now
        }
    }

    /// Starts ``run()`` in a new task; cancel the task to stop printing.
    func start() -> Task<Void, Never> {
        Task { await run() }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
