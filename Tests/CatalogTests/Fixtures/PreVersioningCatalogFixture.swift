import GRDB
@testable import Catalog

/// Catalogs as they would look without a schema version record: the baseline's tables built
/// from their original DDL, with pool `node1` and queue `p/q` placed on it, and no migration table.
enum PreVersioningCatalogFixture {
    /// The SQLite catalog's baseline (v2) tables, as the v1 and v2 migrations left them.
    static let sqliteDDL = """
        CREATE TABLE pools (
            name TEXT NOT NULL PRIMARY KEY, uri TEXT NOT NULL, weight INTEGER NOT NULL,
            flavor TEXT NULL, options TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE queues (
            project TEXT NOT NULL, name TEXT NOT NULL, pool TEXT NOT NULL, flavor TEXT NULL, PRIMARY KEY (project, name)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX pools_uri ON pools (uri);
        CREATE TABLE flavors (
            project TEXT NOT NULL, name TEXT NOT NULL, capabilities TEXT NOT NULL DEFAULT '{}', PRIMARY KEY (project, name)
        ) WITHOUT ROWID;
        CREATE INDEX queues_pool ON queues (pool);
        CREATE INDEX queues_project_flavor ON queues (project, flavor);
        CREATE TABLE revision (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
        INSERT INTO revision (id, value) VALUES (1, 7);
        """

    /// The PostgreSQL catalog's baseline (v1) tables.
    static let postgresDDL = [
        """
        CREATE TABLE pools (
            name TEXT COLLATE "C" NOT NULL PRIMARY KEY, uri TEXT NOT NULL UNIQUE, weight BIGINT NOT NULL,
            flavor TEXT COLLATE "C" NULL, options TEXT NOT NULL DEFAULT '{}'
        )
        """,
        """
        CREATE TABLE flavors (
            project TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL,
            capabilities TEXT NOT NULL DEFAULT '{}', PRIMARY KEY (project, name)
        )
        """,
        """
        CREATE TABLE queues (
            project TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL, pool TEXT COLLATE "C" NOT NULL,
            flavor TEXT COLLATE "C" NULL, PRIMARY KEY (project, name)
        )
        """,
        "CREATE INDEX queues_pool ON queues (pool)",
        "CREATE INDEX queues_project_flavor ON queues (project, flavor)",
        "CREATE TABLE revision (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), value BIGINT NOT NULL)",
        "INSERT INTO revision (id, value) VALUES (1, 7)",
    ]

    /// The rows both fixtures hold.
    static let rows = [
        "INSERT INTO pools (name, uri, weight) VALUES ('node1', 'herald://127.0.0.1:7001', 100)",
        "INSERT INTO queues (project, name, pool) VALUES ('p', 'q', 'node1')",
    ]

    /// Writes the SQLite fixture at `path` (WAL mode, as routers write).
    static func createSQLite(at path: String) throws {
        let database = try DatabaseQueue(path: path)
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try database.write { db in
            try db.execute(sql: sqliteDDL)
            for row in rows { try db.execute(sql: row) }
        }
        try database.close()
    }

    /// Writes the PostgreSQL fixture into the (empty) database at `url`.
    static func createPostgres(url: String) async throws {
        for statement in postgresDDL + rows { try await PostgresAdmin.query(statement, url: url) }
    }
}
