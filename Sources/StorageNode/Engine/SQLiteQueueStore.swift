import Foundation
import GRDB
import Logging
import Shared

/// The storage engine of one node: every queue, message and claim it owns, in one SQLite file
/// in WAL mode.
///
/// Writes are serialised by GRDB's single writer connection (so two claims can never take the
/// same message); reads run concurrently on reader connections. Every commit is fsynced
/// (`synchronous = FULL`), so a returned post survives `kill -9`. All expiry decisions use the
/// injected ``WallClock``.
public final class SQLiteQueueStore: QueueStore {
    /// The largest `limit` honoured for listings, claims and pops, whatever the caller asks.
    static let hardLimit = 1000

    let pool: DatabasePool
    /// The limits and defaults that apply when a queue does not override them.
    public let limits: ServiceLimits
    let clock: any WallClock
    /// Seals and opens the bodies of queues with `_enable_encrypt_messages`.
    let cipher: MessageCipher
    /// Whether subscriptions must be confirmed before they get message notifications (spec §5.5).
    public let requireConfirmation: Bool
    let logger: Logger
    /// Runs every write, batching concurrent ones into shared transactions (group commit).
    let committer: GroupCommitter
    /// Counts posted, claimed, deleted and expired messages (and the dispatcher's deliveries).
    public let metrics: NodeMetrics
    /// Long-poll waiters, woken by durable posts.
    let arrivals = MessageArrivals()
    /// The queues frozen or gone while they move to another pool, and the requests running.
    let fences: QueueFences
    /// Message states received for queues moving here, until applied.
    let collectedStates = CollectedMessageStates()

    /// Opens (or creates) the store at `path`, creating its parent directory when missing, and
    /// migrates the schema to the current version. `cipher` encrypts the bodies of queues with
    /// `_enable_encrypt_messages`; every node sharing data must use the same key.
    ///
    /// With `requireConfirmation` (`[notification] require_confirmation`, spec §5.5), creating a
    /// subscription — or re-posting a live unconfirmed one — queues a confirmation request in the
    /// outbox, unconfirming one (`confirmed: false`) queues an unsubscribe notice, and posted
    /// messages notify confirmed subscriptions only (messages posted before the confirmation are
    /// never delivered later). Without it no confirmation rows are written and every live
    /// subscription is notified; `confirmed` is still tracked.
    ///
    /// With `maxSizeBytes` the database file never grows past that size (SQLite's
    /// `max_page_count`; the WAL comes on top): writes that would need more space fail with
    /// `StorageError.storageFull`, as on a full disk, and succeed again once deletes, expiry or
    /// a larger limit free space.
    ///
    /// `metrics` counts the messages posted, claimed, deleted and expired once their writes are
    /// durable.
    /// - Throws: `StorageError.unavailable` when the file cannot be opened or migrated, or is not
    ///   a Herald store (another program's database, a damaged file: see ``StoreFileCheck``).
    public init(
        path: String, limits: ServiceLimits = .standard, clock: any WallClock = SystemWallClock(),
        cipher: MessageCipher = MessageCipher(), requireConfirmation: Bool = false, maxSizeBytes: Int64? = nil,
        metrics: NodeMetrics = NodeMetrics()
    ) throws {
        self.metrics = metrics
        self.limits = limits
        self.clock = clock
        self.cipher = cipher
        self.requireConfirmation = requireConfirmation
        self.logger = Logger(label: "herald.storage-node.store")
        do {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try StoreFileCheck.verify(path: path)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                // 32 MB of page cache per connection instead of SQLite's 2 MB, so that queue heads
                // and tails, their indexes and the outbox stay in memory under a large backlog.
                try db.execute(sql: "PRAGMA cache_size = -32768")
                if let maxSizeBytes {
                    let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
                    try db.execute(sql: "PRAGMA max_page_count = \(max(1, maxSizeBytes / pageSize))")
                }
            }
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB opens the writer with `synchronous = NORMAL` (WAL mode); FULL fsyncs the WAL on
            // every commit so that a returned write survives power loss and `kill -9`.
            try pool.writeWithoutTransaction { db in
                try StoreFileCheck.stamp(db)
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try StoreSchema.migrate(pool)
            fences = QueueFences(try pool.read { db in try FenceRecord.all(db) })
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError.unavailable(
                StoreFileCheck.unreadableFileMessage(error, path: path) ?? "cannot open store at \(path): \(error)")
        }
        committer = GroupCommitter(pool: pool, clock: clock)
    }

    /// Closes the database connections. Later calls fail with `StorageError.unavailable`.
    public func close() throws {
        do {
            try pool.close()
        } catch {
            throw StorageError.unavailable("cannot close store: \(error)")
        }
    }

    public func ping() async throws {
        _ = try await read { db, _ in try Int.fetchOne(db, sql: "SELECT 1") }
    }

    // MARK: Transactions

    /// Runs `body` in a read transaction with the current time; store failures become `.unavailable`.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database, Int64) throws -> T) async throws -> T {
        let clock = self.clock
        return try await mapStoreErrors {
            try await pool.read { db in try body(db, clock.nowMillis()) }
        }
    }

    /// Runs `body` in the next group commit (its own savepoint of a shared write transaction)
    /// with the current time, and returns once that transaction is durable; store failures
    /// become `.storageFull` (full disk) or `.unavailable`.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database, Int64) throws -> T) async throws -> T {
        try await mapStoreErrors { try await committer.submit(body) }
    }

    /// Rethrows failures as `StorageError`s (see ``StoreFailure``).
    func mapStoreErrors<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch {
            throw StoreFailure.storageError(error)
        }
    }

    /// `limit` clamped to `0...hardLimit`.
    static func clampedLimit(_ limit: Int) -> Int {
        min(max(limit, 0), hardLimit)
    }
}
