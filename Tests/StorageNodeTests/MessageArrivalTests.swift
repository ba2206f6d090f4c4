import Shared
import StorageNode
import XCTest

/// `awaitMessages`, the wake-up of long polls: a durable post to the queue wakes its waiters,
/// nothing else does, and a waiter gives up at its timeout or when cancelled.
final class MessageArrivalTests: StoreTestCase {
    func testPostToTheQueueWakesEveryWaiter() async throws {
        let store = self.store!
        let queue = self.queue
        let waiters = (0..<3).map { _ in Task { await store.awaitMessages(queue, timeout: .seconds(30)) } }
        // A post made before a waiter registers would not wake it: give them time to register.
        try await Task.sleep(for: .milliseconds(200))
        try await post(["1"])
        for waiter in waiters {
            let arrived = await waiter.value
            XCTAssertTrue(arrived)
        }
    }

    func testPostToAnotherQueueDoesNotWake() async throws {
        let store = self.store!
        let queue = self.queue
        let waiter = Task { await store.awaitMessages(queue, timeout: .milliseconds(600)) }
        try await Task.sleep(for: .milliseconds(100))
        try await post(["elsewhere"], to: QueueRef(project: queue.project, name: "other"))
        try await post(["other project"], to: QueueRef(project: "project-b", name: queue.name))
        let arrived = await waiter.value
        XCTAssertFalse(arrived, "only the timeout ended the wait")
    }

    func testCancelledWaiterAnswersFalse() async throws {
        let store = self.store!
        let queue = self.queue
        let waiter = Task { await store.awaitMessages(queue, timeout: .seconds(30)) }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        let arrived = await waiter.value
        XCTAssertFalse(arrived)
    }
}
