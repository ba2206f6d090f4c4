import NIOCore
import NIOHTTP1
import Shared
import XCTest

@testable import HeraldBench

/// What a `load` run sends and reads: request paths, claim answers, the canned answers.
final class LoadWireTests: XCTestCase {
    func testConsumingPaths() {
        XCTAssertEqual(ZaqarClient.claimsPath("q 1", limit: 10), "/v2/queues/q%201/claims?limit=10")
        XCTAssertEqual(
            ZaqarClient.bulkDeletePath("q", ids: ["a1", "b2"], claimID: "c3"),
            "/v2/queues/q/messages?ids=a1,b2&claim_ids=c3"
        )
        XCTAssertEqual(ZaqarClient.bulkDeletePath("q", ids: ["a,1"], claimID: nil), "/v2/queues/q/messages?ids=a%2C1")
        XCTAssertEqual(ZaqarClient.listPath("q", limit: 10, echo: true), "/v2/queues/q/messages?limit=10&echo=true")
        XCTAssertEqual(String(buffer: LoadConsumer.claimBody(ttl: 60, grace: 30)), #"{"ttl":60,"grace":30}"#)
    }

    func testClaimAnswerGivesIdsAndTheClaimFromLocationOrHref() {
        let body = ByteBuffer(
            string: #"{"messages":[{"id":"m1","href":"/v2/queues/q/messages/m1?claim_id=c9","ttl":60,"age":0,"body":1},"#
                + #"{"id":"m2","href":"/v2/queues/q/messages/m2?claim_id=c9","ttl":60,"age":0,"body":2}]}"#
        )
        let withLocation = ZaqarResponse(status: 201, body: body, location: "http://h:1/v2/queues/q/claims/c7")
        XCTAssertEqual(ClaimedBatch.parse(withLocation), ClaimedBatch(ids: ["m1", "m2"], claimID: "c7"))
        XCTAssertEqual(ClaimedBatch.parse(ZaqarResponse(status: 201, body: body)), ClaimedBatch(ids: ["m1", "m2"], claimID: "c9"))
        XCTAssertNil(ClaimedBatch.parse(ZaqarResponse(status: 201, body: ByteBuffer(string: #"{"messages":[]}"#))))
        XCTAssertNil(ClaimedBatch.parse(ZaqarResponse(status: 201, body: ByteBuffer(string: #"{"messages":[{"ttl":1}]}"#))))
        XCTAssertNil(ClaimedBatch.parse(ZaqarResponse(status: 201, body: ByteBuffer(string: "not json"))))
        XCTAssertEqual(ClaimedBatch.claimID(inHref: "/m/1?x=2&claim_id=abc"), "abc")
        XCTAssertNil(ClaimedBatch.claimID(inHref: "/m/1"))
        XCTAssertNil(ClaimedBatch.claimID(inLocation: "/v2/queues/q/claims/"))
    }

    func testCannedAnswersFollowTheZaqarRoutes() throws {
        let canned = CannedResponses(batch: 4, claim: 3, bodySize: 64)
        XCTAssertEqual(canned.answer(method: .PUT, uri: "/v2/queues/q1").status, .created)
        XCTAssertEqual(canned.answer(method: .DELETE, uri: "/v2/queues/q1").status, .noContent)
        let post = canned.answer(method: .POST, uri: "/v2/queues/q1/messages")
        XCTAssertEqual(post.status, .created)
        guard case .array(let resources)? = try JSONValue.parse(post.body.readableBytesView)["resources"] else {
            return XCTFail("no resources")
        }
        XCTAssertEqual(resources.count, 4)
        let claim = canned.answer(method: .POST, uri: "/v2/queues/q1/claims?limit=3")
        XCTAssertEqual(claim.status, .created)
        XCTAssertEqual(claim.location, "/v2/queues/q1/claims/" + CannedResponses.claimID)
        let batch = ClaimedBatch.parse(ZaqarResponse(status: 201, body: claim.body, location: claim.location))
        XCTAssertEqual(batch?.ids.count, 3)
        XCTAssertEqual(Set(batch?.ids ?? []).count, 3, "distinct ids")
        XCTAssertEqual(batch?.claimID, CannedResponses.claimID)
        XCTAssertEqual(canned.answer(method: .DELETE, uri: "/v2/queues/q1/messages?ids=a,b&claim_ids=c").status, .noContent)
        let listing = canned.answer(method: .GET, uri: "/v2/queues/q1/messages?limit=10&echo=true")
        XCTAssertEqual(listing.status, .ok)
        XCTAssertEqual(try JSONValueParsing.messages(listing.body).count, CannedResponses.listed)
        XCTAssertEqual(canned.answer(method: .GET, uri: "/v2/queues/q1/claims").status, .notFound)
        XCTAssertEqual(canned.answer(method: .GET, uri: "/").status, .notFound)
        XCTAssertEqual(canned.answer(method: .POST, uri: "/v2/pools/p").status, .notFound)
    }
}
