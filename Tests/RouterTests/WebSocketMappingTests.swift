@testable import Router
import Shared
import XCTest

/// The pure parts of the WebSocket transport: frame parsing and schema checks, the REST request
/// of each action, and the reference's reply shapes.
final class WebSocketMappingTests: XCTestCase {
    private func json(_ text: String) throws -> JSONValue { try JSONValue.parse(Array(text.utf8)) }

    func testEveryActionButAuthenticateMapsToARouteTheRouterServes() throws {
        let body = try json(#"{"queue_name": "jobs", "message_id": "m1", "message_ids": ["m1"], "messages": [], "claim_id": "c1", "subscription_id": "s1"}"#)
        for action in WebSocketAction.allCases where action != .authenticate {
            let call = try XCTUnwrap(action.restCall(body, subscriber: "http://127.0.0.1:1/x"), action.rawValue)
            let route = try XCTUnwrap(Route(path: call.path, adminMode: false), "\(action.rawValue): \(call.path)")
            XCTAssertTrue(route.methods.contains(call.method), "\(action.rawValue): \(call.method) \(call.path)")
        }
        XCTAssertNil(WebSocketAction.authenticate.restCall(body))
    }

    func testNamesAndQueryValuesArePercentEncoded() throws {
        let call = try XCTUnwrap(WebSocketAction.messageDelete.restCall(
            try json(#"{"queue_name": "a/b", "message_id": "m?1", "claim_id": "c&d"}"#)))
        XCTAssertEqual(call.method, .delete)
        XCTAssertEqual(call.target, "/v2/queues/a%2Fb/messages/m%3F1?claim_id=c%26d")
        let many = try XCTUnwrap(WebSocketAction.messageGetMany.restCall(try json(#"{"queue_name": "q", "message_ids": ["x", "y"]}"#)))
        XCTAssertEqual(many.target, "/v2/queues/q/messages?ids=x%2Cy")
        let list = try XCTUnwrap(WebSocketAction.messageList.restCall(try json(#"{"queue_name": "q", "echo": true, "limit": 5}"#)))
        XCTAssertEqual(list.target, "/v2/queues/q/messages?limit=5&echo=true")
    }

    func testSubscriptionCreateWithoutSubscriberSubscribesTheSocket() throws {
        let body = try json(#"{"queue_name": "q", "ttl": 600}"#)
        let call = try XCTUnwrap(WebSocketAction.subscriptionCreate.restCall(body, subscriber: "http://127.0.0.1:9/abc"))
        XCTAssertEqual(call.body, try json(#"{"subscriber": "http://127.0.0.1:9/abc", "ttl": 600}"#))
        let given = try XCTUnwrap(WebSocketAction.subscriptionCreate.restCall(
            try json(#"{"queue_name": "q", "subscriber": "mailto:a@b.c"}"#), subscriber: "http://127.0.0.1:9/abc"))
        XCTAssertEqual(given.body, try json(#"{"subscriber": "mailto:a@b.c"}"#), "a given subscriber is kept")
    }

    func testFramesAreCheckedAgainstTheActionSchema() throws {
        XCTAssertThrowsError(try WebSocketRequestFrame.parse("nope")) { error in
            XCTAssertEqual((error as? WebSocketFrameError)?.status, 400)
        }
        XCTAssertThrowsError(try WebSocketRequestFrame.parse(#"{"action": "fly"}"#)) { error in
            XCTAssertEqual((error as? WebSocketFrameError)?.message, #"Invalid action: "fly""#)
        }
        XCTAssertThrowsError(try WebSocketRequestFrame.parse(#"{"action": "message_get", "body": {"queue_name": "q"}}"#)) { error in
            XCTAssertEqual((error as? WebSocketFrameError)?.exception, #"Missing "message_id" in the body."#)
        }
        XCTAssertThrowsError(try WebSocketRequestFrame.parse(#"{"action": "queue_list", "headers": {"Client-ID": 5}}"#))
        XCTAssertThrowsError(try WebSocketRequestFrame.parse(#"{"action": "message_get_many", "body": {"queue_name": "q", "message_ids": [1]}}"#))
        let frame = try WebSocketRequestFrame.parse(#"{"action": "queue_list", "headers": {"Client-ID": "c", "X-Project-ID": "p"}}"#)
        XCTAssertEqual(frame.action, .queueList)
        XCTAssertEqual(frame.headers.map(\.name), ["Client-ID", "X-Project-ID"])
    }

    func testRepliesTakeTheReferenceShapes() throws {
        let request = try json(#"{"queue_name": "q"}"#)
        let posted = WebSocketReplyShape.body(
            for: .messagePost, status: 201,
            json: try json(#"{"resources": ["/v2/queues/q/messages/m1", "/v2/queues/q/messages/m2"]}"#), location: nil, request: request)
        XCTAssertEqual(posted, try json(#"{"message_ids": ["m1", "m2"]}"#))
        let claimed = WebSocketReplyShape.body(
            for: .claimCreate, status: 201,
            json: try json(#"{"messages": [{"id": "m1", "href": "/v2/queues/q/messages/m1?claim_id=c9", "ttl": 60, "age": 1, "body": 3}]}"#),
            location: "/v2/queues/q/claims/c9", request: request)
        XCTAssertEqual(claimed, try json(#"{"claim_id": "c9", "messages": [{"id": "m1", "claim_id": "c9", "ttl": 60, "age": 1, "body": 3}]}"#))
        XCTAssertEqual(WebSocketReplyShape.body(for: .queueCreate, status: 201, json: nil, location: nil, request: request), .string("Queue q created."))
        let failed = WebSocketReplyShape.body(
            for: .queueGet, status: 404, json: try json(#"{"title": "Not found", "description": "No queue."}"#), location: nil, request: request)
        XCTAssertEqual(failed, try json(#"{"error": "Not found", "exception": "No queue."}"#))
    }

    func testReplyFrameEchoesTheRequest() throws {
        let frame = WebSocketReplyFrame.encode(
            request: try json(#"{"action": "queue_list", "headers": {"Client-ID": "c"}}"#), status: 200, body: .object([]))
        XCTAssertEqual(
            try json(frame),
            try json(#"{"request": {"action": "queue_list", "body": {}, "headers": {"Client-ID": "c"}, "api": "v2"}, "headers": {"status": 200}, "body": {}}"#))
    }
}
