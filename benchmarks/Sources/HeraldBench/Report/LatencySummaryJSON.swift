import Shared

/// The JSON form of a ``LatencySummary``: `{"count": n, "p50": ms, …, "max": ms}`.
enum LatencySummaryJSON {
    /// The summary with its percentiles in milliseconds.
    static func make(_ summary: LatencySummary) -> JSONValue {
        .object(
            [("count", .int(Int64(summary.count)))]
                + summary.columns.map { (key: $0.name, value: .double(Figures.milliseconds(micros: $0.micros))) }
        )
    }
}
