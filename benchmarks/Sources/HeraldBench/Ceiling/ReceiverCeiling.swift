import AsyncHTTPClient
import NIOCore

/// The ceiling of the benchmark's own side: the notification receiver (and this process's
/// HTTP client) driven directly, without any Zaqar server. C connections POST the
/// notifications a Zaqar node would send for M messages to N subscribers, through the same
/// receiver, ledger and payload parsing the `notifications` scenario uses.
struct ReceiverCeiling: Sendable {
    /// The parameters of the run.
    let settings: ReceiverCeilingSettings

    /// Runs the measurement; throws when the receiver cannot start.
    func run() async throws -> ReceiverCeilingResult {
        let ledger = DeliveryLedger(subscribers: settings.subscribers, messages: settings.messages)
        let receiver = try await NotificationReceiver.start(port: 0, ledger: ledger)
        StandardStreams.line("==> receiver on 127.0.0.1:\(receiver.port); \(settings.connections) connections")
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: settings.connections
        )
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let requests = OperationStats()
        let settings = self.settings
        let deadline = MonotonicClock.now() + UInt64(settings.timeoutSeconds) * 1_000_000_000
        let expected = settings.messages * settings.subscribers
        let progress = ProgressPrinter(
            snapshot: { ledger.unique },
            line: { current, previous, elapsed, interval in
                Figures.elapsed(elapsed) + " delivered \(current)/\(expected)"
                    + "  \(Figures.decimal(Figures.rate(current - previous, seconds: interval))) notifications/s"
            }
        ).start()
        let urls = (0..<settings.subscribers).map(receiver.subscriberURL)
        await BatchProducers(producers: settings.connections, batchCount: expected, deadline: deadline).run { index in
            await Self.deliver(
                index: index, url: urls[index % settings.subscribers], seq: index / settings.subscribers,
                settings: settings, http: http, requests: requests
            )
        }
        progress.cancel()
        await progress.value
        try? await http.shutdown()
        await receiver.shutdown()
        return ReceiverCeilingResult(settings: settings, requests: requests.snapshot(), deliveries: ledger.snapshot())
    }

    /// POSTs one notification straight to the receiver and records the outcome.
    private static func deliver(
        index: Int, url: String, seq: Int, settings: ReceiverCeilingSettings, http: HTTPClient, requests: OperationStats
    ) async {
        let sent = MonotonicClock.now()
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        let payload = NotificationPayload.make(seq: seq, sent: sent, bodySize: settings.bodySize)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Content-Length", value: String(payload.readableBytes))
        request.body = .bytes(payload)
        do {
            let response = try await http.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 16)
            let end = MonotonicClock.now()
            if (200..<300).contains(response.status.code) {
                requests.succeeded(items: 1, start: sent, end: end)
            } else {
                requests.failed("receiver answered \(response.status.code)", start: sent, end: end)
            }
        } catch {
            requests.failed(String(describing: error), start: sent, end: MonotonicClock.now())
        }
    }
}
