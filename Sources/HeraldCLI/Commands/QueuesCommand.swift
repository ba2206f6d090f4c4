import ArgumentParser
import Shared

/// `herald queues ...`: where queues live.
struct QueuesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queues", abstract: "Inspect and move queue placement.", subcommands: [WhereQueue.self, MoveQueue.self])
}

struct WhereQueue: AdminCommand {
    static let configuration = CommandConfiguration(
        commandName: "where", abstract: "Show the pool (and flavor) a queue of the project is placed on.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Queue name.")
    var name: String

    func run(with client: AdminClient) async throws(CLIError) {
        let response = try await client.request(.GET, "/v2/queues/\(pathSegment(name))/pool", expecting: [200])
        if global.json { return Output.rawJSON(response.body) }
        let placement = try response.json()
        Output.keyValues(
            ["queue", "project", "pool", "flavor", "href"].map { ($0, placement[$0]?.displayText ?? "-") })
    }
}
