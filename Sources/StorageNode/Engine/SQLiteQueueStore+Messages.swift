import GRDB
import Shared

extension SQLiteQueueStore {
    public func postMessages(
        _ queue: QueueRef, clientID: String, messages: [NewMessage], requestSize: Int
    ) async throws -> [String] {
        let post = PendingPost(queue: queue, clientID: clientID, messages: messages, requestSize: requestSize)
        let serviceDefaultTTL = limits.defaultMessageTTL
        let cipher = self.cipher
        let requireConfirmation = self.requireConfirmation
        let ids = try await write { db, now in
            try Self.insert(
                db, post, now: now, serviceDefaultTTL: serviceDefaultTTL, cipher: cipher,
                requireConfirmation: requireConfirmation)
        }
        metrics.messagesPosted.increment(by: ids.count)
        arrivals.announce(queue)
        return ids
    }

    public func awaitMessages(_ queue: QueueRef, timeout: Duration) async -> Bool {
        // A fenced queue answers at once: the caller's next request learns where it went.
        if fences.state(of: queue) != nil { return true }
        return await arrivals.wait(for: queue, timeout: timeout)
    }

    public func listMessages(_ queue: QueueRef, query: MessageListQuery) async throws -> MessagePage {
        let limit = Self.clampedLimit(query.limit)
        return try await read { db, now in
            guard let settings = try QueueRecord.settings(db, queue) else {
                return MessagePage(messages: [], includeDelayed: true)
            }
            let includeDelayed = query.includeDelayed || !settings.isDelayedQueue
            guard limit > 0 else { return MessagePage(messages: [], includeDelayed: includeDelayed) }
            let records = try MessageRecord.page(
                db, queue, marker: query.marker ?? 0, limit: limit, clientID: query.clientID,
                echo: query.echo, includeClaimed: query.includeClaimed, includeDelayed: includeDelayed, now: now
            )
            return MessagePage(messages: try records.map { try $0.stored(now: now, cipher: self.cipher) }, includeDelayed: includeDelayed)
        }
    }

    public func getMessages(_ queue: QueueRef, ids: [String]) async throws -> [StoredMessage] {
        let wanted = Self.distinctWellFormed(ids)
        guard !wanted.isEmpty else { return [] }
        return try await read { db, now in
            guard try QueueRecord.settings(db, queue) != nil else { return [] }
            let records = try MessageRecord.alive(db, queue, ids: wanted, now: now)
            let byID = Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            return try wanted.compactMap { try byID[$0]?.stored(now: now, cipher: self.cipher) }
        }
    }

    public func deleteMessage(_ queue: QueueRef, id: String, claimID: String?) async throws {
        guard StoreIdentifier.isWellFormed(id) else { return }
        let deleted = try await write { db, now -> Bool in
            guard try QueueRecord.settings(db, queue) != nil,
                  let message = try MessageRecord.alive(db, queue, id: id, now: now)
            else { return false }
            try Self.checkSingleDelete(db, queue, message: message, claimID: claimID, now: now)
            try MessageRecord.delete(db, seq: message.seq)
            return true
        }
        if deleted { metrics.messagesDeleted.increment() }
    }

    public func deleteMessages(_ queue: QueueRef, ids: [String], claimIDs: [String]?) async throws {
        let wanted = Self.distinctWellFormed(ids)
        guard !wanted.isEmpty else { return }
        let deleted = try await write { db, now -> Int in
            guard try QueueRecord.settings(db, queue) != nil else { return 0 }
            let records = try MessageRecord.alive(db, queue, ids: wanted, now: now)
            if let claimIDs {
                let allowed = Set(claimIDs)
                for record in records {
                    guard record.isClaimed(now: now), let holder = record.claimID, allowed.contains(holder) else {
                        throw StorageError.claimMismatch
                    }
                }
            }
            try MessageRecord.delete(db, seqs: records.map(\.seq))
            return records.count
        }
        metrics.messagesDeleted.increment(by: deleted)
    }

    public func popMessages(_ queue: QueueRef, limit: Int) async throws -> [StoredMessage] {
        let limit = Self.clampedLimit(limit)
        guard limit > 0 else { return [] }
        let popped = try await write { db, now in
            guard let settings = try QueueRecord.settings(db, queue) else { return [StoredMessage]() }
            let records = try MessageRecord.claimable(
                db, queue, skipDelayed: settings.isDelayedQueue, limit: limit, now: now
            )
            try MessageRecord.delete(db, seqs: records.map(\.seq))
            return try records.map { try $0.stored(now: now, cipher: self.cipher) }
        }
        metrics.messagesDeleted.increment(by: popped.count)
        return popped
    }

    /// The single-delete decision table of spec §3.7 (Redis semantics): throws when `message`
    /// may not be deleted with `claimID`.
    static func checkSingleDelete(
        _ db: Database, _ queue: QueueRef, message: MessageRecord, claimID: String?, now: Int64
    ) throws {
        guard message.isClaimed(now: now) else {
            guard let claimID else { return }
            throw StoreIdentifier.isWellFormed(claimID) ? StorageError.messageNotClaimed : .claimDoesNotExist
        }
        guard let claimID else { throw StorageError.messageClaimed }
        if claimID == message.claimID { return }
        guard StoreIdentifier.isWellFormed(claimID),
              try ClaimRecord.live(db, queue, id: claimID, now: now) != nil
        else { throw StorageError.claimDoesNotExist }
        throw StorageError.messageClaimed
    }

    /// The well-formed ids among `ids`, first occurrence kept, in input order.
    static func distinctWellFormed(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { StoreIdentifier.isWellFormed($0) && seen.insert($0).inserted }
    }
}
