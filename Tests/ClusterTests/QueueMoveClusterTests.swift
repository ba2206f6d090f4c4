import Foundation
import Synchronization
import XCTest

/// Live queue moves between pools on a real cluster (two nodes, two routers sharing the
/// catalog): producers and a consumer keep going through both routers while a queue moves, and
/// afterwards every acknowledged message is there exactly once, the claim taken before the move
/// still holds its messages, the subscription moved along, and the router that had the old
/// placement cached followed the move by itself. Draining a pool moves all its queues.
final class QueueMoveClusterTests: ClusterTestCase {
    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(adminMode: true, routers: 2)
    }

    /// What the load of a move saw.
    private actor Traffic {
        var acknowledged: [String: Int] = [:]
        var delivered: [String: Int] = [:]
        var refusals: [Int] = []
        var failures: [String] = []

        func acknowledge(_ ids: [String], from first: Int) {
            for (offset, id) in ids.enumerated() { acknowledged[id] = first + offset }
        }

        func deliver(_ id: String) { delivered[id, default: 0] += 1 }
        func refuse(_ status: Int) { refusals.append(status) }
        func fail(_ what: String) { failures.append(what) }
    }

    func testMoveUnderLoadLosesNothingAndKeepsClaimsAndSubscriptions() async throws {
        let client = try await makeClient()
        let viaSecondRouter = try await makeClient(router: 1)
        try await createQueue("busy", on: "node1", client: client)
        // A backlog, so the move copies something: 1000 messages of about 1 KB.
        let padding = String(repeating: "x", count: 1000)
        var backlog: [String: Int] = [:]
        for start in stride(from: 0, to: 1000, by: 50) {
            let items = (start..<(start + 50)).map { #"{"body": {"n": \#($0), "pad": "\#(padding)"}, "ttl": 3600}"# }
            let response = try await client.post("/v2/queues/busy/messages", body: #"{"messages": [\#(items.joined(separator: ","))]}"#)
            expectStatus(201, response)
            let ids = (try response.json()["resources"]?.array ?? []).compactMap { $0.string?.split(separator: "/").last.map(String.init) }
            for (offset, id) in ids.enumerated() { backlog[id] = start + offset }
        }
        let held = try await client.post("/v2/queues/busy/claims?limit=5", body: #"{"ttl": 300, "grace": 60}"#)
        expectStatus(201, held)
        let heldClaim = try XCTUnwrap(held.header("Location")?.split(separator: "/").last.map(String.init))
        let heldIDs = (try held.json()["messages"]?.array ?? []).compactMap { $0["href"]?.string }
            .compactMap { $0.split(separator: "?").first?.split(separator: "/").last.map(String.init) }
        XCTAssertEqual(heldIDs.count, 5)
        let subscribed = try await client.post(
            "/v2/queues/busy/subscriptions", body: #"{"subscriber": "http://127.0.0.1:9/hook", "ttl": 3600}"#)
        expectStatus(201, subscribed)
        let subscriptionID = try XCTUnwrap(try subscribed.json()["subscription_id"]?.string)
        // The second router learns the old placement and keeps it cached.
        expectStatus(200, try await viaSecondRouter.get("/v2/queues/busy/stats"))

        let traffic = Traffic()
        let stop = StopFlag()
        async let producerA: Void = Self.produce(via: client, numbersFrom: 100_000, traffic: traffic, until: stop)
        async let producerB: Void = Self.produce(via: viaSecondRouter, numbersFrom: 200_000, traffic: traffic, until: stop)
        async let consumer: Void = Self.consume(via: viaSecondRouter.withNewClientID(), traffic: traffic, until: stop)
        try await Task.sleep(for: .milliseconds(400))
        let moved = try await client.adminPut("/v2/queues/busy/pool", body: #"{"pool": "node2"}"#)
        try await Task.sleep(for: .milliseconds(600))
        stop.raise()
        _ = await (producerA, producerB, consumer)

        expectStatus(200, moved)
        let outcome = try moved.json()
        XCTAssertEqual(outcome["pool"]?.string, "node2")
        XCTAssertEqual(outcome["moved_from"]?.string, "node1")
        XCTAssertGreaterThan(outcome["messages"]?.int ?? 0, 0, "the backlog was copied: \(moved)")
        // How long it was frozen is the benchmark's business (benchmarks/move.sh); here it is reported.
        let frozen = try XCTUnwrap(outcome["frozen_ms"]?.int, "\(moved)")
        XCTAssertGreaterThanOrEqual(frozen, 0)
        let placed = try await client.poolOf(queue: "busy")
        XCTAssertEqual(placed, "node2")
        let refusals = await traffic.refusals
        let failures = await traffic.failures
        let acknowledged = await traffic.acknowledged
        let consumed = await traffic.delivered
        print("queue move: frozen \(frozen) ms, \(acknowledged.count) posts acknowledged during the run, "
            + "\(consumed.count) consumed, refusals \(refusals)")
        XCTAssertEqual(failures, [], "no request failed other than with 503")
        XCTAssertTrue(refusals.allSatisfy { $0 == 503 }, "at most a 503 while frozen: \(refusals)")
        XCTAssertGreaterThan(acknowledged.count, 0)

        // The claim taken before the move still holds its messages, and deletes with it work.
        let claim = try await client.get("/v2/queues/busy/claims/\(heldClaim)")
        expectStatus(200, claim)
        let claimedNow = (try claim.json()["messages"]?.array ?? []).compactMap { $0["href"]?.string }
            .compactMap { $0.split(separator: "?").first?.split(separator: "/").last.map(String.init) }
        XCTAssertEqual(Set(claimedNow), Set(heldIDs))
        for id in heldIDs {
            expectStatus(204, try await client.delete("/v2/queues/busy/messages/\(id)?claim_id=\(heldClaim)"))
        }
        let subscription = try await client.get("/v2/queues/busy/subscriptions/\(subscriptionID)")
        expectStatus(200, subscription)
        XCTAssertEqual(try subscription.json()["subscriber"]?.string, "http://127.0.0.1:9/hook")

        // Every acknowledged message (backlog and load) arrives: consumed during the run, held by
        // the claim, or drained now, once each.
        var expected = backlog
        for (id, number) in acknowledged { expected[id] = number }
        XCTAssertEqual(consumed.filter { $0.value > 1 }.count, 0, "no message consumed twice under live claims")
        let rest = expected.filter { consumed[$0.key] == nil && !heldIDs.contains($0.key) }
        try await assertDrainedOnce(rest, from: "busy", client: viaSecondRouter)
    }

    func testDrainingAPoolMovesEveryQueueAndLetsThePoolGo() async throws {
        let admin = try await makeClient(project: "admin")
        let other = try await makeClient(project: "tenant-b")
        try await createQueue("alpha", on: "node1", client: admin)
        try await createQueue("beta", on: "node1", client: other)
        expectStatus(201, try await other.put("/v2/topics/news"))
        _ = try await postMessages(admin, queue: "alpha", count: 30)
        _ = try await postMessages(other, queue: "beta", count: 7)
        expectStatus(201, try await other.post("/v2/topics/news/messages", body: messagesBody(count: 2)))
        expectStatus(200, try await admin.adminPatch("/v2/pools/node2", body: #"{"weight": 100}"#))

        let cluster = try cluster
        let cli = HeraldCLIRunner(url: "http://\(cluster.host):\(await cluster.routerPort)")
        let drained = try await cli.run(["pools", "drain", "node1", "--batch", "2"])
        XCTAssertEqual(drained.status, 0, "\(drained)")
        XCTAssertTrue(drained.stdout.contains("admin/alpha to node2 (30 messages"), "\(drained)")
        XCTAssertTrue(drained.stdout.contains("tenant-b/beta to node2 (7 messages"), "\(drained)")
        XCTAssertTrue(drained.stdout.contains("0 left"), "\(drained)")

        let pool = try await admin.adminGet("/v2/pools/node1")
        XCTAssertEqual(try pool.json()["weight"]?.int, 0, "a drained pool takes no new queues")
        let alphaPool = try await admin.poolOf(queue: "alpha")
        XCTAssertEqual(alphaPool, "node2")
        let listing1 = try await admin.get("/v2/queues/alpha/messages?echo=true&limit=20")
        XCTAssertEqual(try numbers(in: listing1), Array(0..<20))
        let alphaStats = try await admin.get("/v2/queues/alpha/stats")
        XCTAssertEqual(try alphaStats.json()["messages"]?["free"]?.int, 30)
        let listing2 = try await other.get("/v2/queues/beta/messages?echo=true")
        XCTAssertEqual(try numbers(in: listing2), Array(0..<7))
        let listing3 = try await other.get("/v2/topics/news/messages?echo=true")
        XCTAssertEqual(try numbers(in: listing3), [0, 1])

        let removed = try await cli.run(["pools", "remove", "node1"])
        XCTAssertEqual(removed.status, 0, "the empty pool can be removed: \(removed)")
        expectStatus(201, try await admin.post("/v2/queues/alpha/messages", body: messagesBody(count: 1, start: 30)))
    }

    func testMoveRequestsAreCheckedAndAMoveToTheSamePoolChangesNothing() async throws {
        let client = try await makeClient(project: "admin")
        try await createQueue("steady", on: "node1", client: client)
        _ = try await postMessages(client, queue: "steady", count: 3)
        let cases: [(String, Int)] = [
            (#"{"pool": "nowhere"}"#, 400), (#"{}"#, 400), (#"{"pool": "node2", "extra": 1}"#, 400), (#"{"pool": 7}"#, 400),
            ("[]", 400), ("not json", 400),
        ]
        for (body, status) in cases {
            let response = try await client.adminPut("/v2/queues/steady/pool", body: body)
            XCTAssertEqual(response.status, status, "\(body): \(response)")
        }
        expectStatus(404, try await client.adminPut("/v2/queues/unknown/pool", body: #"{"pool": "node2"}"#))
        expectStatus(403, try await client.put("/v2/queues/steady/pool", body: #"{"pool": "node2"}"#), "admins only")
        let same = try await client.adminPut("/v2/queues/steady/pool", body: #"{"pool": "node1"}"#)
        expectStatus(200, same)
        XCTAssertEqual(try same.json()["messages"]?.int, 0)
        let steadyPool = try await client.poolOf(queue: "steady")
        XCTAssertEqual(steadyPool, "node1")
        expectStatus(400, try await client.send(.post, "/v2/pools/node1/drain", headers: [HeraldClient.adminRole], body: #"{"limit": 0}"#))
        expectStatus(404, try await client.send(.post, "/v2/pools/nowhere/drain", headers: [HeraldClient.adminRole]))

        let cluster = try cluster
        let cli = HeraldCLIRunner(url: "http://\(cluster.host):\(await cluster.routerPort)")
        let moved = try await cli.run(["queues", "move", "steady", "--to", "node2"])
        XCTAssertEqual(moved.status, 0, "\(moved)")
        XCTAssertTrue(moved.stdout.contains("moved_from") && moved.stdout.contains("node1"), "\(moved)")
        let listing4 = try await client.get("/v2/queues/steady/messages?echo=true")
        XCTAssertEqual(try numbers(in: listing4), [0, 1, 2])
        let refused = try await cli.run(["queues", "move", "steady", "--to", "nowhere"])
        XCTAssertEqual(refused.status, 1, "\(refused)")
        XCTAssertTrue(refused.stderr.contains("Pool nowhere does not exist"), "\(refused)")
    }

    /// Posts batches of 5 numbered messages until `stop`; anything but 201 or 503 is a failure.
    private static func produce(via client: HeraldClient, numbersFrom first: Int, traffic: Traffic, until stop: StopFlag) async {
        var next = first
        while !stop.isRaised {
            let items = (next..<(next + 5)).map { #"{"body": {"n": \#($0)}, "ttl": 3600}"# }
            do {
                let response = try await client.post("/v2/queues/busy/messages", body: #"{"messages": [\#(items.joined(separator: ","))]}"#)
                if response.status == 201 {
                    let ids = (try response.json()["resources"]?.array ?? []).compactMap { $0.string?.split(separator: "/").last.map(String.init) }
                    await traffic.acknowledge(ids, from: next)
                    next += 5
                } else if response.status == 503 {
                    await traffic.refuse(503)
                } else {
                    await traffic.fail("post answered \(response)")
                }
            } catch {
                await traffic.fail("post failed: \(error)")
            }
        }
    }

    /// Claims (TTL 300 s, so nothing is delivered twice) and deletes until `stop`.
    private static func consume(via client: HeraldClient, traffic: Traffic, until stop: StopFlag) async {
        while !stop.isRaised {
            do {
                let claim = try await client.post("/v2/queues/busy/claims?limit=10", body: #"{"ttl": 300, "grace": 60}"#)
                guard claim.status == 201 else {
                    if claim.status == 503 { await traffic.refuse(503) } else if claim.status != 204 { await traffic.fail("claim answered \(claim)") }
                    continue
                }
                let ids = (try claim.json()["messages"]?.array ?? []).compactMap { $0["href"]?.string }
                    .compactMap { $0.split(separator: "?").first?.split(separator: "/").last.map(String.init) }
                for id in ids { await traffic.deliver(id) }
                let deleted = try await client.delete("/v2/queues/busy/messages?ids=\(ids.joined(separator: ","))")
                if deleted.status == 503 { await traffic.refuse(503) } else if deleted.status != 204 { await traffic.fail("delete answered \(deleted)") }
            } catch {
                await traffic.fail("consumer failed: \(error)")
            }
        }
    }
}
