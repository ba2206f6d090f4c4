import Logging
import NIOCore

/// The node's end of the connection handshake: the only handler (after TLS) of a new connection.
///
/// It sends the ``RPCServerHello``, buffers at most one ``RPCClientAnswer`` (72 bytes: more is a
/// refusal, nothing is ever sized from the peer's bytes), checks it and then either answers with
/// its own proof and hands the connection to the RPC handlers (`installRPCHandlers`, after which it
/// removes itself), or sends the refusal byte and closes. A connection that has not authenticated
/// within the timeout is refused too. Nothing a peer sends reaches the frame decoder before the
/// handshake succeeded.
final class RPCServerHandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        case idle
        case awaitingAnswer
        case finished
    }

    private let secret: RPCClusterSecret?
    private let timeout: TimeAmount
    private let logger: Logger
    private let installRPCHandlers: (ChannelPipeline.SynchronousOperations) throws -> Void
    private let nonce = RPCHandshake.randomNonce()
    private var state = State.idle
    private var received: ByteBuffer?
    private var deadline: Scheduled<Void>?

    /// - Parameters:
    ///   - secret: the cluster secret clients must prove; `nil` accepts only clients without one.
    ///   - timeout: how long the peer has to authenticate.
    ///   - installRPCHandlers: adds the frame decoder and request handler at the end of the pipeline.
    init(
        secret: RPCClusterSecret?, timeout: Duration, logger: Logger,
        installRPCHandlers: @escaping (ChannelPipeline.SynchronousOperations) throws -> Void
    ) {
        self.secret = secret
        self.timeout = TimeAmount(timeout)
        self.logger = logger
        self.installRPCHandlers = installRPCHandlers
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .awaitingAnswer = state else { return }
        var chunk = unwrapInboundIn(data)
        let total = (received?.readableBytes ?? 0) + chunk.readableBytes
        guard total <= RPCClientAnswer.encodedSize else {
            let error = RPCHandshakeError.unexpectedBytes(count: total - RPCClientAnswer.encodedSize)
            refuse(context: context, because: "malformed answer (\(error))")
            return
        }
        if received == nil {
            received = chunk
        } else {
            received?.writeBuffer(&chunk)
        }
        guard var bytes = received else { return }
        let answer: RPCClientAnswer
        do throws(RPCHandshakeError) {
            guard let decoded = try RPCClientAnswer.decode(from: &bytes) else { return }
            answer = decoded
        } catch {
            refuse(context: context, because: "malformed answer (\(error))")
            return
        }
        received = nil
        judge(answer, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .awaitingAnswer = state {
            state = .finished
            deadline?.cancel()
            log("RPC peer closed the connection during the handshake", context: context)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if case .finished = state {
            context.fireErrorCaught(error)
            return
        }
        state = .finished
        deadline?.cancel()
        log("RPC connection failed before authentication", context: context, reason: "\(error)")
        context.close(promise: nil)
    }

    /// Sends the hello and arms the deadline, once.
    private func start(context: ChannelHandlerContext) {
        guard case .idle = state else { return }
        state = .awaitingAnswer
        var hello = context.channel.allocator.buffer(capacity: RPCServerHello.encodedSize)
        RPCServerHello(mode: secret == nil ? .none : .hmacSHA256, nonce: nonce).encode(into: &hello)
        context.writeAndFlush(wrapOutboundOut(hello), promise: nil)
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.refuse(context: context, because: "no valid answer within the handshake timeout")
        }
    }

    /// Accepts or refuses a complete answer.
    private func judge(_ answer: RPCClientAnswer, context: ChannelHandlerContext) {
        switch (secret, answer.mode) {
        case (nil, .none):
            accept(proof: RPCHandshake.zeros(RPCHandshake.proofSize), context: context)
        case (nil, .hmacSHA256):
            refuse(context: context, because: "the client presented a cluster-secret proof but this node has no cluster secret")
        case (_?, .none):
            refuse(context: context, because: "the client has no cluster secret")
        case let (secret?, .hmacSHA256):
            guard secret.isValidClientProof(answer.proof, serverNonce: nonce, clientNonce: answer.nonce) else {
                refuse(context: context, because: "wrong cluster-secret proof")
                return
            }
            accept(proof: secret.serverProof(clientNonce: answer.nonce, serverNonce: nonce), context: context)
        }
    }

    /// Answers with the node's proof and replaces this handler by the RPC handlers.
    private func accept(proof: [UInt8], context: ChannelHandlerContext) {
        state = .finished
        deadline?.cancel()
        var verdict = context.channel.allocator.buffer(capacity: RPCServerVerdict.acceptedSize)
        RPCServerVerdict.accepted(proof: proof).encode(into: &verdict)
        context.writeAndFlush(wrapOutboundOut(verdict), promise: nil)
        do {
            try installRPCHandlers(context.pipeline.syncOperations)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        } catch {
            logger.error("cannot install the RPC handlers", metadata: ["error": "\(error)"])
            context.close(promise: nil)
        }
    }

    /// Logs why, sends the refusal byte and closes the connection.
    private func refuse(context: ChannelHandlerContext, because reason: String) {
        guard case .awaitingAnswer = state else { return }
        state = .finished
        deadline?.cancel()
        received = nil
        log("RPC peer refused", context: context, reason: reason)
        var verdict = context.channel.allocator.buffer(capacity: 1)
        RPCServerVerdict.refused.encode(into: &verdict)
        context.writeAndFlush(wrapOutboundOut(verdict)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    private func log(_ message: Logger.Message, context: ChannelHandlerContext, reason: String? = nil) {
        var metadata: Logger.Metadata = ["peer": "\(context.channel.remoteAddress.map { "\($0)" } ?? "?")"]
        if let reason { metadata["reason"] = "\(reason)" }
        logger.info(message, metadata: metadata)
    }
}
