import Catalog
import Hummingbird
import Logging
import NIOCore
import Shared

/// Builds the router's HTTP application: the Zaqar v2 API over `catalog` and one store per pool.
///
/// - Parameters:
///   - configuration: limits, options and the address to bind.
///   - catalog: the queue → pool map.
///   - stores: the storage of each pool, keyed by pool name.
///   - onServerRunning: called once listening, with the server channel (its `localAddress` has the real port).
///   - logger: the application logger.
public func makeApplication(
    configuration: RouterConfiguration, catalog: any CatalogStore, stores: [String: any QueueStore],
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in },
    logger: Logger? = nil
) -> some ApplicationProtocol {
    let api = HeraldAPI(configuration: configuration, catalog: catalog, stores: stores)
    return Application(
        responder: HeraldResponder(api: api),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        onServerRunning: onServerRunning,
        logger: logger ?? Logger(label: "herald-router"))
}
