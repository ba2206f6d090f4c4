@testable import Router
import Shared
import XCTest

final class QueryParametersTests: XCTestCase {
    func testBooleansAcceptExactlyTheSpecifiedSpellings() throws {
        for text in ["true", "True", "t", "y", "yes", "on", "1"] {
            XCTAssertEqual(QueryParameters.parseBool(text), true, text)
        }
        for text in ["false", "False", "f", "n", "no", "off", "0"] {
            XCTAssertEqual(QueryParameters.parseBool(text), false, text)
        }
        for text in ["TRUE", "FALSE", "2", "yes ", "ja"] {
            XCTAssertNil(QueryParameters.parseBool(text), text)
        }
    }

    func testIntegersArePlainDecimal() {
        XCTAssertEqual(QueryParameters.parseInt("15"), 15)
        XCTAssertEqual(QueryParameters.parseInt("-3"), -3)
        XCTAssertEqual(QueryParameters.parseInt("+4"), 4)
        XCTAssertNil(QueryParameters.parseInt("1.5"))
        XCTAssertNil(QueryParameters.parseInt("0x10"))
        XCTAssertNil(QueryParameters.parseInt("abc"))
        XCTAssertNil(QueryParameters.parseInt("-"))
        XCTAssertNil(QueryParameters.parseInt("99999999999999999999999"))
    }

    func testBlankValuesAreAbsentAndListsSplit() throws {
        let query = QueryParameters("ids=&limit=5&ids2=a,b&ids2=c&name=a%20b+c&flag")
        XCTAssertFalse(query.contains("ids"))
        XCTAssertNil(query.list("ids"))
        XCTAssertEqual(try query.int("limit"), 5)
        XCTAssertEqual(query.list("ids2"), ["a", "b", "c"])
        XCTAssertEqual(query.string("name"), "a b c")
        XCTAssertFalse(query.contains("flag"))
    }

    func testTypedAccessorsThrowInvalidParameter() {
        let query = QueryParameters("limit=ten&echo=TRUE")
        XCTAssertThrowsError(try query.int("limit")) { error in
            XCTAssertEqual((error as? APIError)?.title, "Invalid parameter")
        }
        XCTAssertThrowsError(try query.bool("echo")) { error in
            XCTAssertEqual((error as? APIError)?.status, .badRequest)
        }
    }

    func testPercentEncodingRoundTrip() {
        XCTAssertEqual(PercentEncoding.encode("a b/é"), "a%20b%2F%C3%A9")
        XCTAssertEqual(PercentEncoding.decode("a%20b%2F%C3%A9"), "a b/é")
        XCTAssertEqual(PercentEncoding.decode("100%"), "100%")
    }

    func testNextLinkBuilder() {
        var builder = QueryStringBuilder()
        XCTAssertEqual(builder.href(path: "/v2/queues"), "/v2/queues")
        builder.add("marker", "q 3")
        builder.add("limit", 2)
        builder.add("detailed", true)
        XCTAssertEqual(builder.href(path: "/v2/queues"), "/v2/queues?marker=q%203&limit=2&detailed=true")
    }
}

final class ValidationTests: XCTestCase {
    func testQueueNames() {
        XCTAssertTrue(Validation.isValidQueueName("Service.test_queue-1"))
        XCTAssertTrue(Validation.isValidQueueName(String(repeating: "a", count: 64)))
        XCTAssertFalse(Validation.isValidQueueName(String(repeating: "a", count: 65)))
        XCTAssertFalse(Validation.isValidQueueName(""))
        XCTAssertFalse(Validation.isValidQueueName("with space"))
        XCTAssertFalse(Validation.isValidQueueName("é"))
        XCTAssertFalse(Validation.isValidQueueName("a/b"))
    }

    func testLenientUUIDParsing() {
        XCTAssertTrue(Validation.isValidUUID("3381af92-2b9e-11e3-b191-71861300734c"))
        XCTAssertTrue(Validation.isValidUUID("3381af922b9e11e3b19171861300734c"))
        XCTAssertTrue(Validation.isValidUUID("{3381AF92-2B9E-11E3-B191-71861300734C}"))
        XCTAssertTrue(Validation.isValidUUID("urn:uuid:3381af92-2b9e-11e3-b191-71861300734c"))
        XCTAssertFalse(Validation.isValidUUID(""))
        XCTAssertFalse(Validation.isValidUUID("not-a-uuid"))
        XCTAssertFalse(Validation.isValidUUID("3381af92-2b9e-11e3-b191-71861300734"))
        XCTAssertFalse(Validation.isValidUUID("3381af92-2b9e-11e3-b191-71861300734g"))
    }

    func testAcceptHeader() {
        XCTAssertTrue(RequestChecks.acceptsJSON("*/*"))
        XCTAssertTrue(RequestChecks.acceptsJSON("application/json"))
        XCTAssertTrue(RequestChecks.acceptsJSON("text/html, application/*;q=0.5"))
        XCTAssertFalse(RequestChecks.acceptsJSON("application/json-home"))
        XCTAssertFalse(RequestChecks.acceptsJSON("text/plain"))
        XCTAssertFalse(RequestChecks.acceptsJSON("application/json;q=0"))
    }

    func testRoutesMatchExactly() {
        XCTAssertEqual(Route(path: "/", adminMode: false), .root)
        XCTAssertEqual(Route(path: "/v2/", adminMode: false), .home)
        XCTAssertNil(Route(path: "/v2", adminMode: false))
        XCTAssertNil(Route(path: "/v2/queues/", adminMode: false))
        XCTAssertEqual(Route(path: "/v2/queues/q1/messages/m1", adminMode: false), .message("q1", id: "m1"))
        XCTAssertEqual(Route(path: "/v2/queues/q1/claims", adminMode: false), .claims("q1"))
        XCTAssertEqual(Route(path: "/v2/queues/q1/share", adminMode: false), .queueShare("q1"))
        XCTAssertNil(Route(path: "/v2/topics/t1/share", adminMode: false))
        XCTAssertNil(Route(path: "/v2/health", adminMode: false))
        XCTAssertEqual(Route(path: "/v2/health", adminMode: true), .health)
        XCTAssertNil(Route(path: "/v2/queues//stats", adminMode: false))
    }

    func testRequestIdentifierShape() {
        let id = RequestIdentifier.make()
        XCTAssertTrue(id.hasPrefix("req-"))
        XCTAssertTrue(Validation.isValidUUID(String(id.dropFirst(4))))
        XCTAssertEqual(id.count, 40)
        XCTAssertNotEqual(id, RequestIdentifier.make())
    }
}

final class ReservedMetadataTests: XCTestCase {
    private let reserved = ReservedMetadata(limits: .standard)

    private func object(_ text: String) throws -> [(key: String, value: JSONValue)] {
        guard case .object(let members) = try JSONValue.parse(Array(text.utf8)) else { throw APIError.invalidBody("x") }
        return members
    }

    func testValidReservedValuesAreTyped() throws {
        let settings = try reserved.settings(from: try object("""
            {"_default_message_ttl": 120, "_max_messages_post_size": 1024, "_default_message_delay": 5,
             "_dead_letter_queue": "dlq", "_dead_letter_queue_messages_ttl": 600, "_max_claim_count": 3,
             "_enable_encrypt_messages": true, "free": "x"}
            """))
        XCTAssertEqual(settings, QueueSettings(
            defaultMessageTTL: 120, maxMessagesPostSize: 1024, defaultMessageDelay: 5, deadLetterQueue: "dlq",
            deadLetterQueueMessagesTTL: 600, maxClaimCount: 3, enableEncryptMessages: true))
        XCTAssertTrue(settings.deadLetteringEnabled)
    }

    func testInvalidReservedValuesAreRejected() throws {
        let invalid = [
            #"{"_default_message_ttl": 59}"#, #"{"_default_message_ttl": 1209601}"#, #"{"_default_message_ttl": true}"#,
            #"{"_default_message_ttl": 60.5}"#, #"{"_default_message_ttl": "60"}"#,
            #"{"_max_messages_post_size": 0}"#, #"{"_max_messages_post_size": 262145}"#,
            #"{"_default_message_delay": -1}"#, #"{"_default_message_delay": 901}"#,
            #"{"_dead_letter_queue": 5}"#, #"{"_dead_letter_queue_messages_ttl": 10}"#,
            #"{"_max_claim_count": 0}"#, #"{"_max_claim_count": "3"}"#, #"{"_enable_encrypt_messages": 1}"#,
        ]
        for text in invalid {
            XCTAssertThrowsError(try reserved.settings(from: try object(text)), text) { error in
                XCTAssertEqual((error as? APIError)?.status, .badRequest)
            }
        }
    }

    func testDefaultsFillOnlyAbsentKeys() throws {
        let filled = reserved.withDefaults(try object(#"{"a": 1, "_max_claim_count": 2, "_default_message_ttl": 0}"#))
        XCTAssertEqual(
            String(decoding: filled.serialized(), as: UTF8.self),
            #"{"a":1,"_max_claim_count":2,"_default_message_ttl":0,"_max_messages_post_size":262144,"_default_message_delay":0,"_dead_letter_queue":null,"_dead_letter_queue_messages_ttl":null,"_enable_encrypt_messages":false}"#)
    }
}

final class MetadataPatchTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    func testPointerParsing() throws {
        XCTAssertEqual(try MetadataPatch.metadataKey(fromPointer: "/metadata/key"), "key")
        XCTAssertEqual(try MetadataPatch.metadataKey(fromPointer: "/METADATA/a~1b~0c"), "a/b~c")
        for bad in ["metadata/key", "/metadata", "/metadata/", "/metadata/a/b", "/other/key", "//key", "/metadata/a~2"] {
            XCTAssertThrowsError(try MetadataPatch.metadataKey(fromPointer: bad), bad)
        }
    }

    func testOperationsValidation() throws {
        XCTAssertThrowsError(try MetadataPatch.operations(from: try parse(#"{"op": "add"}"#)))
        XCTAssertThrowsError(try MetadataPatch.operations(from: try parse(#"[1]"#)))
        XCTAssertThrowsError(try MetadataPatch.operations(from: try parse(#"[{"op": "move", "path": "/metadata/a"}]"#)))
        XCTAssertThrowsError(try MetadataPatch.operations(from: try parse(#"[{"op": "add", "path": "/metadata/a"}]"#)))
        XCTAssertThrowsError(try MetadataPatch.operations(from: try parse(#"[{"op": "remove", "path": "/anything/a"}]"#)))
        let operations = try MetadataPatch.operations(
            from: try parse(#"[{"op": "add", "path": "/metadata/a", "value": null}, {"op": "remove", "path": "/metadata/b"}]"#))
        XCTAssertEqual(operations, [
            MetadataPatchOperation(kind: .add, key: "a", value: .null),
            MetadataPatchOperation(kind: .remove, key: "b", value: nil),
        ])
    }

    func testApplySemantics() throws {
        let stored: [(key: String, value: JSONValue)] = [("a", .int(1)), ("b", .string("x"))]
        let result = try MetadataPatch.apply([
            MetadataPatchOperation(kind: .replace, key: "a", value: .int(2)),
            MetadataPatchOperation(kind: .add, key: "c", value: .bool(true)),
            MetadataPatchOperation(kind: .remove, key: "b", value: nil),
            MetadataPatchOperation(kind: .replace, key: "_default_message_ttl", value: .int(100)),
            MetadataPatchOperation(kind: .remove, key: "_max_claim_count", value: nil),
        ], to: stored)
        XCTAssertEqual(JSONValue.object(result), .object([("a", .int(2)), ("c", .bool(true)), ("_default_message_ttl", .int(100))]))
        XCTAssertThrowsError(try MetadataPatch.apply([MetadataPatchOperation(kind: .replace, key: "zz", value: .int(1))], to: stored)) {
            XCTAssertEqual(($0 as? APIError)?.status, .conflict)
        }
        XCTAssertThrowsError(try MetadataPatch.apply([MetadataPatchOperation(kind: .remove, key: "zz", value: nil)], to: stored)) {
            XCTAssertEqual(($0 as? APIError)?.status, .conflict)
        }
    }

    func testMetadataFilterComparesIntegersAsIntegers() {
        let members: [(key: String, value: JSONValue)] = [("n", .int(5)), ("s", .string("5")), ("t", .string("x"))]
        XCTAssertTrue(MetadataFilter(key: "n", value: "5").matches(members))
        XCTAssertFalse(MetadataFilter(key: "s", value: "5").matches(members))
        XCTAssertTrue(MetadataFilter(key: "t", value: "x").matches(members))
        XCTAssertFalse(MetadataFilter(key: "missing", value: "x").matches(members))
    }
}

final class SubscriptionAndTopicRouteTests: XCTestCase {
    func testRoutes() {
        XCTAssertEqual(Route(path: "/v2/queues/q1/subscriptions", adminMode: false), .subscriptions(.queue, "q1"))
        XCTAssertEqual(Route(path: "/v2/topics/t1/subscriptions/s1", adminMode: false), .subscription(.topic, "t1", id: "s1"))
        XCTAssertEqual(
            Route(path: "/v2/queues/q1/subscriptions/s1/confirm", adminMode: false), .subscriptionConfirm(.queue, "q1", id: "s1"))
        XCTAssertEqual(Route(path: "/v2/topics", adminMode: false), .topics)
        XCTAssertEqual(Route(path: "/v2/topics/t1/messages/m1", adminMode: false), .topicMessage("t1", id: "m1"))
        XCTAssertEqual(Route(path: "/v2/topics/t1/stats", adminMode: false)?.isTopic, true)
        XCTAssertEqual(Route(path: "/v2/queues/q1/stats", adminMode: false)?.isTopic, false)
        for path in [
            "/v2/topics/t1/claims", "/v2/topics/t1/claims/c", "/v2/topics/t1/pool", "/v2/queues/q1/subscriptions/",
            "/v2/queues/q1/subscriptions/s1/other", "/v2/queues/q1/messages/m1/confirm", "/v2/topics/",
        ] {
            XCTAssertNil(Route(path: path, adminMode: true), path)
        }
        XCTAssertEqual(Route(path: "/v2/queues/q1/subscriptions/s1", adminMode: false)?.allowHeader, "GET, PATCH, DELETE, OPTIONS")
    }

    func testSubscriberValidation() throws {
        for valid in ["http://h", "https://h:1/p?q", "mailto:a@b", "mailto:a@b.c?subject=x", "HTTPS://H/"] {
            XCTAssertNoThrow(try SubscriptionDocument.subscriber(.string(valid)), valid)
        }
        for invalid in ["", "h", "http:/h", "http://", "https://:80", "mailto:", "mailto:a", "mailto:a@b/c", "trust+https://h", "x y"] {
            XCTAssertThrowsError(try SubscriptionDocument.subscriber(.string(invalid)), invalid)
        }
        let document = SubscriptionDocument(defaultTTL: 3600, nowSeconds: SubscriptionDocument.latestExpiry - 100)
        XCTAssertEqual(try document.ttl(.int(100)), 100)
        XCTAssertThrowsError(try document.ttl(.int(101)), "expiry past the year 9999")
    }
}
