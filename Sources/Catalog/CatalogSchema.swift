import GRDB

/// The versioned schema of the SQLite catalog.
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
        return migrator
    }
}
