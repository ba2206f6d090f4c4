import NIOCore

/// Nanoseconds of the monotonic clock (`CLOCK_MONOTONIC`): the one time base of every
/// measurement of a run, so timestamps taken on different threads can be subtracted.
enum MonotonicClock {
    /// The current reading, in nanoseconds since an arbitrary start.
    @inline(__always)
    static func now() -> UInt64 {
        NIODeadline.now().uptimeNanoseconds
    }

    /// Seconds from `start` to `end` (0 when `end` is not later).
    static func seconds(from start: UInt64, to end: UInt64) -> Double {
        end > start ? Double(end - start) / 1e9 : 0
    }
}
