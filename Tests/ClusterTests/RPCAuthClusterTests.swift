import XCTest

/// Routers and nodes share a cluster secret (the harness gives every process one): a router with
/// another secret, or none, cannot reach the nodes and answers 503, while the right one works.
final class RPCAuthClusterTests: ClusterTestCase {
    func testRouterWithoutTheClusterSecretGets503AndTheRightOneWorks() async throws {
        let cluster = try cluster
        let client = try await makeClient()
        expectStatus(201, try await client.put("/v2/queues/guarded", body: "{}"))
        try await postMessages(client, queue: "guarded", count: 2)

        for (secret, what) in [("not the cluster secret", "a wrong secret"), ("", "no secret")] {
            await cluster.setRouterClusterSecret(secret)
            await cluster.killRouter()
            try await cluster.restartRouter()
            let read = try await client.get("/v2/queues/guarded/messages?echo=true")
            expectStatus(503, read, "reading with \(what)")
            expectStatus(503, try await client.post("/v2/queues/guarded/messages", body: messagesBody(count: 1)), "posting with \(what)")
            expectStatus(503, try await client.put("/v2/queues/fresh", body: "{}"), "placing a queue with \(what)")
        }
        let logs = await cluster.logs()
        XCTAssertTrue(logs.contains("storage node authentication failed"), "the router says why")
        XCTAssertTrue(logs.contains("the cluster secrets differ"), "a wrong secret is named as such")
        XCTAssertTrue(logs.contains("RPC peer refused"), "the nodes log the refused peers")

        await cluster.setRouterClusterSecret(cluster.clusterSecret)
        await cluster.killRouter()
        try await cluster.restartRouter()
        let listing = try await client.get("/v2/queues/guarded/messages?echo=true")
        expectStatus(200, listing)
        XCTAssertEqual(try numbers(in: listing), [0, 1], "nothing was written while the router was locked out")
        expectStatus(201, try await client.put("/v2/queues/fresh", body: "{}"))
    }
}
