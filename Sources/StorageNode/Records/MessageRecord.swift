import Foundation
import GRDB
import Shared

/// One row of the `messages` table, as the engine reads and rewrites it.
struct MessageRecord: Sendable {
    var seq: Int64
    var id: String
    var body: [UInt8]
    var ttl: Int
    /// Posting time (ms).
    var created: Int64
    /// When the message expires (ms).
    var expires: Int64
    /// When a delayed message becomes visible (ms).
    var visibleAt: Int64
    var clientID: String
    var checksum: String?
    /// The claim that last took the message; live only while `claimExpires > now`.
    var claimID: String?
    var claimExpires: Int64
    var claimCount: Int
    /// True when `body` is sealed by the node's ``MessageCipher``.
    var encrypted: Bool

    /// The column list every message query selects, in the order ``init(direct:)`` reads it.
    static let columns = """
        seq, id, body, ttl, created, expires, visible_at, client_id, checksum, claim_id, claim_expires, claim_count,
        encrypted
        """

    /// Reads the current row of a message query selecting ``columns``.
    init(direct row: DirectStatement) {
        seq = row.int64(0)
        id = row.string(1) ?? ""
        body = row.blob(2)
        ttl = row.int(3)
        created = row.int64(4)
        expires = row.int64(5)
        visibleAt = row.int64(6)
        clientID = row.string(7) ?? ""
        checksum = row.string(8)
        claimID = row.string(9)
        claimExpires = row.int64(10)
        claimCount = row.int(11)
        encrypted = row.bool(12)
    }

    /// True when a claim holds the message at `now`.
    func isClaimed(now: Int64) -> Bool {
        claimID != nil && claimExpires > now
    }

    /// The message as the store returns it at `now` (the claim id only while the claim is live),
    /// its body opened with `cipher` when it is stored encrypted.
    func stored(now: Int64, cipher: MessageCipher) throws -> StoredMessage {
        StoredMessage(
            id: id, sequence: seq, body: encrypted ? try cipher.open(body) : body, ttl: ttl, age: StoreTime.age(since: created, now: now),
            createdMillis: created, claimID: isClaimed(now: now) ? claimID : nil, claimCount: claimCount,
            checksum: checksum
        )
    }

    /// Fetches the rows of a bound message query.
    static func fetchAll(_ statement: DirectStatement) throws -> [MessageRecord] {
        var records: [MessageRecord] = []
        try statement.forEachRow { records.append(MessageRecord(direct: $0)) }
        return records
    }

    /// Runs `body` over `values` in chunks of at most `size`, so that `IN (?, ...)` statements
    /// stay few (and cacheable) and bound parameters stay far below SQLite's limit.
    static func forEachChunk<Value>(
        of values: [Value], size: Int = 20, _ body: (ArraySlice<Value>) throws -> Void
    ) rethrows {
        var start = values.startIndex
        while start < values.endIndex {
            let end = min(start + size, values.endIndex)
            try body(values[start..<end])
            start = end
        }
    }
}
