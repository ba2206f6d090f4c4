import ArgumentParser
import Shared

/// `herald health`: catalog and per-pool reachability with queue and message counts (spec §2.8).
struct HealthCommand: AdminCommand {
    static let configuration = CommandConfiguration(
        commandName: "health", abstract: "Show the catalog's and every pool's health (GET /v2/health).")

    @OptionGroup var global: GlobalOptions

    func run(with client: AdminClient) async throws(CLIError) {
        let response = try await client.send(.GET, "/v2/health")
        guard response.status == 200 || response.status == 503,
            let document = try? response.json(), document["catalog_reachable"] != nil
        else { throw AdminClient.serverError(response) }
        if global.json {
            Output.rawJSON(response.body)
        } else {
            print("catalog reachable: \(document["catalog_reachable"]?.displayText ?? "-")")
            let pools = (document.objectMembers ?? []).filter { $0.key != "catalog_reachable" }
            if pools.isEmpty {
                print("No pools.")
            } else {
                Output.table(
                    ["pool", "reachable", "queues", "free", "claimed", "total"],
                    pools.map { pool in
                        let volume = pool.value["message_volume"]
                        return [
                            pool.key, pool.value["storage_reachable"]?.displayText ?? "-",
                            pool.value["queues"]?.displayText ?? "-", volume?["free"]?.displayText ?? "-",
                            volume?["claimed"]?.displayText ?? "-", volume?["total"]?.displayText ?? "-",
                        ]
                    })
            }
        }
        if response.status != 200 { throw .server(status: response.status, title: "Unhealthy", description: "the catalog is unreachable") }
    }
}
