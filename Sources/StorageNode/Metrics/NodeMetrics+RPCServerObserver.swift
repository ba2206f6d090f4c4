import Shared

/// Counts the node's RPC requests: pass the node's ``NodeMetrics`` to `RPCServer(observer:)`.
extension NodeMetrics: RPCServerObserver {
    public func requestFinished(_ opcode: NodeRequest.Opcode, response: NodeResponse) {
        rpcRequestFinished(opcode, failed: response.isNodeFailure)
    }

    public func malformedFrameReceived() {
        malformedFrames.increment()
    }
}

extension NodeResponse {
    /// True for failures of the node itself (``StorageError/isServerFault``), false for answers
    /// and for the API's ordinary outcomes (not found, conflicts, limits).
    var isNodeFailure: Bool {
        guard case let .failure(error) = self else { return false }
        return error.isServerFault
    }
}
