import Shared
import XCTest

/// `RemoteQueueStore` → `RPCServer` → `SQLiteQueueStore`, over real loopback sockets.
final class RPCIntegrationTests: XCTestCase {
    private let queue = QueueRef(project: "p1", name: "orders")

    private func body(_ text: String) -> [UInt8] { Array(#"{"n":"\#(text)"}"#.utf8) }

    func testQueueLifecycleAndMetadata() async throws {
        let node = try await startNode()
        let client = makeClient(node)
        try await client.ping()

        let metadata = QueueMetadata(json: Array(#"{"_default_message_ttl":120,"a":1}"#.utf8), settings: QueueSettings(defaultMessageTTL: 120))
        let created = try await client.createQueue(queue, metadata: metadata)
        XCTAssertTrue(created)
        let createdAgain = try await client.createQueue(queue, metadata: .empty)
        XCTAssertFalse(createdAgain)
        let stored = try await client.queueMetadata(queue)
        XCTAssertEqual(stored, metadata)

        try await client.setQueueMetadata(queue, metadata: .empty)
        let replaced = try await client.queueMetadata(queue)
        XCTAssertEqual(replaced, .empty)

        let missing = QueueRef(project: "p1", name: "nope")
        let missingMetadata = try await client.queueMetadata(missing)
        XCTAssertNil(missingMetadata)
        let error = await storageError { try await client.setQueueMetadata(missing, metadata: .empty) }
        XCTAssertEqual(error, .queueNotFound)

        try await client.deleteQueue(queue)
        let deleted = try await client.queueMetadata(queue)
        XCTAssertNil(deleted)
    }

    func testPostListClaimDelete() async throws {
        let node = try await startNode()
        let client = makeClient(node)

        let ids = try await client.postMessages(
            queue, clientID: "c1", messages: [NewMessage(body: body("a")), NewMessage(body: body("b"), ttl: 600), NewMessage(body: body("c"))],
            requestSize: 64
        )
        XCTAssertEqual(ids.count, 3)

        let page = try await client.listMessages(
            queue, query: MessageListQuery(marker: nil, limit: 10, clientID: "c1", echo: true, includeClaimed: true, includeDelayed: false)
        )
        XCTAssertEqual(page.messages.map(\.id), ids)
        XCTAssertEqual(page.messages.map(\.body), [body("a"), body("b"), body("c")])
        XCTAssertEqual(page.messages[1].ttl, 600)

        let fetched = try await client.getMessages(queue, ids: [ids[2], "unknown", ids[0]])
        XCTAssertEqual(fetched.map(\.id), [ids[2], ids[0]])

        let claim = try await XCTUnwrapAsync(try await client.createClaim(queue, ttl: 300, grace: 60, limit: 2))
        XCTAssertEqual(claim.messages.map(\.id), Array(ids.prefix(2)))
        let info = try await XCTUnwrapAsync(try await client.getClaim(queue, id: claim.claimID))
        XCTAssertEqual(info.id, claim.claimID)
        XCTAssertEqual(info.messages.count, 2)

        let stats = try await client.stats(queue)
        XCTAssertEqual(stats.claimed, 2)
        XCTAssertEqual(stats.free, 1)

        let claimedDelete = await storageError { try await client.deleteMessage(self.queue, id: ids[0], claimID: nil) }
        XCTAssertEqual(claimedDelete, .messageClaimed)
        try await client.deleteMessage(queue, id: ids[0], claimID: claim.claimID)

        try await client.updateClaim(queue, id: claim.claimID, ttl: 400, grace: 60)
        try await client.deleteClaim(queue, id: claim.claimID)
        let released = try await client.getClaim(queue, id: claim.claimID)
        XCTAssertNil(released)

        let popped = try await client.popMessages(queue, limit: 5)
        XCTAssertEqual(popped.map(\.id), [ids[1], ids[2]])
        let empty = try await client.stats(queue)
        XCTAssertEqual(empty.total, 0)

        try await client.deleteMessages(queue, ids: ids, claimIDs: nil)
        try await client.purge(queue, messages: true, subscriptions: true)
    }

    func testStoreErrorsArriveTyped() async throws {
        let node = try await startNode()
        let client = makeClient(node)
        _ = try await client.postMessages(queue, clientID: "c", messages: [NewMessage(body: body("x"))], requestSize: 10)

        let unknownClaim = await storageError { try await client.updateClaim(self.queue, id: "0123456789abcdef01234567", ttl: 100, grace: 60) }
        XCTAssertEqual(unknownClaim, .claimNotFound)

        let limited = QueueMetadata(json: Array(#"{"_max_messages_post_size":100}"#.utf8), settings: QueueSettings(maxMessagesPostSize: 100))
        try await client.setQueueMetadata(queue, metadata: limited)
        let tooLarge = await storageError {
            _ = try await client.postMessages(self.queue, clientID: "c", messages: [NewMessage(body: self.body("y"))], requestSize: 5000)
        }
        XCTAssertEqual(tooLarge, .postTooLarge(limit: 100))
    }

    func testTwoHundredConcurrentCallsOverTwoConnectionsAreAnsweredCorrectly() async throws {
        let node = try await startNode()
        let client = makeClient(node, connections: 2)
        let queue = self.queue

        let posted = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let ids = try await client.postMessages(
                        queue, clientID: "c", messages: [NewMessage(body: Array("\(index)".utf8))], requestSize: 8
                    )
                    return (index, ids[0])
                }
            }
            var result: [Int: String] = [:]
            for try await (index, id) in group { result[index] = id }
            return result
        }
        XCTAssertEqual(posted.count, 200)
        XCTAssertEqual(Set(posted.values).count, 200, "every call got its own answer")

        let fetched = try await withThrowingTaskGroup(of: (Int, [StoredMessage]).self) { group in
            for (index, id) in posted {
                group.addTask { (index, try await client.getMessages(queue, ids: [id])) }
            }
            var result: [Int: [StoredMessage]] = [:]
            for try await (index, messages) in group { result[index] = messages }
            return result
        }
        for (index, messages) in fetched {
            XCTAssertEqual(messages.map(\.id), [posted[index]])
            XCTAssertEqual(messages.first?.body, Array("\(index)".utf8), "response matched to the wrong request")
        }
    }
}

/// `XCTUnwrap` for an async expression.
func XCTUnwrapAsync<T>(_ expression: @autoclosure () async throws -> T?, file: StaticString = #filePath, line: UInt = #line) async throws -> T {
    let value = try await expression()
    return try XCTUnwrap(value, file: file, line: line)
}
