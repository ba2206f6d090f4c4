import Shared

/// The figures of a ``ReceiverCeiling`` run, as a text report and as JSON.
struct ReceiverCeilingResult: Sendable {
    /// The parameters of the run.
    var settings: ReceiverCeilingSettings
    /// The notification POSTs sent to the receiver.
    var requests: OperationStats.Snapshot
    /// What the receiver saw.
    var deliveries: DeliveryLedger.Snapshot

    /// Notifications a complete run delivers.
    var expected: Int { settings.messages * settings.subscribers }
    /// Notifications never recorded.
    var missing: Int { max(0, expected - deliveries.unique) }
    /// Failed POSTs plus requests the receiver did not understand.
    var errors: Int { requests.failed + deliveries.malformed }
    /// True when everything arrived and nothing failed.
    var passed: Bool { missing == 0 && errors == 0 && deliveries.duplicates == 0 }
    /// Distinct notifications recorded per second, from the first POST to the last arrival.
    var rate: Double {
        Figures.rate(deliveries.unique, seconds: MonotonicClock.seconds(from: requests.firstStart, to: deliveries.lastArrival))
    }

    /// The end-of-run report.
    func render() -> String {
        var figures = TextTable(alignment: .text)
        figures.add(["notifications recorded", "\(deliveries.unique) of \(expected)"])
        figures.add(["receiver ceiling", "\(Figures.decimal(rate)) notifications/s"])
        figures.add(["duplicates", String(deliveries.duplicates)])
        figures.add(["missing", String(missing)])
        figures.add(["errors", String(errors)])
        var latency = LatencyTable()
        latency.add("POST -> recorded", deliveries.latency.summary)
        latency.add("POST request", requests.latency.summary)
        var lines = [
            "herald-bench receiver-ceiling: \(settings.subscribers) subscribers x \(settings.messages) messages,"
                + " \(settings.connections) connections, \(settings.bodySize)-byte bodies",
            "",
            figures.render(),
            "",
            latency.render(),
        ]
        if let first = requests.firstFailure ?? deliveries.firstMalformed { lines += ["", "first error: \(first)"] }
        lines += ["", passed ? "RESULT: ok" : "RESULT: FAILED"]
        return lines.joined(separator: "\n")
    }

    /// The JSON result document; latencies in milliseconds.
    func json() -> JSONValue {
        .object([
            ("scenario", .string("receiver-ceiling")),
            ("subscribers", .int(Int64(settings.subscribers))),
            ("messages", .int(Int64(settings.messages))),
            ("connections", .int(Int64(settings.connections))),
            ("body_size", .int(Int64(settings.bodySize))),
            ("notifications", .int(Int64(deliveries.unique))),
            ("notifications_per_s", .double(rate)),
            ("duplicates", .int(Int64(deliveries.duplicates))),
            ("missing", .int(Int64(missing))),
            ("errors", .int(Int64(errors))),
            ("latency_ms", LatencySummaryJSON.make(deliveries.latency.summary)),
            ("passed", .bool(passed)),
        ])
    }
}
