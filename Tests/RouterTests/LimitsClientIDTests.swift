import HTTPTypes
import Router
import XCTest

/// `--client-id-mode off` with `--client-id-min-length`/`--client-id-max-length`, and
/// `--message-delete-with-claim-id`.
final class LimitsClientIDTests: XCTestCase {
    func testOffModeUsesTheConfiguredLengths() async throws {
        try await RouterHarness.run(configuration: RouterConfiguration(clientIDMode: .off(min: 3, max: 5))) { http in
            for (clientID, expected) in [("ab", HTTPResponse.Status.badRequest), ("abc", .ok), ("abcde", .ok), ("abcdef", .badRequest)] {
                let reply = try await http.send(.get, "/v2/queues", clientID: clientID)
                XCTAssertEqual(reply.status, expected, clientID)
                if expected == .badRequest {
                    XCTAssertEqual(reply.title, "Invalid Client-ID header: its length must be between 3 and 5 characters.")
                }
            }
        }
    }

    func testStrictModeIgnoresTheLengths() async throws {
        try await RouterHarness.run(configuration: RouterConfiguration(clientIDMode: .strict)) { http in
            let reply = try await http.send(.get, "/v2/queues", clientID: "abcdefghijkl")
            XCTAssertEqual(reply.status, .badRequest)
            XCTAssertEqual(reply.title, "Wrong UUID value")
        }
    }

    func testBulkDeleteNeedsClaimIDsOnlyWhenConfigured() async throws {
        try await RouterHarness.run { http in
            let ids = try await http.post("q1", bodies: ["1"])
            let reply = try await http.send(.delete, "/v2/queues/q1/messages?ids=\(ids[0])")
            XCTAssertEqual(reply.status, .noContent, "without the option ids alone delete")
        }
        try await RouterHarness.run(configuration: RouterConfiguration(messageDeleteWithClaimID: true)) { http in
            let ids = try await http.post("q1", bodies: ["1"])
            let refused = try await http.send(.delete, "/v2/queues/q1/messages?ids=\(ids[0])")
            XCTAssertEqual(refused.status, .badRequest, refused.text)
            do { let actual = try await http.send(.get, "/v2/queues/q1/messages/\(ids[0])").status; XCTAssertEqual(actual, .ok) }
        }
    }
}
