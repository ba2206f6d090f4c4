import Hummingbird
import Shared

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

    /// The storage reference of the queue or topic `name` addressed by the route.
    func queue(_ name: String) -> QueueRef {
        kind.ref(project: project, name: name)
    }
}
