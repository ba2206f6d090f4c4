/// When producers post so that all of them together keep to a message rate: batch number
/// `n` of the whole run is due `n × batch / rate` seconds after the start, whichever producer
/// takes it. A producer that falls behind posts at once until it has caught up, so the average
/// rate holds as long as the endpoint can take it.
struct PacingSchedule: Sendable, Equatable {
    /// Nanoseconds between two consecutive batches of the run; 0 when unpaced.
    let interval: Double

    /// The schedule of `messagesPerSecond` (0: unpaced) in batches of `batch` messages.
    init(messagesPerSecond: Double, batch: Int) {
        interval = messagesPerSecond > 0 ? Double(max(batch, 1)) / messagesPerSecond * 1e9 : 0
    }

    /// True when producers post as fast as they can.
    var isUnpaced: Bool { interval == 0 }

    /// The monotonic time batch `ticket` is due, for a run that started at `start`.
    func due(ticket: Int, start: UInt64) -> UInt64 {
        guard !isUnpaced else { return start }
        let offset = (Double(ticket) * interval).rounded()
        return offset >= Double(UInt64.max - start) ? UInt64.max : start + UInt64(offset)
    }
}
