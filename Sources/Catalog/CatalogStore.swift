import Shared

/// Failures of the catalog (the management store that maps queues to pools).
public enum CatalogError: Error, Sendable, Equatable {
    /// The catalog database could not be opened, read or written.
    case unavailable(String)
    /// A pool definition was rejected (empty name, bad values).
    case invalidPool(String)
}

/// The control plane: pools and the (project, queue) → pool map. Store-agnostic so a
/// PostgreSQL implementation can replace the SQLite one.
public protocol CatalogStore: Sendable {
    /// Inserts the pool or replaces the one with the same name.
    func upsertPool(_ pool: Pool) async throws(CatalogError)
    /// Every pool, sorted by name (the listing order used for placement).
    func pools() async throws(CatalogError) -> [Pool]
    /// The pool a queue is registered on, or `nil` when it is not in the catalog.
    func poolName(for queue: QueueRef) async throws(CatalogError) -> String?
    /// Registers the queue on `pool` unless it is already registered. Returns the pool actually
    /// recorded: the existing one when another router won the race.
    func register(_ queue: QueueRef, pool: String) async throws(CatalogError) -> String
    /// Removes the queue from the catalog; unknown queues are not an error.
    func unregister(_ queue: QueueRef) async throws(CatalogError)
    /// Queue names of a project sorted ascending, strictly after `marker`, at most `limit`.
    func queueNames(project: String, after marker: String?, limit: Int) async throws(CatalogError) -> [String]
    /// How many queues the project has.
    func queueCount(project: String) async throws(CatalogError) -> Int
}
