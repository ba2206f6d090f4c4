import Logging
import ServiceLifecycle
import Shared

/// Zaqar's WebSocket API on the router's own port (`herald-router --websocket`): give it to
/// ``makeApplication(configuration:catalog:stores:webSocket:onServerRunning:logger:)`` (or
/// ``makeInheritedSocketService(configuration:catalog:stores:socket:webSocket:eventLoopGroup:onServerRunning:logger:)``)
/// and run ``notificationListener(limits:logger:)`` beside the server: storage nodes deliver the
/// subscriptions made over a socket there, and it pushes them to the socket.
public final class WebSocketTransport: Sendable {
    /// The interface of the notification listener; subscriber URLs name it, so storage nodes
    /// must be able to reach it there.
    public let notificationHost: String
    /// The listener's port (0: a free one).
    public let notificationPort: Int
    let hub = WebSocketHub()

    /// - Parameters:
    ///   - notificationHost: where the notification listener listens (not a wildcard address).
    ///   - notificationPort: its port; 0 picks a free one.
    public init(notificationHost: String = "127.0.0.1", notificationPort: Int = 0) {
        self.notificationHost = notificationHost
        self.notificationPort = notificationPort
    }

    /// The notification listener service.
    public func notificationListener(limits: ServiceLimits, logger: Logger) -> some Service {
        WebSocketNotificationListener.application(
            host: notificationHost, port: notificationPort, hub: hub,
            maxBodyBytes: ServerChannelSetup.maxBodyBytes(limits), logger: logger)
    }

    /// The upgrade endpoint serving sockets with `responder`.
    func endpoint(_ responder: HeraldResponder) -> WebSocketEndpoint {
        WebSocketEndpoint(hub: hub, responder: responder, maxMessageBytes: ServerChannelSetup.maxBodyBytes(responder.api.limits))
    }

    /// Why `host` cannot be a notification host (a wildcard address names no reachable host).
    public static func notificationHostProblem(_ host: String) -> String? {
        ["0.0.0.0", "::", "[::]", ""].contains(host)
            ? "--websocket-notification-host must be an address storage nodes can reach, not a wildcard" : nil
    }
}
