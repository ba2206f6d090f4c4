import HTTPTypes
import Router
import Shared
import XCTest

/// `--max-queues-per-project`: new queues beyond the quota are 403 "Quota exceeded", by any
/// path that creates one; existing queues keep working.
final class LimitsQueueQuotaTests: XCTestCase {
    private func configuration(maxQueues: Int) -> RouterConfiguration {
        var configuration = RouterConfiguration()
        configuration.abuseLimits.maxQueuesPerProject = maxQueues
        return configuration
    }

    private static let message = #"{"messages": [{"body": 1}]}"#

    func testEveryCreatingPathIsRefusedAtTheQuota() async throws {
        try await RouterHarness.run(configuration: configuration(maxQueues: 2)) { http in
            do { let actual = try await http.send(.put, "/v2/queues/q1").status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.post, "/v2/queues/q2/messages", body: Self.message).status; XCTAssertEqual(actual, .created) }

            let put = try await http.send(.put, "/v2/queues/q3")
            XCTAssertEqual(put.status, .forbidden)
            XCTAssertEqual(put.title, "Quota exceeded")
            XCTAssertEqual(put.json?["description"]?.stringValue?.contains("2 queues"), true, put.text)
            let post = try await http.send(.post, "/v2/queues/q3/messages", body: Self.message)
            XCTAssertEqual(post.status, .forbidden)
            let subscribe = try await http.send(
                .post, "/v2/queues/q3/subscriptions", body: #"{"subscriber": "http://127.0.0.1:9/hook"}"#)
            XCTAssertEqual(subscribe.status, .forbidden)
            let inCatalog = try await http.catalog.queueCount(project: "proj")
            XCTAssertEqual(inCatalog, 2, "nothing was registered")

            // Existing queues keep working.
            do { let actual = try await http.send(.put, "/v2/queues/q1").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.post, "/v2/queues/q1/messages", body: Self.message).status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.post, "/v2/queues/q2/claims").status; XCTAssertEqual(actual, .created) }
            // Reads of missing queues create nothing and are not refused.
            do { let actual = try await http.send(.get, "/v2/queues/q9/messages").status; XCTAssertEqual(actual, .ok) }
            do { let actual = try await http.send(.post, "/v2/queues/q9/claims").status; XCTAssertEqual(actual, .noContent) }
        }
    }

    func testDeletingAQueueMakesRoom() async throws {
        try await RouterHarness.run(configuration: configuration(maxQueues: 1)) { http in
            do { let actual = try await http.send(.put, "/v2/queues/q1").status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.put, "/v2/queues/q2").status; XCTAssertEqual(actual, .forbidden) }
            do { let actual = try await http.send(.delete, "/v2/queues/q1").status; XCTAssertEqual(actual, .noContent) }
            do { let actual = try await http.send(.put, "/v2/queues/q2").status; XCTAssertEqual(actual, .created) }
        }
    }

    func testProjectsAndTopicsHaveTheirOwnCounts() async throws {
        try await RouterHarness.run(configuration: configuration(maxQueues: 1)) { http in
            do { let actual = try await http.send(.put, "/v2/queues/q1", project: "a").status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.put, "/v2/queues/q1", project: "b").status; XCTAssertEqual(actual, .created) }
            do { let actual = try await http.send(.put, "/v2/topics/t1", project: "a").status; XCTAssertEqual(actual, .created) }
            let topic = try await http.send(.post, "/v2/topics/t2/messages", body: Self.message, project: "a")
            XCTAssertEqual(topic.status, .forbidden)
            XCTAssertEqual(topic.json?["description"]?.stringValue?.contains("1 topics"), true, topic.text)
        }
    }

    func testQueuesRegisteredElsewhereCountAgainstTheQuota() async throws {
        try await RouterHarness.run(configuration: configuration(maxQueues: 2)) { http in
            // Another router sharing the catalog placed these.
            for name in ["x1", "x2"] {
                _ = try await http.catalog.register(
                    QueueRef(project: "proj", name: name), placement: .init(pool: "pool0", flavor: nil))
            }
            do { let actual = try await http.send(.put, "/v2/queues/q1").status; XCTAssertEqual(actual, .forbidden) }
        }
    }

    func testConcurrentCreationsDoNotOvershoot() async throws {
        try await RouterHarness.run(configuration: configuration(maxQueues: 3)) { http in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<10 {
                    group.addTask { try await http.send(.put, "/v2/queues/c\(index)").status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            XCTAssertEqual(statuses.filter { $0 == .created }.count, 3, "\(statuses)")
            XCTAssertEqual(statuses.filter { $0 == .forbidden }.count, 7, "\(statuses)")
            let inCatalog = try await http.catalog.queueCount(project: "proj")
            XCTAssertEqual(inCatalog, 3)
        }
    }

    func testUnlimitedByDefault() async throws {
        try await RouterHarness.run { http in
            for index in 0..<25 {
                let reply = try await http.send(.put, "/v2/queues/q\(index)")
                XCTAssertEqual(reply.status, .created)
            }
        }
    }
}
