import Foundation
import XCTest

/// Token authentication end to end: a real `herald-router` in `--auth token` mode, tokens minted
/// by the real `herald token` binary, and the admin CLI signing its own requests.
final class TokenAuthClusterTests: ClusterTestCase {
    private static let secret = "cluster-token-secret-0123456789abcdef"

    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(routerFlags: ["--auth", "token", "--token-secret", Self.secret], adminMode: true)
    }

    private func cli(environment: [String: String] = [:]) async throws -> HeraldCLIRunner {
        let cluster = try cluster
        var runner = HeraldCLIRunner(url: "http://\(cluster.host):\(await cluster.routerPort)")
        runner.environment = environment
        return runner
    }

    /// A token minted by `herald token`.
    private func mint(_ arguments: [String]) async throws -> String {
        let result = try await cli().run(["token", "--secret", Self.secret] + arguments)
        XCTAssertEqual(result.status, 0, "\(result)")
        let token = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(token.split(separator: ".", omittingEmptySubsequences: false).count, 3, token)
        return token
    }

    func testTokensMintedByTheCLIAreAcceptedAndRequestsWithoutOneAre401() async throws {
        var client = try await makeClient()
        client.projectID = nil
        let token = try await mint(["--project", "tenant-a", "--ttl", "10m", "--user", "alice"])

        let created = try await client.put("/v2/queues/jobs", headers: [("X-Auth-Token", token)])
        expectStatus(201, created, "create with a minted token")
        let posted = try await client.post(
            "/v2/queues/jobs/messages", body: messagesBody(count: 2), headers: [("Authorization", "Bearer \(token)")])
        expectStatus(201, posted, "post with Authorization: Bearer")

        let anonymous = try await client.get("/v2/queues")
        expectStatus(401, anonymous, "no token")
        XCTAssertEqual(try anonymous.json()["title"]?.string, "Authentication required", "\(anonymous)")
        XCTAssertEqual(anonymous.header("WWW-Authenticate")?.hasPrefix("Bearer"), true, "\(anonymous)")

        var headerProject = try await makeClient(project: "tenant-a")
        expectStatus(401, try await headerProject.get("/v2/queues/jobs/stats"), "X-Project-ID alone is no credential")
        headerProject.projectID = "tenant-b"
        expectStatus(403, try await headerProject.get("/v2/queues/jobs/stats", headers: [("X-Auth-Token", token)]), "another project")

        let otherSecret = try await cli().run(["token", "--secret", "another-secret-0123456789", "--project", "tenant-a"])
        XCTAssertEqual(otherSecret.status, 0, "\(otherSecret)")
        let forged = try await client.get("/v2/queues", headers: [("X-Auth-Token", otherSecret.stdout.trimmingCharacters(in: .whitespacesAndNewlines))])
        expectStatus(401, forged, "a token of another secret")
        XCTAssertEqual(try forged.json()["title"]?.string, "Invalid token", "\(forged)")
    }

    func testAdminCommandsMintTheirOwnTokenFromTheSecret() async throws {
        let signed = try await cli(environment: ["HERALD_TOKEN_SECRET": Self.secret]).run(["pools", "list", "--json"])
        XCTAssertEqual(signed.status, 0, "\(signed)")
        XCTAssertEqual((try signed.json()["pools"]?.array ?? []).count, 2, "\(signed)")

        let anonymous = try await cli().run(["pools", "list"])
        XCTAssertEqual(anonymous.status, 1, "\(anonymous)")
        XCTAssertTrue(anonymous.stderr.contains("Authentication required"), "\(anonymous)")

        let reader = try await mint(["--project", "admin", "--role", "reader"])
        let notAdmin = try await cli().run(["pools", "list", "--token", reader])
        XCTAssertEqual(notAdmin.status, 1, "a token without the admin role: \(notAdmin)")
        XCTAssertTrue(notAdmin.stderr.contains("Not authorized"), "\(notAdmin)")

        let admin = try await mint(["--project", "ops", "--role", "admin"])
        let given = try await cli(environment: ["HERALD_TOKEN": admin, "HERALD_PROJECT": ""]).run(["health", "--json"])
        XCTAssertEqual(given.status, 0, "$HERALD_TOKEN with the admin role (project taken from the token): \(given)")
    }
}

/// `herald-router` refuses unsafe or incomplete authentication settings before it starts.
final class TokenAuthStartupTests: XCTestCase {
    /// Runs `herald-router` with `arguments` and returns its exit status and output; kills it if
    /// it is still running after 20 s (it should have refused to start long before).
    private func runRouter(_ arguments: [String], environment: [String: String] = [:]) async throws -> (Int32, String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("output")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = try BinaryLocator.executable("herald-router")
        process.arguments = ["--port", "0", "--catalog", directory.appendingPathComponent("catalog.sqlite").path] + arguments
        var fullEnvironment = ProcessInfo.processInfo.environment
        fullEnvironment["HERALD_TOKEN_SECRET"] = nil
        fullEnvironment.merge(environment) { _, new in new }
        process.environment = fullEnvironment
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try? handle.close()
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            XCTFail("herald-router \(arguments) kept running")
        }
        return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }

    func testNoauthOnAPublicAddressIsRefused() async throws {
        let (status, output) = try await runRouter(["--auth", "noauth", "--host", "0.0.0.0"])
        XCTAssertNotEqual(status, 0, output)
        XCTAssertTrue(output.contains("--allow-insecure-noauth"), output)
    }

    func testTokenModeWithoutAKeyIsRefused() async throws {
        let (status, output) = try await runRouter([])
        XCTAssertNotEqual(status, 0, "token is the default mode and needs a key: \(output)")
        XCTAssertTrue(output.contains("--token-secret"), output)
        let (shortStatus, shortOutput) = try await runRouter(["--token-secret", "tiny"])
        XCTAssertNotEqual(shortStatus, 0, shortOutput)
        XCTAssertTrue(shortOutput.contains("at least 16"), shortOutput)
    }
}
