import Shared

/// Writes messages in the shapes of spec §2.2 (stored bodies are spliced raw, never re-parsed).
enum MessageRendering {
    /// `/v2/queues/<q>/messages/<id>[?claim_id=<cid>]` (`/v2/topics/...` for topics).
    static func href(queue: String, kind: ResourceKind = .queue, message: StoredMessage, claimID: String? = nil) -> String {
        let base = kind.path(queue) + "/messages/\(message.id)"
        guard let claim = claimID ?? message.claimID else { return base }
        return base + "?claim_id=" + PercentEncoding.encode(claim)
    }

    /// `{"id", "href", "ttl", "age", "body", "checksum"?}`.
    static func write(
        _ message: StoredMessage, queue: String, kind: ResourceKind = .queue, claimID: String? = nil,
        into writer: inout JSONWriter
    ) {
        writer.beginObject()
        writer.key("id")
        writer.string(message.id)
        writer.key("href")
        writer.string(href(queue: queue, kind: kind, message: message, claimID: claimID))
        writer.key("ttl")
        writer.int(message.ttl)
        writer.key("age")
        writer.int(message.age)
        writer.key("body")
        writer.raw(message.body)
        if let checksum = message.checksum {
            writer.key("checksum")
            writer.string(checksum)
        }
        writer.endObject()
    }

    /// The pop shape: `{"id", "ttl", "age", "body", "claim_id", "claim_count", "checksum"?}` (no href).
    static func writePopped(_ message: StoredMessage, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(message.id)
        writer.key("ttl")
        writer.int(message.ttl)
        writer.key("age")
        writer.int(message.age)
        writer.key("body")
        writer.raw(message.body)
        writer.key("claim_id")
        if let claim = message.claimID { writer.string(claim) } else { writer.null() }
        writer.key("claim_count")
        writer.int(message.claimCount)
        if let checksum = message.checksum {
            writer.key("checksum")
            writer.string(checksum)
        }
        writer.endObject()
    }

    /// `"messages": [...]` as a member of the current object.
    static func writeList(
        _ messages: [StoredMessage], queue: String, kind: ResourceKind = .queue, claimID: String? = nil,
        into writer: inout JSONWriter
    ) {
        writer.key("messages")
        writer.beginArray()
        for message in messages { write(message, queue: queue, kind: kind, claimID: claimID, into: &writer) }
        writer.endArray()
    }
}
