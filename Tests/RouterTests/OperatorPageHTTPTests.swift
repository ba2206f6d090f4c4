import Catalog
import Crypto
import Foundation
import HTTPTypes
import Router
import Shared
import XCTest

/// The operator page over a real SQLite catalog and real SQLite stores: the shell needs no
/// credentials and carries no data, the fragment needs the admin role (401/403 as JSON errors
/// otherwise), shows pools, flavors and per-project queue counts, escapes what clients choose,
/// and both routes exist only in admin mode.
final class OperatorPageHTTPTests: XCTestCase {
    private typealias Fixtures = TokenAuthFixtures
    private static let adminMode = RouterConfiguration(adminMode: true)
    private static let member: HTTPFields = [HTTPField.Name("X-Roles")!: "member"]

    private static func bearer(_ token: String) -> HTTPFields { [Fixtures.tokenName: token] }

    private static func assertHTML(_ reply: TestReply, line: UInt = #line) {
        XCTAssertEqual(reply.status, .ok, reply.text, line: line)
        XCTAssertEqual(reply.headers[.contentType], "text/html; charset=utf-8", line: line)
        XCTAssertEqual(reply.headers[.cacheControl], "no-store", line: line)
        XCTAssertEqual(reply.headers[HTTPField.Name("X-Content-Type-Options")!], "nosniff", line: line)
        XCTAssertNotNil(reply.headers[HTTPField.Name("Content-Security-Policy")!], line: line)
    }

    func testOperatorRoutesExistOnlyInAdminMode() async throws {
        try await RouterHarness.run { http in
            for path in ["/operator", "/operator/view"] {
                let reply = try await http.admin(.get, path)
                XCTAssertEqual(reply.status, .notFound, path)
                XCTAssertEqual(reply.title, "404 Not Found", path)
                XCTAssertEqual(reply.headers[.contentType], "application/json", path)
            }
        }
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            for path in ["/operator/", "/operator/view/", "/operator/views", "/v2/operator"] {
                let reply = try await http.admin(.get, path)
                XCTAssertEqual(reply.status, .notFound, path)
            }
        }
    }

    func testShellNeedsNoCredentialsAndHoldsNoData() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            let shell = try await http.send(.get, "/operator", project: nil, clientID: nil)
            Self.assertHTML(shell)
            XCTAssertTrue(shell.text.hasPrefix("<!DOCTYPE html>"))
            XCTAssertTrue(shell.text.contains(#"<body data-auth-mode="noauth">"#))
            XCTAssertTrue(shell.text.contains(#"id="rates""#))
            XCTAssertTrue(shell.text.contains("this router"))
            XCTAssertFalse(shell.text.contains("pool0"), "the shell lists no pools")
            XCTAssertFalse(shell.text.contains("http://") || shell.text.contains("https://"), "no external assets")

            let policy = shell.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
            XCTAssertTrue(policy.hasPrefix("default-src 'none'; script-src 'sha256-"), policy)
            XCTAssertTrue(policy.contains("connect-src 'self'"), policy)
            XCTAssertFalse(policy.contains("unsafe-inline"), policy)

            let post = try await http.send(.post, "/operator", project: nil, clientID: nil)
            XCTAssertEqual(post.status, .methodNotAllowed)
            XCTAssertEqual(post.headers[.allow], "GET, OPTIONS")
        }
    }

    func testShellScriptAndStyleMatchTheirPolicyHashes() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            let shell = try await http.send(.get, "/operator", project: nil, clientID: nil)
            let policy = shell.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
            let script = try XCTUnwrap(Self.between("<script>", "</script>", in: shell.text))
            let style = try XCTUnwrap(Self.between("<style>", "</style>", in: shell.text))
            XCTAssertTrue(script.contains("/operator/view"))
            XCTAssertTrue(policy.contains("script-src 'sha256-\(Self.sha256Base64(script))'"), policy)
            XCTAssertTrue(policy.contains("style-src 'sha256-\(Self.sha256Base64(style))'"), policy)
        }
    }

    func testTokenModeViewIs401WithoutToken403ForMembersAnd200ForAdmins() async throws {
        let fixtures = Fixtures()
        try await RouterHarness.run(configuration: try fixtures.configuration(adminMode: true)) { http in
            let shell = try await http.send(.get, "/operator", project: nil, clientID: nil)
            Self.assertHTML(shell)
            XCTAssertTrue(shell.text.contains(#"<body data-auth-mode="token">"#))

            let anonymous = try await http.send(.get, "/operator/view", project: nil)
            XCTAssertEqual(anonymous.status, .unauthorized)
            XCTAssertEqual(anonymous.title, "Authentication required")
            XCTAssertEqual(anonymous.headers[.contentType], "application/json")

            let forged = try await http.send(.get, "/operator/view", project: nil, headers: Self.bearer("not.a.token"))
            XCTAssertEqual(forged.status, .unauthorized)
            XCTAssertEqual(forged.title, "Invalid token")

            let member = try await http.send(
                .get, "/operator/view", project: nil, headers: Self.bearer(try Fixtures.hs256(roles: ["member"])))
            XCTAssertEqual(member.status, .forbidden)
            XCTAssertEqual(member.title, "Not authorized")
            XCTAssertEqual(member.headers[.contentType], "application/json")
            XCTAssertFalse(member.text.contains("pool0"))

            let admin = try await http.send(
                .get, "/operator/view", project: nil, headers: Self.bearer(try Fixtures.hs256(roles: ["admin"])))
            Self.assertHTML(admin)
            let pools = OperatorHTML.elements("tr", class: "pool", in: admin.text)
            XCTAssertEqual(pools.map { $0["data-pool"] }, ["pool0", "pool1"])
            XCTAssertEqual(pools.map { $0["data-health"] }, ["up", "up"])
        }
    }

    func testNoauthViewNeedsTheAdminRole() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            let member = try await http.send(.get, "/operator/view", headers: Self.member)
            XCTAssertEqual(member.status, .forbidden)
            XCTAssertEqual(member.title, "Not authorized")
            let noRoles = try await http.send(.get, "/operator/view")
            XCTAssertEqual(noRoles.status, .forbidden)
            let admin = try await http.admin(.get, "/operator/view")
            Self.assertHTML(admin)
            XCTAssertTrue(admin.text.contains("No queues are registered."))
        }
    }

    func testViewShowsQueueCountsPerProjectAndThisRoutersActivity() async throws {
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            _ = try await http.send(.put, "/v2/queues/orders", project: "alpha")
            _ = try await http.send(
                .post, "/v2/queues/orders/messages", body: #"{"messages":[{"body":1},{"body":2},{"body":3}]}"#,
                project: "alpha")
            let claim = try await http.send(.post, "/v2/queues/orders/claims?limit=1", body: #"{"ttl":300}"#, project: "alpha")
            XCTAssertEqual(claim.status, .created, claim.text)
            _ = try await http.send(.put, "/v2/queues/empty", project: "alpha")
            _ = try await http.send(.post, "/v2/queues/jobs/messages", body: #"{"messages":[{"body":"a"},{"body":"b"}]}"#, project: "beta")
            let popped = try await http.send(.delete, "/v2/queues/jobs/messages?pop=1", project: "beta")
            XCTAssertEqual(popped.status, .ok, popped.text)
            _ = try await http.send(.post, "/v2/topics/news/messages", body: #"{"messages":[{"body":"x"}]}"#, project: "beta")

            let view = try await http.admin(.get, "/operator/view")
            Self.assertHTML(view)
            let queues = OperatorHTML.elements("tr", class: "queue", in: view.text)
            let summary = queues.map {
                [$0["data-project"], $0["data-queue"], $0["data-kind"], $0["data-total"], $0["data-free"], $0["data-claimed"]]
                    .map { $0 ?? "nil" }.joined(separator: " ")
            }
            XCTAssertEqual(summary, [
                "alpha empty queue 0 0 0", "alpha orders queue 3 2 1", "beta jobs queue 1 1 0", "beta news topic 1 1 0",
            ])
            XCTAssertEqual(queues[0]["data-oldest-age"], "", "no messages, no age")
            XCTAssertNotNil(Int(queues[1]["data-oldest-age"] ?? ""), "an age in seconds")
            let tables = OperatorHTML.elements("table", class: "queues", in: view.text)
            XCTAssertEqual(tables.map { $0["data-project"] }, ["alpha", "beta"])

            let activity = try XCTUnwrap(Self.activity(view.text))
            XCTAssertEqual(activity["data-posted"], "6")
            XCTAssertEqual(activity["data-claimed"], "1")
            XCTAssertEqual(activity["data-deleted"], "1")
            XCTAssertNotNil(Int64(activity["data-uptime-ms"] ?? ""))

            let pools = OperatorHTML.elements("tr", class: "pool", in: view.text)
            let totals = pools.compactMap { Int($0["data-total"] ?? "") }.reduce(0, +)
            XCTAssertEqual(totals, 5, "node-wide counts over both pools: 3 + 1 + 1")
        }
    }

    func testViewEscapesWhatClientsChoose() async throws {
        let project = #"<img src=x onerror="alert(1)">&'"#
        try await RouterHarness.run(configuration: Self.adminMode) { http in
            let created = try await http.send(.put, "/v2/queues/q1", project: project)
            XCTAssertEqual(created.status, .created, created.text)
            let uri = try await http.nodes.startNode().uri
            let pool = try await http.admin(
                .put, "/v2/pools/extra", body: #"{"uri": "\#(uri)", "weight": 1, "flavor": "<b>gold</b>"}"#)
            XCTAssertEqual(pool.status, .created, pool.text)

            let view = try await http.admin(.get, "/operator/view")
            Self.assertHTML(view)
            XCTAssertFalse(view.text.contains("<img"), "no markup from a project id")
            XCTAssertFalse(view.text.contains("<b>"), "no markup from a flavor name")
            XCTAssertTrue(view.text.contains("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;"))
            XCTAssertTrue(view.text.contains("&lt;b&gt;gold&lt;/b&gt;"))
            let queues = OperatorHTML.elements("tr", class: "queue", in: view.text)
            XCTAssertEqual(queues.map { $0["data-project"] }, [project], "the attribute round-trips")
            let flavors = OperatorHTML.elements("tr", class: "flavor", in: view.text)
            XCTAssertEqual(flavors.map { $0["data-flavor"] }, ["<b>gold</b>"])
        }
    }

    func testUnreachablePoolsAndTheirQueuesAreMarked() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 1, deadPools: ["dead"]) { http in
            _ = try await http.catalog.register(QueueRef(project: "p", name: "stranded"), pool: "dead")
            _ = try await http.send(.put, "/v2/queues/alive", project: "p")
            let view = try await http.admin(.get, "/operator/view")
            Self.assertHTML(view)
            let pools = OperatorHTML.elements("tr", class: "pool", in: view.text)
            XCTAssertEqual(pools.map { "\($0["data-pool"] ?? "") \($0["data-health"] ?? "")" }, ["dead down", "pool0 up"])
            let queues = OperatorHTML.elements("tr", class: "queue", in: view.text)
            XCTAssertEqual(queues.map { "\($0["data-queue"] ?? "") \($0["data-total"] ?? "")" }, ["alive 0", "stranded "])
            XCTAssertTrue(view.text.contains("pool unreachable"))
            XCTAssertTrue(view.text.contains("1 of 2 pools up"))
        }
    }

    func testAtMostTheQueueLimitIsListedAndTheTruncationSaid() async throws {
        try await RouterHarness.run(configuration: Self.adminMode, pools: 1) { http in
            let limit = 200
            for index in 0..<(limit + 5) {
                _ = try await http.catalog.register(
                    QueueRef(project: "p\(index % 3)", name: String(format: "q%04d", index)), pool: "pool0")
            }
            let view = try await http.admin(.get, "/operator/view")
            Self.assertHTML(view)
            XCTAssertEqual(OperatorHTML.elements("tr", class: "queue", in: view.text).count, limit)
            XCTAssertTrue(view.text.contains(#"id="truncated""#))
            XCTAssertTrue(view.text.contains("Only the first \(limit) queues are listed"))
        }
        try await RouterHarness.run(configuration: Self.adminMode, pools: 1) { http in
            _ = try await http.send(.put, "/v2/queues/one", project: "p")
            let view = try await http.admin(.get, "/operator/view")
            XCTAssertFalse(view.text.contains(#"id="truncated""#))
        }
    }

    // MARK: Helpers

    /// The attributes of the `#activity` element.
    private static func activity(_ html: String) -> [String: String]? {
        guard let start = html.range(of: #"<div id="activity" hidden"#),
            let end = html[start.upperBound...].range(of: ">")
        else { return nil }
        return OperatorHTML.attributes(String(html[start.upperBound..<end.lowerBound]))
    }

    private static func between(_ open: String, _ close: String, in text: String) -> String? {
        guard let start = text.range(of: open), let end = text.range(of: close, range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }

    private static func sha256Base64(_ text: String) -> String {
        Data(SHA256.hash(data: Array(text.utf8))).base64EncodedString()
    }
}
