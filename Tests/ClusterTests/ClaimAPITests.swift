import XCTest

/// Claim create/get/patch/release and deleting claimed messages.
final class ClaimAPITests: ClusterTestCase {
    /// Creates a claim and returns (claim id, claimed message ids).
    private func claim(
        _ client: HeraldClient,
        queue: String,
        limit: Int,
        ttl: Int = 300
    ) async throws -> (String, [String]) {
        let response = try await client.post("/v2/queues/\(queue)/claims?limit=\(limit)", body: #"{"ttl": \#(ttl), "grace": 60}"#)
        XCTAssertEqual(response.status, 201, "\(response)")
        let location = response.header("Location") ?? ""
        XCTAssertTrue(location.hasPrefix("/v2/queues/\(queue)/claims/"), location)
        let claimID = location.split(separator: "/").last.map(String.init) ?? ""
        let messages = try response.json()["messages"]?.array ?? []
        for message in messages {
            XCTAssertTrue(message["href"]?.string?.hasSuffix("?claim_id=\(claimID)") ?? false, "\(message)")
        }
        return (claimID, messages.compactMap { $0["id"]?.string })
    }

    func testClaimLifecycle() async throws {
        let client = try await makeClient()
        try await postMessages(client, queue: "work", count: 5)

        let (claimID, claimed) = try await claim(client, queue: "work", limit: 2)
        XCTAssertEqual(claimed.count, 2)

        let fetched = try await client.get("/v2/queues/work/claims/\(claimID)")
        XCTAssertEqual(fetched.status, 200, "\(fetched)")
        XCTAssertEqual(try fetched.json()["ttl"]?.int, 300)
        XCTAssertEqual(try fetched.json()["href"]?.string, "/v2/queues/work/claims/\(claimID)")
        XCTAssertEqual(try fetched.json()["messages"]?.array?.count, 2)
        XCTAssertNotNil(try fetched.json()["age"]?.int)

        let patched = try await client.patch(
            "/v2/queues/work/claims/\(claimID)",
            body: #"{"ttl": 600, "grace": 60}"#,
            contentType: "application/json"
        )
        XCTAssertEqual(patched.status, 204, "\(patched)")
        let repatched = try await client.get("/v2/queues/work/claims/\(claimID)")
        XCTAssertEqual(try repatched.json()["ttl"]?.int, 600, "\(repatched)")

        // A second claim only gets the remaining, unclaimed messages.
        let (secondClaim, secondIDs) = try await claim(client, queue: "work", limit: 10)
        XCTAssertEqual(secondIDs.count, 3)
        XCTAssertTrue(Set(secondIDs).isDisjoint(with: claimed))
        expectStatus(204, try await client.post("/v2/queues/work/claims", body: "{}"), "nothing left to claim")

        guard let first = claimed.first else { return }
        let forbidden = try await client.delete("/v2/queues/work/messages/\(first)")
        XCTAssertEqual(forbidden.status, 403, "claimed message without claim id: \(forbidden)")
        let wrongClaim = try await client.delete("/v2/queues/work/messages/\(first)?claim_id=\(secondClaim)")
        XCTAssertEqual(wrongClaim.status, 403, "claimed under another live claim: \(wrongClaim)")
        let deleted = try await client.delete("/v2/queues/work/messages/\(first)?claim_id=\(claimID)")
        XCTAssertEqual(deleted.status, 204, "\(deleted)")
        expectStatus(404, try await client.get("/v2/queues/work/messages/\(first)"))

        // Release: the other message of the first claim becomes claimable again.
        expectStatus(204, try await client.delete("/v2/queues/work/claims/\(claimID)"))
        expectStatus(404, try await client.get("/v2/queues/work/claims/\(claimID)"))
        expectStatus(204, try await client.delete("/v2/queues/work/claims/\(claimID)"), "unknown claim delete is 204")
        let (_, reclaimed) = try await claim(client, queue: "work", limit: 10)
        XCTAssertEqual(reclaimed, Array(claimed.dropFirst()))
    }

    func testClaimOnEmptyOrMissingQueueIs204() async throws {
        let client = try await makeClient()
        expectStatus(204, try await client.post("/v2/queues/never/claims"))
        expectStatus(201, try await client.put("/v2/queues/empty"))
        let response = try await client.post("/v2/queues/empty/claims", body: #"{"ttl": 60}"#)
        XCTAssertEqual(response.status, 204, "\(response)")
        XCTAssertTrue(response.body.isEmpty)
        expectStatus(404, try await client.get("/v2/queues/never/claims/abc"))
    }

    func testDeleteWithUnclaimedMessageAndClaimIDIs400() async throws {
        let client = try await makeClient()
        let ids = try await postMessages(client, queue: "unclaimed", count: 2)
        try await postMessages(client, queue: "other", count: 1)
        let (otherClaim, _) = try await claim(client, queue: "other", limit: 1)
        guard let id = ids.first else { return XCTFail("no ids") }
        let response = try await client.delete("/v2/queues/unclaimed/messages/\(id)?claim_id=\(otherClaim)")
        XCTAssertEqual(response.status, 400, "\(response)")
        expectStatus(200, try await client.get("/v2/queues/unclaimed/messages/\(id)"), "message must survive")
    }
}

/// Router started with `--message-delete-with-claim-id`: bulk deletes need claim ids.
final class ClaimIDRequiredTests: ClusterTestCase {
    override class var routerFlags: [String] { ["--message-delete-with-claim-id"] }

    func testBulkDeleteRequiresClaimIDs() async throws {
        let client = try await makeClient()
        let ids = try await postMessages(client, queue: "strict", count: 2)
        let withoutClaims = try await client.delete("/v2/queues/strict/messages?ids=\(ids.joined(separator: ","))")
        XCTAssertEqual(withoutClaims.status, 400, "\(withoutClaims)")

        let claim = try await client.post("/v2/queues/strict/claims?limit=2", body: #"{"ttl": 60}"#)
        XCTAssertEqual(claim.status, 201, "\(claim)")
        let claimID = claim.header("Location")?.split(separator: "/").last.map(String.init) ?? ""
        let withClaims = try await client.delete(
            "/v2/queues/strict/messages?ids=\(ids.joined(separator: ","))&claim_ids=\(claimID)"
        )
        XCTAssertEqual(withClaims.status, 204, "\(withClaims)")
        let left = try await client.get("/v2/queues/strict/messages?ids=\(ids.joined(separator: ","))")
        XCTAssertEqual(left.status, 404, "both messages deleted: \(left)")
    }
}
