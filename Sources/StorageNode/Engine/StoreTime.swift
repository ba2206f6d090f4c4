/// Safe conversions between the seconds callers pass and the milliseconds the store keeps.
enum StoreTime {
    /// The largest number of seconds the store accepts (about 68 years); larger values are clamped
    /// so that millisecond arithmetic can never overflow.
    static let maximumSeconds = Int(Int32.max)

    /// `seconds` clamped to `0...maximumSeconds`.
    static func clampedSeconds(_ seconds: Int) -> Int {
        min(max(seconds, 0), maximumSeconds)
    }

    /// `seconds` (clamped) as milliseconds.
    static func millis(seconds: Int) -> Int64 {
        Int64(clampedSeconds(seconds)) * 1000
    }

    /// Whole seconds elapsed from `start` to `now`, never negative.
    static func age(since start: Int64, now: Int64) -> Int {
        Int(max(0, (now - start) / 1000))
    }
}
