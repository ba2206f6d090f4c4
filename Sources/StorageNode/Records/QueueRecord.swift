import Foundation
import GRDB
import Shared

/// SQL access to the `queues` table: metadata bytes verbatim plus the typed settings as columns.
enum QueueRecord {
    /// The stored metadata of `queue`, or `nil` when it does not exist.
    static func metadata(_ db: Database, _ queue: QueueRef) throws -> QueueMetadata? {
        let statement = try DirectStatement(db, sql: """
            SELECT \(settingsColumns), metadata FROM queues WHERE project = ? AND name = ?
            """)
        try statement.bind(queue.project, queue.name)
        var metadata: QueueMetadata?
        try statement.forEachRow { row in metadata = QueueMetadata(json: row.blob(7), settings: settings(from: row)) }
        return metadata
    }

    /// The settings of `queue`, or `nil` when it does not exist. Cheaper than
    /// ``metadata(_:_:)``: it leaves the metadata document in the file.
    static func settings(_ db: Database, _ queue: QueueRef) throws -> QueueSettings? {
        let statement = try DirectStatement(db, sql: """
            SELECT \(settingsColumns) FROM queues WHERE project = ? AND name = ?
            """)
        try statement.bind(queue.project, queue.name)
        var settings: QueueSettings?
        try statement.forEachRow { row in settings = self.settings(from: row) }
        return settings
    }

    private static let settingsColumns = """
        default_message_ttl, max_messages_post_size, default_message_delay, dead_letter_queue,
        dead_letter_queue_messages_ttl, max_claim_count, enable_encrypt_messages
        """

    /// The settings in the first seven columns of the current row (``settingsColumns``).
    private static func settings(from row: DirectStatement) -> QueueSettings {
        QueueSettings(
            defaultMessageTTL: row.optionalInt(0),
            maxMessagesPostSize: row.optionalInt(1),
            defaultMessageDelay: row.optionalInt(2),
            deadLetterQueue: row.string(3),
            deadLetterQueueMessagesTTL: row.optionalInt(4),
            maxClaimCount: row.optionalInt(5),
            enableEncryptMessages: row.isNull(6) ? nil : row.bool(6)
        )
    }

    /// Inserts the queue unless it exists; returns `true` when it was created.
    static func insertIfMissing(_ db: Database, _ queue: QueueRef, metadata: QueueMetadata, now: Int64) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO queues (
                project, name, metadata, default_message_ttl, max_messages_post_size, default_message_delay,
                dead_letter_queue, dead_letter_queue_messages_ttl, max_claim_count, enable_encrypt_messages, created
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let settings = metadata.settings
        try statement.execute(arguments: [
            queue.project, queue.name, Data(metadata.json),
            settings.defaultMessageTTL, settings.maxMessagesPostSize, settings.defaultMessageDelay,
            settings.deadLetterQueue, settings.deadLetterQueueMessagesTTL, settings.maxClaimCount,
            settings.enableEncryptMessages, now,
        ])
        return db.changesCount > 0
    }

    /// Replaces the metadata of an existing queue; returns `false` when the queue does not exist.
    static func update(_ db: Database, _ queue: QueueRef, metadata: QueueMetadata) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            UPDATE queues SET metadata = ?, default_message_ttl = ?, max_messages_post_size = ?,
                default_message_delay = ?, dead_letter_queue = ?, dead_letter_queue_messages_ttl = ?,
                max_claim_count = ?, enable_encrypt_messages = ?
            WHERE project = ? AND name = ?
            """)
        let settings = metadata.settings
        try statement.execute(arguments: [
            Data(metadata.json),
            settings.defaultMessageTTL, settings.maxMessagesPostSize, settings.defaultMessageDelay,
            settings.deadLetterQueue, settings.deadLetterQueueMessagesTTL, settings.maxClaimCount,
            settings.enableEncryptMessages, queue.project, queue.name,
        ])
        return db.changesCount > 0
    }

    /// Removes the queue row only (messages and claims are removed by their own records).
    static func delete(_ db: Database, _ queue: QueueRef) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM queues WHERE project = ? AND name = ?")
        try statement.execute(arguments: [queue.project, queue.name])
    }
}

extension QueueSettings {
    /// True when the queue has a non-zero `_default_message_delay`: only then are per-message
    /// delays honoured and delayed messages hidden from listings and claims (spec §3.5).
    var isDelayedQueue: Bool { (defaultMessageDelay ?? 0) > 0 }
}
