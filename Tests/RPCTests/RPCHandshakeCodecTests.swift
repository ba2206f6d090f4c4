import NIOCore
import Shared
import XCTest

/// The fixed-size handshake messages, the proofs and the loopback rule, without sockets.
final class RPCHandshakeCodecTests: XCTestCase {
    private let serverNonce = (0..<32).map { UInt8($0) }
    private let clientNonce = (0..<32).map { UInt8(200 - $0) }

    func testHelloRoundTripsInFortyBytes() throws {
        var buffer = ByteBuffer()
        let hello = RPCServerHello(mode: .hmacSHA256, nonce: serverNonce)
        hello.encode(into: &buffer)
        XCTAssertEqual(buffer.readableBytes, RPCServerHello.encodedSize)
        XCTAssertEqual(Array(buffer.readableBytesView.prefix(6)), [0x48, 0x52, 0x48, 0x53, 1, 1])
        XCTAssertEqual(try RPCServerHello.decode(from: &buffer), hello)
        XCTAssertEqual(buffer.readableBytes, 0)
    }

    func testAnswerRoundTripsInSeventyTwoBytes() throws {
        var buffer = ByteBuffer()
        let answer = RPCClientAnswer(mode: .hmacSHA256, nonce: clientNonce, proof: serverNonce)
        answer.encode(into: &buffer)
        XCTAssertEqual(buffer.readableBytes, RPCClientAnswer.encodedSize)
        XCTAssertEqual(try RPCClientAnswer.decode(from: &buffer), answer)

        var unauthenticated = ByteBuffer()
        RPCClientAnswer.unauthenticated.encode(into: &unauthenticated)
        let decoded = try XCTUnwrap(try RPCClientAnswer.decode(from: &unauthenticated))
        XCTAssertEqual(decoded.mode, .none)
        XCTAssertEqual(decoded.proof, RPCHandshake.zeros(32))
    }

    func testVerdictsRoundTrip() throws {
        var accepted = ByteBuffer()
        RPCServerVerdict.accepted(proof: clientNonce).encode(into: &accepted)
        XCTAssertEqual(accepted.readableBytes, RPCServerVerdict.acceptedSize)
        XCTAssertEqual(try RPCServerVerdict.decode(from: &accepted), .accepted(proof: clientNonce))

        var refused = ByteBuffer()
        RPCServerVerdict.refused.encode(into: &refused)
        XCTAssertEqual(Array(refused.readableBytesView), [0])
        XCTAssertEqual(try RPCServerVerdict.decode(from: &refused), .refused)
    }

    func testIncompleteMessagesWaitWithoutConsuming() throws {
        var wire = ByteBuffer()
        RPCClientAnswer(mode: .hmacSHA256, nonce: clientNonce, proof: serverNonce).encode(into: &wire)
        for cut in 0..<RPCClientAnswer.encodedSize {
            var partial = ByteBuffer(bytes: wire.readableBytesView.prefix(cut))
            XCTAssertNil(try RPCClientAnswer.decode(from: &partial), "cut at \(cut)")
            XCTAssertEqual(partial.readableBytes, cut, "nothing consumed at \(cut)")
        }
        var hello = ByteBuffer()
        RPCServerHello(mode: .none, nonce: serverNonce).encode(into: &hello)
        var partialHello = ByteBuffer(bytes: hello.readableBytesView.prefix(39))
        XCTAssertNil(try RPCServerHello.decode(from: &partialHello))
        var partialVerdict = ByteBuffer(bytes: [1] + serverNonce.prefix(10))
        XCTAssertNil(try RPCServerVerdict.decode(from: &partialVerdict))
        XCTAssertEqual(partialVerdict.readableBytes, 11)
    }

    func testBrokenPrefixIsRejectedBeforeTheMessageIsComplete() {
        var http = ByteBuffer(bytes: Array("GET ".utf8))
        XCTAssertThrowsError(try RPCClientAnswer.decode(from: &http)) { error in
            XCTAssertEqual(error as? RPCHandshakeError, .badMagic(0x4745_5420))
        }
        var oneByte = ByteBuffer(bytes: [0x00])
        XCTAssertThrowsError(try RPCClientAnswer.decode(from: &oneByte)) { error in
            XCTAssertEqual(error as? RPCHandshakeError, .badMagic(0))
        }
        var badVersion = ByteBuffer(bytes: [0x48, 0x52, 0x48, 0x43, 2])
        XCTAssertThrowsError(try RPCClientAnswer.decode(from: &badVersion)) { error in
            XCTAssertEqual(error as? RPCHandshakeError, .unsupportedVersion(2))
        }
        var badMode = ByteBuffer(bytes: [0x48, 0x52, 0x48, 0x53, 1, 3])
        XCTAssertThrowsError(try RPCServerHello.decode(from: &badMode)) { error in
            XCTAssertEqual(error as? RPCHandshakeError, .unknownMode(3))
        }
        var goodStart = ByteBuffer(bytes: [0x48, 0x52, 0x48, 0x43, 1, 1, 0])
        XCTAssertNil(try RPCClientAnswer.decode(from: &goodStart), "a valid prefix waits for the rest")
    }

    func testMalformedMessagesAreTypedErrors() {
        var hello = ByteBuffer()
        RPCServerHello(mode: .none, nonce: serverNonce).encode(into: &hello)
        var bytes = Array(hello.readableBytesView)

        bytes[0] = 0x47
        assertHelloError(bytes, .badMagic(0x4752_4853))
        bytes[0] = 0x48
        bytes[4] = 9
        assertHelloError(bytes, .unsupportedVersion(9))
        bytes[4] = 1
        bytes[5] = 7
        assertHelloError(bytes, .unknownMode(7))

        var answer = ByteBuffer(bytes: bytes + [UInt8](repeating: 0, count: 32))
        XCTAssertThrowsError(try RPCClientAnswer.decode(from: &answer)) { error in
            XCTAssertEqual(error as? RPCHandshakeError, .badMagic(RPCServerHello.magic), "a hello is no answer")
        }
        var verdict = ByteBuffer(bytes: [2])
        XCTAssertThrowsError(try RPCServerVerdict.decode(from: &verdict)) { error in
            XCTAssertEqual(error as? RPCHandshakeError, .badVerdict(2))
        }
    }

    func testProofsVerifyOnlyWithTheSameSecretAndNonces() throws {
        let secret = try XCTUnwrap(RPCClusterSecret("cluster secret"))
        let other = try XCTUnwrap(RPCClusterSecret("cluster secret "))
        let proof = secret.clientProof(serverNonce: serverNonce, clientNonce: clientNonce)
        XCTAssertEqual(proof.count, RPCHandshake.proofSize)
        XCTAssertTrue(secret.isValidClientProof(proof, serverNonce: serverNonce, clientNonce: clientNonce))
        XCTAssertFalse(other.isValidClientProof(proof, serverNonce: serverNonce, clientNonce: clientNonce))
        XCTAssertFalse(secret.isValidClientProof(proof, serverNonce: clientNonce, clientNonce: serverNonce))
        var flipped = proof
        flipped[31] ^= 1
        XCTAssertFalse(secret.isValidClientProof(flipped, serverNonce: serverNonce, clientNonce: clientNonce))
        XCTAssertFalse(secret.isValidClientProof(Array(proof.prefix(16)), serverNonce: serverNonce, clientNonce: clientNonce))

        let serverProof = secret.serverProof(clientNonce: clientNonce, serverNonce: serverNonce)
        XCTAssertNotEqual(serverProof, proof, "the two directions use different contexts")
        XCTAssertTrue(secret.isValidServerProof(serverProof, clientNonce: clientNonce, serverNonce: serverNonce))
        XCTAssertFalse(secret.isValidServerProof(proof, clientNonce: clientNonce, serverNonce: serverNonce), "a reflected client proof is no node proof")
        XCTAssertFalse(other.isValidServerProof(serverProof, clientNonce: clientNonce, serverNonce: serverNonce))
    }

    func testEmptySecretIsNoSecret() {
        XCTAssertNil(RPCClusterSecret(""))
        XCTAssertNotNil(RPCClusterSecret("x"))
    }

    func testLoopbackAddresses() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"] {
            XCTAssertTrue(RPCListenAddress.isLoopback(host), host)
        }
        for host in ["0.0.0.0", "10.0.0.1", "::", "128.0.0.1", "127.0.0.256", "127.0.0", "node1.example.com", "127.0.0.1.nip.io", ""] {
            XCTAssertFalse(RPCListenAddress.isLoopback(host), host)
        }
    }

    private func assertHelloError(_ bytes: [UInt8], _ expected: RPCHandshakeError, line: UInt = #line) {
        var buffer = ByteBuffer(bytes: bytes)
        XCTAssertThrowsError(try RPCServerHello.decode(from: &buffer), line: line) { error in
            XCTAssertEqual(error as? RPCHandshakeError, expected, line: line)
        }
    }
}
