import HTTPTypes
import Router
import Shared
import XCTest

final class MessageHTTPTests: XCTestCase {
    func testPostCreatesQueueLazilyAndReturnsResources() async throws {
        try await RouterHarness.run { http in
            let reply = try await http.send(
                .post, "/v2/queues/lazy/messages",
                body: #"{"messages": [{"body": {"event": "one"}, "ttl": 300}, {"body": null, "extra": 1}]}"#)
            XCTAssertEqual(reply.status, .created, reply.text)
            let resources = reply.json?["resources"]?.arrayValue?.compactMap(\.stringValue) ?? []
            XCTAssertEqual(resources.count, 2)
            XCTAssertTrue(resources.allSatisfy { $0.hasPrefix("/v2/queues/lazy/messages/") })
            let ids = resources.map { String($0.dropFirst("/v2/queues/lazy/messages/".count)) }
            XCTAssertEqual(reply.headers[.location], "/v2/queues/lazy/messages?ids=\(ids.joined(separator: ","))")
            let pool = try await http.catalog.poolName(for: QueueRef(project: "proj", name: "lazy"))
            XCTAssertNotNil(pool)
            let listed = try await http.send(.get, "/v2/queues")
            XCTAssertEqual(listed.json?["queues"]?.arrayValue?.first?["name"], .string("lazy"))

            let message = try await http.send(.get, "/v2/queues/lazy/messages/\(ids[0])")
            XCTAssertEqual(message.status, .ok)
            XCTAssertEqual(message.json?["id"], .string(ids[0]))
            XCTAssertEqual(message.json?["href"], .string(resources[0]))
            XCTAssertEqual(message.json?["ttl"], .int(300))
            XCTAssertEqual(message.json?["body"], .object([("event", .string("one"))]))
            XCTAssertNil(message.json?["checksum"])
            XCTAssertEqual(message.json?.keys, ["id", "href", "ttl", "age", "body"])
            let nullBody = try await http.send(.get, "/v2/queues/lazy/messages/\(ids[1])")
            XCTAssertEqual(nullBody.json?["body"], .null)
            XCTAssertEqual(nullBody.json?["ttl"], .int(3600))
        }
    }

    func testPostValidation() async throws {
        try await RouterHarness.run { http in
            let cases: [(String?, String)] = [
                (nil, "Invalid request body"),
                ("", "Invalid request body"),
                ("nope", "Invalid request body"),
                (#"[{"body": 1}]"#, "Invalid request body"),
                (#"{"other": []}"#, "Invalid request body"),
                (#"{"messages": {"body": 1}}"#, "Invalid request body"),
                (#"{"messages": []}"#, "Invalid request body"),
                (#"{"messages": [1]}"#, "Invalid request body"),
                (#"{"messages": [{"ttl": 100}]}"#, "Invalid request body"),
                (#"{"messages": [{"body": 1, "ttl": "100"}]}"#, "Invalid request body"),
                (#"{"messages": [{"body": 1, "ttl": true}]}"#, "Invalid request body"),
                (#"{"messages": [{"body": 1, "ttl": 59}]}"#, "Invalid API request"),
                (#"{"messages": [{"body": 1, "ttl": 1209601}]}"#, "Invalid API request"),
                (#"{"messages": [{"body": 1, "delay": 901}]}"#, "Invalid API request"),
                (#"{"messages": [{"body": 1, "delay": -1}]}"#, "Invalid API request"),
                (#"{"messages": [{"body": 99999999999999999999}]}"#, "Invalid request body"),
            ]
            for (body, title) in cases {
                let reply = try await http.send(.post, "/v2/queues/q1/messages", body: body)
                XCTAssertEqual(reply.status, .badRequest, body ?? "no body")
                XCTAssertEqual(reply.title, title, body ?? "no body")
            }
            let count = try await http.catalog.queueCount(project: "proj")
            XCTAssertEqual(count, 0, "invalid posts do not create queues")
        }
    }

    func testPostSizeLimits() async throws {
        var configuration = RouterConfiguration()
        configuration.limits.maxMessagesPostSize = 200
        try await RouterHarness.run(configuration: configuration) { http in
            let big = "{\"messages\": [{\"body\": \"\(String(repeating: "x", count: 200))\"}]}"
            let reply = try await http.send(.post, "/v2/queues/q1/messages", body: big)
            XCTAssertEqual(reply.status, .badRequest)
            XCTAssertEqual(reply.title, "Invalid API request")
            try await http.send(.put, "/v2/queues/small", body: #"{"_max_messages_post_size": 60}"#)
            let queueLimited = try await http.send(
                .post, "/v2/queues/small/messages", body: #"{"messages": [{"body": "01234567890123456789012345678901234567890123456789"}]}"#)
            XCTAssertEqual(queueLimited.status, .badRequest, "the queue's own lower cap applies")
            do { let actual = try await http.send(.post, "/v2/queues/small/messages", body: #"{"messages":[{"body":1}]}"#).status; XCTAssertEqual(actual, .created) }
        }
    }

    func testChecksumsWhenEnabled() async throws {
        try await RouterHarness.run(configuration: RouterConfiguration(enableChecksum: true)) { http in
            let ids = try await http.post("q1", bodies: [#"{"event": "BackupStarted"}"#, "null"])
            let first = try await http.send(.get, "/v2/queues/q1/messages/\(ids[0])")
            XCTAssertEqual(first.json?["checksum"], .string("MD5:82eb2714b7c0237d373947c046cac78d"))
            let second = try await http.send(.get, "/v2/queues/q1/messages/\(ids[1])")
            XCTAssertNil(second.json?["checksum"])
        }
    }

    func testListingEchoPagingAndNextLinks() async throws {
        try await RouterHarness.run { http in
            let mine = try await http.post("q1", bodies: ["1", "2", "3"])
            let theirs = try await http.post("q1", bodies: ["4"], clientID: RouterHarness.otherClientID)
            let withoutEcho = try await http.send(.get, "/v2/queues/q1/messages")
            XCTAssertEqual(withoutEcho.json?["messages"]?.arrayValue?.map { $0["id"] }, theirs.map { .string($0) })

            let page1 = try await http.send(.get, "/v2/queues/q1/messages?echo=true&limit=2")
            XCTAssertEqual(page1.status, .ok)
            XCTAssertEqual(page1.json?["messages"]?.arrayValue?.map { $0["id"] }, mine.prefix(2).map { .string($0) })
            let href = page1.json?["links"]?.arrayValue?.first?["href"]?.stringValue ?? ""
            XCTAssertTrue(href.hasPrefix("/v2/queues/q1/messages?marker="), href)
            XCTAssertTrue(href.contains("&limit=2&echo=true&include_delayed=true"), href)
            let page2 = try await http.send(.get, href)
            XCTAssertEqual(page2.json?["messages"]?.arrayValue?.map { $0["id"] }, [.string(mine[2]), .string(theirs[0])])
            let page3 = try await http.send(.get, page2.json?["links"]?.arrayValue?.first?["href"]?.stringValue ?? "")
            XCTAssertEqual(page3.text, #"{"messages":[],"links":[]}"#)

            let badMarker = try await http.send(.get, "/v2/queues/q1/messages?marker=zzz&echo=true")
            XCTAssertEqual(badMarker.status, .ok)
            XCTAssertEqual(badMarker.text, #"{"messages":[],"links":[]}"#)
            let missingQueue = try await http.send(.get, "/v2/queues/ghost/messages")
            XCTAssertEqual(missingQueue.text, #"{"messages":[],"links":[]}"#)
        }
    }

    func testListingValidation() async throws {
        try await RouterHarness.run { http in
            do { let actual = try await http.send(.get, "/v2/queues/q1/messages?limit=21").title; XCTAssertEqual(actual, "Invalid API request") }
            do { let actual = try await http.send(.get, "/v2/queues/q1/messages?limit=0").status; XCTAssertEqual(actual, .badRequest) }
            do { let actual = try await http.send(.get, "/v2/queues/q1/messages?echo=maybe").title; XCTAssertEqual(actual, "Invalid parameter") }
            do { let actual = try await http.send(.get, "/v2/queues/q1/messages?include_claimed=2").status; XCTAssertEqual(actual, .badRequest) }
        }
    }

    func testClaimedMessagesCarryClaimIDInHref() async throws {
        try await RouterHarness.run { http in
            let ids = try await http.post("q1", bodies: ["1", "2"])
            let claim = try await http.send(.post, "/v2/queues/q1/claims?limit=1")
            let claimID = String(claim.headers[.location]?.split(separator: "/").last ?? "")
            let hidden = try await http.send(.get, "/v2/queues/q1/messages?echo=true")
            XCTAssertEqual(hidden.json?["messages"]?.arrayValue?.map { $0["id"] }, [.string(ids[1])])
            let shown = try await http.send(.get, "/v2/queues/q1/messages?echo=true&include_claimed=true")
            XCTAssertEqual(shown.json?["messages"]?.arrayValue?.first?["href"],
                           .string("/v2/queues/q1/messages/\(ids[0])?claim_id=\(claimID)"))
            let single = try await http.send(.get, "/v2/queues/q1/messages/\(ids[0])")
            XCTAssertEqual(single.json?["href"], .string("/v2/queues/q1/messages/\(ids[0])?claim_id=\(claimID)"))
        }
    }

    func testGetByIDs() async throws {
        try await RouterHarness.run { http in
            let ids = try await http.post("q1", bodies: ["1", "2", "3"])
            let reply = try await http.send(.get, "/v2/queues/q1/messages?ids=\(ids[2]),unknown,\(ids[0])")
            XCTAssertEqual(reply.status, .ok)
            XCTAssertEqual(reply.json?["messages"]?.arrayValue?.map { $0["id"] }, [.string(ids[2]), .string(ids[0])])
            XCTAssertNil(reply.json?["links"])
            do { let actual = try await http.send(.get, "/v2/queues/q1/messages?ids=unknown").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.get, "/v2/queues/ghost/messages?ids=\(ids[0])").status; XCTAssertEqual(actual, .notFound) }
            let many = (0...20).map { "id\($0)" }.joined(separator: ",")
            do { let actual = try await http.send(.get, "/v2/queues/q1/messages?ids=\(many)").status; XCTAssertEqual(actual, .badRequest) }
            do { let actual = try await http.send(.get, "/v2/queues/q1/messages/unknown").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.get, "/v2/queues/ghost/messages/\(ids[0])").title; XCTAssertEqual(actual, "Not found") }
        }
    }

    func testDeleteSingleWithClaimRules() async throws {
        try await RouterHarness.run { http in
            let ids = try await http.post("q1", bodies: ["1", "2", "3"])
            do { let actual = try await http.send(.delete, "/v2/queues/q1/messages/\(ids[0])").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.get, "/v2/queues/q1/messages/\(ids[0])").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.delete, "/v2/queues/q1/messages/\(ids[0])").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.delete, "/v2/queues/ghost/messages/x").status; XCTAssertEqual(actual, .noContent) }

            let claim = try await http.send(.post, "/v2/queues/q1/claims?limit=1")
            let claimID = String(claim.headers[.location]?.split(separator: "/").last ?? "")
            let claimed = try await http.send(.delete, "/v2/queues/q1/messages/\(ids[1])")
            XCTAssertEqual(claimed.status, .forbidden)
            XCTAssertEqual(claimed.title, "Unable to delete")
            let notClaimed = try await http.send(.delete, "/v2/queues/q1/messages/\(ids[2])?claim_id=\(claimID)")
            XCTAssertEqual(notClaimed.status, .badRequest)
            XCTAssertEqual(notClaimed.title, "Unable to delete")
            let unknownClaim = try await http.send(.delete, "/v2/queues/q1/messages/\(ids[1])?claim_id=nonsense")
            XCTAssertEqual(unknownClaim.status, .badRequest)
            do { let actual = try await http.send(.delete, "/v2/queues/q1/messages/\(ids[1])?claim_id=\(claimID)").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.get, "/v2/queues/q1/messages/\(ids[1])").status; XCTAssertEqual(actual, .notFound) }
        }
    }

    func testBulkDeleteAndPop() async throws {
        try await RouterHarness.run { http in
            let ids = try await http.post("q1", bodies: ["1", "2", "3", "4", "5"])
            do { let actual = try await http.send(.delete, "/v2/queues/q1/messages?ids=\(ids[0]),\(ids[1]),unknown").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.get, "/v2/queues/q1/stats").json?["messages"]?["total"]; XCTAssertEqual(actual, .int(3)) }
            let popped = try await http.send(.delete, "/v2/queues/q1/messages?pop=2")
            XCTAssertEqual(popped.status, .ok)
            let messages = popped.json?["messages"]?.arrayValue ?? []
            XCTAssertEqual(messages.map { $0["id"] }, [.string(ids[2]), .string(ids[3])])
            XCTAssertEqual(messages.first?.keys, ["id", "ttl", "age", "body", "claim_id", "claim_count"])
            XCTAssertEqual(messages.first?["body"], .int(3))
            XCTAssertEqual(messages.first?["claim_id"], .null)
            let emptyPop = try await http.send(.delete, "/v2/queues/ghost/messages?pop=5")
            XCTAssertEqual(emptyPop.text, #"{"messages":[]}"#)
            do { let actual = try await http.send(.delete, "/v2/queues/ghost/messages?ids=a").status; XCTAssertEqual(actual, .noContent) }

            for query in ["", "?ids=a&pop=1", "?pop=0", "?pop=21", "?ids=\((0...20).map { "m\($0)" }.joined(separator: ","))"] {
                let reply = try await http.send(.delete, "/v2/queues/q1/messages\(query)")
                XCTAssertEqual(reply.status, .badRequest, query)
                XCTAssertEqual(reply.title, "Invalid API request", query)
            }
            do { let actual = try await http.send(.delete, "/v2/queues/q1/messages?pop=x").title; XCTAssertEqual(actual, "Invalid parameter") }
        }
    }

    func testBulkDeleteWithClaimIDsMode() async throws {
        try await RouterHarness.run(configuration: RouterConfiguration(messageDeleteWithClaimID: true)) { http in
            let ids = try await http.post("q1", bodies: ["1", "2"])
            do { let actual = try await http.send(.delete, "/v2/queues/q1/messages?ids=\(ids[0])").status; XCTAssertEqual(actual, .badRequest) }
            let claim = try await http.send(.post, "/v2/queues/q1/claims?limit=1")
            let claimID = String(claim.headers[.location]?.split(separator: "/").last ?? "")
            let mismatch = try await http.send(.delete, "/v2/queues/q1/messages?ids=\(ids[1])&claim_ids=\(claimID)")
            XCTAssertEqual(mismatch.status, .forbidden)
            do { let actual = try await http.send(.delete, "/v2/queues/q1/messages?ids=\(ids[0])&claim_ids=\(claimID)").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.get, "/v2/queues/q1/messages/\(ids[0])").status; XCTAssertEqual(actual, .notFound) }
        }
    }
}
