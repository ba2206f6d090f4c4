import HTTPTypes
import Hummingbird
import XCTest

@testable import Router

/// Bodies sent with `Transfer-Encoding: chunked` (no `Content-Length` to check up front) are
/// bounded while they stream, on every endpoint family that reads a body, with the statuses
/// and titles the spec gives for oversized bodies; beyond four times the largest limit the
/// connection is closed.
final class LimitsBodySizeTests: XCTestCase {
    private static let patchType = "Content-Type: application/openstack-messaging-v2.0-json-patch"

    /// A JSON document of about `size` bytes.
    private static func document(size: Int) -> [UInt8] {
        Array(("{\"padding\": \"" + String(repeating: "x", count: size) + "\"}").utf8)
    }

    func testOversizedChunkedBodiesAreRefusedOnEveryFamily() async throws {
        try await LimitsLiveServer.run(configuration: RouterConfiguration(adminMode: true)) { port, http in
            do { let actual = try await http.send(.put, "/v2/queues/q1").status; XCTAssertEqual(actual, .created) }
            let admin = "X-Roles: admin"
            let cases: [(method: String, path: String, extra: [String], size: Int, title: String)] = [
                ("PUT", "/v2/queues/q2", [], 70_000, "Invalid API request"),
                ("PATCH", "/v2/queues/q1", [Self.patchType], 70_000, "Invalid request body"),
                ("POST", "/v2/queues/q1/purge", [], 70_000, "Invalid request body"),
                ("POST", "/v2/queues/q1/messages", [], 300_000, "Invalid API request"),
                ("POST", "/v2/queues/q1/claims", [], 5_000, "Invalid request body"),
                ("PATCH", "/v2/queues/q1/claims/0123456789abcdef01234567", [], 5_000, "Invalid request body"),
                ("POST", "/v2/queues/q1/subscriptions", [], 70_000, "Invalid request body"),
                ("POST", "/v2/queues/q1/share", [], 70_000, "Invalid request body"),
                ("PUT", "/v2/topics/t1", [], 70_000, "Invalid API request"),
                ("POST", "/v2/topics/t1/messages", [], 300_000, "Invalid API request"),
                ("PUT", "/v2/pools/p9", [admin], 70_000, "Invalid request body"),
                ("PUT", "/v2/flavors/f9", [admin], 70_000, "Invalid request body"),
            ]
            let connection = try await RawHTTPConnection.connect(port: port)
            for item in cases {
                let label = "\(item.method) \(item.path)"
                try await connection.sendChunked(
                    head: rawHead(item.method, item.path, extra: item.extra), body: Self.document(size: item.size))
                let reply = try await connection.readResponse()
                XCTAssertEqual(reply.status, 400, label)
                XCTAssertEqual(reply.title, item.title, label)
                XCTAssertTrue(reply.json?["description"]?.stringValue?.contains("too large") == true, label)
            }
            // Nothing was created by the refused requests, and the connection is still usable.
            try await connection.send(rawHead("GET", "/v2/queues") + "\r\n")
            let listing = try await connection.readResponse()
            XCTAssertEqual(listing.status, 200)
            XCTAssertEqual(listing.json?["queues"]?.arrayValue?.count, 1)
        }
    }

    func testDeclaredLengthIsRefusedWithoutReadingTheBody() async throws {
        try await LimitsLiveServer.run { port, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            // The body is never sent: the answer comes from Content-Length alone.
            try await connection.send(rawHead("POST", "/v2/queues/q1/messages", extra: ["Content-Length: 10000000"]) + "\r\n")
            let reply = try await connection.readResponse()
            XCTAssertEqual(reply.status, 400)
            XCTAssertEqual(reply.title, "Invalid API request")
        }
    }

    func testBodyThatBreaksOffIsAClientError() async throws {
        struct Broken: Error {}
        let stream = AsyncThrowingStream<ByteBuffer, any Error> { continuation in
            continuation.yield(ByteBuffer(string: "{\"messages\": "))
            continuation.finish(throwing: Broken())
        }
        let request = Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "localhost", path: "/", headerFields: [:]),
            body: RequestBody(asyncSequence: stream))
        do {
            _ = try await RequestBodyReader.collect(request, limit: 100, tooLarge: .invalidBody("too large"))
            XCTFail("expected the broken body to be refused")
        } catch let error as APIError {
            XCTAssertEqual(error.status, .badRequest)
            XCTAssertEqual(error.title, "Invalid request body")
        }
    }

    func testFarOversizedBodyClosesTheConnection() async throws {
        try await LimitsLiveServer.run { port, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send(
                rawHead("POST", "/v2/queues/q1/messages", extra: ["Transfer-Encoding: chunked"]) + "\r\n")
            let chunk = Array((String(65_536, radix: 16) + "\r\n").utf8) + [UInt8](repeating: 0x20, count: 65_536)
                + Array("\r\n".utf8)
            var sent = 0
            var closed = false
            // 64 MiB if nothing stopped it; the server closes after its 1 MiB bound (plus socket buffers).
            while sent < 64 << 20 {
                do {
                    try await connection.send(chunk)
                } catch RawHTTPError.closed {
                    closed = true
                    break
                }
                sent += 65_536
            }
            XCTAssertTrue(closed, "the server closed the connection after \(sent) bytes")
            XCTAssertGreaterThanOrEqual(sent, 1 << 20, "not before the 1 MiB bound")
        }
    }
}
