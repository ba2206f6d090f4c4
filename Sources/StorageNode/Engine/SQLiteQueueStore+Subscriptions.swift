import GRDB
import Shared

extension SQLiteQueueStore {
    /// Creates a subscription, or returns the live unconfirmed one of the same subscriber
    /// (`created: false`). When ``requireConfirmation`` is set, either way queues a confirmation
    /// request (due now) in the same transaction (spec §2.4, §5.5).
    public func createSubscription(_ queue: QueueRef, _ subscription: NewSubscription) async throws -> SubscriptionCreation {
        let requireConfirmation = self.requireConfirmation
        return try await write { db, now in
            _ = try QueueRecord.insertIfMissing(db, queue, metadata: .empty, now: now)
            let creation: SubscriptionCreation
            let existing = try SubscriptionRecord.bySubscriber(db, queue, subscriber: subscription.subscriber, now: now)
            if let existing, existing.live {
                guard !existing.confirmed else { throw StorageError.subscriptionConflict }
                creation = SubscriptionCreation(id: existing.id, created: false)
            } else {
                if let expired = existing { try SubscriptionRecord.delete(db, queue, id: expired.id) }
                creation = SubscriptionCreation(id: StoreIdentifier.make(nowMillis: now), created: true)
                try SubscriptionRecord.insert(db, queue, id: creation.id, subscription: subscription, now: now)
            }
            if requireConfirmation {
                try OutboxRecord.insertConfirmation(
                    db, kind: .subscriptionConfirmation, subscriptionID: creation.id, queue, due: now)
            }
            return creation
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

    /// Applies a PATCH. When ``requireConfirmation`` is set and the subscriber address changes,
    /// the new address has confirmed nothing: the subscription becomes unconfirmed, the
    /// notifications still queued for it are dropped, and a confirmation request for the new
    /// address is queued, all in one transaction (the reference keeps the old address's
    /// confirmation, which would let a confirmed subscription be pointed anywhere).
    public func updateSubscription(_ queue: QueueRef, id: String, _ update: SubscriptionUpdate) async throws {
        let requireConfirmation = self.requireConfirmation
        try await write { db, now in
            guard let current = try SubscriptionRecord.live(db, queue, id: id, now: now) else {
                throw StorageError.subscriptionNotFound
            }
            let newSubscriber = update.subscriber.flatMap { $0 == current.subscriber ? nil : $0 }
            if let newSubscriber,
               let holder = try SubscriptionRecord.bySubscriber(db, queue, subscriber: newSubscriber, now: now) {
                guard !holder.live else { throw StorageError.subscriptionConflict }
                try SubscriptionRecord.delete(db, queue, id: holder.id)
            }
            let ttl = update.ttl.map(StoreTime.clampedSeconds).map { (seconds: $0, expires: now + StoreTime.millis(seconds: $0)) }
            try SubscriptionRecord.update(db, id: id, subscriber: update.subscriber, ttl: ttl, options: update.options)
            if requireConfirmation, newSubscriber != nil {
                _ = try SubscriptionRecord.confirm(db, queue, id: id, confirmed: false, now: now)
                try OutboxRecord.deleteAll(db, subscriptionID: id)
                try OutboxRecord.insertConfirmation(db, kind: .subscriptionConfirmation, subscriptionID: id, queue, due: now)
            }
        }
    }

    /// Sets the `confirmed` flag of a live subscription. When ``requireConfirmation`` is set,
    /// `confirmed: false` (unsubscribe) also queues an unsubscribe notice with a link to subscribe
    /// again, in the same transaction (spec §5.5).
    public func confirmSubscription(_ queue: QueueRef, id: String, confirmed: Bool) async throws {
        let requireConfirmation = self.requireConfirmation
        try await write { db, now in
            guard try SubscriptionRecord.confirm(db, queue, id: id, confirmed: confirmed, now: now) else {
                throw StorageError.subscriptionNotFound
            }
            if requireConfirmation && !confirmed {
                try OutboxRecord.insertConfirmation(db, kind: .unsubscribeConfirmation, subscriptionID: id, queue, due: now)
            }
        }
    }

    public func deleteSubscription(_ queue: QueueRef, id: String) async throws {
        try await write { db, _ in try SubscriptionRecord.delete(db, queue, id: id) }
    }
}
