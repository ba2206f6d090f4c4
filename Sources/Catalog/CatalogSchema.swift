import GRDB

/// The versioned schema of the SQLite catalog.
///
/// The migrations applied are recorded by name in `grdb_migrations`; a catalog's schema version
/// is the number of them it completed. v2 is the baseline: a file holding its tables without any
/// record is recognised as a v2 catalog and recorded as such when opened.
enum CatalogSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-pools-and-queues") { db in
            try db.execute(sql: """
                CREATE TABLE pools (
                    name TEXT NOT NULL PRIMARY KEY,
                    uri TEXT NOT NULL,
                    weight INTEGER NOT NULL
                );
                CREATE TABLE queues (
                    project TEXT NOT NULL,
                    name TEXT NOT NULL,
                    pool TEXT NOT NULL,
                    PRIMARY KEY (project, name)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-flavors-options-revision") { db in
            try db.execute(sql: """
                ALTER TABLE pools ADD COLUMN flavor TEXT NULL;
                ALTER TABLE pools ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
                CREATE UNIQUE INDEX pools_uri ON pools (uri);
                CREATE TABLE flavors (
                    project TEXT NOT NULL,
                    name TEXT NOT NULL,
                    capabilities TEXT NOT NULL DEFAULT '{}',
                    PRIMARY KEY (project, name)
                ) WITHOUT ROWID;
                ALTER TABLE queues ADD COLUMN flavor TEXT NULL;
                CREATE INDEX queues_pool ON queues (pool);
                CREATE INDEX queues_project_flavor ON queues (project, flavor);
                CREATE TABLE revision (
                    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                    value INTEGER NOT NULL
                );
                INSERT INTO revision (id, value) VALUES (1, 1);
                """)
        }
        return migrator
    }
}
