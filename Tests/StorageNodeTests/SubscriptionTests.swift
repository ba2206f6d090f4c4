import Foundation
import Shared
import StorageNode
import XCTest

/// Subscription CRUD, paging, duplicate rules, expiry and cascades on a real SQLite store.
final class SubscriptionTests: StoreTestCase {
    func subscription(_ subscriber: String, ttl: Int = 3600, options: String = "{}") -> NewSubscription {
        NewSubscription(subscriber: subscriber, ttl: ttl, options: Array(options.utf8))
    }

    func testCreateGetAndListWithPaging() async throws {
        let created = try await store.createSubscription(queue, subscription("http://a.example/hook", options: #"{"k":1}"#))
        XCTAssertTrue(created.created)
        XCTAssertEqual(created.id.count, 32)
        let metadata = try await store.queueMetadata(queue)
        XCTAssertNotNil(metadata, "creating a subscription creates its queue")

        clock.advance(seconds: 5)
        let fetched = try await store.getSubscription(queue, id: created.id)
        XCTAssertEqual(fetched, Subscription(
            id: created.id, source: "jobs", subscriber: "http://a.example/hook", ttl: 3600, age: 5,
            options: Array(#"{"k":1}"#.utf8), confirmed: false
        ))
        let other = QueueRef(project: "project-b", name: "jobs")
        let otherSubscription = try await store.getSubscription(other, id: created.id)
        XCTAssertNil(otherSubscription, "a subscription belongs to its project and queue")

        var ids = [created.id]
        for index in 1..<5 {
            clock.advance(millis: 1)
            ids.append(try await store.createSubscription(queue, subscription("mailto:u\(index)@example.com")).id)
        }
        let first = try await store.listSubscriptions(queue, marker: nil, limit: 2)
        XCTAssertEqual(first.map(\.id), Array(ids.prefix(2)))
        let second = try await store.listSubscriptions(queue, marker: first.last?.id, limit: 2)
        XCTAssertEqual(second.map(\.id), Array(ids[2..<4]))
        let rest = try await store.listSubscriptions(queue, marker: second.last?.id, limit: 10)
        XCTAssertEqual(rest.map(\.id), [ids[4]])
        XCTAssertEqual(rest.first?.source, "jobs")
        let elsewhere = try await store.listSubscriptions(other, marker: nil, limit: 10)
        XCTAssertTrue(elsewhere.isEmpty)
    }

    func testDuplicateSubscriberRules() async throws {
        let first = try await store.createSubscription(queue, subscription("http://a.example/hook"))
        let again = try await store.createSubscription(queue, subscription("http://a.example/hook", ttl: 60))
        XCTAssertEqual(again, SubscriptionCreation(id: first.id, created: false))
        let unchanged = try await store.getSubscription(queue, id: first.id)
        XCTAssertEqual(unchanged?.ttl, 3600, "the existing subscription is returned as is")

        try await store.confirmSubscription(queue, id: first.id, confirmed: true)
        let confirmed = try await store.getSubscription(queue, id: first.id)
        XCTAssertEqual(confirmed?.confirmed, true)
        await assertThrows(.subscriptionConflict) {
            _ = try await self.store.createSubscription(self.queue, self.subscription("http://a.example/hook"))
        }
        let otherQueue = QueueRef(project: "project-a", name: "other")
        let elsewhere = try await store.createSubscription(otherQueue, subscription("http://a.example/hook"))
        XCTAssertTrue(elsewhere.created, "the same subscriber may subscribe to another queue")
    }

    func testExpiredSubscriptionsAreInvisibleAndCollected() async throws {
        let short = try await store.createSubscription(queue, subscription("http://short.example", ttl: 10))
        let long = try await store.createSubscription(queue, subscription("http://long.example", ttl: 100))
        clock.advance(seconds: 10)

        let gone = try await store.getSubscription(queue, id: short.id)
        XCTAssertNil(gone)
        let listed = try await store.listSubscriptions(queue, marker: nil, limit: 10)
        XCTAssertEqual(listed.map(\.id), [long.id])
        await assertThrows(.subscriptionNotFound) {
            try await self.store.updateSubscription(self.queue, id: short.id, SubscriptionUpdate(ttl: 50))
        }
        await assertThrows(.subscriptionNotFound) {
            try await self.store.confirmSubscription(self.queue, id: short.id, confirmed: true)
        }

        let removed = try await store.collectGarbage()
        XCTAssertEqual(removed, 1)
        let again = try await store.createSubscription(queue, subscription("http://short.example", ttl: 10))
        XCTAssertTrue(again.created, "an expired subscriber can subscribe anew")
        XCTAssertNotEqual(again.id, short.id)
    }

    func testUnconfirmedExpiredDuplicateIsReplaced() async throws {
        let old = try await store.createSubscription(queue, subscription("http://a.example", ttl: 1))
        clock.advance(seconds: 2)
        let fresh = try await store.createSubscription(queue, subscription("http://a.example", ttl: 30))
        XCTAssertTrue(fresh.created)
        XCTAssertNotEqual(fresh.id, old.id)
        let listed = try await store.listSubscriptions(queue, marker: nil, limit: 10)
        XCTAssertEqual(listed.map(\.id), [fresh.id])
    }

    func testUpdateSemantics() async throws {
        let created = try await store.createSubscription(queue, subscription("http://a.example", ttl: 100, options: #"{"a":1,"b":2}"#))
        let taken = try await store.createSubscription(queue, subscription("http://taken.example"))
        clock.advance(seconds: 90)

        try await store.updateSubscription(queue, id: created.id, SubscriptionUpdate(ttl: 50))
        clock.advance(seconds: 40)
        let renewed = try await store.getSubscription(queue, id: created.id)
        XCTAssertEqual(renewed?.ttl, 50)
        XCTAssertEqual(renewed?.age, 130, "age still counts from creation")
        XCTAssertEqual(renewed?.options, Array(#"{"a":1,"b":2}"#.utf8), "options untouched without a new value")

        try await store.updateSubscription(queue, id: created.id, SubscriptionUpdate(options: Array(#"{"c":3}"#.utf8)))
        try await store.updateSubscription(queue, id: created.id, SubscriptionUpdate(subscriber: "mailto:x@example.com"))
        let changed = try await store.getSubscription(queue, id: created.id)
        XCTAssertEqual(changed?.options, Array(#"{"c":3}"#.utf8), "options are replaced wholesale")
        XCTAssertEqual(changed?.subscriber, "mailto:x@example.com")

        await assertThrows(.subscriptionConflict) {
            try await self.store.updateSubscription(self.queue, id: created.id, SubscriptionUpdate(subscriber: "http://taken.example"))
        }
        try await store.updateSubscription(queue, id: created.id, SubscriptionUpdate(subscriber: "mailto:x@example.com"))
        await assertThrows(.subscriptionNotFound) {
            try await self.store.updateSubscription(self.queue, id: "0123456789abcdef0123456789abcdef", SubscriptionUpdate(ttl: 5))
        }

        clock.advance(seconds: 10)
        let expired = try await store.getSubscription(queue, id: created.id)
        XCTAssertNil(expired, "the ttl set by PATCH counted from the update")
        let kept = try await store.getSubscription(queue, id: taken.id)
        XCTAssertNotNil(kept)
    }

    func testConfirmAndDelete() async throws {
        let created = try await store.createSubscription(queue, subscription("http://a.example"))
        try await store.confirmSubscription(queue, id: created.id, confirmed: true)
        let confirmed = try await store.getSubscription(queue, id: created.id)
        XCTAssertEqual(confirmed?.confirmed, true)
        try await store.confirmSubscription(queue, id: created.id, confirmed: false)
        let unconfirmed = try await store.getSubscription(queue, id: created.id)
        XCTAssertEqual(unconfirmed?.confirmed, false)

        let other = QueueRef(project: "project-a", name: "other")
        try await store.deleteSubscription(other, id: created.id)
        let survivor = try await store.getSubscription(queue, id: created.id)
        XCTAssertNotNil(survivor, "deleting through another queue does nothing")
        try await store.deleteSubscription(queue, id: created.id)
        try await store.deleteSubscription(queue, id: created.id)
        let deleted = try await store.getSubscription(queue, id: created.id)
        XCTAssertNil(deleted)
    }

    func testPurgeAndDeleteQueueCascade() async throws {
        _ = try await store.createSubscription(queue, subscription("http://a.example"))
        try await post(["one"])
        try await store.purge(queue, messages: true, subscriptions: false)
        let afterMessagePurge = try await store.listSubscriptions(queue, marker: nil, limit: 10)
        XCTAssertEqual(afterMessagePurge.count, 1)

        try await post(["two"])
        let outboxBefore = try await store.outboxCount()
        XCTAssertEqual(outboxBefore, 2)
        try await store.purge(queue, messages: false, subscriptions: true)
        let afterPurge = try await store.listSubscriptions(queue, marker: nil, limit: 10)
        XCTAssertTrue(afterPurge.isEmpty)
        let outboxAfter = try await store.outboxCount()
        XCTAssertEqual(outboxAfter, 0)
        let remaining = try await list()
        XCTAssertEqual(remaining.messages.count, 1, "purging subscriptions keeps the messages")

        let subscribed = try await store.createSubscription(queue, subscription("http://b.example"))
        try await post(["three"])
        try await store.deleteQueue(queue)
        let afterDelete = try await store.getSubscription(queue, id: subscribed.id)
        XCTAssertNil(afterDelete)
        let outboxAfterDelete = try await store.outboxCount()
        XCTAssertEqual(outboxAfterDelete, 0)
    }
}
