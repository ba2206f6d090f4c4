import Foundation
import Shared
import StorageNode
import XCTest

/// The durable notification outbox: written with the posted messages, read and settled by the dispatcher.
final class OutboxTests: StoreTestCase {
    @discardableResult
    func subscribe(_ subscriber: String, to queue: QueueRef? = nil, ttl: Int = 3600, options: String = "{}") async throws -> String {
        try await store.createSubscription(
            queue ?? self.queue, NewSubscription(subscriber: subscriber, ttl: ttl, options: Array(options.utf8))
        ).id
    }

    func payload(_ id: String, body: String, ttl: Int, collection: String = "queues", name: String = "jobs") -> String {
        #"{"id":"\#(id)","href":"/v2/\#(collection)/\#(name)/messages/\#(id)","body":\#(body),"ttl":\#(ttl),"#
            + #""queue_name":"\#(name)","Message_Type":"Notification"}"#
    }

    func testNoRowsWithoutSubscriptions() async throws {
        try await post(["a", "b"])
        let count = try await store.outboxCount()
        XCTAssertEqual(count, 0)
        let due = try await store.dueNotifications(limit: 10)
        XCTAssertTrue(due.isEmpty)
    }

    func testOneRowPerLiveSubscriptionAndMessageWithExactPayload() async throws {
        let hook = try await subscribe("http://hook.example/in", options: #"{"post_headers":{"x":"1"}}"#)
        let mail = try await subscribe("mailto:ops@example.com")
        _ = try await subscribe("http://expired.example", ttl: 5)
        _ = try await subscribe("http://other-queue.example", to: QueueRef(project: "project-a", name: "other"))
        clock.advance(seconds: 5)

        let ids = try await post(["one", "two"], ttl: 300)
        let due = try await store.dueNotifications(limit: 100)
        XCTAssertEqual(due.count, 4, "two messages for two live subscriptions; none for the expired one")
        let now = clock.nowMillis()
        for notification in due {
            XCTAssertEqual(notification.queue, queue)
            XCTAssertEqual(notification.attempts, 0)
            XCTAssertEqual(notification.due, now)
            XCTAssertFalse(notification.confirmed)
        }
        XCTAssertEqual(Set(due.map(\.subscriptionID)), [hook, mail])
        let forHook = due.filter { $0.subscriptionID == hook }
        XCTAssertEqual(forHook.map(\.subscriber), ["http://hook.example/in", "http://hook.example/in"])
        XCTAssertEqual(forHook.first?.options, Array(#"{"post_headers":{"x":"1"}}"#.utf8))
        XCTAssertEqual(
            forHook.map { String(decoding: $0.payload, as: UTF8.self) },
            [payload(ids[0], body: #""one""#, ttl: 300), payload(ids[1], body: #""two""#, ttl: 300)]
        )
        XCTAssertEqual(due.map(\.seq), due.map(\.seq).sorted(), "oldest first")
        let parsed = try JSONValue.parse(due[0].payload)
        XCTAssertEqual(parsed["Message_Type"], .string("Notification"))
    }

    func testTopicsAndEncryptedQueuesGetPlainPayloads() async throws {
        let topic = TopicNamespace.queueRef(project: "project-a", topic: "news")
        _ = try await subscribe("http://topic.example", to: topic)
        let topicIDs = try await post(["headline"], to: topic, ttl: 60)

        _ = try await store.createQueue(queue, metadata: metadata(QueueSettings(enableEncryptMessages: true)))
        _ = try await subscribe("http://secret.example")
        let secretIDs = try await post(["secret"], ttl: 60)

        let due = try await store.dueNotifications(limit: 10)
        XCTAssertEqual(due.map { String(decoding: $0.payload, as: UTF8.self) }, [
            payload(topicIDs[0], body: #""headline""#, ttl: 60, collection: "topics", name: "news"),
            payload(secretIDs[0], body: #""secret""#, ttl: 60),
        ])
        XCTAssertEqual(due.first?.queue, topic)
    }

    func testDelayedMessagesCarryTheirDelay() async throws {
        _ = try await store.createQueue(queue, metadata: metadata(QueueSettings(defaultMessageDelay: 30)))
        _ = try await subscribe("http://hook.example")
        let own = try await post(["own"], ttl: 120, delay: 5)
        let byDefault = try await post(["default"], ttl: 120)
        let undelayed = try await post(["none"], ttl: 120, delay: 0)
        let plainQueue = QueueRef(project: "project-a", name: "plain")
        _ = try await subscribe("http://hook.example", to: plainQueue)
        let ignored = try await post(["ignored"], to: plainQueue, ttl: 120, delay: 5)

        let due = try await store.dueNotifications(limit: 10)
        func delayed(_ id: String, _ body: String, _ delay: Int) -> String {
            #"{"id":"\#(id)","href":"/v2/queues/jobs/messages/\#(id)","body":"\#(body)","ttl":120,"delay":\#(delay),"#
                + #""queue_name":"jobs","Message_Type":"Notification"}"#
        }
        XCTAssertEqual(due.map { String(decoding: $0.payload, as: UTF8.self) }, [
            delayed(own[0], "own", 5),
            delayed(byDefault[0], "default", 30),
            payload(undelayed[0], body: #""none""#, ttl: 120),
            payload(ignored[0], body: #""ignored""#, ttl: 120, name: "plain"),
        ], "delay follows ttl when the effective delay is positive; queues without a default delay ignore it")
    }

    func testRejectedPostWritesNoNotifications() async throws {
        _ = try await store.createQueue(queue, metadata: metadata(QueueSettings(maxMessagesPostSize: 10)))
        _ = try await subscribe("http://hook.example")
        await assertThrows(.postTooLarge(limit: 10)) {
            _ = try await self.store.postMessages(
                self.queue, clientID: "c", messages: [NewMessage(body: self.body("too big"))], requestSize: 11
            )
        }
        let count = try await store.outboxCount()
        XCTAssertEqual(count, 0)
    }

    func testConcurrentPostsEachGetTheirNotifications() async throws {
        _ = try await subscribe("http://hook.example")
        let store: SQLiteQueueStore = self.store
        let queue = self.queue
        let posted = try await withThrowingTaskGroup(of: [String].self) { group in
            for index in 0..<20 {
                let message = NewMessage(body: body("m\(index)"))
                group.addTask { try await store.postMessages(queue, clientID: "c", messages: [message], requestSize: 10) }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        let due = try await store.dueNotifications(limit: 100)
        let notified = try due.map { notification -> String in
            guard case let .string(id)? = try JSONValue.parse(notification.payload)["id"] else { return "" }
            return id
        }
        XCTAssertEqual(Set(notified), Set(posted))
        XCTAssertEqual(due.count, 20)
    }

    func testCompleteAndReschedule() async throws {
        _ = try await subscribe("http://hook.example")
        try await post(["a", "b"])
        let due = try await store.dueNotifications(limit: 10)
        XCTAssertEqual(due.count, 2)

        let firstDue = try await store.nextNotificationDue()
        XCTAssertEqual(firstDue, clock.nowMillis())
        try await store.completeNotification(seq: due[0].seq)
        let later = clock.nowMillis() + 30_000
        try await store.rescheduleNotification(seq: due[1].seq, due: later, attempts: 1)
        let next = try await store.nextNotificationDue()
        XCTAssertEqual(next, later)
        let none = try await store.dueNotifications(limit: 10)
        XCTAssertTrue(none.isEmpty, "the rescheduled row is not due yet")
        let kept = try await store.outboxCount()
        XCTAssertEqual(kept, 1)

        clock.advance(seconds: 30)
        let retried = try await store.dueNotifications(limit: 10)
        XCTAssertEqual(retried.map(\.seq), [due[1].seq])
        XCTAssertEqual(retried.first?.attempts, 1)
        XCTAssertEqual(retried.first?.due, later)
        let limited = try await store.dueNotifications(limit: 0)
        XCTAssertTrue(limited.isEmpty)
        try await store.completeNotification(seq: due[1].seq)
        try await store.completeNotification(seq: due[1].seq)
        let empty = try await store.outboxCount()
        XCTAssertEqual(empty, 0)
        let nothing = try await store.nextNotificationDue()
        XCTAssertNil(nothing)
    }

    func testNotificationsOutliveTheirMessages() async throws {
        _ = try await subscribe("http://hook.example")
        let ids = try await post(["acknowledged"], ttl: 60)
        try await store.deleteMessage(queue, id: ids[0], claimID: nil)
        clock.advance(seconds: 61)
        _ = try await store.collectGarbage()
        let due = try await store.dueNotifications(limit: 10)
        XCTAssertEqual(due.map { String(decoding: $0.payload, as: UTF8.self) }, [payload(ids[0], body: #""acknowledged""#, ttl: 60)])
    }

    func testConfirmationShowsInPendingRows() async throws {
        let id = try await subscribe("http://hook.example")
        try await post(["a"])
        try await store.confirmSubscription(queue, id: id, confirmed: true)
        let due = try await store.dueNotifications(limit: 10)
        XCTAssertEqual(due.map(\.confirmed), [true])
    }

    func testRowsOfExpiredAndDeletedSubscriptionsAreDropped() async throws {
        let short = try await subscribe("http://short.example", ttl: 10)
        let deleted = try await subscribe("http://deleted.example")
        let kept = try await subscribe("http://kept.example")
        try await post(["a"])
        let before = try await store.outboxCount()
        XCTAssertEqual(before, 3)

        try await store.deleteSubscription(queue, id: deleted)
        clock.advance(seconds: 10)
        let due = try await store.dueNotifications(limit: 10)
        XCTAssertEqual(due.map(\.subscriptionID), [kept], "expired subscriptions are not delivered")
        _ = try await store.collectGarbage()
        let after = try await store.outboxCount()
        XCTAssertEqual(after, 1)
        XCTAssertNotEqual(short, kept)
    }

    func testOutboxSurvivesReopen() async throws {
        _ = try await subscribe("http://hook.example")
        let ids = try await post(["durable"], ttl: 120)
        let before = try await store.dueNotifications(limit: 10)
        try store.close()

        store = try SQLiteQueueStore(path: storePath, clock: clock)
        let after = try await store.dueNotifications(limit: 10)
        XCTAssertEqual(after, before)
        XCTAssertEqual(after.map { String(decoding: $0.payload, as: UTF8.self) }, [payload(ids[0], body: #""durable""#, ttl: 120)])
        let subscriptions = try await store.listSubscriptions(queue, marker: nil, limit: 10)
        XCTAssertEqual(subscriptions.count, 1)
    }
}
