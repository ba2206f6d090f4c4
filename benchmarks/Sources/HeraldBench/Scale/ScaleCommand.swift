import ArgumentParser

/// `herald-bench scale`: latency and memory of a store holding a large backlog and many queues.
struct ScaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale",
        abstract: "Measures post/claim latency and node memory as a store grows to a large backlog and many queues.",
        discussion: """
            Probes one backlog queue with --probe-cycles post/claim/delete cycles (one request \
            at a time) on the empty store, after --messages messages were queued in it (all in \
            the storage node holding that queue), and after --queues more queues were created. \
            Prints each stage's latencies and the resident memory of the --watch processes. \
            Exits non-zero when a request failed, a later probe's post or claim p50/p99 is over \
            twice the empty store's, or a watched process grew by more than --rss-budget-mb.
            """
    )

    @OptionGroup var target: EndpointOptions

    @Option(help: "Messages queued in the backlog queue.")
    var messages = 1_000_000

    @Option(name: .customLong("fill-batch"), help: "Messages per POST while filling.")
    var fillBatch = 100

    @Option(help: "Queues created after the fill.")
    var queues = 100_000

    @Option(help: "Concurrent requests while filling and creating queues.")
    var workers = 8

    @Option(name: .customLong("probe-cycles"), help: "Post/claim/delete cycles per probe.")
    var probeCycles = 1_000

    @Option(name: .customLong("body-size"), help: "Bytes of each message body's JSON.")
    var bodySize = 256

    @Option(name: .customLong("watch"), help: "A process whose resident memory is reported: label=pid or pid (repeatable).")
    var watch: [String] = []

    @Option(name: .customLong("rss-budget-mb"), help: "Growth of a watched process's resident memory allowed, MB.")
    var rssBudgetMB = 128

    @Option(name: .customLong("request-timeout"), help: "Seconds one request may take.")
    var requestTimeout = 60

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    func validate() throws {
        guard messages >= 0, queues >= 0 else { throw ValidationError("--messages and --queues must not be negative.") }
        guard (1...1_000).contains(fillBatch) else { throw ValidationError("--fill-batch must be 1...1000.") }
        guard (1...256).contains(workers) else { throw ValidationError("--workers must be 1...256.") }
        guard (1...1_000_000).contains(probeCycles) else { throw ValidationError("--probe-cycles must be 1...1000000.") }
        guard (0...1_000_000).contains(bodySize) else { throw ValidationError("--body-size must be 0...1000000.") }
        guard rssBudgetMB >= 0 else { throw ValidationError("--rss-budget-mb must not be negative.") }
        guard (1...3_600).contains(requestTimeout) else { throw ValidationError("--request-timeout must be 1...3600.") }
        for argument in watch where WatchedProcess(argument: argument) == nil {
            throw ValidationError("--watch takes label=pid or pid, got '\(argument)'.")
        }
    }

    func run() async throws {
        let settings = ScaleSettings(
            endpoint: target.endpoint, project: target.project, authToken: target.token, messages: messages,
            fillBatch: fillBatch, queues: queues, workers: workers, probeCycles: probeCycles, bodySize: bodySize,
            watched: watch.compactMap(WatchedProcess.init(argument:)), requestTimeoutSeconds: requestTimeout,
            residentGrowthBudget: UInt64(rssBudgetMB) * 1_048_576)
        try await ScenarioReport.finish(json: json) { try await ScaleBenchmark(settings: settings).run() }
    }
}
