import HeraldMetrics
import Hummingbird
import NIOCore
import Prometheus
import StorageNode

/// The node's `/metrics` listener (`--metrics-port`): refreshes the store gauges on every
/// scrape and prints `herald-node metrics on HOST:PORT` once listening.
struct NodeMetricsListener {
    /// Why the listener did not start.
    struct StartFailure: Error, CustomStringConvertible {
        let description: String
    }

    private let task: Task<Void, any Error>

    /// Starts serving and returns once the listener is bound (its line printed), or throws when
    /// it cannot listen.
    static func start(
        host: String, port: Int, registry: PrometheusCollectorRegistry, gauges: NodeGauges
    ) async throws -> NodeMetricsListener {
        let (bound, boundContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = MetricsEndpoint.application(
            host: host, port: port, registry: registry,
            beforeScrape: { await gauges.refresh() },
            onServerRunning: { channel in
                boundContinuation.yield(channel.localAddress?.port ?? 0)
                boundContinuation.finish()
            })
        let task = Task {
            defer { boundContinuation.finish() }
            try await application.runService(gracefulShutdownSignals: [])
        }
        var iterator = bound.makeAsyncIterator()
        guard let boundPort = await iterator.next() else {
            let failure: String
            do {
                try await task.value
                failure = "the metrics listener stopped"
            } catch {
                failure = "cannot serve metrics on \(host):\(port): \(error)"
            }
            throw StartFailure(description: failure)
        }
        StandardOutput.writeLine("herald-node metrics on \(host):\(boundPort)")
        return NodeMetricsListener(task: task)
    }

    /// Stops the listener.
    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
