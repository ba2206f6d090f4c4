import Hummingbird
import Shared
import Synchronization

/// A request that passed the header checks, with what the handlers need.
struct APIRequest: Sendable {
    var request: Request
    /// The raw request path (used for `Location` and `next` links).
    let path: String
    let query: QueryParameters
    let project: String
    let clientID: String
    /// Whether the route addresses a queue or a topic.
    var kind: ResourceKind = .queue
    /// The pre-signed grant the request carried and that verified (spec §6.3); `nil` for requests
    /// without `URL-Signature`. Its project is `project`. Kept for authorization: where a token
    /// would be required, a valid signature stands in for it.
    var signedGrant: SignedURLScope? = nil
    /// Who makes the request (see ``Authenticator``); `nil` only for `/`.
    var principal: Principal? = nil
    /// The body once read, so that a request sent again after its queue moved reads it again.
    private let readBody = ReadBody()

    /// The request body, at most `limit` bytes (see ``RequestBodyReader/collect(_:limit:tooLarge:)``),
    /// read from the connection once and kept.
    func collectBody(limit: Int, tooLarge: APIError) async throws -> [UInt8] {
        if let bytes = readBody.bytes.withLock({ $0 }) { return bytes }
        let bytes = try await RequestBodyReader.collect(request, limit: limit, tooLarge: tooLarge)
        readBody.bytes.withLock { $0 = bytes }
        return bytes
    }

    /// The storage reference of the queue or topic `name` addressed by the route.
    func queue(_ name: String) -> QueueRef {
        kind.ref(project: project, name: name)
    }
}

/// A request body kept after it was read.
private final class ReadBody: Sendable {
    let bytes = Mutex<[UInt8]?>(nil)
}
