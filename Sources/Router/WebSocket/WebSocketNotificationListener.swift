import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The small HTTP listener storage nodes deliver WebSocket subscriptions to (Zaqar's
/// `NotificationProtocol`): a subscription made over a socket has the subscriber
/// `http://<host>:<port>/<socket id>`, and each notification POSTed there is pushed to that
/// socket as a text frame, byte for byte. 204 when queued, 404 for a closed socket, 503 when
/// the socket's queue is full (the node retries by the subscription's policy).
enum WebSocketNotificationListener {
    /// The listener service on `host`:`port` (0: a free port) feeding `hub`.
    static func application(host: String, port: Int, hub: WebSocketHub, maxBodyBytes: Int, logger: Logger) -> some Service {
        let router = Router(context: BasicRequestContext.self)
        router.post("/:socket") { request, context -> Response in
            let id = try context.parameters.require("socket")
            let body = try await request.body.collect(upTo: maxBodyBytes)
            let text = String(decoding: body.readableBytesView, as: UTF8.self)
            if hub.push(text, to: id) { return Response(status: .noContent) }
            return Response(status: hub.isConnected(id) ? .serviceUnavailable : .notFound)
        }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                hub.listenerStarted(host: host, port: bound)
                logger.info("websocket notification listener", metadata: ["address": "\(host):\(bound)"])
            },
            logger: logger)
    }
}
