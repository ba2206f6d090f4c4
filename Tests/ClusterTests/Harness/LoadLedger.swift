import Synchronization

/// What the producers of a fault run were told: acknowledged messages (id → number) and refused posts per queue.
actor AcknowledgementLedger {
    private(set) var acknowledged: [String: [String: Int]] = [:]
    private(set) var refused: [String: Int] = [:]

    func record(queue: String, id: String, number: Int) {
        acknowledged[queue, default: [:]][id] = number
    }

    func refuse(queue: String) {
        refused[queue, default: 0] += 1
    }
}

/// Tells the producers to stop.
final class StopFlag: Sendable {
    private let raised = Mutex(false)

    func raise() { raised.withLock { $0 = true } }

    /// Raised, or the asking task cancelled: a test that throws cancels its `async let`
    /// producers, which must then end instead of hanging the test.
    var isRaised: Bool { Task.isCancelled || raised.withLock { $0 } }
}
