import HeraldMetrics
import Hummingbird
import Prometheus
import StorageNode

/// The node's `/metrics` listener (`--metrics-port`), a service of the node's group like the
/// router's: refreshes the store gauges on every scrape and prints
/// `herald-node metrics on HOST:PORT` once listening.
enum NodeMetricsListener {
    static func application(
        host: String, port: Int, registry: PrometheusCollectorRegistry, gauges: NodeGauges
    ) -> some ApplicationProtocol {
        MetricsEndpoint.application(
            host: host, port: port, registry: registry,
            beforeScrape: { await gauges.refresh() },
            onServerRunning: { channel in
                StandardOutput.writeLine("herald-node metrics on \(host):\(channel.localAddress?.port ?? 0)")
            })
    }
}
