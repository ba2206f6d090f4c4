import XCTest

/// Two routers on one PostgreSQL catalog (a private database on the server named by
/// `$HERALD_TEST_POSTGRES_URL`; skipped when unset) serve the same pools, flavors and queues.
final class SharedPostgresCatalogTests: ClusterTestCase {
    private nonisolated(unsafe) var database: PostgresTestDatabase?

    override func clusterConfiguration() async throws -> ClusterConfiguration {
        let database = try PostgresTestDatabase.create()
        self.database = database
        return ClusterConfiguration(adminMode: true, nodes: 3, poolNodes: 2, routers: 2, catalog: database.url)
    }

    override func tearDown() async throws {
        try await super.tearDown()
        database?.drop()
        database = nil
    }

    func testPoolsAndFlavorsAddedThroughOneRouterAreSeenByTheOther() async throws {
        let routerA = try await makeClient(router: 0)
        let routerB = try await makeClient(router: 1)
        let node3 = try await cluster.poolURI(2)

        expectStatus(201, try await routerA.adminPut("/v2/pools/node3", body: #"{"uri": "\#(node3)", "weight": 50}"#))
        let seen = try await routerB.adminGet("/v2/pools/node3")
        expectStatus(200, seen)
        XCTAssertEqual(try seen.json()["uri"]?.string, node3, "\(seen)")
        XCTAssertEqual(try seen.json()["weight"]?.int, 50, "\(seen)")
        let listed = try await routerB.adminGet("/v2/pools")
        XCTAssertEqual((try listed.json()["pools"]?.array ?? []).compactMap { $0["name"]?.string }, ["node1", "node2", "node3"])

        // A flavor made through A places a queue created through B on its pool.
        expectStatus(201, try await routerA.adminPut("/v2/flavors/gold", body: #"{"pool_list": ["node3"]}"#))
        let created = try await routerB.eventually(
            "router B to know flavor gold",
            request: { try await $0.put("/v2/queues/vip", body: #"{"_flavor": "gold"}"#) },
            until: { $0.status == 201 || $0.status == 204 }
        )
        XCTAssertEqual(created.status, 201, "\(created)")
        let onA = try await routerA.poolOf(queue: "vip")
        XCTAssertEqual(onA, "node3", "router A sees where B placed the queue")
    }

    func testQueuesAndMessagesAreSharedBetweenRouters() async throws {
        let routerA = try await makeClient(router: 0)
        let routerB = try await makeClient(router: 1).withNewClientID()

        expectStatus(201, try await routerA.put("/v2/queues/shared", body: #"{"owner": "a"}"#))
        let queues = try await routerB.get("/v2/queues")
        expectStatus(200, queues)
        XCTAssertEqual((try queues.json()["queues"]?.array ?? []).compactMap { $0["name"]?.string }, ["shared"], "\(queues)")
        let metadata = try await routerB.get("/v2/queues/shared")
        expectStatus(200, metadata)
        XCTAssertEqual(try metadata.json()["owner"]?.string, "a", "\(metadata)")

        try await postMessages(routerA, queue: "shared", count: 3)
        let claim = try await routerB.post("/v2/queues/shared/claims?limit=5", body: #"{"ttl": 60, "grace": 60}"#)
        expectStatus(201, claim)
        XCTAssertEqual(try numbers(in: claim).sorted(), [0, 1, 2], "B claims what A posted: \(claim)")
        let poolOnA = try await routerA.poolOf(queue: "shared")
        let poolOnB = try await routerB.poolOf(queue: "shared")
        XCTAssertNotNil(poolOnA)
        XCTAssertEqual(poolOnA, poolOnB, "one placement in the shared catalog")

        // A sees the claim B made: nothing left to claim.
        let second = try await routerA.post("/v2/queues/shared/claims", body: #"{"ttl": 60, "grace": 60}"#)
        expectStatus(204, second)
    }
}
