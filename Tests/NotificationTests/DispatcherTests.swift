import Foundation
import Shared
import StorageNode
import XCTest

/// `NotificationDispatcher` over a real SQLite store and a real HTTP receiver.
final class DispatcherTests: XCTestCase {
    private var directory: URL!
    private var store: SQLiteQueueStore!
    private var receiver: DispatcherReceiver!
    private var webhook: WebhookSender!
    private var dispatcherTask: Task<Void, Never>?
    private let queue = QueueRef(project: "p1", name: "q1")

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dispatcher-\(UUID().uuidString)")
        store = try SQLiteQueueStore(path: directory.appendingPathComponent("herald.sqlite").path)
        receiver = try await DispatcherReceiver.start()
        webhook = WebhookSender()
    }

    override func tearDown() async throws {
        dispatcherTask?.cancel()
        await receiver?.stop()
        await dispatcherTask?.value
        await webhook?.shutdown()
        try? store?.close()
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func startDispatcher(timeout: Duration = .seconds(10)) {
        let dispatcher = NotificationDispatcher(
            store: store, webhook: webhook, mailer: nil, clock: SystemWallClock(), deliveryTimeout: timeout)
        dispatcherTask = Task { await dispatcher.run() }
    }

    @discardableResult
    private func subscribe(_ path: String, options: String = "{}") async throws -> String {
        try await store.createSubscription(
            queue, NewSubscription(subscriber: receiver.url(path), ttl: 3600, options: Array(options.utf8))
        ).id
    }

    private func post(_ body: String) async throws -> String {
        let ids = try await store.postMessages(
            queue, clientID: "c", messages: [NewMessage(body: Array(body.utf8), ttl: 300)], requestSize: body.utf8.count)
        return try XCTUnwrap(ids.first)
    }

    private func outboxEmpties() async -> Bool {
        await eventually(within: 10) { [store] in (try? await store?.outboxCount()) == 0 }
    }

    func testPostedMessageIsDeliveredOnceWithItsID() async throws {
        try await subscribe("/ok")
        startDispatcher()
        let id = try await post(#"{"event":"BackupStarted"}"#)
        let delivered = await eventually(within: 10) { [receiver] in await receiver?.hits("/ok").count == 1 }
        XCTAssertTrue(delivered)
        let emptied = await outboxEmpties()
        XCTAssertTrue(emptied)
        let hits = await receiver.hits("/ok")
        XCTAssertEqual(hits.count, 1)
        let payload = try JSONValue.parse(try XCTUnwrap(hits.first).body)
        XCTAssertEqual(payload["id"], .string(id))
        XCTAssertEqual(payload["queue_name"], .string("q1"))
        XCTAssertEqual(payload["body"]?["event"], .string("BackupStarted"))
    }

    func testServerErrorsAreRetriedOnTheSchedule() async throws {
        // Delays: [0 (no-delay retry), 1 s (minimum-delay retry), backoff 1…, …].
        let policy = #"{"_retry_policy":{"retries_with_no_delay":1,"minimum_delay_retries":1,"minimum_delay":1,"# +
            #""maximum_delay":11,"maximum_delay_retries":0}}"#
        await receiver.script.set("/flaky", [500, 500, 200])
        try await subscribe("/flaky", options: policy)
        startDispatcher()
        _ = try await post(#"{"n":1}"#)
        let emptied = await outboxEmpties()
        XCTAssertTrue(emptied)
        let hits = await receiver.hits("/flaky")
        XCTAssertEqual(hits.count, 3, "delivered on the third attempt, then not again")
        if hits.count == 3 {
            // The third attempt waited the schedule's 1 s minimum delay after the second.
            XCTAssertGreaterThanOrEqual(hits[2].at - hits[1].at, .milliseconds(900))
        }
    }

    func testClientErrorIsNotRetried() async throws {
        await receiver.script.set("/gone", [404, 200])
        try await subscribe("/gone")
        startDispatcher()
        _ = try await post(#"{"n":1}"#)
        let emptied = await outboxEmpties()
        XCTAssertTrue(emptied)
        // Give a wrongly scheduled retry (defaults: 3 immediate ones) the chance to show up.
        try await Task.sleep(for: .milliseconds(300))
        let hits = await receiver.hits("/gone")
        XCTAssertEqual(hits.count, 1)
    }

    func testHangingSubscriberDoesNotDelayAnother() async throws {
        try await subscribe("/hang")
        try await subscribe("/ok")
        startDispatcher(timeout: .seconds(60))
        _ = try await post(#"{"n":1}"#)
        let hung = await eventually(within: 10) { [receiver] in await receiver?.hits("/hang").count == 1 }
        XCTAssertTrue(hung)
        let delivered = await eventually(within: 5) { [receiver] in await receiver?.hits("/ok").count == 1 }
        XCTAssertTrue(delivered, "the other subscriber is served while one hangs")
        // The delivered row is completed (its commit may trail the receiver's hit); the hanging
        // row stays in flight, not handed out again.
        let onlyHangingLeft = await eventually(within: 5) { [store] in (try? await store?.outboxCount()) == 1 }
        XCTAssertTrue(onlyHangingLeft)
        let hangHits = await receiver.hits("/hang")
        XCTAssertEqual(hangHits.count, 1)
    }

    func testMessageRowsOfUnconfirmedSubscriptionsAreDroppedOnceConfirmationIsRequired() async throws {
        // Written while confirmation was not required; the node then restarts requiring it.
        let confirmedID = try await subscribe("/confirmed")
        try await subscribe("/unconfirmed")
        try await store.confirmSubscription(queue, id: confirmedID, confirmed: true)
        _ = try await post(#"{"n":1}"#)
        let written = try await store.outboxCount()
        XCTAssertEqual(written, 2)
        try store.close()
        store = try SQLiteQueueStore(
            path: directory.appendingPathComponent("herald.sqlite").path, requireConfirmation: true)

        startDispatcher()
        let emptied = await outboxEmpties()
        XCTAssertTrue(emptied, "the unconfirmed subscription's row is dropped, not kept pending")
        let confirmedHits = await receiver.hits("/confirmed")
        XCTAssertEqual(confirmedHits.count, 1)
        let unconfirmedHits = await receiver.hits("/unconfirmed")
        XCTAssertEqual(unconfirmedHits.count, 0, "never delivered, not even after a later confirmation")
    }
}
