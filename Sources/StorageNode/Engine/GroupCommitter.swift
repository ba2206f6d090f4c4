import Shared

/// One `postMessages` call waiting for the next group commit.
struct PendingPost: Sendable {
    var queue: QueueRef
    var clientID: String
    var messages: [NewMessage]
    var requestSize: Int
}

/// Coalesces concurrent writes into one write transaction — one fsync for the whole group.
///
/// Work that arrives while a group is being committed waits for the next group, so under load
/// every commit carries everything that queued up meanwhile (at most `maxGroupSize` items).
/// Each item still succeeds or fails on its own: `commit` returns one outcome per item.
actor GroupCommitter<Work: Sendable, Output: Sendable> {
    typealias Outcome = Result<Output, StorageError>
    typealias Commit = @Sendable ([Work]) async -> [Outcome]

    private let commit: Commit
    private let maxGroupSize: Int
    private var waiting: [(work: Work, continuation: CheckedContinuation<Output, any Error>)] = []
    private var isDraining = false

    /// - Parameters:
    ///   - maxGroupSize: The most items committed in one transaction.
    ///   - commit: Writes a group in one transaction and returns one outcome per item, in order.
    init(maxGroupSize: Int = 256, commit: @escaping Commit) {
        self.maxGroupSize = max(1, maxGroupSize)
        self.commit = commit
    }

    /// Queues `work` for the next group and returns its output once the group is durable.
    func submit(_ work: Work) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((work, continuation))
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
            let outcomes = await commit(group.map(\.work))
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

/// The committer of message posts: one outcome (the new message ids) per post.
typealias PostCommitter = GroupCommitter<PendingPost, [String]>
