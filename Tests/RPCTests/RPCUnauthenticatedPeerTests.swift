import NIOCore
import Shared
import XCTest

/// Raw sockets that skip, break or stall the handshake: the node refuses them, executes none of
/// their bytes as requests and keeps serving authenticated clients.
final class RPCUnauthenticatedPeerTests: XCTestCase {
    private let queue = QueueRef(project: "p", name: "never")
    private let secret = RPCClusterSecret("raw socket secret")

    private func startSecuredNode(timeout: Duration = .seconds(5)) async throws -> (RPCTestNode, RemoteQueueStore) {
        let node = try await startNode(security: RPCServerSecurity(clusterSecret: secret, handshakeTimeout: timeout))
        let client = makeClient(node, security: RPCClientSecurity(clusterSecret: secret))
        try await client.ping()
        return (node, client)
    }

    /// The node's hello, then the refusal byte, then the end of the connection.
    private func assertRefused(_ peer: RPCRawPeer, _ what: String, line: UInt = #line) async {
        let closed = await waitUntilClosed(peer.channel)
        XCTAssertTrue(closed, "the node must close a peer that sent \(what)", line: line)
        let received = peer.bytes
        XCTAssertEqual(received.count, RPCServerHello.encodedSize + 1, "hello and refusal for \(what): \(received)", line: line)
        XCTAssertEqual(received.last, 0, "refusal byte for \(what)", line: line)
        await peer.close()
    }

    private func assertNotExecuted(_ node: RPCTestNode, line: UInt = #line) async throws {
        let metadata = try await node.store.queueMetadata(queue)
        XCTAssertNil(metadata, "a request sent without authentication must never run", line: line)
    }

    func testRequestFrameWithoutHandshakeIsNeverExecuted() async throws {
        let (node, client) = try await startSecuredNode()
        let frame = RPCRawFrames.request(.createQueue(queue, metadata: .empty))
        // Padded past the answer size so the node judges it at once.
        let peer = try await RPCRawPeer.connect(port: node.port)
        await peer.send(frame + frame + frame + frame)
        await assertRefused(peer, "a request frame instead of an answer")
        try await assertNotExecuted(node)
        try await client.ping()
    }

    func testRequestAfterAWrongProofIsNeverExecuted() async throws {
        let (node, client) = try await startSecuredNode()
        let peer = try await RPCRawPeer.connect(port: node.port)
        let verdict = try await peer.authenticate(secret: RPCClusterSecret("not the secret"))
        XCTAssertEqual(verdict, 0, "refused")
        await peer.send(RPCRawFrames.request(.createQueue(queue, metadata: .empty)))
        await assertRefused(peer, "a wrong proof")
        try await assertNotExecuted(node)

        let anonymous = try await RPCRawPeer.connect(port: node.port)
        let refusal = try await anonymous.authenticate(secret: nil)
        XCTAssertEqual(refusal, 0, "an answer without proof is refused")
        await anonymous.send(RPCRawFrames.request(.createQueue(queue, metadata: .empty)))
        await assertRefused(anonymous, "no proof")
        try await assertNotExecuted(node)
        try await client.ping()
    }

    func testHandRolledHandshakeWithTheSecretReachesTheStore() async throws {
        let (node, _) = try await startSecuredNode()
        let peer = try await RPCRawPeer.connect(port: node.port)
        let verdict = try await peer.authenticate(secret: secret)
        XCTAssertEqual(verdict, 1, "accepted")
        await peer.send(RPCRawFrames.request(.createQueue(queue, metadata: .empty), id: 42))
        let answered = await peer.waitForBytes(RPCServerHello.encodedSize + RPCServerVerdict.acceptedSize + 4)
        XCTAssertGreaterThan(answered.count, RPCServerHello.encodedSize + RPCServerVerdict.acceptedSize, "a response frame follows")
        let metadata = try await node.store.queueMetadata(queue)
        XCTAssertNotNil(metadata, "the same frame runs once authenticated")
        await peer.close()
    }

    func testGarbageAndOversizedFramesAreRefused() async throws {
        let (node, client) = try await startSecuredNode()
        let inputs: [(String, [UInt8])] = [
            ("an HTTP request", Array("GET / HTTP/1.1\r\nHost: herald\r\nUser-Agent: scanner\r\nAccept: */*\r\n\r\n".utf8)),
            ("an oversized frame prefix", [0xFF, 0xFF, 0xFF, 0xFF] + [UInt8](repeating: 0x41, count: 200)),
            ("72 zero bytes", [UInt8](repeating: 0, count: RPCClientAnswer.encodedSize)),
            ("an answer with an unknown version", [0x48, 0x52, 0x48, 0x43, 9, 1, 0, 0] + [UInt8](repeating: 7, count: 64)),
            ("an answer with an unknown mode", [0x48, 0x52, 0x48, 0x43, 1, 5, 0, 0] + [UInt8](repeating: 7, count: 64)),
        ]
        let clock = ContinuousClock()
        let started = clock.now
        for (what, bytes) in inputs {
            let peer = try await RPCRawPeer.connect(port: node.port)
            await peer.send(bytes)
            await assertRefused(peer, what)
            try await client.ping()
        }
        XCTAssertLessThan(clock.now - started, .seconds(4), "refused at once, not at the 5 s handshake deadline")
        try await assertNotExecuted(node)
    }

    func testOversizedFrameAfterAuthenticationClosesOnlyThatConnection() async throws {
        let (node, client) = try await startSecuredNode()
        let peer = try await RPCRawPeer.connect(port: node.port)
        let verdict = try await peer.authenticate(secret: secret)
        XCTAssertEqual(verdict, 1)
        await peer.send([0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3])
        let closed = await waitUntilClosed(peer.channel)
        XCTAssertTrue(closed, "the frame decoder drops an oversized frame")
        await peer.close()
        try await client.ping()
    }

    func testTruncatedAnswerAndSilenceHitTheHandshakeDeadline() async throws {
        let (node, client) = try await startSecuredNode(timeout: .milliseconds(300))
        let silent = try await RPCRawPeer.connect(port: node.port)
        let truncated = try await RPCRawPeer.connect(port: node.port)
        var answer = ByteBuffer()
        RPCClientAnswer(mode: .hmacSHA256, nonce: RPCHandshake.zeros(32), proof: RPCHandshake.zeros(32)).encode(into: &answer)
        await truncated.send(Array(answer.readableBytesView.prefix(40)))
        let frameOnly = try await RPCRawPeer.connect(port: node.port)
        await frameOnly.send(RPCRawFrames.request(.ping))  // refused at its first byte, not by the deadline

        await assertRefused(silent, "nothing")
        await assertRefused(truncated, "a truncated answer")
        await assertRefused(frameOnly, "a short request frame")
        try await assertNotExecuted(node)
        try await client.ping()
    }

    func testPeerThatHangsUpMidHandshakeDoesNotDisturbTheNode() async throws {
        let (node, client) = try await startSecuredNode()
        for length in [0, 1, 4, 39, 71] {
            let peer = try await RPCRawPeer.connect(port: node.port)
            await peer.send([UInt8](repeating: 0x48, count: length))
            await peer.close()
        }
        try await client.ping()
        let created = try await client.createQueue(queue, metadata: .empty)
        XCTAssertTrue(created)
    }
}
