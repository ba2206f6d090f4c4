/// The text report of a notification run.
extension NotificationResult {
    /// The end-of-run report.
    func render() -> String {
        var figures = TextTable(alignment: .text)
        figures.add([
            "messages posted",
            "\(posts.items) of \(settings.messages) in \(Figures.decimal(posts.seconds, digits: 2)) s"
                + " (\(Figures.decimal(postRate)) msg/s, \(posts.succeeded) POSTs)",
        ])
        figures.add([
            "notifications delivered",
            "\(deliveries.unique) of \(expected) in \(Figures.decimal(deliverySeconds, digits: 2)) s"
                + " (first POST to last arrival)",
        ])
        figures.add(["delivery rate", "\(Figures.decimal(deliveryRate)) notifications/s"])
        figures.add(["duplicates", String(deliveries.duplicates)])
        figures.add(["missing", String(missing)])
        figures.add([
            "errors", "\(errors) (\(posts.failed) failed POSTs, \(deliveries.malformed) unreadable deliveries)",
        ])
        if deliveries.otherNotifications > 0 {
            figures.add(["other notifications", "\(deliveries.otherNotifications) (not counted as deliveries)"])
        }
        figures.add([
            "per subscriber",
            deliveries.perSubscriber.enumerated().map { "s\($0.offset) \($0.element)" }.joined(separator: ", "),
        ])
        var latency = LatencyTable()
        latency.add("delivery (post -> arrival)", deliveries.latency.summary)
        latency.add("POST messages request", posts.latency.summary)
        var lines = [
            "herald-bench notifications: \(settings.endpoint), project \(settings.project), queue \(queue)",
            "  \(settings.subscribers) subscribers, \(settings.messages) messages in batches of \(settings.batch)"
                + " from \(settings.producers) producers, \(settings.bodySize)-byte bodies",
            "",
            figures.render(),
            "",
            latency.render(),
        ]
        if let firstError { lines += ["", "first error: \(firstError)"] }
        if timedOut { lines += ["", "timed out after \(settings.timeoutSeconds) s"] }
        lines += ["", passed ? "RESULT: ok" : "RESULT: FAILED (\(missing) missing, \(errors) errors)"]
        return lines.joined(separator: "\n")
    }
}
