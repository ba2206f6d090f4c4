import GRDB
import Shared

extension StoreSchema {
    /// The version of the baseline: the schema of the last store files written without a migration record.
    static let baselineVersion = 4

    /// The tables every store at the baseline holds.
    static let baselineTables: Set<String> = ["queues", "messages", "claims", "subscriptions", "outbox"]

    /// The names of the migrations this binary applies, oldest first; the latest version is their count.
    public static var migrationNames: [String] { migrator.migrations }

    /// The schema version of the store `db` is connected to, read without writing.
    /// - Throws: ``UnrecognisedSchemaLayout`` when it holds tables but neither a migration record
    ///   nor the baseline's tables; SQLite errors.
    static func status(_ db: Database) throws -> SchemaStatus {
        let tables = try userTables(db)
        let recorded = tables.contains("grdb_migrations") ? try migrator.appliedIdentifiers(db) : nil
        return try SchemaStatus.reading(
            migrations: migrationNames, recorded: recorded, tables: tables,
            matchesBaseline: try matchesBaseline(db, tables: tables), baselineVersion: baselineVersion)
    }

    /// Throws `StorageError.unavailable` when this binary must not open the store: a newer Herald
    /// wrote it, or its tables are no Herald schema it can tell. Reads only.
    static func checkOpenable(_ db: Database, path: String) throws {
        let status: SchemaStatus
        do {
            status = try self.status(db)
        } catch let layout as UnrecognisedSchemaLayout {
            throw StorageError.unavailable(
                "\(path) holds the tables \(layout.tables.joined(separator: ", ")) without a schema version record, "
                    + "and they are not those of a Herald store at the baseline (version \(baselineVersion)); refusing to open it")
        }
        if let refusal = status.refusal(store: path) { throw StorageError.unavailable(refusal) }
    }

    /// Migrates the store to the latest version. A store at the baseline without a migration
    /// record first gets the baseline's migrations recorded, without running them.
    static func migrate(_ writer: some DatabaseWriter) throws {
        try writer.write { db in
            guard try status(db).origin == .detectedBaseline else { return }
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for name in migrationNames.prefix(baselineVersion) {
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [name])
            }
        }
        try migrator.migrate(writer)
    }

    /// The names of the tables of `db`, SQLite's own left out.
    static func userTables(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            """))
    }

    /// Whether `tables` (of `db`) are the baseline's: every table, and the columns later versions added.
    private static func matchesBaseline(_ db: Database, tables: Set<String>) throws -> Bool {
        guard baselineTables.isSubset(of: tables) else { return false }
        let messageColumns = Set(try db.columns(in: "messages").map(\.name))
        let outboxColumns = Set(try db.columns(in: "outbox").map(\.name))
        return messageColumns.contains("encrypted") && outboxColumns.contains("kind")
    }
}
