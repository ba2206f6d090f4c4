import Foundation
import XCTest

/// Under systemd (`Type=notify`, `WatchdogSec=`) the node and the router say `READY=1` once
/// they serve, ping the watchdog, and say `STOPPING=1` when SIGTERM begins their shutdown,
/// each over a real `$NOTIFY_SOCKET` of its own.
final class ServiceManagerNotifyTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = URL(fileURLWithPath: "/tmp/herald-notify-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testNodeAndRouterNotifyReadyOnceServingAndStoppingOnSIGTERM() async throws {
        let nodeSocket = try NotifySocketListener(directory: directory)
        let routerSocket = try NotifySocketListener(directory: directory)
        // A 400 ms watchdog: pings every 200 ms.
        let watchdog = ["WATCHDOG_USEC": "400000"]
        let node = try ClusterProcess.launch(
            name: "node", executable: try BinaryLocator.executable("herald-node"),
            arguments: ["--host", "127.0.0.1", "--port", "0", "--data", directory.appendingPathComponent("node.sqlite").path,
                        "--cluster-secret", "notify-secret"],
            logURL: directory.appendingPathComponent("node.log"), environment: watchdog.merging(["NOTIFY_SOCKET": nodeSocket.path]) { $1 })
        defer { kill(node.pid, SIGKILL) }
        let nodeReady = await nodeSocket.waitFor("READY=1")
        let nodePort = try await node.waitForReadyPort(banner: "herald-node")
        XCTAssertNotNil(nodeReady, "the node said READY=1:\n\(node.logText)")
        XCTAssertTrue(nodeReady?.contains("STATUS=serving RPC on 127.0.0.1:\(nodePort)") == true, "\(nodeReady ?? "")")

        let router = try ClusterProcess.launch(
            name: "router", executable: try BinaryLocator.executable("herald-router"),
            arguments: ["--host", "127.0.0.1", "--port", "0", "--catalog", directory.appendingPathComponent("catalog.sqlite").path,
                        "--pool", "node1=herald://127.0.0.1:\(nodePort)", "--cluster-secret", "notify-secret", "--auth", "noauth"],
            logURL: directory.appendingPathComponent("router.log"), environment: watchdog.merging(["NOTIFY_SOCKET": routerSocket.path]) { $1 })
        defer { kill(router.pid, SIGKILL) }
        let routerReady = await routerSocket.waitFor("READY=1")
        XCTAssertNotNil(routerReady, "the router said READY=1:\n\(router.logText)")
        let routerPort = try await router.waitForReadyPort(banner: "herald-router")
        XCTAssertTrue(routerReady?.contains("STATUS=serving HTTP on 127.0.0.1:\(routerPort)") == true, "\(routerReady ?? "")")
        // READY=1 means serving: a request right away is answered.
        var client = HeraldClient(host: "127.0.0.1", port: routerPort)
        client.projectID = "notify-tests"
        let created = try await client.put("/v2/queues/ready", body: "{}")
        XCTAssertEqual(created.status, 201, "\(created)")

        let nodePing = await nodeSocket.waitFor("WATCHDOG=1", timeout: .seconds(5))
        XCTAssertNotNil(nodePing, "the node pings the watchdog")
        let routerPing = await routerSocket.waitFor("WATCHDOG=1", timeout: .seconds(5))
        XCTAssertNotNil(routerPing, "the router pings the watchdog")

        kill(router.pid, SIGTERM)
        let routerStopping = await routerSocket.waitFor("STOPPING=1")
        XCTAssertNotNil(routerStopping, "the router said STOPPING=1")
        let routerExited = await router.waitForCleanExit(timeout: .seconds(15))
        XCTAssertTrue(routerExited, "\(router.logText)")

        kill(node.pid, SIGTERM)
        let nodeStopping = await nodeSocket.waitFor("STOPPING=1")
        XCTAssertNotNil(nodeStopping, "the node said STOPPING=1")
        let nodeExited = await node.waitForCleanExit(timeout: .seconds(15))
        XCTAssertTrue(nodeExited, "\(node.logText)")
    }
}
