import HTTPTypes
import Router
import Shared
import XCTest

/// The topic endpoints of spec §2.5: queue-like, in a namespace of their own, without claims.
final class TopicHTTPTests: XCTestCase {
    private static let patchType: HTTPFields = [.contentType: "application/openstack-messaging-v2.0-json-patch"]

    func testCrudAndMetadataDefaults() async throws {
        try await RouterHarness.run { http in
            let created = try await http.send(.put, "/v2/topics/t1", body: #"{"color": "blue", "_default_message_ttl": 120}"#)
            XCTAssertEqual(created.status, .created, created.text)
            XCTAssertEqual(created.headers[.location], "/v2/topics/t1")
            do { let actual = try await http.send(.put, "/v2/topics/t1").status; XCTAssertEqual(actual, .noContent) }
            let metadata = try await http.send(.get, "/v2/topics/t1")
            XCTAssertEqual(metadata.status, .ok)
            XCTAssertEqual(
                metadata.json?.keys.sorted(),
                ["_default_message_delay", "_default_message_ttl", "_max_messages_post_size", "color"],
                "only the three message defaults are filled in")
            XCTAssertEqual(metadata.json?["_default_message_ttl"], .int(120))
            let missing = try await http.send(.get, "/v2/topics/none")
            XCTAssertEqual(missing.status, .ok)
            XCTAssertEqual(missing.json?.keys.count, 3)
            let bad = try await http.send(.put, "/v2/topics/t1", body: #"{"_default_message_ttl": "x"}"#)
            XCTAssertEqual(bad.status, .badRequest)

            let patch = Self.patchType
            let replaced = try await http.send(
                .patch, "/v2/topics/t1",
                body: #"[{"op": "replace", "path": "/metadata/_default_message_delay", "value": 5}]"#, headers: patch)
            XCTAssertEqual(replaced.status, .ok, replaced.text)
            XCTAssertEqual(replaced.json?["_default_message_delay"], .int(5))
            XCTAssertNil(replaced.json?["_max_claim_count"])
            let notReserved = try await http.send(
                .patch, "/v2/topics/t1", body: #"[{"op": "remove", "path": "/metadata/_max_claim_count"}]"#, headers: patch)
            XCTAssertEqual(notReserved.status, .conflict, "only the three topic defaults are reserved")
            let missingTopic = try await http.send(.patch, "/v2/topics/none", body: "[]", headers: patch)
            XCTAssertEqual(missingTopic.status, .notFound)

            do { let actual = try await http.send(.delete, "/v2/topics/t1").status; XCTAssertEqual(actual, .noContent) }
            let gone = try await http.send(.get, "/v2/topics/t1")
            XCTAssertNil(gone.json?["color"])
            let invalid = try await http.send(.put, "/v2/topics/bad*name")
            XCTAssertEqual(invalid.status, .badRequest)
            XCTAssertEqual(invalid.title, "Invalid topic identification")
        }
    }

    func testTopicsAndQueuesAreSeparate() async throws {
        try await RouterHarness.run { http in
            do { let actual = try await http.send(.put, "/v2/topics/shared", body: #"{"owner": "topic"}"#).status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.put, "/v2/queues/shared", body: #"{"owner": "queue"}"#).status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.put, "/v2/topics/only-topic").status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.get, "/v2/topics/shared").json?["owner"]; XCTAssertEqual(actual, .string("topic")) }
            do { let actual = try await http.send(.get, "/v2/queues/shared").json?["owner"]; XCTAssertEqual(actual, .string("queue")) }
            _ = try await http.send(.post, "/v2/topics/shared/messages", body: #"{"messages": [{"body": 1}, {"body": 2}]}"#)
            _ = try await http.post("shared", bodies: ["3"])
            do { let actual = try await http.send(.get, "/v2/topics/shared/stats").json?["messages"]?["total"]; XCTAssertEqual(actual, .int(2)) }
            do { let actual = try await http.send(.get, "/v2/queues/shared/stats").json?["messages"]?["total"]; XCTAssertEqual(actual, .int(1)) }

            let queues = try await http.send(.get, "/v2/queues")
            XCTAssertEqual(queues.json?["queues"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["shared"])
            let topics = try await http.send(.get, "/v2/topics?detailed=true")
            XCTAssertEqual(topics.status, .ok, topics.text)
            let entries = topics.json?["topics"]?.arrayValue ?? []
            XCTAssertEqual(entries.compactMap { $0["name"]?.stringValue }, ["only-topic", "shared"])
            XCTAssertEqual(entries.last?["href"], .string("/v2/topics/shared"))
            XCTAssertEqual(entries.last?["metadata"]?["owner"], .string("topic"))
            XCTAssertEqual(entries.last?["metadata"]?.keys.count, 4)
            XCTAssertEqual(
                topics.json?["links"]?.arrayValue?.first?["href"], .string("/v2/topics?marker=shared&detailed=true"))
            let paged = try await http.send(.get, "/v2/topics?limit=1&name=only")
            XCTAssertEqual(paged.json?["topics"]?.arrayValue?.count, 1)
            let counted = try await http.send(.get, "/v2/topics?with_count=true")
            XCTAssertEqual(counted.json?["topics"], .array([]), "with_count is a metadata filter on topics")
            XCTAssertNil(counted.json?["count"])
            do { let actual = try await http.send(.get, "/v2/topics?limit=21").status; XCTAssertEqual(actual, .badRequest) }

            _ = try await http.send(.delete, "/v2/topics/shared")
            do { let actual = try await http.send(.get, "/v2/queues/shared").json?["owner"]; XCTAssertEqual(actual, .string("queue")) }
        }
    }

    func testStatsShape() async throws {
        try await RouterHarness.run { http in
            let missing = try await http.send(.get, "/v2/topics/none/stats")
            XCTAssertEqual(missing.status, .ok)
            XCTAssertEqual(missing.json?["messages"]?.keys, ["claimed", "free", "total"])
            do { let actual = try await http.send(.put, "/v2/topics/t1").status; XCTAssertEqual(actual, .created) }
            let empty = try await http.send(.get, "/v2/topics/t1/stats")
            XCTAssertEqual(empty.json?["messages"]?.keys, ["total"])
            let posted = try await http.send(.post, "/v2/topics/t1/messages", body: #"{"messages": [{"body": 1}]}"#)
            let id = posted.json?["resources"]?.arrayValue?.first?.stringValue?.split(separator: "/").last.map(String.init) ?? ""
            let stats = try await http.send(.get, "/v2/topics/t1/stats")
            XCTAssertEqual(stats.json?["messages"]?.keys, ["total", "oldest", "newest"])
            XCTAssertEqual(stats.json?["messages"]?["oldest"]?["href"], .string("/v2/topics/t1/messages/\(id)"))
        }
    }

    func testMessagesPopPurgeAndNoClaims() async throws {
        try await RouterHarness.run { http in
            let posted = try await http.send(.post, "/v2/topics/t1/messages", body: #"{"messages": [{"body": "a"}, {"body": "b"}, {"body": "c"}]}"#)
            XCTAssertEqual(posted.status, .created, posted.text)
            let hrefs = posted.json?["resources"]?.arrayValue?.compactMap(\.stringValue) ?? []
            XCTAssertEqual(hrefs.count, 3)
            XCTAssertTrue(hrefs.allSatisfy { $0.hasPrefix("/v2/topics/t1/messages/") }, "\(hrefs)")
            let topicPool = try await http.catalog.poolName(for: TopicNamespace.queueRef(project: "proj", topic: "t1"))
            XCTAssertNotNil(topicPool, "posting places the topic lazily")
            let ids = hrefs.compactMap { $0.split(separator: "/").last.map(String.init) }

            let list = try await http.send(.get, "/v2/topics/t1/messages?echo=true")
            XCTAssertEqual(list.status, .ok)
            let listed = list.json?["messages"]?.arrayValue ?? []
            XCTAssertEqual(listed.count, 3)
            XCTAssertEqual(listed.first?["href"], .string("/v2/topics/t1/messages/\(ids[0])"))
            XCTAssertTrue(list.json?["links"]?.arrayValue?.first?["href"]?.stringValue?.hasPrefix("/v2/topics/t1/messages?") ?? false)
            let one = try await http.send(.get, "/v2/topics/t1/messages/\(ids[1])")
            XCTAssertEqual(one.json?["body"], .string("b"))
            XCTAssertEqual(one.json?["href"], .string("/v2/topics/t1/messages/\(ids[1])"))
            do { let actual = try await http.send(.get, "/v2/queues/t1/messages/\(ids[1])").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.delete, "/v2/topics/t1/messages/\(ids[1])").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.get, "/v2/topics/t1/messages/\(ids[1])").status; XCTAssertEqual(actual, .notFound) }
            let popped = try await http.send(.delete, "/v2/topics/t1/messages?pop=1")
            XCTAssertEqual(popped.status, .ok)
            XCTAssertEqual(popped.json?["messages"]?.arrayValue?.first?["body"], .string("a"))
            do { let actual = try await http.send(.get, "/v2/topics/t1/stats").json?["messages"]?["total"]; XCTAssertEqual(actual, .int(1)) }
            do { let actual = try await http.send(.delete, "/v2/topics/t1/messages?ids=\(ids[2])").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.get, "/v2/topics/t1/stats").json?["messages"]?["total"]; XCTAssertEqual(actual, .int(0)) }

            // Topics have no claims: the claim paths are not routed at all (404, not 405).
            do { let actual = try await http.send(.post, "/v2/topics/t1/claims", body: "{}").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.get, "/v2/topics/t1/claims/abc").status; XCTAssertEqual(actual, .notFound) }
            do { let actual = try await http.send(.put, "/v2/topics/t1/messages").status; XCTAssertEqual(actual, .methodNotAllowed) }

            _ = try await http.send(.post, "/v2/topics/t1/messages", body: #"{"messages": [{"body": 1}]}"#)
            let purged = try await http.send(.post, "/v2/topics/t1/purge", body: #"{"resource_types": ["messages"]}"#)
            XCTAssertEqual(purged.status, .noContent)
            do { let actual = try await http.send(.get, "/v2/topics/t1/stats").json?["messages"]?["total"]; XCTAssertEqual(actual, .int(0)) }
        }
    }
}
