import XCTest

/// Queue lifecycle: create, metadata, listing with paging, stats, purge, delete.
final class QueueAPITests: ClusterTestCase {
    func testCreateAnswers201Then204() async throws {
        let client = try await makeClient()
        let first = try await client.put("/v2/queues/orders")
        XCTAssertEqual(first.status, 201, "\(first)")
        XCTAssertEqual(first.header("Location"), "/v2/queues/orders")
        let second = try await client.put("/v2/queues/orders")
        XCTAssertEqual(second.status, 204, "\(second)")
    }

    func testMetadataGetAndPatch() async throws {
        let client = try await makeClient()
        let created = try await client.put(
            "/v2/queues/meta.q",
            body: #"{"color": "blue", "_default_message_ttl": 120}"#
        )
        XCTAssertEqual(created.status, 201, "\(created)")

        let fetched = try await client.get("/v2/queues/meta.q")
        XCTAssertEqual(fetched.status, 200, "\(fetched)")
        let metadata = try fetched.json()
        XCTAssertEqual(metadata["color"]?.string, "blue")
        XCTAssertEqual(metadata["_default_message_ttl"]?.int, 120)
        XCTAssertEqual(metadata["_max_messages_post_size"]?.int, 262_144)
        XCTAssertEqual(metadata["_default_message_delay"]?.int, 0)

        let patched = try await client.patch(
            "/v2/queues/meta.q",
            body: #"[{"op": "add", "path": "/metadata/size", "value": 3}, {"op": "replace", "path": "/metadata/color", "value": "red"}]"#
        )
        XCTAssertEqual(patched.status, 200, "\(patched)")
        XCTAssertEqual(try patched.json()["size"]?.int, 3)
        XCTAssertEqual(try patched.json()["color"]?.string, "red")

        let removed = try await client.patch("/v2/queues/meta.q", body: #"[{"op": "remove", "path": "/metadata/size"}]"#)
        XCTAssertEqual(removed.status, 200, "\(removed)")
        XCTAssertNil(try removed.json()["size"])

        let conflict = try await client.patch(
            "/v2/queues/meta.q",
            body: #"[{"op": "replace", "path": "/metadata/absent", "value": 1}]"#
        )
        XCTAssertEqual(conflict.status, 409, "\(conflict)")

        let reread = try await client.get("/v2/queues/meta.q")
        XCTAssertEqual(try reread.json()["color"]?.string, "red")
    }

    func testMissingQueueReadsDefaultsAndPatchIs404() async throws {
        let client = try await makeClient()
        let fetched = try await client.get("/v2/queues/never-created")
        XCTAssertEqual(fetched.status, 200, "\(fetched)")
        XCTAssertEqual(try fetched.json()["_default_message_ttl"]?.int, 3600)
        let patched = try await client.patch("/v2/queues/never-created", body: #"[{"op": "add", "path": "/metadata/a", "value": 1}]"#)
        XCTAssertEqual(patched.status, 404, "\(patched)")
    }

    func testListQueuesPagesByNameAndDetailed() async throws {
        let client = try await makeClient(project: "listing")
        let names = (0..<5).map { "list-\($0)" }
        for name in names.reversed() {
            let response = try await client.put("/v2/queues/\(name)", body: #"{"tag": "\#(name)"}"#)
            XCTAssertEqual(response.status, 201, "\(response)")
        }

        var seen: [String] = []
        var path = "/v2/queues?limit=2"
        for _ in 0..<10 {
            let page = try await client.get(path)
            XCTAssertEqual(page.status, 200, "\(page)")
            let json = try page.json()
            let queues = json["queues"]?.array ?? []
            if queues.isEmpty {
                XCTAssertEqual(json["links"]?.array?.count, 0, "empty page must have no links")
                break
            }
            XCTAssertLessThanOrEqual(queues.count, 2)
            for queue in queues {
                let name = queue["name"]?.string ?? "?"
                seen.append(name)
                XCTAssertEqual(queue["href"]?.string, "/v2/queues/\(name)")
                XCTAssertNil(queue["metadata"], "metadata only with detailed=true")
            }
            guard let next = json["links"]?[0]?["href"]?.string else {
                XCTFail("non-empty page without next link: \(json)")
                break
            }
            XCTAssertEqual(json["links"]?[0]?["rel"]?.string, "next")
            XCTAssertTrue(next.hasPrefix("/v2/queues?"), next)
            path = next
        }
        XCTAssertEqual(seen, names)

        let detailed = try await client.get("/v2/queues?detailed=true&limit=20")
        XCTAssertEqual(detailed.status, 200, "\(detailed)")
        let first = try detailed.json()["queues"]?[0]
        XCTAssertEqual(first?["metadata"]?["tag"]?.string, "list-0")
        XCTAssertEqual(first?["metadata"]?["_default_message_ttl"]?.int, 3600)

        let otherProject = try await makeClient(project: "someone-else").get("/v2/queues")
        XCTAssertEqual(try otherProject.json()["queues"]?.array?.count, 0, "queues are project scoped")
    }

    func testDeleteQueueRemovesItAndIs204Twice() async throws {
        let client = try await makeClient()
        expectStatus(201, try await client.put("/v2/queues/doomed"))
        try await postMessages(client, queue: "doomed", count: 2)
        expectStatus(204, try await client.delete("/v2/queues/doomed"))
        expectStatus(204, try await client.delete("/v2/queues/doomed"))
        let listing = try await client.get("/v2/queues")
        let names = try listing.json()["queues"]?.array?.compactMap { $0["name"]?.string } ?? []
        XCTAssertFalse(names.contains("doomed"))
        let messages = try await client.get("/v2/queues/doomed/messages?echo=true")
        XCTAssertEqual(messages.status, 200, "\(messages)")
        XCTAssertEqual(try numbers(in: messages), [])
    }

    func testStatsCountFreeAndClaimedAndPurgeEmptiesQueue() async throws {
        let client = try await makeClient()
        let empty = try await client.get("/v2/queues/stats-q/stats")
        XCTAssertEqual(empty.status, 200, "\(empty)")
        XCTAssertEqual(try empty.json()["messages"]?["total"]?.int, 0)

        try await postMessages(client, queue: "stats-q", count: 3)
        let claim = try await client.post("/v2/queues/stats-q/claims?limit=1", body: #"{"ttl": 300, "grace": 60}"#)
        XCTAssertEqual(claim.status, 201, "\(claim)")

        let stats = try await client.get("/v2/queues/stats-q/stats")
        XCTAssertEqual(stats.status, 200, "\(stats)")
        let messages = try stats.json()["messages"]
        XCTAssertEqual(messages?["total"]?.int, 3)
        XCTAssertEqual(messages?["claimed"]?.int, 1)
        XCTAssertEqual(messages?["free"]?.int, 2)
        XCTAssertTrue(messages?["oldest"]?["href"]?.string?.hasPrefix("/v2/queues/stats-q/messages/") ?? false, "\(stats)")
        XCTAssertNotNil(messages?["newest"]?["age"]?.int)

        let purge = try await client.post("/v2/queues/stats-q/purge", body: #"{"resource_types": ["messages"]}"#)
        XCTAssertEqual(purge.status, 204, "\(purge)")
        let after = try await client.get("/v2/queues/stats-q/stats")
        XCTAssertEqual(try after.json()["messages"]?["total"]?.int, 0, "\(after)")
    }
}
