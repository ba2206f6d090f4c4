import Catalog
import HTTPTypes
import Router
import Shared
import XCTest

/// The subscription endpoints of spec §2.4 over a real catalog and real SQLite stores.
final class SubscriptionHTTPTests: XCTestCase {
    private static let hook = "http://127.0.0.1:9/hook"

    /// Creates a subscription and returns its id.
    private static func subscribe(
        _ http: HTTPTester, _ path: String = "/v2/queues/q1/subscriptions", subscriber: String = hook,
        extra: String = ""
    ) async throws -> String {
        let reply = try await http.send(.post, path, body: "{\"subscriber\": \"\(subscriber)\"\(extra)}")
        XCTAssertEqual(reply.status, .created, reply.text)
        XCTAssertEqual(reply.headers[.location], path)
        XCTAssertEqual(reply.json?.keys, ["subscription_id"])
        return reply.json?["subscription_id"]?.stringValue ?? ""
    }

    func testLifecycleAndRepresentation() async throws {
        try await RouterHarness.run { http in
            let id = try await Self.subscribe(http, extra: #", "ttl": 600, "options": {"post_headers": {"x": "1"}}"#)
            XCTAssertFalse(id.isEmpty)
            let pool = try await http.catalog.poolName(for: QueueRef(project: "proj", name: "q1"))
            XCTAssertNotNil(pool, "POST places the queue lazily")
            let got = try await http.send(.get, "/v2/queues/q1/subscriptions/\(id)")
            XCTAssertEqual(got.status, .ok, got.text)
            XCTAssertEqual(got.json?.keys.sorted(), ["age", "confirmed", "id", "options", "source", "subscriber", "ttl"])
            XCTAssertEqual(got.json?["id"], .string(id))
            XCTAssertEqual(got.json?["source"], .string("q1"))
            XCTAssertEqual(got.json?["subscriber"], .string(Self.hook))
            XCTAssertEqual(got.json?["ttl"], .int(600))
            XCTAssertEqual(got.json?["confirmed"], .bool(false))
            XCTAssertEqual(got.json?["options"]?["post_headers"]?["x"], .string("1"))

            let defaults = try await Self.subscribe(http, subscriber: "mailto:ops@example.com?subject=hi")
            let mail = try await http.send(.get, "/v2/queues/q1/subscriptions/\(defaults)")
            XCTAssertEqual(mail.json?["ttl"], .int(3600))
            XCTAssertEqual(mail.json?["options"], .object([]))

            let deleted = try await http.send(.delete, "/v2/queues/q1/subscriptions/\(id)")
            XCTAssertEqual(deleted.status, .noContent)
            let gone = try await http.send(.get, "/v2/queues/q1/subscriptions/\(id)")
            XCTAssertEqual(gone.status, .notFound)
            XCTAssertEqual(gone.title, "Not found")
            do { let actual = try await http.send(.delete, "/v2/queues/q1/subscriptions/\(id)").status; XCTAssertEqual(actual, .noContent) }
        }
    }

    func testUnmappedQueue() async throws {
        try await RouterHarness.run { http in
            let base = "/v2/queues/nowhere/subscriptions"
            let list = try await http.send(.get, base)
            XCTAssertEqual(list.status, .ok)
            XCTAssertEqual(list.text, #"{"subscriptions":[],"links":[]}"#)
            do { let actual = try await http.send(.get, base + "/abc").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.patch, base + "/abc", body: #"{"ttl": 100}"#).status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.delete, base + "/abc").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.put, base + "/abc/confirm", body: #"{"confirmed": true}"#).status; XCTAssertEqual(actual, .notFound) }
            let count = try await http.catalog.queueCount(project: "proj")
            XCTAssertEqual(count, 0, "reads and deletes create nothing")
        }
    }

    func testPostValidationCreatesNothing() async throws {
        try await RouterHarness.run { http in
            let path = "/v2/queues/q1/subscriptions"
            let cases: [(body: String?, title: String)] = [
                (nil, "Invalid request body"),
                ("  ", "Invalid request body"),
                ("{nope", "Invalid request body"),
                ("[]", "Invalid request body"),
                (#"{"ttl": 100}"#, "Invalid request body"),
                (#"{"subscriber": 5}"#, "Invalid API request"),
                (#"{"subscriber": ""}"#, "Invalid API request"),
                (#"{"subscriber": "ftp://host/x"}"#, "Invalid API request"),
                (#"{"subscriber": "trust+http://host/x"}"#, "Invalid API request"),
                (#"{"subscriber": "http://"}"#, "Invalid API request"),
                (#"{"subscriber": "http:///path"}"#, "Invalid API request"),
                (#"{"subscriber": "http://a b/"}"#, "Invalid API request"),
                (#"{"subscriber": "mailto:nobody"}"#, "Invalid API request"),
                (#"{"subscriber": "mailto:@example.com"}"#, "Invalid API request"),
                (#"{"subscriber": "http://h/", "ttl": "60"}"#, "Invalid API request"),
                (#"{"subscriber": "http://h/", "ttl": 1.5}"#, "Invalid API request"),
                (#"{"subscriber": "http://h/", "ttl": 0}"#, "Invalid API request"),
                (#"{"subscriber": "http://h/", "ttl": 59}"#, "Invalid API request"),
                (#"{"subscriber": "http://h/", "ttl": 9223372036854775807}"#, "Invalid API request"),
                (#"{"subscriber": "http://h/", "ttl": 300000000000}"#, "Invalid API request"),
                (#"{"subscriber": "http://h/", "options": []}"#, "Invalid API request"),
                (#"{"subscriber": "http://h/", "options": "x"}"#, "Invalid API request"),
                (#"{"subscriber": "http://h/", "options": {"_retry_policy": 1}}"#, "Invalid API request"),
                (#"{"subscriber": "http://h/", "options": {"_retry_policy": {"minimum_delay": 10, "maximum_delay": 15}}}"#, "Invalid API request"),
                (#"{"subscriber": "http://h/", "options": {"_retry_policy": {"retry_backoff_function": "cubic"}}}"#, "Invalid API request"),
            ]
            for item in cases {
                let reply = try await http.send(.post, path, body: item.body)
                XCTAssertEqual(reply.status, .badRequest, "\(item.body ?? "nil"): \(reply.text)")
                XCTAssertEqual(reply.title, item.title, item.body ?? "nil")
                XCTAssertNotNil(reply.json?["description"], item.body ?? "nil")
            }
            let count = try await http.catalog.queueCount(project: "proj")
            XCTAssertEqual(count, 0, "rejected POSTs are validated before the queue is created")
            _ = try await Self.subscribe(
                http, subscriber: "https://user@example.com:8443/p?q=1",
                extra: #", "ttl": 60, "options": {"_retry_policy": {"retry_backoff_function": "geometric"}}"#)
            _ = try await Self.subscribe(http, subscriber: "HTTP://example.com")
        }
    }

    func testDuplicateSubscriberAndConfirmation() async throws {
        try await RouterHarness.run { http in
            let id = try await Self.subscribe(http)
            let again = try await Self.subscribe(http)
            XCTAssertEqual(again, id, "an unconfirmed duplicate answers 201 with the existing id")
            let confirm = try await http.send(.put, "/v2/queues/q1/subscriptions/\(id)/confirm", body: #"{"confirmed": true}"#)
            XCTAssertEqual(confirm.status, .noContent, confirm.text)
            XCTAssertEqual(confirm.headers[.location], "/v2/queues/q1/subscriptions/\(id)/confirm")
            do { let actual = try await http.send(.get, "/v2/queues/q1/subscriptions/\(id)").json?["confirmed"]; XCTAssertEqual(actual, .bool(true)) }
            let conflict = try await http.send(.post, "/v2/queues/q1/subscriptions", body: "{\"subscriber\": \"\(Self.hook)\"}")
            XCTAssertEqual(conflict.status, .conflict)
            XCTAssertEqual(conflict.title, "Resource conflict")
            let unsubscribe = try await http.send(.put, "/v2/queues/q1/subscriptions/\(id)/confirm", body: #"{"confirmed": false}"#)
            XCTAssertEqual(unsubscribe.status, .noContent)
            do { let actual = try await http.send(.get, "/v2/queues/q1/subscriptions/\(id)").json?["confirmed"]; XCTAssertEqual(actual, .bool(false)) }
            let path = "/v2/queues/q1/subscriptions/\(id)/confirm"
            for body in [nil, "{x", "[]", "{}", #"{"confirmed": "yes"}"#, #"{"confirmed": 1}"#] as [String?] {
                let reply = try await http.send(.put, path, body: body)
                XCTAssertEqual(reply.status, .badRequest, body ?? "nil")
                XCTAssertEqual(reply.title, "Invalid request body", body ?? "nil")
            }
            let unknown = try await http.send(.put, "/v2/queues/q1/subscriptions/unknown/confirm", body: #"{"confirmed": true}"#)
            XCTAssertEqual(unknown.status, .notFound)
            do { let actual = try await http.send(.post, path, body: #"{"confirmed": true}"#).status; XCTAssertEqual(actual, .methodNotAllowed) }
        }
    }

    func testPatch() async throws {
        try await RouterHarness.run { http in
            let id = try await Self.subscribe(http, extra: #", "options": {"a": 1}"#)
            let other = try await Self.subscribe(http, subscriber: "http://127.0.0.1:9/other")
            let path = "/v2/queues/q1/subscriptions/\(id)"
            let patched = try await http.send(.patch, path, body: #"{"ttl": 120, "options": {"b": 2}, "ignored": true}"#)
            XCTAssertEqual(patched.status, .noContent, patched.text)
            XCTAssertEqual(patched.headers[.location], path)
            XCTAssertTrue(patched.bytes.isEmpty)
            let got = try await http.send(.get, path)
            XCTAssertEqual(got.json?["ttl"], .int(120))
            XCTAssertEqual(got.json?["options"], .object([(key: "b", value: .int(2))]), "options are replaced wholesale")
            let moved = try await http.send(.patch, path, body: #"{"subscriber": "mailto:a@b.example"}"#)
            XCTAssertEqual(moved.status, .noContent)
            do { let actual = try await http.send(.get, path).json?["subscriber"]; XCTAssertEqual(actual, .string("mailto:a@b.example")) }
            let collision = try await http.send(.patch, path, body: #"{"subscriber": "http://127.0.0.1:9/other"}"#)
            XCTAssertEqual(collision.status, .conflict, "\(other): \(collision.text)")
            let cases: [(body: String?, title: String)] = [
                (nil, "Invalid request body"), ("", "Invalid request body"), ("{x", "Invalid request body"),
                ("[]", "Invalid request body"), ("{}", "Invalid API request"), (#"{"other": 1}"#, "Invalid API request"),
                (#"{"ttl": 0}"#, "Invalid API request"), (#"{"ttl": "1"}"#, "Invalid API request"),
                (#"{"subscriber": "gopher://x"}"#, "Invalid API request"), (#"{"options": 3}"#, "Invalid API request"),
                (#"{"options": {"_retry_policy": {"minimum_delay": 0}}}"#, "Invalid API request"),
            ]
            for item in cases {
                let reply = try await http.send(.patch, path, body: item.body)
                XCTAssertEqual(reply.status, .badRequest, item.body ?? "nil")
                XCTAssertEqual(reply.title, item.title, item.body ?? "nil")
            }
            let unknown = try await http.send(.patch, "/v2/queues/q1/subscriptions/unknown", body: #"{"ttl": 100}"#)
            XCTAssertEqual(unknown.status, .notFound)
        }
    }

    func testPaging() async throws {
        try await RouterHarness.run { http in
            var ids: [String] = []
            for index in 0..<5 {
                ids.append(try await Self.subscribe(http, subscriber: "http://127.0.0.1:9/s\(index)"))
            }
            var seen: [String] = []
            var next = "/v2/queues/q1/subscriptions?limit=2"
            for _ in 0..<5 {
                let page = try await http.send(.get, next)
                XCTAssertEqual(page.status, .ok, page.text)
                let items = page.json?["subscriptions"]?.arrayValue ?? []
                if items.isEmpty {
                    XCTAssertEqual(page.json?["links"], .array([]))
                    break
                }
                XCTAssertLessThanOrEqual(items.count, 2)
                seen += items.compactMap { $0["id"]?.stringValue }
                let href = page.json?["links"]?.arrayValue?.first?["href"]?.stringValue ?? ""
                XCTAssertEqual(href, "/v2/queues/q1/subscriptions?marker=\(seen.last ?? "")&limit=2")
                next = href
            }
            XCTAssertEqual(seen, ids.sorted(), "pages cover every subscription once, in id order (two made in one millisecond may sort either way)")
            let all = try await http.send(.get, "/v2/queues/q1/subscriptions")
            XCTAssertEqual(all.json?["subscriptions"]?.arrayValue?.count, 5)
            XCTAssertEqual(
                all.json?["links"]?.arrayValue?.first?["href"]?.stringValue,
                "/v2/queues/q1/subscriptions?marker=\(ids[4])", "limit is only repeated when it was given")
            for limit in ["0", "21", "x", "-1"] {
                let reply = try await http.send(.get, "/v2/queues/q1/subscriptions?limit=\(limit)")
                XCTAssertEqual(reply.status, .badRequest, limit)
            }
            do { let actual = try await http.send(.get, "/v2/queues/q1/subscriptions?limit=20").status; XCTAssertEqual(actual, .ok) }
        }
    }

    func testPurgeSubscriptions() async throws {
        try await RouterHarness.run { http in
            _ = try await Self.subscribe(http)
            _ = try await http.post("q1", bodies: ["1"])
            let purge = try await http.send(.post, "/v2/queues/q1/purge", body: #"{"resource_types": ["subscriptions"]}"#)
            XCTAssertEqual(purge.status, .noContent)
            do { let actual = try await http.send(.get, "/v2/queues/q1/subscriptions").json?["subscriptions"]; XCTAssertEqual(actual, .array([])) }
            let stats = try await http.send(.get, "/v2/queues/q1/stats")
            XCTAssertEqual(stats.json?["messages"]?["total"], .int(1), "purging subscriptions keeps the messages")
            _ = try await Self.subscribe(http)
            _ = try await http.send(.post, "/v2/queues/q1/purge", body: #"{"resource_types": ["messages"]}"#)
            do { let actual = try await http.send(.get, "/v2/queues/q1/subscriptions").json?["subscriptions"]?.arrayValue?.count; XCTAssertEqual(actual, 1) }
            _ = try await http.send(.post, "/v2/queues/q1/purge")
            do { let actual = try await http.send(.get, "/v2/queues/q1/subscriptions").json?["subscriptions"]?.arrayValue?.count; XCTAssertEqual(actual, 0) }
        }
    }

    func testTopicSubscriptionsAreSeparateFromQueues() async throws {
        try await RouterHarness.run { http in
            let topicPath = "/v2/topics/shared/subscriptions"
            let topicID = try await Self.subscribe(http, topicPath)
            let topicRef = TopicNamespace.queueRef(project: "proj", topic: "shared")
            let topicPool = try await http.catalog.poolName(for: topicRef)
            XCTAssertNotNil(topicPool, "the topic is placed under its namespaced ref")
            let queuePool = try await http.catalog.poolName(for: QueueRef(project: "proj", name: "shared"))
            XCTAssertNil(queuePool, "no queue of the same name appears")
            do { let actual = try await http.send(.get, "/v2/queues/shared/subscriptions").json?["subscriptions"]; XCTAssertEqual(actual, .array([])) }
            let got = try await http.send(.get, "\(topicPath)/\(topicID)")
            XCTAssertEqual(got.status, .ok)
            XCTAssertEqual(got.json?["source"], .string("shared"))
            let queueID = try await Self.subscribe(http, "/v2/queues/shared/subscriptions")
            XCTAssertNotEqual(queueID, "")
            do { let actual = try await http.send(.get, topicPath).json?["subscriptions"]?.arrayValue?.count; XCTAssertEqual(actual, 1) }
            let confirm = try await http.send(.put, "\(topicPath)/\(topicID)/confirm", body: #"{"confirmed": true}"#)
            XCTAssertEqual(confirm.status, .noContent)
            let bad = try await http.send(.get, "/v2/topics/bad%20name/subscriptions")
            XCTAssertEqual(bad.status, .badRequest)
            XCTAssertEqual(bad.title, "Invalid topic identification")
        }
    }

    func testOverTheNodeRPC() async throws {
        try await RouterHarness.run(pools: 0) { http in
            let node = try await http.nodes.startNode()
            try await http.catalog.upsertPool(Pool(name: "remote", uri: node.uri, weight: 100))
            let id = try await Self.subscribe(http, extra: #", "ttl": 300, "options": {"post_data": "$zaqar_message$"}"#)
            let stored = try await node.store.getSubscription(QueueRef(project: "proj", name: "q1"), id: id)
            XCTAssertEqual(stored?.subscriber, Self.hook, "the subscription lives on the node behind the RPC")
            let path = "/v2/queues/q1/subscriptions/\(id)"
            do { let actual = try await http.send(.patch, path, body: #"{"ttl": 90}"#).status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.put, path + "/confirm", body: #"{"confirmed": true}"#).status; XCTAssertEqual(actual, .noContent) }
            let got = try await http.send(.get, path)
            XCTAssertEqual(got.json?["ttl"], .int(90))
            XCTAssertEqual(got.json?["confirmed"], .bool(true))
            XCTAssertEqual(got.json?["options"]?["post_data"], .string("$zaqar_message$"))
            let conflict = try await http.send(.post, "/v2/queues/q1/subscriptions", body: "{\"subscriber\": \"\(Self.hook)\"}")
            XCTAssertEqual(conflict.status, .conflict, "typed conflicts cross the RPC")
            do { let actual = try await http.send(.patch, "/v2/queues/q1/subscriptions/nope", body: #"{"ttl": 90}"#).status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.get, "/v2/queues/q1/subscriptions").json?["subscriptions"]?.arrayValue?.count; XCTAssertEqual(actual, 1) }
            do { let actual = try await http.send(.delete, path).status; XCTAssertEqual(actual, .noContent) }
            let gone = try await node.store.getSubscription(QueueRef(project: "proj", name: "q1"), id: id)
            XCTAssertNil(gone)
        }
    }

    func testMethodsSizesAndHomeDocument() async throws {
        try await RouterHarness.run { http in
            let wrong: [(HTTPRequest.Method, String, String)] = [
                (.put, "/v2/queues/q1/subscriptions", "GET, POST, OPTIONS"),
                (.post, "/v2/queues/q1/subscriptions/s1", "GET, PATCH, DELETE, OPTIONS"),
                (.get, "/v2/topics/t1/subscriptions/s1/confirm", "PUT, OPTIONS"),
            ]
            for (method, path, allow) in wrong {
                let reply = try await http.send(method, path)
                XCTAssertEqual(reply.status, .methodNotAllowed, path)
                XCTAssertEqual(reply.headers[.allow], allow, path)
            }
            let huge = "{\"subscriber\": \"http://h/\", \"options\": {\"x\": \"\(String(repeating: "y", count: 70_000))\"}}"
            let tooLarge = try await http.send(.post, "/v2/queues/q1/subscriptions", body: huge)
            XCTAssertEqual(tooLarge.status, .badRequest)
            let badName = try await http.send(.get, "/v2/queues/bad*name/subscriptions")
            XCTAssertEqual(badName.title, "Invalid queue identification")
            let home = try await http.send(.get, "/v2/")
            let resources = home.json?["resources"]
            XCTAssertEqual(
                resources?["rel/subscriptions_get"]?["href-template"], .string("/v2/queues/{queue_name}/subscriptions{?marker,limit}"))
            XCTAssertEqual(resources?["rel/subscriptions_post"]?["hints"]?["allow"], .array([.string("POST")]))
            XCTAssertEqual(resources?["rel/subscription"]?["hints"]?["allow"], .array([.string("GET"), .string("DELETE")]))
            XCTAssertEqual(resources?["rel/subscription_patch"]?["hints"]?["allow"], .array([.string("PATCH")]))
        }
    }
}
