import ArgumentParser

/// `herald-bench notifications`: webhook notifications per second delivered to a local receiver.
struct NotificationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notifications",
        abstract: "Measures webhook notification delivery to a loopback receiver.",
        discussion: """
            Starts an HTTP receiver on 127.0.0.1, creates a fresh queue with N subscriptions \
            pointing at it, posts M messages from P producers in batches of B, and waits until \
            every subscriber got every message (or the timeout). Prints a progress line every \
            second and a report; exits non-zero when a notification is missing or an error \
            occurred. The subscriptions and the queue are deleted at the end. The endpoint's \
            storage nodes must be able to reach 127.0.0.1 (same machine).
            """
    )

    @OptionGroup var target: EndpointOptions

    @Option(help: "Subscriptions on the queue, each a receiver path /s<i>.")
    var subscribers = 4

    @Option(help: "Messages posted in all.")
    var messages = 5000

    @Option(help: "Messages per POST.")
    var batch = 10

    @Option(help: "Concurrent posting tasks.")
    var producers = 4

    @Option(name: .customLong("body-size"), help: "Bytes of each message body's JSON.")
    var bodySize = 256

    @Option(help: "Seconds the whole run may take (posting and waiting for deliveries).")
    var timeout = 120

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    @Option(name: .customLong("receiver-port"), help: "Port of the loopback receiver (0 = a free port).")
    var receiverPort = 0

    func validate() throws {
        guard subscribers >= 1 else { throw ValidationError("--subscribers must be at least 1.") }
        guard messages >= 1 else { throw ValidationError("--messages must be at least 1.") }
        guard batch >= 1 else { throw ValidationError("--batch must be at least 1.") }
        guard producers >= 1 else { throw ValidationError("--producers must be at least 1.") }
        guard bodySize >= 0 else { throw ValidationError("--body-size must not be negative.") }
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second.") }
        guard (0...65535).contains(receiverPort) else { throw ValidationError("--receiver-port must be 0...65535.") }
        guard subscribers.multipliedReportingOverflow(by: messages).partialValue <= 100_000_000 else {
            throw ValidationError("--subscribers x --messages must be at most 100000000.")
        }
    }

    func run() async throws {
        let settings = NotificationSettings(
            endpoint: target.endpoint, project: target.project, authToken: target.token, subscribers: subscribers, messages: messages, batch: batch,
            producers: producers, bodySize: bodySize, timeoutSeconds: timeout, receiverPort: receiverPort
        )
        try await ScenarioReport.finish(json: json) { try await NotificationBenchmark(settings: settings).run() }
    }
}
