import Foundation
import XCTest

/// Project isolation through the real router and nodes: project B, knowing everything about
/// project A's data (queue names, message ids, claim ids, subscription ids, markers, a
/// pre-signed URL), can read, claim, change, delete or list none of it. Runs with `noauth`
/// (projects from headers); ``TokenProjectIsolationTests`` runs the same with bearer tokens.
class ProjectIsolationTests: ClusterTestCase {
    private static let secret = "isolation-secret"

    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(routerFlags: ["--signed-url-secret", Self.secret])
    }

    /// A client acting for `project`.
    func client(for project: String) async throws -> HeraldClient {
        try await makeClient(project: project)
    }

    /// Messages in a list or claim answer (an empty 204 counts as none).
    func messageIDs(_ response: HeraldResponse) throws -> [String] {
        guard !response.body.isEmpty else { return [] }
        return try response.json()["messages"]?.array?.compactMap { $0["id"]?.string } ?? []
    }

    func testAnotherProjectCannotReachMessagesClaimsOrQueues() async throws {
        let alice = try await client(for: "project-alice")
        let bob = try await client(for: "project-bob")
        expectStatus(201, try await alice.put("/v2/queues/shared", body: #"{"owner": "alice"}"#))
        let ids = try await postMessages(alice, queue: "shared", count: 6)
        let claimed = try await alice.post("/v2/queues/shared/claims?limit=2", body: #"{"ttl": 300, "grace": 60}"#)
        expectStatus(201, claimed)
        let claimID = try XCTUnwrap(claimed.header("Location")?.split(separator: "/").last.map(String.init))
        let claimedIDs = try messageIDs(claimed)
        let firstPage = try await alice.get("/v2/queues/shared/messages?limit=2&echo=true")
        let marker = try XCTUnwrap(
            try firstPage.json()["links"]?.array?.first?["href"]?.string?
                .split(separator: "marker=").last?.split(separator: "&").first.map(String.init))

        // Listing and reading.
        let queues = try await bob.get("/v2/queues")
        let queueNames = queues.body.isEmpty ? [] : (try queues.json()["queues"]?.array ?? []).compactMap { $0["name"]?.string }
        XCTAssertFalse(queueNames.contains("shared"), "B does not see A's queue: \(queues)")
        let metadata = try await bob.get("/v2/queues/shared")
        XCTAssertNil(try metadata.json()["owner"], "B reads no metadata of A's queue: \(metadata)")
        for query in ["", "?echo=true&include_claimed=true", "?marker=\(marker)&echo=true", "?ids=\(ids.joined(separator: ","))"] {
            let listed = try await bob.get("/v2/queues/shared/messages\(query)")
            XCTAssertEqual(try messageIDs(listed), [], "B lists nothing with \(query): \(listed)")
        }
        for id in ids {
            expectStatus(404, try await bob.get("/v2/queues/shared/messages/\(id)"), "B gets A's message by id")
            expectStatus(404, try await bob.get("/v2/queues/bobs-own/messages/\(id)"), "through another queue name")
        }
        let stats = try await bob.get("/v2/queues/shared/stats")
        XCTAssertEqual(try stats.json()["messages"]?["total"]?.int, 0, "B's stats count none of A's messages: \(stats)")

        // Claims.
        let bobClaim = try await bob.post("/v2/queues/shared/claims?limit=10", body: #"{"ttl": 60, "grace": 60}"#)
        XCTAssertEqual(try messageIDs(bobClaim), [], "B claims none of A's messages: \(bobClaim)")
        expectStatus(404, try await bob.get("/v2/queues/shared/claims/\(claimID)"))
        let patched = try await bob.patch(
            "/v2/queues/shared/claims/\(claimID)", body: #"{"ttl": 60}"#, contentType: "application/json")
        expectStatus(404, patched, "B cannot renew A's claim")
        _ = try await bob.delete("/v2/queues/shared/claims/\(claimID)")

        // Deleting: single, with A's claim id, bulk, pop, purge, the queue itself.
        for id in ids {
            _ = try await bob.delete("/v2/queues/shared/messages/\(id)")
            _ = try await bob.delete("/v2/queues/shared/messages/\(id)?claim_id=\(claimID)")
        }
        _ = try await bob.delete("/v2/queues/shared/messages?ids=\(ids.joined(separator: ","))")
        let popped = try await bob.delete("/v2/queues/shared/messages?pop=10")
        XCTAssertEqual(try messageIDs(popped), [], "B pops none of A's messages: \(popped)")
        _ = try await bob.post("/v2/queues/shared/purge", body: #"{"resource_types": ["messages", "subscriptions"]}"#)
        _ = try await bob.delete("/v2/queues/shared")

        // A's data is untouched: every message, the claim and the metadata.
        let all = try await alice.get("/v2/queues/shared/messages?echo=true&include_claimed=true&limit=20")
        XCTAssertEqual(Set(try messageIDs(all)), Set(ids), "all 6 of A's messages survive: \(all)")
        let claim = try await alice.get("/v2/queues/shared/claims/\(claimID)")
        expectStatus(200, claim)
        XCTAssertEqual(Set(try messageIDs(claim)), Set(claimedIDs), "A's claim keeps its messages")
        let ownMetadata = try await alice.get("/v2/queues/shared")
        XCTAssertEqual(try ownMetadata.json()["owner"]?.string, "alice")
    }

    func testAnotherProjectCannotReachSubscriptionsOrTopics() async throws {
        let alice = try await client(for: "project-alice")
        let bob = try await client(for: "project-bob")
        let created = try await alice.post(
            "/v2/queues/shared/subscriptions", body: #"{"subscriber": "http://127.0.0.1:9/alice", "ttl": 3600}"#)
        expectStatus(201, created)
        let subscriptionID = try XCTUnwrap(try created.json()["subscription_id"]?.string)

        let listed = try await bob.get("/v2/queues/shared/subscriptions")
        XCTAssertEqual(try listed.json()["subscriptions"]?.array?.count ?? 0, 0, "B lists none of A's subscriptions")
        expectStatus(404, try await bob.get("/v2/queues/shared/subscriptions/\(subscriptionID)"))
        let patched = try await bob.patch(
            "/v2/queues/shared/subscriptions/\(subscriptionID)", body: #"{"subscriber": "http://127.0.0.1:9/bob"}"#,
            contentType: "application/json")
        expectStatus(404, patched, "B cannot redirect A's subscription")
        let confirmed = try await bob.put(
            "/v2/queues/shared/subscriptions/\(subscriptionID)/confirm", body: #"{"confirmed": true}"#)
        expectStatus(404, confirmed, "B cannot confirm A's subscription")
        _ = try await bob.delete("/v2/queues/shared/subscriptions/\(subscriptionID)")
        let kept = try await alice.get("/v2/queues/shared/subscriptions/\(subscriptionID)")
        expectStatus(200, kept)
        XCTAssertEqual(try kept.json()["subscriber"]?.string, "http://127.0.0.1:9/alice")

        expectStatus(201, try await alice.put("/v2/topics/news", body: "{}"))
        let posted = try await alice.post("/v2/topics/news/messages", body: #"{"messages": [{"body": {"n": 1}}]}"#)
        expectStatus(201, posted)
        let topicMessages = try await bob.get("/v2/topics/news/messages?echo=true")
        XCTAssertEqual(try messageIDs(topicMessages), [], "B reads none of A's topic messages")
        let topics = try await bob.get("/v2/topics")
        let names = topics.body.isEmpty ? [] : (try topics.json()["topics"]?.array ?? []).compactMap { $0["name"]?.string }
        XCTAssertFalse(names.contains("news"), "B does not see A's topic")
    }

    func testAPreSignedURLOpensOnlyItsQueueOfItsProject() async throws {
        let alice = try await client(for: "project-alice")
        try await postMessages(alice, queue: "granted", count: 2)
        try await postMessages(alice, queue: "private", count: 2)
        let shared = try await alice.post("/v2/queues/granted/share", body: #"{"methods": ["GET"]}"#)
        expectStatus(200, shared)
        let grant = try shared.json()
        let headers: [(String, String)] = [
            ("URL-Signature", try XCTUnwrap(grant["signature"]?.string)),
            ("URL-Expires", try XCTUnwrap(grant["expires"]?.string)),
            ("URL-Methods", "GET"),
            ("URL-Paths", try XCTUnwrap(grant["paths"]?[0]?.string)),
        ]
        var holder = try await client(for: "project-alice")
        holder.clientID = UUID().uuidString.lowercased()
        let allowed = try await holder.get("/v2/queues/granted/messages", headers: headers)
        XCTAssertEqual(try messageIDs(allowed).count, 2, "the grant reads its own queue: \(allowed)")
        expectStatus(404, try await holder.get("/v2/queues/private/messages", headers: headers), "another queue")
        expectStatus(404, try await holder.send(.delete, "/v2/queues/granted/messages?pop=1", headers: headers), "another method")
        let otherProject = try await client(for: "project-bob")
        expectStatus(404, try await otherProject.get("/v2/queues/granted/messages", headers: headers), "another project")
    }
}

/// ``ProjectIsolationTests`` against a router in token mode: each project's client carries a
/// token minted by the real `herald token` for its project.
final class TokenProjectIsolationTests: ProjectIsolationTests {
    private static let tokenSecret = "isolation-token-secret-0123456789"

    override func clusterConfiguration() async throws -> ClusterConfiguration {
        var configuration = try await super.clusterConfiguration()
        configuration.routerFlags += ["--auth", "token", "--token-secret", Self.tokenSecret]
        return configuration
    }

    override func client(for project: String) async throws -> HeraldClient {
        var client = try await makeClient(project: project)
        client.token = try await mint(project: project)
        return client
    }

    private func mint(project: String) async throws -> String {
        let cluster = try cluster
        let runner = HeraldCLIRunner(url: "http://\(cluster.host):\(await cluster.routerPort)")
        let result = try await runner.run(["token", "--secret", Self.tokenSecret, "--project", project, "--ttl", "10m"])
        XCTAssertEqual(result.status, 0, "\(result)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testATokenOfOneProjectCannotNameAnother() async throws {
        let alice = try await client(for: "project-alice")
        try await postMessages(alice, queue: "shared", count: 1)
        var bob = try await client(for: "project-bob")
        bob.projectID = "project-alice"
        expectStatus(403, try await bob.get("/v2/queues/shared/messages?echo=true"), "B's token with A's project header")
        bob.projectID = nil
        let own = try await bob.get("/v2/queues/shared/messages?echo=true")
        XCTAssertEqual(try messageIDs(own), [], "without a header B's token scopes to B's project")
    }
}
