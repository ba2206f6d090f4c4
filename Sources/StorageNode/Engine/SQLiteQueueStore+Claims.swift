import GRDB
import Shared

extension SQLiteQueueStore {
    public func createClaim(_ queue: QueueRef, ttl: Int, grace: Int, limit: Int) async throws -> ClaimResult? {
        let limit = Self.clampedLimit(limit)
        guard limit > 0 else { return nil }
        let ttl = StoreTime.clampedSeconds(ttl)
        let grace = StoreTime.clampedSeconds(grace)
        let result = try await write { db, now -> ClaimResult? in
            guard let settings = try QueueRecord.settings(db, queue) else { return nil }
            let candidates = try MessageRecord.claimable(
                db, queue, skipDelayed: settings.isDelayedQueue, limit: limit, now: now
            )
            guard !candidates.isEmpty else { return nil }

            let claimID = StoreIdentifier.make(nowMillis: now)
            let claimExpires = now + StoreTime.millis(seconds: ttl)
            let extendedTTL = StoreTime.clampedSeconds(ttl + grace)
            let extendedExpires = now + StoreTime.millis(seconds: extendedTTL)
            let deadLettering = DeadLettering(settings: settings, project: queue.project)

            var claimed: [MessageRecord] = []
            for var message in candidates {
                if let deadLettering, message.claimCount >= deadLettering.maxClaimCount {
                    try MessageRecord.moveToDeadLetterQueue(
                        db, message, deadLetterQueue: deadLettering.queue, ttl: deadLettering.messagesTTL, now: now
                    )
                    continue
                }
                if deadLettering != nil { message.claimCount += 1 }
                if message.expires < claimExpires {
                    message.ttl = extendedTTL
                    message.expires = extendedExpires
                }
                message.claimID = claimID
                message.claimExpires = claimExpires
                claimed.append(message)
            }
            guard !claimed.isEmpty else { return nil }

            try MessageRecord.markClaimed(
                db, seqs: claimed.map(\.seq), claimID: claimID, claimExpires: claimExpires,
                countIncrement: deadLettering == nil ? 0 : 1, extendedTTL: extendedTTL, extendedExpires: extendedExpires
            )
            try ClaimRecord.insert(
                db, queue, claim: ClaimRecord(id: claimID, ttl: ttl, grace: grace, updated: now, expires: claimExpires)
            )
            return ClaimResult(claimID: claimID, messages: try claimed.map { try $0.stored(now: now, cipher: self.cipher) })
        }
        if let result { metrics.messagesClaimed.increment(by: result.messages.count) }
        return result
    }

    public func getClaim(_ queue: QueueRef, id: String) async throws -> ClaimInfo? {
        guard StoreIdentifier.isWellFormed(id) else { return nil }
        return try await read { db, now in
            guard let claim = try ClaimRecord.live(db, queue, id: id, now: now) else { return nil }
            let messages = try MessageRecord.held(db, claimID: id, now: now)
            return ClaimInfo(
                id: id, ttl: claim.ttl, age: StoreTime.age(since: claim.updated, now: now),
                messages: try messages.map { try $0.stored(now: now, cipher: self.cipher) }
            )
        }
    }

    public func updateClaim(_ queue: QueueRef, id: String, ttl: Int, grace: Int) async throws {
        guard StoreIdentifier.isWellFormed(id) else { throw StorageError.claimNotFound }
        let ttl = StoreTime.clampedSeconds(ttl)
        let grace = StoreTime.clampedSeconds(grace)
        try await write { db, now in
            guard try ClaimRecord.live(db, queue, id: id, now: now) != nil else { throw StorageError.claimNotFound }
            let claimExpires = now + StoreTime.millis(seconds: ttl)
            let extendedTTL = StoreTime.clampedSeconds(ttl + grace)
            try ClaimRecord.renew(db, id: id, ttl: ttl, grace: grace, now: now, expires: claimExpires)
            try MessageRecord.renewClaim(
                db, claimID: id, claimExpires: claimExpires, extendedTTL: extendedTTL,
                extendedExpires: now + StoreTime.millis(seconds: extendedTTL), now: now
            )
        }
    }

    public func deleteClaim(_ queue: QueueRef, id: String) async throws {
        guard StoreIdentifier.isWellFormed(id) else { return }
        try await write { db, _ in
            try MessageRecord.release(db, queue, claimID: id)
            try ClaimRecord.delete(db, queue, id: id)
        }
    }
}

/// A queue's dead-letter configuration, present only when both `_max_claim_count` and
/// `_dead_letter_queue` are set (spec §3.9).
struct DeadLettering {
    var maxClaimCount: Int
    var queue: QueueRef
    var messagesTTL: Int?

    init?(settings: QueueSettings, project: String) {
        guard let maxClaimCount = settings.maxClaimCount, let name = settings.deadLetterQueue else { return nil }
        self.maxClaimCount = maxClaimCount
        self.queue = QueueRef(project: project, name: name)
        self.messagesTTL = settings.deadLetterQueueMessagesTTL
    }
}
