import Foundation
import XCTest

/// Prometheus `/metrics` of real routers and nodes: known work through the API, then a scrape
/// over HTTP, parsed, with exact counter values.
final class MetricsScrapeTests: ClusterTestCase {
    override func clusterConfiguration() async throws -> ClusterConfiguration {
        var configuration = ClusterConfiguration()
        configuration.adminMode = true
        configuration.metrics = true
        return configuration
    }

    private static let queue = "metrics-q"
    private static let messagesPath = "/v2/queues/{queue_name}/messages"
    private static let messagePath = "/v2/queues/{queue_name}/messages/{message_id}"
    private static let deliveries = "herald_notification_deliveries_total"

    func testScrapedCountersMatchTheWorkDone() async throws {
        let cluster = try cluster
        let client = try await makeClient()
        try await createQueue(Self.queue, on: "node1", client: client)

        let posted = 5, claimed = 3, deleted = 2
        let ids = try await postMessages(client, queue: Self.queue, count: posted)
        XCTAssertEqual(ids.count, posted)
        let claim = try await client.post("/v2/queues/\(Self.queue)/claims?limit=\(claimed)", body: #"{"ttl": 300, "grace": 60}"#)
        expectStatus(201, claim)
        let hrefs = try claim.json()["messages"]?.array?.compactMap { $0["href"]?.string } ?? []
        XCTAssertEqual(hrefs.count, claimed)
        for href in hrefs.prefix(deleted) {
            expectStatus(204, try await client.delete(href))
        }
        expectStatus(400, try await client.post("/v2/queues/\(Self.queue)/messages", body: "not json"))
        expectStatus(404, try await client.get("/v2/no-such-path"))

        // Router.
        let routerScrape = try await scrape(port: await cluster.routerMetricsPorts[0])
        let router = routerScrape.metrics
        XCTAssertEqual(routerScrape.contentType, "text/plain; version=0.0.4; charset=utf-8")
        XCTAssertEqual(router.types["herald_http_requests_total"], "counter")
        XCTAssertEqual(router.types["herald_http_request_duration_seconds"], "histogram")
        XCTAssertEqual(requests(router, "POST", Self.messagesPath, 201), 1)
        XCTAssertEqual(requests(router, "POST", Self.messagesPath, 400), 1)
        XCTAssertEqual(requests(router, "POST", "/v2/queues/{queue_name}/claims", 201), 1)
        XCTAssertEqual(requests(router, "DELETE", Self.messagePath, 204), Double(deleted))
        XCTAssertEqual(requests(router, "GET", "unmatched", 404), 1)
        XCTAssertEqual(router.samples("herald_http_requests_total", matching: ["route": "/v2/no-such-path"]).count, 0)
        XCTAssertTrue(
            router.samples("herald_http_requests_total").allSatisfy { !$0.labels["route", default: ""].contains(Self.queue) },
            "no raw path in the route label")

        let postSeries = ["method": "POST", "route": Self.messagesPath]
        XCTAssertEqual(router.value("herald_http_request_duration_seconds_count", postSeries), 2)
        XCTAssertEqual(router.value("herald_http_request_duration_seconds_bucket", postSeries.merging(["le": "+Inf"]) { $1 }), 2)
        let buckets = router.samples("herald_http_request_duration_seconds_bucket", matching: postSeries)
        XCTAssertEqual(buckets.first { $0.labels["le"] == "0.001" }.map { _ in true }, true, "1 ms bucket")
        XCTAssertEqual(buckets.first { $0.labels["le"] == "10.0" || $0.labels["le"] == "10" }.map { _ in true }, true, "10 s bucket")
        let sortedCounts = buckets.sorted { upperBound($0) < upperBound($1) }.map(\.value)
        XCTAssertEqual(sortedCounts, sortedCounts.sorted(), "buckets are cumulative")
        XCTAssertEqual(router.value("herald_http_requests_in_flight"), 0)

        XCTAssertGreaterThanOrEqual(router.value("herald_catalog_cache_lookups_total", ["result": "miss"]) ?? 0, 1)
        let lookups = router.sum("herald_catalog_cache_lookups_total")
        XCTAssertGreaterThanOrEqual(lookups, Double(3 + deleted), "every queue request looks its pool up")
        XCTAssertEqual(router.samples("herald_rpc_errors_total", matching: ["pool": "node1"]).count, 6, "every kind exported")
        XCTAssertEqual(router.sum("herald_rpc_errors_total"), 0)

        // The node holding the queue, and the other one.
        let holder = try await scrape(port: await cluster.nodeMetricsPorts[0])
        XCTAssertEqual(holder.contentType, "text/plain; version=0.0.4; charset=utf-8")
        let node = holder.metrics
        XCTAssertEqual(node.value("herald_messages_posted_total"), Double(posted))
        XCTAssertEqual(node.value("herald_messages_claimed_total"), Double(claimed))
        XCTAssertEqual(node.value("herald_messages_deleted_total"), Double(deleted))
        XCTAssertEqual(node.value("herald_messages_expired_total"), 0)
        XCTAssertEqual(node.value("herald_rpc_requests_total", ["operation": "postMessages"]), 1)
        XCTAssertEqual(node.value("herald_rpc_requests_total", ["operation": "createClaim"]), 1)
        XCTAssertEqual(node.value("herald_rpc_requests_total", ["operation": "deleteMessage"]), Double(deleted))
        XCTAssertEqual(node.sum("herald_rpc_errors_total"), 0)
        XCTAssertEqual(node.value("herald_node_queues"), 1)
        XCTAssertEqual(node.value("herald_node_messages"), Double(posted - deleted))
        XCTAssertEqual(
            node.value("herald_queue_messages", ["project": "cluster-tests", "queue": Self.queue]), Double(posted - deleted))
        XCTAssertGreaterThan(node.value("herald_store_size_bytes") ?? 0, 0)
        XCTAssertEqual(node.sum("herald_notification_deliveries_total"), 0)

        let other = try await scrape(port: await cluster.nodeMetricsPorts[1]).metrics
        XCTAssertEqual(other.value("herald_messages_posted_total"), 0)
        XCTAssertEqual(other.value("herald_node_messages"), 0)
        XCTAssertEqual(other.samples("herald_queue_messages").count, 0)

        // A move of the queue to the other pool, and one refused.
        XCTAssertEqual(router.value("herald_queue_moves_total", ["outcome": "moved"]), 0)
        expectStatus(200, try await client.adminPut("/v2/queues/\(Self.queue)/pool", body: #"{"pool": "node2"}"#))
        expectStatus(400, try await client.adminPut("/v2/queues/\(Self.queue)/pool", body: #"{"pool": "nowhere"}"#))
        let afterMove = try await scrape(port: await cluster.routerMetricsPorts[0]).metrics
        XCTAssertEqual(afterMove.value("herald_queue_moves_total", ["outcome": "moved"]), 1)
        XCTAssertEqual(afterMove.value("herald_queue_moves_total", ["outcome": "failed"]), 0, "a refused request is no move")
        XCTAssertEqual(afterMove.value("herald_queue_move_frozen_seconds_count"), 1)
        XCTAssertEqual(afterMove.value("herald_queue_move_retries_total"), 0, "nothing else used the queue")
        let receiver = try await scrape(port: await cluster.nodeMetricsPorts[1]).metrics
        XCTAssertEqual(receiver.value("herald_node_messages"), Double(posted - deleted), "the messages moved along")
    }

    func testExpiredMessagesAreCountedByGarbageCollection() async throws {
        let cluster = try cluster
        let client = try await makeClient()
        try await createQueue(Self.queue, on: "node1", client: client)
        try await postMessages(client, queue: Self.queue, count: 4, ttl: 60)
        try await cluster.setClockSkew(milliseconds: 120_000)
        let port = await cluster.nodeMetricsPorts[0]
        // Garbage collection runs every few seconds: wait for its pass, then check the count.
        var expired: Double?
        for _ in 0..<300 where expired != 4 {
            expired = try await scrape(port: port).metrics.value("herald_messages_expired_total")
            if expired != 4 { try await Task.sleep(for: .milliseconds(100)) }
        }
        XCTAssertEqual(expired, 4)
        let node = try await scrape(port: port).metrics
        XCTAssertEqual(node.value("herald_node_messages"), 0)
        XCTAssertEqual(node.samples("herald_queue_messages").count, 0, "an empty queue has no series")
        XCTAssertEqual(node.value("herald_messages_deleted_total"), 0, "expiry is not a client delete")
    }

    func testUnreachableNodeIsCountedAsAnRPCError() async throws {
        let cluster = try cluster
        let client = try await makeClient()
        try await createQueue(Self.queue, on: "node2", client: client)
        await cluster.killNode(1)
        expectStatus(503, try await client.get("/v2/queues/\(Self.queue)/stats"))
        let router = try await scrape(port: await cluster.routerMetricsPorts[0]).metrics
        XCTAssertGreaterThanOrEqual(router.value("herald_rpc_errors_total", ["pool": "node2", "kind": "unavailable"]) ?? 0, 1)
        XCTAssertEqual(router.sum("herald_rpc_errors_total", matching: ["pool": "node1"]), 0)
        XCTAssertEqual(requests(router, "GET", "/v2/queues/{queue_name}/stats", 503), 1)
    }

    func testNotificationDeliveriesAndRetriesAreCounted() async throws {
        let cluster = try cluster
        let client = try await makeClient()
        try await createQueue(Self.queue, on: "node1", client: client)
        let receiver = try await NotificationReceiver.start()
        await receiver.state.setStatus(503)
        let policy = #"{"retries_with_no_delay": 0, "minimum_delay_retries": 1000, "minimum_delay": 1, "# +
            #""maximum_delay": 11, "maximum_delay_retries": 0}"#
        expectStatus(201, try await client.post(
            "/v2/queues/\(Self.queue)/subscriptions",
            body: #"{"subscriber": "\#(receiver.url)", "ttl": 3600, "options": {"_retry_policy": \#(policy)}}"#))
        let ids = try await postMessages(client, queue: Self.queue, count: 1)
        let refused = await receiver.waitFor(answered: 503) { $0.contains(ids[0]) }
        XCTAssertTrue(refused, "the first attempt was answered 503")
        await receiver.state.setStatus(200)
        let delivered = await receiver.waitFor(answered: 200) { $0 == ids }
        XCTAssertTrue(delivered, "delivered once the receiver accepts")
        await receiver.stop()

        // The outcome is counted as the attempt is recorded: wait for the scrape to show it.
        let port = await cluster.nodeMetricsPorts[0]
        var node = try await scrape(port: port).metrics
        for _ in 0..<100 where node.value(Self.deliveries, ["scheme": "webhook", "outcome": "delivered"]) != 1 {
            try await Task.sleep(for: .milliseconds(100))
            node = try await scrape(port: port).metrics
        }
        let refusedAttempts = Double(await receiver.messageIDs(answered: 503).count)
        XCTAssertEqual(node.value(Self.deliveries, ["scheme": "webhook", "outcome": "delivered"]), 1)
        XCTAssertEqual(node.value(Self.deliveries, ["scheme": "webhook", "outcome": "retry"]), refusedAttempts)
        XCTAssertEqual(node.value("herald_notification_retries_total"), refusedAttempts, "every refused attempt is retried")
        XCTAssertEqual(node.value(Self.deliveries, ["scheme": "webhook", "outcome": "failed"]), 0)
        XCTAssertEqual(node.sum(Self.deliveries, matching: ["scheme": "mailto"]), 0)
    }

    func testMetricsAreServedOnlyWhereAsked() async throws {
        let cluster = try cluster
        let running = await cluster.routerProcess()
        let withMetrics = try XCTUnwrap(running)
        let apiPort = await cluster.routerPort
        let metricsPort = await cluster.routerMetricsPorts[0]
        XCTAssertEqual(ListeningSockets.ports(of: withMetrics.pid), [apiPort, metricsPort].sorted())

        // The metrics listener serves GET /metrics only, and says so in JSON.
        var metricsClient = HeraldClient(host: cluster.host, port: metricsPort)
        metricsClient.projectID = nil
        metricsClient.clientID = nil
        for response in [try await metricsClient.get("/v2/queues"), try await metricsClient.post("/metrics", body: "{}")] {
            expectStatus(404, response)
            XCTAssertEqual(try response.json()["title"]?.string, "Not Found", "\(response)")
        }

        // The API listener does not serve /metrics.
        var anonymous = try await makeClient()
        anonymous.projectID = nil
        expectStatus(404, try await anonymous.get("/metrics"))

        // A second router on the same catalog, without --metrics-port.
        let logURL = cluster.workDirectory.appendingPathComponent("logs/plain-router.log")
        let plain = try ClusterProcess.launch(
            name: "plain-router", executable: try BinaryLocator.executable("herald-router"),
            arguments: [
                "--host", cluster.host, "--port", "0", "--catalog", cluster.catalogArgument, "--auth", "noauth",
                "--cluster-secret", await cluster.routerClusterSecret,
            ],
            logURL: logURL)
        do {
            let plainPort = try await plain.waitForReadyPort(banner: "herald-router")
            XCTAssertEqual(ListeningSockets.ports(of: plain.pid), [plainPort], "one listener: the API")
            XCTAssertFalse(plain.logText.contains("metrics on"), plain.logText)
            var plainClient = HeraldClient(host: cluster.host, port: plainPort)
            plainClient.projectID = nil
            expectStatus(404, try await plainClient.get("/metrics"))
        } catch {
            await plain.stop()
            throw error
        }
        await plain.stop()
    }

    // MARK: Helpers

    /// The `le` of a histogram bucket sample as a number (`+Inf` included).
    private func upperBound(_ bucket: PrometheusText.Sample) -> Double {
        let bound = bucket.labels["le"] ?? ""
        return bound == "+Inf" ? .infinity : Double(bound) ?? .nan
    }

    /// `herald_http_requests_total` of one method, route template and status.
    private func requests(_ metrics: PrometheusText, _ method: String, _ route: String, _ status: Int) -> Double? {
        metrics.value("herald_http_requests_total", ["method": method, "route": route, "status": String(status)])
    }

    /// `GET /metrics` on `port`, parsed; asserts a 200.
    private func scrape(port: Int) async throws -> (metrics: PrometheusText, contentType: String?) {
        let cluster = try cluster
        var client = HeraldClient(host: cluster.host, port: port)
        client.projectID = nil
        client.clientID = nil
        let response = try await client.get("/metrics")
        XCTAssertEqual(response.status, 200, "\(response)")
        return (try PrometheusText(String(decoding: response.body, as: UTF8.self)), response.header("Content-Type"))
    }
}
