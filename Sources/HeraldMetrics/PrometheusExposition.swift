/// The Prometheus text exposition format as Herald serves it.
public enum PrometheusExposition {
    /// The `Content-Type` of a scrape answer (text format 0.0.4).
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
    /// The path metrics are served on.
    public static let path = "/metrics"
    /// Histogram buckets of every duration (swift-metrics `Timer`): 1 ms to 10 s.
    public static let durationBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2_500), .seconds(5), .seconds(10),
    ]
}
