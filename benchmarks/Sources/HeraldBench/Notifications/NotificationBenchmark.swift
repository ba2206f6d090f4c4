import NIOCore

/// One run of the notification benchmark: starts the receiver, creates a fresh queue with N
/// subscriptions pointing at it, posts M messages from P producers in batches, waits until
/// every notification arrived (or the timeout), then deletes the subscriptions and the queue.
struct NotificationBenchmark: Sendable {
    /// How often the wait for the last deliveries looks at the ledger.
    static let pollInterval = Duration.milliseconds(10)

    /// The parameters of the run.
    let settings: NotificationSettings

    /// Runs the benchmark; throws when the receiver cannot start or the set-up requests fail.
    func run() async throws -> NotificationResult {
        let ledger = DeliveryLedger(subscribers: settings.subscribers, messages: settings.messages)
        let receiver = try await NotificationReceiver.start(port: settings.receiverPort, ledger: ledger)
        let configuration = ZaqarClient.Configuration(
            endpoint: settings.endpoint, project: settings.project, clientID: RandomName.uuid(),
            authToken: settings.authToken, connections: settings.producers + 2
        )
        let queue = RandomName.hex(prefix: "bench-notify-")
        StandardStreams.line("==> receiver on 127.0.0.1:\(receiver.port); queue \(queue); Client-ID \(configuration.clientID)")
        do {
            let result = try await ZaqarClient.with(configuration) { client in
                try await run(client: client, queue: queue, receiver: receiver, ledger: ledger)
            }
            await receiver.shutdown()
            return result
        } catch {
            await receiver.shutdown()
            throw error
        }
    }

    private func run(
        client: ZaqarClient, queue: String, receiver: NotificationReceiver, ledger: DeliveryLedger
    ) async throws -> NotificationResult {
        var subscriptions: [String] = []
        do {
            try await client.createQueue(queue)
            for index in 0..<settings.subscribers {
                subscriptions.append(
                    try await client.createSubscription(
                        queue: queue, subscriber: receiver.subscriberURL(index), ttl: settings.subscriptionTTL
                    )
                )
            }
        } catch {
            await cleanUp(client: client, queue: queue, subscriptions: subscriptions)
            throw error
        }
        let measured = await measure(client: client, queue: queue, ledger: ledger)
        await cleanUp(client: client, queue: queue, subscriptions: subscriptions)
        return NotificationResult(
            settings: settings, queue: queue, posts: measured.posts, deliveries: ledger.snapshot(),
            timedOut: measured.timedOut
        )
    }

    /// Posts every batch, then waits for the deliveries of every posted message.
    private func measure(
        client: ZaqarClient, queue: String, ledger: DeliveryLedger
    ) async -> (posts: OperationStats.Snapshot, timedOut: Bool) {
        let posts = OperationStats()
        let settings = self.settings
        let deadline = MonotonicClock.now() + UInt64(settings.timeoutSeconds) * 1_000_000_000
        let progress = NotificationProgress.printer(posts: posts, ledger: ledger, settings: settings).start()
        await BatchProducers(producers: settings.producers, batchCount: settings.batchCount, deadline: deadline).run { batch in
            await Self.post(batch: batch, settings: settings, client: client, queue: queue, posts: posts, deadline: deadline)
        }
        let expected = posts.items * settings.subscribers
        while ledger.unique < expected, MonotonicClock.now() < deadline {
            try? await Task.sleep(for: Self.pollInterval)
        }
        progress.cancel()
        await progress.value
        let posted = posts.snapshot()
        let timedOut = ledger.unique < expected || posted.succeeded + posted.failed < settings.batchCount
        return (posted, timedOut)
    }

    /// Posts one batch stamped with the current time and records the outcome.
    private static func post(
        batch: Int, settings: NotificationSettings, client: ZaqarClient, queue: String, posts: OperationStats,
        deadline: UInt64
    ) async {
        let seqs = settings.seqs(ofBatch: batch)
        let sent = MonotonicClock.now()
        guard sent < deadline else { return }
        let document = BenchMessageBody.postDocument(seqs: seqs, sent: sent, bodySize: settings.bodySize)
        do {
            let response = try await client.postMessages(document, to: queue, timeout: .nanoseconds(Int64(deadline - sent)))
            let end = MonotonicClock.now()
            if response.isSuccess {
                posts.succeeded(items: seqs.count, start: sent, end: end)
            } else {
                posts.failed("POST messages: HTTP \(response.status): \(response.bodyText)", start: sent, end: end)
            }
        } catch {
            posts.failed(error.description, start: sent, end: MonotonicClock.now())
        }
    }

    /// Deletes the subscriptions and the queue; failures are reported on stderr, not thrown.
    private func cleanUp(client: ZaqarClient, queue: String, subscriptions: [String]) async {
        for id in subscriptions {
            do {
                try await client.deleteSubscription(queue: queue, id: id)
            } catch {
                StandardStreams.error("warning: clean-up: \(error)")
            }
        }
        do {
            try await client.deleteQueue(queue)
        } catch {
            StandardStreams.error("warning: clean-up: \(error)")
        }
    }
}
