import HTTPTypes
import Router
import XCTest

final class LimitsRateLimitHTTPTests: XCTestCase {
    private func configuration(rate: Double, burst: Int) -> RouterConfiguration {
        var configuration = RouterConfiguration()
        configuration.abuseLimits.rateLimitPerProject = rate
        configuration.abuseLimits.rateLimitBurst = burst
        return configuration
    }

    func testProjectOverItsRateGets429WithRetryAfterAndOthersAreUnaffected() async throws {
        // One request per 100 s after a burst of 3: the fourth request is limited however slow the test runs.
        try await RouterHarness.run(configuration: configuration(rate: 0.01, burst: 3)) { http in
            for _ in 0..<3 {
                let reply = try await http.send(.get, "/v2/queues", project: "busy")
                XCTAssertEqual(reply.status, .ok, reply.text)
            }
            let limited = try await http.send(.get, "/v2/queues", project: "busy")
            XCTAssertEqual(limited.status, .tooManyRequests)
            XCTAssertEqual(limited.title, "Too many requests")
            let retryAfter = try XCTUnwrap(limited.headers[.retryAfter].flatMap { Int($0) })
            XCTAssertGreaterThanOrEqual(retryAfter, 1)
            XCTAssertLessThanOrEqual(retryAfter, 100)
            XCTAssertNotNil(limited.headers[.requestIDHeader])

            let other = try await http.send(.put, "/v2/queues/q1", project: "quiet")
            XCTAssertEqual(other.status, .created, other.text)
            let stillLimited = try await http.send(.put, "/v2/queues/q1", project: "busy")
            XCTAssertEqual(stillLimited.status, .tooManyRequests)
        }
    }

    func testRateLimitIsOffByDefault() async throws {
        try await RouterHarness.run { http in
            for _ in 0..<50 {
                let reply = try await http.send(.get, "/v2/ping")
                XCTAssertEqual(reply.status, .noContent)
            }
        }
    }

    func testRequestsRefusedBeforeTheProjectIsKnownAreNotCounted() async throws {
        try await RouterHarness.run(configuration: configuration(rate: 0.01, burst: 1)) { http in
            let missingClientID = try await http.send(.get, "/v2/queues", project: "p", clientID: nil)
            XCTAssertEqual(missingClientID.status, .badRequest)
            let first = try await http.send(.get, "/v2/queues", project: "p")
            XCTAssertEqual(first.status, .ok)
            let second = try await http.send(.get, "/v2/queues", project: "p")
            XCTAssertEqual(second.status, .tooManyRequests)
        }
    }

    func testTokenModeLimitsTheTokensProject() async throws {
        var configuration = try TokenAuthFixtures().configuration()
        configuration.abuseLimits.rateLimitPerProject = 0.01
        configuration.abuseLimits.rateLimitBurst = 2
        try await RouterHarness.run(configuration: configuration) { http in
            let token = HTTPField.Name("X-Auth-Token")!
            let alpha = try TokenAuthFixtures.hs256(project: "alpha")
            let beta = try TokenAuthFixtures.hs256(project: "beta")
            for expected in [HTTPResponse.Status.ok, .ok, .tooManyRequests] {
                let reply = try await http.send(.get, "/v2/queues", project: nil, headers: [token: alpha])
                XCTAssertEqual(reply.status, expected, reply.text)
            }
            let other = try await http.send(.get, "/v2/queues", project: nil, headers: [token: beta])
            XCTAssertEqual(other.status, .ok, "the limit follows the token's project")
            let anonymous = try await http.send(.get, "/v2/queues", project: "beta")
            XCTAssertEqual(anonymous.status, .unauthorized)
            let second = try await http.send(.get, "/v2/queues", project: nil, headers: [token: beta])
            XCTAssertEqual(second.status, .ok, "the unauthenticated request used none of beta's burst")
            let third = try await http.send(.get, "/v2/queues", project: nil, headers: [token: beta])
            XCTAssertEqual(third.status, .tooManyRequests)
        }
    }
}
