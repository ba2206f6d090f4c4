import NIOCore
import NIOHTTP1

/// One connection of the canned server: answers each request from ``CannedResponses``
/// (keeping the connection open unless the client asked to close it), ignoring bodies.
/// Answers are flushed once per read burst.
final class CannedRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let responses: CannedResponses
    private var head: HTTPRequestHead?
    private var needsFlush = false

    /// A handler answering from `responses`.
    init(responses: CannedResponses) {
        self.responses = responses
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
        case .body:
            break
        case .end:
            guard let request = head else { return }
            head = nil
            respond(to: request, context: context)
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

    private func respond(to request: HTTPRequestHead, context: ChannelHandlerContext) {
        let answer = responses.answer(method: request.method, uri: request.uri)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Length", value: String(answer.body.readableBytes))
        if answer.body.readableBytes > 0 { headers.add(name: "Content-Type", value: "application/json") }
        if let location = answer.location { headers.add(name: "Location", value: location) }
        if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: request.version, status: answer.status, headers: headers))), promise: nil)
        if answer.body.readableBytes > 0 { context.write(wrapOutboundOut(.body(.byteBuffer(answer.body))), promise: nil) }
        if request.isKeepAlive {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            needsFlush = true
        } else {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            needsFlush = false
        }
    }
}
