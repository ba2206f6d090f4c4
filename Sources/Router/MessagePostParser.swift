import Shared

/// Validates a message POST document (spec §2.2) into `NewMessage`s.
struct MessagePostParser: Sendable {
    let limits: ServiceLimits
    let enableChecksum: Bool

    func messages(from document: JSONValue) throws(APIError) -> [NewMessage] {
        guard case .object = document, let list = document["messages"] else {
            throw .invalidBody("Missing \"messages\" field.")
        }
        guard case .array(let items) = list else { throw .invalidBody("Document type not supported.") }
        guard !items.isEmpty else { throw .invalidBody("No messages to enqueue.") }
        var messages: [NewMessage] = []
        messages.reserveCapacity(items.count)
        for item in items {
            guard case .object = item else { throw .invalidBody("Each message must be an object.") }
            guard let body = item["body"] else { throw .invalidBody("Missing \"body\" field.") }
            let ttl = try integer(item["ttl"], name: "ttl", range: limits.minimumTTL...limits.maxMessageTTL)
            let delay = try integer(item["delay"], name: "delay", range: 0...limits.maxMessageDelay)
            var checksum: String?
            if enableChecksum, body != .null {
                checksum = "MD5:" + MD5.hexDigest(body.pythonSerialized())
            }
            messages.append(NewMessage(body: body.serialized(), ttl: ttl, delay: delay, checksum: checksum))
        }
        return messages
    }

    private func integer(_ value: JSONValue?, name: String, range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let value else { return nil }
        guard case .int(let number) = value else { throw .invalidBody("Message field \"\(name)\" must be an integer.") }
        guard number >= Int64(range.lowerBound), number <= Int64(range.upperBound) else {
            throw .invalidAPIRequest(
                "The \(name) for a message may not exceed \(range.upperBound) seconds, and must be at least \(range.lowerBound) seconds long.")
        }
        return Int(number)
    }
}
