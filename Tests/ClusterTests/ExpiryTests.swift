import XCTest

/// Claim and message expiry, driven by moving the nodes' clocks forward through the
/// clock-skew file instead of sleeping.
final class ExpiryTests: ClusterTestCase {
    func testExpiredClaimReleasesItsMessages() async throws {
        let client = try await makeClient()
        let ids = try await postMessages(client, queue: "lease", count: 2)
        let claim = try await client.post("/v2/queues/lease/claims?limit=1", body: #"{"ttl": 60, "grace": 60}"#)
        XCTAssertEqual(claim.status, 201, "\(claim)")
        let claimID = claim.header("Location")?.split(separator: "/").last.map(String.init) ?? ""
        guard let claimedID = try claim.json()["messages"]?[0]?["id"]?.string else {
            return XCTFail("claim returned no message: \(claim)")
        }
        XCTAssertEqual(claimedID, ids.first)
        expectStatus(200, try await client.get("/v2/queues/lease/claims/\(claimID)"))

        try await cluster.setClockSkew(milliseconds: 120_000)

        _ = try await client.eventually("claim expiry", request: { try await $0.get("/v2/queues/lease/claims/\(claimID)") }) {
            $0.status == 404
        }
        let visible = try await client.get("/v2/queues/lease/messages?echo=true")
        XCTAssertEqual(try numbers(in: visible), [0, 1], "the lapsed claim's message is visible again")
        let stale = try await client.delete("/v2/queues/lease/messages/\(claimedID)?claim_id=\(claimID)")
        XCTAssertEqual(stale.status, 400, "deleting with an expired claim id: \(stale)")
        let reclaim = try await client.post("/v2/queues/lease/claims?limit=5", body: #"{"ttl": 60}"#)
        XCTAssertEqual(reclaim.status, 201, "\(reclaim)")
        XCTAssertEqual(try numbers(in: reclaim), [0, 1])
    }

    func testMessagesDisappearAfterTheirTTL() async throws {
        let client = try await makeClient()
        let shortLived = try await postMessages(client, queue: "ttl-q", count: 1, ttl: 60)
        let longLived = try await postMessages(client, queue: "ttl-q", count: 1, ttl: 7200, start: 1)
        guard let short = shortLived.first, let long = longLived.first else { return XCTFail("post failed") }

        try await cluster.setClockSkew(milliseconds: 3_700_000)

        _ = try await client.eventually("message expiry", request: { try await $0.get("/v2/queues/ttl-q/messages/\(short)") }) {
            $0.status == 404
        }
        let listing = try await client.get("/v2/queues/ttl-q/messages?echo=true")
        XCTAssertEqual(try numbers(in: listing), [1], "only the 2h message is left")
        let survivor = try await client.get("/v2/queues/ttl-q/messages/\(long)")
        XCTAssertEqual(survivor.status, 200, "\(survivor)")
        XCTAssertGreaterThanOrEqual(try survivor.json()["age"]?.int ?? 0, 3600)

        let claim = try await client.post("/v2/queues/ttl-q/claims", body: #"{"ttl": 60}"#)
        XCTAssertEqual(try numbers(in: claim), [1], "expired messages are not claimable")
    }
}
