import Shared

/// The JSON form of a ``LatencySummary``:
/// `{"count": n, "p50": ms, "p90": ms, "p99": ms, "p999": ms, "max": ms}`.
enum LatencySummaryJSON {
    /// The summary with its percentiles in milliseconds.
    static func make(_ summary: LatencySummary) -> JSONValue {
        func ms(_ micros: UInt64) -> JSONValue { .double(Figures.milliseconds(micros: micros)) }
        return .object([
            ("count", .int(Int64(summary.count))),
            ("p50", ms(summary.p50)), ("p90", ms(summary.p90)), ("p99", ms(summary.p99)),
            ("p999", ms(summary.p999)), ("max", ms(summary.max)),
        ])
    }
}
