import Foundation

/// Text forms of the numbers a report prints.
enum Figures {
    /// `value` with `digits` decimals, e.g. `1234.5`.
    static func decimal(_ value: Double, digits: Int = 1) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "-"
    }

    /// Elapsed seconds as the start of a progress line, e.g. `[   3s]`.
    static func elapsed(_ seconds: Double) -> String {
        let text = String(Int(seconds.rounded()))
        return "[" + String(repeating: " ", count: max(0, 4 - text.count)) + text + "s]"
    }

    /// `count` per second over `seconds` (0 when no time passed).
    static func rate(_ count: Int, seconds: Double) -> Double {
        seconds > 0 ? Double(count) / seconds : 0
    }

    /// A latency in microseconds shown in the unit that suits it: `850 us`, `12.34 ms`, `1.234 s`.
    static func latency(micros: UInt64) -> String {
        if micros < 1_000 { return "\(micros) us" }
        if micros < 1_000_000 { return decimal(Double(micros) / 1_000, digits: 2) + " ms" }
        return decimal(Double(micros) / 1_000_000, digits: 3) + " s"
    }

    /// A latency in microseconds as milliseconds (JSON results).
    static func milliseconds(micros: UInt64) -> Double {
        Double(micros) / 1_000
    }
}
