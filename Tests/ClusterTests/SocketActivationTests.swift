import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// `herald-router` under socket activation, the way `deploy/herald-router.socket` starts it:
/// `systemd-socket-activate` listens, starts the router at the first connection and hands it the
/// listening socket; the router serves that connection and later ones on it, and stops cleanly.
final class SocketActivationTests: XCTestCase {
    private var directory: URL!
    private var processes: [ClusterProcess] = []

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-socket-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        for process in processes { await process.killHard() }
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private static let activator = "/usr/bin/systemd-socket-activate"

    /// A node and a router behind `systemd-socket-activate` on a free loopback port, the router
    /// started with `routerFlags` at the first connection; skips without the activator.
    private func startActivatedRouter(_ routerFlags: [String] = []) async throws -> (router: ClusterProcess, port: Int) {
        guard FileManager.default.isExecutableFile(atPath: Self.activator) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("\(Self.activator) is missing") }
            throw XCTSkip("\(Self.activator) is missing (package systemd)")
        }
        let node = try ClusterProcess.launch(
            name: "node1", executable: try BinaryLocator.executable("herald-node"),
            arguments: ["--port", "0", "--data", directory.appendingPathComponent("node1/herald.sqlite").path],
            logURL: directory.appendingPathComponent("node1.log"))
        processes.append(node)
        let nodePort = try await node.waitForReadyPort(banner: "herald-node")

        let port = try Self.freeLoopbackPort()
        let router = try ClusterProcess.launch(
            name: "router", executable: URL(fileURLWithPath: Self.activator),
            arguments: [
                "--listen", "127.0.0.1:\(port)", try BinaryLocator.executable("herald-router").path,
                "--catalog", directory.appendingPathComponent("catalog.sqlite").path, "--auth", "noauth",
                "--port", "1", "--pool", "node1=herald://127.0.0.1:\(nodePort)",
            ] + routerFlags,
            logURL: directory.appendingPathComponent("router.log"))
        processes.append(router)

        for _ in 0..<500 where !router.logText.contains("Listening on 127.0.0.1:\(port)") {
            try await Task.sleep(for: .milliseconds(10))
        }
        return (router, port)
    }

    func testRouterServesOnTheSocketSystemdPasses() async throws {
        let (router, port) = try await startActivatedRouter()
        XCTAssertFalse(router.logText.contains("herald-router listening"), "nothing starts the router before a connection")
        // The first request is what starts the router; it waits in the socket's backlog meanwhile.
        let client = HeraldClient(host: "127.0.0.1", port: port)
        let created = try await client.put("/v2/queues/activated")
        XCTAssertEqual(created.status, 201, "\(created)\n\(router.logText)")
        let announced = try await router.waitForReadyPort(banner: "herald-router")
        XCTAssertEqual(announced, port, "it serves the passed socket, not --port 1")
        XCTAssertNotNil(created.header("Date"))
        for round in 0..<5 {
            let posted = try await client.post("/v2/queues/activated/messages", body: #"{"messages":[{"body":\#(round)}]}"#)
            XCTAssertEqual(posted.status, 201, "\(posted)")
        }
        let stats = try await client.get("/v2/queues/activated/stats")
        XCTAssertEqual(try stats.json()["messages"]?["total"]?.int, 5, "\(stats)")

        let stopped = await router.stop(timeout: .seconds(15))
        XCTAssertTrue(stopped, "SIGTERM ends the socket-activated router with status 0\n\(router.logText)")
    }

    func testSocketActivatedRouterAcceptsWebSocketUpgrades() async throws {
        let (router, port) = try await startActivatedRouter(["--websocket"])
        let client = HeraldClient(host: "127.0.0.1", port: port)
        let created = try await client.put("/v2/queues/activated")
        XCTAssertEqual(created.status, 201, "\(created)\n\(router.logText)")
        let socket = ZaqarSocket(host: "127.0.0.1", port: port)
        let listed = try await socket.call("queue_list")
        XCTAssertEqual(listed.status, 200, "\(listed)")
        XCTAssertEqual(listed["body"]?["queues"]?.array?.compactMap { $0["name"]?.string }, ["activated"])
        await socket.close()
        let stopped = await router.stop(timeout: .seconds(15))
        XCTAssertTrue(stopped, "SIGTERM ends the socket-activated router with status 0\n\(router.logText)")
    }

    /// A loopback port nobody listens on right now.
    private static func freeLoopbackPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClusterError.invalidRequest("socket() failed") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw ClusterError.invalidRequest("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
