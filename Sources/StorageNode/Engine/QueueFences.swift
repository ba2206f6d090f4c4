import Shared
import Synchronization

/// The fences a node keeps around queues that move to another pool, and the requests running
/// on each queue: a fenced queue admits no request, and freezing one waits until the requests
/// it admitted before have finished, so its data stops changing.
final class QueueFences: Sendable {
    /// Why a queue is fenced; the raw value is the `state` column of `queue_fences`.
    enum State: Int, Sendable {
        /// Frozen while its data is copied (or being imported here).
        case moving = 1
        /// Gone to another pool; a tombstone until it expires.
        case moved = 2

        var refusal: StorageError { self == .moving ? .queueMoving : .queueMoved }
    }

    private struct Gate {
        var fenced: [QueueRef: State]
        var running: [QueueRef: Int] = [:]
        var drainWaiters: [QueueRef: [CheckedContinuation<Void, Never>]] = [:]
    }

    private let gate: Mutex<Gate>

    /// Fences as stored (read when the store opens).
    init(_ fenced: [QueueRef: State] = [:]) {
        gate = Mutex(Gate(fenced: fenced))
    }

    /// Admits one request on `queue`, or throws the fence's refusal.
    func enter(_ queue: QueueRef) throws(StorageError) {
        let refusal = gate.withLock { gate -> StorageError? in
            if let state = gate.fenced[queue] { return state.refusal }
            gate.running[queue, default: 0] += 1
            return nil
        }
        if let refusal { throw refusal }
    }

    /// Ends a request admitted by ``enter(_:)``; the last one of a fenced queue wakes its freezer.
    func leave(_ queue: QueueRef) {
        let waiters = gate.withLock { gate -> [CheckedContinuation<Void, Never>] in
            let remaining = (gate.running[queue] ?? 1) - 1
            guard remaining <= 0 else {
                gate.running[queue] = remaining
                return []
            }
            gate.running[queue] = nil
            return gate.drainWaiters.removeValue(forKey: queue) ?? []
        }
        for waiter in waiters { waiter.resume() }
    }

    /// The fence around `queue`, if any.
    func state(of queue: QueueRef) -> State? {
        gate.withLock { $0.fenced[queue] }
    }

    /// Sets (or with `nil` removes) the fence; returns the previous one.
    @discardableResult
    func set(_ queue: QueueRef, _ state: State?) -> State? {
        gate.withLock { gate in
            let previous = gate.fenced[queue]
            gate.fenced[queue] = state
            return previous
        }
    }

    /// Returns once no admitted request on `queue` is running.
    func drained(_ queue: QueueRef) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = gate.withLock { gate -> Bool in
                guard gate.running[queue] != nil else { return true }
                gate.drainWaiters[queue, default: []].append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    /// Removes the `moved` tombstones in `queues` (they expired in the store).
    func removeTombstones(_ queues: [QueueRef]) {
        gate.withLock { gate in
            for queue in queues where gate.fenced[queue] == .moved { gate.fenced[queue] = nil }
        }
    }
}
