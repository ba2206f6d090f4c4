import NIOCore
@testable import Shared
import XCTest

/// Frame-size limits, per-connection throttling, shutdown draining and the reconnect backoff schedule.
final class RPCLimitsTests: XCTestCase {
    private let queue = QueueRef(project: "p", name: "limits")

    func testReconnectBackoffDoublesFrom50MillisecondsUpTo2Seconds() {
        let delays = (0..<8).map { RPCClientConnection.backoff(afterFailures: $0) }
        XCTAssertEqual(
            delays,
            [50, 100, 200, 400, 800, 1600, 2000, 2000].map { TimeAmount.milliseconds($0) }
        )
        XCTAssertEqual(RPCClientConnection.backoff(afterFailures: 10_000), .seconds(2))
    }

    func testOversizedRequestIsRefusedByTheClientBeforeSending() async throws {
        let node = try await startNode()
        let client = RemoteQueueStore(host: "127.0.0.1", port: node.port, maxFrameSize: 1024)
        addTeardownBlock { await client.shutdown() }
        let big = NewMessage(body: Array(repeating: UInt8(ascii: "a"), count: 4096))

        let error = await storageError { _ = try await client.postMessages(self.queue, clientID: "c", messages: [big], requestSize: 4096) }
        guard case let .unavailable(reason) = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertTrue(reason.contains("exceeds"), reason)
        try await client.ping()
    }

    func testOversizedFrameMakesTheServerDropTheConnectionAndTheClientReconnects() async throws {
        let node = try await startNode()
        let store = node.store
        let strictServer = RPCServer(store: store, host: "127.0.0.1", port: 0, maxFrameSize: 1024)
        let port = try await strictServer.start()
        addTeardownBlock { await strictServer.shutdown() }
        let client = RemoteQueueStore(host: "127.0.0.1", port: port, connections: 1)
        addTeardownBlock { await client.shutdown() }
        let big = NewMessage(body: Array(repeating: UInt8(ascii: "a"), count: 4096))

        let error = await storageError { _ = try await client.postMessages(self.queue, clientID: "c", messages: [big], requestSize: 4096) }
        XCTAssertTrue(error?.isUnavailable ?? false, "\(String(describing: error))")
        let stats = try await client.stats(queue)
        XCTAssertEqual(stats.total, 0, "the rejected post was not stored")
    }

    func testThrottledConnectionStillAnswersEveryCall() async throws {
        let node = try await startNode()
        let throttled = RPCServer(store: node.store, host: "127.0.0.1", port: 0, maxInFlightPerConnection: 2)
        let port = try await throttled.start()
        addTeardownBlock { await throttled.shutdown() }
        let client = RemoteQueueStore(host: "127.0.0.1", port: port, connections: 1)
        addTeardownBlock { await client.shutdown() }
        let queue = self.queue

        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<100 {
                group.addTask {
                    try await client.postMessages(queue, clientID: "c", messages: [NewMessage(body: Array("\(index)".utf8))], requestSize: 4)[0]
                }
            }
            var ids: [String] = []
            for try await id in group { ids.append(id) }
            return ids
        }
        XCTAssertEqual(Set(ids).count, 100)
        let stats = try await client.stats(queue)
        XCTAssertEqual(stats.free, 100)
    }

    func testShutdownRefusesNewRequestsAndClosesConnections() async throws {
        let node = try await startNode()
        let client = makeClient(node, connections: 1)
        try await client.ping()
        await node.server.shutdown()
        let error = await storageError { try await client.ping() }
        XCTAssertTrue(error?.isUnavailable ?? false, "\(String(describing: error))")
    }
}
