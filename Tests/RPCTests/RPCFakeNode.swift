import NIOCore
import NIOPosix
import Shared

/// A server that speaks the node's side of the handshake by a script, to test what a client
/// does with a node that cannot prove the secret or that never answers requests.
final class RPCFakeNode: Sendable {
    /// What the fake does once the client's answer arrived.
    enum Behavior: Sendable {
        /// Accepts with the given proof bytes.
        case accept(proof: [UInt8])
    }

    let channel: any Channel
    /// Bytes received after the client's answer (requests a client sent).
    let afterAnswer: ReceivedBytes

    var port: Int { channel.localAddress?.port ?? 0 }

    private init(channel: any Channel, afterAnswer: ReceivedBytes) {
        self.channel = channel
        self.afterAnswer = afterAnswer
    }

    /// Listens on a free loopback port; every connection gets a hello in `mode`.
    static func start(mode: RPCAuthenticationMode, behavior: Behavior) async throws -> RPCFakeNode {
        let afterAnswer = ReceivedBytes()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ScriptedHandshakeHandler(mode: mode, behavior: behavior, afterAnswer: afterAnswer))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return RPCFakeNode(channel: channel, afterAnswer: afterAnswer)
    }

    func stop() async {
        try? await channel.close()
    }
}

/// One connection of an ``RPCFakeNode``.
private final class ScriptedHandshakeHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let mode: RPCAuthenticationMode
    private let behavior: RPCFakeNode.Behavior
    private let afterAnswer: ReceivedBytes
    private var answerBytes = 0

    init(mode: RPCAuthenticationMode, behavior: RPCFakeNode.Behavior, afterAnswer: ReceivedBytes) {
        self.mode = mode
        self.behavior = behavior
        self.afterAnswer = afterAnswer
    }

    func channelActive(context: ChannelHandlerContext) {
        var hello = ByteBuffer()
        RPCServerHello(mode: mode, nonce: RPCHandshake.zeros(RPCHandshake.nonceSize)).encode(into: &hello)
        context.writeAndFlush(wrapOutboundOut(hello), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let missing = RPCClientAnswer.encodedSize - answerBytes
        if missing > 0 {
            let taken = min(missing, buffer.readableBytes)
            buffer.moveReaderIndex(forwardBy: taken)
            answerBytes += taken
            if answerBytes == RPCClientAnswer.encodedSize {
                var verdict = ByteBuffer()
                switch behavior {
                case let .accept(proof): RPCServerVerdict.accepted(proof: proof).encode(into: &verdict)
                }
                context.writeAndFlush(wrapOutboundOut(verdict), promise: nil)
            }
        }
        if buffer.readableBytes > 0 { afterAnswer.append(buffer) }
    }
}
