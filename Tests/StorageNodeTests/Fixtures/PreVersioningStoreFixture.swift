import Foundation
import GRDB

/// A node store file as it would look without a schema version record: the tables of the
/// baseline (schema v4) built from their original DDL, no `grdb_migrations`, no application id.
enum PreVersioningStoreFixture {
    /// The baseline's tables and indexes, as the v1...v4 migrations left them (columns added by
    /// ALTER TABLE at the end of their tables).
    static let ddl = v2Tables + v3Tables

    /// The tables and indexes of v1 and v2: queues, messages (with v2's `encrypted`) and claims.
    static let v2Tables = """
        CREATE TABLE queues (
            project TEXT NOT NULL, name TEXT NOT NULL, metadata BLOB NOT NULL,
            default_message_ttl INTEGER, max_messages_post_size INTEGER, default_message_delay INTEGER,
            dead_letter_queue TEXT, dead_letter_queue_messages_ttl INTEGER, max_claim_count INTEGER,
            enable_encrypt_messages INTEGER, created INTEGER NOT NULL, PRIMARY KEY (project, name)
        ) WITHOUT ROWID;
        CREATE TABLE messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, project TEXT NOT NULL,
            queue TEXT NOT NULL, body BLOB NOT NULL, ttl INTEGER NOT NULL, created INTEGER NOT NULL,
            expires INTEGER NOT NULL, visible_at INTEGER NOT NULL, client_id TEXT NOT NULL, checksum TEXT,
            claim_id TEXT, claim_expires INTEGER NOT NULL DEFAULT 0, claim_count INTEGER NOT NULL DEFAULT 0,
            encrypted INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX messages_by_queue ON messages (project, queue, seq);
        CREATE INDEX messages_by_claim ON messages (claim_id) WHERE claim_id IS NOT NULL;
        CREATE INDEX messages_by_expiry ON messages (expires);
        CREATE TABLE claims (
            id TEXT NOT NULL PRIMARY KEY, project TEXT NOT NULL, queue TEXT NOT NULL, ttl INTEGER NOT NULL,
            grace INTEGER NOT NULL, updated INTEGER NOT NULL, expires INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX claims_by_queue ON claims (project, queue);
        CREATE INDEX claims_by_expiry ON claims (expires);

        """

    /// The tables and indexes v3 added: subscriptions and the outbox (with v4's `kind`).
    static let v3Tables = """
        CREATE TABLE subscriptions (
            id TEXT NOT NULL PRIMARY KEY, project TEXT NOT NULL, queue TEXT NOT NULL, subscriber TEXT NOT NULL,
            ttl INTEGER NOT NULL, created INTEGER NOT NULL, expires INTEGER NOT NULL, options BLOB NOT NULL,
            confirmed INTEGER NOT NULL DEFAULT 0, UNIQUE (project, queue, subscriber)
        ) WITHOUT ROWID;
        CREATE INDEX subscriptions_by_queue ON subscriptions (project, queue, id);
        CREATE INDEX subscriptions_by_expiry ON subscriptions (expires);
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, subscription_id TEXT NOT NULL, project TEXT NOT NULL,
            queue TEXT NOT NULL, message_id TEXT NOT NULL, payload BLOB NOT NULL, due INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0, kind INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX outbox_by_due ON outbox (due);
        CREATE INDEX outbox_by_subscription ON outbox (subscription_id);
        """

    /// The id of the message ``create(at:now:)`` stores in queue `p/old`.
    static let messageID = "0123456789abcdef0123456789abcdef"

    /// Writes a pre-versioning store at `path` (WAL mode, as nodes write) holding queue `p/old`
    /// with one message whose body is `"kept"`, live at `now`.
    static func create(at path: String, now: Int64) throws {
        let database = try DatabaseQueue(path: path)
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
        try database.write { db in
            try db.execute(sql: ddl)
            try db.execute(
                sql: "INSERT INTO queues (project, name, metadata, created) VALUES ('p', 'old', ?, ?)",
                arguments: [Data("{}".utf8), now])
            try db.execute(sql: """
                INSERT INTO messages (id, project, queue, body, ttl, created, expires, visible_at, client_id)
                VALUES (?, 'p', 'old', ?, 300, ?, ?, ?, 'c')
                """, arguments: [messageID, Data(#""kept""#.utf8), now, now + 300_000, now])
        }
        try database.close()
    }
}
