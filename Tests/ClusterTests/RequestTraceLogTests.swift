import Foundation
import XCTest

/// The `x-openstack-request-id` a client receives names the same request in the router's and
/// the storage node's logs: the router carries it over the RPC, and `--log-format json` writes
/// it as a member of one JSON object per line.
final class RequestTraceLogTests: ClusterTestCase {
    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(
            routerFlags: ["--log-format", "json", "--log-level", "debug"],
            nodeFlags: ["--log-format", "json", "--log-level", "debug"], nodes: 1)
    }

    func testRequestIDReachesTheNodeLog() async throws {
        let client = try await makeClient()
        let created = try await client.put("/v2/queues/traced")
        XCTAssertEqual(created.status, 201, "\(created)")
        let posted = try await client.post("/v2/queues/traced/messages", body: #"{"messages":[{"body":"hello"}]}"#)
        XCTAssertEqual(posted.status, 201, "\(posted)")
        let requestID = try XCTUnwrap(posted.header("x-openstack-request-id"))
        XCTAssertTrue(requestID.hasPrefix("req-"), requestID)

        let nodeProcess = await (try cluster).nodeProcess(0)
        let node = try XCTUnwrap(nodeProcess)
        var records: [[String: String]] = []
        for _ in 0..<200 {
            records = Self.jsonRecords(in: node.logText).filter { $0["request_id"] == requestID }
            if !records.isEmpty { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        XCTAssertEqual(records.count, 1, "one RPC served the post\n\(node.logText.suffix(2000))")
        let record = try XCTUnwrap(records.first)
        XCTAssertEqual(record["message"], "rpc request")
        XCTAssertEqual(record["level"], "debug")
        XCTAssertEqual(record["label"], "herald.rpc.server")
        XCTAssertEqual(record["operation"], "postMessages")
        XCTAssertNotNil(record["duration_us"].flatMap(Int.init), "\(record)")
        XCTAssertNotNil(record["time"], "\(record)")

        // The router's own record of the request names the same id.
        let routerProcess = await (try cluster).routerProcess(0)
        let router = try XCTUnwrap(routerProcess)
        let routerRecords = Self.jsonRecords(in: router.logText).filter { $0["request_id"] == requestID }
        XCTAssertEqual(routerRecords.map { $0["message"] }, ["http request"], router.logText.suffix(2000).description)
        XCTAssertEqual(routerRecords.first?["status"], "201")
        XCTAssertEqual(routerRecords.first?["path"], "/v2/queues/traced/messages")

        // Every line the node wrote is a JSON object: nothing else reaches its log but the banner.
        let lines = node.logText.split(separator: "\n").filter { !$0.hasPrefix("herald-node listening") }
        XCTAssertFalse(lines.isEmpty)
        XCTAssertEqual(Self.jsonRecords(in: lines.joined(separator: "\n")).count, lines.count, node.logText)

        // A second request gets its own id.
        let listed = try await client.get("/v2/queues/traced/messages?echo=true")
        XCTAssertNotEqual(listed.header("x-openstack-request-id"), requestID)
    }

    private static func jsonRecords(in text: String) -> [[String: String]] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("{") else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: String]
        }
    }
}
