/// One observer task: lists messages of its queues in turn (`echo=true`, so it sees every
/// producer's messages), in a loop, until the control says stop.
struct LoadObserver: Sendable {
    /// The client, with this task's own `Client-ID`.
    var client: ZaqarClient
    /// The queues this task lists, in turn.
    var queues: [String]
    /// The run's parameters.
    var settings: LoadSettings
    /// Where outcomes are recorded.
    var stats: LoadStats
    /// When to stop.
    var control: LoadRunControl

    /// Lists until the control says stop or the task is cancelled.
    func run() async {
        var turn = 0
        while !Task.isCancelled, !queues.isEmpty, control.observersContinue {
            let queue = queues[turn % queues.count]
            turn += 1
            let path = ZaqarClient.listPath(queue, limit: settings.listLimit, echo: true)
            guard let request = await LoadRequest.send(.GET, path, client: client, operation: .list, stats: stats) else {
                await LoadPause.backOff()
                continue
            }
            if request.response.status == 200 {
                stats.succeeded(.list, items: 0, start: request.start, end: request.end)
            } else {
                request.recordUnexpectedStatus(.list, request: "GET messages", stats: stats)
                await LoadPause.backOff()
            }
        }
    }
}
