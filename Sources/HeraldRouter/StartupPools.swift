import Catalog

/// Registers the `--pool` options in the catalog when the router starts.
enum StartupPools {
    /// Upserts each pool unless an identical one exists. A pool that already exists keeps its
    /// flavor and options; only its uri and weight follow the option. A uri another pool uses
    /// is a startup error naming both pools.
    static func register(_ options: [PoolOption], in catalog: any CatalogStore) async throws(StartupError) {
        for option in options {
            var pool = option.pool
            do {
                if let owner = try await catalog.pools().first(where: { $0.uri == pool.uri && $0.name != pool.name }) {
                    throw CatalogError.duplicateURI(uri: pool.uri, pool: owner.name)
                }
                if let existing = try await catalog.pool(named: pool.name) {
                    if existing.uri == pool.uri, existing.weight == pool.weight { continue }
                    pool.flavor = existing.flavor
                    pool.options = existing.options
                }
                try await catalog.upsertPool(pool)
            } catch {
                if case .duplicateURI(let uri, let owner)? = error as? CatalogError {
                    throw StartupError("--pool \(pool.name): the uri \(uri) is already used by pool \(owner)")
                }
                throw StartupError("--pool \(pool.name): cannot register the pool (\(error))")
            }
        }
    }
}

/// A failure that stops the router before it serves anything.
struct StartupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
