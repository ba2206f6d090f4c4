import Shared

extension CatalogStore {
    /// The pool a queue is registered on, or `nil` when it is not in the catalog.
    public func poolName(for queue: QueueRef) async throws(CatalogError) -> String? {
        try await placement(of: queue)?.pool
    }

    /// Registers the queue on `pool` (no flavor) unless it is already registered; returns the
    /// pool actually recorded.
    public func register(_ queue: QueueRef, pool: String) async throws(CatalogError) -> String {
        try await register(queue, placement: QueuePlacement(pool: pool, flavor: nil)).pool
    }
}
