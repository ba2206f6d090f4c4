import HTTPTypes
import Router
import Shared
import XCTest

final class QueueHTTPTests: XCTestCase {
    private static let patchType: HTTPFields = [.contentType: "application/openstack-messaging-v2.0-json-patch"]

    func testQueueLifecycle() async throws {
        try await RouterHarness.run { http in
            let created = try await http.send(.put, "/v2/queues/q1", body: #"{"color": "blue", "_default_message_ttl": 120}"#)
            XCTAssertEqual(created.status, .created)
            XCTAssertEqual(created.headers[.location], "/v2/queues/q1")
            XCTAssertTrue(created.bytes.isEmpty)
            let again = try await http.send(.put, "/v2/queues/q1", body: #"{"color": "red"}"#)
            XCTAssertEqual(again.status, .noContent)
            let metadata = try await http.send(.get, "/v2/queues/q1")
            XCTAssertEqual(metadata.status, .ok)
            XCTAssertEqual(metadata.json?["color"], .string("blue"), "PUT on an existing queue ignores its body")
            XCTAssertEqual(metadata.json?["_default_message_ttl"], .int(120))
            XCTAssertEqual(metadata.json?["_max_messages_post_size"], .int(262_144))
            XCTAssertEqual(metadata.json?["_dead_letter_queue"], .null)
            XCTAssertEqual(metadata.json?["_enable_encrypt_messages"], .bool(false))
            XCTAssertEqual(metadata.json?.keys.count, 8)
            let pool = try await http.catalog.poolName(for: QueueRef(project: "proj", name: "q1"))
            XCTAssertNotNil(pool)
            do { let actual = try await http.send(.delete, "/v2/queues/q1").status; XCTAssertEqual(actual, .noContent) }
            let unregistered = try await http.catalog.poolName(for: QueueRef(project: "proj", name: "q1"))
            XCTAssertNil(unregistered)
            let defaults = try await http.send(.get, "/v2/queues/q1")
            XCTAssertEqual(defaults.status, .ok)
            XCTAssertNil(defaults.json?["color"])
            XCTAssertEqual(defaults.json?["_default_message_ttl"], .int(3600))
            do { let actual = try await http.send(.delete, "/v2/queues/never").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.put, "/v2/queues/q1").status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.get, "/v2/queues/q1").json?["color"]; XCTAssertEqual(actual, nil) }
        }
    }

    func testQueuesAreScopedByProject() async throws {
        try await RouterHarness.run { http in
            do { let actual = try await http.send(.put, "/v2/queues/shared", body: #"{"owner": "a"}"#, project: "a").status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.put, "/v2/queues/shared", body: #"{"owner": "b"}"#, project: "b").status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.get, "/v2/queues/shared", project: "a").json?["owner"]; XCTAssertEqual(actual, .string("a")) }
            do { let actual = try await http.send(.get, "/v2/queues/shared", project: "b").json?["owner"]; XCTAssertEqual(actual, .string("b")) }
        }
    }

    func testPutValidation() async throws {
        var configuration = RouterConfiguration()
        configuration.limits.maxQueueMetadata = 64
        try await RouterHarness.run(configuration: configuration) { http in
            let tooLarge = try await http.send(.put, "/v2/queues/q1", body: "{\"k\": \"\(String(repeating: "x", count: 80))\"}")
            XCTAssertEqual(tooLarge.status, .badRequest)
            XCTAssertEqual(tooLarge.title, "Invalid API request")
            let notJSON = try await http.send(.put, "/v2/queues/q1", body: "{nope")
            XCTAssertEqual(notJSON.status, .badRequest)
            XCTAssertEqual(notJSON.title, "Invalid request body")
            let array = try await http.send(.put, "/v2/queues/q1", body: "[]")
            XCTAssertEqual(array.status, .badRequest)
            XCTAssertEqual(array.json?["description"], .string("Document type not supported."))
            do { let actual = try await http.send(.put, "/v2/queues/q1", body: "123").status; XCTAssertEqual(actual, .badRequest) }
            let hugeInt = try await http.send(.put, "/v2/queues/q1", body: #"{"a": 99999999999999999999}"#)
            XCTAssertEqual(hugeInt.status, .badRequest)
            let reserved = try await http.send(.put, "/v2/queues/q1", body: #"{"_default_message_ttl": true}"#)
            XCTAssertEqual(reserved.status, .badRequest)
            XCTAssertEqual(reserved.title, "Invalid API request")
            do { let actual = try await http.send(.put, "/v2/queues/q1", body: #"{"_max_claim_count": 0}"#).status; XCTAssertEqual(actual, .badRequest) }
            do { let actual = try await http.send(.put, "/v2/queues/q1", body: #"{"_enable_encrypt_messages": "yes"}"#).status; XCTAssertEqual(actual, .badRequest) }
            let created = try await http.catalog.queueCount(project: "proj")
            XCTAssertEqual(created, 0, "rejected PUTs create nothing")
            do { let actual = try await http.send(.put, "/v2/queues/q1", body: "  ").status; XCTAssertEqual(actual, .created) }
        }
    }

    func testPatchOperations() async throws {
        try await RouterHarness.run { http in
            let patch = Self.patchType
            do { let actual = try await http.send(.patch, "/v2/queues/q1", body: "[]", headers: patch).status; XCTAssertEqual(actual, .notFound) }
            try await http.send(.put, "/v2/queues/q1", body: #"{"a": 1, "b": "x"}"#)
            let reply = try await http.send(.patch, "/v2/queues/q1", body: """
                [{"op": "add", "path": "/metadata/c", "value": [1, 2]},
                 {"op": "replace", "path": "/metadata/a", "value": 2},
                 {"op": "remove", "path": "/metadata/b"},
                 {"op": "replace", "path": "/metadata/_default_message_ttl", "value": 300},
                 {"op": "remove", "path": "/metadata/_max_claim_count"},
                 {"op": "add", "path": "/metadata/we~1ird", "value": true}]
                """, headers: patch)
            XCTAssertEqual(reply.status, .ok, reply.text)
            XCTAssertEqual(reply.json?["a"], .int(2))
            XCTAssertNil(reply.json?["b"])
            XCTAssertEqual(reply.json?["c"], .array([.int(1), .int(2)]))
            XCTAssertEqual(reply.json?["we/ird"], .bool(true))
            XCTAssertEqual(reply.json?["_default_message_ttl"], .int(300))
            XCTAssertEqual(reply.json?["_max_claim_count"], .null)
            let stored = try await http.send(.get, "/v2/queues/q1")
            XCTAssertEqual(stored.json, reply.json)

            let conflict = try await http.send(
                .patch, "/v2/queues/q1", body: #"[{"op": "replace", "path": "/metadata/missing", "value": 1}]"#, headers: patch)
            XCTAssertEqual(conflict.status, .conflict)
            XCTAssertEqual(conflict.title, "Resource conflict")
            do { let actual = try await http.send(
                .patch, "/v2/queues/q1", body: #"[{"op": "remove", "path": "/metadata/missing"}]"#, headers: patch).status; XCTAssertEqual(actual, .conflict) }
            let invalidReserved = try await http.send(
                .patch, "/v2/queues/q1", body: #"[{"op": "add", "path": "/metadata/_default_message_delay", "value": 901}]"#,
                headers: patch)
            XCTAssertEqual(invalidReserved.status, .badRequest)
            do { let actual = try await http.send(.get, "/v2/queues/q1").json?["_default_message_delay"]; XCTAssertEqual(actual, .int(0)) }
        }
    }

    func testPatchRequestValidation() async throws {
        try await RouterHarness.run { http in
            try await http.send(.put, "/v2/queues/q1")
            let wrongType = try await http.send(
                .patch, "/v2/queues/q1", body: "[]", headers: [.contentType: "application/json"])
            XCTAssertEqual(wrongType.status, .unsupportedMediaType)
            XCTAssertEqual(wrongType.title, "415 Unsupported Media Type")
            let withCharset = try await http.send(
                .patch, "/v2/queues/q1", body: "[]",
                headers: [.contentType: "application/openstack-messaging-v2.0-json-patch; charset=utf-8"])
            XCTAssertEqual(withCharset.status, .unsupportedMediaType)
            let patch = Self.patchType
            do { let actual = try await http.send(.patch, "/v2/queues/q1", headers: patch).status; XCTAssertEqual(actual, .badRequest) }
            do { let actual = try await http.send(.patch, "/v2/queues/q1", body: "{}", headers: patch).status; XCTAssertEqual(actual, .badRequest) }
            do { let actual = try await http.send(.patch, "/v2/queues/q1", body: "[{", headers: patch).status; XCTAssertEqual(actual, .badRequest) }
            for bad in [
                #"[{"op": "copy", "path": "/metadata/a", "value": 1}]"#,
                #"[{"op": "add", "path": "metadata/a", "value": 1}]"#,
                #"[{"op": "add", "path": "/metadata/a"}]"#,
                #"[{"op": "remove", "path": "/other/a"}]"#,
                #"[{"op": "add", "path": "/metadata/a/b", "value": 1}]"#,
                #"[{"op": "add", "path": "/metadata/a~2", "value": 1}]"#,
                #"["add"]"#,
            ] {
                let reply = try await http.send(.patch, "/v2/queues/q1", body: bad, headers: patch)
                XCTAssertEqual(reply.status, .badRequest, bad)
            }
            let large = "[{\"op\": \"add\", \"path\": \"/metadata/a\", \"value\": \"\(String(repeating: "x", count: 70_000))\"}]"
            let tooLarge = try await http.send(.patch, "/v2/queues/q1", body: large, headers: patch)
            XCTAssertEqual(tooLarge.status, .badRequest)
            XCTAssertEqual(tooLarge.title, "Invalid request body")
        }
    }

    func testListingPagingDetailedAndCount() async throws {
        try await RouterHarness.run { http in
            for index in 1...5 {
                try await http.send(.put, "/v2/queues/q\(index)", body: "{\"n\": \(index), \"kind\": \"\(index % 2 == 0 ? "even" : "odd")\"}")
            }
            try await http.send(.put, "/v2/queues/other", project: "elsewhere")
            let first = try await http.send(.get, "/v2/queues?limit=2&detailed=true&with_count=true")
            XCTAssertEqual(first.status, .ok)
            let queues = first.json?["queues"]?.arrayValue ?? []
            XCTAssertEqual(queues.map { $0["name"] }, [.string("q1"), .string("q2")])
            XCTAssertEqual(queues.first?["href"], .string("/v2/queues/q1"))
            XCTAssertEqual(queues.first?["metadata"]?["n"], .int(1))
            XCTAssertEqual(queues.first?["metadata"]?["_default_message_ttl"], .int(3600))
            XCTAssertEqual(first.json?["count"], .int(5))
            let next = first.json?["links"]?.arrayValue?.first
            XCTAssertEqual(next?["rel"], .string("next"))
            XCTAssertEqual(next?["href"], .string("/v2/queues?marker=q2&limit=2&detailed=true&with_count=true"))

            let second = try await http.send(.get, next?["href"]?.stringValue ?? "")
            XCTAssertEqual(second.json?["queues"]?.arrayValue?.map { $0["name"] }, [.string("q3"), .string("q4")])
            let last = try await http.send(.get, "/v2/queues?marker=q4&limit=2")
            XCTAssertEqual(last.json?["queues"]?.arrayValue?.count, 1)
            XCTAssertNil(last.json?["queues"]?.arrayValue?.first?["metadata"])
            XCTAssertEqual(last.json?["links"]?.arrayValue?.count, 1, "next link present on a non-empty page")
            let empty = try await http.send(.get, "/v2/queues?marker=q5")
            XCTAssertEqual(empty.text, #"{"queues":[],"links":[]}"#)
            let emptyCount = try await http.send(.get, "/v2/queues?with_count=true", project: "nobody")
            XCTAssertNil(emptyCount.json?["count"], "count omitted when zero")
            let defaultPage = try await http.send(.get, "/v2/queues")
            XCTAssertEqual(defaultPage.json?["queues"]?.arrayValue?.count, 5)
            XCTAssertEqual(defaultPage.json?["links"]?.arrayValue?.first?["href"], .string("/v2/queues?marker=q5"))
        }
    }

    func testListingFilters() async throws {
        try await RouterHarness.run { http in
            for index in 1...6 {
                try await http.send(.put, "/v2/queues/q\(index)", body: "{\"n\": \(index), \"kind\": \"\(index % 2 == 0 ? "even" : "odd")\"}")
            }
            try await http.send(.put, "/v2/queues/special")
            let even = try await http.send(.get, "/v2/queues?kind=even&limit=2")
            XCTAssertEqual(even.json?["queues"]?.arrayValue?.map { $0["name"] }, [.string("q2"), .string("q4")])
            XCTAssertEqual(even.json?["links"]?.arrayValue?.first?["href"], .string("/v2/queues?marker=q4&limit=2"),
                           "filters are not carried into the next link")
            let number = try await http.send(.get, "/v2/queues?n=3")
            XCTAssertEqual(number.json?["queues"]?.arrayValue?.map { $0["name"] }, [.string("q3")])
            let named = try await http.send(.get, "/v2/queues?name=pec")
            XCTAssertEqual(named.json?["queues"]?.arrayValue?.map { $0["name"] }, [.string("special")])
            XCTAssertEqual(named.json?["links"]?.arrayValue?.first?["href"], .string("/v2/queues?marker=special&name=pec"))
            let none = try await http.send(.get, "/v2/queues?kind=none")
            XCTAssertEqual(none.json?["queues"]?.arrayValue?.count, 0)
        }
    }

    func testListingValidation() async throws {
        try await RouterHarness.run { http in
            for query in ["limit=0", "limit=21", "limit=-1"] {
                let reply = try await http.send(.get, "/v2/queues?\(query)")
                XCTAssertEqual(reply.status, .badRequest, query)
                XCTAssertEqual(reply.title, "Invalid API request", query)
            }
            for query in ["limit=abc", "detailed=yes!", "with_count=TRUE"] {
                let reply = try await http.send(.get, "/v2/queues?\(query)")
                XCTAssertEqual(reply.status, .badRequest, query)
                XCTAssertEqual(reply.title, "Invalid parameter", query)
            }
            do { let actual = try await http.send(.get, "/v2/queues?limit=").status; XCTAssertEqual(actual, .ok, "blank values are ignored") }
        }
    }

    func testStatsAndPurge() async throws {
        try await RouterHarness.run { http in
            let missing = try await http.send(.get, "/v2/queues/ghost/stats")
            XCTAssertEqual(missing.status, .ok)
            XCTAssertEqual(missing.text, #"{"messages":{"claimed":0,"free":0,"total":0}}"#)
            let ids = try await http.post("q1", bodies: ["1", "2", "3"])
            let claim = try await http.send(.post, "/v2/queues/q1/claims?limit=1")
            XCTAssertEqual(claim.status, .created)
            let stats = try await http.send(.get, "/v2/queues/q1/stats")
            XCTAssertEqual(stats.json?["messages"]?["free"], .int(2))
            XCTAssertEqual(stats.json?["messages"]?["claimed"], .int(1))
            XCTAssertEqual(stats.json?["messages"]?["total"], .int(3))
            XCTAssertEqual(stats.json?["messages"]?["oldest"]?["href"], .string("/v2/queues/q1/messages/\(ids[0])"))
            XCTAssertEqual(stats.json?["messages"]?["newest"]?["href"], .string("/v2/queues/q1/messages/\(ids[2])"))
            let created = stats.json?["messages"]?["oldest"]?["created"]?.stringValue ?? ""
            XCTAssertEqual(created.count, 20)
            XCTAssertTrue(created.hasSuffix("Z"))

            for bad in [#"{}"#, #"{"resource_types": ["queues"]}"#, #"{"resource_types": "messages"}"#, "[1]", "nope"] {
                do { let actual = try await http.send(.post, "/v2/queues/q1/purge", body: bad).status; XCTAssertEqual(actual, .badRequest, bad) }
            }
            let purgedsubscriptions = try await http.send(.post, "/v2/queues/q1/purge", body: #"{"resource_types": ["subscriptions"]}"#)
            XCTAssertEqual(purgedsubscriptions.status, .noContent)
            do { let actual = try await http.send(.get, "/v2/queues/q1/stats").json?["messages"]?["total"]; XCTAssertEqual(actual, .int(3)) }
            let purgedmessages = try await http.send(.post, "/v2/queues/q1/purge", body: #"{"resource_types": ["messages"]}"#)
            XCTAssertEqual(purgedmessages.status, .noContent)
            do { let actual = try await http.send(.get, "/v2/queues/q1/stats").json?["messages"]?["total"]; XCTAssertEqual(actual, .int(0)) }
            _ = try await http.post("q1", bodies: ["4"])
            do { let actual = try await http.send(.post, "/v2/queues/q1/purge").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.get, "/v2/queues/q1/stats").json?["messages"]?["total"]; XCTAssertEqual(actual, .int(0)) }
            do { let actual = try await http.send(.post, "/v2/queues/ghost/purge").status; XCTAssertEqual(actual, .noContent) }
        }
    }
}
