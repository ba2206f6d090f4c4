import ArgumentParser

/// `herald-bench receiver-ceiling`: how many notifications/s the benchmark's own receiver takes.
struct ReceiverCeilingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receiver-ceiling",
        abstract: "Measures the notification receiver alone (no Zaqar server involved).",
        discussion: """
            POSTs Zaqar-shaped notifications straight to the same loopback receiver the \
            notifications scenario uses, from this process, over C keep-alive connections. The \
            rate is the ceiling of the measuring side (receiver plus this HTTP client, on the same \
            CPUs): a notifications figure close to it says the tool, not the server, was the limit.
            """
    )

    @Option(help: "Receiver paths notified for every message.")
    var subscribers = 4

    @Option(help: "Messages whose notifications are sent (one POST per message and subscriber).")
    var messages = 5000

    @Option(help: "Concurrent connections to the receiver.")
    var connections = 16

    @Option(name: .customLong("body-size"), help: "Bytes of each message body's JSON.")
    var bodySize = 256

    @Option(help: "Seconds the run may take.")
    var timeout = 120

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    func validate() throws {
        guard subscribers >= 1, messages >= 1, connections >= 1, timeout >= 1 else {
            throw ValidationError("--subscribers, --messages, --connections and --timeout must be at least 1.")
        }
        guard bodySize >= 0 else { throw ValidationError("--body-size must not be negative.") }
        guard subscribers.multipliedReportingOverflow(by: messages).partialValue <= 100_000_000 else {
            throw ValidationError("--subscribers x --messages must be at most 100000000.")
        }
    }

    func run() async throws {
        let settings = ReceiverCeilingSettings(
            subscribers: subscribers, messages: messages, connections: connections, bodySize: bodySize,
            timeoutSeconds: timeout
        )
        try await ScenarioReport.finish(json: json) { try await ReceiverCeiling(settings: settings).run() }
    }
}
