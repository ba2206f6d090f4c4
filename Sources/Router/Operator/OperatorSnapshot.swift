import Catalog
import Shared

/// What the operator page shows, read in one pass: every pool with its health, the first
/// queues of the catalog (every project) with their message counts, and this router's
/// activity counters. The work is bounded: at most `queueLimit` queues, at most
/// `statsConcurrency` stats requests in flight, and no stats request to a pool whose node did
/// not answer its health probe.
struct OperatorSnapshot: Sendable {
    /// The most queues listed.
    static let defaultQueueLimit = 200
    /// The most queue stats requests in flight at once.
    static let statsConcurrency = 8

    /// A pool and what its probe found.
    struct PoolState: Sendable {
        var pool: Pool
        var health: PoolHealth
    }

    /// Why a queue has no counts.
    enum QueueProblem: Error, Sendable, Equatable {
        /// The queue's pool did not answer its probe (or is not in the catalog any more).
        case poolUnreachable
        /// The node answered the probe but not the stats request.
        case statsFailed
    }

    /// A registered queue and its counts, or why there are none.
    struct QueueState: Sendable {
        var entry: RegisteredQueue
        var stats: Result<QueueStats, QueueProblem>
    }

    /// False when the catalog could not list the pools or the queues.
    var catalogReachable: Bool
    var pools: [PoolState]
    /// The listed queues, in the catalog's (storage project, name) order.
    var queues: [QueueState]
    /// True when the catalog holds more queues than were listed.
    var queuesTruncated: Bool
    /// The most queues listed.
    var queueLimit: Int
    /// This router's counters when the snapshot was taken.
    var activity: OperatorActivity.Snapshot
    /// Wall-clock time of the snapshot, milliseconds since 1970.
    var takenAtMillis: Int64

    /// Reads the snapshot from `catalog` and the pools' nodes.
    static func gather(
        catalog: any CatalogStore, stores: PoolStores, activity: OperatorActivity, clock: any WallClock,
        queueLimit: Int = defaultQueueLimit
    ) async -> OperatorSnapshot {
        var catalogReachable = true
        let pools: [Pool]
        do {
            pools = try await catalog.pools()
        } catch {
            pools = []
            catalogReachable = false
        }
        let poolStates = await probe(pools, stores: stores, catalog: catalog)

        var entries: [RegisteredQueue] = []
        do {
            entries = try await catalog.registeredQueues(after: nil, limit: queueLimit + 1)
        } catch {
            catalogReachable = false
        }
        let truncated = entries.count > queueLimit
        if truncated { entries.removeLast(entries.count - queueLimit) }

        var reachable: [String: any QueueStore] = [:]
        for state in poolStates where state.health.storageReachable {
            reachable[state.pool.name] = await stores.store(for: state.pool)
        }
        let queues = await stats(of: entries, stores: reachable)
        return OperatorSnapshot(
            catalogReachable: catalogReachable, pools: poolStates, queues: queues, queuesTruncated: truncated,
            queueLimit: queueLimit, activity: activity.snapshot(), takenAtMillis: clock.nowMillis())
    }

    /// Probes every pool at once (as `/v2/health` does); the result keeps the pools' order.
    private static func probe(_ pools: [Pool], stores: PoolStores, catalog: any CatalogStore) async -> [PoolState] {
        var reports: [String: PoolHealth] = [:]
        await withTaskGroup(of: (String, PoolHealth).self) { group in
            for pool in pools {
                let store = await stores.store(for: pool)
                group.addTask { (pool.name, await PoolHealth.probe(pool, store: store, catalog: catalog)) }
            }
            for await (name, report) in group { reports[name] = report }
        }
        return pools.map { PoolState(pool: $0, health: reports[$0.name] ?? PoolHealth()) }
    }

    /// The stats of every queue, `statsConcurrency` requests at a time; the result keeps the
    /// entries' order. Queues whose pool is not in `stores` are not asked.
    private static func stats(of entries: [RegisteredQueue], stores: [String: any QueueStore]) async -> [QueueState] {
        var results = [Result<QueueStats, QueueProblem>](repeating: .failure(.poolUnreachable), count: entries.count)
        let jobs = entries.indices.compactMap { index -> StatsJob? in
            stores[entries[index].placement.pool].map { StatsJob(index: index, queue: entries[index].queue, store: $0) }
        }
        await withTaskGroup(of: (Int, Result<QueueStats, QueueProblem>).self) { group in
            var started = 0
            while started < min(statsConcurrency, jobs.count) {
                group.addTask(operation: jobs[started].run)
                started += 1
            }
            while let (index, result) = await group.next() {
                results[index] = result
                if started < jobs.count {
                    group.addTask(operation: jobs[started].run)
                    started += 1
                }
            }
        }
        return zip(entries, results).map { QueueState(entry: $0, stats: $1) }
    }

    /// One queue stats request.
    private struct StatsJob: Sendable {
        var index: Int
        var queue: QueueRef
        var store: any QueueStore

        @Sendable func run() async -> (Int, Result<QueueStats, QueueProblem>) {
            do {
                return (index, .success(try await store.stats(queue)))
            } catch {
                return (index, .failure(.statsFailed))
            }
        }
    }
}
