/// Told about the requests an ``RPCServer`` serves, e.g. to count them. Called on the event
/// loop or the request's task: implementations must return quickly and never block.
public protocol RPCServerObserver: Sendable {
    /// A request was executed and `response` is about to be written back.
    func requestFinished(_ opcode: NodeRequest.Opcode, response: NodeResponse)
    /// A frame could not be decoded as a request; the connection is being closed.
    func malformedFrameReceived()
}
