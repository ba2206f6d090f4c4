import Foundation
import XCTest

/// Zaqar's WebSocket API end to end: a real `herald-router --websocket` and storage node, a real
/// WebSocket client; frames checked as REST requests are, and subscriptions pushed to the socket.
final class WebSocketTests: ClusterTestCase {
    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(routerFlags: ["--websocket"], nodes: 1)
    }

    private var sockets: [ZaqarSocket] = []

    override func tearDown() async throws {
        for socket in sockets { await socket.close() }
        sockets = []
        try await super.tearDown()
    }

    private func connect(path: String = "/v2/ws", project: String? = "cluster-tests") async throws -> ZaqarSocket {
        let cluster = try cluster
        let socket = ZaqarSocket(host: cluster.host, port: await cluster.routerPort, path: path, project: project)
        sockets.append(socket)
        return socket
    }

    func testQueueMessageAndClaimActionsAnswerTheReferenceShapes() async throws {
        let socket = try await connect()
        let created = try await socket.call("queue_create", body: #"{"queue_name": "jobs", "metadata": {"color": "red"}}"#)
        XCTAssertEqual(created.status, 201, "\(created)")
        XCTAssertEqual(created["body"]?.string, "Queue jobs created.")
        XCTAssertEqual(created["request"]?["action"]?.string, "queue_create", "the reply echoes the request")
        let again = try await socket.call("queue_create", body: #"{"queue_name": "jobs"}"#)
        XCTAssertEqual(again.status, 204, "\(again)")

        let listed = try await socket.call("queue_list")
        XCTAssertEqual(listed.status, 200, "\(listed)")
        XCTAssertEqual(listed["body"]?["queues"]?.array?.compactMap { $0["name"]?.string }, ["jobs"])
        let fetched = try await socket.call("queue_get", body: #"{"queue_name": "jobs"}"#)
        XCTAssertEqual(fetched["body"]?["color"]?.string, "red", "\(fetched)")

        let posted = try await socket.call("message_post", body: #"{"queue_name": "jobs", "messages": [{"body": {"n": 1}, "ttl": 300}, {"body": {"n": 2}}]}"#)
        XCTAssertEqual(posted.status, 201, "\(posted)")
        let ids = posted["body"]?["message_ids"]?.array?.compactMap(\.string) ?? []
        XCTAssertEqual(ids.count, 2, "\(posted)")

        let page = try await socket.call("message_list", body: #"{"queue_name": "jobs", "echo": true}"#)
        XCTAssertEqual(page.status, 200, "\(page)")
        let listedMessages = page["body"]?["messages"]?.array ?? []
        XCTAssertEqual(listedMessages.compactMap { $0["id"]?.string }, ids)
        XCTAssertEqual(listedMessages.first?.keys, ["id", "claim_id", "ttl", "age", "body"])
        XCTAssertEqual(listedMessages.first?["claim_id"]?.isNull, true)
        let one = try await socket.call("message_get", body: #"{"queue_name": "jobs", "message_id": "\#(ids[0])"}"#)
        XCTAssertEqual(one["body"]?["messages"]?["body"]?["n"]?.int, 1, "\(one)")
        let many = try await socket.call("message_get_many", body: #"{"queue_name": "jobs", "message_ids": ["\#(ids[0])", "\#(ids[1])"]}"#)
        XCTAssertEqual(many["body"]?["messages"]?.array?.count, 2, "\(many)")

        let claim = try await socket.call("claim_create", body: #"{"queue_name": "jobs", "limit": 1, "ttl": 60, "grace": 60}"#)
        XCTAssertEqual(claim.status, 201, "\(claim)")
        let claimID = try XCTUnwrap(claim["body"]?["claim_id"]?.string, "\(claim)")
        XCTAssertEqual(claim["body"]?["messages"]?[0]?["claim_id"]?.string, claimID)
        let claimedID = try XCTUnwrap(claim["body"]?["messages"]?[0]?["id"]?.string)
        let claimed = try await socket.call("claim_get", body: #"{"queue_name": "jobs", "claim_id": "\#(claimID)"}"#)
        XCTAssertEqual(claimed.status, 200, "\(claimed)")
        XCTAssertEqual(claimed["body"]?["ttl"]?.int, 60)
        XCTAssertEqual(claimed["body"]?["messages"]?.array?.count, 1)
        let renewed = try await socket.call("claim_update", body: #"{"queue_name": "jobs", "claim_id": "\#(claimID)", "ttl": 120}"#)
        XCTAssertEqual(renewed.status, 204, "\(renewed)")
        XCTAssertEqual(renewed["body"]?.string, "Claim \(claimID) updated.")
        let refused = try await socket.call("message_delete", body: #"{"queue_name": "jobs", "message_id": "\#(claimedID)"}"#)
        XCTAssertEqual(refused.status, 403, "a claimed message needs its claim id, as over REST: \(refused)")
        let deleted = try await socket.call(
            "message_delete", body: #"{"queue_name": "jobs", "message_id": "\#(claimedID)", "claim_id": "\#(claimID)"}"#)
        XCTAssertEqual(deleted.status, 204, "\(deleted)")
        let released = try await socket.call("claim_delete", body: #"{"queue_name": "jobs", "claim_id": "\#(claimID)"}"#)
        XCTAssertEqual(released.status, 204, "\(released)")

        let client = try await makeClient()
        let stats = try await client.get("/v2/queues/jobs/stats")
        XCTAssertEqual(try stats.json()["messages"]?["total"]?.int, 1, "REST sees what the socket did: \(stats)")
        let socketStats = try await socket.call("queue_get_stats", body: #"{"queue_name": "jobs"}"#)
        XCTAssertEqual(socketStats["body"]?["messages"]?["total"]?.int, 1, "\(socketStats)")

        let rest = ids.filter { $0 != claimedID }
        let bulk = try await socket.call("message_delete_many", body: #"{"queue_name": "jobs", "message_ids": ["\#(rest[0])"]}"#)
        XCTAssertEqual(bulk.status, 204, "\(bulk)")
        let empty = try await socket.call("message_list", body: #"{"queue_name": "jobs", "echo": true}"#)
        XCTAssertEqual(empty["body"]?["messages"]?.array?.count, 0, "\(empty)")

        let removed = try await socket.call("queue_delete", body: #"{"queue_name": "jobs"}"#)
        XCTAssertEqual(removed.status, 204, "\(removed)")
        XCTAssertEqual(removed["body"]?.string, "Queue jobs removed.")
        let remaining = try await client.get("/v2/queues")
        XCTAssertEqual(try remaining.json()["queues"]?.array?.count, 0, "deleted over the socket: \(remaining)")
    }

    func testBadFramesGetErrorFramesAndTheConnectionStaysUsable() async throws {
        let socket = try await connect()
        socket.send(raw: "this is not JSON")
        let notJSON = try await socket.next()
        XCTAssertEqual(notJSON.status, 400, "\(notJSON)")
        XCTAssertEqual(notJSON["body"]?["error"]?.string?.hasPrefix("Can't decode text (JSON) request"), true, "\(notJSON)")

        socket.send(raw: "[1, 2]")
        let notObject = try await socket.next()
        XCTAssertEqual(notObject.status, 400)
        XCTAssertEqual(notObject["body"]?["error"]?.string, "Unexpected body type. Expected dict or dict like.")

        let unknown = try await socket.call("queue_explode", body: #"{"queue_name": "jobs"}"#)
        XCTAssertEqual(unknown.status, 400, "\(unknown)")
        XCTAssertEqual(unknown["body"]?["error"]?.string, #"Invalid action: "queue_explode""#)

        let missing = try await socket.call("message_post", body: #"{"queue_name": "jobs"}"#)
        XCTAssertEqual(missing.status, 400, "\(missing)")
        XCTAssertEqual(missing["body"]?["error"]?.string, "Schema validation failed.")
        let mistyped = try await socket.call("claim_create", body: #"{"queue_name": "jobs", "limit": "five"}"#)
        XCTAssertEqual(mistyped.status, 400, "\(mistyped)")

        let badName = try await socket.call("queue_create", body: #"{"queue_name": "bad name!"}"#)
        let client = try await makeClient()
        let restBadName = try await client.put("/v2/queues/bad%20name!", body: "{}")
        XCTAssertEqual(badName.status, 400, "\(badName)")
        XCTAssertEqual(badName["body"]?["error"]?.string, try restBadName.json()["title"]?.string, "the same check as REST")
        XCTAssertEqual(badName["body"]?["exception"]?.string, try restBadName.json()["description"]?.string)

        let tooLong = try await socket.call("message_post", body: #"{"queue_name": "jobs", "messages": [{"body": 1, "ttl": 10}]}"#)
        XCTAssertEqual(tooLong.status, 400, "a ttl below the minimum, as over REST: \(tooLong)")

        let noProject = try await socket.call(
            "queue_list", headers: ["Client-ID": socket.headers["Client-ID"] ?? ""], withDefaultHeaders: false)
        XCTAssertEqual(noProject.status, 400, "\(noProject)")
        XCTAssertEqual(noProject["body"]?["error"]?.string, "Project-Id Missing")

        let binaryFree = try await socket.call("queue_create", body: #"{"queue_name": "still-works"}"#)
        XCTAssertEqual(binaryFree.status, 201, "the connection survived every bad frame: \(binaryFree)")
    }

    func testAuthenticatedHeadersApplyToLaterFramesAndUpgradeWorksOnTheRootPath() async throws {
        let socket = try await connect(path: "/", project: nil)
        let refused = try await socket.call("authenticate")
        XCTAssertEqual(refused.status, 400, "no project to authenticate for: \(refused)")
        XCTAssertEqual(refused["body"]?["error"]?.string, "Authentication failed.")
        let accepted = try await socket.call("authenticate", headers: ["X-Project-ID": "tenant-ws"])
        XCTAssertEqual(accepted.status, 200, "\(accepted)")
        XCTAssertEqual(accepted["body"]?["message"]?.string, "Authentified.")
        let created = try await socket.call("queue_create", body: #"{"queue_name": "remembered"}"#)
        XCTAssertEqual(created.status, 201, "the project of authenticate: \(created)")
        let tenantClient = try await makeClient(project: "tenant-ws")
        expectStatus(200, try await tenantClient.get("/v2/queues/remembered"), "created in the authenticated project")
    }

    func testSubscriptionCreatedOverTheSocketPushesPostedMessagesUntilTheSocketCloses() async throws {
        let socket = try await connect()
        let subscribed = try await socket.call("subscription_create", body: #"{"queue_name": "alerts", "ttl": 3600}"#)
        XCTAssertEqual(subscribed.status, 201, "\(subscribed)")
        let subscriptionID = try XCTUnwrap(subscribed["body"]?["subscription_id"]?.string, "\(subscribed)")
        XCTAssertEqual(subscribed["body"]?["message"]?.string, "Subscription alerts created.")
        let shown = try await socket.call("subscription_get", body: #"{"queue_name": "alerts", "subscription_id": "\#(subscriptionID)"}"#)
        XCTAssertEqual(shown["body"]?["subscriber"]?.string?.hasPrefix("http://127.0.0.1:"), true, "\(shown)")
        let listed = try await socket.call("subscription_list", body: #"{"queue_name": "alerts"}"#)
        XCTAssertEqual(listed["body"]?["subscriptions"]?.array?.count, 1, "\(listed)")

        let client = try await makeClient()
        let ids = try await postMessages(client, queue: "alerts", count: 1, start: 7)
        let pushed = try await socket.next()
        XCTAssertNil(pushed["request"], "a notification, not a reply: \(pushed)")
        XCTAssertEqual(pushed["Message_Type"]?.string, "Notification", "\(pushed)")
        XCTAssertEqual(pushed["id"]?.string, ids.first)
        XCTAssertEqual(pushed["body"]?["n"]?.int, 7)
        XCTAssertEqual(pushed["queue_name"]?.string, "alerts")

        await socket.close()
        let gone = try await client.eventually(
            "the socket's subscription deleted", request: { try await $0.get("/v2/queues/alerts/subscriptions") },
            until: { (try? $0.json()["subscriptions"]?.array?.count) == 0 })
        expectStatus(200, gone)
    }

    func testSubscriptionDeletedOverTheSocketStopsPushes() async throws {
        let socket = try await connect()
        let subscribed = try await socket.call("subscription_create", body: #"{"queue_name": "quiet"}"#)
        let subscriptionID = try XCTUnwrap(subscribed["body"]?["subscription_id"]?.string, "\(subscribed)")
        let removed = try await socket.call("subscription_delete", body: #"{"queue_name": "quiet", "subscription_id": "\#(subscriptionID)"}"#)
        XCTAssertEqual(removed.status, 204, "\(removed)")
        XCTAssertEqual(removed["body"]?.string, "Subscription \(subscriptionID) removed.")
        let loud = try await socket.call("subscription_create", body: #"{"queue_name": "loud"}"#)
        XCTAssertEqual(loud.status, 201, "\(loud)")
        let client = try await makeClient()
        try await postMessages(client, queue: "quiet", count: 1)
        try await postMessages(client, queue: "loud", count: 1)
        // The node dispatches its outbox in post order, so a notification for "quiet" (posted
        // first) would normally arrive before the one for "loud"; none may arrive at all.
        var queues: [String] = []
        while !queues.contains("loud") {
            let pushed = try await socket.next()
            queues.append(pushed["queue_name"]?.string ?? "?")
        }
        XCTAssertEqual(queues, ["loud"], "nothing pushed for the unsubscribed queue")
        let listed = try await socket.call("subscription_list", body: #"{"queue_name": "quiet"}"#)
        XCTAssertEqual(listed["body"]?["subscriptions"]?.array?.count, 0, "\(listed)")
    }
}

/// The WebSocket API under token authentication: the same 401/403 answers as REST.
final class WebSocketTokenAuthTests: ClusterTestCase {
    private static let secret = "websocket-token-secret-0123456789"

    override func clusterConfiguration() async throws -> ClusterConfiguration {
        ClusterConfiguration(routerFlags: ["--auth", "token", "--token-secret", Self.secret, "--websocket"], nodes: 1)
    }

    func testAuthenticateChecksTheTokenAndLaterFramesCarryIt() async throws {
        let cluster = try cluster
        let runner = HeraldCLIRunner(url: "http://\(cluster.host):\(await cluster.routerPort)")
        let minted = try await runner.run(["token", "--secret", Self.secret, "--project", "tenant-a", "--ttl", "10m"])
        XCTAssertEqual(minted.status, 0, "\(minted)")
        let token = minted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let socket = ZaqarSocket(host: cluster.host, port: await cluster.routerPort, project: "tenant-a")

        let anonymous = try await socket.call("queue_list")
        XCTAssertEqual(anonymous.status, 401, "no token, as over REST: \(anonymous)")
        XCTAssertEqual(anonymous["body"]?["error"]?.string, "Authentication required")
        let forged = try await socket.call("authenticate", headers: ["X-Auth-Token": "not.a.token"])
        XCTAssertEqual(forged.status, 401, "\(forged)")
        XCTAssertEqual(forged["body"]?["error"]?.string, "Authentication failed.")

        let accepted = try await socket.call("authenticate", headers: ["X-Auth-Token": token])
        XCTAssertEqual(accepted.status, 200, "\(accepted)")
        let created = try await socket.call("queue_create", body: #"{"queue_name": "secured"}"#)
        XCTAssertEqual(created.status, 201, "the token of authenticate: \(created)")
        let otherProject = try await socket.call("queue_list", headers: ["X-Project-ID": "tenant-b"])
        XCTAssertEqual(otherProject.status, 403, "another project than the token's, as over REST: \(otherProject)")
        await socket.close()
    }
}
