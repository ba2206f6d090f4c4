import Foundation
import XCTest

/// The operator page in a real browser: a cluster in token mode with admin mode on, queues in
/// two projects with messages posted, claimed and popped through the router, then headless
/// Chromium opens `/operator#token=...` (the token stays in the fragment, which is never sent)
/// and its script fetches and renders the snapshot. The DOM it dumps must show the pools, every
/// queue with its exact counts and the measured rates of this router. With
/// `HERALD_UPDATE_SCREENSHOT=1` the test also saves `docs/operator-page.png`.
final class OperatorPageChromiumTests: ClusterTestCase {
    private static let secret = "operator-page-secret-0123456789abcdef"

    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(routerFlags: ["--auth", "token", "--token-secret", Self.secret], adminMode: true)
    }

    /// A token minted by the real `herald token`.
    private func mint(project: String, roles: [String] = []) async throws -> String {
        let cluster = try cluster
        let runner = HeraldCLIRunner(url: "http://\(cluster.host):\(await cluster.routerPort)")
        let result = try await runner.run(
            ["token", "--secret", Self.secret, "--project", project, "--ttl", "1h"] + roles.flatMap { ["--role", $0] })
        XCTAssertEqual(result.status, 0, "\(result)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func client(project: String) async throws -> HeraldClient {
        var client = try await makeClient(project: project)
        client.projectID = nil
        client.token = try await mint(project: project)
        return client
    }

    func testChromiumRendersPoolsQueuesAndRates() async throws {
        let chromium = try HeadlessChromium.required()
        let alpha = try await client(project: "alpha")
        let beta = try await client(project: "beta")
        expectStatus(201, try await alpha.put("/v2/queues/orders"))
        try await postMessages(alpha, queue: "orders", count: 3)
        expectStatus(201, try await alpha.post("/v2/queues/orders/claims?limit=1", body: #"{"ttl": 300}"#), "claim one")
        expectStatus(201, try await alpha.put("/v2/queues/idle"))
        try await postMessages(beta, queue: "jobs", count: 4)
        expectStatus(200, try await beta.send(.delete, "/v2/queues/jobs/messages?pop=2"), "pop two")

        let cluster = try cluster
        let adminToken = try await mint(project: "ops", roles: ["admin"])
        var admin = try await makeClient(project: "ops")
        admin.projectID = nil
        admin.token = adminToken
        expectStatus(
            201, try await admin.put("/v2/flavors/standard", body: #"{"pool_list": ["node1", "node2"]}"#), "a flavor of both pools")
        let url = "http://\(cluster.host):\(await cluster.routerPort)/operator#token=\(adminToken)"
        let dom = try await chromium.dumpDOM(url)

        let pools = OperatorDOM.elements("tr", class: "pool", in: dom)
        XCTAssertEqual(pools.map { $0["data-pool"] ?? "" }, ["node1", "node2"], dom)
        XCTAssertEqual(pools.map { $0["data-health"] ?? "" }, ["up", "up"])
        XCTAssertEqual(pools.compactMap { Int($0["data-total"] ?? "") }.reduce(0, +), 5, "3 + 2 messages left on the nodes")
        let flavors = OperatorDOM.elements("tr", class: "flavor", in: dom)
        XCTAssertEqual(flavors.map { "\($0["data-flavor"] ?? "") \($0["data-health"] ?? "")" }, ["standard up"])

        let queues = OperatorDOM.elements("tr", class: "queue", in: dom).map { row in
            ["data-project", "data-queue", "data-kind", "data-total", "data-free", "data-claimed"]
                .map { row[$0] ?? "-" }.joined(separator: " ")
        }
        XCTAssertEqual(queues, [
            "alpha idle queue 0 0 0", "alpha orders queue 3 2 1", "beta jobs queue 2 2 0",
        ])
        XCTAssertTrue(dom.contains("3 queues in 2 projects"), dom)

        let rates = try XCTUnwrap(OperatorDOM.openingTag(id: "rates", in: dom), dom)
        XCTAssertEqual(rates["data-measured"], "true", "two snapshots were compared")
        XCTAssertTrue(dom.contains("this router"))
        for name in ["posted", "claimed", "deleted"] {
            let rate = try XCTUnwrap(OperatorDOM.openingTag(id: "rate-\(name)", in: dom), name)
            XCTAssertEqual(rate["data-rate"], "0.0", "\(name): nothing moved while the page was open")
        }
        XCTAssertEqual(OperatorDOM.text(ofID: "total-posted", in: dom), "7")
        XCTAssertEqual(OperatorDOM.text(ofID: "total-claimed", in: dom), "1")
        XCTAssertEqual(OperatorDOM.text(ofID: "total-deleted", in: dom), "2")
        XCTAssertFalse(dom.contains(adminToken), "the token is not left in the page")
        let form = try XCTUnwrap(OperatorDOM.openingTag(id: "credentials", in: dom))
        XCTAssertNotNil(form["hidden"], "no token form while the token works")

        if ProcessInfo.processInfo.environment["HERALD_UPDATE_SCREENSHOT"] == "1" {
            // Traffic while the picture is taken, so the rates show something moving.
            let body = messagesBody(count: 5)
            let traffic = Task {
                while !Task.isCancelled {
                    _ = try? await alpha.post("/v2/queues/orders/messages", body: body)
                    _ = try? await alpha.post("/v2/queues/orders/claims?limit=3", body: #"{"ttl": 300}"#)
                    _ = try? await beta.post("/v2/queues/jobs/messages", body: body)
                    _ = try? await beta.send(.delete, "/v2/queues/jobs/messages?pop=4")
                }
            }
            defer { traffic.cancel() }
            let file = BinaryLocator.packageRoot.appendingPathComponent("docs/operator-page.png")
            try await chromium.screenshot(url, to: file)
            let header = try Data(contentsOf: file).prefix(8)
            XCTAssertEqual(Array(header), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG file")
        }
    }

    func testChromiumWithAMemberTokenShowsTheRefusalAndNoData() async throws {
        let chromium = try HeadlessChromium.required()
        let alpha = try await client(project: "alpha")
        expectStatus(201, try await alpha.put("/v2/queues/secret-queue"))
        let cluster = try cluster
        let memberToken = try await mint(project: "alpha", roles: ["member"])
        let dom = try await chromium.dumpDOM(
            "http://\(cluster.host):\(await cluster.routerPort)/operator#token=\(memberToken)")
        XCTAssertTrue(dom.contains("403 Not authorized"), dom)
        XCTAssertFalse(dom.contains("secret-queue"), "no data for a member")
        XCTAssertTrue(OperatorDOM.elements("tr", class: "pool", in: dom).isEmpty)
    }
}

/// Reads the DOM Chromium dumped: attributes of elements, text of simple elements.
enum OperatorDOM {
    /// The attributes of every `<tag class="className" ...>`, in document order.
    static func elements(_ tag: String, class className: String, in html: String) -> [[String: String]] {
        matches(of: "<\(tag) class=\"\(className)\"([^>]*)>", in: html).map { attributes($0[1]) }
    }

    /// The attributes of the element with `id`.
    static func openingTag(id: String, in html: String) -> [String: String]? {
        matches(of: "<[a-z0-9]+([^>]* id=\"\(id)\"[^>]*)>", in: html).first.map { attributes($0[1]) }
    }

    /// The text of the element with `id`, when it holds text only.
    static func text(ofID id: String, in html: String) -> String? {
        matches(of: "<[a-z0-9]+[^>]* id=\"\(id)\"[^>]*>([^<]*)<", in: html).first.map { $0[1] }
    }

    /// `name="value"` pairs, and bare names with an empty value.
    static func attributes(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for match in matches(of: #"([a-z-]+)(?:="([^"]*)")?"#, in: text) {
            result[match[1]] = unescape(match[2])
        }
        return result
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Every match of `pattern` with its capture groups (a group that took part in no match is "").
    private static func matches(of pattern: String, in text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }
}
