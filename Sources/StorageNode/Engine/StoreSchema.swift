import GRDB

/// The versioned SQLite schema of a storage node file.
///
/// Messages reference their queue by `(project, queue)` rather than by a row id, so a message
/// can be moved into a dead-letter queue that has not been created yet. `seq` is the
/// per-queue monotonically increasing listing marker (a global AUTOINCREMENT). v3 adds the
/// subscriptions of queues and the durable notification outbox, written in the same
/// transaction as the messages it announces. v4 gives outbox rows a ``NotificationKind``
/// (0 message notification, 1 subscription confirmation request, 2 unsubscribe confirmation).
/// v5 adds `queue_fences`, the queues frozen or gone while they move to another pool.
///
/// The migrations applied are recorded by name in `grdb_migrations`; a store's schema version is
/// the number of them it completed (see ``status(_:)``). v4 is the baseline: a file holding its
/// tables without any record is recognised as a v4 store and recorded as such when opened.
public enum StoreSchema {
    /// The migrator that brings any older file up to the current schema.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-queues-messages-claims") { db in
            try db.execute(sql: """
                CREATE TABLE queues (
                    project TEXT NOT NULL,
                    name TEXT NOT NULL,
                    metadata BLOB NOT NULL,
                    default_message_ttl INTEGER,
                    max_messages_post_size INTEGER,
                    default_message_delay INTEGER,
                    dead_letter_queue TEXT,
                    dead_letter_queue_messages_ttl INTEGER,
                    max_claim_count INTEGER,
                    enable_encrypt_messages INTEGER,
                    created INTEGER NOT NULL,
                    PRIMARY KEY (project, name)
                ) WITHOUT ROWID;

                CREATE TABLE messages (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    project TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    body BLOB NOT NULL,
                    ttl INTEGER NOT NULL,
                    created INTEGER NOT NULL,
                    expires INTEGER NOT NULL,
                    visible_at INTEGER NOT NULL,
                    client_id TEXT NOT NULL,
                    checksum TEXT,
                    claim_id TEXT,
                    claim_expires INTEGER NOT NULL DEFAULT 0,
                    claim_count INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX messages_by_queue ON messages (project, queue, seq);
                CREATE INDEX messages_by_claim ON messages (claim_id) WHERE claim_id IS NOT NULL;
                CREATE INDEX messages_by_expiry ON messages (expires);

                CREATE TABLE claims (
                    id TEXT NOT NULL PRIMARY KEY,
                    project TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    ttl INTEGER NOT NULL,
                    grace INTEGER NOT NULL,
                    updated INTEGER NOT NULL,
                    expires INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX claims_by_queue ON claims (project, queue);
                CREATE INDEX claims_by_expiry ON claims (expires);
                """)
        }
        migrator.registerMigration("v2-encrypted-bodies") { db in
            try db.execute(sql: "ALTER TABLE messages ADD COLUMN encrypted INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v3-subscriptions-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE subscriptions (
                    id TEXT NOT NULL PRIMARY KEY,
                    project TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    subscriber TEXT NOT NULL,
                    ttl INTEGER NOT NULL,
                    created INTEGER NOT NULL,
                    expires INTEGER NOT NULL,
                    options BLOB NOT NULL,
                    confirmed INTEGER NOT NULL DEFAULT 0,
                    UNIQUE (project, queue, subscriber)
                ) WITHOUT ROWID;
                CREATE INDEX subscriptions_by_queue ON subscriptions (project, queue, id);
                CREATE INDEX subscriptions_by_expiry ON subscriptions (expires);

                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    subscription_id TEXT NOT NULL,
                    project TEXT NOT NULL,
                    queue TEXT NOT NULL,
                    message_id TEXT NOT NULL,
                    payload BLOB NOT NULL,
                    due INTEGER NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX outbox_by_due ON outbox (due);
                CREATE INDEX outbox_by_subscription ON outbox (subscription_id);
                """)
        }
        migrator.registerMigration("v4-outbox-kinds") { db in
            try db.execute(sql: "ALTER TABLE outbox ADD COLUMN kind INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v5-queue-fences") { db in
            try db.execute(sql: """
                CREATE TABLE queue_fences (
                    project TEXT NOT NULL,
                    name TEXT NOT NULL,
                    state INTEGER NOT NULL,
                    since INTEGER NOT NULL,
                    PRIMARY KEY (project, name)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
