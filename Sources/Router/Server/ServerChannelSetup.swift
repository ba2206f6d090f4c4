import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import NIOCore
import Shared

/// The HTTP/1 server settings that follow from ``AbuseLimits`` and ``ServiceLimits``: the
/// parser's hard header bounds, the idle timeout and the per-connection ``RequestReadGuard``.
enum ServerChannelSetup {
    /// The server builder of the router: plain HTTP/1, or HTTP/1 that also accepts the
    /// WebSocket upgrades of `webSocket`.
    static func server(limits: AbuseLimits, serviceLimits: ServiceLimits, webSocket: WebSocketEndpoint? = nil) -> HTTPServerBuilder {
        let http1 = configuration(limits: limits, serviceLimits: serviceLimits)
        guard let webSocket else { return .http1(configuration: http1) }
        return HTTPServerBuilder { responder in
            webSocketChannel(responder: responder, http1: http1, limits: limits, endpoint: webSocket)
        }
    }

    /// HTTP/1 that also accepts the upgrades of `endpoint`; with an idle timeout, a connection
    /// must complete its first request head within it (see ``RequestHeadDeadline``).
    static func webSocketChannel(
        responder: @escaping HTTPChannelHandler.Responder, http1: HTTP1Channel.Configuration, limits: AbuseLimits,
        endpoint: WebSocketEndpoint
    ) -> any ServerChildChannel {
        let channel = HTTP1WebSocketUpgradeChannel(
            responder: responder, configuration: .init(http1: http1, ws: endpoint.serverConfiguration),
            shouldUpgrade: { head, channel, logger in endpoint.shouldUpgrade(head, channel: channel, logger: logger) })
        guard let idleTimeout = limits.idleTimeout else { return channel }
        return RequestHeadDeadlineChannel(inner: channel, timeout: timeAmount(idleTimeout))
    }

    /// The HTTP/1 channel configuration. The parser accepts request lines and headers up to
    /// twice the configured bounds, so the responder can answer 414/431 with a JSON error for
    /// moderately oversized requests; beyond that the parser refuses the request (400, closed).
    static func configuration(limits: AbuseLimits, serviceLimits: ServiceLimits) -> HTTP1Channel.Configuration {
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: 2 * max(limits.maxURLLength, limits.maxHeaderBytes),
            maxHeaderListSize: 2 * (limits.maxURLLength + limits.maxHeaderBytes),
            maxHeaderFieldCount: maxHeaderFieldCount)
        let bodyReadTimeout = limits.bodyReadTimeout.map(timeAmount)
        let maxBody = maxBodyBytes(serviceLimits)
        return HTTP1Channel.Configuration(
            additionalChannelHandlers: [RequestReadGuard(bodyReadTimeout: bodyReadTimeout, maxBodyBytes: maxBody)],
            idleTimeout: limits.idleTimeout.map(timeAmount),
            httpDecoderConfiguration: decoder)
    }

    /// Most header fields of one request.
    static let maxHeaderFieldCount = 256

    /// The body size beyond which a connection is closed: four times the largest body any
    /// endpoint accepts, at least 1 MiB.
    static func maxBodyBytes(_ serviceLimits: ServiceLimits) -> Int {
        max(1 << 20, 4 * max(serviceLimits.maxMessagesPostSize, serviceLimits.maxQueueMetadata))
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.wholeNanoseconds)
    }
}
