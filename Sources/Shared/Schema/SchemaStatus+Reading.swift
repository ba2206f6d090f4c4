/// A store holds tables, but neither a migration record nor the baseline's tables: its version cannot be told.
public struct UnrecognisedSchemaLayout: Error, Sendable, Equatable {
    /// The tables the store holds, sorted.
    public var tables: [String]

    public init(tables: [String]) {
        self.tables = tables
    }
}

extension SchemaStatus {
    /// The status of a store whose migrations (`migrations`, oldest first) this binary knows.
    ///
    /// - Parameters:
    ///   - migrations: the names of this binary's migrations, in the order they apply.
    ///   - recorded: the names of the migrations the store records, or `nil` when it has no
    ///     migration record at all.
    ///   - holdsTables: whether the store holds any table (a store without is new).
    ///   - matchesBaseline: whether its tables are those of the baseline.
    ///   - baselineVersion: the version (1-based index into `migrations`) of the baseline.
    /// - Throws: ``UnrecognisedSchemaLayout`` (with `tables`) for tables without record that are
    ///   not the baseline's.
    public static func reading(
        migrations: [String], recorded: Set<String>?, tables: Set<String>, matchesBaseline: Bool, baselineVersion: Int
    ) throws(UnrecognisedSchemaLayout) -> SchemaStatus {
        guard let recorded else {
            if tables.isEmpty {
                return SchemaStatus(
                    origin: .empty, foundVersion: 0, latestVersion: migrations.count, pendingMigrations: migrations)
            }
            guard matchesBaseline else { throw UnrecognisedSchemaLayout(tables: tables.sorted()) }
            return SchemaStatus(
                origin: .detectedBaseline, foundVersion: baselineVersion, latestVersion: migrations.count,
                pendingMigrations: Array(migrations.dropFirst(baselineVersion)))
        }
        let completed = migrations.prefix { recorded.contains($0) }.count
        let unknown = recorded.subtracting(migrations).sorted()
        return SchemaStatus(
            origin: .recorded, foundVersion: completed + unknown.count, latestVersion: migrations.count,
            pendingMigrations: migrations.filter { !recorded.contains($0) }, unknownMigrations: unknown)
    }
}
