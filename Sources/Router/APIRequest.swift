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

    /// The storage reference of the queue or topic `name` addressed by the route.
    func queue(_ name: String) -> QueueRef {
        kind.ref(project: project, name: name)
    }
}
