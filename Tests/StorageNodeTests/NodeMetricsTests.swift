import Prometheus
import Shared
import StorageNode
import XCTest

/// The node's counters and gauges, through a real store and a registry of the test's own.
final class NodeMetricsTests: StoreTestCase {
    private var registry: PrometheusCollectorRegistry!

    override func setUpWithError() throws {
        try super.setUpWithError()
        try store.close()
        registry = PrometheusCollectorRegistry()
        store = try SQLiteQueueStore(
            path: storePath, clock: clock,
            metrics: NodeMetrics(factory: PrometheusMetricsFactory(registry: registry)))
    }

    func testMessageCountersCountWhatTheStoreDid() async throws {
        _ = try await store.createQueue(queue, metadata: .empty)
        let ids = try await post(["a", "b", "c", "d", "e", "f"])
        let claim = try await XCTUnwrapAsync(try await store.createClaim(queue, ttl: 100, grace: 60, limit: 2))
        XCTAssertEqual(claim.messages.count, 2)
        try await store.deleteMessage(queue, id: claim.messages[0].id, claimID: claim.claimID)
        try await store.deleteMessage(queue, id: claim.messages[0].id, claimID: claim.claimID)  // already gone
        try await store.deleteMessages(queue, ids: [ids[2], ids[3], "ffffffffffffffffffffffffffffffff"], claimIDs: nil)
        let popped = try await store.popMessages(queue, limit: 1)
        XCTAssertEqual(popped.count, 1)

        XCTAssertEqual(sample("herald_messages_posted_total"), 6)
        XCTAssertEqual(sample("herald_messages_claimed_total"), 2)
        XCTAssertEqual(sample("herald_messages_deleted_total"), 4, "1 by id, 2 in bulk, 1 popped; missing ids do not count")
        XCTAssertEqual(sample("herald_messages_expired_total"), 0)

        clock.advance(seconds: 4000)
        _ = try await store.collectGarbage()
        XCTAssertEqual(sample("herald_messages_expired_total"), 2, "the two messages left expired")
    }

    func testQueueGaugesKeepOnlyTheLargestQueues() async throws {
        let small = QueueRef(project: "project-a", name: "small")
        let large = QueueRef(project: "project-b", name: "large")
        for name in [queue, small, large] { _ = try await store.createQueue(name, metadata: .empty) }
        try await post(["1", "2"], to: queue)
        try await post(["1"], to: small)
        let largeIDs = try await post(["1", "2", "3"], to: large)
        let gauges = NodeGauges(store: store, maxQueues: 2)

        await gauges.refresh()
        XCTAssertEqual(sample("herald_node_queues"), 3)
        XCTAssertEqual(sample("herald_node_messages"), 6)
        XCTAssertGreaterThan(sample("herald_store_size_bytes") ?? 0, 0)
        XCTAssertEqual(sample(#"herald_queue_messages{project="project-b",queue="large"}"#), 3)
        XCTAssertEqual(sample(#"herald_queue_messages{project="project-a",queue="jobs"}"#), 2)
        XCTAssertNil(sample(#"herald_queue_messages{project="project-a",queue="small"}"#), "beyond the cap")

        try await store.deleteMessages(large, ids: largeIDs, claimIDs: nil)
        await gauges.refresh()
        XCTAssertEqual(sample("herald_node_messages"), 3)
        XCTAssertNil(sample(#"herald_queue_messages{project="project-b",queue="large"}"#), "an emptied queue loses its series")
        XCTAssertEqual(sample(#"herald_queue_messages{project="project-a",queue="small"}"#), 1)
        XCTAssertEqual(sample(#"herald_queue_messages{project="project-a",queue="jobs"}"#), 2)
    }

    func testRPCRequestsAndNodeFailuresAreCountedPerOperation() {
        let metrics = store.metrics
        metrics.requestFinished(.postMessages, response: .messageIDs(["x"]))
        metrics.requestFinished(.postMessages, response: .failure(.storageFull("disk full")))
        metrics.requestFinished(.deleteMessage, response: .failure(.messageClaimed))
        metrics.malformedFrameReceived()

        XCTAssertEqual(sample(#"herald_rpc_requests_total{operation="postMessages"}"#), 2)
        XCTAssertEqual(sample(#"herald_rpc_errors_total{operation="postMessages"}"#), 1)
        XCTAssertEqual(sample(#"herald_rpc_requests_total{operation="deleteMessage"}"#), 1)
        XCTAssertEqual(sample(#"herald_rpc_errors_total{operation="deleteMessage"}"#), 0, "an API outcome is no node failure")
        XCTAssertEqual(sample(#"herald_rpc_errors_total{operation="malformed_frame"}"#), 1)
    }

    /// The value of the sample line starting with `series` (name and labels as exported).
    private func sample(_ series: String) -> Double? {
        let text = registry.emitToString()
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }
}
