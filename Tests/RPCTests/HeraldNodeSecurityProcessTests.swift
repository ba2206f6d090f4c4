import Foundation
import Shared
import XCTest

/// `herald-node` as a child process: its RPC security flags (the loopback rule, the secret from
/// the environment) and its refusal to open a file that is not a Herald store.
final class HeraldNodeSecurityProcessTests: XCTestCase {
    private static var executable: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/herald-node")
    }

    private var directory: URL!

    override func setUp() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            throw XCTSkip("build herald-node first: \(Self.executable.path) is missing")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-node-sec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() async throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// Starts the node with `arguments` and `environment` added to this process's environment.
    private func launch(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, URL) {
        let output = directory.appendingPathComponent("output-\(UUID().uuidString).txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: output.path, contents: nil))
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--port", "0", "--data", directory.appendingPathComponent("node/herald.sqlite").path] + arguments
        var inherited = ProcessInfo.processInfo.environment
        inherited["HERALD_CLUSTER_SECRET"] = nil
        process.environment = inherited.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        try process.run()
        return (process, output)
    }

    private func waitForExit(_ process: Process) async throws {
        for _ in 0..<1000 where process.isRunning {
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Starts the node with `arguments` and asserts that it exits with a failure status,
    /// printing `message` and never listening.
    private func assertRefusesToStart(
        _ arguments: [String], saying message: String, file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let (process, output) = try launch(arguments)
        try await waitForExit(process)
        XCTAssertFalse(process.isRunning, file: file, line: line)
        XCTAssertNotEqual(process.terminationStatus, 0, file: file, line: line)
        let text = try String(contentsOf: output, encoding: .utf8)
        XCTAssertTrue(text.contains(message), text, file: file, line: line)
        XCTAssertFalse(text.contains("listening"), text, file: file, line: line)
    }

    func testAnotherProgramsDatabaseRefusesToStartWithAClearMessage() async throws {
        let file = directory.appendingPathComponent("node/herald.sqlite")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not a database, just text that happens to sit where the store should be\n".utf8).write(to: file)
        try await assertRefusesToStart([], saying: "is not a SQLite database or is damaged")
    }

    func testNonLoopbackHostWithoutSecretRefusesToStart() async throws {
        try await assertRefusesToStart(["--host", "0.0.0.0"], saying: "--allow-insecure-rpc")
    }

    func testHalfATLSSetupRefusesToStart() async throws {
        try await assertRefusesToStart(["--host", "127.0.0.1", "--rpc-tls-cert", "/nonexistent.pem"], saying: "--rpc-tls-key")
    }

    func testSecretFromTheEnvironmentIsRequiredOfClients() async throws {
        let (process, output) = try launch(["--host", "127.0.0.1"], environment: ["HERALD_CLUSTER_SECRET": "env secret"])
        defer { if process.isRunning { process.terminate() } }
        let port = try await waitForBanner(in: output)

        let anonymous = RemoteQueueStore(host: "127.0.0.1", port: port, connections: 1)
        do {
            try await anonymous.connect()
            XCTFail("a client without the secret must be refused")
        } catch {
            XCTAssertEqual(error, .authenticationFailed(peer: "127.0.0.1:\(port)", reason: .nodeRequiresSecret))
        }
        await anonymous.shutdown()

        let member = RemoteQueueStore(host: "127.0.0.1", port: port, security: RPCClientSecurity(clusterSecret: RPCClusterSecret("env secret")))
        try await member.ping()
        await member.shutdown()

        process.terminate()
        try await waitForExit(process)
        XCTAssertEqual(process.terminationStatus, 0)
    }

    private struct BannerTimeout: Error {}

    private func waitForBanner(in output: URL) async throws -> Int {
        let prefix = "herald-node listening on 127.0.0.1:"
        for _ in 0..<500 {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }),
                let port = Int(line.dropFirst(prefix.count))
            {
                return port
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw BannerTimeout()
    }
}
