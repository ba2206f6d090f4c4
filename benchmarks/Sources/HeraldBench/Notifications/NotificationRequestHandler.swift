import NIOCore
import NIOHTTP1

/// One connection of the receiver: answers every request with `204 No Content` (keeping the
/// connection open unless the client asked to close it) and records each POST in the ledger.
///
/// Responses are flushed once per read burst, so pipelined or back-to-back requests cost one
/// write system call together.
final class NotificationRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let ledger: DeliveryLedger
    private var path = ""
    private var isPost = false
    private var keepAlive = true
    private var version = HTTPVersion.http1_1
    private var body: ByteBuffer?
    private var needsFlush = false

    /// A handler recording into `ledger`.
    init(ledger: DeliveryLedger) {
        self.ledger = ledger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            path = head.uri
            isPost = head.method == .POST
            keepAlive = head.isKeepAlive
            version = head.version
            body = nil
        case .body(var chunk):
            if body == nil {
                body = chunk
            } else {
                body!.writeBuffer(&chunk)
            }
        case .end:
            let arrival = MonotonicClock.now()
            if isPost {
                let payload = body.map { DeliveryPayload.parse($0.readableBytesView) } ?? DeliveryPayload.parse([UInt8]())
                ledger.record(subscriber: SubscriberPath.index(of: path), path: path, payload: payload, arrival: arrival)
            }
            body = nil
            respond(context: context)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func respond(context: ChannelHandlerContext) {
        let head = HTTPResponseHead(version: version, status: .noContent)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if keepAlive {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            needsFlush = true
        } else {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            needsFlush = false
        }
    }
}
