/// The progress line of a `load` run, once a second: rates over the last second, totals of
/// the whole run and errors, e.g.
/// `[   7s] produced 1520.0 msg/s  consumed 1490.0 msg/s  total 10400/10210  errors 0  (warm-up)`.
enum LoadProgress {
    /// A printer reading `stats`; lines before the end of the warm-up say so.
    static func printer(stats: LoadStats) -> ProgressPrinter<LoadStats.Totals> {
        ProgressPrinter(
            snapshot: { stats.current },
            line: { current, previous, elapsed, interval in
                line(current: current, previous: previous, elapsed: elapsed, interval: interval,
                     warmingUp: MonotonicClock.now() < stats.measureStart)
            }
        )
    }

    /// The line for `current`, one interval after `previous`.
    static func line(
        current: LoadStats.Totals, previous: LoadStats.Totals, elapsed: Double, interval: Double, warmingUp: Bool
    ) -> String {
        let produced = Figures.rate(current.produced - previous.produced, seconds: interval)
        let consumed = Figures.rate(current.consumed - previous.consumed, seconds: interval)
        return Figures.elapsed(elapsed)
            + " produced \(Figures.decimal(produced)) msg/s  consumed \(Figures.decimal(consumed)) msg/s"
            + "  total \(current.produced)/\(current.consumed)  errors \(current.errors)"
            + (warmingUp ? "  (warm-up)" : "")
    }
}
