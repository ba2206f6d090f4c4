/// The latency table of a report: one row per operation, columns count p50 p90 p99 p99.9 max.
struct LatencyTable {
    private var table = TextTable(header: ["latency", "count", "p50", "p90", "p99", "p99.9", "max"])

    /// An empty table.
    init() {}

    /// Adds the row of one operation.
    mutating func add(_ operation: String, _ summary: LatencySummary) {
        let figures = summary.count == 0 ? summary.columns.map { _ in "-" } : summary.columns.map { Figures.latency(micros: $0.micros) }
        table.add([operation, String(summary.count)] + figures)
    }

    /// The table as text.
    func render() -> String {
        table.render()
    }
}
