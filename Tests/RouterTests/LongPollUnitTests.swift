@testable import Router
import Shared
import Synchronization
import XCTest

final class LongPollUnitTests: XCTestCase {
    /// A store that cannot wait (here: an unreachable pool's) answers `awaitMessages` at once; the
    /// long poll must not turn that into a tight loop of attempts.
    func testAStoreThatCannotWaitIsAskedAboutOnceASecond() async throws {
        let attempts = Counter()
        let poll = LongPoll()
        let found: Int? = try await poll.repeatUntilFound(
            { attempts.increment(); return nil }, store: UnavailableQueueStore(reason: "test"),
            queue: QueueRef(project: "p", name: "q"), seconds: 2)
        XCTAssertNil(found)
        XCTAssertGreaterThanOrEqual(attempts.value, 2, "looked again after a slice")
        XCTAssertLessThanOrEqual(attempts.value, 5, "one look per slice of a second, not a spin")
    }
}

private final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
