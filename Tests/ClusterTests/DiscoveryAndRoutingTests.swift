import XCTest

/// Version discovery, home document, ping, and 404/405 routing against a live cluster.
final class DiscoveryAndRoutingTests: ClusterTestCase {
    func testVersionDocumentNeedsNoHeadersAndAnswers300() async throws {
        var client = try await makeClient()
        client.clientID = nil
        client.projectID = nil
        let response = try await client.get("/")
        XCTAssertEqual(response.status, 300, "\(response)")
        let version = try response.json()["versions"]?[0]
        XCTAssertEqual(version?["id"]?.string, "2")
        XCTAssertEqual(version?["status"]?.string, "CURRENT")
        XCTAssertEqual(version?["links"]?[0]?["href"]?.string, "/v2/")
    }

    func testHomeDocumentAdvertisesQueueResources() async throws {
        let client = try await makeClient()
        let response = try await client.get("/v2/")
        XCTAssertEqual(response.status, 200, "\(response)")
        XCTAssertEqual(response.header("Content-Type"), "application/json-home")
        XCTAssertEqual(response.header("Cache-Control"), "max-age=86400")
        let resources = try response.json()["resources"]
        XCTAssertEqual(resources?["rel/queues"]?["href-template"]?.string, "/v2/queues{?marker,limit,detailed}")
        XCTAssertNotNil(resources?["rel/post_messages"])
        XCTAssertNotNil(resources?["rel/post_claim"])
    }

    func testPingAnswers204ForGetAndHead() async throws {
        let client = try await makeClient()
        let get = try await client.get("/v2/ping")
        XCTAssertEqual(get.status, 204, "\(get)")
        XCTAssertTrue(get.body.isEmpty)
        let head = try await client.send(.head, "/v2/ping")
        XCTAssertEqual(head.status, 204, "\(head)")
    }

    func testUnknownPathsAre404() async throws {
        let client = try await makeClient()
        for path in ["/v2/nothing-here", "/v2/queues/", "/v2", "/v3/queues"] {
            let response = try await client.get(path)
            XCTAssertEqual(response.status, 404, "\(path): \(response)")
        }
        let body = try await client.get("/v2/nothing-here").json()
        XCTAssertEqual(body["title"]?.string, "404 Not Found")
    }

    func testUnsupportedMethodsAre405WithAllowHeader() async throws {
        let client = try await makeClient()
        let postQueues = try await client.post("/v2/queues", body: "{}")
        XCTAssertEqual(postQueues.status, 405, "\(postQueues)")
        XCTAssertNotNil(postQueues.header("Allow"))
        XCTAssertTrue(postQueues.header("Allow")?.contains("GET") ?? false, "Allow: \(postQueues.header("Allow") ?? "-")")

        let listClaims = try await client.get("/v2/queues/q1/claims")
        XCTAssertEqual(listClaims.status, 405, "\(listClaims)")

        let headQueue = try await client.send(.head, "/v2/queues/q1")
        XCTAssertEqual(headQueue.status, 405, "\(headQueue)")
    }
}
