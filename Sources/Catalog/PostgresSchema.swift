import Logging
import PostgresNIO

/// The versioned schema of the PostgreSQL catalog. Migrations run in one transaction under an
/// advisory lock, so several routers starting at once apply each version exactly once.
enum PostgresSchema {
    /// One schema version: statements applied in order.
    struct Migration: Sendable {
        var version: Int
        var name: String
        var statements: [String]
    }

    /// The key of the transaction-scoped advisory lock that serializes migrations.
    static let advisoryLockKey: Int64 = 0x4865_7261_6C64_4341  // "HeraldCA"

    /// Names compare byte-wise (`COLLATE "C"`) so paging order matches the SQLite catalog.
    static let migrations: [Migration] = [
        Migration(version: 1, name: "pools-flavors-queues-revision", statements: [
            """
            CREATE TABLE pools (
                name TEXT COLLATE "C" NOT NULL PRIMARY KEY,
                uri TEXT NOT NULL UNIQUE,
                weight BIGINT NOT NULL,
                flavor TEXT COLLATE "C" NULL,
                options TEXT NOT NULL DEFAULT '{}'
            )
            """,
            """
            CREATE TABLE flavors (
                project TEXT COLLATE "C" NOT NULL,
                name TEXT COLLATE "C" NOT NULL,
                capabilities TEXT NOT NULL DEFAULT '{}',
                PRIMARY KEY (project, name)
            )
            """,
            """
            CREATE TABLE queues (
                project TEXT COLLATE "C" NOT NULL,
                name TEXT COLLATE "C" NOT NULL,
                pool TEXT COLLATE "C" NOT NULL,
                flavor TEXT COLLATE "C" NULL,
                PRIMARY KEY (project, name)
            )
            """,
            "CREATE INDEX queues_pool ON queues (pool)",
            "CREATE INDEX queues_project_flavor ON queues (project, flavor)",
            """
            CREATE TABLE revision (
                id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                value BIGINT NOT NULL
            )
            """,
            "INSERT INTO revision (id, value) VALUES (1, 1)",
        ]),
    ]

    /// Applies the migrations `connection`'s database lacks, in one transaction. A database at
    /// the baseline without `herald_schema_migrations` (recognised by its tables) first gets the
    /// baseline's versions recorded, without running them.
    /// - Throws: ``SchemaRefusal`` (and changes nothing) when a newer Herald migrated the
    ///   database, or it holds tables that are neither recorded nor the baseline's.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(advisoryLockKey))", logger: logger)
            let status = try await PostgresSchema.status(connection, logger: logger)
            if let refusal = status.refusal(store: "the catalog database") { throw SchemaRefusal(message: refusal) }
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS herald_schema_migrations (
                    version INTEGER NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """, logger: logger)
            if status.origin == .detectedBaseline {
                for migration in migrations.prefix(baselineVersion) {
                    try await record(migration, connection, logger: logger)
                }
                logger.info("catalog schema recognised as the baseline", metadata: ["version": "\(baselineVersion)"])
            }
            for migration in migrations where status.pendingMigrations.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await record(migration, connection, logger: logger)
                logger.info("catalog schema migrated", metadata: ["version": "\(migration.version)"])
            }
        }
    }

    private static func record(_ migration: Migration, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "INSERT INTO herald_schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
            logger: logger)
    }
}
