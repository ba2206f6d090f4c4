import NIOCore
import NIOHTTP1
import NIOPosix
import XCTest

@testable import HeraldBench

/// The lean HTTP client of the tool against a raw socket server that misbehaves on purpose.
final class HTTPClientTests: XCTestCase {
    func testEndpointParsing() throws {
        XCTAssertEqual(try HTTPEndpoint(baseURL: "http://127.0.0.1:8888"), HTTPEndpoint(host: "127.0.0.1", port: 8888))
        XCTAssertEqual(try HTTPEndpoint(baseURL: "http://localhost/v2"), HTTPEndpoint(host: "localhost", port: 80))
        XCTAssertEqual(try HTTPEndpoint(baseURL: "HTTP://[::1]:9000/"), HTTPEndpoint(host: "::1", port: 9000))
        XCTAssertThrowsError(try HTTPEndpoint(baseURL: "https://127.0.0.1:8888"))
        XCTAssertThrowsError(try HTTPEndpoint(baseURL: "http://127.0.0.1:0"))
        XCTAssertThrowsError(try HTTPEndpoint(baseURL: "http://127.0.0.1:http"))
        XCTAssertThrowsError(try HTTPEndpoint(baseURL: "http://"))
        XCTAssertEqual(HTTPEndpoint(host: "127.0.0.1", port: 8888).authority, "127.0.0.1:8888")
        XCTAssertEqual(HTTPEndpoint(host: "localhost", port: 80).authority, "localhost")
        XCTAssertEqual(HTTPEndpoint(host: "::1", port: 9000).authority, "[::1]:9000")
    }

    func testAConnectionTheServerClosedAfterItsAnswerIsReplacedTransparently() async throws {
        let server = try await RawServer.start(.answerThenClose)
        let pool = HTTPConnectionPool(endpoint: server.endpoint, maxIdle: 4, maxBodySize: 1_000)
        for _ in 0..<5 {
            let answer = try await pool.execute(Self.get, body: nil, timeout: .seconds(5))
            XCTAssertEqual(answer.status, 200)
            XCTAssertEqual(String(buffer: answer.body), "ok")
        }
        XCTAssertEqual(server.requests(), 5)
        await pool.shutdown()
        try await server.close()
    }

    func testAKeptConnectionCarriesTheNextRequests() async throws {
        let server = try await RawServer.start(.answer)
        let pool = HTTPConnectionPool(endpoint: server.endpoint, maxIdle: 4, maxBodySize: 1_000)
        for _ in 0..<5 {
            let answer = try await pool.execute(Self.get, body: ByteBuffer(string: "{}"), timeout: .seconds(5))
            XCTAssertEqual(answer.status, 200)
        }
        XCTAssertEqual(server.connections(), 1)
        await pool.shutdown()
        try await server.close()
    }

    func testAnAnswerLargerThanTheLimitFails() async throws {
        let server = try await RawServer.start(.largeBody(2_000))
        let pool = HTTPConnectionPool(endpoint: server.endpoint, maxIdle: 4, maxBodySize: 1_000)
        do {
            _ = try await pool.execute(Self.get, body: nil, timeout: .seconds(5))
            XCTFail("a 2000-byte body was read")
        } catch let error as HTTPExchangeError {
            XCTAssertEqual(error, .bodyTooLarge(limit: 1_000))
        }
        await pool.shutdown()
        try await server.close()
    }

    func testASilentServerTimesOut() async throws {
        let server = try await RawServer.start(.silent)
        let pool = HTTPConnectionPool(endpoint: server.endpoint, maxIdle: 4, maxBodySize: 1_000)
        do {
            _ = try await pool.execute(Self.get, body: nil, timeout: .milliseconds(200))
            XCTFail("a silent server answered")
        } catch let error as HTTPExchangeError {
            XCTAssertEqual(error, .timedOut)
        }
        await pool.shutdown()
        try await server.close()
    }

    private static var get: HTTPRequestHead {
        HTTPRequestHead(version: .http1_1, method: .GET, uri: "/v2/queues", headers: ["Host": "test", "Content-Length": "0"])
    }
}

/// A socket server that reads a request head and answers as its mode says.
private final class RawServer: Sendable {
    enum Mode: Sendable {
        case answer
        case answerThenClose
        case largeBody(Int)
        case silent
    }

    private let channel: any Channel
    private let counters: Counters
    let endpoint: HTTPEndpoint

    private init(channel: any Channel, counters: Counters) {
        self.channel = channel
        self.counters = counters
        self.endpoint = HTTPEndpoint(host: "127.0.0.1", port: channel.localAddress?.port ?? 0)
    }

    static func start(_ mode: Mode) async throws -> RawServer {
        let counters = Counters()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                counters.connections.add(1)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RawHandler(mode: mode, counters: counters))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return RawServer(channel: channel, counters: counters)
    }

    func requests() -> Int { counters.requests.value }
    func connections() -> Int { counters.connections.value }

    func close() async throws {
        try await channel.close()
    }

    final class Counters: Sendable {
        let requests = SharedCounter()
        let connections = SharedCounter()
    }

    private final class RawHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let mode: Mode
        let counters: Counters
        var received = ""

        init(mode: Mode, counters: Counters) {
            self.mode = mode
            self.counters = counters
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            received += String(buffer: unwrapInboundIn(data))
            // Requests carry no body or `{}`: a request ends at its blank line (plus the body).
            while let end = received.range(of: "\r\n\r\n") {
                var rest = received[end.upperBound...]
                if rest.hasPrefix("{}") { rest = rest.dropFirst(2) }
                received = String(rest)
                counters.requests.add(1)
                answer(context: context)
            }
        }

        private func answer(context: ChannelHandlerContext) {
            let text: String
            switch mode {
            case .silent:
                return
            case .answer, .answerThenClose:
                text = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
            case .largeBody(let size):
                text = "HTTP/1.1 200 OK\r\nContent-Length: \(size)\r\n\r\n" + String(repeating: "x", count: size)
            }
            let written = context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)))
            if case .answerThenClose = mode {
                written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            }
        }
    }
}
