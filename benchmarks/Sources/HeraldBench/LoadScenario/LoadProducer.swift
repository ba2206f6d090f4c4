import NIOConcurrencyHelpers

/// One producer task: posts batches of messages to its queues in turn, paced by the run's
/// schedule, until the budget is spent or the deadline passes.
struct LoadProducer: Sendable {
    /// What all producers of a run share.
    struct Shared: Sendable {
        /// The run's parameters.
        var settings: LoadSettings
        /// Where outcomes are recorded.
        var stats: LoadStats
        /// When to stop.
        var control: LoadRunControl
        /// The count limit of messages mode.
        var budget: ProductionBudget
        /// The prepared POST bodies.
        var documents: PostDocuments
        /// When each batch of the run is due.
        var schedule: PacingSchedule
        /// The next batch number of the schedule, whichever producer takes it.
        var tickets: NIOLockedValueBox<Int>
        /// The monotonic start of the run (the schedule's origin).
        var runStart: UInt64
    }

    /// The client, with this task's own `Client-ID`.
    var client: ZaqarClient
    /// The queues this task posts to, in turn.
    var queues: [String]
    /// What all producers share.
    var shared: Shared

    /// Posts until the budget is spent, the deadline passes or the task is cancelled.
    func run() async {
        let settings = shared.settings
        var turn = 0
        while !Task.isCancelled, shared.control.beforeDeadline, !queues.isEmpty {
            if !shared.schedule.isUnpaced {
                let ticket = shared.tickets.withLockedValue { next -> Int in
                    defer { next += 1 }
                    return next
                }
                let due = shared.schedule.due(ticket: ticket, start: shared.runStart)
                guard await LoadPause.sleep(until: due, deadline: shared.control.deadline) else { return }
            }
            // One reading decides both whether the budget counts the batch and whether the
            // figures do, so a --messages run posts exactly its count in the measured part.
            let now = MonotonicClock.now()
            guard let count = shared.budget.take(batch: settings.batch, measured: now >= shared.stats.measureStart) else {
                return
            }
            let queue = queues[turn % queues.count]
            turn += 1
            let document = shared.documents.document(messages: count)
            guard
                let request = await LoadRequest.send(
                    .POST, ZaqarClient.queuePath(queue) + "/messages", body: document, client: client,
                    operation: .post, stats: shared.stats, start: now
                )
            else {
                await LoadPause.backOff()
                continue
            }
            if request.response.status == 201 {
                shared.stats.succeeded(.post, items: count, start: request.start, end: request.end)
            } else {
                request.recordUnexpectedStatus(.post, request: "POST messages", stats: shared.stats)
                await LoadPause.backOff()
            }
        }
    }
}
