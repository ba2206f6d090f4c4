import Catalog
import Shared

/// The diagnostics report of a running router: its options (secrets hidden), the catalog and
/// the RPC connection state of every pool, and the process' resources. Written to standard
/// error on SIGUSR2 and served (with each node's summary) by `GET /v2/diagnostics`.
public struct RouterDiagnostics: Sendable {
    let started = ContinuousClock.now
    let options: [DiagnosticsEntry]
    let catalog: any CatalogStore
    let stores: PoolStores

    /// - Parameters:
    ///   - options: the parsed command-line options, secrets already hidden (`CommandOptions.entries(of:)`).
    ///   - catalog: the catalog listing the pools.
    ///   - stores: the pools' clients, whose connections are reported.
    public init(options: [DiagnosticsEntry], catalog: any CatalogStore, stores: PoolStores) {
        self.options = options
        self.catalog = catalog
        self.stores = stores
    }

    /// Writes the report to standard error on every SIGUSR2 until the returned value is stopped.
    public func installSignalHandler() -> DiagnosticsSignal {
        DiagnosticsSignal { await report() }
    }

    /// The report as of now.
    public func report() async -> DiagnosticsReport {
        DiagnosticsReport(process: "herald-router", sections: [
            ProcessDiagnostics.package(started: started),
            DiagnosticsSection("Configuration", options),
            DiagnosticsSection("Connections", await connections(of: try? await catalog.pools())),
        ] + ProcessDiagnostics.resources)
    }

    /// `catalog` reachability, then one entry per pool: its uri and the state of each RPC connection.
    func connections(of pools: [Pool]?) async -> [DiagnosticsEntry] {
        guard let pools else { return [DiagnosticsEntry("catalog", .text("unreachable"))] }
        return [DiagnosticsEntry("catalog", .text("reachable, \(pools.count) pools"))] + pools.map { pool in
            DiagnosticsEntry(
                "pool \(pool.name)", .list([pool.uri] + (stores.connectionStates(pool: pool.name) ?? ["no connection opened yet"])))
        }
    }
}
