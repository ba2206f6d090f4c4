import Catalog
import Shared

/// Finds the storage node of a queue: pool name → store, with a short-lived cache of the
/// catalog's queue → pool map (positive entries only), and weighted placement of new queues.
final class Placement: Sendable {
    /// How long a cached queue → pool entry is trusted.
    static let cacheLifetime: Duration = .seconds(5)
    /// Bound on cached entries; the cache is emptied when it would grow beyond it.
    static let maxCachedEntries = 100_000

    private let catalog: any CatalogStore
    private let stores: [String: any QueueStore]
    private let selector = WeightedPoolSelector()
    private let cache = Locked<[QueueRef: (pool: String, expires: ContinuousClock.Instant)]>([:])

    /// - Parameters:
    ///   - catalog: the queue → pool map and the pool list.
    ///   - stores: one store per pool name.
    init(catalog: any CatalogStore, stores: [String: any QueueStore]) {
        self.catalog = catalog
        self.stores = stores
    }

    /// Every pool's store, sorted by pool name.
    var allStores: [(name: String, store: any QueueStore)] {
        stores.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The store of an existing queue, or `nil` when the catalog does not know the queue.
    func store(for queue: QueueRef) async throws -> (any QueueStore)? {
        let now = ContinuousClock.now
        let cached = cache.withLock { entries -> String? in
            guard let entry = entries[queue] else { return nil }
            if entry.expires > now { return entry.pool }
            entries[queue] = nil
            return nil
        }
        if let cached { return try store(named: cached) }
        guard let pool = try await catalog.poolName(for: queue) else { return nil }
        remember(queue, pool: pool)
        return try store(named: pool)
    }

    /// The store of the queue, placing and registering it on a weighted-random pool when it is not
    /// in the catalog yet (spec §4.1).
    func storeCreatingPlacement(for queue: QueueRef) async throws -> any QueueStore {
        if let store = try await store(for: queue) { return store }
        let candidates = try await catalog.pools().filter { stores[$0.name] != nil }
        guard let chosen = selector.choose(from: candidates) else {
            throw APIError.unavailable("No pool is available for new queues.")
        }
        let recorded = try await catalog.register(queue, pool: chosen.name)
        remember(queue, pool: recorded)
        return try store(named: recorded)
    }

    /// Removes the queue from the catalog and the cache; returns the store it lived on, if any.
    func unregister(_ queue: QueueRef) async throws -> (any QueueStore)? {
        let existing = try await store(for: queue)
        try await catalog.unregister(queue)
        forget(queue)
        return existing
    }

    /// Drops a cached entry.
    func forget(_ queue: QueueRef) {
        _ = cache.withLock { $0.removeValue(forKey: queue) }
    }

    private func remember(_ queue: QueueRef, pool: String) {
        let expires = ContinuousClock.now.advanced(by: Self.cacheLifetime)
        cache.withLock { entries in
            if entries.count >= Self.maxCachedEntries { entries.removeAll(keepingCapacity: true) }
            entries[queue] = (pool, expires)
        }
    }

    private func store(named pool: String) throws -> any QueueStore {
        guard let store = stores[pool] else {
            throw APIError.unavailable("The pool \"\(pool)\" is not configured on this router.")
        }
        return store
    }
}
