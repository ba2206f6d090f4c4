import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real `herald-router --policy-file`: the file's rules apply, SIGHUP re-reads it, and a broken
/// rewrite leaves the previous policy in force and the router running.
final class PolicyReloadTests: ClusterTestCase {
    private let policyDirectory = FileManager.default.temporaryDirectory
        .appendingPathComponent("herald-policy-\(UUID().uuidString)")
    private var policyFile: URL { policyDirectory.appendingPathComponent("policy.yaml") }

    private static let posterOnly = """
        # only posters (and admins) may post
        "poster": "role:poster"
        "messages:create": "rule:poster or rule:context_is_admin"
        """

    override func clusterConfiguration() async throws -> ClusterConfiguration {
        try FileManager.default.createDirectory(at: policyDirectory, withIntermediateDirectories: true)
        try writePolicy(Self.posterOnly)
        return ClusterConfiguration(routerFlags: ["--policy-file", policyFile.path], nodes: 1)
    }

    override func tearDown() async throws {
        try await super.tearDown()
        try? FileManager.default.removeItem(at: policyDirectory)
    }

    private func writePolicy(_ text: String) throws {
        try Data(text.utf8).write(to: policyFile, options: .atomic)
    }

    /// Sends SIGHUP to the router and waits until its log shows `marker` once more than before.
    private func reload(expecting marker: String) async throws {
        guard let router = try await cluster.routerProcess() else { return XCTFail("the router is not running") }
        let before = router.logText.components(separatedBy: marker).count
        XCTAssertEqual(kill(router.pid, SIGHUP), 0)
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while router.logText.components(separatedBy: marker).count == before {
            guard ContinuousClock.now < deadline else { throw ClusterError.timedOut(what: "\(marker) in the router log") }
            guard router.isRunning else { return XCTFail("the router died on SIGHUP:\n\(router.logText)") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private func post(_ client: HeraldClient, roles: String? = nil) async throws -> HeraldResponse {
        try await client.post(
            "/v2/queues/jobs/messages", body: messagesBody(count: 1), headers: roles.map { [("X-Roles", $0)] } ?? [])
    }

    func testSIGHUPReloadsThePolicyFile() async throws {
        let client = try await makeClient()
        expectStatus(403, try await post(client), "the file's rule applies from the start")
        expectStatus(201, try await post(client, roles: "poster"))
        expectStatus(200, try await client.get("/v2/queues"))

        try writePolicy("""
            "messages:create": ""
            "queues:get_all": "role:lister"
            """)
        try await reload(expecting: "policy reloaded (")
        expectStatus(201, try await post(client), "posting is open after the reload")
        expectStatus(403, try await client.get("/v2/queues"), "the new rule on listing applies")
        expectStatus(200, try await client.get("/v2/queues", headers: [("X-Roles", "lister")]))
    }

    func testBrokenRewriteKeepsThePreviousPolicy() async throws {
        let client = try await makeClient()
        try writePolicy(#""messages:create": "rule:poster and""#)
        try await reload(expecting: "policy not reloaded")
        let router = try await cluster.routerProcess()
        XCTAssertEqual(router?.isRunning, true)
        XCTAssertTrue(router?.logText.contains(#"rule "messages:create": expected a check"#) == true, router?.logText ?? "")
        expectStatus(403, try await post(client), "the previous policy stays in force")
        expectStatus(201, try await post(client, roles: "poster"))

        try writePolicy("\"messages:create\": !\n")
        try await reload(expecting: "policy not reloaded")
        expectStatus(201, try await post(client, roles: "poster"), "an unquoted ! is refused, not read as \"\"")

        try writePolicy(#""messages:create": "!""#)
        try await reload(expecting: "policy reloaded (")
        expectStatus(403, try await post(client, roles: "poster,admin"), "a fixed file loads on the next SIGHUP")
    }
}

/// Policy start-up and SIGHUP without a policy file, on routers of their own.
final class PolicyStartupTests: XCTestCase {
    func testBrokenPolicyFileStopsTheRouterAtStartup() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("policy.yaml")
        try Data("\"pools:create\": \"rule:missing\"\n".utf8).write(to: file)
        do {
            let cluster = try await HeraldCluster.start(ClusterConfiguration(routerFlags: ["--policy-file", file.path], nodes: 1))
            await cluster.shutdown()
            XCTFail("the router started with a broken policy file")
        } catch ClusterError.exitedEarly(let name, let status, let log) {
            XCTAssertEqual(name, "router")
            XCTAssertNotEqual(status, 0)
            XCTAssertTrue(log.contains("policy file \(file.path)"), log)
            XCTAssertTrue(log.contains("rule \"pools:create\" references rule:missing"), log)
        }
    }

    func testSIGHUPWithoutPolicyFileDoesNotStopTheRouter() async throws {
        let cluster = try await HeraldCluster.start(ClusterConfiguration(nodes: 1))
        do {
            guard let router = await cluster.routerProcess() else { throw ClusterError.invalidRequest("no router") }
            XCTAssertEqual(kill(router.pid, SIGHUP), 0)
            var client = HeraldClient(host: cluster.host, port: await cluster.routerPort)
            client.projectID = "policy-tests"
            _ = try await client.eventually(
                "the SIGHUP to be logged", request: { try await $0.get("/v2/queues") },
                until: { _ in router.logText.contains("SIGHUP: no --policy-file") })
            XCTAssertTrue(router.isRunning)
            let pools = try await client.get("/v2/queues")
            XCTAssertEqual(pools.status, 200, "\(pools)")
        } catch {
            print(await cluster.logs())
            await cluster.shutdown(removeFiles: false)
            throw error
        }
        await cluster.shutdown()
    }
}
