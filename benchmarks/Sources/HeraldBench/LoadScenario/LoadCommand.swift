import ArgumentParser

/// `herald-bench load`: producers, consumers and observers against Q queues of any Zaqar v2 endpoint.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Measures produce/claim/delete throughput and latency of a Zaqar v2 endpoint.",
        discussion: """
            Creates Q fresh queues bench-load-<random>-<i>. P producers post batches of N \
            messages, C consumers claim up to M messages and delete them with one bulk DELETE, \
            O observers list messages; tasks are spread over the queues round-robin and each \
            sends its own Client-ID. After --warmup seconds (not counted) the run is measured \
            for --duration seconds, or until --messages messages were posted and consumed. \
            Prints a progress line every second, then produced and consumed msg/s, requests/s, \
            errors and per-operation latency percentiles. Exits non-zero when a request failed \
            or, with --messages, not everything was consumed in time.
            """
    )

    @OptionGroup var target: EndpointOptions

    @Option(help: "Queues created for the run.")
    var queues = 4

    @Option(help: "Producer tasks.")
    var producers = 4

    @Option(help: "Messages per POST.")
    var batch = 10

    @Option(help: "Consumer tasks (0: produce only).")
    var consumers = 4

    @Option(help: "Messages asked for per claim (1...20).")
    var claim = 10

    @Option(name: .customLong("claim-ttl"), help: "Claim ttl, seconds.")
    var claimTTL = 60

    @Option(name: .customLong("claim-grace"), help: "Claim grace, seconds.")
    var claimGrace = 60

    @Option(help: "Observer tasks listing messages (limit 10, echo=true) in a loop.")
    var observers = 0

    @Option(name: .customLong("body-size"), help: "Bytes of each message body's JSON.")
    var bodySize = 256

    @Option(help: "Seconds measured after the warm-up (default 30; not with --messages).")
    var duration: Int?

    @Option(help: "Stop producing after this many messages, then drain (instead of --duration).")
    var messages: Int?

    @Option(help: "With --messages: seconds after the warm-up the run may take.")
    var timeout = 600

    @Option(help: "Seconds of load before the measured part (not counted).")
    var warmup = 5

    @Option(help: "Messages per second all producers together post, evenly paced (0: unlimited).")
    var rate: Double = 0

    @Option(name: .customLong("request-timeout"), help: "Seconds one request may take.")
    var requestTimeout = 30

    @Option(help: "Write the results as JSON to this file.")
    var json: String?

    @Flag(name: .customLong("keep-queues"), help: "Leave the queues behind instead of deleting them.")
    var keepQueues = false

    func validate() throws {
        guard queues >= 1, producers >= 1, batch >= 1 else {
            throw ValidationError("--queues, --producers and --batch must be at least 1.")
        }
        guard consumers >= 0, observers >= 0 else { throw ValidationError("--consumers and --observers must not be negative.") }
        guard producers + consumers + observers <= 4096 else {
            throw ValidationError("--producers + --consumers + --observers must be at most 4096.")
        }
        guard (1...20).contains(claim) else { throw ValidationError("--claim must be 1...20 (the bulk delete takes 20 ids).") }
        guard claimTTL >= 1, claimGrace >= 0 else { throw ValidationError("--claim-ttl must be positive, --claim-grace not negative.") }
        guard (0...10_000_000).contains(bodySize) else { throw ValidationError("--body-size must be 0...10000000.") }
        guard duration == nil || messages == nil else { throw ValidationError("give --duration or --messages, not both.") }
        guard (duration ?? 1) >= 1, (messages ?? 1) >= 1 else { throw ValidationError("--duration and --messages must be at least 1.") }
        guard (0...86_400).contains(warmup), (1...86_400).contains(timeout), (duration ?? 1) <= 86_400 else {
            throw ValidationError("--warmup, --duration and --timeout must be at most 86400 seconds.")
        }
        guard rate >= 0, rate.isFinite else { throw ValidationError("--rate must be 0 (unlimited) or positive.") }
        guard (1...3_600).contains(requestTimeout) else { throw ValidationError("--request-timeout must be 1...3600.") }
    }

    func run() async throws {
        let stop: LoadSettings.Stop = messages.map { .messages(count: $0, timeoutSeconds: timeout) }
            ?? .duration(seconds: duration ?? 30)
        let settings = LoadSettings(
            endpoint: target.endpoint, project: target.project, authToken: target.token, queues: queues, producers: producers, batch: batch,
            consumers: consumers, claim: claim, claimTTL: claimTTL, claimGrace: claimGrace, observers: observers,
            bodySize: bodySize, stop: stop, warmupSeconds: warmup, rate: rate, requestTimeoutSeconds: requestTimeout,
            keepQueues: keepQueues
        )
        try await ScenarioReport.finish(json: json) { try await LoadBenchmark(settings: settings).run() }
    }
}
