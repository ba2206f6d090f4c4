import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Shared
import XCTest

/// A raw TCP connection for tests that play a misbehaving (or hand-rolled) RPC peer: it sends
/// exactly the bytes it is given and records everything it receives.
struct RPCRawPeer {
    let channel: any Channel
    private let received: ReceivedBytes

    /// Connects to `127.0.0.1:port`.
    static func connect(port: Int) async throws -> RPCRawPeer {
        let received = ReceivedBytes()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(CollectingHandler(sink: received))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        return RPCRawPeer(channel: channel, received: received)
    }

    /// Sends `bytes` (a no-op once the node has closed the connection).
    func send(_ bytes: [UInt8]) async {
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        try? await channel.writeAndFlush(buffer)
    }

    /// Everything received so far.
    var bytes: [UInt8] { received.value }

    /// Waits until at least `count` bytes arrived (or `seconds` passed) and returns them all.
    func waitForBytes(_ count: Int, seconds: Double = 5) async -> [UInt8] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        while received.value.count < count, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return received.value
    }

    /// Runs the client side of the handshake by hand with `secret` (nil: no secret) and returns
    /// the verdict byte, or nil when the node sent none.
    func authenticate(secret: RPCClusterSecret?) async throws -> UInt8? {
        var helloBytes = ByteBuffer(bytes: await waitForBytes(RPCServerHello.encodedSize))
        let hello = try XCTUnwrap(try RPCServerHello.decode(from: &helloBytes), "the node sends its hello first")
        var answer = ByteBuffer()
        if let secret {
            let nonce = (0..<RPCHandshake.nonceSize).map { UInt8($0) }
            RPCClientAnswer(
                mode: .hmacSHA256, nonce: nonce, proof: secret.clientProof(serverNonce: hello.nonce, clientNonce: nonce)
            ).encode(into: &answer)
        } else {
            RPCClientAnswer.unauthenticated.encode(into: &answer)
        }
        await send(Array(answer.readableBytesView))
        let all = await waitForBytes(RPCServerHello.encodedSize + 1)
        return all.count > RPCServerHello.encodedSize ? all[RPCServerHello.encodedSize] : nil
    }

    func close() async {
        try? await channel.close()
    }
}

/// Bytes a ``CollectingHandler`` received, readable from any thread.
final class ReceivedBytes: Sendable {
    private let box = NIOLockedValueBox<[UInt8]>([])

    var value: [UInt8] { box.withLockedValue { $0 } }

    func append(_ buffer: ByteBuffer) {
        box.withLockedValue { $0 += buffer.readableBytesView }
    }
}

/// Records every inbound byte.
final class CollectingHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let sink: ReceivedBytes

    init(sink: ReceivedBytes) {
        self.sink = sink
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        sink.append(unwrapInboundIn(data))
    }
}

/// The raw bytes of RPC request frames, to check they are never executed without a handshake.
enum RPCRawFrames {
    static func request(_ request: NodeRequest, id: UInt64 = 1) -> [UInt8] {
        var buffer = ByteBuffer()
        RPCMessageCodec.encodeRequest(request, id: id, into: &buffer)
        return Array(buffer.readableBytesView)
    }
}
