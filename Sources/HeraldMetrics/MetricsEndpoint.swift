import Hummingbird
import Logging
import NIOCore
import Prometheus

/// The `/metrics` listener: a small Hummingbird application, separate from the API, that answers
/// `GET /metrics` with the registry in the Prometheus text format. It is unauthenticated, as
/// node_exporter is: operators keep it on a private interface or firewall it. Anything else
/// answers 404 with a JSON error document.
public enum MetricsEndpoint {
    /// The application serving `registry` on `host:port`.
    ///
    /// - Parameters:
    ///   - beforeScrape: runs before every scrape, e.g. to refresh gauges read from a store.
    ///   - onServerRunning: called once listening, with the server channel (its `localAddress`
    ///     has the real port).
    public static func application(
        host: String, port: Int, registry: PrometheusCollectorRegistry,
        beforeScrape: @escaping @Sendable () async -> Void = {},
        onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in },
        logger: Logger = Logger(label: "herald.metrics")
    ) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: MetricsNotFoundMiddleware())
        router.get(RouterPath(PrometheusExposition.path)) { _, _ -> Response in
            await beforeScrape()
            let text = registry.emitToBuffer()
            return Response(
                status: .ok, headers: [.contentType: PrometheusExposition.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: text)))
        }
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: onServerRunning, logger: logger)
    }
}
