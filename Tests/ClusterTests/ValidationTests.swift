import XCTest

/// One request per validation error class; every one must be a typed 4xx JSON error.
final class ValidationTests: ClusterTestCase {
    private func assertError(
        _ response: HeraldResponse,
        _ status: Int,
        file: StaticString = #filePath,
        line: UInt = #line
    ) {
        XCTAssertEqual(response.status, status, "\(response)", file: file, line: line)
        let title = (try? response.json())?["title"]?.string
        XCTAssertNotNil(title, "error body must be {\"title\": ...}: \(response)", file: file, line: line)
    }

    func testHeaderChecks() async throws {
        let client = try await makeClient()

        var noClientID = client
        noClientID.clientID = nil
        assertError(try await noClientID.get("/v2/queues"), 400)
        assertError(try await noClientID.get("/v2/ping"), 400)

        var badClientID = client
        badClientID.clientID = "definitely-not-a-uuid"
        assertError(try await badClientID.get("/v2/queues"), 400)

        var noProject = client
        noProject.projectID = nil
        assertError(try await noProject.get("/v2/queues"), 400)

        var emptyProject = client
        emptyProject.projectID = ""
        assertError(try await emptyProject.get("/v2/queues"), 400)

        let tenantAlias = try await noProject.send(.get, "/v2/queues", headers: [("X-Tenant-ID", "aliased")])
        XCTAssertEqual(tenantAlias.status, 200, "X-Tenant-ID is an alias: \(tenantAlias)")

        let notAcceptable = try await client.send(.get, "/v2/queues", headers: [("Accept", "text/html")])
        XCTAssertEqual(notAcceptable.status, 406, "\(notAcceptable)")

        let form = try await client.send(
            .post,
            "/v2/queues/q/messages",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: "a=b"
        )
        assertError(form, 400)
    }

    func testQueueNameChecks() async throws {
        let client = try await makeClient()
        assertError(try await client.put("/v2/queues/bad@name"), 400)
        assertError(try await client.get("/v2/queues/\(String(repeating: "x", count: 65))/messages"), 400)
        assertError(try await client.delete("/v2/queues/%C3%A9t%C3%A9"), 400)
        expectStatus(201, try await client.put("/v2/queues/\(String(repeating: "x", count: 64))"))
    }

    func testPostBodyChecks() async throws {
        let client = try await makeClient()
        let path = "/v2/queues/checks/messages"
        let huge = String(repeating: "a", count: 262_145)
        assertError(try await client.post(path, body: #"{"messages": [{"body": "\#(huge)"}]}"#), 400)
        assertError(try await client.post(path, body: #"{"messages": [{"body": 1, "ttl": 59}]}"#), 400)
        assertError(try await client.post(path, body: #"{"messages": [{"body": 1, "ttl": 1209601}]}"#), 400)
        assertError(try await client.post(path, body: #"{"messages": [{"body": 1, "ttl": "60"}]}"#), 400)
        assertError(try await client.post(path, body: #"{"messages": []}"#), 400)
        assertError(try await client.post(path, body: #"{"messages": {"body": 1}}"#), 400)
        assertError(try await client.post(path, body: #"{"messages": [{"ttl": 60}]}"#), 400)
        assertError(try await client.post(path, body: #"{"messages": [1]}"#), 400)
        assertError(try await client.post(path, body: "not json"), 400)
        assertError(try await client.post(path), 400)
        let stats = try await client.get("/v2/queues/checks/stats")
        XCTAssertEqual(try stats.json()["messages"]?["total"]?.int, 0, "rejected posts store nothing")
    }

    func testLimitAndQueryChecks() async throws {
        let client = try await makeClient()
        assertError(try await client.get("/v2/queues?limit=0"), 400)
        assertError(try await client.get("/v2/queues?limit=21"), 400)
        assertError(try await client.get("/v2/queues/q/messages?limit=abc"), 400)
        assertError(try await client.get("/v2/queues/q/messages?limit=21"), 400)
        assertError(try await client.get("/v2/queues/q/messages?echo=TRUE"), 400)
        assertError(try await client.post("/v2/queues/q/claims?limit=21"), 400)
        assertError(try await client.delete("/v2/queues/q/messages?pop=0"), 400)
        assertError(try await client.delete("/v2/queues/q/messages?pop=1&ids=a"), 400)
        assertError(try await client.delete("/v2/queues/q/messages"), 400)
        let tooMany = (0..<21).map { "id\($0)" }.joined(separator: ",")
        assertError(try await client.get("/v2/queues/q/messages?ids=\(tooMany)"), 400)
        expectStatus(200, try await client.get("/v2/queues?limit=20"))
    }

    func testClaimAndMetadataChecks() async throws {
        let client = try await makeClient()
        assertError(try await client.post("/v2/queues/q/claims", body: #"{"ttl": 59}"#), 400)
        assertError(try await client.post("/v2/queues/q/claims", body: #"{"ttl": 60, "grace": 43201}"#), 400)
        assertError(try await client.post("/v2/queues/q/claims", body: "[]"), 400)
        assertError(try await client.put("/v2/queues/q", body: #"{"_default_message_ttl": 10}"#), 400)
        assertError(try await client.put("/v2/queues/q", body: "[]"), 400)
        expectStatus(201, try await client.put("/v2/queues/q"))

        let wrongType = try await client.patch(
            "/v2/queues/q",
            body: #"[{"op": "add", "path": "/metadata/a", "value": 1}]"#,
            contentType: "application/json"
        )
        assertError(wrongType, 415)
        let badPath = try await client.patch("/v2/queues/q", body: #"[{"op": "add", "path": "/other/a", "value": 1}]"#)
        assertError(badPath, 400)
        let badOp = try await client.patch("/v2/queues/q", body: #"[{"op": "move", "path": "/metadata/a", "value": 1}]"#)
        assertError(badOp, 400)
    }
}
