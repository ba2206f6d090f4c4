import Foundation
import Shared

/// A wall clock that only moves when a test advances it.
final class ManualClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Int64

    init(startMillis: Int64 = 1_700_000_000_000) {
        current = startMillis
    }

    func nowMillis() -> Int64 {
        lock.withLock { current }
    }

    func advance(seconds: Int) {
        advance(millis: Int64(seconds) * 1000)
    }

    func advance(millis: Int64) {
        lock.withLock { current += millis }
    }
}
