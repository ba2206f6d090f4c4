import Catalog
import Shared

/// Finds the storage node of a queue: a short-lived cache of the catalog's queue → pool map
/// (positive entries only), a cached pool list refreshed when the catalog's revision moves
/// (polled at most once per second), the pools' clients, and weighted placement of new queues
/// (spec §4.1).
final class Placement: Sendable {
    /// How long a cached queue → pool entry is trusted.
    static let cacheLifetime: Duration = .seconds(5)
    /// How often the catalog's revision is read at most.
    static let revisionPollInterval: Duration = .seconds(1)
    /// Bound on cached entries; the cache is emptied when it would grow beyond it.
    static let maxCachedEntries = 100_000

    private struct PoolCache {
        var pools: [Pool]?
        /// Bumped by every invalidation, so a load that raced with one is not kept.
        var generation = 0
        var revision: Int64?
        var nextRevisionCheck = ContinuousClock.now
    }

    let stores: PoolStores
    private let catalog: any CatalogStore
    private let selector = WeightedPoolSelector()
    private let queueCache = Locked<[QueueRef: (pool: String, expires: ContinuousClock.Instant)]>([:])
    private let poolCache = Locked(PoolCache())
    private let queueQuota: QueueQuota
    private let metrics: RouterMetrics

    /// - Parameters:
    ///   - catalog: the queue → pool map and the pool list.
    ///   - stores: the pools' clients.
    ///   - maxQueuesPerProject: the queue quota of each project (`0`: unlimited).
    ///   - metrics: counts the queue cache's hits and misses.
    init(catalog: any CatalogStore, stores: PoolStores, maxQueuesPerProject: Int = 0, metrics: RouterMetrics = RouterMetrics()) {
        self.catalog = catalog
        self.stores = stores
        self.metrics = metrics
        self.queueQuota = QueueQuota(limit: maxQueuesPerProject, catalog: catalog)
    }

    // MARK: Pools

    /// Every pool, sorted by name, from the cache when the catalog has not changed.
    func pools() async throws -> [Pool] {
        await pollRevision()
        let (cached, generation) = poolCache.withLock { ($0.pools, $0.generation) }
        if let cached { return cached }
        let loaded = try await catalog.pools()
        poolCache.withLock { cache in
            if cache.generation == generation { cache.pools = loaded }
        }
        await stores.retain(only: loaded)
        return loaded
    }

    /// Every pool with its client, sorted by pool name.
    func poolStores() async throws -> [(pool: Pool, store: any QueueStore)] {
        var result: [(pool: Pool, store: any QueueStore)] = []
        for pool in try await pools() {
            result.append((pool, await stores.store(for: pool)))
        }
        return result
    }

    /// Drops the cached pool list (after an admin change made through this router).
    func invalidatePools() {
        poolCache.withLock { cache in
            cache.pools = nil
            cache.generation += 1
        }
    }

    /// Reads the catalog's revision when the last read is older than the poll interval and
    /// drops the pool list when it moved. Catalog failures keep the caches as they are.
    private func pollRevision() async {
        let now = ContinuousClock.now
        let due = poolCache.withLock { cache -> Bool in
            guard now >= cache.nextRevisionCheck else { return false }
            cache.nextRevisionCheck = now.advanced(by: Self.revisionPollInterval)
            return true
        }
        guard due, let revision = try? await catalog.revision() else { return }
        poolCache.withLock { cache in
            if cache.revision != revision {
                if cache.revision != nil {
                    cache.pools = nil
                    cache.generation += 1
                }
                cache.revision = revision
            }
        }
    }

    // MARK: Queues

    /// The store of an existing queue, or `nil` when the catalog does not know the queue.
    func store(for queue: QueueRef) async throws -> (any QueueStore)? {
        let now = ContinuousClock.now
        let cached = queueCache.withLock { entries -> String? in
            guard let entry = entries[queue] else { return nil }
            if entry.expires > now { return entry.pool }
            entries[queue] = nil
            return nil
        }
        if let cached {
            metrics.cacheHits.increment()
            return try await store(named: cached)
        }
        metrics.cacheMisses.increment()
        guard let pool = try await catalog.poolName(for: queue) else { return nil }
        remember(queue, pool: pool)
        return try await store(named: pool)
    }

    /// The store of the queue, placing and registering it when it is not in the catalog yet:
    /// a weighted-random pool of `flavor`, or without flavor of the pools that have none (all
    /// pools when every pool has a flavor). Weight 0 pools take no new queues, and a pool whose
    /// node does not answer is passed over, so a dead node never receives new queues; none
    /// left → 503. A project that already has its quota of queues gets 403 (see ``QueueQuota``).
    func storeCreatingPlacement(for queue: QueueRef, flavor: String? = nil) async throws -> any QueueStore {
        if let store = try await store(for: queue) { return store }
        try await queueQuota.reserve(queue)
        do {
            let store = try await placeNewQueue(queue, flavor: flavor)
            queueQuota.finish(queue, created: true)
            return store
        } catch {
            queueQuota.finish(queue, created: false)
            throw error
        }
    }

    /// Chooses a reachable pool for a queue that is not in the catalog and registers it there.
    private func placeNewQueue(_ queue: QueueRef, flavor: String?) async throws -> any QueueStore {
        let pools = try await pools()
        let candidates: [Pool]
        if let flavor {
            candidates = pools.filter { $0.flavor == flavor }
        } else {
            let plain = pools.filter { $0.flavor == nil }
            candidates = plain.isEmpty ? pools : plain
        }
        guard let chosen = await reachablePool(among: candidates) else {
            let scope = flavor.map { " of flavor \($0)" } ?? ""
            throw APIError.unavailable("No reachable pool\(scope) is available for new queues.")
        }
        let recorded = try await catalog.register(queue, placement: QueuePlacement(pool: chosen.name, flavor: flavor))
        remember(queue, pool: recorded.pool)
        return try await store(named: recorded.pool)
    }

    /// A weighted-random choice among `candidates` (weight 0 never chosen) whose node answers
    /// a ping; pools that do not answer are passed over. `nil` when none is left.
    func reachablePool(among candidates: [Pool]) async -> Pool? {
        var candidates = candidates
        while let chosen = selector.choose(from: candidates) {
            if (try? await stores.store(for: chosen).ping()) != nil { return chosen }
            candidates.removeAll { $0.name == chosen.name }
        }
        return nil
    }

    /// Removes the queue from the catalog and the cache; returns the store it lived on, if any.
    func unregister(_ queue: QueueRef) async throws -> (any QueueStore)? {
        let existing = try await store(for: queue)
        try await catalog.unregister(queue)
        forget(queue)
        queueQuota.queueRemoved(queue)
        return existing
    }

    /// Drops a cached entry.
    func forget(_ queue: QueueRef) {
        _ = queueCache.withLock { $0.removeValue(forKey: queue) }
    }

    private func remember(_ queue: QueueRef, pool: String) {
        let expires = ContinuousClock.now.advanced(by: Self.cacheLifetime)
        queueCache.withLock { entries in
            if entries.count >= Self.maxCachedEntries { entries.removeAll(keepingCapacity: true) }
            entries[queue] = (pool, expires)
        }
    }

    /// The client of a pool; a pool missing from the cached list is looked up once more in the
    /// catalog (another router may just have added it).
    private func store(named name: String) async throws -> any QueueStore {
        if let pool = try await pools().first(where: { $0.name == name }) {
            return await stores.store(for: pool)
        }
        invalidatePools()
        guard let pool = try await pools().first(where: { $0.name == name }) else {
            throw APIError.unavailable("The pool \"\(name)\" is not in the catalog.")
        }
        return await stores.store(for: pool)
    }
}
