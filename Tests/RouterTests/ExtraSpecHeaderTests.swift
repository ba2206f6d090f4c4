import HTTPTypes
import Router
import XCTest

/// `EXTRA-SPEC` (spec §1.2 step 9): checked after the header checks, `messagecode` accepted,
/// anything else 400, and never a way around authorization.
final class ExtraSpecHeaderTests: XCTestCase {
    private static let extraSpec = HTTPField.Name("EXTRA-SPEC")!

    func testMessagecodeIsAcceptedAndChangesNothing() async throws {
        try await RouterHarness.run { http in
            let created = try await http.send(.put, "/v2/queues/q1", headers: [Self.extraSpec: "messagecode:abc"])
            XCTAssertEqual(created.status, .created, created.text)
            let ids = try await http.post("q1", bodies: ["1"])
            let listed = try await http.send(.get, "/v2/queues/q1/messages?echo=true", headers: [Self.extraSpec: "messagecode:"])
            XCTAssertEqual(listed.status, .ok)
            XCTAssertEqual(listed.json?["messages"]?.arrayValue?.count, ids.count)
        }
    }

    func testMalformedOrUnknownPluginsAre400() async throws {
        try await RouterHarness.run { http in
            for value in ["messagecode", "unknown:data", ":data", "MessageCode:x", ""] {
                let reply = try await http.send(.get, "/v2/queues", headers: [Self.extraSpec: value])
                XCTAssertEqual(reply.status, .badRequest, value)
                XCTAssertEqual(reply.title, "Invalid EXTRA-SPEC header", value)
            }
        }
    }

    func testHeaderChecksComeFirst() async throws {
        try await RouterHarness.run { http in
            let missingClientID = try await http.send(.get, "/v2/queues", clientID: nil, headers: [Self.extraSpec: "bogus:1"])
            XCTAssertEqual(missingClientID.title, "Missing header value")
            let badName = try await http.send(.get, "/v2/queues/bad%20name", headers: [Self.extraSpec: "bogus:1"])
            XCTAssertEqual(badName.title, "Invalid queue identification")
        }
    }

    func testTheHeaderNeverBypassesAuthorization() async throws {
        try await RouterHarness.run(configuration: RouterConfiguration(adminMode: true)) { http in
            for value in ["messagecode:x", "bogus:x"] {
                let reply = try await http.send(
                    .get, "/v2/pools", headers: [Self.extraSpec: value, HTTPField.Name("X-Roles")!: "member"])
                XCTAssertEqual(reply.status, value.hasPrefix("messagecode") ? .forbidden : .badRequest, value)
            }
            let admin = try await http.send(.get, "/v2/pools", headers: [Self.extraSpec: "messagecode:x", HTTPField.Name("X-Roles")!: "admin"])
            XCTAssertEqual(admin.status, .ok)
        }
    }

    func testInTokenModeAuthenticationComesFirstAndPolicyStillApplies() async throws {
        let fixtures = TokenAuthFixtures()
        try await RouterHarness.run(configuration: try fixtures.configuration(adminMode: true)) { http in
            let token = HTTPField.Name("X-Auth-Token")!
            let anonymous = try await http.send(.get, "/v2/queues", project: nil, headers: [Self.extraSpec: "bogus:1"])
            XCTAssertEqual(anonymous.status, .unauthorized, "no token: 401 before the header is looked at")
            let member = try TokenAuthFixtures.hs256(project: "alpha", roles: ["member"])
            let unknown = try await http.send(.get, "/v2/queues", project: nil, headers: [token: member, Self.extraSpec: "bogus:1"])
            XCTAssertEqual(unknown.status, .badRequest)
            XCTAssertEqual(unknown.title, "Invalid EXTRA-SPEC header")
            let pools = try await http.send(.get, "/v2/pools", project: nil, headers: [token: member, Self.extraSpec: "messagecode:1"])
            XCTAssertEqual(pools.status, .forbidden, "EXTRA-SPEC does not lift the admin-only policy")
        }
    }
}
