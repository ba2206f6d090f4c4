import HTTPTypes
import Router
import Shared
import XCTest

/// A `_retry_policy` the storage nodes would not use (a retry count outside 0...1000, a delay
/// outside 0...86400 s) is refused with 400 where it is given, instead of being accepted and then
/// silently replaced by the defaults at delivery time (found by `make schemathesis`).
final class RetryPolicyRangeHTTPTests: XCTestCase {
    private static let outOfRange: [(policy: String, description: String)] = [
        (#"{"retries_with_no_delay": 1001}"#, "_retry_policy.retries_with_no_delay must be an integer between 0 and 1000."),
        (#"{"minimum_delay_retries": -1}"#, "_retry_policy.minimum_delay_retries must be an integer between 0 and 1000."),
        (#"{"maximum_delay_retries": 9223372036854775807}"#, "_retry_policy.maximum_delay_retries must be an integer between 0 and 1000."),
        (#"{"maximum_delay": 86401}"#, "_retry_policy.maximum_delay must be an integer between 0 and 86400."),
        (#"{"minimum_delay": -9223372036854775808}"#, "_retry_policy.minimum_delay must be an integer between 0 and 86400."),
    ]

    private static let largestAccepted =
        #"{"retries_with_no_delay": 1000, "minimum_delay_retries": 0, "minimum_delay": 86390, "maximum_delay": 86400, "maximum_delay_retries": 1000}"#

    func testQueueMetadataRefusesRetryPolicyOutOfRange() async throws {
        try await RouterHarness.run { http in
            for (policy, description) in Self.outOfRange {
                let reply = try await http.send(.put, "/v2/queues/q1", body: #"{"_retry_policy": \#(policy)}"#)
                Self.assertInvalid(reply, description, policy)
            }
            let created = try await http.send(.put, "/v2/queues/q1", body: #"{"_retry_policy": \#(Self.largestAccepted)}"#)
            XCTAssertEqual(created.status, .created, created.text)
        }
    }

    func testQueuePatchRefusesRetryPolicyOutOfRange() async throws {
        try await RouterHarness.run { http in
            let created = try await http.send(.put, "/v2/queues/q1")
            XCTAssertEqual(created.status, .created)
            let patchType: HTTPFields = [.contentType: "application/openstack-messaging-v2.0-json-patch"]
            for (policy, description) in Self.outOfRange {
                let reply = try await http.send(
                    .patch, "/v2/queues/q1", body: #"[{"op": "add", "path": "/metadata/_retry_policy", "value": \#(policy)}]"#,
                    headers: patchType)
                Self.assertInvalid(reply, description, policy)
            }
        }
    }

    func testSubscriptionOptionsRefuseRetryPolicyOutOfRange() async throws {
        try await RouterHarness.run { http in
            for (policy, description) in Self.outOfRange {
                let reply = try await http.send(
                    .post, "/v2/queues/q1/subscriptions",
                    body: #"{"subscriber": "http://127.0.0.1:9/hook", "options": {"_retry_policy": \#(policy)}}"#)
                Self.assertInvalid(reply, description, policy)
            }
            let created = try await http.send(
                .post, "/v2/queues/q1/subscriptions",
                body: #"{"subscriber": "http://127.0.0.1:9/hook", "options": {"_retry_policy": \#(Self.largestAccepted)}}"#)
            XCTAssertEqual(created.status, .created, created.text)
        }
    }

    private static func assertInvalid(_ reply: TestReply, _ description: String, _ policy: String) {
        XCTAssertEqual(reply.status, .badRequest, policy)
        XCTAssertEqual(reply.headers[.contentType], "application/json", policy)
        XCTAssertEqual(reply.title, "Invalid API request", policy)
        XCTAssertEqual(reply.json?["description"]?.stringValue, description, policy)
    }
}
