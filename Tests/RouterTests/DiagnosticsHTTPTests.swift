import HTTPTypes
import Router
import Shared
import XCTest

/// `GET /v2/diagnostics`: admin mode only, admin role only (401 without token, 403 without the
/// role), and the report's shape: the router's sections with secrets hidden, and per pool its
/// uri, RPC connection states and the node's summary.
final class DiagnosticsHTTPTests: XCTestCase {
    private typealias Fixtures = TokenAuthFixtures

    /// Stands for the effective options of `herald-router` (HeraldConfig's `EffectiveOptions`
    /// fills them in the process, secrets already hidden).
    private static let sampleOptions = [
        DiagnosticsEntry("host", .text("127.0.0.1")),
        DiagnosticsEntry("signed-url-secret", .text("***")),
        DiagnosticsEntry("token-secret", .text("(unset)")),
        DiagnosticsEntry("pool", .text("pool0=herald://127.0.0.1:40000")),
    ]

    func testNeedsAdminModeAndTheAdminRole() async throws {
        try await RouterHarness.run(configuration: try Fixtures().configuration(adminMode: false)) { http in
            let reply = try await http.send(
                .get, "/v2/diagnostics", project: nil, headers: [Fixtures.tokenName: try Fixtures.hs256(roles: ["admin"])])
            XCTAssertEqual(reply.status, .notFound, reply.text)
        }
        try await RouterHarness.run(configuration: try Fixtures().configuration(adminMode: true)) { http in
            let anonymous = try await http.send(.get, "/v2/diagnostics", project: nil)
            XCTAssertEqual(anonymous.status, .unauthorized, anonymous.text)
            let member = try await http.send(
                .get, "/v2/diagnostics", project: nil, headers: [Fixtures.tokenName: try Fixtures.hs256(roles: ["member"])])
            XCTAssertEqual(member.status, .forbidden, member.text)
            XCTAssertEqual(member.title, "Not authorized")
            let admin = try await http.send(
                .get, "/v2/diagnostics", project: nil, headers: [Fixtures.tokenName: try Fixtures.hs256(roles: ["admin"])])
            XCTAssertEqual(admin.status, .ok, admin.text)
        }
    }

    func testReportShapeWithSecretsHidden() async throws {
        var configuration = RouterConfiguration(adminMode: true)
        configuration.diagnosticsOptions = Self.sampleOptions
        try await RouterHarness.run(configuration: configuration, deadPools: ["dead"]) { http in
            _ = try await http.admin(.put, "/v2/queues/warm")
            let reply = try await http.admin(.get, "/v2/diagnostics")
            XCTAssertEqual(reply.status, .ok, reply.text)
            XCTAssertEqual(reply.headers[.contentType], "application/json")
            let router = reply.json?["router"]
            XCTAssertEqual(router?["process"], .string("herald-router"))
            let sections = router?["sections"]
            XCTAssertEqual(sections?["package"]?["herald version"], .string(HeraldVersion.current))
            XCTAssertNotNil(sections?["package"]?["process id"]?.intValue)
            XCTAssertEqual(sections?["configuration"]?["host"], .string("127.0.0.1"))
            XCTAssertEqual(sections?["configuration"]?["signed-url-secret"], .string("***"))
            XCTAssertEqual(sections?["configuration"]?["token-secret"], .string("(unset)"))
            XCTAssertFalse(reply.text.contains("sample-signing-secret"), "the secret never appears")
            XCTAssertGreaterThan(sections?["threads"]?["count"]?.intValue ?? 0, 0)
            XCTAssertGreaterThan(sections?["open_file_descriptors"]?["count"]?.intValue ?? 0, 0)
            XCTAssertGreaterThan(sections?["memory"]?["VmRSS kB"]?.intValue ?? 0, 0)
            XCTAssertEqual(sections?["connections"]?["catalog"], .string("reachable, 3 pools"))

            let pools = reply.json?["pools"]
            XCTAssertEqual(pools?["pool0"]?["uri"], .string("herald://127.0.0.1:40000"))
            XCTAssertEqual(pools?["pool0"]?["node"]?["storage_reachable"], .bool(true))
            XCTAssertNotNil(pools?["pool0"]?["node"]?["message_volume"]?["total"])
            XCTAssertEqual(pools?["dead"]?["node"]?["storage_reachable"], .bool(false))
            XCTAssertNotNil(pools?["dead"]?["connections"]?.arrayValue)
        }
    }
}
