import Foundation
import Shared
import StorageNode
import XCTest

/// Confirmation requests and unsubscribe notices to webhook subscribers (spec §5.5) over a real
/// SQLite store that requires confirmation and a real HTTP receiver.
final class ConfirmationWebhookTests: XCTestCase {
    private static let secret = "confirmation-test-secret"
    private static let publicURL = "http://herald.example:8888/"

    private var directory: URL!
    private var clock: TestWallClock!
    private var store: SQLiteQueueStore!
    private var receiver: DispatcherReceiver!
    private var webhook: WebhookSender!
    private var dispatcherTask: Task<Void, Never>?
    private let queue = QueueRef(project: "p1", name: "q1")
    private let signer = URLSigner(secret: ConfirmationWebhookTests.secret)

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("confirmation-\(UUID().uuidString)")
        clock = TestWallClock()
        store = try SQLiteQueueStore(
            path: directory.appendingPathComponent("herald.sqlite").path, clock: clock, requireConfirmation: true)
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

    private func startDispatcher(signer: URLSigner? = URLSigner(secret: ConfirmationWebhookTests.secret)) {
        let dispatcher = NotificationDispatcher(
            store: store, webhook: webhook, mailer: nil, clock: clock,
            confirmation: ConfirmationSettings(signer: signer, publicURL: Self.publicURL))
        dispatcherTask = Task { await dispatcher.run() }
    }

    private func subscribe(_ path: String, to queue: QueueRef? = nil, ttl: Int = 3600, options: String = "{}") async throws
        -> String
    {
        try await store.createSubscription(
            queue ?? self.queue, NewSubscription(subscriber: receiver.url(path), ttl: ttl, options: Array(options.utf8))
        ).id
    }

    private func post(_ body: String) async throws -> String {
        let ids = try await store.postMessages(
            queue, clientID: "c", messages: [NewMessage(body: Array(body.utf8), ttl: 300)], requestSize: body.utf8.count)
        return try XCTUnwrap(ids.first)
    }

    /// The parsed bodies received on `path` once there are `count` of them.
    private func bodies(_ path: String, count: Int) async throws -> [JSONValue] {
        let arrived = await eventually(within: 10) { [receiver] in await (receiver?.hits(path).count ?? 0) >= count }
        XCTAssertTrue(arrived, "\(count) requests on \(path)")
        return try await receiver.hits(path).map { try JSONValue.parse($0.body) }
    }

    private func outboxEmpties() async -> Bool {
        await eventually(within: 10) { [store] in (try? await store?.outboxCount()) == 0 }
    }

    /// Whether `request`'s URL-* fields and X-Project-ID verify with the test secret.
    private func verifies(_ request: JSONValue) -> Bool {
        guard case .string(let signature)? = request["URL-Signature"], case .string(let paths)? = request["URL-Paths"],
              case .string(let methods)? = request["URL-Methods"], case .string(let project)? = request["X-Project-ID"],
              case .string(let expires)? = request["URL-Expires"], let seconds = UTCTimestamp.parseISO8601(expires)
        else { return false }
        let scope = SignedURLScope(
            paths: paths.split(separator: ",").map(String.init), methods: methods.split(separator: ",").map(String.init),
            project: project, expiresSeconds: seconds)
        return signer.isValid(signature: signature, for: scope)
    }

    func testSubscriptionConfirmationIsSignedAndExpiresWithTheSubscription() async throws {
        clock.advance(seconds: 0)
        let created = clock.nowMillis()
        let id = try await subscribe("/hook", ttl: 7_200)
        startDispatcher()
        let received = try await bodies("/hook", count: 1)
        let request = try XCTUnwrap(received.first)
        let path = "/v2/queues/q1/subscriptions/\(id)/confirm"
        guard case .object(let members) = request else { return XCTFail("not an object: \(request)") }
        XCTAssertEqual(members.map(\.key), [
            "Message_Type", "Message", "URL-Signature", "URL-Methods", "URL-Paths", "URL-Expires", "X-Project-ID",
            "SubscribeBody", "UnsubscribeBody", "queue_name", "WSGISubscribeURL",
        ])
        XCTAssertEqual(request["Message_Type"], .string("SubscriptionConfirmation"))
        guard case .string(let message)? = request["Message"] else { return XCTFail("no Message") }
        XCTAssertTrue(message.contains("queue: q1"), message)
        XCTAssertEqual(request["URL-Methods"], .string("PUT"))
        XCTAssertEqual(request["URL-Paths"], .string(path))
        XCTAssertEqual(request["X-Project-ID"], .string("p1"))
        XCTAssertEqual(request["URL-Expires"], .string(UTCTimestamp.naive(seconds: created / 1000 + 7_200)))
        XCTAssertEqual(request["SubscribeBody"], .object([("confirmed", .bool(true))]))
        XCTAssertEqual(request["UnsubscribeBody"], .object([("confirmed", .bool(false))]))
        XCTAssertEqual(request["queue_name"], .string("q1"))
        XCTAssertEqual(request["WSGISubscribeURL"], .string("http://herald.example:8888" + path))
        XCTAssertTrue(verifies(request), "the signature verifies with URLSigner")
        let hits = await receiver.hits("/hook")
        XCTAssertEqual(hits.first?.header("Content-Type"), ["application/json"])
        let emptied = await outboxEmpties()
        XCTAssertTrue(emptied)
        let subscription = try await store.getSubscription(queue, id: id)
        XCTAssertEqual(subscription?.confirmed, false, "delivering the request does not confirm")
    }

    func testMessagesFlowOnlyOnceConfirmed() async throws {
        let id = try await subscribe("/hook")
        startDispatcher()
        _ = try await bodies("/hook", count: 1)
        _ = try await post(#"{"n":"before"}"#)
        let emptiedBefore = await outboxEmpties()
        XCTAssertTrue(emptiedBefore)

        try await store.confirmSubscription(queue, id: id, confirmed: true)
        let messageID = try await post(#"{"n":"after"}"#)
        let received = try await bodies("/hook", count: 2)
        let emptied = await outboxEmpties()
        XCTAssertTrue(emptied)
        try await Task.sleep(for: .milliseconds(200))
        let hits = await receiver.hits("/hook")
        XCTAssertEqual(hits.count, 2, "the confirmation request and the message posted after confirming")
        XCTAssertEqual(received.last?["Message_Type"], .string("Notification"))
        XCTAssertEqual(received.last?["id"], .string(messageID))
        XCTAssertEqual(received.last?["body"]?["n"], .string("after"))
    }

    func testUnsubscribeSendsANoticeAndStopsMessages() async throws {
        let id = try await subscribe("/hook")
        try await store.confirmSubscription(queue, id: id, confirmed: true)
        startDispatcher()
        _ = try await post(#"{"n":1}"#)
        _ = try await bodies("/hook", count: 2)

        clock.advance(seconds: 10)
        try await store.confirmSubscription(queue, id: id, confirmed: false)
        let afterNotice = try await bodies("/hook", count: 3)
        let notice = try XCTUnwrap(afterNotice.last)
        XCTAssertEqual(notice["Message_Type"], .string("UnsubscribeConfirmation"))
        XCTAssertEqual(notice["URL-Paths"], .string("/v2/queues/q1/subscriptions/\(id)/confirm"))
        XCTAssertEqual(notice["URL-Expires"], .string(UTCTimestamp.naive(seconds: clock.nowMillis() / 1000 + 3600)))
        XCTAssertEqual(notice["SubscribeBody"], .object([("confirmed", .bool(true))]))
        XCTAssertTrue(verifies(notice), "a fresh link to subscribe again")

        _ = try await post(#"{"n":2}"#)
        let emptied = await outboxEmpties()
        XCTAssertTrue(emptied)
        try await Task.sleep(for: .milliseconds(200))
        let hits = await receiver.hits("/hook")
        XCTAssertEqual(hits.count, 3, "nothing after the notice")
    }

    func testPendingMessagesOfAnUnsubscribedSubscriptionAreDropped() async throws {
        let id = try await subscribe("/hook")
        try await store.confirmSubscription(queue, id: id, confirmed: true)
        _ = try await post(#"{"n":"queued"}"#)
        try await store.confirmSubscription(queue, id: id, confirmed: false)
        let queued = try await store.outboxCount()
        XCTAssertEqual(queued, 3, "request, message and notice")

        startDispatcher()
        let emptied = await outboxEmpties()
        XCTAssertTrue(emptied)
        let types = try await receiver.hits("/hook").map { request -> String in
            guard case .string(let type)? = try JSONValue.parse(request.body)["Message_Type"] else { return "" }
            return type
        }
        // Deliveries run concurrently: no order between the two.
        XCTAssertEqual(types.sorted(), ["SubscriptionConfirmation", "UnsubscribeConfirmation"], "the message is not delivered")
    }

    func testPostHeadersAndPostDataApplyToConfirmations() async throws {
        let options = #"{"post_headers":{"X-Token":"abc"},"post_data":"{\"wrapped\": \"$zaqar_message$\"}"}"#
        _ = try await subscribe("/hook", options: options)
        startDispatcher()
        let received = try await bodies("/hook", count: 1)
        let body = try XCTUnwrap(received.first)
        XCTAssertEqual(body["wrapped"]?["Message_Type"], .string("SubscriptionConfirmation"))
        XCTAssertTrue(verifies(try XCTUnwrap(body["wrapped"])))
        let hits = await receiver.hits("/hook")
        XCTAssertEqual(hits.first?.header("X-Token"), ["abc"])
    }

    func testServerErrorOnAConfirmationIsRetried() async throws {
        await receiver.script.set("/flaky", [503, 500, 200])
        _ = try await subscribe("/flaky")
        startDispatcher()
        let emptied = await outboxEmpties()
        XCTAssertTrue(emptied)
        let requests = try await receiver.hits("/flaky").map { try JSONValue.parse($0.body) }
        XCTAssertEqual(requests.count, 3, "delivered on the third attempt (the default schedule starts with immediate retries)")
        XCTAssertEqual(requests.map { $0["Message_Type"] }, Array(repeating: .string("SubscriptionConfirmation"), count: 3))
    }

    func testTopicSubscriptionsGetTopicPathsAndTheRealProject() async throws {
        let topic = TopicNamespace.queueRef(project: "p1", topic: "news")
        let id = try await subscribe("/hook", to: topic)
        startDispatcher()
        let received = try await bodies("/hook", count: 1)
        let request = try XCTUnwrap(received.first)
        let path = "/v2/topics/news/subscriptions/\(id)/confirm"
        XCTAssertEqual(request["URL-Paths"], .string(path))
        XCTAssertEqual(request["X-Project-ID"], .string("p1"))
        XCTAssertEqual(request["queue_name"], .string("news"))
        XCTAssertEqual(request["WSGISubscribeURL"], .string("http://herald.example:8888" + path))
        guard case .string(let message)? = request["Message"] else { return XCTFail("no Message") }
        XCTAssertTrue(message.contains("topic: news"), message)
        XCTAssertTrue(verifies(request))
    }

    func testWithoutASignerConfirmationsAreDropped() async throws {
        _ = try await subscribe("/hook")
        startDispatcher(signer: nil)
        let emptied = await outboxEmpties()
        XCTAssertTrue(emptied)
        let hits = await receiver.hits("/hook")
        XCTAssertTrue(hits.isEmpty, "nothing unsigned is sent")
    }

    func testConfirmationRowsAreDroppedOnceConfirmationIsNoLongerRequired() async throws {
        let id = try await subscribe("/hook")
        try await store.confirmSubscription(queue, id: id, confirmed: false)
        let queued = try await store.outboxCount()
        XCTAssertEqual(queued, 2, "a request and a notice")
        // The node restarts without --require-confirmation.
        try store.close()
        store = try SQLiteQueueStore(path: directory.appendingPathComponent("herald.sqlite").path, clock: clock)

        startDispatcher()
        let emptied = await outboxEmpties()
        XCTAssertTrue(emptied)
        _ = try await post(#"{"n":1}"#)
        let received = try await bodies("/hook", count: 1)
        XCTAssertEqual(received.map { $0["Message_Type"] }, [.string("Notification")], "only the message is delivered")
    }
}
