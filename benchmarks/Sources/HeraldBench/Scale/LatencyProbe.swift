import NIOCore

/// Measures one post → claim → delete cycle at a time against the backlog queue: a 10-message
/// POST, a claim of up to 10 (the oldest messages, so a large backlog is claimed from its
/// head), and one bulk DELETE of what the claim took. Nothing else runs meanwhile, so the
/// figures are the store's latency at its current size, not under load.
struct LatencyProbe: Sendable {
    let client: ZaqarClient
    let queue: String
    let document: ByteBuffer
    let cycles: Int

    /// Runs the cycles and returns the three latency summaries and the failed requests.
    func run() async throws -> (post: LatencySummary, claim: LatencySummary, delete: LatencySummary, errors: Int) {
        var post = LatencyHistogram()
        var claim = LatencyHistogram()
        var delete = LatencyHistogram()
        var errors = 0
        for _ in 0..<cycles {
            let posted = try await timed(into: &post) {
                try await client.postMessages(document, to: queue)
            }
            if posted.status != 201 { errors += 1 }
            let claimed = try await timed(into: &claim) {
                try await client.send(.POST, ZaqarClient.claimsPath(queue, limit: 10), body: Self.claimBody)
            }
            guard claimed.status == 201, let batch = ClaimedBatch.parse(claimed) else {
                errors += 1
                continue
            }
            let deleted = try await timed(into: &delete) {
                try await client.send(.DELETE, ZaqarClient.bulkDeletePath(queue, ids: batch.ids, claimID: batch.claimID))
            }
            if deleted.status != 204 { errors += 1 }
        }
        return (post.summary, claim.summary, delete.summary, errors)
    }

    private static let claimBody = ByteBuffer(string: #"{"ttl": 60, "grace": 60}"#)

    private func timed(
        into histogram: inout LatencyHistogram, _ request: () async throws -> ZaqarResponse
    ) async throws -> ZaqarResponse {
        let start = MonotonicClock.now()
        let response = try await request()
        histogram.record(nanoseconds: MonotonicClock.now() - start)
        return response
    }
}
