import Foundation
import GRDB
import Shared
import StorageNode
import XCTest

/// Confirmation rows of the outbox (spec §5.5): written with the subscription change that causes
/// them, only when the store requires confirmation; message rows then go to confirmed
/// subscriptions only.
final class ConfirmationOutboxTests: StoreTestCase {
    /// Reopens the test store with `requireConfirmation`.
    func reopen(requireConfirmation: Bool) throws {
        try store.close()
        store = try SQLiteQueueStore(path: storePath, clock: clock, requireConfirmation: requireConfirmation)
    }

    func subscription(_ subscriber: String, ttl: Int = 3600) -> NewSubscription {
        NewSubscription(subscriber: subscriber, ttl: ttl, options: Array("{}".utf8))
    }

    func rows(_ kind: NotificationKind) async throws -> [PendingNotification] {
        try await store.dueNotifications(limit: 100).filter { $0.kind == kind }
    }

    func testNothingIsWrittenWhenConfirmationIsNotRequired() async throws {
        XCTAssertFalse(store.requireConfirmation)
        let created = try await store.createSubscription(queue, subscription("http://hook.example"))
        _ = try await store.createSubscription(queue, subscription("http://hook.example"))
        try await store.confirmSubscription(queue, id: created.id, confirmed: false)
        let count = try await store.outboxCount()
        XCTAssertEqual(count, 0, "no confirmation rows")

        try await post(["m"])
        let messages = try await rows(.message)
        XCTAssertEqual(messages.map(\.subscriptionID), [created.id], "unconfirmed subscriptions are notified")
        XCTAssertEqual(messages.first?.confirmed, false)
    }

    func testCreationWritesAConfirmationRequestDueNow() async throws {
        try reopen(requireConfirmation: true)
        XCTAssertTrue(store.requireConfirmation)
        let created = try await store.createSubscription(queue, subscription("http://hook.example/in", ttl: 600))
        XCTAssertTrue(created.created)
        let due = try await store.dueNotifications(limit: 10)
        XCTAssertEqual(due, [PendingNotification(
            seq: try XCTUnwrap(due.first?.seq), kind: .subscriptionConfirmation, subscriptionID: created.id, queue: queue,
            subscriber: "http://hook.example/in", options: Array("{}".utf8), confirmed: false,
            subscriptionExpires: clock.nowMillis() + 600_000, payload: [], attempts: 0, due: clock.nowMillis()
        )])
    }

    func testRePostOfAnUnconfirmedSubscriptionWritesAnotherRequest() async throws {
        try reopen(requireConfirmation: true)
        let first = try await store.createSubscription(queue, subscription("mailto:ops@example.com"))
        clock.advance(seconds: 1)
        let again = try await store.createSubscription(queue, subscription("mailto:ops@example.com"))
        XCTAssertEqual(again, SubscriptionCreation(id: first.id, created: false))
        var requests = try await rows(.subscriptionConfirmation)
        XCTAssertEqual(requests.map(\.subscriptionID), [first.id, first.id])
        XCTAssertEqual(requests.map(\.due), [clock.nowMillis() - 1000, clock.nowMillis()])

        try await store.confirmSubscription(queue, id: first.id, confirmed: true)
        await assertThrows(.subscriptionConflict) {
            _ = try await self.store.createSubscription(self.queue, self.subscription("mailto:ops@example.com"))
        }
        requests = try await rows(.subscriptionConfirmation)
        XCTAssertEqual(requests.count, 2, "neither confirming nor a refused duplicate writes a row")
        let count = try await store.outboxCount()
        XCTAssertEqual(count, 2)
    }

    func testAnExpiredDuplicateIsReplacedWithANewRequest() async throws {
        try reopen(requireConfirmation: true)
        let old = try await store.createSubscription(queue, subscription("http://hook.example", ttl: 60))
        clock.advance(seconds: 60)
        let fresh = try await store.createSubscription(queue, subscription("http://hook.example"))
        XCTAssertTrue(fresh.created)
        XCTAssertNotEqual(fresh.id, old.id)
        let requests = try await rows(.subscriptionConfirmation)
        XCTAssertEqual(requests.map(\.subscriptionID), [fresh.id], "the expired subscription's request went with it")
        let count = try await store.outboxCount()
        XCTAssertEqual(count, 1)
    }

    func testChangingTheSubscriberAddressAsksTheNewAddressToConfirm() async throws {
        try reopen(requireConfirmation: true)
        let created = try await store.createSubscription(queue, subscription("http://old.example/hook"))
        try await store.confirmSubscription(queue, id: created.id, confirmed: true)
        try await post(["queued for the old address"])
        clock.advance(seconds: 1)

        try await store.updateSubscription(queue, id: created.id, SubscriptionUpdate(ttl: 900))
        let kept = try await store.getSubscription(queue, id: created.id)
        XCTAssertEqual(kept?.confirmed, true, "a PATCH that keeps the address keeps the confirmation")

        try await store.updateSubscription(queue, id: created.id, SubscriptionUpdate(subscriber: "http://new.example/hook"))
        let moved = try await store.getSubscription(queue, id: created.id)
        XCTAssertEqual(moved?.confirmed, false, "the new address has confirmed nothing")
        let due = try await store.dueNotifications(limit: 10)
        XCTAssertEqual(due.map(\.kind), [.subscriptionConfirmation], "old notifications dropped, one request queued")
        XCTAssertEqual(due.first?.subscriber, "http://new.example/hook")
        XCTAssertEqual(due.first?.due, clock.nowMillis())
    }

    func testUnsubscribingWritesAnUnsubscribeNotice() async throws {
        try reopen(requireConfirmation: true)
        let created = try await store.createSubscription(queue, subscription("http://hook.example"))
        try await store.confirmSubscription(queue, id: created.id, confirmed: true)
        var notices = try await rows(.unsubscribeConfirmation)
        XCTAssertTrue(notices.isEmpty, "confirming writes nothing")

        clock.advance(seconds: 3)
        try await store.confirmSubscription(queue, id: created.id, confirmed: false)
        notices = try await rows(.unsubscribeConfirmation)
        XCTAssertEqual(notices.map(\.subscriptionID), [created.id])
        XCTAssertEqual(notices.first?.due, clock.nowMillis())
        XCTAssertEqual(notices.first?.confirmed, false)
        XCTAssertEqual(notices.first?.payload, [])

        await assertThrows(.subscriptionNotFound) {
            try await self.store.confirmSubscription(self.queue, id: "0123456789abcdef0123456789abcdef", confirmed: false)
        }
        let count = try await store.outboxCount()
        XCTAssertEqual(count, 2, "the creation request and one notice; none for an unknown subscription")
    }

    func testRowsAreWrittenInTheSameTransactionAsTheSubscriptionChange() async throws {
        try reopen(requireConfirmation: true)
        let kept = try await store.createSubscription(queue, subscription("http://kept.example"))
        try await store.confirmSubscription(queue, id: kept.id, confirmed: true)
        // From now on every outbox insert fails.
        let other = try DatabaseQueue(path: storePath)
        try await other.write { db in
            try db.execute(sql: "CREATE TRIGGER outbox_refuses BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        try other.close()

        do {
            _ = try await store.createSubscription(queue, subscription("http://new.example"))
            XCTFail("the subscription was created although its confirmation request was not written")
        } catch StorageError.unavailable {}
        let listed = try await store.listSubscriptions(queue, marker: nil, limit: 10)
        XCTAssertEqual(listed.map(\.id), [kept.id], "the subscription insert was rolled back")

        do {
            try await store.confirmSubscription(queue, id: kept.id, confirmed: false)
            XCTFail("unsubscribed although the notice was not written")
        } catch StorageError.unavailable {}
        let stillConfirmed = try await store.getSubscription(queue, id: kept.id)
        XCTAssertEqual(stillConfirmed?.confirmed, true, "the flag change was rolled back")
    }

    func testMessagesNotifyOnlyConfirmedSubscriptionsWhenRequired() async throws {
        try reopen(requireConfirmation: true)
        let confirmed = try await store.createSubscription(queue, subscription("http://confirmed.example"))
        let pending = try await store.createSubscription(queue, subscription("http://pending.example"))
        try await store.confirmSubscription(queue, id: confirmed.id, confirmed: true)

        let ids = try await post(["first"])
        var messages = try await rows(.message)
        XCTAssertEqual(messages.map(\.subscriptionID), [confirmed.id])
        XCTAssertFalse(messages.contains { $0.subscriptionID == pending.id })

        try await store.confirmSubscription(queue, id: pending.id, confirmed: true)
        try await store.confirmSubscription(queue, id: confirmed.id, confirmed: false)
        try await post(["second"])
        messages = try await rows(.message)
        XCTAssertEqual(messages.count, 2)
        XCTAssertEqual(messages.first?.subscriptionID, confirmed.id, "the first message's row is still there")
        XCTAssertEqual(messages.last?.subscriptionID, pending.id, "a message posted before confirmation is not delivered later")
        let firstPayload = try JSONValue.parse(try XCTUnwrap(messages.first).payload)
        XCTAssertEqual(firstPayload["id"], .string(ids[0]))
    }

    func testDueRowsCarryTheSubscriptionsCurrentExpiry() async throws {
        try reopen(requireConfirmation: true)
        let created = try await store.createSubscription(queue, subscription("http://hook.example", ttl: 100))
        clock.advance(seconds: 10)
        try await store.updateSubscription(queue, id: created.id, SubscriptionUpdate(ttl: 500))
        let requests = try await rows(.subscriptionConfirmation)
        XCTAssertEqual(requests.map(\.subscriptionExpires), [clock.nowMillis() + 500_000])
    }
}
