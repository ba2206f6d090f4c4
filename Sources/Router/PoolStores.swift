import Catalog
import Shared

/// The storage client of every pool, keyed by pool name and created lazily from the pool's
/// definition through an injectable factory. A pool whose uri changed gets a new client and
/// the old one is shut down; `shutdown()` closes them all when the router exits.
public final class PoolStores: Sendable {
    /// Makes the client of a pool; called once per pool name and uri.
    public typealias Factory = @Sendable (Pool) -> any QueueStore

    struct Entry {
        var uri: String
        var store: any QueueStore
    }

    private let factory: Factory
    let entries = Locked<[String: Entry]>([:])
    /// The cluster secret and TLS settings of every connection to a node, pool probes included.
    public let security: RPCClientSecurity

    /// - Parameters:
    ///   - security: how the default factory's clients (and pool probes) authenticate to nodes.
    ///   - metrics: counts the failed calls of the default factory's clients per pool
    ///     (`herald_rpc_errors_total`); `nil` counts nothing.
    ///   - factory: makes a pool's client; by default a `RemoteQueueStore` to its uri with `security`.
    public init(security: RPCClientSecurity = .none, metrics: RouterMetrics? = nil, factory: Factory? = nil) {
        self.security = security
        self.factory = factory ?? { pool in
            PoolStores.remoteStore(
                for: pool, security: security, failureObserver: metrics?.rpcFailureObserver(pool: pool.name))
        }
    }

    /// A `RemoteQueueStore` without cluster secret or TLS to the node the uri names, or a store
    /// that always fails as unavailable when the uri is not `herald://host:port`.
    @Sendable public static func remoteStore(for pool: Pool) -> any QueueStore {
        remoteStore(for: pool, security: .none)
    }

    /// The default factory: a `RemoteQueueStore` with `security` to the node the uri names, or a
    /// store that always fails as unavailable when the uri is not `herald://host:port`.
    /// `failureObserver` is told about the client's failed calls.
    public static func remoteStore(
        for pool: Pool, security: RPCClientSecurity, failureObserver: RPCCallFailureObserver? = nil
    ) -> any QueueStore {
        guard let address = PoolAddress(uri: pool.uri) else {
            return UnavailableQueueStore(reason: "pool \(pool.name) has an invalid uri \(pool.uri)")
        }
        return RemoteQueueStore(
            host: address.host, port: address.port, security: security, failureObserver: failureObserver)
    }

    /// The client of `pool`, created on first use and recreated when the pool's uri changed.
    func store(for pool: Pool) async -> any QueueStore {
        let (store, replaced) = entries.withLock { map -> (any QueueStore, (any QueueStore)?) in
            if let entry = map[pool.name], entry.uri == pool.uri { return (entry.store, nil) }
            let fresh = factory(pool)
            let old = map[pool.name]?.store
            map[pool.name] = Entry(uri: pool.uri, store: fresh)
            return (fresh, old)
        }
        if let replaced { await Self.close(replaced) }
        return store
    }

    /// Drops (and shuts down) the clients of pools that no longer exist or whose uri changed.
    func retain(only pools: [Pool]) async {
        let current = Dictionary(pools.map { ($0.name, $0.uri) }, uniquingKeysWith: { first, _ in first })
        let removed = entries.withLock { map -> [any QueueStore] in
            let stale = map.filter { current[$0.key] != $0.value.uri }
            for name in stale.keys { map[name] = nil }
            return stale.values.map(\.store)
        }
        for store in removed { await Self.close(store) }
    }

    /// Shuts every client down; later lookups create fresh ones.
    public func shutdown() async {
        let all = entries.withLock { map -> [any QueueStore] in
            defer { map.removeAll() }
            return map.values.map(\.store)
        }
        for store in all { await Self.close(store) }
    }

    /// Closes the connections of a remote client; other stores need nothing.
    static func close(_ store: any QueueStore) async {
        if let remote = store as? RemoteQueueStore { await remote.shutdown() }
    }
}
