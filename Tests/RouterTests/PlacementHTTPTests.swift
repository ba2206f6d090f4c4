import Catalog
import HTTPTypes
import Router
import Shared
import XCTest

/// Weighted placement, drained pools, dead pools, health and the queue → pool endpoint.
final class PlacementHTTPTests: XCTestCase {
    private static let adminMode = RouterConfiguration(adminMode: true)

    func testWeightZeroTakesNoNewQueues() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            do { let actual = try await http.admin(.patch, "/v2/pools/pool0", body: #"{"weight": 0}"#).status; XCTAssertEqual(actual, .ok) }
            for index in 0..<10 {
                _ = try await http.post("q\(index)", bodies: ["1"])
                let pool = try await http.catalog.poolName(for: QueueRef(project: "proj", name: "q\(index)"))
                XCTAssertEqual(pool, "pool1")
            }
            do { let actual = try await http.admin(.patch, "/v2/pools/pool1", body: #"{"weight": 0}"#).status; XCTAssertEqual(actual, .ok) }
            let none = try await http.send(.put, "/v2/queues/late")
            XCTAssertEqual(none.status, .serviceUnavailable)
            let existing = try await http.send(.get, "/v2/queues/q0/messages?echo=true")
            XCTAssertEqual(existing.status, .ok, "drained pools keep serving their queues")
            XCTAssertEqual(existing.json?["messages"]?.arrayValue?.count, 1)
        }
    }

    func testADeadPoolOnlyAffectsItsOwnQueues() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 1) { http in
            try await http.catalog.upsertPool(Pool(name: "dead", uri: "herald://127.0.0.1:1", weight: 100))
            let onDead = QueueRef(project: "proj", name: "lost")
            let onLive = QueueRef(project: "proj", name: "fine")
            _ = try await http.catalog.register(onDead, pool: "dead")
            _ = try await http.catalog.register(onLive, pool: "pool0")
            for path in ["/v2/queues/lost/messages", "/v2/queues/lost/stats", "/v2/queues/lost"] {
                let reply = try await http.send(.get, path)
                XCTAssertEqual(reply.status, .serviceUnavailable, path)
                XCTAssertEqual(reply.headers[.retryAfter], "1", path)
            }
            _ = try await http.post("fine", bodies: ["1"])
            let live = try await http.send(.get, "/v2/queues/fine/stats")
            XCTAssertEqual(live.status, .ok)
            XCTAssertEqual(live.json?["messages"]?["total"], .int(1))
            do { let actual = try await http.send(.get, "/v2/ping").status; XCTAssertEqual(actual, .serviceUnavailable) }
            do { let actual = try await http.send(.head, "/v2/ping").status; XCTAssertEqual(actual, .noContent) }
        }
    }

    func testNewQueuesAvoidADeadPool() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 1) { http in
            try await http.catalog.upsertPool(Pool(name: "dead", uri: "herald://127.0.0.1:1", weight: 1_000))
            for index in 0..<8 {
                let created = try await http.send(.put, "/v2/queues/new\(index)")
                XCTAssertEqual(created.status, .created)
                let pool = try await http.catalog.poolName(for: QueueRef(project: "proj", name: "new\(index)"))
                XCTAssertEqual(pool, "pool0", "a pool whose node does not answer takes no new queues")
            }
            _ = try await http.post("lazy", bodies: ["1"])
            let lazy = try await http.catalog.poolName(for: QueueRef(project: "proj", name: "lazy"))
            XCTAssertEqual(lazy, "pool0")
            do { let actual = try await http.admin(.patch, "/v2/pools/pool0", body: #"{"weight": 0}"#).status; XCTAssertEqual(actual, .ok) }
            let none = try await http.send(.put, "/v2/queues/nowhere")
            XCTAssertEqual(none.status, .serviceUnavailable, "only the dead pool is left")
            let unregistered = try await http.catalog.poolName(for: QueueRef(project: "proj", name: "nowhere"))
            XCTAssertNil(unregistered, "no catalog entry for a queue that could not be placed")
        }
    }

    func testADeadNodeRecoversWhenItReturns() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 0) { http in
            let store = try http.nodes.makeStore()
            let server = RPCServer(store: store, host: "127.0.0.1", port: 0)
            let port = try await server.start()
            await server.shutdown()
            try await http.catalog.upsertPool(Pool(name: "flaky", uri: "herald://127.0.0.1:\(port)", weight: 100))
            let down = try await http.send(.put, "/v2/queues/q1")
            XCTAssertEqual(down.status, .serviceUnavailable)
            let restarted = RPCServer(store: store, host: "127.0.0.1", port: port)
            _ = try await restarted.start()
            // The client may still be in its reconnect backoff (at most 2 s) for a moment.
            var status = HTTPResponse.Status.serviceUnavailable
            for _ in 0..<40 where status == .serviceUnavailable {
                status = try await http.send(.put, "/v2/queues/q1").status
                if status == .serviceUnavailable { try await Task.sleep(for: .milliseconds(100)) }
            }
            await restarted.shutdown()
            XCTAssertEqual(status, .created, "the router reconnects by itself")
        }
    }

    func testHealthReportsEveryPool() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 1, deadPools: ["dead"]) { http in
            _ = try await http.catalog.register(QueueRef(project: "proj", name: "q1"), pool: "pool0")
            _ = try await http.post("q1", bodies: ["1", "2", "3"])
            do { let actual = try await http.send(.post, "/v2/queues/q1/claims?limit=1", body: "{}").status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.get, "/v2/health").status; XCTAssertEqual(actual, .forbidden) }
            let reply = try await http.admin(.get, "/v2/health")
            XCTAssertEqual(reply.status, .ok)
            XCTAssertEqual(reply.json?.keys, ["catalog_reachable", "dead", "pool0"])
            XCTAssertEqual(reply.json?["catalog_reachable"], .bool(true))
            let live = reply.json?["pool0"]
            XCTAssertEqual(live?["storage_reachable"], .bool(true))
            XCTAssertEqual(live?["operation_status"], .object([]))
            XCTAssertEqual(live?["message_volume"]?["free"], .int(2))
            XCTAssertEqual(live?["message_volume"]?["claimed"], .int(1))
            XCTAssertEqual(live?["message_volume"]?["total"], .int(3))
            XCTAssertEqual(live?["queues"], .int(1))
            let dead = reply.json?["dead"]
            XCTAssertEqual(dead?["storage_reachable"], .bool(false))
            XCTAssertNil(dead?["message_volume"])
            XCTAssertEqual(dead?["queues"], .int(0))
        }
    }

    func testQueuePoolEndpoint() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 1) { http in
            do { let actual = try await http.send(.put, "/v2/queues/q1").status; XCTAssertEqual(actual, .created) }
            let reply = try await http.admin(.get, "/v2/queues/q1/pool")
            XCTAssertEqual(reply.status, .ok)
            XCTAssertEqual(reply.json?.keys, ["queue", "project", "pool", "flavor", "href"])
            XCTAssertEqual(reply.json?["queue"], .string("q1"))
            XCTAssertEqual(reply.json?["project"], .string("proj"))
            XCTAssertEqual(reply.json?["pool"], .string("pool0"))
            XCTAssertEqual(reply.json?["flavor"], .null)
            XCTAssertEqual(reply.json?["href"], .string("/v2/pools/pool0"))
            do { let actual = try await http.admin(.get, "/v2/queues/other/pool").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.admin(.get, "/v2/queues/q1/pool", project: "elsewhere").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.get, "/v2/queues/q1/pool").status; XCTAssertEqual(actual, .forbidden) }
            do { let actual = try await http.admin(.get, "/v2/queues/bad%20name/pool").status; XCTAssertEqual(actual, .badRequest) }
            do { let actual = try await http.admin(.post, "/v2/queues/q1/pool").status; XCTAssertEqual(actual, .methodNotAllowed) }
        }
    }

    func testCatalogChangesByAnotherRouterAreSeenWithinAboutASecond() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 1) { http in
            do { let actual = try await http.send(.put, "/v2/queues/warm").status; XCTAssertEqual(actual, .created) }
            let node = try await http.nodes.startNode()
            // Another router moves pool0 to a new node straight in the shared catalog.
            try await http.catalog.upsertPool(Pool(name: "pool0", uri: node.uri, weight: 100))
            try await Task.sleep(for: .milliseconds(1_300))
            do { let actual = try await http.send(.put, "/v2/queues/moved").status; XCTAssertEqual(actual, .created) }
            let moved = try await node.store.queueMetadata(QueueRef(project: "proj", name: "moved"))
            XCTAssertNotNil(moved, "the router dropped its pool cache when the catalog revision moved")
        }
    }
}
