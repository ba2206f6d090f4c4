import Foundation
import GRDB
import Shared

extension MessageRecord {
    /// Appends one message to `queue`; returns its sequence.
    @discardableResult
    static func insert(
        _ db: Database, _ queue: QueueRef, id: String, body: [UInt8], ttl: Int, created: Int64,
        expires: Int64, visibleAt: Int64, clientID: String, checksum: String?, claimCount: Int = 0,
        encrypted: Bool = false
    ) throws -> Int64 {
        let statement = try DirectStatement(db, sql: """
            INSERT INTO messages (
                id, project, queue, body, ttl, created, expires, visible_at, client_id, checksum,
                claim_id, claim_expires, claim_count, encrypted
            ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?)
            """)
        try statement.bind(
            id, queue.project, queue.name, body, ttl, created, expires, visibleAt, clientID, checksum, claimCount,
            encrypted)
        try statement.execute()
        return db.lastInsertedRowID
    }

    /// Marks the messages `seqs` as held by `claimID` until `claimExpires`, adding
    /// `countIncrement` to their claim counters. A message that would expire before the claim
    /// (`expires < claimExpires`) gets `extendedTTL` and `extendedExpires` (spec §3.6).
    static func markClaimed(
        _ db: Database, seqs: [Int64], claimID: String, claimExpires: Int64, countIncrement: Int,
        extendedTTL: Int, extendedExpires: Int64
    ) throws {
        try forEachChunk(of: seqs) { chunk in
            let statement = try DirectStatement(db, sql: """
                UPDATE messages SET
                    claim_id = ?, claim_expires = ?, claim_count = claim_count + ?,
                    ttl = CASE WHEN expires < ? THEN ? ELSE ttl END,
                    expires = CASE WHEN expires < ? THEN ? ELSE expires END
                WHERE seq IN (\(databaseQuestionMarks(count: chunk.count)))
                """)
            try statement.bind(
                claimID, claimExpires, countIncrement, claimExpires, extendedTTL, claimExpires, extendedExpires)
            try statement.bind(chunk.map { $0 }, from: 8)
            try statement.execute()
        }
    }

    /// Renews every unexpired message held by `claimID`: new claim expiry plus the same ttl
    /// extension as ``markClaimed(_:seqs:claimID:claimExpires:countIncrement:extendedTTL:extendedExpires:)``.
    static func renewClaim(
        _ db: Database, claimID: String, claimExpires: Int64, extendedTTL: Int, extendedExpires: Int64, now: Int64
    ) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE messages SET
                claim_expires = ?,
                ttl = CASE WHEN expires < ? THEN ? ELSE ttl END,
                expires = CASE WHEN expires < ? THEN ? ELSE expires END
            WHERE claim_id = ? AND expires > ?
            """)
        try statement.execute(arguments: [
            claimExpires, claimExpires, extendedTTL, claimExpires, extendedExpires, claimID, now,
        ])
    }

    /// Releases every message of `queue` held by `claimID`.
    static func release(_ db: Database, _ queue: QueueRef, claimID: String) throws {
        let statement = try db.cachedStatement(sql: """
            UPDATE messages SET claim_id = NULL, claim_expires = 0
            WHERE claim_id = ? AND project = ? AND queue = ?
            """)
        try statement.execute(arguments: [claimID, queue.project, queue.name])
    }

    /// Moves `message` into `deadLetterQueue` (same id, a fresh sequence so paging in the DLQ
    /// sees it): its claim is cleared, its claim counter reset, and with `ttl` its expiry
    /// becomes `now + ttl` (spec §3.9 [REC]).
    static func moveToDeadLetterQueue(
        _ db: Database, _ message: MessageRecord, deadLetterQueue: QueueRef, ttl: Int?, now: Int64
    ) throws {
        try delete(db, seq: message.seq)
        let newTTL = ttl.map(StoreTime.clampedSeconds) ?? message.ttl
        let newExpires = ttl.map { now + StoreTime.millis(seconds: $0) } ?? message.expires
        try insert(
            db, deadLetterQueue, id: message.id, body: message.body, ttl: newTTL, created: message.created,
            expires: newExpires, visibleAt: min(message.visibleAt, now), clientID: message.clientID,
            checksum: message.checksum, encrypted: message.encrypted
        )
    }

    /// Deletes one row by sequence.
    static func delete(_ db: Database, seq: Int64) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM messages WHERE seq = ?")
        try statement.execute(arguments: [seq])
    }

    /// Deletes the rows `seqs`.
    static func delete(_ db: Database, seqs: [Int64]) throws {
        try forEachChunk(of: seqs) { chunk in
            let statement = try DirectStatement(db, sql: """
                DELETE FROM messages WHERE seq IN (\(databaseQuestionMarks(count: chunk.count)))
                """)
            try statement.bind(chunk.map { $0 })
            try statement.execute()
        }
    }

    /// Deletes every message of `queue`.
    static func deleteAll(_ db: Database, _ queue: QueueRef) throws {
        let statement = try db.cachedStatement(sql: "DELETE FROM messages WHERE project = ? AND queue = ?")
        try statement.execute(arguments: [queue.project, queue.name])
    }

    /// Deletes up to `batch` messages that expired at or before `now`; returns how many.
    static func deleteExpired(_ db: Database, now: Int64, batch: Int) throws -> Int {
        let statement = try db.cachedStatement(sql: """
            DELETE FROM messages WHERE seq IN (SELECT seq FROM messages WHERE expires <= ? LIMIT ?)
            """)
        try statement.execute(arguments: [now, batch])
        return db.changesCount
    }

    /// Clears the claim markers of messages whose claim lapsed at or before `now`; returns how many.
    static func clearLapsedClaims(_ db: Database, now: Int64) throws -> Int {
        let statement = try db.cachedStatement(sql: """
            UPDATE messages SET claim_id = NULL, claim_expires = 0
            WHERE claim_id IS NOT NULL AND claim_expires <= ?
            """)
        try statement.execute(arguments: [now])
        return db.changesCount
    }
}
