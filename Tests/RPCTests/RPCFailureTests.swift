import NIOCore
import NIOPosix
import Shared
import XCTest

/// Misbehaving peers, missing nodes and restarts, over real sockets.
final class RPCFailureTests: XCTestCase {
    private let queue = QueueRef(project: "p", name: "q")

    /// Opens a raw TCP connection to `port` and sends `bytes`.
    private func rawConnection(port: Int, sending bytes: [UInt8]) async throws -> any Channel {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        try await channel.writeAndFlush(buffer)
        return channel
    }

    func testGarbageSendersAreDisconnectedWhileAWellBehavedClientKeepsWorking() async throws {
        let node = try await startNode()
        let client = makeClient(node)
        try await client.ping()

        var badMagic: [UInt8] = [0, 0, 0, 14, 0x58, 0x58, 1, 0, 1, 0]
        badMagic += [UInt8](repeating: 0, count: 8)
        var badPayload: [UInt8] = [0, 0, 0, 16, 0x48, 0x52, 1, 0, NodeRequest.Opcode.stats.rawValue, 0]
        badPayload += [UInt8](repeating: 0, count: 7) + [1] + [0xFF, 0xFF]
        let garbage: [[UInt8]] = [
            Array("GET / HTTP/1.1\r\nHost: herald\r\n\r\n".utf8),  // length prefix reads as ~1.2 GB
            badMagic,
            badPayload,
            [0, 0, 0, 3, 1, 2, 3],
        ]
        for bytes in garbage {
            let channel = try await rawConnection(port: node.port, sending: bytes)
            let closed = await waitUntilClosed(channel)
            XCTAssertTrue(closed, "the server must drop a peer that sent \(bytes.prefix(12))")
            try? await channel.close()
            try await client.ping()
        }

        let created = try await client.createQueue(queue, metadata: .empty)
        XCTAssertTrue(created)
        let fresh = node.client()
        try await fresh.ping()
        await fresh.shutdown()
    }

    func testCallToAClosedPortFailsFastWithUnavailable() async throws {
        let node = try await startNode()
        let port = node.port
        await node.server.shutdown()

        let client = RemoteQueueStore(host: "127.0.0.1", port: port, deadline: .seconds(30))
        let started = ContinuousClock.now
        let first = await storageError { try await client.ping() }
        XCTAssertTrue(first?.isUnavailable ?? false, "\(String(describing: first))")
        let second = await storageError { _ = try await client.stats(self.queue) }
        XCTAssertTrue(second?.isUnavailable ?? false, "\(String(describing: second))")
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(10), "must not wait for the 30 s deadline")
        await client.shutdown()
    }

    func testSilentPeerFailsTheHandshakeWithUnavailable() async throws {
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try XCTUnwrap(silent.localAddress?.port)
        let client = RemoteQueueStore(host: "127.0.0.1", port: port, connections: 1, deadline: .milliseconds(200))

        let error = await storageError { try await client.ping() }
        guard case let .unavailable(reason) = error else {
            return XCTFail("expected .unavailable, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.contains("handshake") && reason.contains("timed out"), reason)

        await client.shutdown()
        try await silent.close()
    }

    func testDeadlineExceededWhenTheNodeNeverAnswers() async throws {
        // Completes the handshake (no secret), then never answers a request.
        let silent = try await RPCFakeNode.start(mode: .none, behavior: .accept(proof: RPCHandshake.zeros(32)))
        let client = RemoteQueueStore(host: "127.0.0.1", port: silent.port, connections: 1, deadline: .milliseconds(200))

        let error = await storageError { try await client.ping() }
        guard case let .unavailable(reason) = error else {
            return XCTFail("expected .unavailable, got \(String(describing: error))")
        }
        XCTAssertTrue(reason.contains("deadline exceeded"), reason)
        XCTAssertFalse(silent.afterAnswer.value.isEmpty, "the request was sent after the handshake")

        await client.shutdown()
        await silent.stop()
    }

    func testInFlightCallsFailWhenTheConnectionDrops() async throws {
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                // Close every connection shortly after it opens, leaving requests unanswered.
                channel.eventLoop.scheduleTask(in: .milliseconds(100)) { channel.close(promise: nil) }
                return channel.eventLoop.makeSucceededVoidFuture()
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try XCTUnwrap(silent.localAddress?.port)
        let client = RemoteQueueStore(host: "127.0.0.1", port: port, connections: 1, deadline: .seconds(30))

        let started = ContinuousClock.now
        let error = await storageError { try await client.ping() }
        XCTAssertTrue(error?.isUnavailable ?? false, "\(String(describing: error))")
        XCTAssertLessThan(ContinuousClock.now - started, .seconds(10), "must not wait for the deadline")

        await client.shutdown()
        try await silent.close()
    }

    func testClientRecoversAfterTheServerRestartsOnTheSamePort() async throws {
        let node = try await startNode()
        let client = makeClient(node, deadline: .seconds(2))
        _ = try await client.postMessages(queue, clientID: "c", messages: [NewMessage(body: Array("1".utf8))], requestSize: 1)

        await node.server.shutdown()
        let down = await storageError { try await client.ping() }
        XCTAssertTrue(down?.isUnavailable ?? false, "\(String(describing: down))")

        let restarted = RPCServer(store: node.store, host: "127.0.0.1", port: node.port)
        let port = try await restarted.start()
        addTeardownBlock { await restarted.shutdown() }
        XCTAssertEqual(port, node.port)

        var recovered: QueueStats?
        let clock = ContinuousClock()
        let giveUp = clock.now.advanced(by: .seconds(10))
        while recovered == nil, clock.now < giveUp {
            recovered = try? await client.stats(queue)
            if recovered == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        XCTAssertEqual(recovered?.free, 1, "the client reconnects once the backoff elapses")
    }

    func testShutDownClientFailsWithUnavailable() async throws {
        let node = try await startNode()
        let client = node.client()
        try await client.ping()
        await client.shutdown()
        let error = await storageError { try await client.ping() }
        XCTAssertTrue(error?.isUnavailable ?? false)
    }
}
