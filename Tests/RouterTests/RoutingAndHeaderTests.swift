import HTTPTypes
import Router
import Shared
import XCTest

final class RoutingAndHeaderTests: XCTestCase {
    func testVersionsDocumentNeedsNoHeaders() async throws {
        try await RouterHarness.run { http in
            let reply = try await http.send(.get, "/", project: nil, clientID: nil)
            XCTAssertEqual(reply.status, .multipleChoices)
            XCTAssertEqual(reply.json?["versions"]?.arrayValue?.first?["id"], .string("2"))
            XCTAssertEqual(reply.json?["versions"]?.arrayValue?.first?["updated"], .string("2014-9-24T04:06:47Z"))
            XCTAssertEqual(reply.headers[.contentType], "application/json")
            XCTAssertTrue(reply.headers[.requestIDHeader]?.hasPrefix("req-") ?? false)
        }
    }

    func testHomeDocument() async throws {
        try await RouterHarness.run { http in
            let reply = try await http.send(.get, "/v2/")
            XCTAssertEqual(reply.status, .ok)
            XCTAssertEqual(reply.headers[.contentType], "application/json-home")
            XCTAssertEqual(reply.headers[.cacheControl], "max-age=86400")
            XCTAssertEqual(reply.json?["resources"]?["rel/queues"]?["href-template"], .string("/v2/queues{?marker,limit,detailed}"))
            XCTAssertNil(reply.json?["resources"]?["rel/health"])
            let missing = try await http.send(.get, "/v2/", clientID: nil)
            XCTAssertEqual(missing.status, .badRequest)
            do { let actual = try await http.send(.get, "/v2").status; XCTAssertEqual(actual, .notFound) }
        }
    }

    func testUnknownPathsAndTrailingSlashes() async throws {
        try await RouterHarness.run { http in
            for path in ["/v2/queues/", "/v2/nothing", "/v3/", "/v2/topics/q/share", "/v2/topics/", "/v2/health", "/v2/pools"] {
                let reply = try await http.send(.get, path)
                XCTAssertEqual(reply.status, .notFound, path)
                XCTAssertEqual(reply.text, #"{"title":"404 Not Found"}"#, path)
                XCTAssertNotNil(reply.headers[.requestIDHeader])
            }
            // Unknown paths are answered before header checks.
            do { let actual = try await http.send(.get, "/v2/nothing", clientID: nil).status; XCTAssertEqual(actual, .notFound) }
        }
    }

    func testMethodNotAllowedAfterHeaderChecks() async throws {
        try await RouterHarness.run { http in
            let reply = try await http.send(.post, "/v2/queues/q1")
            XCTAssertEqual(reply.status, .methodNotAllowed)
            XCTAssertEqual(reply.title, "405 Method Not Allowed")
            XCTAssertEqual(reply.headers[.allow], "GET, PUT, PATCH, DELETE, OPTIONS")
            do { let actual = try await http.send(.post, "/v2/queues/q1", clientID: nil).status; XCTAssertEqual(actual, .badRequest) }
            do { let actual = try await http.send(.head, "/v2/queues").status; XCTAssertEqual(actual, .methodNotAllowed) }
            do { let actual = try await http.send(.get, "/v2/queues/q1/claims").status; XCTAssertEqual(actual, .methodNotAllowed) }
            do { let actual = try await http.send(.post, "/").status; XCTAssertEqual(actual, .methodNotAllowed) }
        }
    }

    func testOptionsAnswersAllowButNeedsHeaders() async throws {
        try await RouterHarness.run { http in
            let reply = try await http.send(.options, "/v2/queues/q1/messages")
            XCTAssertEqual(reply.status, .ok)
            XCTAssertEqual(reply.headers[.allow], "GET, POST, DELETE, OPTIONS")
            do { let actual = try await http.send(.options, "/v2/queues/q1/messages", project: nil).status; XCTAssertEqual(actual, .badRequest) }
        }
    }

    func testClientIDChecks() async throws {
        try await RouterHarness.run { http in
            let missing = try await http.send(.get, "/v2/queues", clientID: nil)
            XCTAssertEqual(missing.status, .badRequest)
            XCTAssertEqual(missing.title, "Missing header value")
            for bad in ["", "not-a-uuid", "3381af92-2b9e-11e3-b191-71861300734"] {
                let reply = try await http.send(.get, "/v2/queues", clientID: bad)
                XCTAssertEqual(reply.status, .badRequest, bad)
                XCTAssertEqual(reply.title, "Wrong UUID value")
                XCTAssertEqual(reply.json?["description"], .string("Malformed hexadecimal UUID."))
            }
            for good in ["3381af922b9e11e3b19171861300734c", "{3381af92-2b9e-11e3-b191-71861300734c}",
                         "urn:uuid:3381af92-2b9e-11e3-b191-71861300734c"] {
                do { let actual = try await http.send(.get, "/v2/queues", clientID: good).status; XCTAssertEqual(actual, .ok, good) }
            }
        }
    }

    func testClientIDOffModeChecksLength() async throws {
        try await RouterHarness.run(configuration: RouterConfiguration(clientIDMode: .off(min: 10, max: 36))) { http in
            do { let actual = try await http.send(.get, "/v2/queues", clientID: "short").status; XCTAssertEqual(actual, .badRequest) }
            do { let actual = try await http.send(.get, "/v2/queues", clientID: String(repeating: "x", count: 37)).status; XCTAssertEqual(actual, .badRequest) }
            do { let actual = try await http.send(.get, "/v2/queues", clientID: "any-client-name").status; XCTAssertEqual(actual, .ok) }
        }
    }

    func testProjectHeaderChecks() async throws {
        try await RouterHarness.run { http in
            let missing = try await http.send(.get, "/v2/queues", project: nil)
            XCTAssertEqual(missing.status, .badRequest)
            XCTAssertEqual(missing.title, "Project-Id Missing")
            let empty = try await http.send(.get, "/v2/queues", project: "")
            XCTAssertEqual(empty.title, "Empty project header not allowed")
            let alias = try await http.send(.get, "/v2/queues", project: nil, headers: [HTTPField.Name("X-Tenant-ID")!: "t1"])
            XCTAssertEqual(alias.status, .ok)
            let long = String(repeating: "p", count: 257)
            let tooLong = try await http.send(.get, "/v2/queues/q1", project: long)
            XCTAssertEqual(tooLong.status, .badRequest)
            XCTAssertEqual(tooLong.title, "Invalid queue identification")
            do { let actual = try await http.send(.get, "/v2/queues", project: long).status; XCTAssertEqual(actual, .ok) }
        }
    }

    func testQueueNameValidationOnEveryRoute() async throws {
        try await RouterHarness.run { http in
            let long = String(repeating: "a", count: 65)
            for path in ["/v2/queues/bad%20name", "/v2/queues/\(long)", "/v2/queues/bad$/stats",
                         "/v2/queues/%C3%A9/messages", "/v2/queues/a,b/claims/x"] {
                let method: HTTPRequest.Method = path.hasSuffix("/x") ? .delete : .get
                let reply = try await http.send(method, path)
                XCTAssertEqual(reply.status, .badRequest, path)
                XCTAssertEqual(reply.title, "Invalid queue identification", path)
            }
            do { let actual = try await http.send(.get, "/v2/queues/Service.test_queue").status; XCTAssertEqual(actual, .ok) }
        }
    }

    func testFormBodiesAndAcceptAreRejected() async throws {
        try await RouterHarness.run { http in
            let form = try await http.send(
                .put, "/v2/queues/q1", body: "a=b", headers: [.contentType: "application/x-www-form-urlencoded"])
            XCTAssertEqual(form.status, .badRequest)
            XCTAssertEqual(form.title, "Invalid Content-Type")
            let accept = try await http.send(.get, "/v2/queues", headers: [.accept: "application/json-home"])
            XCTAssertEqual(accept.status, .notAcceptable)
            XCTAssertEqual(accept.title, "406 Not Acceptable")
            XCTAssertEqual(accept.json?["link"]?["rel"], .string("help"))
            do { let actual = try await http.send(.get, "/v2/queues", headers: [.accept: "*/*"]).status; XCTAssertEqual(actual, .ok) }
            // Accept is checked before Client-ID.
            do { let actual = try await http.send(.get, "/v2/queues", clientID: nil, headers: [.accept: "text/plain"]).status; XCTAssertEqual(actual, .notAcceptable) }
        }
    }

    func testPingAndHead() async throws {
        try await RouterHarness.run { http in
            do { let actual = try await http.send(.get, "/v2/ping").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.head, "/v2/ping").status; XCTAssertEqual(actual, .noContent) }
        }
        try await RouterHarness.run(deadPools: ["dead"]) { http in
            do { let actual = try await http.send(.get, "/v2/ping").status; XCTAssertEqual(actual, .serviceUnavailable) }
            do { let actual = try await http.send(.head, "/v2/ping").status; XCTAssertEqual(actual, .noContent) }
        }
    }

    func testHealthNeedsAdminModeAndRole() async throws {
        try await RouterHarness.run(configuration: RouterConfiguration(adminMode: true), deadPools: ["dead"]) { http in
            let forbidden = try await http.send(.get, "/v2/health")
            XCTAssertEqual(forbidden.status, .forbidden)
            XCTAssertEqual(forbidden.title, "Not authorized")
            let reply = try await http.send(.get, "/v2/health", headers: [HTTPField.Name("X-Roles")!: "member,admin"])
            XCTAssertEqual(reply.status, .ok)
            XCTAssertEqual(reply.json?["catalog_reachable"], .bool(true))
            XCTAssertEqual(reply.json?["pool0"]?["storage_reachable"], .bool(true))
            XCTAssertEqual(reply.json?["dead"]?["storage_reachable"], .bool(false))
            let home = try await http.send(.get, "/v2/")
            XCTAssertEqual(home.json?["resources"]?["rel/health"]?["href"], .string("/v2/health"))
        }
    }

    func testUnreachablePoolGives503WithRetryAfter() async throws {
        try await RouterHarness.run(pools: 0, deadPools: ["dead"]) { http in
            let reply = try await http.send(.put, "/v2/queues/q1")
            XCTAssertEqual(reply.status, .serviceUnavailable)
            XCTAssertEqual(reply.title, "Service temporarily unavailable")
            XCTAssertNotNil(reply.headers[.retryAfter])
            _ = try await http.catalog.register(QueueRef(project: "proj", name: "q2"), pool: "dead")
            let stats = try await http.send(.get, "/v2/queues/q2/stats")
            XCTAssertEqual(stats.status, .serviceUnavailable)
            XCTAssertNotNil(stats.headers[.retryAfter])
        }
    }
}
