import Catalog
import Hummingbird
import Logging
import NIOCore
import Shared

/// Builds the router's HTTP application: the Zaqar v2 API over `catalog` and the pools it lists.
///
/// - Parameters:
///   - configuration: limits, options, connection bounds and the address to bind.
///   - catalog: pools, flavors and the queue → pool map.
///   - stores: the pools' clients, created lazily from each pool's uri; shut them down
///     (`PoolStores.shutdown()`) once the application has stopped.
///   - onServerRunning: called once listening, with the server channel (its `localAddress` has the real port).
///   - logger: the application logger.
public func makeApplication(
    configuration: RouterConfiguration, catalog: any CatalogStore, stores: PoolStores = PoolStores(),
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in },
    logger: Logger? = nil
) -> some ApplicationProtocol {
    let api = HeraldAPI(configuration: configuration, catalog: catalog, stores: stores)
    return Application(
        responder: HeraldResponder(api: api),
        server: ServerChannelSetup.server(limits: configuration.abuseLimits, serviceLimits: configuration.limits),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        onServerRunning: onServerRunning,
        logger: logger ?? Logger(label: "herald-router"))
}
