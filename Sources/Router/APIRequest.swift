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

    /// The queue addressed by a route with a queue name.
    func queue(_ name: String) -> QueueRef {
        QueueRef(project: project, name: name)
    }
}
