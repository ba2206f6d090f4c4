import Logging
import NIOCore
import PostgresNIO
import Shared
import Synchronization

/// The catalog in a PostgreSQL database, shared by several routers.
///
/// Same schema and semantics as `SQLiteCatalog`. Every change to pools or flavors first locks
/// the one-row `revision` counter (`SELECT ... FOR UPDATE`) and bumps it in the same
/// transaction, which serializes catalog changes across routers; queue registrations race
/// through `INSERT ... ON CONFLICT DO NOTHING` and a re-read.
public final class PostgresCatalog: CatalogStore {
    /// How long one catalog operation may wait (for a connection, a lock or the server).
    static let operationTimeout: Duration = .seconds(10)
    /// How long an operation waits while the last one found the server unreachable: during an
    /// outage requests answer 503 within a second instead of ten, and the first operation that
    /// gets through (the client keeps reconnecting) ends the outage.
    static let outageTimeout: Duration = .seconds(1)

    let client: PostgresClient
    let logger: Logger
    private let runTask: Task<Void, Never>
    /// Whether the last operation failed to reach the server.
    private let unreachable = Mutex(false)

    private init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
        self.runTask = Task { await client.run() }
    }

    /// Connects to the database at `url` (`postgres://user:password@host:port/database`,
    /// optionally `?sslmode=disable|prefer|require`), migrates its schema and returns the
    /// catalog. Throws `.unavailable` with the reason when the URL is malformed or the server
    /// refuses. Call `shutdown()` when done.
    public static func connect(url: String) async throws(CatalogError) -> PostgresCatalog {
        let location = try PostgresURL(parsing: url)
        var logger = Logger(label: "herald.catalog.postgres")
        logger.logLevel = .warning
        try await migrate(location, logger: logger)
        return PostgresCatalog(client: PostgresClient(configuration: clientConfiguration(location), backgroundLogger: logger), logger: logger)
    }

    deinit {
        runTask.cancel()
    }

    /// Closes every pooled connection and stops the client's background work.
    public func shutdown() async {
        runTask.cancel()
        await runTask.value
    }

    public func revision() async throws(CatalogError) -> Int64 {
        try await withConnection { connection, logger in
            try await Self.one(
                try await connection.query("SELECT value FROM revision WHERE id = 1", logger: logger), as: Int64.self
            ) ?? 0
        }
    }

    // MARK: Connecting

    private static func migrate(_ location: PostgresURL, logger: Logger) async throws(CatalogError) {
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try connectionConfiguration(location), id: 0, logger: logger)
            do {
                try await PostgresSchema.migrate(connection, logger: logger)
            } catch {
                try? await connection.close()
                throw error
            }
            try? await connection.close()
        } catch {
            throw .unavailable("cannot open catalog at \(location.redacted): \(describe(error))")
        }
    }

    static func connectionConfiguration(_ location: PostgresURL) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try .init(configuration: .makeClientConfiguration()))
        case .require: tls = .require(try .init(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username,
            password: location.password, database: location.database, tls: tls)
    }

    private static func clientConfiguration(_ location: PostgresURL) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.username,
            password: location.password, database: location.database, tls: tls)
        configuration.options.maximumConnections = 8
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    // MARK: Running queries

    /// Runs `body` on a pooled connection inside one transaction (rolled back when it throws),
    /// within `operationTimeout`. `CatalogError`s thrown inside pass through unchanged.
    func transaction<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws(CatalogError) -> T {
        let client = client
        let logger = logger
        return try await withDeadline {
            try await client.withTransaction(logger: logger) { connection in try await body(connection, logger) }
        }
    }

    /// Runs `body` on a pooled connection (autocommit), within `operationTimeout`.
    func withConnection<T: Sendable>(
        _ body: @escaping @Sendable (PostgresConnection, Logger) async throws -> T
    ) async throws(CatalogError) -> T {
        let client = client
        let logger = logger
        return try await withDeadline {
            try await client.withConnection { connection in try await body(connection, logger) }
        }
    }

    /// Locks the revision row until the transaction ends, serializing catalog changes.
    static func lockRevision(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT value FROM revision WHERE id = 1 FOR UPDATE", logger: logger)
    }

    /// Adds one to the revision counter; call inside the transaction making the change.
    static func bumpRevision(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("UPDATE revision SET value = value + 1 WHERE id = 1", logger: logger)
    }

    /// Every row of `rows` decoded as `T`.
    static func all<T: PostgresDecodable & Sendable>(_ rows: PostgresRowSequence, as type: T.Type) async throws -> [T] {
        var values: [T] = []
        for try await value in rows.decode(T.self) { values.append(value) }
        return values
    }

    /// Every row of `rows` decoded by `decode`, for rows of several columns.
    static func all<T: Sendable>(_ rows: PostgresRowSequence, decoding decode: (PostgresRow) throws -> T) async throws -> [T] {
        var values: [T] = []
        for try await row in rows { values.append(try decode(row)) }
        return values
    }

    /// The first row of `rows` decoded as `T`, or `nil`.
    static func one<T: PostgresDecodable & Sendable>(_ rows: PostgresRowSequence, as type: T.Type) async throws -> T? {
        try await all(rows, as: type).first
    }

    /// Runs `operation` within `operationTimeout`, or `outageTimeout` while the server is
    /// unreachable, and keeps track of whether it was.
    private func withDeadline<T: Sendable>(
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws(CatalogError) -> T {
        let timeout = unreachable.withLock { $0 } ? Self.outageTimeout : Self.operationTimeout
        do {
            let result = try await withThrowingTaskGroup(of: T.self) { group in
                group.addTask { try await operation() }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw CatalogError.unavailable("catalog did not answer within \(timeout)")
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else {
                    throw CatalogError.unavailable("catalog operation ended without a result")
                }
                return first
            }
            unreachable.withLock { $0 = false }
            return result
        } catch {
            let failure = Self.catalogError(error)
            if case .unavailable = failure { unreachable.withLock { $0 = true } }
            throw failure
        }
    }

    /// The `CatalogError` for any failure: catalog errors unwrapped, anything else `.unavailable`.
    static func catalogError(_ error: any Error) -> CatalogError {
        if let error = error as? CatalogError { return error }
        if let error = error as? PostgresTransactionError, let inner = error.closureError {
            return catalogError(inner)
        }
        return .unavailable("catalog query failed: \(describe(error))")
    }

    /// A readable reason: the server's message for SQL errors (PSQLError hides it by default).
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return "\(message) (SQLSTATE \(error.serverInfo?[.sqlState] ?? "?"))"
            }
            if let underlying = error.underlying { return "\(error.code): \(underlying)" }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError ?? error.beginError ?? error.commitError { return describe(inner) }
        }
        return String(describing: error)
    }
}
