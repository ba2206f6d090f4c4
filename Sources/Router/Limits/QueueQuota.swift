import Catalog
import Shared

/// The per-project queue quota (`--max-queues-per-project`): a new queue is refused with 403
/// once its project owns `limit` queues. Topics live in a storage project of their own, so they
/// are counted separately against the same bound.
///
/// Counts come from the catalog and are trusted for ``freshness``. Creations in flight in this
/// router hold a reservation, so concurrent creations here cannot overshoot; a finished creation
/// counts until the next read of the catalog. Routers sharing a catalog see each other's
/// creations after at most ``freshness`` (the quota is soft across routers by that much).
final class QueueQuota: Sendable {
    /// How long a count read from the catalog is trusted.
    static let freshness: Duration = .seconds(1)
    /// Bound on cached projects; idle entries are dropped when it is reached.
    static let maxCachedProjects = 10_000

    private struct Entry {
        /// Queues in the catalog when last read, plus creations finished here since.
        var count = 0
        /// When the last catalog read started; `nil` when the count must be read again.
        var readStartedAt: ContinuousClock.Instant?
        /// Creations in flight in this router.
        var pending = 0

        func isFresh(at now: ContinuousClock.Instant) -> Bool {
            guard let readStartedAt else { return false }
            return now - readStartedAt < QueueQuota.freshness
        }
    }

    /// Most queues per project; `0` means unlimited.
    let limit: Int
    private let catalog: any CatalogStore
    private let entries = Locked<[String: Entry]>([:])

    init(limit: Int, catalog: any CatalogStore) {
        self.limit = limit
        self.catalog = catalog
    }

    /// Reserves room for the new queue `queue`, to be given back with ``finish(_:created:)``;
    /// throws 403 "Quota exceeded" when its project is full.
    func reserve(_ queue: QueueRef) async throws {
        guard limit > 0 else { return }
        let project = queue.project
        let started = ContinuousClock.now
        if let admitted = entries.withLock({ admit(project, in: &$0, now: started) }) {
            guard admitted else { throw quotaError(queue) }
            return
        }
        let count = try await catalog.queueCount(project: project)
        let admitted = entries.withLock { entries -> Bool in
            if let newer = entries[project]?.readStartedAt, newer > started {
                return admit(project, in: &entries, now: .now) ?? false
            }
            if entries[project] == nil, entries.count >= Self.maxCachedProjects { evictIdle(&entries) }
            var entry = entries[project] ?? Entry()
            entry.count = count
            entry.readStartedAt = started
            entries[project] = entry
            return admit(project, in: &entries, now: started) ?? false
        }
        guard admitted else { throw quotaError(queue) }
    }

    /// Ends a reservation: `created` when the queue was registered.
    func finish(_ queue: QueueRef, created: Bool) {
        guard limit > 0 else { return }
        entries.withLock { entries in
            guard var entry = entries[queue.project] else { return }
            entry.pending = max(0, entry.pending - 1)
            if created { entry.count += 1 }
            entries[queue.project] = entry
        }
    }

    /// Makes the next creation read the project's count again, after one of its queues was deleted.
    func queueRemoved(_ queue: QueueRef) {
        guard limit > 0 else { return }
        entries.withLock { entries in entries[queue.project]?.readStartedAt = nil }
    }

    /// With a fresh count: `true` after reserving a slot, `false` when the project is full.
    /// `nil` when the count must be read from the catalog first.
    private func admit(_ project: String, in entries: inout [String: Entry], now: ContinuousClock.Instant) -> Bool? {
        guard var entry = entries[project], entry.isFresh(at: now) else { return nil }
        guard entry.count + entry.pending < limit else { return false }
        entry.pending += 1
        entries[project] = entry
        return true
    }

    /// Drops the entries without creations in flight (all of them would be read again anyway).
    private func evictIdle(_ entries: inout [String: Entry]) {
        entries = entries.filter { $0.value.pending > 0 }
    }

    private func quotaError(_ queue: QueueRef) -> APIError {
        .queueQuotaExceeded(limit: limit, topics: TopicNamespace.isTopic(queue))
    }
}
