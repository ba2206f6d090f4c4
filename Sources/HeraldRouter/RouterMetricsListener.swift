import HeraldMetrics
import Hummingbird
import Prometheus

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The router's `/metrics` listener (`--metrics-port`).
enum RouterMetricsListener {
    /// Serves `registry` on `host:port` and prints `herald-router metrics on HOST:PORT` once
    /// listening, as the API listener prints its own line.
    static func application(host: String, port: Int, registry: PrometheusCollectorRegistry) -> some ApplicationProtocol {
        MetricsEndpoint.application(
            host: host, port: port, registry: registry,
            onServerRunning: { channel in
                print("herald-router metrics on \(host):\(channel.localAddress?.port ?? 0)")
                fflush(nil)
            })
    }
}
