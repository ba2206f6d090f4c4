import NIOCore

/// One consumer task: claims up to M messages from its queues in turn and deletes each
/// claimed batch with one bulk DELETE; backs off briefly when a claim finds nothing.
struct LoadConsumer: Sendable {
    /// The client, with this task's own `Client-ID`.
    var client: ZaqarClient
    /// The queues this task claims from, in turn.
    var queues: [String]
    /// The run's parameters.
    var settings: LoadSettings
    /// Where outcomes are recorded.
    var stats: LoadStats
    /// When to stop.
    var control: LoadRunControl

    /// The claim request body `{"ttl": T, "grace": G}`.
    static func claimBody(ttl: Int, grace: Int) -> ByteBuffer {
        ByteBuffer(string: #"{"ttl":\#(ttl),"grace":\#(grace)}"#)
    }

    /// Claims and deletes until the control says stop or the task is cancelled.
    func run() async {
        let body = Self.claimBody(ttl: settings.claimTTL, grace: settings.claimGrace)
        var turn = 0
        while !Task.isCancelled, !queues.isEmpty, control.consumersContinue(stats.current) {
            let queue = queues[turn % queues.count]
            turn += 1
            guard let claimed = await claim(from: queue, body: body) else {
                await LoadPause.backOff()
                continue
            }
            await delete(claimed, from: queue)
        }
    }

    /// One claim; the claimed batch, or nil (recorded) when nothing was claimed or it failed.
    private func claim(from queue: String, body: ByteBuffer) async -> ClaimedBatch? {
        guard
            let request = await LoadRequest.send(
                .POST, ZaqarClient.claimsPath(queue, limit: settings.claim), body: body, client: client,
                operation: .claim, stats: stats
            )
        else { return nil }
        switch request.response.status {
        case 201:
            guard let batch = ClaimedBatch.parse(request.response) else {
                stats.failed(
                    .claim, "POST claims: 201 without claimed messages: \(request.response.bodyText)", timedOut: false,
                    start: request.start, end: request.end
                )
                return nil
            }
            stats.succeeded(.claim, items: batch.ids.count, start: request.start, end: request.end)
            return batch
        case 204:
            stats.succeeded(.claimEmpty, items: 0, start: request.start, end: request.end)
            return nil
        default:
            request.recordUnexpectedStatus(.claim, request: "POST claims", stats: stats)
            return nil
        }
    }

    /// Deletes one claimed batch with one request (at most 20 ids, the claim limit).
    private func delete(_ batch: ClaimedBatch, from queue: String) async {
        let path = ZaqarClient.bulkDeletePath(queue, ids: batch.ids, claimID: batch.claimID)
        guard
            let request = await LoadRequest.send(.DELETE, path, client: client, operation: .delete, stats: stats)
        else { return }
        if request.response.status == 204 {
            stats.succeeded(.delete, items: batch.ids.count, start: request.start, end: request.end)
        } else {
            request.recordUnexpectedStatus(.delete, request: "DELETE messages?ids", stats: stats)
        }
    }
}
