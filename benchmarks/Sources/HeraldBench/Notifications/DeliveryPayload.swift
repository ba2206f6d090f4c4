import Shared

/// What one request to the receiver carried, read from its JSON body.
enum DeliveryPayload: Sendable, Equatable {
    /// A notification of a benchmark message: its `body.seq` and `body.sent`.
    case message(seq: Int, sent: UInt64)
    /// A notification of another kind (e.g. `SubscriptionConfirmation`): not counted as a delivery.
    case other(type: String)
    /// A body that is neither: not JSON, or a notification without usable `seq`/`sent`.
    case malformed(reason: String)

    /// Reads a request body (spec §5.2 payload: the message's `body`, `ttl`, `queue_name`, `Message_Type`).
    static func parse(_ bytes: some Collection<UInt8>) -> DeliveryPayload {
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes)
        } catch {
            return .malformed(reason: "body is not JSON (\(error)): \(preview(bytes))")
        }
        if case .int(let seq)? = document["body"]?["seq"], case .int(let sent)? = document["body"]?["sent"],
            seq >= 0, sent >= 0
        {
            return .message(seq: Int(seq), sent: UInt64(sent))
        }
        if case .string(let type)? = document["Message_Type"], type != "Notification" {
            return .other(type: type)
        }
        return .malformed(reason: "no integer body.seq and body.sent: \(preview(bytes))")
    }

    private static func preview(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes.prefix(300), as: UTF8.self)
    }
}
