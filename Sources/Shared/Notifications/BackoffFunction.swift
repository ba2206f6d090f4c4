import Foundation

/// The delay curve of a retry policy's backoff phase (spec §5.4).
public enum BackoffFunction: String, Sendable, CaseIterable {
    case linear, arithmetic, geometric, exponential

    /// The fixed step between the minimum and maximum delay, in seconds.
    public static let step = 5

    /// The backoff delays, in whole seconds, from `minimum` towards `maximum`.
    ///
    /// Requires `minimum >= 1` and `maximum - minimum >= 2 * step` (checked by `RetryPolicy`);
    /// outside that range it returns no delays rather than dividing by zero.
    public func delays(minimum: Int, maximum: Int) -> [Int] {
        let count = (maximum - minimum) / Self.step
        guard minimum >= 1, count >= 2 else { return [] }
        switch self {
        case .linear:
            return Array(stride(from: minimum, to: maximum, by: Self.step))
        case .geometric:
            let ratio = Self.ratio(minimum: minimum, maximum: maximum, count: count)
            return (1...count).map { Self.truncated(Double(minimum) * pow(ratio, Double($0 - 1))) }
        case .exponential:
            let ratio = Self.ratio(minimum: minimum, maximum: maximum, count: count)
            let start = Double(minimum) / ratio
            return (1...count).map { Self.truncated(start * pow(ratio, Double($0))) }
        case .arithmetic:
            let increment = 2.0 * Double(maximum - minimum) / Double(count * (count - 1))
            return (1...count).map { Self.truncated(Double(minimum) + Double(($0 - 1) * $0) * increment / 2) }
        }
    }

    /// k = (M/m)^(1/(n−1)), computed as the reference does so rounding matches it.
    private static func ratio(minimum: Int, maximum: Int, count: Int) -> Double {
        pow(10, log10(Double(maximum) / Double(minimum)) / Double(count - 1))
    }

    private static func truncated(_ value: Double) -> Int {
        value.isFinite ? Int(value.rounded(.towardZero)) : 0
    }
}
