import Foundation
import HeraldConfig
import Shared
import StorageNode

/// The diagnostics report of a running `herald-node`: its options (secrets hidden), the
/// connected RPC clients, its store, and the process' resources.
struct NodeDiagnostics: Sendable {
    let started = ContinuousClock.now
    let options: [DiagnosticsEntry]
    let dataPath: String
    let store: SQLiteQueueStore
    let server: RPCServer

    init(command: HeraldNodeCommand, store: SQLiteQueueStore, server: RPCServer) {
        options = EffectiveOptions.current()
        dataPath = command.data
        self.store = store
        self.server = server
    }

    /// Writes the report to standard error on every SIGUSR2 until the returned value is stopped.
    func installSignalHandler() -> DiagnosticsSignal {
        DiagnosticsSignal { await report() }
    }

    func report() async -> DiagnosticsReport {
        var storage = [
            DiagnosticsEntry("path", .text(dataPath)),
            DiagnosticsEntry("file size bytes", .integer(StoreFileSpace.size(of: dataPath))),
        ]
        do {
            let summary = try await store.storageSummary()
            storage += [
                DiagnosticsEntry("schema version", .integer(Int64(summary.schemaVersion))),
                DiagnosticsEntry("queues", .integer(Int64(summary.queues))),
                DiagnosticsEntry("messages", .integer(Int64(summary.messages))),
            ]
        } catch {
            storage.append(DiagnosticsEntry("error", .text("\(error)")))
        }
        let clients = server.connectedClients
        return DiagnosticsReport(process: "herald-node", sections: [
            ProcessDiagnostics.package(started: started),
            DiagnosticsSection("Configuration", options),
            DiagnosticsSection("Connections", [
                DiagnosticsEntry("connected rpc clients", .integer(Int64(clients.count))),
                DiagnosticsEntry("peers", .list(clients)),
                DiagnosticsEntry("requests in flight", .integer(Int64(server.requestsInFlight))),
            ]),
            DiagnosticsSection("Storage", storage),
        ] + ProcessDiagnostics.resources)
    }
}
