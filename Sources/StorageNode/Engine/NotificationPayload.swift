import Shared

/// The JSON a subscriber receives for one posted message (spec §5).
enum NotificationPayload {
    /// `{"id", "href", "body", "ttl", "delay", "queue_name", "Message_Type": "Notification"}` with
    /// the plaintext `body` spliced in unchanged; `delay` only when it is positive (the message
    /// was posted delayed); `href` points into `/v2/topics` for topics.
    static func make(_ queue: QueueRef, messageID: String, body: [UInt8], ttl: Int, delay: Int = 0) -> [UInt8] {
        let collection = TopicNamespace.isTopic(queue) ? "topics" : "queues"
        var writer = JSONWriter(capacity: body.count + 160)
        writer.beginObject()
        writer.key("id")
        writer.string(messageID)
        writer.key("href")
        writer.string("/v2/\(collection)/\(queue.name)/messages/\(messageID)")
        writer.key("body")
        writer.raw(body)
        writer.key("ttl")
        writer.int(ttl)
        if delay > 0 {
            writer.key("delay")
            writer.int(delay)
        }
        writer.key("queue_name")
        writer.string(queue.name)
        writer.key("Message_Type")
        writer.string("Notification")
        writer.endObject()
        return writer.bytes
    }
}
