import Foundation
import Shared

/// A wall clock the test moves forward, shared by the store and the dispatcher.
final class TestWallClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Int64 = 1_700_000_000_000

    func nowMillis() -> Int64 { lock.withLock { current } }

    func advance(seconds: Int64) { lock.withLock { current += seconds * 1000 } }
}
