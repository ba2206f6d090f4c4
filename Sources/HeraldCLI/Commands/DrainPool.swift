import ArgumentParser
import Shared

/// `herald pools drain NAME`: weight 0, then every queue of the pool moved to other pools, so
/// its storage node can be retired.
struct DrainPool: AdminCommand {
    static let configuration = CommandConfiguration(
        commandName: "drain",
        abstract: "Set a pool's weight to 0 and move all its queues to other pools of their flavor (live).",
        discussion: """
            Calls POST /v2/pools/NAME/drain until no queue is left, printing each queue moved. Exits \
            with status 1 when queues remain that cannot move (their reasons are printed); then \
            `herald pools remove NAME` deletes the empty pool.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Pool name.")
    var name: String

    @Option(help: "Queues moved per request (1-1000).")
    var batch = 10

    func validate() throws {
        guard (1...1000).contains(batch) else { throw ValidationError("--batch must be between 1 and 1000") }
    }

    func run(with client: AdminClient) async throws(CLIError) {
        var moved: [JSONValue] = []
        var failed: [JSONValue] = []
        var remaining: Int64 = 0
        while true {
            let response = try await client.request(
                .POST, PoolsCommand.path(name) + "/drain", body: .object([("limit", .int(Int64(batch)))]),
                expecting: [200], timeout: AdminClient.longRequestTimeout)
            let progress = try response.json()
            let movedNow = progress["moved"]?.arrayValue ?? []
            failed = progress["failed"]?.arrayValue ?? []
            remaining = progress["remaining"]?.intValue ?? 0
            moved += movedNow
            if !global.json {
                for queue in movedNow {
                    print("moved \(queue["project"]?.displayText ?? "-")/\(queue["queue"]?.displayText ?? "-") to "
                        + "\(queue["pool"]?.displayText ?? "-") (\(queue["messages"]?.displayText ?? "0") messages, "
                        + "frozen \(queue["frozen_ms"]?.displayText ?? "0") ms)")
                }
            }
            if remaining == 0 || movedNow.isEmpty { break }
        }
        if global.json {
            Output.json(.object([
                ("pool", .string(name)), ("moved", .array(moved)), ("failed", .array(failed)), ("remaining", .int(remaining)),
            ]))
        } else {
            for failure in failed {
                Output.error("cannot move \(failure["project"]?.displayText ?? "-")/\(failure["queue"]?.displayText ?? "-"): "
                    + (failure["description"]?.displayText ?? "-"))
            }
            print("Pool \(name): \(moved.count) queue(s) moved, \(remaining) left.")
        }
        if remaining > 0 {
            throw .conflict("pool \(name) still holds \(remaining) queue(s)")
        }
    }
}
