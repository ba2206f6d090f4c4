import Shared
import XCTest

/// Subscriptions over the wire: `RemoteQueueStore` → `RPCServer` → `SQLiteQueueStore`.
final class RPCSubscriptionTests: XCTestCase {
    func testSubscriptionCallsTravelTheRPC() async throws {
        let node = try await startNode()
        let client = makeClient(node)
        let queue = QueueRef(project: "p1", name: "jobs")
        let options = Array(#"{"post_data":{"m":"$zaqar_message$"}}"#.utf8)

        let created = try await client.createSubscription(queue, NewSubscription(subscriber: "http://a.example/ü", ttl: 600, options: options))
        XCTAssertTrue(created.created)
        let duplicate = try await client.createSubscription(queue, NewSubscription(subscriber: "http://a.example/ü", ttl: 600, options: []))
        XCTAssertEqual(duplicate, SubscriptionCreation(id: created.id, created: false))
        let second = try await client.createSubscription(queue, NewSubscription(subscriber: "mailto:b@example.com", ttl: 60, options: Array("{}".utf8)))

        let fetched = try await client.getSubscription(queue, id: created.id)
        let local = try await node.store.getSubscription(queue, id: created.id)
        XCTAssertEqual(fetched, local)
        XCTAssertEqual(fetched?.options, options)
        XCTAssertEqual(fetched?.subscriber, "http://a.example/ü")

        let page = try await client.listSubscriptions(queue, marker: nil, limit: 1)
        XCTAssertEqual(page.map(\.id), [created.id])
        let next = try await client.listSubscriptions(queue, marker: created.id, limit: 10)
        XCTAssertEqual(next.map(\.id), [second.id])

        try await client.updateSubscription(queue, id: created.id, SubscriptionUpdate(ttl: 30, options: Array("{}".utf8)))
        try await client.confirmSubscription(queue, id: created.id, confirmed: true)
        let updated = try await client.getSubscription(queue, id: created.id)
        XCTAssertEqual(updated?.ttl, 30)
        XCTAssertEqual(updated?.options, Array("{}".utf8))
        XCTAssertEqual(updated?.confirmed, true)

        let conflict = await storageError {
            _ = try await client.createSubscription(queue, NewSubscription(subscriber: "http://a.example/ü", ttl: 600, options: []))
        }
        XCTAssertEqual(conflict, .subscriptionConflict)
        let updateConflict = await storageError {
            try await client.updateSubscription(queue, id: second.id, SubscriptionUpdate(subscriber: "http://a.example/ü"))
        }
        XCTAssertEqual(updateConflict, .subscriptionConflict)
        let missing = await storageError {
            try await client.confirmSubscription(queue, id: "nope", confirmed: true)
        }
        XCTAssertEqual(missing, .subscriptionNotFound)

        try await client.deleteSubscription(queue, id: created.id)
        let gone = try await client.getSubscription(queue, id: created.id)
        XCTAssertNil(gone)
        try await client.purge(queue, messages: false, subscriptions: true)
        let empty = try await client.listSubscriptions(queue, marker: nil, limit: 10)
        XCTAssertTrue(empty.isEmpty)
    }

    func testPostOverRPCFillsTheNodeOutbox() async throws {
        let node = try await startNode()
        let client = makeClient(node)
        let queue = QueueRef(project: "p1", name: "jobs")
        _ = try await client.createSubscription(queue, NewSubscription(subscriber: "http://a.example", ttl: 600, options: Array("{}".utf8)))
        let ids = try await client.postMessages(queue, clientID: "c", messages: [NewMessage(body: Array("[1]".utf8), ttl: 90)], requestSize: 3)
        let due = try await node.store.dueNotifications(limit: 10)
        XCTAssertEqual(due.count, 1)
        let parsed = try JSONValue.parse(due[0].payload)
        XCTAssertEqual(parsed["id"], .string(ids[0]))
        XCTAssertEqual(parsed["queue_name"], .string("jobs"))
    }
}
