import Foundation
import XCTest

/// Routers are stateless: one killed with SIGKILL again and again under load costs clients a
/// retry on another router and loses no acknowledged message; one stopped with SIGTERM stops
/// accepting, finishes what it has in flight and exits cleanly.
final class RouterFaultTests: ClusterTestCase {
    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(routers: 2)
    }

    /// SIGKILLs of router 0 per run.
    private static let kills = 10

    func testRouterKillsUnderLoadCostClientsARetryAndLoseNoAcknowledgedMessage() async throws {
        let victim = try await makeClient(router: 0)
        let survivor = try await makeClient(router: 1)
        for queue in ["steady-a", "steady-b"] {
            expectStatus(201, try await victim.put("/v2/queues/\(queue)", body: "{}"))
        }
        let cluster = try cluster
        let ledger = AcknowledgementLedger()
        let stop = StopFlag()
        async let first = Self.produce(into: "steady-a", via: [victim, survivor], ledger: ledger, until: stop)
        async let second = Self.produce(into: "steady-b", via: [victim, survivor], ledger: ledger, until: stop)
        for _ in 0..<Self.kills {
            try await Task.sleep(for: .milliseconds(150))
            await cluster.killRouter(0)
            try await Task.sleep(for: .milliseconds(100))
            try await cluster.restartRouter(0)
        }
        try await Task.sleep(for: .milliseconds(300))
        stop.raise()
        let posted = await (first, second)

        let acknowledged = await ledger.acknowledged
        let retried = await ledger.refused
        print("router fault run: acknowledged \(acknowledged.mapValues(\.count)), retried on the other router \(retried)")
        XCTAssertGreaterThan(retried.values.reduce(0, +), 0, "the kills cost retries")
        for (queue, count) in [("steady-a", posted.0), ("steady-b", posted.1)] {
            let messages = acknowledged[queue] ?? [:]
            XCTAssertEqual(messages.count, count, "\(queue): every batch was acknowledged by one router or the other")
            XCTAssertEqual(Set(messages.values), Set(0..<count), "\(queue): no number is missing")
            try await assertStored(messages, in: queue, client: survivor)
        }
    }

    func testSIGTERMStopsAcceptingFinishesTheRequestInFlightAndExitsCleanly() async throws {
        let client = try await makeClient(router: 0)
        expectStatus(201, try await client.put("/v2/queues/inflight", body: "{}"))
        try await postMessages(client, queue: "inflight", count: 1)
        let cluster = try cluster
        guard let router = await cluster.routerProcess(0) else { return XCTFail("router 0 is not running") }
        var nodes: [ClusterProcess] = []
        for index in 0..<HeraldCluster.nodeCount {
            if let node = await cluster.nodeProcess(index) { nodes.append(node) }
        }

        // With the nodes frozen the post waits in the router for its RPC answer (deadline 5 s).
        for node in nodes { kill(node.pid, SIGSTOP) }
        let body = messagesBody(count: 2, start: 100)
        async let inFlight = client.post("/v2/queues/inflight/messages", body: body)
        try await Task.sleep(for: .milliseconds(400))
        XCTAssertEqual(kill(router.pid, SIGTERM), 0)
        try await Task.sleep(for: .milliseconds(400))
        let refused: Bool
        do {
            _ = try await client.get("/v2/queues")
            refused = false
        } catch {
            refused = true
        }
        for node in nodes { kill(node.pid, SIGCONT) }
        XCTAssertTrue(refused, "a stopping router accepts no new connection")

        let answer = try await inFlight
        expectStatus(201, answer, "the request in flight is answered")
        let exitedCleanly = await router.waitForCleanExit(timeout: .seconds(15))
        XCTAssertTrue(exitedCleanly, "the router exits with status 0 after finishing:\n\(router.logText)")
        let ids = try answer.json()["resources"]?.array?.compactMap { $0.string?.split(separator: "/").last.map(String.init) } ?? []
        XCTAssertEqual(ids.count, 2)
        let survivor = try await makeClient(router: 1)
        try await assertStored(Dictionary(uniqueKeysWithValues: zip(ids, [100, 101])), in: "inflight", client: survivor)
    }

    /// Posts batches of 5 numbered messages until `stop`; a batch the first router does not
    /// answer is retried on the next (its first attempt may have been stored too: a client
    /// retry after a lost answer can store a batch twice). Returns how many numbers were posted.
    private static func produce(
        into queue: String, via routers: [HeraldClient], ledger: AcknowledgementLedger, until stop: StopFlag
    ) async -> Int {
        var next = 0
        while !stop.isRaised {
            let batch = 5
            let items = (next..<(next + batch)).map { #"{"body": {"n": \#($0)}}"# }
            let body = #"{"messages": [\#(items.joined(separator: ", "))]}"#
            var attempt = 0
            while true {
                let router = routers[attempt % routers.count]
                if let response = try? await router.post("/v2/queues/\(queue)/messages", body: body), response.status == 201 {
                    let hrefs = (try? response.json()["resources"]?.array?.compactMap(\.string)) ?? []
                    for (offset, href) in hrefs.enumerated() {
                        await ledger.record(queue: queue, id: String(href.split(separator: "/").last ?? ""), number: next + offset)
                    }
                    break
                }
                await ledger.refuse(queue: queue)
                attempt += 1
                if attempt > 50 { return next }
                try? await Task.sleep(for: .milliseconds(10))
            }
            next += batch
        }
        return next
    }
}
