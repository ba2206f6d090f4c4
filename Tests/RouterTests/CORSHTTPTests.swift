import HTTPTypes
import XCTest

@testable import Router

/// CORS (`--cors-allow-origin` and friends): preflights are answered before the header and
/// credential checks, actual answers to allowed origins carry `Access-Control-Allow-Origin`.
final class CORSHTTPTests: XCTestCase {
    private static let app = "https://app.example.com"
    private static let origin = HTTPField.Name("Origin")!
    private static let requestMethod = HTTPField.Name("Access-Control-Request-Method")!
    private static let requestHeaders = HTTPField.Name("Access-Control-Request-Headers")!
    private static let allowOrigin = HTTPField.Name("Access-Control-Allow-Origin")!
    private static let allowMethods = HTTPField.Name("Access-Control-Allow-Methods")!
    private static let allowHeaders = HTTPField.Name("Access-Control-Allow-Headers")!
    private static let exposeHeaders = HTTPField.Name("Access-Control-Expose-Headers")!
    private static let maxAge = HTTPField.Name("Access-Control-Max-Age")!
    private static let vary = HTTPField.Name("Vary")!

    private func configuration(_ origins: [String], maxAge: Int = 3600) -> RouterConfiguration {
        var configuration = RouterConfiguration()
        configuration.cors = CORSPolicy(allowOrigins: origins, maxAge: maxAge)
        return configuration
    }

    private static func preflight(
        _ http: HTTPTester, origin: String, method: String = "POST", headers: String? = "client-id, x-project-id, content-type"
    ) async throws -> TestReply {
        var fields: HTTPFields = [Self.origin: origin, Self.requestMethod: method]
        if let headers { fields[Self.requestHeaders] = headers }
        // Browsers send neither Client-ID nor a project on preflights.
        return try await http.send(.options, "/v2/queues/q1/messages", project: nil, clientID: nil, headers: fields)
    }

    func testPreflightOfAnAllowedOriginIsAnsweredBeforeTheHeaderChecks() async throws {
        try await RouterHarness.run(configuration: configuration([Self.app, "https://other.example.com"])) { http in
            let reply = try await Self.preflight(http, origin: Self.app)
            XCTAssertEqual(reply.status, .ok, reply.text)
            XCTAssertEqual(reply.headers[Self.allowOrigin], Self.app)
            XCTAssertEqual(reply.headers[Self.vary], "Origin")
            let methods = reply.headers[Self.allowMethods]?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(methods, CORSPolicy.defaultMethods)
            let headers = reply.headers[Self.allowHeaders]?.lowercased() ?? ""
            for name in ["client-id", "x-project-id", "x-auth-token", "authorization", "content-type", "url-signature"] {
                XCTAssertTrue(headers.contains(name), "\(name) in \(headers)")
            }
            XCTAssertEqual(reply.headers[Self.maxAge], "3600")
            XCTAssertTrue(reply.bytes.isEmpty)
        }
    }

    func testPreflightsThatAreNotAllowedGetNoCORSHeaders() async throws {
        try await RouterHarness.run(configuration: configuration([Self.app])) { http in
            for reply in [
                try await Self.preflight(http, origin: "https://evil.example.com"),
                try await Self.preflight(http, origin: Self.app, method: "TRACE"),
                try await Self.preflight(http, origin: Self.app, headers: "client-id, x-secret"),
            ] {
                XCTAssertEqual(reply.status, .ok)
                XCTAssertNil(reply.headers[Self.allowOrigin])
                XCTAssertNil(reply.headers[Self.allowMethods])
            }
        }
    }

    func testActualResponsesIncludingErrorsCarryTheOrigin() async throws {
        try await RouterHarness.run(configuration: configuration([Self.app])) { http in
            let created = try await http.send(.put, "/v2/queues/q1", headers: [Self.origin: Self.app])
            XCTAssertEqual(created.status, .created)
            XCTAssertEqual(created.headers[Self.allowOrigin], Self.app)
            XCTAssertEqual(created.headers[Self.vary], "Origin")
            XCTAssertTrue(created.headers[Self.exposeHeaders]?.contains("Location") == true)

            let error = try await http.send(.get, "/v2/queues", clientID: nil, headers: [Self.origin: Self.app])
            XCTAssertEqual(error.status, .badRequest)
            XCTAssertEqual(error.headers[Self.allowOrigin], Self.app)
            let notFound = try await http.send(.get, "/v2/nowhere", headers: [Self.origin: Self.app])
            XCTAssertEqual(notFound.status, .notFound)
            XCTAssertEqual(notFound.headers[Self.allowOrigin], Self.app)

            let foreign = try await http.send(.get, "/v2/queues", headers: [Self.origin: "https://evil.example.com"])
            XCTAssertEqual(foreign.status, .ok)
            XCTAssertNil(foreign.headers[Self.allowOrigin])
        }
    }

    func testWildcardAllowsEveryOrigin() async throws {
        try await RouterHarness.run(configuration: configuration(["*"], maxAge: 0)) { http in
            let reply = try await Self.preflight(http, origin: "https://anywhere.example.org", method: "DELETE", headers: nil)
            XCTAssertEqual(reply.status, .ok)
            XCTAssertEqual(reply.headers[Self.allowOrigin], "*")
            XCTAssertNil(reply.headers[Self.maxAge], "max age 0 sends none")
            let actual = try await http.send(.get, "/v2/queues", headers: [Self.origin: "https://anywhere.example.org"])
            XCTAssertEqual(actual.headers[Self.allowOrigin], "*")
        }
    }

    func testPlainOptionsAndCORSOffKeepTodaysBehaviour() async throws {
        try await RouterHarness.run(configuration: configuration([Self.app])) { http in
            // No Origin: the OPTIONS of spec §1.1, which needs the usual headers.
            let plain = try await http.send(.options, "/v2/queues/q1/messages")
            XCTAssertEqual(plain.status, .ok)
            XCTAssertNotNil(plain.headers[.allow])
            let withoutHeaders = try await http.send(.options, "/v2/queues/q1/messages", project: nil)
            XCTAssertEqual(withoutHeaders.status, .badRequest)
        }
        try await RouterHarness.run { http in
            let reply = try await Self.preflight(http, origin: Self.app)
            XCTAssertEqual(reply.status, .badRequest, "CORS is off: the preflight goes through the header checks")
            XCTAssertNil(reply.headers[Self.allowOrigin])
            let actual = try await http.send(.get, "/v2/queues", headers: [Self.origin: Self.app])
            XCTAssertNil(actual.headers[Self.allowOrigin])
        }
    }
}

/// CORS in token mode: preflights need no token, refusals of missing tokens still carry the origin.
final class CORSTokenModeTests: XCTestCase {
    func testPreflightNeedsNoTokenAndA401CarriesTheOrigin() async throws {
        let app = "https://app.example.com"
        var configuration = try TokenAuthFixtures().configuration()
        configuration.cors = CORSPolicy(allowOrigins: [app])
        try await RouterHarness.run(configuration: configuration) { http in
            let origin = HTTPField.Name("Origin")!
            let allowOrigin = HTTPField.Name("Access-Control-Allow-Origin")!
            let preflight = try await http.send(
                .options, "/v2/queues", project: nil, clientID: nil,
                headers: [origin: app, HTTPField.Name("Access-Control-Request-Method")!: "GET",
                          HTTPField.Name("Access-Control-Request-Headers")!: "x-auth-token, client-id"])
            XCTAssertEqual(preflight.status, .ok, preflight.text)
            XCTAssertEqual(preflight.headers[allowOrigin], app)
            let anonymous = try await http.send(.get, "/v2/queues", project: nil, headers: [origin: app])
            XCTAssertEqual(anonymous.status, .unauthorized)
            XCTAssertEqual(anonymous.headers[allowOrigin], app, "scripts can read why they were refused")
        }
    }
}

final class CORSPolicyTests: XCTestCase {
    func testOriginMatching() {
        let policy = CORSPolicy(allowOrigins: ["https://App.example.com/", "http://localhost:8080"])
        XCTAssertTrue(policy.isEnabled)
        XCTAssertNil(policy.problem)
        XCTAssertTrue(policy.allows(origin: "https://app.example.com"))
        XCTAssertTrue(policy.allows(origin: "http://localhost:8080"))
        XCTAssertFalse(policy.allows(origin: "http://localhost:8081"))
        XCTAssertFalse(policy.allows(origin: "https://app.example.com.evil.net"))
        XCTAssertFalse(policy.allows(origin: "null"))
        XCTAssertTrue(CORSPolicy(allowOrigins: ["*"]).allows(origin: "null"))
        XCTAssertFalse(CORSPolicy().isEnabled)
    }

    func testValidation() {
        XCTAssertNotNil(CORSPolicy(allowOrigins: ["app.example.com"]).problem)
        XCTAssertNotNil(CORSPolicy(allowOrigins: ["*"], maxAge: -1).problem)
        XCTAssertNil(CORSPolicy(allowOrigins: ["*", "null"]).problem)
    }

    func testListParsing() {
        XCTAssertEqual(CORSPolicy.list(["GET, POST", " PUT ", ""]), ["GET", "POST", "PUT"])
    }
}
