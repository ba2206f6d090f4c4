import Foundation
import Shared
import StorageNode
import XCTest

/// `NotificationDispatcher`: `mailto:` subscribers over a real SMTP listener, a missing mailer,
/// and the end of the retry schedule.
final class DispatcherMailAndScheduleTests: XCTestCase {
    private var directory: URL!
    private var clock: TestWallClock!
    private var store: SQLiteQueueStore!
    private var webhook: WebhookSender!
    private var dispatcherTask: Task<Void, Never>?
    private var cleanups: [@Sendable () async -> Void] = []
    private let queue = QueueRef(project: "p1", name: "q1")

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dispatcher-\(UUID().uuidString)")
        clock = TestWallClock()
        store = try SQLiteQueueStore(path: directory.appendingPathComponent("herald.sqlite").path, clock: clock)
        webhook = WebhookSender()
    }

    override func tearDown() async throws {
        dispatcherTask?.cancel()
        for cleanup in cleanups { await cleanup() }
        await dispatcherTask?.value
        await webhook?.shutdown()
        try? store?.close()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func startDispatcher(mailer: SMTPMailer?) {
        let dispatcher = NotificationDispatcher(store: store, webhook: webhook, mailer: mailer, clock: clock)
        dispatcherTask = Task { await dispatcher.run() }
    }

    private func subscribe(_ subscriber: String, options: String = "{}") async throws {
        _ = try await store.createSubscription(
            queue, NewSubscription(subscriber: subscriber, ttl: 100_000_000, options: Array(options.utf8)))
    }

    private func post(_ body: String) async throws -> String {
        let ids = try await store.postMessages(
            queue, clientID: "c", messages: [NewMessage(body: Array(body.utf8), ttl: 300)], requestSize: body.utf8.count)
        return try XCTUnwrap(ids.first)
    }

    func testMailtoSubscriberGetsThePayloadByEmail() async throws {
        let server = try await SMTPTestServer.start()
        cleanups.append { await server.stop() }
        let mailer = SMTPMailer(
            configuration: SMTPConfiguration(host: "127.0.0.1", port: server.port, from: "herald@example.com"))
        try await subscribe("mailto:ops@example.com?subject=Queue%20alert", options: #"{"from":"alerts@example.com"}"#)
        startDispatcher(mailer: mailer)
        let id = try await post(#"{"event":"BackupStarted"}"#)
        let sent = await eventually(within: 10) { await server.messages().count == 1 }
        XCTAssertTrue(sent)
        let first = await server.messages().first
        let message = try XCTUnwrap(first)
        XCTAssertEqual(message.recipients, ["ops@example.com"])
        XCTAssertEqual(message.mailFrom, "alerts@example.com")
        XCTAssertEqual(message.header("Subject"), "Queue alert")
        let payload = try JSONValue.parse(Array(message.body.joined(separator: "\n").utf8))
        XCTAssertEqual(payload["id"], .string(id))
        let emptied = await eventually(within: 10) { [store] in (try? await store?.outboxCount()) == 0 }
        XCTAssertTrue(emptied)
    }

    func testMailtoWithoutMailerStaysPending() async throws {
        try await subscribe("mailto:ops@example.com")
        startDispatcher(mailer: nil)
        _ = try await post(#"{"n":1}"#)
        let now = clock.nowMillis()
        let deferred = await eventually(within: 10) { [store] in
            guard let next = try? await store?.nextNotificationDue() else { return false }
            return next > now + 60_000
        }
        XCTAssertTrue(deferred, "rescheduled far ahead instead of dropped or retried")
        let pending = try await store.outboxCount()
        XCTAssertEqual(pending, 1)
    }

    func testRetriesStopWhenTheScheduleIsExhausted() async throws {
        let receiver = try await DispatcherReceiver.start()
        cleanups.append { await receiver.stop() }
        await receiver.script.set("/down", [500])
        try await subscribe(receiver.url("/down"))
        startDispatcher(mailer: nil)
        _ = try await post(#"{"n":1}"#)
        // Move time past every delay of the default schedule (at most 30 s) until the row is abandoned.
        let deadline = ContinuousClock.now + .seconds(30)
        var remaining = try await store.outboxCount()
        while remaining > 0, ContinuousClock.now < deadline {
            clock.advance(seconds: 31)
            try await Task.sleep(for: .milliseconds(20))
            remaining = try await store.outboxCount()
        }
        XCTAssertEqual(remaining, 0, "given up once the schedule is exhausted")
        let hits = await receiver.hits("/down")
        XCTAssertEqual(hits.count, RetryPolicy.defaults.delays().count + 1, "the first attempt plus one per delay")
    }

    func testQueuePolicyWinsWhenItIgnoresSubscriptionOverrides() async throws {
        let receiver = try await DispatcherReceiver.start()
        cleanups.append { await receiver.stop() }
        await receiver.script.set("/down", [500])
        // Queue schedule: [0, 1, 6] → 4 attempts; the subscription's own policy would allow 12.
        let queuePolicy = #"{"_retry_policy":{"retries_with_no_delay":1,"minimum_delay_retries":0,"minimum_delay":1,"# +
            #""maximum_delay":11,"maximum_delay_retries":0,"ignore_subscription_override":true}}"#
        _ = try await store.createQueue(queue, metadata: QueueMetadata(json: Array(queuePolicy.utf8), settings: QueueSettings()))
        try await subscribe(receiver.url("/down"), options: #"{"_retry_policy":{"retries_with_no_delay":11}}"#)
        startDispatcher(mailer: nil)
        _ = try await post(#"{"n":1}"#)
        let deadline = ContinuousClock.now + .seconds(30)
        var remaining = try await store.outboxCount()
        while remaining > 0, ContinuousClock.now < deadline {
            clock.advance(seconds: 31)
            try await Task.sleep(for: .milliseconds(20))
            remaining = try await store.outboxCount()
        }
        XCTAssertEqual(remaining, 0)
        let hits = await receiver.hits("/down")
        XCTAssertEqual(hits.count, 4, "the queue's schedule applied")
    }
}
