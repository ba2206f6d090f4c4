/// The progress line of the notification benchmark, once a second:
/// `[   3s] posted 1200/5000  delivered 4000/20000  1234.0 notifications/s`.
enum NotificationProgress {
    /// Counters read for one line.
    struct Counts: Sendable {
        /// Messages posted successfully.
        var posted: Int
        /// Distinct notifications delivered.
        var delivered: Int
    }

    /// A printer reading `posts` and `ledger`.
    static func printer(
        posts: OperationStats, ledger: DeliveryLedger, settings: NotificationSettings
    ) -> ProgressPrinter<Counts> {
        let expected = settings.messages * settings.subscribers
        return ProgressPrinter(
            snapshot: { Counts(posted: posts.items, delivered: ledger.unique) },
            line: { current, previous, elapsed, interval in
                let rate = Figures.rate(current.delivered - previous.delivered, seconds: interval)
                return Figures.elapsed(elapsed)
                    + " posted \(current.posted)/\(settings.messages)"
                    + "  delivered \(current.delivered)/\(expected)"
                    + "  \(Figures.decimal(rate)) notifications/s"
            }
        )
    }
}
