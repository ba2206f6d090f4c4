import NIOCore
import Shared

/// Queue and message operations (spec §2.1, §2.2).
extension ZaqarClient {
    /// The path of a queue, e.g. `/v2/queues/q1`.
    static func queuePath(_ queue: String) -> String {
        "/v2/queues/" + PathSegment.encode(queue)
    }

    /// Creates `queue` (201), or accepts that it exists (204).
    func createQueue(_ queue: String, metadata: JSONValue = .object([])) async throws(ZaqarClientError) {
        let body = ByteBuffer(bytes: metadata.serialized())
        try await send(.PUT, Self.queuePath(queue), body: body, expecting: [201, 204], operation: "create queue \(queue)")
    }

    /// Deletes `queue` with its messages (204, also when it does not exist).
    func deleteQueue(_ queue: String) async throws(ZaqarClientError) {
        try await send(.DELETE, Self.queuePath(queue), expecting: [204], operation: "delete queue \(queue)")
    }

    /// Posts an already serialized `{"messages": [...]}` document; returns the answer whatever its status.
    ///
    /// - Parameters:
    ///   - document: The request body.
    ///   - queue: The queue posted to.
    ///   - timeout: The limit of the request; the configured one when nil.
    func postMessages(
        _ document: ByteBuffer, to queue: String, timeout: Duration? = nil
    ) async throws(ZaqarClientError) -> ZaqarResponse {
        try await send(.POST, Self.queuePath(queue) + "/messages", body: document, timeout: timeout)
    }
}
