import Shared

/// Failures of the catalog (the management store of pools, flavors and the queue → pool map).
/// Each case maps to one HTTP status in the router's admin API.
public enum CatalogError: Error, Sendable, Equatable {
    /// The catalog database could not be opened, read or written (503).
    case unavailable(String)
    /// A pool or flavor definition was rejected: empty name, bad values (400).
    case invalidPool(String)
    /// No pool has this name (404).
    case poolNotFound(String)
    /// No flavor of this project has this name (404).
    case flavorNotFound(String)
    /// Another pool already uses this uri (409).
    case duplicateURI(uri: String, pool: String)
    /// The pool still holds queues and cannot be deleted (409).
    case poolInUse(pool: String, queues: Int)
    /// Queues were placed through this flavor and it cannot be deleted (409).
    case flavorInUse(flavor: String, queues: Int)
    /// A flavor names pools that do not exist (400).
    case unknownPools([String])
}

/// Where a queue lives, as the catalog records it.
public struct QueuePlacement: Sendable, Equatable {
    /// The pool holding the queue.
    public var pool: String
    /// The flavor the queue was placed through (`_flavor`), `nil` for the default pools.
    public var flavor: String?

    public init(pool: String, flavor: String?) {
        self.pool = pool
        self.flavor = flavor
    }
}

/// The control plane: pools, flavors and the (project, queue) → pool map. Store-agnostic:
/// `SQLiteCatalog` (one router, or several on one host) and `PostgresCatalog` (several routers)
/// implement it with the same semantics and pass the same test suite.
public protocol CatalogStore: Sendable {
    // MARK: Pools

    /// Inserts the pool or replaces the one with the same name (uri, weight, flavor, options).
    /// Throws `.duplicateURI` when another pool already has `pool.uri`.
    func upsertPool(_ pool: Pool) async throws(CatalogError)
    /// Every pool, sorted by name (the listing order used for placement).
    func pools() async throws(CatalogError) -> [Pool]
    /// One page of pools sorted by name, strictly after `marker`, at most `limit`.
    func pools(after marker: String?, limit: Int) async throws(CatalogError) -> [Pool]
    /// The pool with this name, or `nil`.
    func pool(named name: String) async throws(CatalogError) -> Pool?
    /// Deletes the pool. Unknown pools are not an error; a pool that still holds queues throws
    /// `.poolInUse` and nothing changes.
    func deletePool(named name: String) async throws(CatalogError)
    /// How many queues are registered on the pool.
    func queueCount(pool: String) async throws(CatalogError) -> Int

    // MARK: Flavors

    /// Creates or replaces the flavor of `project` and makes exactly `pools` its members: their
    /// `flavor` becomes `flavor.name`, pools dropped from the list get `flavor = nil`. Atomic:
    /// unknown pool names throw `.unknownPools` (sorted) and nothing changes.
    func upsertFlavor(_ flavor: Flavor, pools: [String]) async throws(CatalogError)
    /// The flavor, or `nil`.
    func flavor(project: String, name: String) async throws(CatalogError) -> Flavor?
    /// One page of the project's flavors sorted by name, strictly after `marker`, at most `limit`.
    func flavors(project: String, after marker: String?, limit: Int) async throws(CatalogError) -> [Flavor]
    /// Deletes the flavor and clears `flavor` on its pools. Unknown flavors are not an error;
    /// a flavor that queues of the project were placed through throws `.flavorInUse`.
    func deleteFlavor(project: String, name: String) async throws(CatalogError)

    // MARK: Queues

    /// Where the queue is registered, or `nil` when it is not in the catalog.
    func placement(of queue: QueueRef) async throws(CatalogError) -> QueuePlacement?
    /// Registers the queue unless it is already registered. Returns the placement actually
    /// recorded: the existing one when another router won the race.
    func register(_ queue: QueueRef, placement: QueuePlacement) async throws(CatalogError) -> QueuePlacement
    /// Removes the queue from the catalog; unknown queues are not an error.
    func unregister(_ queue: QueueRef) async throws(CatalogError)
    /// Queue names of a project sorted ascending, strictly after `marker`, at most `limit`.
    func queueNames(project: String, after marker: String?, limit: Int) async throws(CatalogError) -> [String]
    /// How many queues the project has.
    func queueCount(project: String) async throws(CatalogError) -> Int
    /// Re-registers the queue on pool `to` if it is registered on pool `from` (its flavor stays);
    /// returns whether it was. The switch of a live move: atomic, so two moves never both win.
    func movePlacement(_ queue: QueueRef, from: String, to: String) async throws(CatalogError) -> Bool
    /// One page of the queues registered on `pool` (every project), sorted by project then name,
    /// strictly after `marker` in that order, at most `limit`.
    func queues(onPool pool: String, after marker: QueueRef?, limit: Int) async throws(CatalogError) -> [QueueRef]
    /// One page of the registered queues of every project, sorted by project then name,
    /// strictly after `marker` in that order, at most `limit`.
    func registeredQueues(after marker: QueueRef?, limit: Int) async throws(CatalogError) -> [RegisteredQueue]

    // MARK: Change tracking

    /// A number that grows whenever a pool or flavor changes (in any router sharing the store),
    /// so routers can poll it cheaply and drop their caches when it moves.
    func revision() async throws(CatalogError) -> Int64
}
