import Foundation
import XCTest

/// `herald-node` and `herald-router` configured by TOML files and environment variables: they
/// serve with the file's settings, the environment and the command line override them, and an
/// unknown key or a bad value refuses the start with a message naming the key.
final class ConfigFileTests: XCTestCase {
    private var directory: URL!
    private var processes: [ClusterProcess] = []

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        for process in processes { await process.killHard() }
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private func write(_ text: String, to name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func launch(
        _ binary: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws -> ClusterProcess {
        let process = try ClusterProcess.launch(
            name: binary, executable: try BinaryLocator.executable(binary), arguments: arguments,
            logURL: directory.appendingPathComponent("\(binary)-\(processes.count).log"),
            environment: environment.isEmpty ? ["HERALD_UNUSED": ""] : environment)
        processes.append(process)
        return process
    }

    /// A node and a router started from configuration files alone serve with their settings,
    /// and an environment variable overrides the file.
    func testClusterRunsFromConfigurationFiles() async throws {
        let nodeConfig = try write("""
            # herald-node
            host = "127.0.0.1"
            port = 0
            data = "\(directory.appendingPathComponent("node1/herald.sqlite").path)"
            gc_interval = 1
            default-message-ttl = 120
            """, to: "node.toml")
        let node = try launch("herald-node", [], environment: ["HERALD_NODE_CONFIG": nodeConfig])
        let nodePort = try await node.waitForReadyPort(banner: "herald-node")

        let routerConfig = try write("""
            catalog = "\(directory.appendingPathComponent("catalog.sqlite").path)"
            port = 0
            auth = "noauth"
            pool = ["node1=herald://127.0.0.1:\(nodePort)"]
            max-messages-per-page = 2
            max-messages-per-claim-or-pop = 2

            [cors]
            allow-origin = ["https://app.example.com"]
            """, to: "router.toml")
        let router = try launch(
            "herald-router", ["--config", routerConfig], environment: ["HERALD_ROUTER_MAX_MESSAGES_PER_CLAIM_OR_POP": "3"])
        let client = HeraldClient(host: "127.0.0.1", port: try await router.waitForReadyPort(banner: "herald-router"))

        let created = try await client.put("/v2/queues/configured")
        XCTAssertEqual(created.status, 201, "\(created)")
        let posted = try await client.post(
            "/v2/queues/configured/messages", body: #"{"messages":[{"body":1},{"body":2},{"body":3},{"body":4}]}"#)
        XCTAssertEqual(posted.status, 201, "\(posted)")

        // The file's page limit: 2 is allowed, 3 is not.
        let page = try await client.get("/v2/queues/configured/messages?echo=true&limit=2")
        XCTAssertEqual(page.status, 200, "\(page)")
        let tooMany = try await client.get("/v2/queues/configured/messages?echo=true&limit=3")
        XCTAssertEqual(tooMany.status, 400, "\(tooMany)")
        // The environment's claim limit (3) beats the file's (2).
        let claim = try await client.post("/v2/queues/configured/claims?limit=3", body: #"{"ttl":60,"grace":60}"#)
        XCTAssertEqual(claim.status, 201, "\(claim)")
        XCTAssertEqual(try claim.json()["messages"]?.array?.count, 3)
        let overClaim = try await client.post("/v2/queues/configured/claims?limit=4", body: #"{"ttl":60,"grace":60}"#)
        XCTAssertEqual(overClaim.status, 400, "\(overClaim)")
        // The node's default ttl from its file: a message posted without ttl lives 120 s.
        let last = try await client.get("/v2/queues/configured/messages?echo=true&include_claimed=true&limit=2")
        let ttls = try last.json()["messages"]?.array?.compactMap { $0["ttl"]?.int } ?? []
        XCTAssertEqual(ttls, [120, 120], "\(last)")
        // CORS from the [cors] table.
        let preflight = try await client.send(
            .options, "/v2/queues/configured/messages",
            headers: [("Origin", "https://app.example.com"), ("Access-Control-Request-Method", "POST")])
        XCTAssertEqual(preflight.header("Access-Control-Allow-Origin"), "https://app.example.com", "\(preflight)")
    }

    func testUnknownKeyRefusesTheStartNamingIt() async throws {
        let config = try write("""
            port = 0
            data = "\(directory.appendingPathComponent("n/herald.sqlite").path)"
            gc-intervall = 5
            """, to: "bad-node.toml")
        let node = try launch("herald-node", ["--config", config])
        let status = await node.waitForExitStatus(timeout: .seconds(30))
        XCTAssertEqual(status, 64, node.logText)
        XCTAssertTrue(
            node.logText.contains("configuration file \(config), line 3: unknown key gc-intervall; did you mean gc-interval?"),
            node.logText)
        XCTAssertFalse(node.logText.contains("listening"), node.logText)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("n").path))
    }

    func testBadValueRefusesTheStartNamingKeyAndOrigin() async throws {
        let config = try write("""
            catalog = "\(directory.appendingPathComponent("c.sqlite").path)"
            auth = "noauth"
            port = 0
            max-messages-per-page = 0
            """, to: "bad-router.toml")
        let router = try launch("herald-router", ["--config", config])
        let routerStatus = await router.waitForExitStatus(timeout: .seconds(30))
        XCTAssertEqual(routerStatus, 64, router.logText)
        XCTAssertTrue(router.logText.contains("--max-messages-per-page must be within 1...1000, not 0"), router.logText)
        XCTAssertTrue(router.logText.contains("--max-messages-per-page was set by \(config):4"), router.logText)

        let typed = try launch(
            "herald-router", ["--config", config, "--max-messages-per-page", "5"],
            environment: ["HERALD_ROUTER_PORT": "eighty"])
        let typedStatus = await typed.waitForExitStatus(timeout: .seconds(30))
        XCTAssertEqual(typedStatus, 64, typed.logText)
        XCTAssertTrue(typed.logText.contains("'--port"), typed.logText)
        XCTAssertTrue(typed.logText.contains("--port was set by $HERALD_ROUTER_PORT"), typed.logText)
    }

    /// SIGUSR2 asks for a diagnostics report; sent while the node is still starting (before its
    /// handler exists) it must not kill it.
    func testDiagnosticsSignalDuringStartIsHarmless() async throws {
        let node = try launch("herald-node", ["--port", "0", "--data", directory.appendingPathComponent("u/herald.sqlite").path])
        // Its first line ignores SIGUSR2 (bit 11 of SigIgn); from then on a report request is safe.
        var ignored = false
        for _ in 0..<1000 where !ignored && node.isRunning {
            let status = (try? String(contentsOfFile: "/proc/\(node.pid)/status", encoding: .utf8)) ?? ""
            let mask = status.split(separator: "\n").first { $0.hasPrefix("SigIgn:") }
                .flatMap { UInt64($0.dropFirst("SigIgn:".count).trimmingCharacters(in: .whitespaces), radix: 16) } ?? 0
            ignored = mask & (1 << (UInt64(SIGUSR2) - 1)) != 0
            if !ignored { try await Task.sleep(for: .milliseconds(2)) }
        }
        XCTAssertTrue(ignored, "herald-node ignores SIGUSR2 from its start")
        for _ in 0..<20 where node.isRunning {
            kill(node.pid, SIGUSR2)
            try await Task.sleep(for: .milliseconds(5))
        }
        _ = try await node.waitForReadyPort(banner: "herald-node")
        kill(node.pid, SIGUSR2)
        try await Task.sleep(for: .milliseconds(300))
        XCTAssertTrue(node.isRunning, node.logText)
        XCTAssertTrue(node.logText.contains("Herald diagnostics report: herald-node"), node.logText)
    }

    func testSyntaxErrorNamesTheLine() async throws {
        let config = try write("port = 0\nhost = localhost\n", to: "syntax.toml")
        let node = try launch("herald-node", ["--data", directory.appendingPathComponent("s.sqlite").path, "--config", config])
        let status = await node.waitForExitStatus(timeout: .seconds(30))
        XCTAssertEqual(status, 64, node.logText)
        XCTAssertTrue(node.logText.contains("configuration file \(config), line 2: localhost is not a value"), node.logText)
    }
}
