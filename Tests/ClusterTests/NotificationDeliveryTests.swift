import Foundation
import XCTest

/// Webhook notifications end to end: a subscription made over HTTP, messages posted through the
/// router, deliveries by the storage node's dispatcher, and pending notifications surviving `kill -9`.
final class NotificationDeliveryTests: ClusterTestCase {
    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(nodes: 1)
    }

    private var receiver: NotificationReceiver?

    override func tearDown() async throws {
        await receiver?.stop()
        try await super.tearDown()
    }

    func testPostedMessagesAreDeliveredAndPendingOnesSurviveANodeCrash() async throws {
        let receiver = try await NotificationReceiver.start()
        self.receiver = receiver
        let client = try await makeClient()
        // Retries every second for a long time, so rows stay pending while the receiver fails.
        let policy = #"{"retries_with_no_delay": 0, "minimum_delay_retries": 1000, "minimum_delay": 1, "# +
            #""maximum_delay": 11, "maximum_delay_retries": 0}"#
        let subscribed = try await client.post(
            "/v2/queues/alerts/subscriptions",
            body: #"{"subscriber": "\#(receiver.url)", "ttl": 3600, "options": {"_retry_policy": \#(policy)}}"#)
        expectStatus(201, subscribed)

        let first = try await postMessages(client, queue: "alerts", count: 5)
        let allFive = await receiver.waitFor(answered: 200) { Set($0) == Set(first) }
        XCTAssertTrue(allFive, "5 posted messages → 5 deliveries")
        let firstIDs = await receiver.messageIDs(answered: 200)
        XCTAssertEqual(firstIDs.count, 5, "each message delivered once")

        // Durability: failing deliveries stay in the outbox across a crash of the node.
        await receiver.state.setStatus(503)
        let pending = try await postMessages(client, queue: "alerts", count: 3, start: 100)
        let attempted = await receiver.waitFor(answered: 503) { Set(pending).isSubset(of: Set($0)) }
        XCTAssertTrue(attempted, "the 3 notifications were attempted and failed")

        let cluster = try cluster
        await cluster.killNode(0)
        let stored = try SQLiteInspector.rowCount(in: cluster.nodeDatabase(0), tablesContaining: "outbox")
        XCTAssertEqual(stored, 3, "the undelivered notifications are on disk after kill -9")
        await receiver.state.setStatus(200)
        try await cluster.restartNode(0)

        let delivered = await receiver.waitFor(answered: 200) { Set(pending).isSubset(of: Set($0)) }
        XCTAssertTrue(delivered, "all 3 pending notifications delivered after the restart")
        let ids = await receiver.messageIDs(answered: 200)
        XCTAssertEqual(Set(ids), Set(first + pending))
    }
}
