import Shared
import Synchronization

/// The claim columns of one message, as a move's second round sends them.
struct MessageState: Equatable, Sendable {
    var claimID: String?
    var claimExpires: Int64
    var claimCount: Int64
}

/// The message states a node receives for queues moving to it, kept in memory until the batch
/// with state applies them. A restart loses them, which the count check of that batch notices.
final class CollectedMessageStates: Sendable {
    private let states = Mutex<[QueueRef: [String: MessageState]]>([:])

    /// Adds states of `queue` (by message id).
    func add(_ batch: [(id: String, state: MessageState)], for queue: QueueRef) {
        states.withLock { states in
            var collected = states.removeValue(forKey: queue) ?? [:]
            collected.reserveCapacity(collected.count + batch.count)
            for (id, state) in batch { collected[id] = state }
            states[queue] = collected
        }
    }

    /// Removes and returns the states collected for `queue`.
    func take(_ queue: QueueRef) -> [String: MessageState] {
        states.withLock { $0.removeValue(forKey: queue) } ?? [:]
    }
}
