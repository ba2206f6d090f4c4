import Catalog
import Shared

/// Empties a pool so its node can be retired: sets its weight to 0 (no new queues) and moves
/// its queues, one at a time, to other pools of the same flavor chosen by weight among those
/// whose node answers.
struct PoolDrainer: Sendable {
    /// What one drain call did.
    struct Progress: Sendable {
        var moved: [QueueMover.Outcome] = []
        var failed: [(queue: QueueRef, reason: String)] = []
        /// Queues still registered on the pool.
        var remaining = 0
    }

    let mover: QueueMover

    private var catalog: any CatalogStore { mover.catalog }

    init(mover: QueueMover) {
        self.mover = mover
    }

    /// Sets the pool's weight to 0 and moves up to `limit` of its queues; a queue that cannot
    /// move is reported and skipped.
    /// - Throws: 404 for an unknown pool; catalog failures.
    func drain(pool name: String, limit: Int) async throws -> Progress {
        guard var pool = try await catalog.pool(named: name) else { throw APIError(catalog: .poolNotFound(name)) }
        if pool.weight != 0 {
            pool.weight = 0
            try await catalog.upsertPool(pool)
            mover.placement.invalidatePools()
        }
        var progress = Progress()
        var marker: QueueRef?
        pages: while progress.moved.count < limit {
            let page = try await catalog.queues(onPool: name, after: marker, limit: 100)
            if page.isEmpty { break }
            for queue in page {
                if progress.moved.count >= limit { break pages }
                marker = queue
                do {
                    let flavor = try await catalog.placement(of: queue)?.flavor
                    let target = try await chooseTarget(flavor: flavor, leaving: name)
                    progress.moved.append(try await mover.move(queue, to: target))
                } catch {
                    progress.failed.append((queue, APIError(error).description ?? APIError(error).title))
                }
            }
        }
        progress.remaining = try await catalog.queueCount(pool: name)
        return progress
    }

    /// A weighted choice among the other pools of `flavor` that take queues and answer.
    private func chooseTarget(flavor: String?, leaving drained: String) async throws -> String {
        let candidates = try await catalog.pools().filter { $0.name != drained && $0.flavor == flavor }
        guard let chosen = await mover.placement.reachablePool(among: candidates) else {
            throw APIError.unavailable("No other reachable pool of flavor \(flavor ?? "none") takes queues.")
        }
        return chosen.name
    }
}
