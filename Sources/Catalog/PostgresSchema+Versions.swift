import Logging
import PostgresNIO
import Shared

extension PostgresSchema {
    /// The version of the baseline: the schema of the last databases written without a migration record.
    static let baselineVersion = 1

    /// The tables every catalog database at the baseline holds.
    static let baselineTables: Set<String> = ["pools", "flavors", "queues", "revision"]

    /// Why a catalog database is not opened, as the message says.
    struct SchemaRefusal: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The schema version of `connection`'s database (its current schema), read without writing.
    /// Tables other than the catalog's are left out of account (the database may be shared).
    /// - Throws: ``SchemaRefusal`` when it holds tables that are neither recorded nor the baseline's.
    static func status(_ connection: PostgresConnection, logger: Logger) async throws -> SchemaStatus {
        let tables = Set(try await PostgresCatalog.all(
            try await connection.query(
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
                logger: logger),
            as: String.self))
        var recorded: Set<String>?
        if tables.contains("herald_schema_migrations") {
            recorded = Set(try await PostgresCatalog.all(
                try await connection.query("SELECT name FROM herald_schema_migrations", logger: logger), as: String.self))
        }
        do {
            return try SchemaStatus.reading(
                migrations: migrations.map(\.name), recorded: recorded, tables: tables.intersection(baselineTables),
                matchesBaseline: baselineTables.isSubset(of: tables), baselineVersion: baselineVersion)
        } catch {
            throw SchemaRefusal(
                message: "the catalog database holds the tables \(error.tables.joined(separator: ", ")) without a schema "
                    + "version record, and they are not those of a Herald catalog at the baseline (version \(baselineVersion)); "
                    + "refusing to open it")
        }
    }
}
