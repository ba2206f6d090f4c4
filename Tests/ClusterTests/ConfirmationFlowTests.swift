import Foundation
import XCTest

/// The subscription confirmation flow of spec §5.5 end to end: the storage node signs and sends a
/// confirmation request to a real webhook receiver, the receiver's pre-signed headers confirm the
/// subscription through the router, and only then do notifications flow; unsubscribing sends an
/// UnsubscribeConfirmation and stops them.
final class ConfirmationFlowTests: ClusterTestCase {
    private static let secret = "cluster-confirmation-secret"

    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(
            routerFlags: ["--signed-url-secret", Self.secret],
            nodeFlags: ["--require-confirmation", "--signed-url-secret", Self.secret],
            nodes: 1)
    }

    private var receiver: NotificationReceiver?

    override func tearDown() async throws {
        await receiver?.stop()
        try await super.tearDown()
    }

    func testSubscriberConfirmsWithTheSignedHeadersItReceivedThenGetsMessagesUntilItUnsubscribes() async throws {
        let receiver = try await NotificationReceiver.start()
        self.receiver = receiver
        let client = try await makeClient()
        let subscribed = try await client.post(
            "/v2/queues/orders/subscriptions", body: #"{"subscriber": "\#(receiver.url)", "ttl": 600}"#)
        expectStatus(201, subscribed)
        let id = try XCTUnwrap(try subscribed.json()["subscription_id"]?.string)

        let requests = await receiver.waitForBodies(type: "SubscriptionConfirmation", count: 1)
        let request = try XCTUnwrap(requests.first, "the node sent a confirmation request")
        let confirmPath = "/v2/queues/orders/subscriptions/\(id)/confirm"
        XCTAssertEqual(request["URL-Paths"]?.string, confirmPath)
        XCTAssertEqual(request["URL-Methods"]?.string, "PUT")
        XCTAssertEqual(request["X-Project-ID"]?.string, "cluster-tests")
        XCTAssertEqual(request["queue_name"]?.string, "orders")

        // Not confirmed yet: a posted message is not delivered.
        let early = try await postMessages(client, queue: "orders", count: 1, start: 1)
        try await Task.sleep(for: .milliseconds(700))
        let deliveredEarly = await receiver.messageIDs(answered: 200)
        XCTAssertFalse(deliveredEarly.contains(early[0]), "no delivery before confirmation")

        // A re-POST of the unconfirmed subscriber answers the same id and re-sends the request.
        let again = try await client.post(
            "/v2/queues/orders/subscriptions", body: #"{"subscriber": "\#(receiver.url)", "ttl": 600}"#)
        expectStatus(201, again)
        XCTAssertEqual(try again.json()["subscription_id"]?.string, id)
        let resent = await receiver.waitForBodies(type: "SubscriptionConfirmation", count: 2)
        XCTAssertEqual(resent.count, 2, "the confirmation request was sent again")

        // A forged signature is refused without revealing anything.
        let signed = try signedHeaders(from: request)
        var forged = signed
        forged[0] = ("URL-Signature", String(repeating: "0", count: 64))
        let refused = try await client.put(confirmPath, body: #"{"confirmed": true}"#, headers: forged)
        expectStatus(404, refused)

        let confirmed = try await client.put(confirmPath, body: #"{"confirmed": true}"#, headers: signed)
        expectStatus(204, confirmed)
        let shown = try await client.get("/v2/queues/orders/subscriptions/\(id)")
        XCTAssertEqual(try shown.json()["confirmed"]?.raw as? Bool, true)

        let flowing = try await postMessages(client, queue: "orders", count: 3, start: 10)
        let arrived = await receiver.waitFor(answered: 200) { Set(flowing).isSubset(of: Set($0)) }
        XCTAssertTrue(arrived, "confirmed: the 3 messages are delivered")
        let deliveredAfter = await receiver.messageIDs(answered: 200)
        XCTAssertFalse(deliveredAfter.contains(early[0]), "the message posted before confirmation stays undelivered")

        // Unsubscribe with the same signed headers.
        let unsubscribed = try await client.put(confirmPath, body: #"{"confirmed": false}"#, headers: signed)
        expectStatus(204, unsubscribed)
        let goodbyes = await receiver.waitForBodies(type: "UnsubscribeConfirmation", count: 1)
        XCTAssertEqual(goodbyes.first?["URL-Paths"]?.string, confirmPath, "the unsubscribe note carries a fresh link")
        let late = try await postMessages(client, queue: "orders", count: 1, start: 20)
        try await Task.sleep(for: .milliseconds(700))
        let deliveredLate = await receiver.messageIDs(answered: 200)
        XCTAssertFalse(deliveredLate.contains(late[0]), "no delivery after unsubscribing")
    }

    /// The pre-signed headers a subscriber sends back, from a confirmation request's fields (the
    /// client sends the matching `X-Project-ID` itself).
    private func signedHeaders(from request: JSONTree) throws -> [(String, String)] {
        [
            ("URL-Signature", try XCTUnwrap(request["URL-Signature"]?.string)),
            ("URL-Methods", try XCTUnwrap(request["URL-Methods"]?.string)),
            ("URL-Paths", try XCTUnwrap(request["URL-Paths"]?.string)),
            ("URL-Expires", try XCTUnwrap(request["URL-Expires"]?.string)),
        ]
    }
}
