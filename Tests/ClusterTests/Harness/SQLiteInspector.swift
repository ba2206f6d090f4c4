import Foundation
import GRDB

/// Read-only peek into a storage node's SQLite file, without knowing its exact schema.
enum SQLiteInspector {
    /// Names of the user tables in the database at `url`.
    static func tableNames(in url: URL) throws -> [String] {
        try withDatabase(url) { db in
            try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        }
    }

    /// Total row count of every table whose name contains `fragment` (case-insensitive).
    static func rowCount(in url: URL, tablesContaining fragment: String) throws -> Int {
        let tables = try tableNames(in: url).filter { $0.lowercased().contains(fragment.lowercased()) }
        return try withDatabase(url) { db in
            try tables.reduce(0) { total, table in
                let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                return total + (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(quoted)") ?? 0)
            }
        }
    }

    private static func withDatabase<T>(_ url: URL, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: url.path, configuration: configuration)
        return try queue.read(body)
    }
}
