import Shared
import Synchronization

/// Long polling, a Herald extension of the Zaqar API: `POST .../claims?wait=SECONDS` and
/// `GET .../messages?wait=SECONDS` (up to ``maxWait``) hold an empty answer until messages arrive
/// or the time is up. The storage node wakes the request when a post to the queue is durable (no
/// polling of the database); it looks again at least every second for messages that became
/// claimable without a post (delays ending, claims expiring). Without `wait` nothing changes.
final class LongPoll: Sendable {
    /// Longest `wait`, in seconds (SQS's limit as well).
    static let maxWait = 20
    /// Longest sleep between two looks at the queue.
    static let recheckInterval = Duration.seconds(1)

    /// Requests of this router waiting at once; beyond it, requests answer at once as without `wait`,
    /// so waiting requests cannot crowd out the connections to the nodes.
    let maxWaiting: Int
    private let waiting = Atomic<Int>(0)

    init(maxWaiting: Int = 512) {
        self.maxWaiting = maxWaiting
    }

    /// The `wait` query parameter: 0 when absent; 400 unless an integer within `0...maxWait`.
    static func seconds(_ request: APIRequest) throws(APIError) -> Int {
        guard let value = try request.query.int("wait") else { return 0 }
        guard (0...maxWait).contains(value) else {
            throw .invalidAPIRequest("Wait must be at least 0 and may not be greater than \(maxWait) seconds.")
        }
        return value
    }

    /// Runs `attempt` until it finds something or `seconds` pass, sleeping on `store`'s arrivals of
    /// `queue` in between; returns the last result (`nil`: nothing arrived in time).
    func repeatUntilFound<Found>(
        _ attempt: () async throws -> Found?, store: any QueueStore, queue: QueueRef, seconds: Int
    ) async throws -> Found? {
        if let found = try await attempt() { return found }
        guard seconds > 0, enter() else { return nil }
        defer { leave() }
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !Task.isCancelled {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return nil }
            let slice = min(remaining, Self.recheckInterval)
            let sliceStart = ContinuousClock.now
            if await !store.awaitMessages(queue, timeout: slice) {
                // A node that cannot wait (unreachable, or older than this router) answers at
                // once: sleep out the slice so the queue is not asked again in a tight loop.
                let left = slice - (ContinuousClock.now - sliceStart)
                if left > .zero { try? await Task.sleep(for: left) }
            }
            if let found = try await attempt() { return found }
        }
        return nil
    }

    private func enter() -> Bool {
        let (admitted, _) = waiting.wrappingAdd(1, ordering: .relaxed)
        guard admitted <= maxWaiting else {
            leave()
            return false
        }
        return true
    }

    private func leave() {
        waiting.wrappingSubtract(1, ordering: .relaxed)
    }
}
