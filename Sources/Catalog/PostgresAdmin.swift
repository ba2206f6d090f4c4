import Logging
import PostgresNIO

/// One-off statements on a PostgreSQL server outside any catalog (creating and dropping the
/// databases tests run in, reading the migrations table). Internal: for tests and tooling.
enum PostgresAdmin {
    /// Runs `sql` on a fresh connection to `url` and returns the first column of every row as text.
    @discardableResult
    static func query(_ sql: String, url: String) async throws(CatalogError) -> [String?] {
        let location = try PostgresURL(parsing: url)
        var logger = Logger(label: "herald.catalog.postgres.admin")
        logger.logLevel = .warning
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try PostgresCatalog.connectionConfiguration(location), id: 0, logger: logger)
            do {
                var values: [String?] = []
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                    values.append(try row.decode(String?.self))
                }
                try? await connection.close()
                return values
            } catch {
                try? await connection.close()
                throw error
            }
        } catch {
            throw .unavailable("\(location.redacted): \(PostgresCatalog.describe(error))")
        }
    }

    /// `url` with its database replaced by `database`.
    static func url(_ url: String, database: String) throws(CatalogError) -> String {
        var location = try PostgresURL(parsing: url)
        location.database = database
        return location.string
    }
}
