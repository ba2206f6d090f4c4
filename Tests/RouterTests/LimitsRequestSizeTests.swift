import HTTPTypes
import Router
import XCTest

/// `--max-url-length` and `--max-header-bytes`: 414 and 431 JSON errors before anything else.
final class LimitsRequestSizeTests: XCTestCase {
    private func configuration(url: Int, headers: Int) -> RouterConfiguration {
        var configuration = RouterConfiguration()
        configuration.abuseLimits.maxURLLength = url
        configuration.abuseLimits.maxHeaderBytes = headers
        return configuration
    }

    func testLongURLIs414() async throws {
        try await RouterHarness.run(configuration: configuration(url: 256, headers: 4096)) { http in
            let long = try await http.send(.get, "/v2/queues?marker=" + String(repeating: "m", count: 300))
            XCTAssertEqual(long.status, .uriTooLong)
            XCTAssertEqual(long.title, "414 URI Too Long")
            let fits = try await http.send(.get, "/v2/queues?marker=" + String(repeating: "m", count: 50))
            XCTAssertEqual(fits.status, .ok)
        }
    }

    func testLargeHeadersAre431EvenWithoutOtherHeaders() async throws {
        try await RouterHarness.run(configuration: configuration(url: 256, headers: 2048)) { http in
            let large = try await http.send(
                .get, "/v2/queues", clientID: nil, headers: [HTTPField.Name("X-Padding")!: String(repeating: "p", count: 3000)])
            XCTAssertEqual(large.status, .requestHeaderFieldsTooLarge)
            XCTAssertEqual(large.title, "431 Request Header Fields Too Large")
            let fits = try await http.send(.get, "/v2/queues", headers: [HTTPField.Name("X-Padding")!: "p"])
            XCTAssertEqual(fits.status, .ok)
        }
    }
}

/// Request heads over a real socket: the parser's bounds leave room for the JSON 414/431, and
/// refuse (400, connection closed) what is far beyond them.
final class LimitsWireRequestSizeTests: XCTestCase {
    func testOversizedHeadsOverTheWire() async throws {
        var configuration = RouterConfiguration()
        configuration.abuseLimits.maxURLLength = 1024
        configuration.abuseLimits.maxHeaderBytes = 4096
        try await LimitsLiveServer.run(configuration: configuration) { port, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send(rawHead("GET", "/v2/queues?marker=" + String(repeating: "m", count: 1500)) + "\r\n")
            let long = try await connection.readResponse()
            XCTAssertEqual(long.status, 414)
            XCTAssertEqual(long.title, "414 URI Too Long")

            try await connection.send(rawHead("GET", "/v2/queues", extra: ["X-Padding: " + String(repeating: "p", count: 5000)]) + "\r\n")
            let large = try await connection.readResponse()
            XCTAssertEqual(large.status, 431)
            XCTAssertEqual(large.title, "431 Request Header Fields Too Large")

            try await connection.send(rawHead("GET", "/v2/queues") + "\r\n")
            let normal = try await connection.readResponse()
            XCTAssertEqual(normal.status, 200, "the connection stays usable")

            let huge = try await RawHTTPConnection.connect(port: port)
            try await huge.send(rawHead("GET", "/v2/queues", extra: ["X-Padding: " + String(repeating: "p", count: 40_000)]) + "\r\n")
            let refused = try await huge.readResponse()
            XCTAssertEqual(refused.status, 400)
            let closed = try await huge.waitForClose(timeout: 10)
            XCTAssertTrue(closed, "the parser's refusal closes the connection")
        }
    }
}
