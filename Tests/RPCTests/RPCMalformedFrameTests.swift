import NIOCore
import Shared
import XCTest

final class RPCMalformedFrameTests: XCTestCase {
    /// A frame body: header fields as given, then `payload`.
    private func frame(
        magic: UInt16 = RPCFrameHeader.magic, version: UInt8 = 1, kind: UInt8 = 0, opcode: UInt8, id: UInt64 = 9,
        payload: [UInt8] = []
    ) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeInteger(magic)
        buffer.writeInteger(version)
        buffer.writeInteger(kind)
        buffer.writeInteger(opcode)
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(id)
        buffer.writeBytes(payload)
        return buffer
    }

    /// The payload of a valid request, without header.
    private func payload(of request: NodeRequest) -> [UInt8] {
        var wire = ByteBuffer()
        RPCMessageCodec.encodeRequest(request, id: 1, into: &wire)
        return Array(wire.readableBytesView.dropFirst(RPCMessageCodec.lengthPrefixSize + RPCFrameHeader.encodedSize))
    }

    private func assertRequestError(_ frame: ByteBuffer, _ expected: RPCDecodingError, line: UInt = #line) {
        XCTAssertThrowsError(try RPCMessageCodec.decodeRequest(frame: frame), line: line) { error in
            XCTAssertEqual(error as? RPCDecodingError, expected, line: line)
        }
    }

    private var pingOpcode: UInt8 { NodeRequest.Opcode.ping.rawValue }

    func testBadMagicIsRejected() {
        assertRequestError(frame(magic: 0x4854, opcode: pingOpcode), .badMagic(0x4854))
    }

    func testUnknownVersionIsRejected() {
        assertRequestError(frame(version: 2, opcode: pingOpcode), .unsupportedVersion(2))
    }

    func testUnknownOpcodeIsRejected() {
        assertRequestError(frame(opcode: 0), .unknownOpcode(0))
        assertRequestError(frame(opcode: 200), .unknownOpcode(200))
        XCTAssertThrowsError(try RPCMessageCodec.decodeResponse(frame: frame(kind: 1, opcode: 99))) { error in
            XCTAssertEqual(error as? RPCDecodingError, .unknownOpcode(99))
        }
    }

    func testWrongKindIsRejected() {
        assertRequestError(frame(kind: 1, opcode: pingOpcode), .unexpectedKind(1))
        assertRequestError(frame(kind: 7, opcode: pingOpcode), .unexpectedKind(7))
        XCTAssertThrowsError(try RPCMessageCodec.decodeResponse(frame: frame(kind: 0, opcode: 1))) { error in
            XCTAssertEqual(error as? RPCDecodingError, .unexpectedKind(0))
        }
    }

    func testShortHeaderIsRejected() {
        var buffer = ByteBuffer()
        buffer.writeBytes([0x48, 0x52, 1])
        assertRequestError(buffer, .frameTooShort(length: 3))
    }

    func testEveryTruncationOfEveryRequestFailsWithoutCrashing() {
        for request in RPCFixtures.requests where request != .ping {
            let full = payload(of: request)
            for cut in 0..<full.count {
                let truncated = frame(opcode: request.opcode.rawValue, payload: Array(full.prefix(cut)))
                XCTAssertThrowsError(try RPCMessageCodec.decodeRequest(frame: truncated), "\(request) cut at \(cut)")
            }
        }
    }

    func testEveryTruncationOfEveryResponseFailsWithoutCrashing() {
        for response in RPCFixtures.responses {
            var wire = ByteBuffer()
            RPCMessageCodec.encodeResponse(response, id: 1, into: &wire)
            let body = Array(wire.readableBytesView.dropFirst(RPCMessageCodec.lengthPrefixSize))
            for cut in 0..<body.count {
                var truncated = ByteBuffer()
                truncated.writeBytes(body.prefix(cut))
                XCTAssertThrowsError(try RPCMessageCodec.decodeResponse(frame: truncated), "\(response) cut at \(cut)")
            }
        }
    }

    func testTrailingBytesAreRejected() {
        let payload = payload(of: .stats(RPCFixtures.queue)) + [0]
        assertRequestError(frame(opcode: NodeRequest.Opcode.stats.rawValue, payload: payload), .trailingBytes(count: 1))
    }

    func testHugeDeclaredStringLengthIsRejectedBeforeAllocation() {
        var payload = ByteBuffer()
        payload.writeInteger(UInt32.max)
        payload.writeBytes([0x61, 0x62])
        assertRequestError(
            frame(opcode: NodeRequest.Opcode.stats.rawValue, payload: Array(payload.readableBytesView)),
            .lengthExceedsPayload(field: "queue.project", declared: Int(UInt32.max))
        )
    }

    func testHugeDeclaredArrayCountIsRejectedBeforeAllocation() {
        // 1000 ids declared, only 8 bytes follow: at most 2 empty strings could fit.
        var payload = ByteBuffer()
        var prefix = ByteBuffer()
        RPCMessageCodec.encodeRequest(.getMessages(RPCFixtures.queue, ids: []), id: 1, into: &prefix)
        let queueBytes = Array(prefix.readableBytesView.dropFirst(RPCMessageCodec.lengthPrefixSize + RPCFrameHeader.encodedSize).dropLast(4))
        payload.writeBytes(queueBytes)
        payload.writeInteger(UInt32(1000))
        payload.writeBytes([0, 0, 0, 0, 0, 0, 0, 0])
        assertRequestError(
            frame(opcode: NodeRequest.Opcode.getMessages.rawValue, payload: Array(payload.readableBytesView)),
            .lengthExceedsPayload(field: "get.ids", declared: 1000)
        )
    }

    func testHugeMessageCountInResponseIsRejected() {
        var payload = ByteBuffer()
        payload.writeInteger(UInt32(1_000_000))
        payload.writeBytes(Array(repeating: 0, count: 100))
        var body = frame(kind: 1, opcode: NodeResponse.Opcode.messages.rawValue)
        body.writeBuffer(&payload)
        XCTAssertThrowsError(try RPCMessageCodec.decodeResponse(frame: body)) { error in
            XCTAssertEqual(error as? RPCDecodingError, .lengthExceedsPayload(field: "messages", declared: 1_000_000))
        }
    }

    func testInvalidUTF8IsRejected() {
        for invalid: [UInt8] in [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0x61, 0xF0, 0x90, 0x80]] {
            var payload = ByteBuffer()
            payload.writeInteger(UInt32(invalid.count))
            payload.writeBytes(invalid)
            payload.writeInteger(UInt32(1))
            payload.writeBytes([0x71])
            assertRequestError(
                frame(opcode: NodeRequest.Opcode.stats.rawValue, payload: Array(payload.readableBytesView)),
                .invalidUTF8(field: "queue.project")
            )
        }
    }

    func testInvalidBooleanAndErrorTagAreRejected() {
        var purge = payload(of: .purge(RPCFixtures.queue, messages: true, subscriptions: true))
        purge[purge.count - 1] = 2
        assertRequestError(frame(opcode: NodeRequest.Opcode.purge.rawValue, payload: purge), .invalidValue(field: "purge.subscriptions"))

        let failure = frame(kind: 1, opcode: NodeResponse.Opcode.failure.rawValue, payload: [77])
        XCTAssertThrowsError(try RPCMessageCodec.decodeResponse(frame: failure)) { error in
            XCTAssertEqual(error as? RPCDecodingError, .invalidValue(field: "error.tag"))
        }
    }

    func testOversizedLengthPrefixIsRejectedBeforeBuffering() {
        var wire = ByteBuffer()
        wire.writeInteger(UInt32(16 * 1024 * 1024 + 1))
        wire.writeBytes([1, 2, 3])
        XCTAssertThrowsError(try RPCFrameDecoder().nextFrame(from: &wire)) { error in
            XCTAssertEqual(error as? RPCDecodingError, .frameTooLarge(length: 16 * 1024 * 1024 + 1, limit: 16 * 1024 * 1024))
        }

        var small = ByteBuffer()
        small.writeInteger(UInt32(200))
        XCTAssertThrowsError(try RPCFrameDecoder(maxFrameSize: 100).nextFrame(from: &small)) { error in
            XCTAssertEqual(error as? RPCDecodingError, .frameTooLarge(length: 200, limit: 100))
        }
    }

    func testLengthPrefixShorterThanHeaderIsRejected() {
        var wire = ByteBuffer()
        wire.writeInteger(UInt32(3))
        wire.writeBytes([1, 2, 3])
        XCTAssertThrowsError(try RPCFrameDecoder().nextFrame(from: &wire)) { error in
            XCTAssertEqual(error as? RPCDecodingError, .frameTooShort(length: 3))
        }
    }

    func testRandomGarbageNeverCrashesTheDecoders() {
        var generator = SplitMix64(seed: 0x4845_5241_4C44)
        var decodedCount = 0
        for round in 0..<20_000 {
            let length = Int(generator.next() % 96)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 0, bytes.count >= RPCFrameHeader.encodedSize {
                // Keep a valid header half of the time so the payload decoders get exercised.
                bytes[0] = 0x48
                bytes[1] = 0x52
                bytes[2] = 1
                bytes[3] = UInt8(round % 4 == 0 ? 0 : 1)
                bytes[4] = UInt8(1 + generator.next() % 17)
            }
            var frame = ByteBuffer()
            frame.writeBytes(bytes)
            if (try? RPCMessageCodec.decodeRequest(frame: frame)) != nil { decodedCount += 1 }
            if (try? RPCMessageCodec.decodeResponse(frame: frame)) != nil { decodedCount += 1 }
            var stream = ByteBuffer()
            stream.writeBytes(bytes)
            _ = try? RPCFrameDecoder(maxFrameSize: 64).nextFrame(from: &stream)
        }
        // Garbage occasionally forms a valid frame (e.g. ping); it must never be most of it.
        XCTAssertLessThan(decodedCount, 10_000)
    }
}

/// A small deterministic random generator, so garbage tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
