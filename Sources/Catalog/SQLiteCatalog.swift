import GRDB
import Shared

/// The catalog in one SQLite file (WAL mode), safe to share between several router processes.
public final class SQLiteCatalog: CatalogStore {
    private let database: DatabasePool

    /// Opens (creating if needed) the catalog at `path` and migrates its schema.
    public init(path: String) throws(CatalogError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try CatalogSchema.migrator.migrate(database)
        } catch {
            throw .unavailable("cannot open catalog at \(path): \(error)")
        }
    }

    public func upsertPool(_ pool: Pool) async throws(CatalogError) {
        guard !pool.name.isEmpty else { throw .invalidPool("pool name must not be empty") }
        guard !pool.uri.isEmpty else { throw .invalidPool("pool uri must not be empty") }
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO pools (name, uri, weight) VALUES (?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET uri = excluded.uri, weight = excluded.weight
                    """,
                arguments: [pool.name, pool.uri, pool.weight])
        }
    }

    public func pools() async throws(CatalogError) -> [Pool] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT name, uri, weight FROM pools ORDER BY name").map {
                Pool(name: $0["name"], uri: $0["uri"], weight: $0["weight"])
            }
        }
    }

    public func placement(of queue: QueueRef) async throws(CatalogError) -> QueuePlacement? {
        try await read { db in
            try String.fetchOne(
                db, sql: "SELECT pool FROM queues WHERE project = ? AND name = ?",
                arguments: [queue.project, queue.name]
            ).map { QueuePlacement(pool: $0, flavor: nil) }
        }
    }

    public func register(_ queue: QueueRef, placement: QueuePlacement) async throws(CatalogError) -> QueuePlacement {
        let pool = placement.pool
        let recorded = try await write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO queues (project, name, pool) VALUES (?, ?, ?)",
                arguments: [queue.project, queue.name, pool])
            return try String.fetchOne(
                db, sql: "SELECT pool FROM queues WHERE project = ? AND name = ?",
                arguments: [queue.project, queue.name]) ?? pool
        }
        return QueuePlacement(pool: recorded, flavor: recorded == pool ? placement.flavor : nil)
    }

    public func unregister(_ queue: QueueRef) async throws(CatalogError) {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM queues WHERE project = ? AND name = ?", arguments: [queue.project, queue.name])
        }
    }

    public func queueNames(project: String, after marker: String?, limit: Int) async throws(CatalogError) -> [String] {
        guard limit > 0 else { return [] }
        return try await read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM queues WHERE project = ? AND name > ? ORDER BY name LIMIT ?",
                arguments: [project, marker ?? "", limit])
        }
    }

    public func queueCount(project: String) async throws(CatalogError) -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queues WHERE project = ?", arguments: [project]) ?? 0
        }
    }

    // MARK: Helpers

    private func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(CatalogError) -> T {
        do {
            return try await database.read(body)
        } catch {
            throw .unavailable("catalog read failed: \(error)")
        }
    }

    private func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(CatalogError) -> T {
        do {
            return try await database.write(body)
        } catch {
            throw .unavailable("catalog write failed: \(error)")
        }
    }
}
