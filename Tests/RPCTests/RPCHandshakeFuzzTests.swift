import NIOCore
import Shared
import XCTest

/// Thousands of random handshakes from a seeded generator against a real node: none crashes
/// it, none is executed, and an authenticated client is served throughout.
final class RPCHandshakeFuzzTests: XCTestCase {
    private static let rounds = 2_000
    private static let parallelPeers = 16

    func testRandomHandshakeBytesNeverCrashOrReachTheStore() async throws {
        let secret = RPCClusterSecret("fuzzed node secret")
        let node = try await startNode(security: RPCServerSecurity(clusterSecret: secret, handshakeTimeout: .milliseconds(200)))
        let client = makeClient(node, security: RPCClientSecurity(clusterSecret: secret))
        let queue = QueueRef(project: "fuzz", name: "target")
        let frame = RPCRawFrames.request(.createQueue(queue, metadata: .empty))

        var generator = SplitMix64(seed: 0x4855_5A5A_4845_5241)
        let inputs = (0..<Self.rounds).map { round in Self.input(round: round, frame: frame, using: &generator) }
        let clock = ContinuousClock()
        let giveUp = clock.now.advanced(by: .seconds(120))
        var refusals = 0
        var sent = 0
        for batch in stride(from: 0, to: inputs.count, by: Self.parallelPeers) where clock.now < giveUp {
            let slice = Array(inputs[batch..<min(batch + Self.parallelPeers, inputs.count)])
            refusals += try await withThrowingTaskGroup(of: Int.self) { group in
                for bytes in slice {
                    group.addTask { try await Self.send(bytes, to: node.port) }
                }
                return try await group.reduce(0, +)
            }
            sent += slice.count
            if batch % 400 == 0 { try await client.ping() }
        }

        XCTAssertEqual(sent, Self.rounds, "all rounds ran within the time bound")
        XCTAssertGreaterThan(refusals, Self.rounds / 4, "the node answered many fuzzed answers with a refusal")
        let metadata = try await node.store.queueMetadata(queue)
        XCTAssertNil(metadata, "no fuzzed connection executed a request")
        try await client.ping()
        let created = try await client.createQueue(queue, metadata: .empty)
        XCTAssertTrue(created, "the node still serves authenticated clients")
    }

    /// Random bytes of a random length; a third keep the answer's magic and version, a sixth are
    /// well-formed answers with a random proof followed by a request frame.
    private static func input(round: Int, frame: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        let length = Int(generator.next() % 160)
        var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        switch round % 6 {
        case 0, 1:
            if bytes.count >= 8 { bytes.replaceSubrange(0..<5, with: [0x48, 0x52, 0x48, 0x43, 1]) }
        case 2:
            var answer = ByteBuffer()
            let random = (0..<64).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            RPCClientAnswer(mode: .hmacSHA256, nonce: Array(random.prefix(32)), proof: Array(random.suffix(32))).encode(into: &answer)
            bytes = Array(answer.readableBytesView) + frame
        default:
            break
        }
        return bytes
    }

    /// Connects, sends, waits briefly for the node's reaction and hangs up; 1 when the node
    /// answered with the refusal byte.
    private static func send(_ bytes: [UInt8], to port: Int) async throws -> Int {
        let peer = try await RPCRawPeer.connect(port: port)
        await peer.send(bytes)
        if bytes.count >= RPCClientAnswer.encodedSize {
            _ = await peer.waitForBytes(RPCServerHello.encodedSize + 1, seconds: 2)
        }
        let received = peer.bytes
        await peer.close()
        XCTAssertLessThanOrEqual(received.count, RPCServerHello.encodedSize + 1, "never more than hello and refusal")
        return received.count == RPCServerHello.encodedSize + 1 && received.last == 0 ? 1 : 0
    }
}
