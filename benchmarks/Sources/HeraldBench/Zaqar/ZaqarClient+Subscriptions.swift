import NIOCore
import Shared

/// Subscription operations (spec §2.4).
extension ZaqarClient {
    /// Subscribes `subscriber` (a URI) to `queue` for `ttl` seconds; returns the subscription id.
    func createSubscription(
        queue: String, subscriber: String, ttl: Int = 3600, options: JSONValue = .object([])
    ) async throws(ZaqarClientError) -> String {
        let document = JSONValue.object([
            (key: "subscriber", value: .string(subscriber)),
            (key: "ttl", value: .int(Int64(ttl))),
            (key: "options", value: options),
        ])
        let operation = "subscribe \(subscriber) to \(queue)"
        let response = try await send(
            .POST, Self.queuePath(queue) + "/subscriptions", body: ByteBuffer(bytes: document.serialized()),
            expecting: [201], operation: operation
        )
        guard case .string(let id)? = response.json()?["subscription_id"] else {
            throw .badResponse(operation: operation, reason: "no subscription_id in \(response.bodyText)")
        }
        return id
    }

    /// Deletes one subscription of `queue` (204, also when it does not exist).
    func deleteSubscription(queue: String, id: String) async throws(ZaqarClientError) {
        try await send(
            .DELETE, Self.queuePath(queue) + "/subscriptions/" + PathSegment.encode(id),
            expecting: [204], operation: "delete subscription \(id) of \(queue)"
        )
    }
}
