import ArgumentParser
import Shared

/// `herald queues move NAME --to POOL`: a live move of one queue of the project.
struct MoveQueue: AdminCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move a queue of the project, with its messages, claims and subscriptions, to another pool while it stays in use.",
        discussion: """
            Requests to the queue are held (then answered 503 with Retry-After) only while its data is \
            copied; the answer says how long that was. Moving a queue to the pool it is on lifts what \
            an interrupted move left behind.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Queue name.")
    var name: String

    @Option(name: .customLong("to"), help: "The pool to move the queue to (same flavor as its pool).")
    var pool: String

    func run(with client: AdminClient) async throws(CLIError) {
        let response = try await client.request(
            .PUT, "/v2/queues/\(pathSegment(name))/pool", body: .object([("pool", .string(pool))]), expecting: [200],
            timeout: AdminClient.longRequestTimeout)
        if global.json { return Output.rawJSON(response.body) }
        let moved = try response.json()
        Output.keyValues(
            ["queue", "project", "pool", "moved_from", "messages", "frozen_ms"].map { ($0, moved[$0]?.displayText ?? "-") })
    }
}
