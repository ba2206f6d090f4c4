import XCTest

/// A dead node only affects the queues of its own pool, and the router reconnects by itself
/// when the node comes back.
final class DeadPoolIsolationTests: ClusterTestCase {
    override class var routerFlags: [String] { ["--admin-mode"] }

    func testKilledNodeOnlyTakesItsOwnQueuesDownAndComesBack() async throws {
        let client = try await makeClient()
        try await createQueue("on-one", on: "node1", client: client)
        try await createQueue("on-two", on: "node2", client: client)
        try await postMessages(client, queue: "on-one", count: 2)
        try await postMessages(client, queue: "on-two", count: 2)
        // New queues go to node1 from now on.
        expectStatus(200, try await client.adminPatch("/v2/pools/node1", body: #"{"weight": 100}"#))
        expectStatus(200, try await client.adminPatch("/v2/pools/node2", body: #"{"weight": 0}"#))

        try await cluster.killNode(1)

        // The live pool keeps serving.
        try await postMessages(client, queue: "on-one", count: 1, start: 2)
        let listing = try await client.get("/v2/queues/on-one/messages?echo=true")
        expectStatus(200, listing)
        XCTAssertEqual(try numbers(in: listing), [0, 1, 2])
        expectStatus(201, try await client.post("/v2/queues/on-one/claims", body: #"{"ttl": 60, "grace": 60}"#))
        expectStatus(201, try await client.put("/v2/queues/fresh", body: "{}"), "node1 is the only pool with weight")

        // The dead pool answers 503 with Retry-After, for reads and writes.
        let read = try await client.get("/v2/queues/on-two/messages?echo=true")
        expectStatus(503, read)
        XCTAssertNotNil(read.header("Retry-After"), "\(read.headers)")
        let write = try await client.post("/v2/queues/on-two/messages", body: messagesBody(count: 1))
        expectStatus(503, write)
        XCTAssertNotNil(write.header("Retry-After"), "\(write.headers)")
        let stats = try await client.get("/v2/queues/on-two/stats")
        expectStatus(503, stats)

        // Back on the same port and file, without touching the router.
        try await cluster.restartNode(1)
        let back = try await client.eventually(
            "the router to reconnect to node2",
            request: { try await $0.get("/v2/queues/on-two/messages?echo=true") },
            until: { $0.status == 200 }
        )
        XCTAssertEqual(try numbers(in: back), [0, 1], "the messages survived the crash")
        try await postMessages(client, queue: "on-two", count: 1, start: 2)
        let after = try await client.get("/v2/queues/on-two/messages?echo=true")
        XCTAssertEqual(try numbers(in: after), [0, 1, 2])
    }
}
