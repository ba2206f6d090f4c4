import HTTPTypes
import Router
import Shared
import XCTest

final class ClaimHTTPTests: XCTestCase {
    func testClaimLifecycle() async throws {
        try await RouterHarness.run { http in
            let ids = try await http.post("q1", bodies: ["1", "2", "3"])
            let claim = try await http.send(.post, "/v2/queues/q1/claims?limit=2", body: #"{"ttl": 120, "grace": 60}"#)
            XCTAssertEqual(claim.status, .created, claim.text)
            let location = claim.headers[.location] ?? ""
            XCTAssertTrue(location.hasPrefix("/v2/queues/q1/claims/"))
            let claimID = String(location.dropFirst("/v2/queues/q1/claims/".count))
            let messages = claim.json?["messages"]?.arrayValue ?? []
            XCTAssertEqual(messages.map { $0["id"] }, [.string(ids[0]), .string(ids[1])])
            XCTAssertEqual(messages.first?["href"], .string("/v2/queues/q1/messages/\(ids[0])?claim_id=\(claimID)"))

            let info = try await http.send(.get, location)
            XCTAssertEqual(info.status, .ok)
            XCTAssertEqual(info.json?["ttl"], .int(120))
            XCTAssertEqual(info.json?["href"], .string(location))
            XCTAssertNotNil(info.json?["age"]?.intValue)
            XCTAssertEqual(info.json?["messages"]?.arrayValue?.count, 2)
            XCTAssertNil(info.json?["id"])

            do { let actual = try await http.send(.patch, location, body: #"{"ttl": 600}"#).status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.get, location).json?["ttl"]; XCTAssertEqual(actual, .int(600)) }

            let rest = try await http.send(.post, "/v2/queues/q1/claims")
            XCTAssertEqual(rest.status, .created)
            XCTAssertEqual(rest.json?["messages"]?.arrayValue?.map { $0["id"] }, [.string(ids[2])])
            do { let actual = try await http.send(.post, "/v2/queues/q1/claims").status; XCTAssertEqual(actual, .noContent) }

            do { let actual = try await http.send(.delete, location).status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.get, location).status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.patch, location, body: #"{"ttl": 100}"#).status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.delete, location).status; XCTAssertEqual(actual, .noContent) }
            let released = try await http.send(.post, "/v2/queues/q1/claims", body: "")
            XCTAssertEqual(released.json?["messages"]?.arrayValue?.count, 2)
        }
    }

    func testClaimsOnMissingQueues() async throws {
        try await RouterHarness.run { http in
            do { let actual = try await http.send(.post, "/v2/queues/ghost/claims").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.get, "/v2/queues/ghost/claims/abc").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.patch, "/v2/queues/ghost/claims/abc", body: "{}").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.delete, "/v2/queues/ghost/claims/abc").status; XCTAssertEqual(actual, .noContent) }
            let count = try await http.catalog.queueCount(project: "proj")
            XCTAssertEqual(count, 0)
        }
    }

    func testClaimValidation() async throws {
        try await RouterHarness.run { http in
            _ = try await http.post("q1", bodies: ["1"])
            let cases: [(String, String?, String)] = [
                ("?limit=0", nil, "Invalid API request"),
                ("?limit=21", nil, "Invalid API request"),
                ("?limit=x", nil, "Invalid parameter"),
                ("", #"{"ttl": 59}"#, "Invalid API request"),
                ("", #"{"ttl": 43201}"#, "Invalid API request"),
                ("", #"{"grace": 59}"#, "Invalid API request"),
                ("", #"{"grace": 43201}"#, "Invalid API request"),
                ("", #"{"ttl": "100"}"#, "Invalid request body"),
                ("", #"{"ttl": true}"#, "Invalid request body"),
                ("", #"{"ttl": 100.5}"#, "Invalid request body"),
                ("", "[]", "Invalid request body"),
                ("", "nope", "Invalid request body"),
            ]
            for (query, body, title) in cases {
                let reply = try await http.send(.post, "/v2/queues/q1/claims\(query)", body: body)
                XCTAssertEqual(reply.status, .badRequest, "\(query) \(body ?? "")")
                XCTAssertEqual(reply.title, title, "\(query) \(body ?? "")")
            }
            let claim = try await http.send(.post, "/v2/queues/q1/claims")
            let location = claim.headers[.location] ?? ""
            do { let actual = try await http.send(.patch, location).status; XCTAssertEqual(actual, .badRequest, "PATCH needs a body") }
            do { let actual = try await http.send(.patch, location, body: "[]").status; XCTAssertEqual(actual, .badRequest) }
            do { let actual = try await http.send(.patch, location, body: #"{"ttl": 10}"#).status; XCTAssertEqual(actual, .badRequest) }
            do { let actual = try await http.send(.patch, location, body: #"{"ttl": 100, "grace": 10}"#).status; XCTAssertEqual(actual, .noContent,
                           "grace is not range-checked on PATCH") }
        }
    }
}
