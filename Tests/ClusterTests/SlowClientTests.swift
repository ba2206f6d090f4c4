import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// The real `herald-router` binary with its abuse-limit flags: a client that sends its headers
/// slower than `--idle-timeout` is disconnected, and the rate, quota, size, Client-ID, CORS and
/// claim-id flags reach the router.
final class SlowClientTests: ClusterTestCase {
    private static let origin = "https://app.example.com"

    override class var routerFlags: [String] {
        [
            "--idle-timeout", "1", "--body-read-timeout", "2",
            "--rate-limit-per-project", "0.01", "--rate-limit-burst", "30",
            "--max-queues-per-project", "2",
            "--max-url-length", "512", "--max-header-bytes", "2048",
            "--client-id-mode", "off", "--client-id-min-length", "20", "--client-id-max-length", "40",
            "--message-delete-with-claim-id",
            "--cors-allow-origin", origin, "--cors-max-age", "600",
        ]
    }

    func testHeadersSentSlowerThanTheIdleTimeoutGetTheConnectionClosed() async throws {
        let port = try await cluster.routerPorts[0]
        let closed = try await SlowHeaderClient.trickleHeaders(port: port, pieceInterval: 0.2, giveUpAfter: 15)
        XCTAssertTrue(closed, "the router closed a connection whose headers never completed")
        let client = try await makeClient()
        expectStatus(200, try await client.get("/v2/queues"), "the router still serves other clients")
    }

    func testLimitFlagsReachTheRouter() async throws {
        let client = try await makeClient(project: "flags")

        // --client-id-min-length / --client-id-max-length in off mode (the UUIDs of the client fit).
        var short = client
        short.clientID = "too-short"
        expectStatus(400, try await short.get("/v2/queues"))

        // --max-url-length and --max-header-bytes.
        expectStatus(414, try await client.get("/v2/queues?marker=" + String(repeating: "m", count: 600)))
        expectStatus(431, try await client.get("/v2/queues", headers: [("X-Padding", String(repeating: "p", count: 3000))]))

        // --max-queues-per-project.
        expectStatus(201, try await client.put("/v2/queues/q1"))
        expectStatus(201, try await client.put("/v2/queues/q2"))
        let refused = try await client.put("/v2/queues/q3")
        expectStatus(403, refused)
        XCTAssertEqual(try refused.json()["title"]?.string, "Quota exceeded")

        // --message-delete-with-claim-id.
        let posted = try await client.post("/v2/queues/q1/messages", body: messagesBody(count: 1))
        expectStatus(201, posted)
        let href = try posted.json()["resources"]?[0]?.string ?? ""
        let id = String(href.split(separator: "/").last ?? "")
        expectStatus(400, try await client.delete("/v2/queues/q1/messages?ids=\(id)"))

        // --cors-allow-origin / --cors-max-age: a preflight without Client-ID or project.
        var browser = client
        browser.clientID = nil
        browser.projectID = nil
        let preflight = try await browser.send(
            .options, "/v2/queues/q1/messages",
            headers: [("Origin", Self.origin), ("Access-Control-Request-Method", "POST")])
        expectStatus(200, preflight)
        XCTAssertEqual(preflight.header("Access-Control-Allow-Origin"), Self.origin)
        XCTAssertEqual(preflight.header("Access-Control-Max-Age"), "600")

        // --rate-limit-per-project: the burst of 30 is used up well before 60 requests.
        var limited: HeraldResponse?
        for _ in 0..<60 {
            let reply = try await client.get("/v2/queues")
            if reply.status == 429 {
                limited = reply
                break
            }
        }
        let answer = try XCTUnwrap(limited, "the project was rate limited")
        XCTAssertGreaterThanOrEqual(Int(answer.header("Retry-After") ?? "") ?? 0, 1)
        let other = try await makeClient(project: "other")
        expectStatus(200, try await other.get("/v2/queues"), "another project is not limited")
    }
}

/// A client that opens a TCP connection and sends a request head one header line at a time.
enum SlowHeaderClient {
    /// Sends a header line every `pieceInterval` seconds and never ends the head; `true` when the
    /// server closed the connection within `giveUpAfter` seconds. Runs on a thread of its own.
    static func trickleHeaders(port: Int, pieceInterval: Double, giveUpAfter: Double) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try trickle(port: port, pieceInterval: pieceInterval, giveUpAfter: giveUpAfter) })
            }
        }
    }

    private static func trickle(port: Int, pieceInterval: Double, giveUpAfter: Double) throws -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClusterError.invalidRequest("socket() failed: \(errno)") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw ClusterError.invalidRequest("connect() failed: \(errno)") }
        let deadline = Date().addingTimeInterval(giveUpAfter)
        var index = 0
        var pieces = ["GET /v2/queues HTTP/1.1\r\nHost: 127.0.0.1\r\n"]
        while Date() < deadline {
            let piece = pieces.isEmpty ? "X-Slow-\(index): x\r\n" : pieces.removeFirst()
            let sent = piece.withCString { send(descriptor, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            if sent < 0 { return true }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, Int32(pieceInterval * 1000)) > 0 {
                var byte: UInt8 = 0
                if recv(descriptor, &byte, 1, 0) <= 0 { return true }
            }
            index += 1
        }
        return false
    }
}
