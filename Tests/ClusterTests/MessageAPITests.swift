import XCTest

/// Posting, listing (echo, include_claimed, paging), get, bulk get, delete and pop.
final class MessageAPITests: ClusterTestCase {
    func testPostReturnsLocationAndResourcesInOrder() async throws {
        let client = try await makeClient()
        let response = try await client.post("/v2/queues/post-q/messages", body: messagesBody(count: 3))
        XCTAssertEqual(response.status, 201, "\(response)")
        let resources = try response.json()["resources"]?.array?.compactMap(\.string) ?? []
        XCTAssertEqual(resources.count, 3)
        for href in resources {
            XCTAssertTrue(href.hasPrefix("/v2/queues/post-q/messages/"), href)
        }
        let ids = resources.compactMap { $0.split(separator: "/").last.map(String.init) }
        XCTAssertEqual(response.header("Location"), "/v2/queues/post-q/messages?ids=\(ids.joined(separator: ","))")
        XCTAssertEqual(Set(ids).count, 3, "ids must be distinct")
    }

    func testListingHidesOwnMessagesUnlessEcho() async throws {
        let client = try await makeClient()
        try await postMessages(client, queue: "echo-q", count: 3)

        let own = try await client.get("/v2/queues/echo-q/messages")
        XCTAssertEqual(own.status, 200, "\(own)")
        XCTAssertEqual(try numbers(in: own), [])
        XCTAssertEqual(try own.json()["links"]?.array?.count, 0)

        let echoed = try await client.get("/v2/queues/echo-q/messages?echo=true")
        XCTAssertEqual(try numbers(in: echoed), [0, 1, 2])
        let first = try echoed.json()["messages"]?[0]
        XCTAssertEqual(first?["ttl"]?.int, 3600)
        XCTAssertNotNil(first?["age"]?.int)
        XCTAssertTrue(first?["href"]?.string?.hasPrefix("/v2/queues/echo-q/messages/") ?? false)

        let other = try await client.withNewClientID().get("/v2/queues/echo-q/messages")
        XCTAssertEqual(try numbers(in: other), [0, 1, 2])
    }

    func testPagingFollowsNextLinksUntilEmptyPage() async throws {
        let poster = try await makeClient()
        try await postMessages(poster, queue: "paged", count: 5)
        let reader = poster.withNewClientID()

        var collected: [Int] = []
        var path = "/v2/queues/paged/messages?limit=2"
        var pages = 0
        while pages < 10 {
            pages += 1
            let page = try await reader.get(path)
            XCTAssertEqual(page.status, 200, "\(page)")
            let batch = try numbers(in: page)
            if batch.isEmpty { break }
            XCTAssertLessThanOrEqual(batch.count, 2)
            collected += batch
            guard let next = try page.json()["links"]?[0]?["href"]?.string else {
                XCTFail("non-empty page without next link")
                break
            }
            XCTAssertTrue(next.hasPrefix("/v2/queues/paged/messages?"), next)
            XCTAssertTrue(next.contains("marker="), next)
            XCTAssertTrue(next.contains("limit=2"), next)
            path = next
        }
        XCTAssertEqual(collected, [0, 1, 2, 3, 4])
        XCTAssertEqual(pages, 4, "3 full/partial pages then an empty one")
    }

    func testGetBulkGetAndDelete() async throws {
        let client = try await makeClient()
        let ids = try await postMessages(client, queue: "crud", count: 4)
        XCTAssertEqual(ids.count, 4)
        guard ids.count == 4 else { return }

        let single = try await client.get("/v2/queues/crud/messages/\(ids[1])")
        XCTAssertEqual(single.status, 200, "\(single)")
        XCTAssertEqual(try single.json()["id"]?.string, ids[1])
        XCTAssertEqual(try single.json()["body"]?["n"]?.int, 1)
        XCTAssertEqual(try single.json()["href"]?.string, "/v2/queues/crud/messages/\(ids[1])")

        let bulk = try await client.get("/v2/queues/crud/messages?ids=\(ids[0]),\(ids[2]),unknown-id")
        XCTAssertEqual(bulk.status, 200, "\(bulk)")
        XCTAssertEqual(Set(try numbers(in: bulk)), [0, 2])

        let none = try await client.get("/v2/queues/crud/messages?ids=unknown-a,unknown-b")
        XCTAssertEqual(none.status, 404, "\(none)")

        expectStatus(204, try await client.delete("/v2/queues/crud/messages/\(ids[1])"))
        expectStatus(404, try await client.get("/v2/queues/crud/messages/\(ids[1])"))
        expectStatus(204, try await client.delete("/v2/queues/crud/messages/\(ids[1])"), "deleting twice is fine")

        let bulkDelete = try await client.delete("/v2/queues/crud/messages?ids=\(ids[0]),\(ids[2])")
        XCTAssertEqual(bulkDelete.status, 204, "\(bulkDelete)")
        let left = try await client.get("/v2/queues/crud/messages?echo=true")
        XCTAssertEqual(try numbers(in: left), [3])
    }

    func testIncludeClaimedShowsClaimedMessagesWithClaimHref() async throws {
        let client = try await makeClient()
        try await postMessages(client, queue: "inc", count: 3)
        let claim = try await client.post("/v2/queues/inc/claims?limit=2", body: #"{"ttl": 120, "grace": 60}"#)
        XCTAssertEqual(claim.status, 201, "\(claim)")
        let claimID = claim.header("Location")?.split(separator: "/").last.map(String.init) ?? "?"

        let visible = try await client.get("/v2/queues/inc/messages?echo=true")
        XCTAssertEqual(try numbers(in: visible), [2])

        let all = try await client.get("/v2/queues/inc/messages?echo=true&include_claimed=true")
        XCTAssertEqual(try numbers(in: all), [0, 1, 2])
        let claimedHref = try all.json()["messages"]?[0]?["href"]?.string ?? ""
        XCTAssertTrue(claimedHref.hasSuffix("?claim_id=\(claimID)"), claimedHref)
        let next = try all.json()["links"]?[0]?["href"]?.string ?? ""
        XCTAssertTrue(next.contains("include_claimed=true") && next.contains("echo=true"), next)
    }

    func testPopRemovesAndReturnsOldestMessages() async throws {
        let client = try await makeClient()
        try await postMessages(client, queue: "pop-q", count: 3)
        let popped = try await client.delete("/v2/queues/pop-q/messages?pop=2")
        XCTAssertEqual(popped.status, 200, "\(popped)")
        XCTAssertEqual(try numbers(in: popped), [0, 1])
        let first = try popped.json()["messages"]?[0]
        XCTAssertNil(first?["href"], "pop returns the raw shape")
        XCTAssertNotNil(first?["id"]?.string)
        XCTAssertEqual(first?["claim_count"]?.int, 0)

        let left = try await client.get("/v2/queues/pop-q/messages?echo=true")
        XCTAssertEqual(try numbers(in: left), [2])

        let empty = try await client.delete("/v2/queues/empty-pop/messages?pop=5")
        XCTAssertEqual(empty.status, 200, "\(empty)")
        XCTAssertEqual(try empty.json()["messages"]?.array?.count, 0)
    }
}
