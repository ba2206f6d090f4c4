import Foundation
import NIOCore
import NIOPosix
import Shared
import StorageNode
import XCTest

/// What the client's failure observer and the server's request observer are told, over real
/// sockets and a real store.
final class RPCObservationTests: XCTestCase {
    private let queue = QueueRef(project: "p", name: "q")

    /// Collects what it is told.
    private final class Recorder: RPCServerObserver, @unchecked Sendable {
        private let lock = NSLock()
        private var failures: [RPCCallFailure] = []
        private var requests: [(NodeRequest.Opcode, Bool)] = []
        private var malformed = 0

        var observer: RPCCallFailureObserver { { failure in self.lock.withLock { self.failures.append(failure) } } }
        var recordedFailures: [RPCCallFailure] { lock.withLock { failures } }
        var recordedRequests: [(NodeRequest.Opcode, Bool)] { lock.withLock { requests } }
        var malformedFrames: Int { lock.withLock { malformed } }

        func requestFinished(_ opcode: NodeRequest.Opcode, response: NodeResponse) {
            let failed: Bool
            if case .failure = response { failed = true } else { failed = false }
            lock.withLock { requests.append((opcode, failed)) }
        }

        func malformedFrameReceived() {
            lock.withLock { malformed += 1 }
        }
    }

    func testAnExpiredDeadlineIsReportedAsATimeout() async throws {
        let silent = try await RPCFakeNode.start(mode: .none, behavior: .accept(proof: RPCHandshake.zeros(32)))
        let recorder = Recorder()
        let client = RemoteQueueStore(
            host: "127.0.0.1", port: silent.port, connections: 1, deadline: .milliseconds(200),
            failureObserver: recorder.observer)
        _ = await storageError { try await client.ping() }
        XCTAssertEqual(recorder.recordedFailures, [.timeout])
        await client.shutdown()
        await silent.stop()
    }

    func testARefusedConnectionIsReportedAsUnavailable() async throws {
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try XCTUnwrap(listener.localAddress?.port)
        try await listener.close()
        let recorder = Recorder()
        let client = RemoteQueueStore(host: "127.0.0.1", port: port, connections: 1, failureObserver: recorder.observer)
        _ = await storageError { try await client.ping() }
        XCTAssertEqual(recorder.recordedFailures, [.unavailable])
        await client.shutdown()
    }

    func testOrdinaryOutcomesAreNoFailuresButTheNodesOwnFailuresAre() async throws {
        let node = try await startNode()
        let recorder = Recorder()
        let client = RemoteQueueStore(host: "127.0.0.1", port: node.port, connections: 1, failureObserver: recorder.observer)
        addTeardownBlock { await client.shutdown() }
        try await client.ping()
        let missing = await storageError {
            try await client.updateClaim(self.queue, id: "ffffffffffffffffffffffffffffffff", ttl: 60, grace: 60)
        }
        XCTAssertEqual(missing, .claimNotFound)
        XCTAssertEqual(recorder.recordedFailures, [], "a missing claim is an answer, not a failure")

        try node.store.close()
        _ = await storageError { try await client.ping() }
        XCTAssertEqual(recorder.recordedFailures, [.remote])
    }

    func testTheServerObserverSeesEveryRequestAndMalformedFrame() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("herald-rpc-\(UUID().uuidString)")
        let store = try SQLiteQueueStore(path: directory.appendingPathComponent("herald.sqlite").path)
        let recorder = Recorder()
        let server = RPCServer(store: store, host: "127.0.0.1", port: 0, observer: recorder)
        let port = try await server.start()
        let client = RemoteQueueStore(host: "127.0.0.1", port: port, connections: 1)
        defer { try? FileManager.default.removeItem(at: directory) }

        try await client.ping()
        _ = try await client.createQueue(queue, metadata: .empty)
        _ = try await client.postMessages(queue, clientID: "c", messages: [NewMessage(body: Array("1".utf8))], requestSize: 10)
        _ = await storageError { try await client.updateClaim(self.queue, id: "nope", ttl: 60, grace: 60) }

        // A request header with a payload that does not decode.
        var frame: [UInt8] = [0, 0, 0, 16, 0x48, 0x52, 1, 0, NodeRequest.Opcode.stats.rawValue, 0]
        frame += [UInt8](repeating: 0, count: 7) + [1] + [0xFF, 0xFF]
        let peer = try await RPCRawPeer.connect(port: port)
        let verdict = try await peer.authenticate(secret: nil)
        XCTAssertNotNil(verdict, "handshake answered")
        await peer.send(frame)
        let closed = await waitUntilClosed(peer.channel)
        XCTAssertTrue(closed, "a malformed frame closes the connection")

        let opcodes = recorder.recordedRequests.map(\.0)
        XCTAssertEqual(opcodes, [.ping, .createQueue, .postMessages, .updateClaim])
        XCTAssertEqual(recorder.recordedRequests.map(\.1), [false, false, false, true])
        XCTAssertEqual(recorder.malformedFrames, 1)
        await client.shutdown()
        await server.shutdown()
        try store.close()
    }
}
