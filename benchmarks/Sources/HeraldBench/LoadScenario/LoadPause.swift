/// The short waits of `load` tasks.
enum LoadPause {
    /// The back-off after an empty claim or a failed request: 5–20 ms, jittered so that
    /// consumers of one queue do not come back in lock-step.
    static func backOff() async {
        try? await Task.sleep(for: .milliseconds(Int.random(in: 5...20)))
    }

    /// Sleeps until the monotonic time `due`; false when that is past `deadline` (the task
    /// should stop) or the task was cancelled.
    static func sleep(until due: UInt64, deadline: UInt64) async -> Bool {
        guard due < deadline else { return false }
        let now = MonotonicClock.now()
        if due > now {
            do {
                try await Task.sleep(for: .nanoseconds(Int64(due - now)))
            } catch {
                return false
            }
        }
        return !Task.isCancelled
    }
}
