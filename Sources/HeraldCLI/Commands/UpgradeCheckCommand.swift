import ArgumentParser
import Catalog
import Foundation
import Shared
import StorageNode

/// `herald status upgrade-check`: opens node stores and a catalog read-only and tells whether
/// this Herald can run on them (like `zaqar-status upgrade check`). It never migrates nor writes.
///
/// Exit status: 0 when every check succeeds, 1 when one warns (e.g. migrations are pending),
/// 2 when one fails (missing or damaged file, schema newer than this binary knows).
struct UpgradeCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade-check",
        abstract: "Check, read-only, whether this Herald can run on the given stores (exit 0 ok, 1 warnings, 2 failures).",
        discussion: """
            Reports per store: the schema version found against the version this binary brings and the \
            migrations the next start applies, SQLite's quick integrity check, WAL mode, the free disk \
            space for the migration and, for the catalog, the pools it lists. Nothing is written.
            """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table
        case json
    }

    @Option(name: .customLong("node-data"), help: "Path of a node's SQLite store (herald-node --data; repeatable).")
    var nodeData: [String] = []

    @Option(help: "The catalog: a postgres:// URL or the path of a SQLite file (herald-router --catalog).")
    var catalog: String?

    @Flag(help: "Also ping the node of every pool the catalog lists (over the RPC, without TLS).")
    var probePools = false

    @Option(help: "The nodes' cluster secret for --probe-pools (default $HERALD_CLUSTER_SECRET).")
    var clusterSecret: String?

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func validate() throws {
        guard !nodeData.isEmpty || catalog != nil else {
            throw ValidationError("give at least one --node-data PATH or --catalog URL-or-PATH")
        }
    }

    func run() async throws {
        var checks: [UpgradeCheck] = []
        for path in nodeData {
            do {
                let inspection = try StoreSchema.inspect(path: path)
                checks += UpgradeCheck.evaluate(inspection, store: "node \(path)")
            } catch {
                checks.append(UpgradeCheck.unreadable("node \(path)", reason: Self.reason(error)))
            }
        }
        if let catalog {
            let name = "catalog"
            do {
                let inspection = try await CatalogInspector.inspect(catalog)
                checks += UpgradeCheck.evaluate(inspection, store: name)
                if probePools, let pools = inspection.pools {
                    checks.append(await UpgradeCheck.poolsAnswer(pools, security: clientSecurity, store: name))
                }
            } catch {
                checks.append(UpgradeCheck.unreadable(name, reason: Self.reason(error)))
            }
        }
        let overall = checks.map(\.result).max() ?? .success
        switch format {
        case .table:
            Output.table(["check", "store", "result", "details"], checks.map { [$0.name, $0.store, $0.result.label, $0.details] })
            print("")
            print("Result: \(overall.label)")
        case .json:
            Output.json(.object([
                ("result", .string(overall.label)),
                ("checks", .array(checks.map(\.json))),
            ]))
        }
        if overall != .success { throw ExitCode(overall.exitStatus) }
    }

    /// The RPC security of `--probe-pools`: the cluster secret, no TLS.
    private var clientSecurity: RPCClientSecurity {
        let secret = clusterSecret ?? ProcessInfo.processInfo.environment["HERALD_CLUSTER_SECRET"]
        return RPCClientSecurity(clusterSecret: secret.flatMap { $0.isEmpty ? nil : RPCClusterSecret($0) })
    }

    /// The reason of a store error without the enum's wrapping.
    private static func reason(_ error: any Error) -> String {
        switch error {
        case let StorageError.unavailable(reason): reason
        case let CatalogError.unavailable(reason): reason
        default: "\(error)"
        }
    }
}
