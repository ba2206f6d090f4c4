import NIOCore

/// The client's end of the connection handshake: the only handler (after TLS) of a new
/// connection until the node is authenticated.
///
/// It reads the node's ``RPCServerHello`` (exactly 40 bytes), sends its ``RPCClientAnswer``, reads
/// the ``RPCServerVerdict`` and checks the node's proof, so a client never sends a request to a
/// node that does not know the cluster secret. On success it installs the RPC handlers, removes
/// itself and succeeds `completion`; on any failure it fails `completion` with an
/// ``RPCClientError`` and closes the connection.
final class RPCClientHandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        case awaitingHello
        case awaitingVerdict(serverNonce: [UInt8], clientNonce: [UInt8])
        case finished
    }

    private let secret: RPCClusterSecret?
    private let peer: String
    private let timeout: TimeAmount
    private let completion: EventLoopPromise<Void>
    private let installRPCHandlers: (ChannelPipeline.SynchronousOperations) throws -> Void
    private var state = State.awaitingHello
    private var received: ByteBuffer?
    private var deadline: Scheduled<Void>?

    /// - Parameters:
    ///   - secret: the cluster secret to prove and expect; `nil` talks only to nodes without one.
    ///   - peer: `host:port`, for errors.
    ///   - timeout: how long the node has to complete the handshake.
    ///   - completion: succeeded once authenticated, failed with an ``RPCClientError`` otherwise.
    ///   - installRPCHandlers: adds the frame decoder and client handler at the end of the pipeline.
    init(
        secret: RPCClusterSecret?, peer: String, timeout: TimeAmount, completion: EventLoopPromise<Void>,
        installRPCHandlers: @escaping (ChannelPipeline.SynchronousOperations) throws -> Void
    ) {
        self.secret = secret
        self.peer = peer
        self.timeout = timeout
        self.completion = completion
        self.installRPCHandlers = installRPCHandlers
    }

    func handlerAdded(context: ChannelHandlerContext) {
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.fail(.handshakeFailed(peer: self.peer, reason: .timedOut), context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        if case .finished = state { return }
        state = .finished
        completion.fail(RPCClientError.handshakeFailed(peer: peer, reason: .closedByNode))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var chunk = unwrapInboundIn(data)
        switch state {
        case .awaitingHello:
            guard let bytes = collect(&chunk, upTo: RPCServerHello.encodedSize, context: context) else { return }
            var hello = bytes
            do throws(RPCHandshakeError) {
                guard let decoded = try RPCServerHello.decode(from: &hello) else { return }
                received = nil
                answer(decoded, context: context)
            } catch {
                fail(.handshakeFailed(peer: peer, reason: .malformed(error)), context: context)
            }
        case let .awaitingVerdict(serverNonce, clientNonce):
            guard let bytes = collect(&chunk, upTo: RPCServerVerdict.acceptedSize, context: context) else { return }
            var verdict = bytes
            do throws(RPCHandshakeError) {
                guard let decoded = try RPCServerVerdict.decode(from: &verdict) else { return }
                guard verdict.readableBytes == 0 else { throw RPCHandshakeError.unexpectedBytes(count: verdict.readableBytes) }
                received = nil
                conclude(decoded, serverNonce: serverNonce, clientNonce: clientNonce, context: context)
            } catch {
                fail(.handshakeFailed(peer: peer, reason: .malformed(error)), context: context)
            }
        case .finished:
            return
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.handshakeFailed(peer: peer, reason: .closedByNode), context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(.connectFailed(peer: peer, reason: "\(error)"), context: context)
    }

    /// Appends `chunk` to what was received in this step and returns it all; `nil` after failing
    /// when the node sent more than `limit` bytes (it must wait for the client's answer).
    private func collect(_ chunk: inout ByteBuffer, upTo limit: Int, context: ChannelHandlerContext) -> ByteBuffer? {
        let total = (received?.readableBytes ?? 0) + chunk.readableBytes
        guard total <= limit else {
            fail(.handshakeFailed(peer: peer, reason: .malformed(.unexpectedBytes(count: total - limit))), context: context)
            return nil
        }
        if received == nil {
            received = chunk
        } else {
            received?.writeBuffer(&chunk)
        }
        return received
    }

    /// Sends the answer that fits the node's mode and this client's secret.
    private func answer(_ hello: RPCServerHello, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: RPCClientAnswer.encodedSize)
        switch (hello.mode, secret) {
        case (.none, nil):
            RPCClientAnswer.unauthenticated.encode(into: &buffer)
            state = .awaitingVerdict(serverNonce: hello.nonce, clientNonce: RPCHandshake.zeros(RPCHandshake.nonceSize))
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        case let (.hmacSHA256, secret?):
            let nonce = RPCHandshake.randomNonce()
            let proof = secret.clientProof(serverNonce: hello.nonce, clientNonce: nonce)
            RPCClientAnswer(mode: .hmacSHA256, nonce: nonce, proof: proof).encode(into: &buffer)
            state = .awaitingVerdict(serverNonce: hello.nonce, clientNonce: nonce)
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        case (.hmacSHA256, nil):
            // Tell the node why (it logs the refusal), then give up without waiting for the verdict.
            RPCClientAnswer.unauthenticated.encode(into: &buffer)
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
            fail(.authenticationFailed(peer: peer, reason: .nodeRequiresSecret), context: context)
        case (.none, _?):
            // A node without the secret cannot prove itself: never send it a proof or a request.
            fail(.authenticationFailed(peer: peer, reason: .nodeHasNoSecret), context: context)
        }
    }

    /// Checks the verdict and the node's proof; on success hands over to the RPC handlers.
    private func conclude(_ verdict: RPCServerVerdict, serverNonce: [UInt8], clientNonce: [UInt8], context: ChannelHandlerContext) {
        guard case let .accepted(proof) = verdict else {
            fail(.authenticationFailed(peer: peer, reason: secret == nil ? .nodeRequiresSecret : .refusedByNode), context: context)
            return
        }
        if let secret, !secret.isValidServerProof(proof, clientNonce: clientNonce, serverNonce: serverNonce) {
            fail(.authenticationFailed(peer: peer, reason: .invalidNodeProof), context: context)
            return
        }
        state = .finished
        deadline?.cancel()
        do {
            try installRPCHandlers(context.pipeline.syncOperations)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            completion.succeed()
        } catch {
            completion.fail(RPCClientError.connectFailed(peer: peer, reason: "cannot install the RPC handlers: \(error)"))
            context.close(promise: nil)
        }
    }

    /// Fails the handshake once and closes the connection.
    private func fail(_ error: RPCClientError, context: ChannelHandlerContext) {
        if case .finished = state { return }
        state = .finished
        deadline?.cancel()
        received = nil
        completion.fail(error)
        context.close(promise: nil)
    }
}
