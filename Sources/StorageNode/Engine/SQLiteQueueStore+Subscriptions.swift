import GRDB
import Shared

extension SQLiteQueueStore {
    public func createSubscription(_ queue: QueueRef, _ subscription: NewSubscription) async throws -> SubscriptionCreation {
        try await write { db, now in
            _ = try QueueRecord.insertIfMissing(db, queue, metadata: .empty, now: now)
            if let existing = try SubscriptionRecord.bySubscriber(db, queue, subscriber: subscription.subscriber, now: now) {
                if existing.live {
                    guard !existing.confirmed else { throw StorageError.subscriptionConflict }
                    return SubscriptionCreation(id: existing.id, created: false)
                }
                try SubscriptionRecord.delete(db, queue, id: existing.id)
            }
            let id = StoreIdentifier.make(nowMillis: now)
            try SubscriptionRecord.insert(db, queue, id: id, subscription: subscription, now: now)
            return SubscriptionCreation(id: id, created: true)
        }
    }

    public func listSubscriptions(_ queue: QueueRef, marker: String?, limit: Int) async throws -> [Subscription] {
        let limit = Self.clampedLimit(limit)
        return try await read { db, now in
            try SubscriptionRecord.list(db, queue, after: marker, limit: limit, now: now)
        }
    }

    public func getSubscription(_ queue: QueueRef, id: String) async throws -> Subscription? {
        try await read { db, now in try SubscriptionRecord.live(db, queue, id: id, now: now) }
    }

    public func updateSubscription(_ queue: QueueRef, id: String, _ update: SubscriptionUpdate) async throws {
        try await write { db, now in
            guard let current = try SubscriptionRecord.live(db, queue, id: id, now: now) else {
                throw StorageError.subscriptionNotFound
            }
            if let subscriber = update.subscriber, subscriber != current.subscriber,
               let holder = try SubscriptionRecord.bySubscriber(db, queue, subscriber: subscriber, now: now) {
                guard !holder.live else { throw StorageError.subscriptionConflict }
                try SubscriptionRecord.delete(db, queue, id: holder.id)
            }
            let ttl = update.ttl.map(StoreTime.clampedSeconds).map { (seconds: $0, expires: now + StoreTime.millis(seconds: $0)) }
            try SubscriptionRecord.update(db, id: id, subscriber: update.subscriber, ttl: ttl, options: update.options)
        }
    }

    public func confirmSubscription(_ queue: QueueRef, id: String, confirmed: Bool) async throws {
        try await write { db, now in
            guard try SubscriptionRecord.confirm(db, queue, id: id, confirmed: confirmed, now: now) else {
                throw StorageError.subscriptionNotFound
            }
        }
    }

    public func deleteSubscription(_ queue: QueueRef, id: String) async throws {
        try await write { db, _ in try SubscriptionRecord.delete(db, queue, id: id) }
    }
}
