import NIOCore

/// The client end of one RPC connection: numbers outgoing requests, keeps the table of calls
/// awaiting an answer (request id → promise) and completes each when its response arrives, its
/// deadline passes or the connection goes away.
final class RPCClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = RPCOutboundCall
    typealias OutboundOut = ByteBuffer

    private struct PendingCall {
        var promise: EventLoopPromise<NodeResponse>
        var timeout: Scheduled<Void>
    }

    private let peer: String
    private let maxFrameSize: Int
    private var nextID: UInt64 = 1
    private var pending: [UInt64: PendingCall] = [:]
    private var closeReason: String?

    /// - Parameters:
    ///   - peer: `host:port`, for error messages.
    ///   - maxFrameSize: The largest request frame this handler sends.
    init(peer: String, maxFrameSize: Int) {
        self.peer = peer
        self.maxFrameSize = maxFrameSize
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let call = unwrapOutboundIn(data)
        let id = nextID
        nextID &+= 1
        var buffer = context.channel.allocator.buffer(capacity: 128)
        RPCMessageCodec.encodeRequest(call.request, id: id, trace: call.trace, into: &buffer)
        let size = buffer.readableBytes - RPCMessageCodec.lengthPrefixSize
        guard size <= maxFrameSize else {
            call.promise.fail(StorageError.unavailable("request of \(size) bytes exceeds the RPC frame limit of \(maxFrameSize)"))
            promise?.succeed()
            return
        }
        let timeout = context.eventLoop.assumeIsolated().scheduleTask(deadline: call.deadline) { [weak self] () -> Void in
            self?.expire(id)
        }
        pending[id] = PendingCall(promise: call.promise, timeout: timeout)
        context.write(wrapOutboundOut(buffer), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch Self.decode(frame) {
        case let .success((id, response)):
            // A response to an unknown id answers a call whose deadline already passed.
            guard let call = pending.removeValue(forKey: id) else { return }
            call.timeout.cancel()
            call.promise.succeed(response)
        case let .failure(error):
            failAll(StorageError.protocolViolation("malformed response from node at \(peer): \(error)"))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(StorageError.unavailable("connection to node at \(peer) lost" + (closeReason.map { ": \($0)" } ?? "")))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        closeReason = "\(error)"
        context.close(promise: nil)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        failAll(StorageError.unavailable("connection to node at \(peer) closed"))
    }

    private func expire(_ id: UInt64) {
        guard let call = pending.removeValue(forKey: id) else { return }
        call.promise.fail(RPCDeadlineExceeded(peer: peer))
    }

    private func failAll(_ error: StorageError) {
        let calls = pending
        pending.removeAll()
        for call in calls.values {
            call.timeout.cancel()
            call.promise.fail(error)
        }
    }

    private static func decode(_ frame: ByteBuffer) -> Result<(id: UInt64, response: NodeResponse), RPCDecodingError> {
        Result { () throws(RPCDecodingError) in try RPCMessageCodec.decodeResponse(frame: frame) }
    }
}
