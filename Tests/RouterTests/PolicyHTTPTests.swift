import HTTPTypes
import Router
import XCTest

/// The policy over HTTP in noauth mode (roles from `X-Roles`): the built-in default and a
/// custom policy.
final class PolicyHTTPTests: XCTestCase {
    private static let roles = HTTPField.Name("X-Roles")!

    func testDefaultPolicyReservesTheOperatorSurfaceToAdmins() async throws {
        try await RouterHarness.run(configuration: RouterConfiguration(adminMode: true)) { http in
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/v2/pools", nil), (.get, "/v2/pools/pool0", nil),
                (.patch, "/v2/pools/pool0", #"{"weight": 5}"#), (.delete, "/v2/pools/pool0", nil),
                (.put, "/v2/flavors/gold", #"{"pool_list": ["pool0"]}"#), (.get, "/v2/health", nil),
                (.get, "/v2/queues/jobs/pool", nil),
            ] as [(HTTPRequest.Method, String, String?)] {
                let denied = try await http.send(method, path, body: body, headers: [Self.roles: "member, reader"])
                XCTAssertEqual(denied.status, .forbidden, "\(method) \(path)")
                XCTAssertEqual(denied.title, "Not authorized", "\(method) \(path)")
                XCTAssertEqual(denied.json?["description"], .string("Access was denied to this resource."))
                let anonymous = try await http.send(method, path, body: body)
                XCTAssertEqual(anonymous.status, .forbidden, "no roles at all: \(method) \(path)")
            }
            let pools = try await http.send(.get, "/v2/pools", headers: [Self.roles: "member,Admin"])
            XCTAssertEqual(pools.status, .ok, "role names are case-insensitive: \(pools.text)")
            let head = try await http.send(.head, "/v2/ping")
            XCTAssertEqual(head.status, .noContent)

            let list = try await http.send(.get, "/v2/flavors")
            XCTAssertEqual(list.status, .ok, "flavor listing is open: \(list.text)")
            let create = try await http.send(.put, "/v2/flavors/gold", body: #"{"pool_list": ["pool0"]}"#, headers: [Self.roles: "admin"])
            XCTAssertEqual(create.status, .created, create.text)
            let read = try await http.send(.get, "/v2/flavors/gold")
            XCTAssertEqual(read.status, .ok, "flavor reads are open: \(read.text)")
            let update = try await http.send(.patch, "/v2/flavors/gold", body: #"{"pool_list": ["pool1"]}"#)
            XCTAssertEqual(update.status, .forbidden)

            let queue = try await http.send(.put, "/v2/queues/jobs")
            XCTAssertEqual(queue.status, .created, "queues are open: \(queue.text)")
            let options = try await http.send(.options, "/v2/pools")
            XCTAssertEqual(options.status, .ok, "OPTIONS only lists methods and is not authorized")
        }
    }

    func testPolicyRefusalComesAfterValidation() async throws {
        try await RouterHarness.run(configuration: RouterConfiguration(adminMode: true)) { http in
            let badName = try await http.send(.get, "/v2/queues/bad%20name/pool")
            XCTAssertEqual(badName.status, .badRequest, "name checks run before the policy (spec §1.2)")
            let notAllowed = try await http.send(.post, "/v2/pools")
            XCTAssertEqual(notAllowed.status, .methodNotAllowed)
        }
    }

    func testCustomPolicyRestrictsPostingToPosters() async throws {
        let policy = try PolicyFile.load(yaml: """
            "poster": "role:poster"
            "messages:create": "rule:poster or rule:context_is_admin"
            """)
        var configuration = RouterConfiguration()
        configuration.policyStore = PolicyStore(policy)
        try await RouterHarness.run(configuration: configuration) { http in
            let body = #"{"messages": [{"body": 1}]}"#
            let member = try await http.send(.post, "/v2/queues/jobs/messages", body: body, headers: [Self.roles: "member"])
            XCTAssertEqual(member.status, .forbidden, member.text)
            XCTAssertEqual(member.title, "Not authorized")
            let topic = try await http.send(.post, "/v2/topics/news/messages", body: body, headers: [Self.roles: "member"])
            XCTAssertEqual(topic.status, .forbidden, "topic posts are messages:create too")
            let poster = try await http.send(.post, "/v2/queues/jobs/messages", body: body, headers: [Self.roles: "POSTER"])
            XCTAssertEqual(poster.status, .created, poster.text)
            let admin = try await http.send(.post, "/v2/queues/jobs/messages", body: body, headers: [Self.roles: "admin"])
            XCTAssertEqual(admin.status, .created, admin.text)
            let list = try await http.send(.get, "/v2/queues/jobs/messages?echo=true", headers: [Self.roles: "member"])
            XCTAssertEqual(list.status, .ok, "reading keeps its built-in open rule")
            XCTAssertEqual(list.json?["messages"]?.arrayValue?.count, 2)
        }
    }

    func testReplacingThePolicyAppliesToTheNextRequest() async throws {
        let store = PolicyStore()
        var configuration = RouterConfiguration()
        configuration.policyStore = store
        try await RouterHarness.run(configuration: configuration) { http in
            let before = try await http.send(.put, "/v2/queues/jobs")
            XCTAssertEqual(before.status, .created)
            store.replace(with: try PolicyFile.load(yaml: #""queues:get_all": "!""#))
            let denied = try await http.send(.get, "/v2/queues", headers: [Self.roles: "admin"])
            XCTAssertEqual(denied.status, .forbidden, "! denies everyone, admins too")
            store.replace(with: .builtIn)
            let allowed = try await http.send(.get, "/v2/queues")
            XCTAssertEqual(allowed.status, .ok)
        }
    }
}
