import NIOCore
import NIOHTTPTypes

/// A per-connection channel handler against slow and oversized uploads: it closes the
/// connection when a request's body has not fully arrived `bodyReadTimeout` after its head
/// (a client trickling its body), or when a body carries more than `maxBodyBytes` (far beyond
/// every endpoint's limit; the handlers refuse much smaller bodies with their own errors, and
/// Hummingbird then discards the rest of the body, which this bound keeps finite).
///
/// Waiting for the request head is bounded by the HTTP server's idle timeout instead.
final class RequestReadGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let bodyReadTimeout: TimeAmount?
    private let maxBodyBytes: Int
    private var bodyBytes = 0
    private var closing = false
    private var deadline: Scheduled<Void>?

    init(bodyReadTimeout: TimeAmount?, maxBodyBytes: Int) {
        self.bodyReadTimeout = bodyReadTimeout
        self.maxBodyBytes = maxBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head:
            bodyBytes = 0
            startDeadline(context)
        case .body(let buffer):
            bodyBytes += buffer.readableBytes
            if bodyBytes > maxBodyBytes {
                close(context)
                return
            }
        case .end:
            cancelDeadline()
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelDeadline()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelDeadline()
    }

    private func startDeadline(_ context: ChannelHandlerContext) {
        cancelDeadline()
        guard let bodyReadTimeout else { return }
        deadline = context.eventLoop.assumeIsolated().scheduleTask(in: bodyReadTimeout) { [self] in
            self.deadline = nil
            self.close(context)
        }
    }

    private func close(_ context: ChannelHandlerContext) {
        cancelDeadline()
        closing = true
        context.close(promise: nil)
    }

    private func cancelDeadline() {
        deadline?.cancel()
        deadline = nil
    }
}

@available(*, unavailable)
extension RequestReadGuard: Sendable {}
