import GRDB
import Shared

/// One `postMessages` call: the messages of one request for one queue.
struct PendingPost: Sendable {
    var queue: QueueRef
    var clientID: String
    var messages: [NewMessage]
    var requestSize: Int
}

extension SQLiteQueueStore {
    /// Appends the messages of one post (creating the queue lazily), queues one notification per
    /// notified subscription (live, and confirmed when `requireConfirmation`) and message in the
    /// durable outbox, and returns the message ids. Checks the queue's `_max_messages_post_size`
    /// before writing anything, and seals the bodies with `cipher` when the queue has
    /// `_enable_encrypt_messages`.
    static func insert(
        _ db: Database, _ post: PendingPost, now: Int64, serviceDefaultTTL: Int, cipher: MessageCipher,
        requireConfirmation: Bool
    ) throws -> [String] {
        let existing = try QueueRecord.settings(db, post.queue)
        let settings = existing ?? QueueSettings()
        if let limit = settings.maxMessagesPostSize, post.requestSize > limit {
            throw StorageError.postTooLarge(limit: limit)
        }
        if existing == nil {
            _ = try QueueRecord.insertIfMissing(db, post.queue, metadata: .empty, now: now)
        }
        let encrypt = settings.enableEncryptMessages == true
        var ids: [String] = []
        ids.reserveCapacity(post.messages.count)
        var notified: [NotifiedMessage] = []
        notified.reserveCapacity(post.messages.count)
        for message in post.messages {
            let ttl = StoreTime.clampedSeconds(message.ttl ?? settings.defaultMessageTTL ?? serviceDefaultTTL)
            let delay = settings.isDelayedQueue ? (message.delay ?? settings.defaultMessageDelay ?? 0) : 0
            let id = StoreIdentifier.make(nowMillis: now)
            try MessageRecord.insert(
                db, post.queue, id: id, body: encrypt ? try cipher.seal(message.body) : message.body,
                ttl: ttl, created: now,
                expires: now + StoreTime.millis(seconds: ttl), visibleAt: now + StoreTime.millis(seconds: delay),
                clientID: post.clientID, checksum: message.checksum, encrypted: encrypt
            )
            ids.append(id)
            notified.append(NotifiedMessage(id: id, body: message.body, ttl: ttl, delay: delay))
        }
        try enqueueNotifications(db, post.queue, messages: notified, confirmedOnly: requireConfirmation, now: now)
        return ids
    }
}
