import HTTPTypes
@testable import Router
import XCTest

/// Slow clients over a real socket: headers trickled slower than the idle timeout and bodies
/// trickled beyond the body read timeout get the connection closed; normal clients are served.
final class LimitsSlowClientTests: XCTestCase {
    private func configuration(idle: Duration?, body: Duration?) -> RouterConfiguration {
        var configuration = RouterConfiguration()
        configuration.abuseLimits.idleTimeout = idle
        configuration.abuseLimits.bodyReadTimeout = body
        return configuration
    }

    /// Sends `pieces` one every 200 ms until the server closes the connection; `true` when it did
    /// within `limit` seconds.
    private static func trickle(_ connection: RawHTTPConnection, pieces: (Int) -> String, limit: Double) async throws -> Bool {
        let started = ContinuousClock.now
        var index = 0
        while ContinuousClock.now - started < .seconds(limit) {
            do {
                try await connection.send(pieces(index))
            } catch RawHTTPError.closed {
                return true
            }
            if try await connection.waitForClose(timeout: 0.2) { return true }
            index += 1
        }
        return false
    }

    /// Trickles header lines on one connection until the router cuts it off, then checks that a
    /// complete request on another connection is served.
    private static func assertSlowHeadersAreCutOffAndOthersServed(
        port: Int, file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let connection = try await RawHTTPConnection.connect(port: port)
        try await connection.send("GET /v2/queues HTTP/1.1\r\nHost: localhost\r\n")
        let closed = try await trickle(connection, pieces: { "X-Slow-\($0): x\r\n" }, limit: 15)
        XCTAssertTrue(closed, "a client that never finishes its headers is disconnected", file: file, line: line)
        let other = try await RawHTTPConnection.connect(port: port)
        try await other.send(rawHead("GET", "/v2/queues") + "\r\n")
        let served = try await other.readResponse()
        XCTAssertEqual(served.status, 200, "other clients are served", file: file, line: line)
    }

    func testHeadersSentTooSlowlyGetTheConnectionClosed() async throws {
        try await LimitsLiveServer.run(configuration: configuration(idle: .seconds(1), body: nil)) { port, _ in
            try await Self.assertSlowHeadersAreCutOffAndOthersServed(port: port)
        }
    }

    func testWithWebSocketsAConnectionThatNeverCompletesItsHeadIsClosed() async throws {
        let configuration = configuration(idle: .seconds(1), body: nil)
        try await LimitsLiveServer.run(configuration: configuration, webSocket: WebSocketTransport()) { port, _ in
            let silent = try await RawHTTPConnection.connect(port: port)
            let silentClosed = try await silent.waitForClose(timeout: 15)
            XCTAssertTrue(silentClosed, "a connection that sends nothing is closed")
            try await Self.assertSlowHeadersAreCutOffAndOthersServed(port: port)
        }
    }

    func testIdleKeepAliveConnectionIsClosedButActiveOneServed() async throws {
        try await LimitsLiveServer.run(configuration: configuration(idle: .seconds(1), body: nil)) { port, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send(rawHead("GET", "/v2/queues") + "\r\n")
            let reply = try await connection.readResponse()
            XCTAssertEqual(reply.status, 200)
            let closed = try await connection.waitForClose(timeout: 15)
            XCTAssertTrue(closed, "an idle keep-alive connection is closed after the idle timeout")
        }
    }

    func testBodySentTooSlowlyGetsTheConnectionClosed() async throws {
        try await LimitsLiveServer.run(configuration: configuration(idle: .seconds(30), body: .seconds(1))) { port, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            try await connection.send(rawHead("POST", "/v2/queues/q1/messages", extra: ["Content-Length: 100000"]) + "\r\n")
            // Every piece is a body part, so the idle timeout alone would never fire.
            let closed = try await Self.trickle(connection, pieces: { _ in " " }, limit: 15)
            XCTAssertTrue(closed, "a body trickled beyond the body read timeout is cut off")
        }
    }

    func testRequestsWithinTheTimeoutsAreServed() async throws {
        try await LimitsLiveServer.run(configuration: configuration(idle: .seconds(5), body: .seconds(5))) { port, _ in
            let connection = try await RawHTTPConnection.connect(port: port)
            let body = #"{"messages": [{"body": 1}]}"#
            try await connection.send(rawHead("POST", "/v2/queues/q1/messages", extra: ["Content-Length: \(body.utf8.count)"]) + "\r\n")
            try await connection.send(body)
            let reply = try await connection.readResponse()
            XCTAssertEqual(reply.status, 201)
        }
    }
}

/// The end-of-head scan of ``RequestHeadDeadline``, across reads.
final class RequestHeadDeadlineScanTests: XCTestCase {
    private func scan(_ reads: [String]) -> [Bool] {
        var tail: [UInt8] = []
        return reads.map { RequestHeadDeadline.findsHeadEnd(tail: &tail, in: Array($0.utf8)) }
    }

    func testFindsTheBlankLineInOneReadOrSplitAcrossReads() {
        XCTAssertEqual(scan(["GET / HTTP/1.1\r\nHost: x\r\n\r\n"]), [true])
        XCTAssertEqual(scan(["GET / HTTP/1.1\r\nHost: x\r", "\n", "\r", "\n"]), [false, false, false, true])
        XCTAssertEqual(scan(["GET / HTTP/1.1\r\n", "Host: x\r\n", "\r\n"]), [false, false, true])
    }

    func testLineBreaksAloneAreNotTheEndOfTheHead() {
        XCTAssertEqual(scan(["GET / HTTP/1.1\r\n", "Host: x\r\n", "X: y\r\n"]), [false, false, false])
        XCTAssertEqual(scan(["\n\n", "\r\n\r"]), [false, false])
    }
}
