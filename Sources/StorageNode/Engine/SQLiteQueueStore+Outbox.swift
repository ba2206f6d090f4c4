import GRDB
import Shared

extension SQLiteQueueStore {
    /// Writes one outbox row per (live subscription, message) for messages just stored in `queue`,
    /// inside the posting transaction; only confirmed subscriptions count when `confirmedOnly`.
    /// One cached lookup when the queue has no such subscription.
    static func enqueueNotifications(
        _ db: Database, _ queue: QueueRef, messages: [NotifiedMessage], confirmedOnly: Bool, now: Int64
    ) throws {
        let subscriptionIDs = try SubscriptionRecord.notifiedIDs(db, queue, confirmedOnly: confirmedOnly, now: now)
        guard !subscriptionIDs.isEmpty else { return }
        for message in messages {
            let payload = NotificationPayload.make(
                queue, messageID: message.id, body: message.body, ttl: message.ttl, delay: message.delay)
            for subscriptionID in subscriptionIDs {
                try OutboxRecord.insert(
                    db, subscriptionID: subscriptionID, queue, messageID: message.id, payload: payload, due: now
                )
            }
        }
    }

    /// Outbox rows due now of live subscriptions, confirmed or not (the dispatcher drops message
    /// rows of subscriptions unconfirmed while confirmation is required), oldest due first, at most `limit` (clamped to `0...hardLimit`).
    /// Rows stay in the outbox until completed, so a crash redelivers them (at-least-once); they
    /// outlive the message itself, which may be claimed or deleted before delivery.
    public func dueNotifications(limit: Int) async throws -> [PendingNotification] {
        let limit = Self.clampedLimit(limit)
        return try await read { db, now in try OutboxRecord.due(db, now: now, limit: limit) }
    }

    /// When the earliest pending notification of a live subscription is due (ms, possibly in
    /// the past), or `nil` when the outbox holds none: lets the dispatcher sleep until then.
    public func nextNotificationDue() async throws -> Int64? {
        try await read { db, now in try OutboxRecord.nextDue(db, now: now) }
    }

    /// Removes a delivered (or abandoned) notification; unknown rows are not an error.
    public func completeNotification(seq: Int64) async throws {
        try await write { db, _ in try OutboxRecord.delete(db, seq: seq) }
    }

    /// Records a failed attempt: the notification is due again at `due` (ms) after `attempts` attempts.
    public func rescheduleNotification(seq: Int64, due: Int64, attempts: Int) async throws {
        try await write { db, _ in try OutboxRecord.reschedule(db, seq: seq, due: due, attempts: attempts) }
    }

    /// The number of outbox rows, delivered or not yet due included.
    public func outboxCount() async throws -> Int {
        try await read { db, _ in try OutboxRecord.count(db) }
    }
}
