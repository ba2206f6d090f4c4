import Foundation
import GRDB
import Shared

extension CatalogSchema {
    /// The version of the baseline: the schema of the last catalog files written without a migration record.
    static let baselineVersion = 2

    /// The names of the migrations this binary applies, oldest first; the latest version is their count.
    static var migrationNames: [String] { migrator.migrations }

    /// The catalog's tables, its migration record among them; a file's other tables are left out of account.
    static let catalogTables: Set<String> = ["grdb_migrations", "pools", "queues", "flavors", "revision"]

    /// The schema version of the catalog `db` is connected to, read without writing.
    /// - Throws: ``UnrecognisedSchemaLayout`` when it holds tables but neither a migration record
    ///   nor the baseline's tables; SQLite errors.
    static func status(_ db: Database) throws -> SchemaStatus {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            .intersection(catalogTables)
        let recorded = tables.contains("grdb_migrations") ? try migrator.appliedIdentifiers(db) : nil
        return try SchemaStatus.reading(
            migrations: migrationNames, recorded: recorded, tables: tables,
            matchesBaseline: try matchesBaseline(db, tables: tables), baselineVersion: baselineVersion)
    }

    /// Throws `.unavailable` when this binary must not open the catalog file at `path`: a newer
    /// Herald wrote it, or its tables are no catalog schema it can tell. Reads only; a missing
    /// file passes (it is created).
    static func checkOpenable(path: String) throws(CatalogError) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let status: SchemaStatus
        do {
            status = try readOnly(path: path) { db in try self.status(db) }
        } catch let layout as UnrecognisedSchemaLayout {
            throw .unavailable(
                "\(path) holds the tables \(layout.tables.joined(separator: ", ")) without a schema version record, "
                    + "and they are not those of a Herald catalog at the baseline (version \(baselineVersion)); refusing to open it")
        } catch {
            throw .unavailable("cannot read catalog at \(path): \(error)")
        }
        if let refusal = status.refusal(store: path) { throw .unavailable(refusal) }
    }

    /// Migrates the catalog up to the migration named `lastMigration` (all of them when `nil`).
    /// A catalog at the baseline without a migration record first gets the baseline's
    /// migrations recorded, without running them.
    static func migrate(_ writer: some DatabaseWriter, upTo lastMigration: String?) throws {
        try writer.write { db in
            guard try status(db).origin == .detectedBaseline else { return }
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for name in migrationNames.prefix(baselineVersion) {
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [name])
            }
        }
        if let lastMigration {
            try migrator.migrate(writer, upTo: lastMigration)
        } else {
            try migrator.migrate(writer)
        }
    }

    /// Runs `body` on a read-only connection to the file at `path`.
    static func readOnly<T>(path: String, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let database = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? database.close() }
        return try database.read(body)
    }

    /// Whether `tables` (of `db`) are the baseline's: every table, and the columns v2 added.
    private static func matchesBaseline(_ db: Database, tables: Set<String>) throws -> Bool {
        guard ["pools", "queues", "flavors", "revision"].allSatisfy(tables.contains) else { return false }
        let poolColumns = Set(try db.columns(in: "pools").map(\.name))
        let queueColumns = Set(try db.columns(in: "queues").map(\.name))
        return poolColumns.isSuperset(of: ["flavor", "options"]) && queueColumns.contains("flavor")
    }
}
