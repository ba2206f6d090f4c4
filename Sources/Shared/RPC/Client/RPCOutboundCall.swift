import NIOCore

/// A request on its way into an ``RPCClientHandler``: the handler assigns the request id,
/// arms the deadline and completes `promise` with the matching response.
struct RPCOutboundCall: Sendable {
    var request: NodeRequest
    /// The API request this call serves (``RequestTrace``), sent along for the node's logs.
    var trace: String?
    var deadline: NIODeadline
    var promise: EventLoopPromise<NodeResponse>
}
