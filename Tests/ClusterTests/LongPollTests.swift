import Foundation
import XCTest

/// Long polling (`wait=`), Herald's extension: a claim or listing with nothing to return waits
/// for a post on the storage node instead of answering 204 / an empty page at once.
final class LongPollTests: ClusterTestCase {
    func testWaitingClaimReceivesAMessagePostedLater() async throws {
        let consumer = try await makeClient()
        let producer = consumer.withNewClientID()
        expectStatus(201, try await consumer.put("/v2/queues/longpoll"))

        async let claimed = consumer.post("/v2/queues/longpoll/claims?wait=15&limit=5", body: #"{"ttl":60,"grace":60}"#)
        // The claim is waiting by now (or it finds the message at once: either way it must get it).
        try await Task.sleep(for: .milliseconds(400))
        let posted = try await producer.post("/v2/queues/longpoll/messages", body: #"{"messages":[{"body":"late"}]}"#)
        XCTAssertEqual(posted.status, 201, "\(posted)")

        let claim = try await claimed
        XCTAssertEqual(claim.status, 201, "the post woke the claim before its wait ran out: \(claim)")
        let bodies = try claim.json()["messages"]?.array?.compactMap { $0["body"]?.string }
        XCTAssertEqual(bodies, ["late"])
    }

    func testWaitingListingReceivesAMessagePostedLater() async throws {
        let client = try await makeClient()
        expectStatus(201, try await client.put("/v2/queues/watched"))
        async let listed = client.get("/v2/queues/watched/messages?echo=true&wait=15")
        try await Task.sleep(for: .milliseconds(400))
        let posted = try await client.post("/v2/queues/watched/messages", body: messagesBody(count: 2, start: 1))
        XCTAssertEqual(posted.status, 201, "\(posted)")
        let page = try await listed
        XCTAssertEqual(page.status, 200, "\(page)")
        XCTAssertEqual(try numbers(in: page), [1, 2])
    }

    func testWaitRunsOutWithZaqarsEmptyAnswers() async throws {
        let client = try await makeClient()
        expectStatus(201, try await client.put("/v2/queues/quiet"))
        let claim = try await client.post("/v2/queues/quiet/claims?wait=1", body: #"{"ttl":60}"#)
        XCTAssertEqual(claim.status, 204, "\(claim)")
        let page = try await client.get("/v2/queues/quiet/messages?wait=1")
        XCTAssertEqual(page.status, 200, "\(page)")
        XCTAssertEqual(try page.json()["messages"]?.array?.count, 0)
        // Without wait, nothing changes: 204 at once.
        let plain = try await client.post("/v2/queues/quiet/claims", body: #"{"ttl":60}"#)
        XCTAssertEqual(plain.status, 204, "\(plain)")
    }

    func testBadWaitValuesAnswer400() async throws {
        let client = try await makeClient()
        expectStatus(201, try await client.put("/v2/queues/strict"))
        for value in ["21", "-1", "soon", "1.5"] {
            let claim = try await client.post("/v2/queues/strict/claims?wait=\(value)", body: #"{"ttl":60}"#)
            XCTAssertEqual(claim.status, 400, "wait=\(value): \(claim)")
            let page = try await client.get("/v2/queues/strict/messages?wait=\(value)")
            XCTAssertEqual(page.status, 400, "wait=\(value): \(page)")
        }
        let error = try await client.post("/v2/queues/strict/claims?wait=21", body: #"{"ttl":60}"#)
        XCTAssertTrue(error.description.contains("may not be greater than 20 seconds"), "\(error)")
    }
}
