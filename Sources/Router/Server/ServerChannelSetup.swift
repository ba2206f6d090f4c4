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
        return .http1WebSocketUpgrade(
            configuration: .init(http1: http1, ws: webSocket.serverConfiguration),
            shouldUpgrade: { head, channel, logger in webSocket.shouldUpgrade(head, channel: channel, logger: logger) })
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

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
