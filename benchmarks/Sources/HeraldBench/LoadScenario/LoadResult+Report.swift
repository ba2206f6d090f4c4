/// The text report of a `load` run.
extension LoadResult {
    /// The end-of-run report.
    func render() -> String {
        var figures = TextTable(alignment: .text)
        figures.add(["measured", "\(Figures.decimal(seconds, digits: 2)) s after a \(settings.warmupSeconds) s warm-up"])
        figures.add([
            "produced",
            "\(Figures.decimal(producedPerSecond)) msg/s (\(produced) messages in \(Figures.decimal(productionSeconds, digits: 2)) s)",
        ])
        figures.add([
            "consumed",
            "\(Figures.decimal(consumedPerSecond)) msg/s (\(consumed) messages in \(Figures.decimal(consumptionSeconds, digits: 2)) s)",
        ])
        figures.add(["requests", "\(Figures.decimal(requestsPerSecond)) req/s (\(requests) requests)"])
        figures.add(["errors", "\(errors) (\(timeouts) timeouts)"])
        figures.add(["empty claims", String(self[.claimEmpty].succeeded)])
        figures.add(["backlog", "\(backlog) messages posted but not consumed (whole run)"])
        var lines = [
            "herald-bench load: \(settings.endpoint), project \(settings.project), \(queues.count) queues",
            "  " + LoadResult.describe(settings),
            "",
            figures.render(),
            "",
            operationTable().render(),
        ]
        if !firstErrors.isEmpty {
            lines.append("")
            lines += firstErrors.map { "first \($0.operation.name) error: \($0.text)" }
        }
        if !completed, case .messages(let count, let timeout) = settings.stop {
            lines += ["", "incomplete: \(produced) of \(count) produced, backlog \(backlog), timeout \(timeout) s"]
        }
        lines += ["", passed ? "RESULT: ok" : "RESULT: FAILED (\(totals.errors) errors\(completed ? "" : ", incomplete"))"]
        return lines.joined(separator: "\n")
    }

    /// One line of the run's shape, e.g. `4 producers x batches of 10, 4 consumers claim 10 …`.
    static func describe(_ settings: LoadSettings) -> String {
        var text = "\(settings.producers) producers x batches of \(settings.batch), \(settings.consumers) consumers claim"
            + " \(settings.claim) + bulk delete, \(settings.observers) observers, \(settings.bodySize)-byte bodies"
        switch settings.stop {
        case .duration(let seconds): text += ", \(seconds) s"
        case .messages(let count, _): text += ", \(count) messages"
        }
        text += settings.rate > 0 ? ", paced at \(Figures.decimal(settings.rate)) msg/s" : ", unpaced"
        return text
    }

    /// Requests, messages, errors and latency percentiles per operation.
    private func operationTable() -> TextTable {
        var table = TextTable(header: ["operation", "requests", "msg", "errors", "p50", "p90", "p99", "p99.9", "max"])
        for operation in LoadOperation.allCases {
            let stats = self[operation]
            let summary = stats.latency.summary
            let latencies = summary.count == 0
                ? summary.columns.map { _ in "-" } : summary.columns.map { Figures.latency(micros: $0.micros) }
            table.add(
                [operation.name, String(stats.succeeded + stats.failed), String(stats.items), String(stats.failed)]
                    + latencies
            )
        }
        return table
    }
}
