import Catalog
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Shared

/// Builds the router's HTTP application: the Zaqar v2 API over `catalog` and the pools it lists.
///
/// - Parameters:
///   - configuration: limits, options, connection bounds and the address to bind.
///   - catalog: pools, flavors and the queue → pool map.
///   - stores: the pools' clients, created lazily from each pool's uri; shut them down
///     (`PoolStores.shutdown()`) once the application has stopped.
///   - webSocket: also serve Zaqar's WebSocket API (upgrades on `/` and `/v2/ws`); run its
///     notification listener beside the application.
///   - onServerRunning: called once listening, with the server channel (its `localAddress` has the real port).
///   - logger: the application logger.
public func makeApplication(
    configuration: RouterConfiguration, catalog: any CatalogStore, stores: PoolStores = PoolStores(),
    webSocket: WebSocketTransport? = nil,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in },
    logger: Logger? = nil
) -> some ApplicationProtocol {
    let responder = HeraldResponder(api: HeraldAPI(configuration: configuration, catalog: catalog, stores: stores))
    return Application(
        responder: responder,
        server: ServerChannelSetup.server(
            limits: configuration.abuseLimits, serviceLimits: configuration.limits, webSocket: webSocket?.endpoint(responder)),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        onServerRunning: onServerRunning,
        logger: logger ?? Logger(label: "herald-router"))
}

/// Builds the router's HTTP service on a listening socket inherited from systemd (socket
/// activation): the same API, limits and connection bounds as ``makeApplication``, served by
/// ``InheritedSocketServer`` instead of a server that binds `configuration.host`/`port`.
///
/// - Parameters:
///   - socket: the listening socket descriptor (from `ServiceManager.inheritedSockets()`).
///   - webSocket: also serve Zaqar's WebSocket API, as ``makeApplication`` does.
///   - eventLoopGroup: the event loops serving connections.
public func makeInheritedSocketService(
    configuration: RouterConfiguration, catalog: any CatalogStore, stores: PoolStores = PoolStores(),
    socket: Int32, webSocket: WebSocketTransport? = nil,
    eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in },
    logger: Logger? = nil
) -> any Service {
    let logger = logger ?? Logger(label: "herald-router")
    let responder = HeraldResponder(api: HeraldAPI(configuration: configuration, catalog: catalog, stores: stores))
    let dates = HTTPDateHeader()
    let respond: HTTPChannelHandler.Responder = { request, writer, channel in
        let context = BasicRequestContext(source: .init(channel: channel, logger: logger))
        var response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            // HeraldResponder answers every failure itself; this is the last resort.
            logger.error("unanswered request", metadata: ["error": "\(error)"])
            response = Response(status: .internalServerError)
        }
        response.headers[.date] = dates.current
        try await writer.write(response: response.head, body: response.body)
    }
    let http1 = ServerChannelSetup.configuration(limits: configuration.abuseLimits, serviceLimits: configuration.limits)
    func server(_ channel: some ServerChildChannel) -> any Service {
        InheritedSocketServer(
            childChannel: channel, socket: socket, eventLoopGroup: eventLoopGroup, onServerRunning: onServerRunning,
            logger: logger)
    }
    if let endpoint = webSocket?.endpoint(responder) {
        return server(ServerChannelSetup.webSocketChannel(
            responder: respond, http1: http1, limits: configuration.abuseLimits, endpoint: endpoint))
    }
    return server(HTTP1Channel(responder: respond, configuration: http1))
}
