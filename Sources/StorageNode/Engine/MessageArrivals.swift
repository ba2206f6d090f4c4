import Shared
import Synchronization

/// Who waits for messages to be posted to which queue (long-poll claims and listings), woken
/// by the posts themselves once they are durable: no waiter polls the database.
final class MessageArrivals: Sendable {
    private struct Waiter {
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var waiters: [QueueRef: [Int: Waiter]] = [:]
        var nextTicket = 0
    }

    private let state = Mutex(State())

    /// Waits until ``announce(_:)`` names `queue` (`true`), `timeout` passes or the task is
    /// cancelled (`false`).
    func wait(for queue: QueueRef, timeout: Duration) async -> Bool {
        let ticket = state.withLock { state in
            defer { state.nextTicket += 1 }
            return state.nextTicket
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let registered = state.withLock { state -> Bool in
                    guard !Task.isCancelled else { return false }
                    state.waiters[queue, default: [:]][ticket] = Waiter(continuation: continuation)
                    return true
                }
                guard registered else {
                    continuation.resume(returning: false)
                    return
                }
                Task {
                    try? await Task.sleep(for: timeout)
                    self.resume(queue, ticket: ticket, arrived: false)
                }
            }
        } onCancel: {
            resume(queue, ticket: ticket, arrived: false)
        }
    }

    /// Messages were posted to `queue`: wakes everybody waiting for it.
    func announce(_ queue: QueueRef) {
        let woken = state.withLock { state -> [Waiter] in
            guard let waiters = state.waiters.removeValue(forKey: queue) else { return [] }
            return Array(waiters.values)
        }
        for waiter in woken { waiter.continuation.resume(returning: true) }
    }

    private func resume(_ queue: QueueRef, ticket: Int, arrived: Bool) {
        let waiter = state.withLock { state -> Waiter? in
            guard let waiter = state.waiters[queue]?.removeValue(forKey: ticket) else { return nil }
            if state.waiters[queue]?.isEmpty == true { state.waiters[queue] = nil }
            return waiter
        }
        waiter?.continuation.resume(returning: arrived)
    }
}
