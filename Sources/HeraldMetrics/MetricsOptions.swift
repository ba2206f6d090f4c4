import ArgumentParser

/// `--metrics-host` and `--metrics-port`: where `/metrics` is served, shared by `herald-router`
/// and `herald-node`.
public struct MetricsOptions: ParsableArguments, Sendable {
    @Option(help: "Interface of the Prometheus /metrics listener (unauthenticated: keep it private or firewalled).")
    public var metricsHost = "127.0.0.1"

    @Option(help: "Port of the Prometheus /metrics listener (0 picks a free port; without this option metrics are not served).")
    public var metricsPort: Int?

    public init() {}

    /// Whether `/metrics` is served.
    public var isEnabled: Bool { metricsPort != nil }

    public func validate() throws {
        if let metricsPort, !(0...65_535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be within 0...65535")
        }
        guard !metricsHost.isEmpty else { throw ValidationError("--metrics-host must not be empty") }
    }
}
