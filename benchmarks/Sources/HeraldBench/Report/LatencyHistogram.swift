import Histogram

/// Latencies of one operation, recorded in microseconds in an HdrHistogram (3 significant
/// digits, up to one hour; longer values count as one hour).
struct LatencyHistogram: Sendable {
    /// The largest latency kept apart from the others: one hour, in microseconds.
    static let highestMicroseconds: UInt64 = 3_600_000_000

    private var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: Self.highestMicroseconds, numberOfSignificantValueDigits: .three
    )

    /// An empty histogram.
    init() {}

    /// How many latencies were recorded.
    var count: UInt64 { histogram.totalCount }

    /// Records one latency given in nanoseconds.
    mutating func record(nanoseconds: UInt64) {
        let micros = min(max(nanoseconds / 1_000, 1), Self.highestMicroseconds)
        histogram.record(micros)
    }

    /// Adds every latency of `other`.
    mutating func add(_ other: LatencyHistogram) {
        histogram.add(other.histogram)
    }

    /// The summary a report shows.
    var summary: LatencySummary {
        guard count > 0 else { return LatencySummary(count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0) }
        return LatencySummary(
            count: count,
            p50: histogram.valueAtPercentile(50), p90: histogram.valueAtPercentile(90),
            p99: histogram.valueAtPercentile(99), p999: histogram.valueAtPercentile(99.9),
            max: histogram.maxRecorded
        )
    }
}

/// The percentiles of a ``LatencyHistogram``, in microseconds.
struct LatencySummary: Sendable, Equatable {
    /// The number of recorded latencies.
    var count: UInt64
    /// The median.
    var p50: UInt64
    /// The 90th percentile.
    var p90: UInt64
    /// The 99th percentile.
    var p99: UInt64
    /// The 99.9th percentile.
    var p999: UInt64
    /// The largest recorded latency, exact.
    var max: UInt64

    /// The figures with their column names, in display order.
    var columns: [(name: String, micros: UInt64)] {
        [("p50", p50), ("p90", p90), ("p99", p99), ("p99.9", p999), ("max", max)]
    }
}
