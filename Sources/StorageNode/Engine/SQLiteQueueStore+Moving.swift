import Foundation
import GRDB
import Shared

/// Moving a queue to another node: fences, export and import (see ``QueueFenceChange`` and
/// ``QueueTransferBatch``). A router drives the move: it copies the messages to the new node
/// while the queue still serves here, freezes it, copies what changed meanwhile, switches the
/// catalog, then retires the queue here.
extension SQLiteQueueStore {
    /// The tables that hold a queue's data, each with the column naming the queue, in the order
    /// an import inserts them (messages last: they come in several batches).
    static let transferTables: [(name: String, queueColumn: String)] = [
        ("queues", "name"), ("claims", "queue"), ("subscriptions", "queue"), ("outbox", "queue"), ("messages", "queue"),
    ]

    public func enter(_ queue: QueueRef) throws(StorageError) {
        try fences.enter(queue)
    }

    public func leave(_ queue: QueueRef) {
        fences.leave(queue)
    }

    public func changeFence(_ queue: QueueRef, _ change: QueueFenceChange) async throws {
        switch change {
        case .freeze:
            let previous = fences.set(queue, .moving)
            do {
                try await write { db, now in try FenceRecord.set(db, queue, .moving, now: now) }
            } catch {
                fences.set(queue, previous)
                throw error
            }
            await fences.drained(queue)
        case .lift:
            try await write { db, now in try FenceRecord.set(db, queue, nil, now: now) }
            fences.set(queue, nil)
            arrivals.announce(queue)
        case .retire:
            fences.set(queue, .moved)
            await fences.drained(queue)
            try await write { db, now in
                try Self.deleteQueueData(db, queue)
                try FenceRecord.set(db, queue, .moved, now: now)
            }
        case .discard:
            fences.set(queue, .moving)
            await fences.drained(queue)
            try await write { db, now in
                try Self.deleteQueueData(db, queue)
                try FenceRecord.set(db, queue, nil, now: now)
            }
            fences.set(queue, nil)
        }
    }

    public func exportQueue(_ queue: QueueRef, after: Int64, maxBytes: Int, withState: Bool) async throws -> QueueTransferBatch {
        try await read { db, _ in
            guard try QueueRecord.settings(db, queue) != nil else { throw StorageError.queueNotFound }
            var tables: [TransferTable] = []
            if withState {
                for (name, queueColumn) in Self.transferTables where name != "messages" {
                    tables.append(try Self.exportRows(db, table: name, queueColumn: queueColumn, queue: queue))
                }
                let count = try Int64.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM messages WHERE project = ? AND queue = ? AND seq <= ?",
                    arguments: [queue.project, queue.name, after]) ?? 0
                tables.append(TransferTable(
                    name: QueueTransferBatch.messageStatesCountTable, columns: ["count"], rows: [[.integer(count)]]))
            }
            let (messages, marker, hasMore) = try Self.exportMessages(db, queue: queue, after: after, maxBytes: maxBytes)
            tables.append(messages)
            return QueueTransferBatch(tables: tables, marker: marker, hasMore: hasMore)
        }
    }

    /// The columns of a message state: its id and the claim columns, which change after a
    /// message was posted; the second round of a move carries them for every copied message.
    static let messageStateColumns = ["id", "claim_id", "claim_expires", "claim_count"]

    /// The most states one batch carries, whatever the caller asks.
    static let maxStateRows = 100_000

    public func exportMessageStates(_ queue: QueueRef, after: Int64, upTo: Int64, maxRows: Int) async throws -> QueueTransferBatch {
        let limit = min(max(maxRows, 1), Self.maxStateRows)
        return try await read { db, _ in
            guard try QueueRecord.settings(db, queue) != nil else { throw StorageError.queueNotFound }
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT seq, id, claim_id, claim_expires, claim_count FROM messages
                    WHERE project = ? AND queue = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?
                    """,
                arguments: [queue.project, queue.name, after, upTo, limit + 1])
            var states: [[TransferValue]] = []
            states.reserveCapacity(min(limit, 10_000))
            var marker = after
            var hasMore = false
            while let row = try rows.next() {
                if states.count == limit {
                    hasMore = true
                    break
                }
                marker = row[0]
                let claimID: String? = row[2]
                states.append([.text(row[1]), claimID.map(TransferValue.text) ?? .null, .integer(row[3]), .integer(row[4])])
            }
            return QueueTransferBatch(
                tables: [TransferTable(name: QueueTransferBatch.messageStatesTable, columns: Self.messageStateColumns, rows: states)],
                marker: marker, hasMore: hasMore)
        }
    }

    public func importQueue(_ queue: QueueRef, _ batch: QueueTransferBatch, first: Bool, last: Bool) async throws {
        if first {
            fences.set(queue, .moving)
            await fences.drained(queue)
            _ = collectedStates.take(queue)
        } else if fences.state(of: queue) != .moving {
            throw StorageError.unavailable("import of \(queue.project)/\(queue.name) continued without its first batch")
        }
        for table in batch.tables where table.name == QueueTransferBatch.messageStatesTable {
            try collectMessageStates(table, queue: queue)
        }
        let collected = batch.tables.contains { $0.name == QueueTransferBatch.messageStatesCountTable } ? collectedStates.take(queue) : [:]
        try await write { db, now in
            if first {
                try Self.deleteQueueData(db, queue)
                try FenceRecord.set(db, queue, .moving, now: now)
            }
            for table in batch.tables {
                switch table.name {
                case QueueTransferBatch.messageStatesTable:
                    continue
                case QueueTransferBatch.messageStatesCountTable:
                    try Self.applyMessageStates(db, expected: table, collected: collected, queue: queue)
                default:
                    if table.name == "messages" { try Self.raiseMessageSequence(db, above: batch.marker) }
                    try Self.importRows(db, table, queue: queue)
                }
            }
            if last { try FenceRecord.set(db, queue, nil, now: now) }
        }
        if last {
            fences.set(queue, nil)
            arrivals.announce(queue)
        }
    }

    // MARK: Rows

    /// Makes the listing positions this node assigns next greater than `marker`, the old node's
    /// position of the batch's last message. So every moved message lists after the position it
    /// had: a client paging with a marker from before the move may see messages again, but
    /// never misses one.
    static func raiseMessageSequence(_ db: Database, above marker: Int64) throws {
        try db.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'messages' AND seq < ?", arguments: [marker, marker])
        if try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'messages'") == nil {
            try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES ('messages', ?)", arguments: [marker])
        }
    }

    /// Everything the node holds of `queue`, fences aside.
    static func deleteQueueData(_ db: Database, _ queue: QueueRef) throws {
        try MessageRecord.deleteAll(db, queue)
        try ClaimRecord.deleteAll(db, queue)
        try SubscriptionRecord.deleteAll(db, queue)
        try QueueRecord.delete(db, queue)
    }

    /// The columns of `table` a transfer carries: all but the row id `seq`, which the receiving
    /// node assigns anew (in the order the rows arrive, so listings keep their order).
    private static func transferColumns(_ db: Database, table: String) throws -> [String] {
        try db.columns(in: table).map(\.name).filter { $0 != "seq" }
    }

    private static func exportRows(_ db: Database, table: String, queueColumn: String, queue: QueueRef) throws -> TransferTable {
        let columns = try transferColumns(db, table: table)
        let order = columns.count < (try db.columns(in: table).count) ? " ORDER BY seq" : ""
        let rows = try Row.fetchAll(
            db, sql: "SELECT \(quoted(columns)) FROM \(table) WHERE project = ? AND \(queueColumn) = ?\(order)",
            arguments: [queue.project, queue.name])
        return TransferTable(name: table, columns: columns, rows: try rows.map(transferValues))
    }

    /// Keeps a batch of message states until the batch with state applies them.
    private func collectMessageStates(_ states: TransferTable, queue: QueueRef) throws {
        guard states.columns == Self.messageStateColumns else {
            throw StorageError.protocolViolation("import of message states has unexpected columns")
        }
        var batch: [(id: String, state: MessageState)] = []
        batch.reserveCapacity(states.rows.count)
        for row in states.rows {
            guard row.count == 4, case .text(let id) = row[0], case .integer(let expires) = row[2], case .integer(let count) = row[3]
            else {
                throw StorageError.protocolViolation("import of message states has a malformed row")
            }
            let claimID: String?
            switch row[1] {
            case .null: claimID = nil
            case .text(let text): claimID = text
            default: throw StorageError.protocolViolation("import of message states has a malformed claim id")
            }
            batch.append((id, MessageState(claimID: claimID, claimExpires: expires, claimCount: count)))
        }
        collectedStates.add(batch, for: queue)
    }

    /// Once every state arrived (their number is `expected`'s one value — a node that restarted
    /// meanwhile lost them, and the move fails instead of dropping messages): drops the queue's
    /// messages the states do not list (all were copied in the first round: the batch with state
    /// comes before any later message) and sets the claim columns of those whose claim changed.
    private static func applyMessageStates(
        _ db: Database, expected: TransferTable, collected: [String: MessageState], queue: QueueRef
    ) throws {
        guard expected.columns == ["count"], expected.rows.count == 1, case .integer(let count) = expected.rows[0].first else {
            throw StorageError.protocolViolation("import of the message state count is malformed")
        }
        guard collected.count == count else {
            throw StorageError.unavailable(
                "the move of \(queue.project)/\(queue.name) sent \(count) message states, \(collected.count) arrived; move it again")
        }
        var dropped: [String] = []
        var changed: [(id: String, state: MessageState)] = []
        let rows = try Row.fetchCursor(
            db, sql: "SELECT \(quoted(messageStateColumns)) FROM messages WHERE project = ? AND queue = ?",
            arguments: [queue.project, queue.name])
        while let row = try rows.next() {
            let id: String = row[0]
            guard let state = collected[id] else {
                dropped.append(id)
                continue
            }
            if state != MessageState(claimID: row[1], claimExpires: row[2], claimCount: row[3]) { changed.append((id, state)) }
        }
        let delete = try db.cachedStatement(sql: "DELETE FROM messages WHERE id = ?")
        for id in dropped { try delete.execute(arguments: [id]) }
        let update = try db.cachedStatement(
            sql: "UPDATE messages SET claim_id = ?, claim_expires = ?, claim_count = ? WHERE id = ?")
        for (id, state) in changed {
            try update.execute(arguments: [state.claimID, state.claimExpires, state.claimCount, id])
        }
    }

    /// Messages after `after` in listing order, up to about `maxBytes` (at least one), the
    /// position of the last one, and whether more follow.
    private static func exportMessages(
        _ db: Database, queue: QueueRef, after: Int64, maxBytes: Int
    ) throws -> (TransferTable, Int64, Bool) {
        let columns = try transferColumns(db, table: "messages")
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT seq, \(quoted(columns)) FROM messages WHERE project = ? AND queue = ? AND seq > ? ORDER BY seq",
            arguments: [queue.project, queue.name, after])
        var rows: [[TransferValue]] = []
        var bytes = 0
        var lastSeq = after
        while let row = try cursor.next() {
            if bytes >= maxBytes, !rows.isEmpty { return (TransferTable(name: "messages", columns: columns, rows: rows), lastSeq, true) }
            lastSeq = row["seq"]
            let values = try transferValues(row).dropFirst()
            bytes += values.reduce(64) { total, value in
                switch value {
                case let .blob(blob): return total + blob.count
                case let .text(text): return total + text.utf8.count
                default: return total + 8
                }
            }
            rows.append(Array(values))
        }
        return (TransferTable(name: "messages", columns: columns, rows: rows), lastSeq, false)
    }

    /// Inserts rows another node exported — replacing the queue's rows of that table, except for
    /// messages, which add up — after checking they are rows of `queue` in a table and columns
    /// this node knows (names are never taken from the wire into SQL unchecked).
    private static func importRows(_ db: Database, _ table: TransferTable, queue: QueueRef) throws {
        guard let queueColumn = transferTables.first(where: { $0.name == table.name })?.queueColumn else {
            throw StorageError.protocolViolation("import names the unknown table \(table.name)")
        }
        let known = Set(try transferColumns(db, table: table.name))
        guard Set(table.columns).isSubset(of: known), Set(table.columns).count == table.columns.count,
            let projectIndex = table.columns.firstIndex(of: "project"),
            let queueIndex = table.columns.firstIndex(of: queueColumn)
        else {
            throw StorageError.protocolViolation("import of \(table.name) has columns this node does not know")
        }
        if table.name != "messages" {
            try db.execute(
                sql: "DELETE FROM \(table.name) WHERE project = ? AND \(queueColumn) = ?", arguments: [queue.project, queue.name])
        }
        let statement = try db.cachedStatement(
            sql: "INSERT INTO \(table.name) (\(quoted(table.columns))) VALUES (\(Array(repeating: "?", count: table.columns.count).joined(separator: ", ")))")
        for row in table.rows {
            guard row.count == table.columns.count, row[projectIndex] == .text(queue.project),
                row[queueIndex] == .text(queue.name)
            else {
                throw StorageError.protocolViolation("import of \(table.name) holds a row of another queue")
            }
            try statement.execute(arguments: StatementArguments(row.map(databaseValue)))
        }
    }

    private static func quoted(_ columns: [String]) -> String {
        columns.map { "\"\($0)\"" }.joined(separator: ", ")
    }

    private static func transferValues(_ row: Row) throws -> [TransferValue] {
        try row.databaseValues.map { value in
            switch value.storage {
            case .null: return .null
            case let .int64(int): return .integer(int)
            case let .string(text): return .text(text)
            case let .blob(data): return .blob([UInt8](data))
            case .double: throw StorageError.unavailable("a stored row holds a real number, which no Herald table has")
            }
        }
    }

    private static func databaseValue(_ value: TransferValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case let .integer(int): return int.databaseValue
        case let .text(text): return text.databaseValue
        case let .blob(bytes): return Data(bytes).databaseValue
        }
    }
}
