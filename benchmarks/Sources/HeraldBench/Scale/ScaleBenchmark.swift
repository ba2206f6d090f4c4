import NIOCore
import Synchronization

/// `herald-bench scale`: the store's latency and memory as it grows.
///
/// Three probes (see ``LatencyProbe``) against one backlog queue: on the empty store, after
/// `messages` messages were queued in that queue (so in the one storage node that holds it),
/// and after `queues` more queues were created in the project. Between probes it fills as fast
/// as `workers` concurrent requests allow, printing a progress line every second with the
/// watched processes' resident memory. It passes when no request failed, every probe's post
/// and claim p50 and p99 stay within twice the empty store's, and no watched process grew by
/// more than the budget.
struct ScaleBenchmark {
    let settings: ScaleSettings

    func run() async throws -> ScaleResult {
        let configuration = ZaqarClient.Configuration(
            endpoint: settings.endpoint, project: settings.project, clientID: RandomName.uuid(),
            authToken: settings.authToken, connections: settings.workers,
            requestTimeout: .seconds(settings.requestTimeoutSeconds))
        return try await ZaqarClient.with(configuration) { client in
            let run = RandomName.hex(prefix: "bench-scale-")
            let backlog = run + "-backlog"
            try await client.createQueue(backlog)
            let probeDocument = BenchMessageBody.postDocument(seqs: 0..<10, sent: 0, bodySize: settings.bodySize)
            let probe = LatencyProbe(client: client, queue: backlog, document: probeDocument, cycles: settings.probeCycles)
            let startResident = residentNow()

            var phases = [try await measure(probe, name: "empty store", queued: 0, queues: 1)]
            let fillErrors = try await fill(client, queue: backlog)
            phases.append(try await measure(probe, name: "\(settings.messages) messages queued", queued: settings.messages, queues: 1))
            let queueErrors = try await createQueues(client, prefix: run + "-q")
            phases.append(try await measure(
                probe, name: "+ \(settings.queues) queues", queued: settings.messages, queues: settings.queues + 1))
            return ScaleResult(
                settings: settings, phases: phases, startResident: startResident,
                fillErrors: fillErrors, queueErrors: queueErrors)
        }
    }

    private func measure(_ probe: LatencyProbe, name: String, queued: Int, queues: Int) async throws -> ScalePhase {
        StandardStreams.line("probe: \(name), \(settings.probeCycles) post/claim/delete cycles")
        let figures = try await probe.run()
        return ScalePhase(
            name: name, queuedMessages: queued, queues: queues, post: figures.post, claim: figures.claim,
            delete: figures.delete, resident: residentNow(), errors: figures.errors)
    }

    /// Posts `messages` messages into `queue` in batches of `fillBatch` from `workers` tasks;
    /// returns the failed posts.
    private func fill(_ client: ZaqarClient, queue: String) async throws -> Int {
        let document = BenchMessageBody.postDocument(seqs: 0..<settings.fillBatch, sent: 0, bodySize: settings.bodySize)
        let batches = (settings.messages + settings.fillBatch - 1) / settings.fillBatch
        let lastBatch = settings.messages - (batches - 1) * settings.fillBatch
        let lastDocument = BenchMessageBody.postDocument(seqs: 0..<lastBatch, sent: 0, bodySize: settings.bodySize)
        let progress = SharedCounter()
        let printer = progressPrinter("fill", unit: "messages", total: settings.messages, progress: progress).start()
        defer { printer.cancel() }
        return try await forEach(count: batches) { index in
            let isLast = index == batches - 1
            let response = try await client.postMessages(isLast ? lastDocument : document, to: queue)
            progress.add(isLast ? lastBatch : settings.fillBatch)
            return response.status == 201
        }
    }

    /// Creates `queues` empty queues named `prefix<i>`; returns the failed creations.
    private func createQueues(_ client: ZaqarClient, prefix: String) async throws -> Int {
        let progress = SharedCounter()
        let printer = progressPrinter("queues", unit: "queues", total: settings.queues, progress: progress).start()
        defer { printer.cancel() }
        return try await forEach(count: settings.queues) { index in
            let response = try await client.send(.PUT, ZaqarClient.queuePath(prefix + String(index)), body: Self.emptyObject)
            progress.add(1)
            return response.status == 201 || response.status == 204
        }
    }

    private static let emptyObject = ByteBuffer(string: "{}")

    /// Runs `body` for `0..<count` on `workers` tasks; returns how many calls returned false.
    private func forEach(
        count: Int, _ body: @escaping @Sendable (Int) async throws -> Bool
    ) async throws -> Int {
        let next = SharedCounter()
        let failures = SharedCounter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<settings.workers {
                group.addTask {
                    while true {
                        let index = next.add(1)
                        guard index < count else { return }
                        if try await !body(index) { failures.add(1) }
                    }
                }
            }
            try await group.waitForAll()
        }
        return failures.value
    }

    private func residentNow() -> [(label: String, bytes: UInt64?)] {
        settings.watched.map { ($0.label, ProcessMemory.residentBytes(of: $0.pid)) }
    }

    private func progressPrinter(
        _ stage: String, unit: String, total: Int, progress: SharedCounter
    ) -> ProgressPrinter<Int> {
        let watched = settings.watched
        return ProgressPrinter(snapshot: { progress.value }) { current, previous, elapsed, interval in
            var line = "\(Figures.elapsed(elapsed)) \(stage) \(current)/\(total) \(unit)"
            line += ", " + Figures.decimal(Figures.rate(current - previous, seconds: interval)) + "/s"
            for process in watched {
                let resident = ProcessMemory.residentBytes(of: process.pid).map(ProcessMemory.megabytes) ?? "gone"
                line += ", \(process.label) \(resident)"
            }
            return line
        }
    }
}

/// A counter shared by concurrent tasks: how far a fill stage has come, the next item to take,
/// the failures so far.
final class SharedCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// Adds `amount` and returns the value before.
    @discardableResult
    func add(_ amount: Int) -> Int {
        count.wrappingAdd(amount, ordering: .relaxed).oldValue
    }

    /// The current value.
    var value: Int { count.load(ordering: .relaxed) }
}
