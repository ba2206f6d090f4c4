import Shared

/// One `postMessages` call waiting for the next group commit.
struct PendingPost: Sendable {
    var queue: QueueRef
    var clientID: String
    var messages: [NewMessage]
    var requestSize: Int
}

/// Coalesces concurrent posts into one write transaction — one fsync for the whole group.
///
/// A post that arrives while a group is being committed waits for the next group, so under
/// load every commit carries every post that queued up meanwhile (at most `maxGroupSize`).
/// Each post still succeeds or fails on its own: `commit` returns one outcome per post.
actor GroupCommitter {
    typealias Outcome = Result<[String], StorageError>
    typealias Commit = @Sendable ([PendingPost]) async -> [Outcome]

    private let commit: Commit
    private let maxGroupSize: Int
    private var waiting: [(post: PendingPost, continuation: CheckedContinuation<[String], any Error>)] = []
    private var isDraining = false

    /// - Parameters:
    ///   - maxGroupSize: The most posts committed in one transaction.
    ///   - commit: Writes a group in one transaction and returns one outcome per post, in order.
    init(maxGroupSize: Int = 256, commit: @escaping Commit) {
        self.maxGroupSize = max(1, maxGroupSize)
        self.commit = commit
    }

    /// Queues `post` for the next group and returns its message ids once the group is durable.
    func submit(_ post: PendingPost) async throws -> [String] {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((post, continuation))
            if !isDraining {
                isDraining = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(maxGroupSize))
            waiting.removeFirst(group.count)
            let outcomes = await commit(group.map(\.post))
            for (index, entry) in group.enumerated() {
                let outcome = index < outcomes.count
                    ? outcomes[index]
                    : .failure(.unavailable("group commit returned too few outcomes"))
                entry.continuation.resume(with: outcome)
            }
        }
        isDraining = false
    }
}
