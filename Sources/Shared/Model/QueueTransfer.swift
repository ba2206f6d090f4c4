/// One column value of a row copied from one storage node to another.
public enum TransferValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case text(String)
    case blob([UInt8])
}

/// Rows of one table that belong to a queue, as a live move copies them between nodes. Both
/// nodes run the same schema; the receiving node checks `name` and `columns` against its own.
public struct TransferTable: Sendable, Equatable {
    /// The table (`queues`, `messages`, `claims`, `subscriptions` or `outbox`).
    public var name: String
    /// The column names of every row, in order (never a row id: the receiver assigns its own).
    public var columns: [String]
    /// The rows, each with one value per column, in the order the receiver must insert them.
    public var rows: [[TransferValue]]

    public init(name: String, columns: [String], rows: [[TransferValue]]) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }
}

/// One batch of a queue's data on its way from the node it leaves to the node it moves to.
///
/// A move copies the messages in two rounds. While the queue still serves requests, batches
/// of messages only. Then, frozen: batches of the `message_states` table (the id and claim
/// columns of every message the first round copied that still exists), one batch *with state*
/// — the queue itself, its claims, subscriptions and pending notifications, and in
/// `message_states_count` how many states came before — and batches of the messages posted
/// meanwhile. Messages and states come in listing order.
public struct QueueTransferBatch: Sendable, Equatable {
    /// The table of surviving messages' claim columns.
    public static let messageStatesTable = "message_states"
    /// The one-row, one-column table of a batch with state: how many message states it follows.
    public static let messageStatesCountTable = "message_states_count"

    public var tables: [TransferTable]
    /// The listing position of the last message in the batch (where the next one starts), or
    /// the position the batch was asked after when it holds no message.
    public var marker: Int64
    /// Whether messages after `marker` remain.
    public var hasMore: Bool

    public init(tables: [TransferTable], marker: Int64, hasMore: Bool) {
        self.tables = tables
        self.marker = marker
        self.hasMore = hasMore
    }

    /// The number of messages in the batch.
    public var messageCount: Int {
        tables.filter { $0.name == "messages" }.reduce(0) { $0 + $1.rows.count }
    }
}

/// A change of the fence a storage node keeps around a queue while the queue moves to another
/// pool. A fenced queue refuses every request: `StorageError.queueMoving` while it is frozen,
/// `StorageError.queueMoved` once it has left.
public enum QueueFenceChange: UInt8, Sendable, Equatable, CaseIterable {
    /// No fence: the queue serves requests again (an aborted move, or a completed import).
    case lift = 0
    /// Refuse new requests and return once the requests already running have finished, so the
    /// queue's data no longer changes.
    case freeze = 1
    /// Delete the queue's data and keep a tombstone that answers `queueMoved` for a while, so
    /// routers with a stale placement look the queue up again.
    case retire = 2
    /// Delete the queue's data and its fence (a partial import that will not complete).
    case discard = 3
}
