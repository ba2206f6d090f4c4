import Foundation
import XCTest

/// SIGUSR2 makes a running node and router write their diagnostics report to standard error
/// (the harness captures it in their logs) and carry on serving; secrets never appear in it.
final class DiagnosticsSignalTests: ClusterTestCase {
    private static let nodeSigningSecret = "node-signing-secret-\(UUID().uuidString)"
    private static let routerSigningSecret = "router-signing-secret-\(UUID().uuidString)"

    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(
            routerFlags: ["--signed-url-secret", Self.routerSigningSecret],
            nodeFlags: ["--signed-url-secret", Self.nodeSigningSecret])
    }

    /// Sends SIGUSR2 to `process` and waits for the end of the report it writes; returns the report's text.
    private func requestReport(from process: ClusterProcess, banner: String) async throws -> String {
        let before = process.logText.count
        XCTAssertEqual(kill(process.pid, SIGUSR2), 0)
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while ContinuousClock.now < deadline {
            let text = String(process.logText.dropFirst(before))
            if let start = text.range(of: "==== Herald diagnostics report: \(banner) ===="),
               text[start.upperBound...].contains("VmRSS kB:") {
                return String(text[start.lowerBound...])
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ClusterError.notReady(name: process.name, log: process.logText)
    }

    private func assertSections(_ report: String, _ titles: [String], file: StaticString = #filePath, line: UInt = #line) {
        for title in titles {
            XCTAssertTrue(report.contains("==== \(title) ===="), "\(title) section:\n\(report)", file: file, line: line)
        }
    }

    func testNodeAndRouterWriteTheirReportAndKeepServing() async throws {
        let cluster = try cluster
        let client = try await makeClient()
        expectStatus(201, try await client.put("/v2/queues/reported", body: "{}"))
        expectStatus(201, try await client.post("/v2/queues/reported/messages", body: #"{"messages":[{"body":1,"ttl":300}]}"#))

        let first = await cluster.nodeProcess(0)
        let second = await cluster.nodeProcess(1)
        let nodes = [try XCTUnwrap(first), try XCTUnwrap(second)]
        var nodeReports: [String] = []
        for node in nodes { nodeReports.append(try await requestReport(from: node, banner: "herald-node")) }
        for report in nodeReports {
            assertSections(report, ["Package", "Configuration", "Connections", "Storage", "Threads", "Open file descriptors", "Memory"])
            XCTAssertTrue(report.contains("herald version: 0.10.0"), report)
            XCTAssertTrue(report.contains("schema version: 5"), report)
            XCTAssertTrue(report.contains("cluster-secret: ***"), report)
            XCTAssertTrue(report.contains("signed-url-secret: ***"), report)
            XCTAssertFalse(report.contains(cluster.clusterSecret), "the cluster secret is hidden")
            XCTAssertFalse(report.contains(Self.nodeSigningSecret), "the signing secret is hidden")
        }
        let placed = nodeReports.filter { $0.contains("queues: 1") && $0.contains("messages: 1") }
        XCTAssertEqual(placed.count, 1, "one node holds the queue and its message:\n\(nodeReports.joined())")
        XCTAssertTrue(placed.first?.contains("connected rpc clients: 0") == false, "the router is connected to it")

        let routerProcess = await cluster.routerProcess(0)
        let router = try XCTUnwrap(routerProcess)
        let node1URI = await cluster.poolURI(0)
        let routerReport = try await requestReport(from: router, banner: "herald-router")
        assertSections(routerReport, ["Package", "Configuration", "Connections", "Threads", "Open file descriptors", "Memory"])
        XCTAssertTrue(routerReport.contains("catalog: reachable, 2 pools"), routerReport)
        XCTAssertTrue(routerReport.contains("pool node1: \(node1URI)"), routerReport)
        XCTAssertTrue(routerReport.contains(": connected"), "a used pool's connection is connected:\n\(routerReport)")
        XCTAssertTrue(routerReport.contains("signed-url-secret: ***"), routerReport)
        XCTAssertFalse(routerReport.contains(Self.routerSigningSecret), "the signing secret is hidden")
        XCTAssertFalse(routerReport.contains(cluster.clusterSecret), "the cluster secret is hidden")

        for node in nodes { XCTAssertTrue(node.isRunning, "\(node.name) keeps running") }
        XCTAssertTrue(router.isRunning, "the router keeps running")
        expectStatus(201, try await client.post("/v2/queues/reported/messages", body: #"{"messages":[{"body":2,"ttl":300}]}"#))
        let listing = try await client.get("/v2/queues/reported/messages?echo=true")
        expectStatus(200, listing)
    }
}
