import Foundation
import GRDB
import Logging
import PostgresNIO
import Shared

/// Looks at a catalog without migrating or writing it (`herald status upgrade-check --catalog`).
public enum CatalogInspector {
    /// Inspects the catalog at `location`: a `postgres://` URL or the path of a SQLite file.
    /// Reports the schema version against this binary's and the pools listed; for SQLite also
    /// the quick integrity check, the journal mode, the file's size and the free space beside it.
    /// - Throws: `.unavailable` with the reason when the file is missing, is not a catalog, or
    ///   the server cannot be reached.
    public static func inspect(_ location: String) async throws(CatalogError) -> StoreInspection {
        let lowered = location.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            return try await inspectPostgres(url: location)
        }
        return try inspectSQLite(path: location)
    }

    private static func inspectSQLite(path: String) throws(CatalogError) -> StoreInspection {
        guard FileManager.default.fileExists(atPath: path) else { throw .unavailable("\(path) does not exist") }
        do {
            let (status, integrity, journalMode, pools) = try CatalogSchema.readOnly(path: path) { db in
                let status = try CatalogSchema.status(db)
                let integrity = try String.fetchAll(db, sql: "PRAGMA quick_check")
                let journalMode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
                var pools: [InspectedPool] = []
                if try db.tableExists("pools") {
                    pools = try Row.fetchAll(db, sql: "SELECT name, uri FROM pools ORDER BY name").map {
                        InspectedPool(name: $0["name"], uri: $0["uri"])
                    }
                }
                return (status, integrity, journalMode, pools)
            }
            return StoreInspection(
                location: path, schema: status, integrity: integrity, journalMode: journalMode,
                sizeBytes: StoreFileSpace.size(of: path), freeDiskBytes: StoreFileSpace.freeBytes(beside: path), pools: pools)
        } catch let layout as UnrecognisedSchemaLayout {
            throw .unavailable("\(path) holds the tables \(layout.tables.joined(separator: ", ")) without a schema version record")
        } catch {
            throw .unavailable("cannot read catalog at \(path): \(error)")
        }
    }

    private static func inspectPostgres(url: String) async throws(CatalogError) -> StoreInspection {
        let location = try PostgresURL(parsing: url)
        var logger = Logger(label: "herald.catalog.inspect")
        logger.logLevel = .warning
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try PostgresCatalog.connectionConfiguration(location), id: 0, logger: logger)
            do {
                try await connection.query("START TRANSACTION READ ONLY", logger: logger)
                let status = try await PostgresSchema.status(connection, logger: logger)
                var pools: [InspectedPool] = []
                if status.origin != .empty {
                    pools = try await PostgresCatalog.all(
                        try await connection.query("SELECT name, uri FROM pools ORDER BY name", logger: logger)
                    ) { row in
                        let (name, uri) = try row.decode((String, String).self)
                        return InspectedPool(name: name, uri: uri)
                    }
                }
                try await connection.query("ROLLBACK", logger: logger)
                try? await connection.close()
                return StoreInspection(location: location.redacted, schema: status, pools: pools)
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw .unavailable("cannot read catalog at \(location.redacted): \(PostgresCatalog.describe(error))")
        }
    }
}
