import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Router
import Shared
import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A router served on a real socket (Hummingbird's live test mode) over real SQLite stores, for
/// tests of what only happens on the wire: the HTTP parser's bounds, chunked bodies, timeouts.
enum LimitsLiveServer {
    /// Runs `body` with the router's port and a client of the usual Zaqar requests; `webSocket`
    /// also serves WebSocket upgrades.
    static func run(
        configuration: RouterConfiguration = RouterConfiguration(), webSocket: WebSocketTransport? = nil,
        _ body: @Sendable (_ port: Int, _ http: HTTPTester) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("router-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let catalog = try SQLiteCatalog(path: directory.appendingPathComponent("catalog.sqlite").path)
        let nodes = TestNodes(directory: directory, limits: configuration.limits)
        nodes.register(try nodes.makeStore(), pool: "pool0")
        try await catalog.upsertPool(Pool(name: "pool0", uri: "herald://127.0.0.1:40000", weight: 100))
        let app = makeApplication(
            configuration: configuration, catalog: catalog, stores: PoolStores(factory: nodes.store(for:)), webSocket: webSocket)
        try await app.test(.live) { client in
            let port = try XCTUnwrap(client.port)
            try await body(port, HTTPTester(client: client, catalog: catalog, nodes: nodes))
        }
        await nodes.shutdown()
    }
}

/// A raw HTTP/1.1 response read off a socket.
struct RawHTTPResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var json: JSONValue? { body.isEmpty ? nil : try? JSONValue.parse(body) }

    var title: String? {
        if case .string(let title)? = json?["title"] { return title }
        return nil
    }
}

/// Failures of ``RawHTTPConnection``.
enum RawHTTPError: Error {
    case connectFailed(Int32)
    case closed
    case timedOut
    case malformedResponse(String)
}

/// A blocking TCP connection to the router that writes exactly the bytes a test chooses (slow
/// headers, chunked bodies) and reads raw responses. Every blocking call runs on a thread of
/// its own, never on the concurrency pool the router's handlers need.
final class RawHTTPConnection: @unchecked Sendable {
    private let descriptor: Int32
    private var buffered: [UInt8] = []

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { _ = Glibc.close(descriptor) }

    /// Connects to `localhost:port` (IPv4 or IPv6, whichever the server listens on).
    static func connect(port: Int) async throws -> RawHTTPConnection {
        try await onThread {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var results: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo("localhost", String(port), &hints, &results) == 0, let first = results else {
                throw RawHTTPError.connectFailed(errno)
            }
            defer { freeaddrinfo(results) }
            var current: UnsafeMutablePointer<addrinfo>? = first
            var lastError: Int32 = 0
            while let info = current {
                let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
                if descriptor >= 0 {
                    if Glibc.connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                        return RawHTTPConnection(descriptor: descriptor)
                    }
                    lastError = errno
                    _ = Glibc.close(descriptor)
                }
                current = info.pointee.ai_next
            }
            throw RawHTTPError.connectFailed(lastError)
        }
    }

    /// Writes all of `text`.
    func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    /// Writes all of `bytes`; throws `closed` when the server closed or reset the connection.
    func send(_ bytes: [UInt8]) async throws {
        try await Self.onThread { [self] in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { raw in
                    Glibc.send(descriptor, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
                }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw RawHTTPError.closed
                }
                offset += written
            }
        }
    }

    /// Sends a request whose body goes out with `Transfer-Encoding: chunked` in `chunkSize` pieces.
    func sendChunked(head: String, body: [UInt8], chunkSize: Int = 16_384) async throws {
        var bytes = Array((head + "Transfer-Encoding: chunked\r\n\r\n").utf8)
        var offset = 0
        while offset < body.count {
            let end = min(body.count, offset + chunkSize)
            bytes += Array((String(end - offset, radix: 16) + "\r\n").utf8) + body[offset..<end] + Array("\r\n".utf8)
            offset = end
        }
        bytes += Array("0\r\n\r\n".utf8)
        try await send(bytes)
    }

    /// Reads one response (with a `Content-Length` body) within `timeout` seconds.
    func readResponse(timeout: Double = 10) async throws -> RawHTTPResponse {
        try await Self.onThread { [self] in
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                if let response = try parseBuffered() { return response }
                let remaining = deadline.timeIntervalSinceNow
                guard remaining > 0 else { throw RawHTTPError.timedOut }
                let chunk = try receive(waitingAtMost: remaining)
                guard !chunk.isEmpty else { throw RawHTTPError.closed }
                buffered += chunk
            }
        }
    }

    /// Waits up to `timeout` seconds for the server to close the connection, discarding what it
    /// sends meanwhile; `true` when it closed (or reset) the connection.
    func waitForClose(timeout: Double) async throws -> Bool {
        try await Self.onThread { [self] in
            let deadline = Date().addingTimeInterval(timeout)
            while deadline.timeIntervalSinceNow > 0 {
                do {
                    if try receive(waitingAtMost: deadline.timeIntervalSinceNow).isEmpty { return true }
                } catch RawHTTPError.closed {
                    return true
                } catch RawHTTPError.timedOut {
                    return false
                }
            }
            return false
        }
    }

    /// True when the server has closed the connection: pending bytes are discarded.
    func isClosedByPeer() async throws -> Bool {
        try await waitForClose(timeout: 0.05)
    }

    /// One `recv`: the bytes read, empty at end of stream; `closed` on a reset, `timedOut`
    /// when nothing arrives within `seconds`.
    private func receive(waitingAtMost seconds: Double) throws -> [UInt8] {
        var descriptorSet = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptorSet, 1, Int32(max(1, seconds * 1000)))
        if ready == 0 { throw RawHTTPError.timedOut }
        if ready < 0 { throw RawHTTPError.closed }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw RawHTTPError.closed }
        return Array(chunk[0..<count])
    }

    /// A complete response at the start of the buffer, removed from it; `nil` when more bytes are needed.
    private func parseBuffered() throws -> RawHTTPResponse? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = buffered.indices.first(where: { buffered[$0...].starts(with: separator) }) else { return nil }
        let head = String(decoding: buffered[0..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw RawHTTPError.malformedResponse(head) }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let bodyStart = headEnd + separator.count
        guard buffered.count >= bodyStart + length else { return nil }
        let body = Array(buffered[bodyStart..<(bodyStart + length)])
        buffered.removeFirst(bodyStart + length)
        return RawHTTPResponse(status: status, headers: headers, body: body)
    }

    /// Runs blocking socket work on a thread of its own.
    private static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}

/// The usual request head of a test, without the final empty line.
func rawHead(
    _ method: String, _ target: String, project: String = "proj", extra: [String] = []
) -> String {
    var lines = [
        "\(method) \(target) HTTP/1.1", "Host: localhost", "Client-ID: \(RouterHarness.clientID)",
        "X-Project-ID: \(project)",
    ]
    lines += extra
    return lines.joined(separator: "\r\n") + "\r\n"
}
