import GRDB
import Shared

/// The catalog in one SQLite file (WAL mode), safe to share between several router processes.
///
/// Every pool or flavor change (and every queue removal, which can invalidate routers' placement
/// caches) bumps the one-row `revision` counter in the same transaction.
public final class SQLiteCatalog: CatalogStore {
    private let database: DatabasePool

    /// Opens (creating if needed) the catalog at `path` and migrates its schema.
    public convenience init(path: String) throws(CatalogError) {
        try self.init(path: path, migratingUpTo: nil)
    }

    /// Opens the catalog at `path` and migrates its schema up to the migration named
    /// `lastMigration` (all of them when `nil`). Internal: tests build older schemas with it.
    init(path: String, migratingUpTo lastMigration: String?) throws(CatalogError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        do {
            try CatalogSchema.checkOpenable(path: path)
            database = try DatabasePool(path: path, configuration: configuration)
            try CatalogSchema.migrate(database, upTo: lastMigration)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw .unavailable("cannot open catalog at \(path): \(error)")
        }
    }

    /// Runs raw SQL in a write transaction. Internal: tests write rows of older schemas with it.
    func execute(sql: String) async throws(CatalogError) {
        try await write { db in try db.execute(sql: sql) }
    }

    public func revision() async throws(CatalogError) -> Int64 {
        try await read { db in
            try Int64.fetchOne(db, sql: "SELECT value FROM revision WHERE id = 1") ?? 0
        }
    }

    // MARK: Helpers

    /// Adds one to the revision counter; call inside the write transaction making the change.
    static func bumpRevision(_ db: Database) throws {
        try db.execute(sql: "UPDATE revision SET value = value + 1 WHERE id = 1")
    }

    /// Runs `body` in a read transaction; `CatalogError`s thrown inside pass through unchanged.
    func read<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(CatalogError) -> T {
        do {
            return try await database.read(body)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw .unavailable("catalog read failed: \(error)")
        }
    }

    /// Runs `body` in one immediate write transaction, rolled back when it throws;
    /// `CatalogError`s thrown inside pass through unchanged.
    func write<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T) async throws(CatalogError) -> T {
        do {
            return try await database.write(body)
        } catch let error as CatalogError {
            throw error
        } catch {
            throw .unavailable("catalog write failed: \(error)")
        }
    }
}
