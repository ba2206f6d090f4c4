import NIOCore
import NIOHTTP1

/// One request handed to a connection's pipeline, with the promise its answer completes.
struct HTTPExchange: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer?
    var promise: EventLoopPromise<HTTPAnswer>
}

/// A complete HTTP answer as the lean client reads it.
struct HTTPAnswer: Sendable {
    var status: Int
    var location: String?
    var body: ByteBuffer
    /// Whether the connection may carry another request.
    var keepAlive: Bool
}

/// Why an exchange failed below HTTP.
enum HTTPExchangeError: Error, Equatable, CustomStringConvertible {
    /// The connection closed before the whole answer arrived; `sawAnswer` when part of it had.
    case closed(sawAnswer: Bool)
    /// No whole answer within the time limit (the connection is closed).
    case timedOut
    /// The connection is still busy with an earlier exchange.
    case busy
    /// The answer's body is larger than the client reads.
    case bodyTooLarge(limit: Int)

    var description: String {
        switch self {
        case .closed(let sawAnswer): sawAnswer ? "connection closed mid-answer" : "connection closed"
        case .timedOut: "timed out"
        case .busy: "connection busy"
        case .bodyTooLarge(let limit): "answer body larger than \(limit) bytes"
        }
    }
}

/// The last handler of a lean client connection: writes one ``HTTPExchange`` at a time and
/// completes its promise with the answer the HTTP decoder delivers.
final class HTTPExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPExchange
    typealias OutboundOut = HTTPClientRequestPart

    private let maxBodySize: Int
    private var pending: EventLoopPromise<HTTPAnswer>?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?

    /// - Parameter maxBodySize: The largest answer body read; a larger one fails the exchange
    ///   and closes the connection.
    init(maxBodySize: Int) {
        self.maxBodySize = maxBodySize
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        guard pending == nil else {
            exchange.promise.fail(HTTPExchangeError.busy)
            promise?.fail(HTTPExchangeError.busy)
            return
        }
        pending = exchange.promise
        head = nil
        body = nil
        context.write(wrapOutboundOut(.head(exchange.head)), promise: nil)
        if let requestBody = exchange.body {
            context.write(wrapOutboundOut(.body(.byteBuffer(requestBody))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            head = responseHead
        case .body(var part):
            if body == nil {
                body = part
            } else {
                body!.writeBuffer(&part)
            }
            if body!.readableBytes > maxBodySize {
                fail(HTTPExchangeError.bodyTooLarge(limit: maxBodySize))
                context.close(promise: nil)
            }
        case .end:
            guard let promise = pending, let responseHead = head else { return }
            pending = nil
            promise.succeed(HTTPAnswer(
                status: Int(responseHead.status.code), location: responseHead.headers.first(name: "Location"),
                body: body ?? ByteBuffer(), keepAlive: responseHead.isKeepAlive))
            head = nil
            body = nil
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(HTTPExchangeError.closed(sawAnswer: head != nil))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    private func fail(_ error: any Error) {
        guard let promise = pending else { return }
        pending = nil
        promise.fail(error)
    }
}
